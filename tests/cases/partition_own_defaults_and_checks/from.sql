create table public.orders (id bigint not null, region text not null, currency text not null default 'USD', total numeric)
  partition by list (region);
create table public.orders_eu partition of public.orders for values in ('EU');
create table public.orders_us partition of public.orders for values in ('US');
insert into public.orders (id, region, currency, total) values (1, 'EU', 'EUR', 10), (2, 'US', 'USD', 20);
create table public.app_log (id bigint not null, level text not null default 'info', msg text);
create table public.app_log_jobs () inherits (public.app_log);
insert into public.app_log_jobs (id, msg) values (1, 'started');
