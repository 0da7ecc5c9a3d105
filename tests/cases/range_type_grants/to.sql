-- Grants on range types: one given subtype_diff is dropped and created again (catalog_objects)
-- and keeps its grants, one a table uses changes its grants in place, a new one is created
-- with its grants.
CREATE TYPE public.hours AS RANGE (subtype = float8, subtype_diff = float8mi);
REVOKE USAGE ON TYPE public.hours FROM PUBLIC;
GRANT USAGE ON TYPE public.hours TO app_reader;

CREATE TYPE public.price_band AS RANGE (subtype = numeric);
REVOKE USAGE ON TYPE public.price_band FROM PUBLIC;
GRANT USAGE ON TYPE public.price_band TO app_writer WITH GRANT OPTION;

CREATE TABLE public.tariff (tariff_id int PRIMARY KEY, band public.price_band NOT NULL);

CREATE TYPE public.seat_rows AS RANGE (subtype = int4);
REVOKE ALL ON TYPE public.seat_rows FROM PUBLIC;
GRANT USAGE ON TYPE public.seat_rows TO app_reader, app_writer;
