CREATE TYPE public.hours AS RANGE (subtype = float8);
REVOKE USAGE ON TYPE public.hours FROM PUBLIC;
GRANT USAGE ON TYPE public.hours TO app_reader;

CREATE TYPE public.price_band AS RANGE (subtype = numeric);
GRANT USAGE ON TYPE public.price_band TO app_writer;

CREATE TABLE public.tariff (tariff_id int PRIMARY KEY, band public.price_band NOT NULL);
INSERT INTO public.tariff VALUES (1, '[0, 10)'), (2, '[10, 100)');
