-- Narrowed to length-limited types: re-typed without an explicit cast (which would truncate what
-- does not fit, silently); the assignment cast keeps every value or fails.
CREATE TABLE public.addresses (
    id integer PRIMARY KEY,
    country character varying(2) NOT NULL,
    token character(8)
);
