create domain public.positive_int as integer check (value > 0);
create table public.orders (id bigint primary key, qty public.positive_int not null);
