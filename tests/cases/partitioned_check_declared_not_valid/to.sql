create table public.payments (id bigint not null, paid date not null, amount numeric not null) partition by range (paid);
create table public.payments_2025 partition of public.payments for values from ('2025-01-01') to ('2026-01-01');
create table public.payments_2026 partition of public.payments for values from ('2026-01-01') to ('2027-01-01');
alter table public.payments add constraint payments_amount_check check (amount > 0) not valid;
