create table public.orders (id bigint primary key, customer int not null, total numeric not null);
create materialized view public.customer_totals as
    select customer, sum(total) as total, count(*) as orders from public.orders group by customer;
-- re-defined over the kept (populated) one: created WITH DATA, it reads it
create materialized view public.top_customers as
    select customer, total, orders from public.customer_totals where total > 100;
create materialized view public.stale_report as select customer from public.customer_totals with no data;
