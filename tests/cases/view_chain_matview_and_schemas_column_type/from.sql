create schema reporting;
create table public.orders (
    id bigint primary key,
    region text not null,
    total_cents integer not null,
    placed_at date not null
);
create view public.recent_orders as
    select id, region, total_cents, placed_at from public.orders where placed_at > '2020-01-01';
create materialized view reporting.region_totals as
    select region, sum(total_cents) as total_cents, count(*) as orders from public.recent_orders group by region;
create unique index region_totals_region on reporting.region_totals (region);
create view reporting.big_regions as
    select region, total_cents from reporting.region_totals where orders > 10;
create function public.order_label(o public.recent_orders) returns text
    language sql immutable
    as $$ select o.region || ':' || o.total_cents $$;
create view reporting.order_labels as
    select r.id, public.order_label(r) as label from public.recent_orders r;
insert into public.orders values (1, 'eu', 1000, '2024-01-01'), (2, 'us', 2000, '2024-02-01');
