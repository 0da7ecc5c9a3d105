-- Grants on aggregates (GRANT … ON FUNCTION names them, as pg_dump writes them): one a view uses
-- loses PUBLIC's EXECUTE and gives the reporting role a grant option, one goes back to the
-- built-in default, one that is dropped and created again (a new return type) keeps its grants,
-- and a new one is created with its grants.
CREATE TABLE public.sale (sale_id int PRIMARY KEY, region text NOT NULL, cents bigint NOT NULL, note text);

CREATE AGGREGATE public.total_cents(bigint) (SFUNC = int8pl, STYPE = bigint, INITCOND = '0');
REVOKE EXECUTE ON FUNCTION public.total_cents(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.total_cents(bigint) TO app_reader WITH GRANT OPTION;
CREATE VIEW public.region_total AS
  SELECT region, public.total_cents(cents) AS cents FROM public.sale GROUP BY region;
GRANT SELECT ON public.region_total TO app_reader;

CREATE FUNCTION public.longer(text, text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE WHEN length($2) > length(coalesce($1, '')) THEN $2 ELSE $1 END $$;
CREATE AGGREGATE public.longest(text) (SFUNC = public.longer, STYPE = text);

CREATE FUNCTION public.as_int(bigint) RETURNS int LANGUAGE sql IMMUTABLE STRICT AS $$ SELECT $1::int $$;
CREATE AGGREGATE public.note_count(text) (SFUNC = int8inc_any, STYPE = bigint, INITCOND = '0', FINALFUNC = public.as_int);
REVOKE EXECUTE ON FUNCTION public.note_count(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.note_count(text) TO app_reader;

-- the spread of a region's sales (largest minus smallest), for the reporting role only
CREATE FUNCTION public.widen(int8range, bigint) RETURNS int8range LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE WHEN $1 IS NULL THEN int8range($2, $2, '[]') ELSE range_merge($1, int8range($2, $2, '[]')) END $$;
CREATE FUNCTION public.span(int8range) RETURNS bigint LANGUAGE sql IMMUTABLE
  AS $$ SELECT upper($1) - lower($1) - 1 $$;
CREATE AGGREGATE public.spread(bigint) (SFUNC = public.widen, STYPE = int8range, FINALFUNC = public.span);
REVOKE ALL ON FUNCTION public.spread(bigint) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.spread(bigint) TO app_reader;
