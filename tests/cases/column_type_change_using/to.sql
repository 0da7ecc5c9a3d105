create table public.products (id bigint primary key, stock integer not null);
