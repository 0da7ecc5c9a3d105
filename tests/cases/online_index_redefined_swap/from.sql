create table orders (id bigint primary key, customer text not null, placed_at timestamptz not null default now());
insert into orders (id, customer) select g, 'c' || (g % 50) from generate_series(1, 2000) g;
create index orders_customer_idx on orders (customer);
