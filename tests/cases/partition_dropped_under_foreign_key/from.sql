-- Orders partitioned by year, referenced by a foreign key from shipments (the key includes the
-- partition key, as PostgreSQL requires).
CREATE TABLE public.orders (
    id bigint NOT NULL,
    ordered_on date NOT NULL,
    total numeric(10,2),
    PRIMARY KEY (id, ordered_on)
) PARTITION BY RANGE (ordered_on);
CREATE TABLE public.orders_2024 PARTITION OF public.orders FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.orders_2025 PARTITION OF public.orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE public.shipments (
    id bigint PRIMARY KEY,
    order_id bigint NOT NULL,
    ordered_on date NOT NULL,
    FOREIGN KEY (order_id, ordered_on) REFERENCES public.orders (id, ordered_on)
);
INSERT INTO public.orders VALUES (1, '2024-03-01', 10), (2, '2025-03-01', 20);
INSERT INTO public.shipments VALUES (1, 2, '2025-03-01');
