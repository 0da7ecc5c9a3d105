create table public.orders (id bigint primary key, qty integer not null);
