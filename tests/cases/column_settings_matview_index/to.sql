create table orders (
    id bigint generated always as identity primary key,
    customer_email text not null,
    placed_at timestamptz not null,
    total numeric(12, 2) not null
);
create index orders_email_lower_idx on orders (lower(customer_email));
alter index orders_email_lower_idx alter column 1 set statistics 1000;
create index orders_rounded_total_idx on orders (round(total), placed_at);

create materialized view order_totals as
    select customer_email, sum(total) as spent, count(*) as orders from orders group by customer_email;
alter materialized view order_totals alter column customer_email set statistics 500;
alter materialized view order_totals alter column customer_email set storage main;

-- its query changes: the view is re-created and gets its column's setting back
create materialized view daily_orders as
    select date_trunc('day', placed_at) as day, count(*) as n, sum(total) as revenue from orders group by 1;
alter materialized view daily_orders alter column day set statistics 150;
