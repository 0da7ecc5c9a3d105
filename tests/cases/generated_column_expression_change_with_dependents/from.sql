create table order_lines (
    id integer primary key,
    quantity integer not null,
    unit_price_cents integer not null,
    total_cents bigint generated always as (quantity::bigint * unit_price_cents) stored,
    constraint order_lines_total_not_negative check (total_cents >= 0)
);

create index order_lines_total_cents_idx on order_lines (total_cents);
create index order_lines_quantity_total_idx on order_lines (quantity, total_cents) where total_cents > 0;

create view large_order_lines as
    select id, total_cents from order_lines where total_cents > 100000;

create view large_order_totals as
    select count(*) as lines, sum(total_cents) as total_cents from large_order_lines;

insert into order_lines (id, quantity, unit_price_cents) values (1, 2, 500), (2, 1000, 250);
