-- pricing moves elsewhere: the quantity and the generated total go, the price stays
create table public.order_lines (
    id bigint primary key,
    unit_price numeric(10, 2) not null,
    note text
);
