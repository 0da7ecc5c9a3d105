-- reconcile:renamed-from customers
create table public.accounts (
  id bigint primary key,
  -- reconcile:renamed-from email_addr
  email text not null,
  name text
);
-- reconcile:renamed-from customers_email_idx
create index accounts_email_idx on public.accounts (email);
