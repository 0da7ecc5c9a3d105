-- Transforms (CREATE TRANSFORM): their functions take `internal`, which neither SQL nor PL/pgSQL
-- functions may; LANGUAGE internal ones over built-in C symbols (a superuser's) need no library.
-- The transform for mood changes its TO SQL function, the one for reading goes (with the function
-- it used), a new one is created for a language of its own (PL/pgSQL's handler under a new name).
CREATE TYPE public.mood AS ENUM ('calm', 'tense');
CREATE TYPE public.reading AS (at timestamptz, value float8);

-- STRICT, so that no call from SQL reaches them (only NULL can be passed as internal).
CREATE FUNCTION public.pl_from_sql(internal) RETURNS internal
  LANGUAGE internal IMMUTABLE STRICT AS 'gtsvector_compress';
CREATE FUNCTION public.mood_from_wire(internal) RETURNS public.mood
  LANGUAGE internal IMMUTABLE STRICT AS 'enum_recv';

CREATE TRANSFORM FOR public.mood LANGUAGE plpgsql (
  FROM SQL WITH FUNCTION public.pl_from_sql(internal),
  TO SQL WITH FUNCTION public.mood_from_wire(internal)
);

CREATE TRUSTED LANGUAGE plpgsql_sensor HANDLER plpgsql_call_handler VALIDATOR plpgsql_validator;
CREATE FUNCTION public.reading_to_sql(internal) RETURNS public.reading
  LANGUAGE internal IMMUTABLE STRICT AS 'record_recv';
CREATE TRANSFORM FOR public.reading LANGUAGE plpgsql_sensor (
  FROM SQL WITH FUNCTION public.pl_from_sql(internal),
  TO SQL WITH FUNCTION public.reading_to_sql(internal)
);
COMMENT ON TRANSFORM FOR public.reading LANGUAGE plpgsql_sensor IS 'readings for the sensor language';
