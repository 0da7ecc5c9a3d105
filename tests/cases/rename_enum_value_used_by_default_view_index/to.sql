create type public.order_status as enum (
    -- reconcile:renamed-from pending
    'open',
    'shipped',
    -- reconcile:renamed-from cancelled
    'canceled'
);
create table public.orders (
    id bigint primary key,
    status public.order_status not null default 'open',
    constraint orders_not_cancelled_twice check (status <> 'canceled' or id > 0)
);
create index orders_open_idx on public.orders (id) where status = 'open';
create view public.open_orders as select id from public.orders where status = 'open';
