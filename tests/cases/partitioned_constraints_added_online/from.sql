create table public.customers (id bigint primary key);
insert into public.customers values (1), (2);
create table public.invoices (id bigint not null, customer bigint not null, issued date not null, amount numeric not null)
  partition by range (issued);
create table public.invoices_2025 partition of public.invoices for values from ('2025-01-01') to ('2026-01-01');
create table public.invoices_2026 partition of public.invoices for values from ('2026-01-01') to ('2027-01-01');
insert into public.invoices values (1, 1, '2025-02-01', 10), (2, 2, '2026-03-01', 20);
create table public.notes (id bigint not null, body text not null);
create table public.notes_archived () inherits (public.notes);
insert into public.notes_archived values (1, 'old');
