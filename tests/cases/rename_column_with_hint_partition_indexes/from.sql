create table public.orders (
    id bigint not null,
    placed date not null,
    customer int not null,
    total numeric(12, 2)
) partition by range (placed);
create table public.orders_2025 partition of public.orders for values from ('2025-01-01') to ('2026-01-01');
create table public.orders_2026 partition of public.orders for values from ('2026-01-01') to ('2027-01-01')
    partition by hash (customer);
create table public.orders_2026_h0 partition of public.orders_2026 for values with (modulus 2, remainder 0);
create table public.orders_2026_h1 partition of public.orders_2026 for values with (modulus 2, remainder 1);
-- built on the partition first under a name of its own, attached when the parent's index came
create index orders_2025_by_customer on public.orders_2025 (customer, placed);
-- the partitions' indexes are named by PostgreSQL after the column: orders_2026_customer_placed_idx, …
create index orders_customer_idx on public.orders (customer, placed);
insert into public.orders values (1, '2025-03-01', 7, 10.50), (2, '2026-02-01', 8, 3.00), (3, '2026-05-01', 9, null);
