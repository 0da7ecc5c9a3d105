CREATE TABLE public.readings (
  id integer NOT NULL,
  k integer NOT NULL
) PARTITION BY RANGE (k);

CREATE TABLE public.readings_low PARTITION OF public.readings FOR VALUES FROM (0) TO (100);

CREATE TABLE public.readings_high PARTITION OF public.readings FOR VALUES FROM (1000) TO (2000);

ALTER TABLE public.readings ADD CONSTRAINT readings_id_check CHECK (id <> 7777) NOT VALID;
