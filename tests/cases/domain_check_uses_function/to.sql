CREATE FUNCTION public.is_slug(t text) RETURNS boolean
  LANGUAGE sql IMMUTABLE
AS $$ SELECT t ~ '^[a-z0-9-]+$' $$;

CREATE DOMAIN public.slug AS text CONSTRAINT slug_format CHECK (public.is_slug(VALUE));

CREATE TABLE public.pages (id bigint PRIMARY KEY, slug public.slug);
