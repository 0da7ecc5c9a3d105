-- Readings partitioned by year; 2024 is partitioned by sensor itself. The partitions existed when
-- the rule on values came (NOT VALID: old rows break it), so each holds a NOT VALID copy of it.
CREATE TABLE public.readings (
    id bigint NOT NULL,
    sensor integer NOT NULL,
    taken date NOT NULL,
    value numeric NOT NULL,
    CONSTRAINT readings_pkey PRIMARY KEY (id, taken, sensor),
    CONSTRAINT readings_sensor_check CHECK (sensor > 0)
) PARTITION BY RANGE (taken);
CREATE TABLE public.readings_2024 PARTITION OF public.readings FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')
    PARTITION BY LIST (sensor);
CREATE TABLE public.readings_2024_s1 PARTITION OF public.readings_2024 FOR VALUES IN (1);
CREATE TABLE public.readings_2024_rest PARTITION OF public.readings_2024 DEFAULT;
CREATE TABLE public.readings_2025 PARTITION OF public.readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE public.readings_2026 PARTITION OF public.readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
INSERT INTO public.readings VALUES
    (1, 1, '2024-02-01', -5), (2, 7, '2024-03-01', 1), (3, 1, '2025-02-01', 3), (4, 2, '2025-03-01', -1),
    (5, 1, '2026-01-10', -4);
ALTER TABLE public.readings ADD CONSTRAINT readings_value_check CHECK (value >= 0) NOT VALID;
