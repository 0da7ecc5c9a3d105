create table order_lines (
    id integer primary key,
    order_id integer not null,
    quantity integer not null,
    unit_price_cents integer not null
);

create function order_total_cents(p_order_id integer)
returns bigint
language sql
stable
as $$
    select coalesce(sum(quantity::bigint * unit_price_cents), 0)
    from order_lines
    where order_id = p_order_id
$$;
