CREATE FUNCTION public.slugify(t text) RETURNS text
  LANGUAGE sql IMMUTABLE
AS $$ SELECT lower(regexp_replace(t, '[^a-z0-9]+', '-', 'gi')) $$;

CREATE FUNCTION public.positive(n integer) RETURNS boolean
  LANGUAGE sql IMMUTABLE
AS $$ SELECT n > 0 $$;

CREATE TABLE public.articles (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  title text NOT NULL,
  slug text DEFAULT public.slugify('untitled'),
  qty integer CONSTRAINT articles_qty_positive CHECK (public.positive(qty))
);
CREATE INDEX articles_title_slug ON public.articles (public.slugify(title));

CREATE TABLE public.tags (
  name text PRIMARY KEY DEFAULT public.slugify('tag') CHECK (public.slugify(name) = name)
);
