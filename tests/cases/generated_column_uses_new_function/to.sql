CREATE FUNCTION public.normalize_name(t text) RETURNS text
  LANGUAGE sql IMMUTABLE
AS $$ SELECT lower(regexp_replace(t, '\s+', ' ', 'g')) $$;

CREATE TABLE public.products (
  id bigint PRIMARY KEY,
  name text NOT NULL,
  search_name text GENERATED ALWAYS AS (public.normalize_name(name)) STORED
);
CREATE INDEX products_search_name ON public.products (search_name);

CREATE VIEW public.product_names AS SELECT id, public.normalize_name(name) AS n FROM public.products;
