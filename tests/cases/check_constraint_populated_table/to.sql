create table public.payments (
  id bigint primary key,
  amount_cents integer not null,
  constraint payments_amount_positive check (amount_cents > 0)
);
