create table public.products (id bigint primary key);
insert into public.products values (1);
create table public.sales (id bigint not null, product bigint not null, sold date not null) partition by range (sold);
create table public.sales_2025 partition of public.sales for values from ('2025-01-01') to ('2026-01-01');
create table public.sales_2026 partition of public.sales for values from ('2026-01-01') to ('2027-01-01');
-- product 7 is gone: the foreign key is declared NOT VALID
insert into public.sales values (1, 1, '2025-02-01'), (2, 7, '2026-03-01');
