-- Readings partitioned by year (2025 by sensor too), with a key, an index and a default partition.
-- The rule on values came late and does not hold for the old rows: the parent's check is NOT
-- VALID, and so are the copies of the partitions that existed when it was added.
CREATE TABLE public.readings (
    id bigint GENERATED ALWAYS AS IDENTITY,
    sensor integer NOT NULL,
    taken date NOT NULL,
    value numeric NOT NULL,
    CONSTRAINT readings_pkey PRIMARY KEY (id, taken, sensor),
    CONSTRAINT readings_sensor_check CHECK (sensor > 0)
) PARTITION BY RANGE (taken);
CREATE INDEX readings_sensor_idx ON public.readings (sensor);
CREATE TABLE public.readings_2025 PARTITION OF public.readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')
    PARTITION BY LIST (sensor);
CREATE TABLE public.readings_2025_s1 PARTITION OF public.readings_2025 FOR VALUES IN (1);
CREATE TABLE public.readings_2025_rest PARTITION OF public.readings_2025 DEFAULT;
CREATE TABLE public.readings_other PARTITION OF public.readings DEFAULT;
INSERT INTO public.readings OVERRIDING SYSTEM VALUE VALUES (1, 1, '2025-02-01', 3), (2, 2, '2025-03-01', -1), (3, 1, '2030-01-01', -2);
ALTER TABLE public.readings ADD CONSTRAINT readings_value_check CHECK (value >= 0) NOT VALID;
