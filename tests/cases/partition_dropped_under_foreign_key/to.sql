-- The 2024 partition (no shipment refers to its rows) is dropped: PostgreSQL refuses to drop a
-- partition of a referenced table while attached, so it is detached first.
CREATE TABLE public.orders (
    id bigint NOT NULL,
    ordered_on date NOT NULL,
    total numeric(10,2),
    PRIMARY KEY (id, ordered_on)
) PARTITION BY RANGE (ordered_on);
CREATE TABLE public.orders_2025 PARTITION OF public.orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE public.shipments (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL,
    ordered_on date NOT NULL,
    FOREIGN KEY (order_id, ordered_on) REFERENCES public.orders (id, ordered_on)
);
