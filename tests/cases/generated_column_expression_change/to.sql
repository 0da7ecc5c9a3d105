create table order_lines (
    id integer primary key,
    quantity integer not null,
    unit_price_cents integer not null,
    total_cents bigint generated always as (quantity::bigint * unit_price_cents + 100) stored
);
