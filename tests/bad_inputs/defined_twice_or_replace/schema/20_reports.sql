-- someone "fixed" the function in another file: with OR REPLACE the later one would silently win
create or replace function public.invoice_total(invoice integer) returns numeric
  language sql stable as $$ select coalesce(total, 0) from public.invoices where id = invoice $$;
