create table public.order_lines (
    id bigint primary key,
    quantity integer not null,
    unit_price numeric(10, 2) not null,
    -- generated from the two columns before it, and named after them (migra drops in name order)
    subtotal numeric(12, 2) generated always as (quantity * unit_price) stored,
    note text
);
insert into public.order_lines (id, quantity, unit_price, note) values (1, 2, 9.50, 'gift'), (2, 1, 120.00, null);
