create domain public.positive_cents as integer default 0 not null constraint positive_cents_check check (value >= 0);
create table public.products (id bigint primary key, price public.positive_cents);
