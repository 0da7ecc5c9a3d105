create table public.shipments (id bigint primary key);
