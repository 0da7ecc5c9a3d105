-- The table renamed with a hint: PostgreSQL keeps the identity's sequence name (orders_id_seq),
-- a database built from this file calls it purchase_orders_id_seq.
-- reconcile:renamed-from orders
create table purchase_orders (
    id bigint generated always as identity primary key,
    placed_at timestamptz not null default now(),
    total_cents integer not null check (total_cents >= 0)
);
