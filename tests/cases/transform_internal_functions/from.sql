CREATE TYPE public.mood AS ENUM ('calm', 'tense');
CREATE TYPE public.reading AS (at timestamptz, value float8);

-- LANGUAGE internal functions over built-in C symbols (a superuser's): no shared library needed.
-- STRICT, so that no call from SQL reaches them (only NULL can be passed as internal).
CREATE FUNCTION public.pl_from_sql(internal) RETURNS internal
  LANGUAGE internal IMMUTABLE STRICT AS 'gtsvector_compress';
CREATE FUNCTION public.mood_to_sql(internal) RETURNS public.mood
  LANGUAGE internal IMMUTABLE STRICT AS 'enum_recv';

CREATE TRANSFORM FOR public.mood LANGUAGE plpgsql (
  FROM SQL WITH FUNCTION public.pl_from_sql(internal),
  TO SQL WITH FUNCTION public.mood_to_sql(internal)
);
CREATE TRANSFORM FOR public.reading LANGUAGE plpgsql (FROM SQL WITH FUNCTION public.pl_from_sql(internal));
