create table public.payments (id bigint not null, paid date not null, amount numeric not null) partition by range (paid);
create table public.payments_2025 partition of public.payments for values from ('2025-01-01') to ('2026-01-01');
create table public.payments_2026 partition of public.payments for values from ('2026-01-01') to ('2027-01-01');
-- old rows break the new rule: the check is declared NOT VALID
insert into public.payments values (1, '2025-02-01', -5), (2, '2026-03-01', 20);
