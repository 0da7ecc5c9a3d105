create table public.orders (id bigint not null, tenant text not null, total numeric not null) partition by list (tenant);
create table public.orders_acme partition of public.orders for values in ('acme');
create table public.orders_globex partition of public.orders for values in ('globex');
insert into public.orders values (1, 'acme', 10), (2, 'globex', 20);
