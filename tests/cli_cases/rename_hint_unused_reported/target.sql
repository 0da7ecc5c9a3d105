create table public.items (id bigint primary key, qty integer);
