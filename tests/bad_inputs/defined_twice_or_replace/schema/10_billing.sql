create table public.invoices (id int primary key, total numeric not null);

create or replace function public.invoice_total(invoice int) returns numeric
  language sql stable as $$ select total from public.invoices where id = invoice $$;
