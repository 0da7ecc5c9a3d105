-- A range type over float8 with subtype_diff (CREATE TYPE … AS RANGE's documentation example),
-- its multirange, a column of it in an exclusion constraint, a function over it, a comment.
CREATE TYPE public.floatrange AS RANGE (subtype = float8, subtype_diff = float8mi);
COMMENT ON TYPE public.floatrange IS 'hours of the day as a float range';

CREATE TABLE public.room (room_id int PRIMARY KEY, name text NOT NULL);
CREATE TABLE public.booking (
  booking_id int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  room_id int NOT NULL REFERENCES public.room,
  hours public.floatrange NOT NULL,
  free public.floatmultirange,
  EXCLUDE USING gist (hours WITH &&)
);
CREATE FUNCTION public.booking_length(r public.floatrange) RETURNS float8
  LANGUAGE sql IMMUTABLE AS $$ SELECT upper(r) - lower(r) $$;
