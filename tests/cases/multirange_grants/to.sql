-- PostgreSQL 14 to 16 let a multirange type have privileges of its own (17 refuses them and uses
-- its range's): an existing multirange a table uses goes from one role to another (PUBLIC's USAGE
-- stays revoked), and a new range type's multirange is granted to one role only. pg_dump leaves
-- these out.
CREATE TYPE public.shift AS RANGE (subtype = timestamptz, multirange_type_name = public.shifts);
REVOKE USAGE ON TYPE public.shifts FROM PUBLIC;
GRANT USAGE ON TYPE public.shifts TO app_reader;
CREATE TABLE public.rota (rota_id int PRIMARY KEY, covered public.shifts NOT NULL);

CREATE TYPE public.opening AS RANGE (subtype = time);
REVOKE USAGE ON TYPE public.opening_multirange FROM PUBLIC;
GRANT USAGE ON TYPE public.opening_multirange TO app_writer WITH GRANT OPTION;
