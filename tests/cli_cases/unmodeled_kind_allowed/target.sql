create table public.orders (id bigint primary key, qty integer not null);
create aggregate public.total(integer) (sfunc = int4pl, stype = integer);
