-- Measurements partitioned by range with a default partition; the parent's check reaches every
-- partition.
CREATE TABLE public.readings (
    sensor_id integer NOT NULL,
    taken_on date NOT NULL,
    value numeric(8,2)
) PARTITION BY RANGE (taken_on);
CREATE TABLE public.readings_2025 PARTITION OF public.readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE public.readings_2026 PARTITION OF public.readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
CREATE TABLE public.readings_other PARTITION OF public.readings DEFAULT;
ALTER TABLE public.readings ADD CONSTRAINT readings_sensor_positive CHECK (sensor_id > 0);
INSERT INTO public.readings VALUES (1, '2025-03-01', 1.5), (2, '2026-03-01', 2.5);
