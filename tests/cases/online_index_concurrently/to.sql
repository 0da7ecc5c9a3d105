create table orders (
    id bigint primary key,
    customer_id integer not null,
    placed_at timestamptz not null,
    note text
);
create index orders_customer_placed_idx on orders (customer_id, placed_at desc);
create unique index orders_note_key on orders (note) where note is not null;
