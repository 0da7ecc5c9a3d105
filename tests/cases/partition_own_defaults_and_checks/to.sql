create table public.orders (id bigint not null, region text not null, currency text not null default 'USD', total numeric default 0)
  partition by list (region);
create table public.orders_eu partition of public.orders for values in ('EU');
create table public.orders_us partition of public.orders for values in ('US');
-- a partition's own default and a check only one partition has
alter table public.orders_eu alter column currency set default 'EUR';
-- a new partition with its own default, and one that keeps no default where the parent gets one
create table public.orders_mx partition of public.orders for values in ('MX');
alter table public.orders_mx alter column currency set default 'MXN';
alter table public.orders_us alter column total drop default;
alter table public.orders_us add constraint orders_us_currency_check check (currency = 'USD');
create table public.app_log (id bigint not null, level text not null default 'info', msg text);
-- an inheritance child's own column and its own default for an inherited one
create table public.app_log_jobs (job text not null default 'nightly') inherits (public.app_log);
alter table public.app_log_jobs alter column level set default 'debug';
