CREATE FOREIGN DATA WRAPPER ledger_wrapper;
CREATE SERVER ledger FOREIGN DATA WRAPPER ledger_wrapper;
CREATE FOREIGN TABLE public.entry (entry_id bigint NOT NULL, amount numeric(12,2), memo text)
  SERVER ledger OPTIONS (table_name 'entries_2024');
GRANT SELECT ON public.entry TO app_reader;
GRANT SELECT (entry_id, amount) ON public.entry TO app_writer;
