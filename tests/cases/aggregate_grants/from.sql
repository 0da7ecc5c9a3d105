CREATE TABLE public.sale (sale_id int PRIMARY KEY, region text NOT NULL, cents bigint NOT NULL, note text);
INSERT INTO public.sale VALUES (1, 'north', 250, 'first'), (2, 'north', 100, 'second one'), (3, 'south', 75, NULL);

-- a sum of cents: callable by everyone (the built-in EXECUTE to PUBLIC), and by the reporting role
CREATE AGGREGATE public.total_cents(bigint) (SFUNC = int8pl, STYPE = bigint, INITCOND = '0');
GRANT EXECUTE ON FUNCTION public.total_cents(bigint) TO app_reader;
CREATE VIEW public.region_total AS
  SELECT region, public.total_cents(cents) AS cents FROM public.sale GROUP BY region;
GRANT SELECT ON public.region_total TO app_reader;

-- the longest note: only the writer may call it
CREATE FUNCTION public.longer(text, text) RETURNS text LANGUAGE sql IMMUTABLE
  AS $$ SELECT CASE WHEN length($2) > length(coalesce($1, '')) THEN $2 ELSE $1 END $$;
CREATE AGGREGATE public.longest(text) (SFUNC = public.longer, STYPE = text);
REVOKE EXECUTE ON FUNCTION public.longest(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.longest(text) TO app_writer;

-- a count returning bigint, to become an int: the aggregate is dropped and created again
CREATE AGGREGATE public.note_count(text) (SFUNC = int8inc_any, STYPE = bigint, INITCOND = '0');
REVOKE EXECUTE ON FUNCTION public.note_count(text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION public.note_count(text) TO app_reader;
