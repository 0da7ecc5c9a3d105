create table public.orders (id bigint primary key, qty integer not null);
create aggregate public.total(integer) (sfunc = int4pl, stype = integer);
create table public.legacy_events (id bigint primary key);
