create table public.orders (id bigint primary key, status text not null);
create table public.customers (id bigint primary key, email text);
