create table public.products (id bigint primary key);
create table public.sales (id bigint not null, product bigint not null, sold date not null) partition by range (sold);
create table public.sales_2025 partition of public.sales for values from ('2025-01-01') to ('2026-01-01');
create table public.sales_2026 partition of public.sales for values from ('2026-01-01') to ('2027-01-01');
-- PostgreSQL 18 allows NOT VALID foreign keys on partitioned tables
alter table public.sales add constraint sales_product_fkey foreign key (product) references public.products (id) not valid;
