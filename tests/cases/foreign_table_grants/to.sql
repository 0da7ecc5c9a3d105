-- Grants on foreign tables and their columns (the privileges part's), on a wrapper and a server
-- (their descriptions'): a wrapper without handler or validator takes any option, so no
-- extension is needed. A foreign table whose options change is dropped and created again
-- (catalog_objects): its table and column grants come back; a new one gets its grants.
CREATE FOREIGN DATA WRAPPER ledger_wrapper;
GRANT USAGE ON FOREIGN DATA WRAPPER ledger_wrapper TO app_writer;
CREATE SERVER ledger FOREIGN DATA WRAPPER ledger_wrapper;
GRANT USAGE ON FOREIGN SERVER ledger TO app_reader;
CREATE FOREIGN TABLE public.entry (entry_id bigint NOT NULL, amount numeric(12,2), memo text)
  SERVER ledger OPTIONS (table_name 'entries_2025');
GRANT SELECT ON public.entry TO app_reader;
GRANT SELECT (entry_id, amount) ON public.entry TO app_writer;

CREATE FOREIGN TABLE public.account (account_id bigint NOT NULL, name text)
  SERVER ledger OPTIONS (table_name 'accounts');
GRANT SELECT ON public.account TO app_reader WITH GRANT OPTION;
GRANT SELECT (account_id) ON public.account TO app_writer;
