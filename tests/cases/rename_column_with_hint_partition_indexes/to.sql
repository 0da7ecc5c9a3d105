create table public.orders (
    id bigint not null,
    placed date not null,
    -- reconcile:renamed-from customer
    customer_id int not null,
    total numeric(12, 2)
) partition by range (placed);
create table public.orders_2025 partition of public.orders for values from ('2025-01-01') to ('2026-01-01');
create table public.orders_2026 partition of public.orders for values from ('2026-01-01') to ('2027-01-01')
    partition by hash (customer_id);
create table public.orders_2026_h0 partition of public.orders_2026 for values with (modulus 2, remainder 0);
create table public.orders_2026_h1 partition of public.orders_2026 for values with (modulus 2, remainder 1);
-- the partitions' indexes take the names PostgreSQL gives them now: orders_2025_customer_id_placed_idx, …
create index orders_customer_idx on public.orders (customer_id, placed);
