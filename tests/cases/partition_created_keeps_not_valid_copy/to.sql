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
ALTER TABLE public.readings ADD CONSTRAINT readings_value_check CHECK (value >= 0) NOT VALID;
-- 2026 was loaded alone from an import, given the value rule NOT VALID (its rows are not checked)
-- and attached: it keeps a NOT VALID copy of the parent's value check, a valid one of the sensor
-- check, and its own key and index, attached to the parent's. CREATE TABLE … PARTITION OF would
-- give it a valid copy of the value check.
CREATE TABLE public.readings_2026 (
    id bigint NOT NULL,
    sensor integer NOT NULL,
    taken date NOT NULL,
    value numeric NOT NULL,
    CONSTRAINT readings_2026_pkey PRIMARY KEY (id, taken, sensor),
    CONSTRAINT readings_sensor_check CHECK (sensor > 0)
);
CREATE INDEX readings_2026_sensor_idx ON public.readings_2026 (sensor);
ALTER TABLE public.readings_2026 ADD CONSTRAINT readings_value_check CHECK (value >= 0) NOT VALID;
ALTER TABLE public.readings ATTACH PARTITION public.readings_2026 FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
-- A new sensor's readings of 2025 came the same way, into a partition of 2025 of their own.
CREATE TABLE public.readings_2025_s3 (
    id bigint NOT NULL,
    sensor integer NOT NULL,
    taken date NOT NULL,
    value numeric NOT NULL,
    CONSTRAINT readings_sensor_check CHECK (sensor > 0)
);
ALTER TABLE public.readings_2025_s3 ADD CONSTRAINT readings_value_check CHECK (value >= 0) NOT VALID;
ALTER TABLE public.readings_2025 ATTACH PARTITION public.readings_2025_s3 FOR VALUES IN (3);
