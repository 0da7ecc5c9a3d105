create table order_lines (
    id integer primary key,
    order_id integer not null,
    quantity integer not null,
    unit_price_cents integer not null
);

create function order_total_cents(p_order_id integer, p_discount_pct numeric)
returns bigint
language sql
stable
as $$
    select round(coalesce(sum(quantity::bigint * unit_price_cents), 0) * (1 - p_discount_pct / 100))::bigint
    from order_lines
    where order_id = p_order_id
$$;
