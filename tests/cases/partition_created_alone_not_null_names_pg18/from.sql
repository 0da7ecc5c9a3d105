CREATE TABLE public.readings (
  id integer NOT NULL,
  k integer NOT NULL
) PARTITION BY RANGE (k);

CREATE TABLE public.readings_low PARTITION OF public.readings FOR VALUES FROM (0) TO (100);

ALTER TABLE public.readings ADD CONSTRAINT readings_id_check CHECK (id <> 7777) NOT VALID;

INSERT INTO public.readings (id, k) VALUES
  (1, 1),
  (2, 2),
  (3, 3);
