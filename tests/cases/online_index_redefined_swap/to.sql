create table orders (id bigint primary key, customer text not null, placed_at timestamptz not null default now());
create index orders_customer_idx on orders (customer, placed_at desc);
