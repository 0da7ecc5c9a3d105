create table public.accounts (id bigint primary key);
insert into public.accounts values (1), (2);
create table public.ledger (
  id bigint not null,
  account bigint not null references public.accounts (id),
  booked date not null,
  amount numeric not null constraint ledger_amount_check check (amount <> 0),
  primary key (id, booked)
) partition by range (booked);
create table public.ledger_2025 partition of public.ledger for values from ('2025-01-01') to ('2026-01-01');
create table public.ledger_2026 partition of public.ledger for values from ('2026-01-01') to ('2027-01-01');
insert into public.ledger values (1, 1, '2025-02-01', 10), (2, 2, '2026-07-01', -5);
