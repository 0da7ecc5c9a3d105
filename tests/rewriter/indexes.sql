-- CREATE INDEX / CREATE UNIQUE INDEX (partial, expression, opclass)
-- setup:
create table events (id int, email text, kind text, payload jsonb);
-- input:
CREATE UNIQUE INDEX events_lower_email_idx ON public.events USING btree (lower(email)) WHERE (kind <> 'x'::text);
CREATE INDEX events_payload_idx ON public.events USING gin (payload jsonb_path_ops);
=
CREATE UNIQUE INDEX IF NOT EXISTS events_lower_email_idx
  ON public.events ((lower(email)))
  WHERE kind <> CAST('x' AS text);
CREATE INDEX IF NOT EXISTS events_payload_idx
  ON public.events USING gin (payload jsonb_path_ops);
;;
-- DROP INDEX IF EXISTS (a changed index is dropped and created again)
-- setup:
create table events (id int, kind text);
create index events_kind_idx on events (kind);
create index events_old_idx on events (id);
-- input:
drop index if exists "public"."events_old_idx";
drop index if exists "public"."events_kind_idx";
CREATE INDEX events_kind_idx ON public.events USING btree (kind, id);
=
DROP INDEX IF EXISTS public.events_old_idx;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.events_kind_idx');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := oid1 IS NOT NULL AND (NOT EXISTS (SELECT FROM pg_catalog.pg_index i WHERE i.indexrelid = oid1 AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_indexdef(i.indexrelid), E' \t\r\n;')) = '0a0c9593b8fc588fd52ce00e7b3113f7'));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$drop index if exists "public"."events_kind_idx"$ddl$;
  END IF;
END
$guard$;
CREATE INDEX IF NOT EXISTS events_kind_idx
  ON public.events (kind
                  , id);
;;
-- CREATE INDEX on a pgvector column
-- requires: vector 0.6.2
-- setup:
create extension vector;
create table documents (id int, embedding vector(3));
-- input:
CREATE INDEX documents_embedding_idx ON public.documents USING hnsw (embedding public.vector_ip_ops);
=
CREATE INDEX IF NOT EXISTS documents_embedding_idx
  ON public.documents USING hnsw (embedding public.vector_ip_ops);
;;
-- CREATE INDEX CONCURRENTLY / DROP INDEX CONCURRENTLY (not emitted by migra 3.0): IF [NOT] EXISTS, outside a transaction
-- setup:
create table events (id int, kind text);
create index events_id_idx on events (id);
-- input:
CREATE INDEX CONCURRENTLY events_kind_idx ON public.events USING btree (kind);
drop index concurrently if exists "public"."events_id_idx";
=
-- outside a transaction block
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_kind_idx
  ON public.events (kind);
-- outside a transaction block
DROP INDEX CONCURRENTLY IF EXISTS public.events_id_idx;
;;
-- An index re-defined by an online plan: the drop stays guarded in a transaction and compares the index with the concurrent re-creation minus its CONCURRENTLY
-- setup:
create table events (id int, kind text);
create index events_id_idx on events (id);
-- input:
drop index if exists "public"."events_id_idx";
CREATE INDEX CONCURRENTLY events_id_idx ON public.events USING btree (id, kind);
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.events_id_idx');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := oid1 IS NOT NULL AND (NOT EXISTS (SELECT FROM pg_catalog.pg_index i WHERE i.indexrelid = oid1 AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_indexdef(i.indexrelid), E' \t\r\n;')) = '6facdfe5a67279d89475a305373d1f8a'));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$drop index if exists "public"."events_id_idx"$ddl$;
  END IF;
END
$guard$;
-- outside a transaction block
CREATE INDEX CONCURRENTLY IF NOT EXISTS events_id_idx
  ON public.events (id
                  , kind);
;;
