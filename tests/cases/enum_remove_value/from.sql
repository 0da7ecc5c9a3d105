create type order_status as enum ('pending', 'paid', 'shipped', 'cancelled');

create table orders (
    id integer primary key,
    placed_at timestamptz not null default now(),
    status order_status not null default 'pending'
);
