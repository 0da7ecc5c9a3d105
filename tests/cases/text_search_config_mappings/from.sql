CREATE TABLE public.article (article_id int PRIMARY KEY, title text NOT NULL, body text NOT NULL);
INSERT INTO public.article VALUES (1, 'Rivers', 'The rivers of the world are running');
-- an older dictionary whose stop words change, and a configuration to drop
CREATE TEXT SEARCH DICTIONARY public.english_simple (TEMPLATE = pg_catalog.simple, STOPWORDS = english, ACCEPT = true);
CREATE TEXT SEARCH CONFIGURATION public.legacy_search (COPY = pg_catalog.simple);
