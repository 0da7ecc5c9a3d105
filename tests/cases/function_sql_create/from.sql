create table order_lines (
    id integer primary key,
    order_id integer not null,
    quantity integer not null,
    unit_price_cents integer not null
);
