CREATE TYPE public.shift AS RANGE (subtype = timestamptz, multirange_type_name = public.shifts);
REVOKE USAGE ON TYPE public.shifts FROM PUBLIC;
GRANT USAGE ON TYPE public.shifts TO app_writer;
CREATE TABLE public.rota (rota_id int PRIMARY KEY, covered public.shifts NOT NULL);
INSERT INTO public.rota VALUES (1, '{[2024-01-01 08:00+00, 2024-01-01 16:00+00)}');
