create table public.orders (id bigint primary key, customer int not null, total numeric not null);
create materialized view public.customer_totals as
    select customer, sum(total) as total, count(*) as orders from public.orders group by customer;
create materialized view public.top_customers as
    select customer, total from public.customer_totals where total > 100;
-- a report that is refreshed by hand and was never populated
create materialized view public.stale_report as select customer from public.customer_totals with no data;
insert into public.orders values (1, 7, 80), (2, 7, 50), (3, 8, 10);
refresh materialized view public.customer_totals;
refresh materialized view public.top_customers;
