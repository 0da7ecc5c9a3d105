-- 2024 and 2026 are dropped (their rows with them); 2025 and the parent's NOT VALID check stay.
-- The rollback creates them again, each holding a NOT VALID copy of the check as before.
CREATE TABLE public.readings (
    id bigint NOT NULL,
    sensor integer NOT NULL,
    taken date NOT NULL,
    value numeric NOT NULL,
    CONSTRAINT readings_pkey PRIMARY KEY (id, taken, sensor),
    CONSTRAINT readings_sensor_check CHECK (sensor > 0)
) PARTITION BY RANGE (taken);
CREATE TABLE public.readings_2025 PARTITION OF public.readings FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
ALTER TABLE public.readings ADD CONSTRAINT readings_value_check CHECK (value >= 0) NOT VALID;
