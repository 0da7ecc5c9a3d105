create table public.orders (id bigint not null, placed date not null, total numeric, primary key (id, placed)) partition by range (placed);
create table public.orders_2025 partition of public.orders for values from ('2025-01-01') to ('2026-01-01');
create table public.orders_2026 partition of public.orders for values from ('2026-01-01') to ('2027-01-01');
