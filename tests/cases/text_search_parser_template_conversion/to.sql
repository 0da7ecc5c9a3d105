-- A text search parser and template over the built-in functions (CREATE TEXT SEARCH PARSER /
-- TEMPLATE's documentation lists them), a dictionary on the template, a configuration on the
-- parser with a mapping, and a conversion over a built-in conversion function.
CREATE TABLE public.doc (doc_id int PRIMARY KEY, body text NOT NULL);
CREATE TEXT SEARCH PARSER public.plain_parser (
  START = prsd_start, GETTOKEN = prsd_nexttoken, END = prsd_end, LEXTYPES = prsd_lextype, HEADLINE = prsd_headline
);
CREATE TEXT SEARCH TEMPLATE public.plain_template (INIT = dsimple_init, LEXIZE = dsimple_lexize);
CREATE TEXT SEARCH DICTIONARY public.plain_dict (TEMPLATE = public.plain_template);
CREATE TEXT SEARCH CONFIGURATION public.plain_config (PARSER = public.plain_parser);
ALTER TEXT SEARCH CONFIGURATION public.plain_config ADD MAPPING FOR asciiword, word WITH public.plain_dict;
COMMENT ON TEXT SEARCH PARSER public.plain_parser IS 'the default parser, under its own name';
CREATE CONVERSION public.utf8_to_latin1 FOR 'UTF8' TO 'LATIN1' FROM utf8_to_iso8859_1;
