-- The default partition goes; its copies of the parent's checks go with it (they cannot be
-- dropped on their own), the parent keeps them.
CREATE TABLE public.readings (
    sensor_id integer NOT NULL,
    taken_on date NOT NULL,
    value numeric(8,2)
) PARTITION BY RANGE (taken_on);
CREATE TABLE public.readings_2025 PARTITION OF public.readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE TABLE public.readings_2026 PARTITION OF public.readings FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
ALTER TABLE public.readings ADD CONSTRAINT readings_sensor_positive CHECK (sensor_id > 0);
