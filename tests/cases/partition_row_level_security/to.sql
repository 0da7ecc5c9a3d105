create table public.orders (id bigint not null, tenant text not null, total numeric not null) partition by list (tenant);
create table public.orders_acme partition of public.orders for values in ('acme');
create table public.orders_globex partition of public.orders for values in ('globex');
-- row level security is each table's own: queries through the parent use the parent's policies,
-- queries on a partition directly use the partition's
alter table public.orders enable row level security;
create policy orders_tenant on public.orders using (tenant = current_setting('app.tenant', true));
alter table public.orders_acme enable row level security;
alter table public.orders_globex enable row level security;
alter table public.orders_globex force row level security;
