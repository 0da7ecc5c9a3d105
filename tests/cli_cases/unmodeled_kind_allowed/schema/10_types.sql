create type public.price_range as range (subtype = numeric);
create table public.orders (id bigint primary key, qty integer not null, band public.price_range);
