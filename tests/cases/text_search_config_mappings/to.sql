-- A configuration copied from english with its own mappings (CREATE TEXT SEARCH CONFIGURATION and
-- ALTER … MAPPING, as the documentation's "Configuration Example" builds one), a changed
-- dictionary, and a full-text index on the configuration.
CREATE TABLE public.article (article_id int PRIMARY KEY, title text NOT NULL, body text NOT NULL);

CREATE TEXT SEARCH DICTIONARY public.english_simple (TEMPLATE = pg_catalog.simple, STOPWORDS = english, ACCEPT = false);
COMMENT ON TEXT SEARCH DICTIONARY public.english_simple IS 'simple, without English stop words';

CREATE TEXT SEARCH CONFIGURATION public.article_search (COPY = pg_catalog.english);
ALTER TEXT SEARCH CONFIGURATION public.article_search
  ALTER MAPPING FOR asciiword, word WITH public.english_simple, pg_catalog.english_stem;
ALTER TEXT SEARCH CONFIGURATION public.article_search DROP MAPPING FOR email, url, url_path, sfloat, float;

CREATE INDEX article_fts ON public.article
  USING gin (to_tsvector('public.article_search'::regconfig, title || ' ' || body));
