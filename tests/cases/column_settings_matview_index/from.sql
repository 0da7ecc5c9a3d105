create table orders (
    id bigint generated always as identity primary key,
    customer_email text not null,
    placed_at timestamptz not null,
    total numeric(12, 2) not null
);
create index orders_email_lower_idx on orders (lower(customer_email));
create index orders_rounded_total_idx on orders (round(total), placed_at);
alter index orders_rounded_total_idx alter column 1 set statistics 400;

create materialized view order_totals as
    select customer_email, sum(total) as spent, count(*) as orders from orders group by customer_email;
alter materialized view order_totals alter column spent set statistics 50;

create materialized view daily_orders as
    select date_trunc('day', placed_at) as day, count(*) as n from orders group by 1;
alter materialized view daily_orders alter column day set statistics 150;
