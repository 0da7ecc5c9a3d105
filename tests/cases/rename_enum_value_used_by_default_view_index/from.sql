create type public.order_status as enum ('pending', 'shipped', 'cancelled');
create table public.orders (
    id bigint primary key,
    status public.order_status not null default 'pending',
    constraint orders_not_cancelled_twice check (status <> 'cancelled' or id > 0)
);
create index orders_open_idx on public.orders (id) where status = 'pending';
create view public.open_orders as select id from public.orders where status = 'pending';
insert into public.orders values (1, 'pending'), (2, 'shipped'), (3, 'cancelled');
