create type public.price_range;
create table public.orders (id bigint primary key, qty integer not null, note text);
