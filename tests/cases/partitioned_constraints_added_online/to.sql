create table public.customers (id bigint primary key);
create table public.invoices (id bigint not null, customer bigint not null, issued date not null, amount numeric not null,
  constraint invoices_amount_check check (amount > 0),
  constraint invoices_customer_fkey foreign key (customer) references public.customers (id))
  partition by range (issued);
create table public.invoices_2025 partition of public.invoices for values from ('2025-01-01') to ('2026-01-01');
create table public.invoices_2026 partition of public.invoices for values from ('2026-01-01') to ('2027-01-01');
create table public.notes (id bigint not null, body text not null, constraint notes_body_check check (body <> ''));
create table public.notes_archived () inherits (public.notes);
