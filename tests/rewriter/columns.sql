-- ADD COLUMN
-- setup:
create table users (id bigint);
-- input:
alter table "public"."users" add column "display_name" text;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.users') AND a.attname = 'display_name' AND NOT a.attisdropped) THEN
    EXECUTE $ddl$alter table "public"."users" add column "display_name" text$ddl$;
  END IF;
END
$guard$;
;;
-- ADD COLUMN … NOT NULL DEFAULT
-- setup:
create table users (id bigint);
-- input:
alter table "public"."users" add column "is_active" boolean not null default true;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.users') AND a.attname = 'is_active' AND NOT a.attisdropped) THEN
    EXECUTE $ddl$alter table "public"."users" add column "is_active" boolean not null default true$ddl$;
  END IF;
END
$guard$;
;;
-- ADD COLUMN … GENERATED ALWAYS AS (…) STORED
-- setup:
create table l (q int, p bigint);
-- input:
alter table "public"."l" add column "total" bigint generated always as (((q)::bigint * p)) stored;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.l') AND a.attname = 'total' AND NOT a.attisdropped) THEN
    EXECUTE $ddl$alter table "public"."l" add column "total" bigint generated always as (((q)::bigint * p)) stored$ddl$;
  END IF;
END
$guard$;
;;
-- ADD COLUMN … GENERATED ALWAYS AS IDENTITY
-- setup:
create table a (payload text);
-- input:
alter table "public"."a" add column "id" bigint generated always as identity not null;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.a') AND a.attname = 'id' AND NOT a.attisdropped) THEN
    EXECUTE $ddl$alter table "public"."a" add column "id" bigint generated always as identity not null$ddl$;
  END IF;
END
$guard$;
;;
-- DROP COLUMN
-- setup:
create table users (id bigint, legacy text);
-- input:
alter table "public"."users" drop column "legacy";
=
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.users') AND a.attname = 'legacy' AND NOT a.attisdropped) THEN
    EXECUTE $ddl$alter table "public"."users" drop column "legacy"$ddl$;
  END IF;
END
$guard$;
;;
-- SET DEFAULT (pg_get_expr of the default compared with the printed expression)
-- setup:
create table t (a timestamptz, b numeric, c text[], d varchar(20), e text);
-- input:
alter table "public"."t" alter column "a" set default '2024-01-01 00:00:00+00'::timestamp with time zone;
alter table "public"."t" alter column "b" set default 1.5;
alter table "public"."t" alter column "c" set default '{}'::text[];
alter table "public"."t" alter column "d" set default 'x''y'::character varying;
alter table "public"."t" alter column "e" set default 'open'::text;
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.t');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = oid1 AND a.attname = 'a' AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) = '''2024-01-01 00:00:00+00''::timestamp with time zone');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."t" alter column "a" set default '2024-01-01 00:00:00+00'::timestamp with time zone$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.t');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = oid1 AND a.attname = 'b' AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) = '1.5');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."t" alter column "b" set default 1.5$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.t');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = oid1 AND a.attname = 'c' AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) = '''{}''::text[]');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."t" alter column "c" set default '{}'::text[]$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.t');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = oid1 AND a.attname = 'd' AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) = '''x''''y''::character varying');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."t" alter column "d" set default 'x''y'::character varying$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.t');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = oid1 AND a.attname = 'e' AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) = '''open''::text');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."t" alter column "e" set default 'open'::text$ddl$;
  END IF;
END
$guard$;
;;
-- DROP DEFAULT
-- setup:
create table t (e text default 'open');
-- input:
alter table "public"."t" alter column "e" drop default;
=
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.t') AND a.attname = 'e' AND NOT a.attisdropped AND a.atthasdef) THEN
    EXECUTE $ddl$alter table "public"."t" alter column "e" drop default$ddl$;
  END IF;
END
$guard$;
;;
-- SET NOT NULL
-- setup:
create table c (name text);
-- input:
alter table "public"."c" alter column "name" set not null;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.c') AND a.attname = 'name' AND NOT a.attisdropped AND a.attnotnull) THEN
    EXECUTE $ddl$alter table "public"."c" alter column "name" set not null$ddl$;
  END IF;
END
$guard$;
;;
-- DROP NOT NULL
-- setup:
create table c (phone text not null);
-- input:
alter table "public"."c" alter column "phone" drop not null;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.c') AND a.attname = 'phone' AND NOT a.attisdropped AND NOT a.attnotnull) THEN
    EXECUTE $ddl$alter table "public"."c" alter column "phone" drop not null$ddl$;
  END IF;
END
$guard$;
;;
-- ALTER COLUMN … TYPE (typmods compared through format_type)
-- setup:
create table t (a integer, b varchar(50), c numeric(10,2), d text);
-- input:
alter table "public"."t" alter column "a" set data type bigint using "a"::bigint;
alter table "public"."t" alter column "b" set data type text using "b"::text;
alter table "public"."t" alter column "c" set data type numeric(12,3) using "c"::numeric(12,3);
alter table "public"."t" alter column "d" set data type character varying(200) using "d"::character varying(200);
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.t') AND a.attname = 'a' AND NOT a.attisdropped AND a.atttypid = pg_catalog.to_regtype('bigint') AND a.atttypmod = -1 AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid)) THEN
    EXECUTE $ddl$alter table "public"."t" alter column "a" set data type bigint using "a"::bigint$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.t') AND a.attname = 'b' AND NOT a.attisdropped AND a.atttypid = pg_catalog.to_regtype('text') AND a.atttypmod = -1 AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid)) THEN
    EXECUTE $ddl$alter table "public"."t" alter column "b" set data type text using "b"::text$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.t');
  oid2 oid := pg_catalog.to_regtype('numeric(12,3)');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = oid1 AND a.attname = 'c' AND NOT a.attisdropped AND a.atttypid = oid2 AND pg_catalog.format_type(a.atttypid, a.atttypmod) = 'numeric(12,3)' AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."t" alter column "c" set data type numeric(12,3) using "c"::numeric(12,3)$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.t');
  oid2 oid := pg_catalog.to_regtype('character varying(200)');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = oid1 AND a.attname = 'd' AND NOT a.attisdropped AND a.atttypid = oid2 AND pg_catalog.format_type(a.atttypid, a.atttypmod) = 'character varying(200)' AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."t" alter column "d" set data type character varying(200) using "d"::character varying(200)$ddl$;
  END IF;
END
$guard$;
;;
-- ALTER COLUMN … TYPE … COLLATE
-- setup:
create table t (name text);
-- input:
alter table "public"."t" alter column "name" set data type text collate "C" using "name"::text;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.t') AND a.attname = 'name' AND NOT a.attisdropped AND a.atttypid = pg_catalog.to_regtype('text') AND a.atttypmod = -1 AND a.attcollation = pg_catalog.to_regcollation('"C"')) THEN
    EXECUTE $ddl$alter table "public"."t" alter column "name" set data type text collate "C" using "name"::text$ddl$;
  END IF;
END
$guard$;
;;
-- ALTER COLUMN … TYPE back to the type's default collation
-- setup:
create table t (name text collate "C");
-- input:
alter table "public"."t" alter column "name" set data type text using "name"::text;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.t') AND a.attname = 'name' AND NOT a.attisdropped AND a.atttypid = pg_catalog.to_regtype('text') AND a.atttypmod = -1 AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid)) THEN
    EXECUTE $ddl$alter table "public"."t" alter column "name" set data type text using "name"::text$ddl$;
  END IF;
END
$guard$;
;;
-- DROP EXPRESSION
-- setup:
create table t (a int, b int generated always as (a * 2) stored);
-- input:
alter table "public"."t" alter column "b" drop expression;
=
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.t') AND a.attname = 'b' AND NOT a.attisdropped AND a.attgenerated <> '') THEN
    EXECUTE $ddl$alter table "public"."t" alter column "b" drop expression$ddl$;
  END IF;
END
$guard$;
;;
-- ADD GENERATED … AS IDENTITY (existing column)
-- setup:
create table a (id bigint not null);
-- input:
alter table "public"."a" alter column "id" add generated by default as identity;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.a') AND a.attname = 'id' AND NOT a.attisdropped AND a.attidentity = 'd') THEN
    EXECUTE $ddl$alter table "public"."a" alter column "id" add generated by default as identity$ddl$;
  END IF;
END
$guard$;
;;
-- SET GENERATED
-- setup:
create table a (id int generated by default as identity);
-- input:
alter table "public"."a" alter column "id" set generated always;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.a') AND a.attname = 'id' AND NOT a.attisdropped AND a.attidentity = 'a') THEN
    EXECUTE $ddl$alter table "public"."a" alter column "id" set generated always$ddl$;
  END IF;
END
$guard$;
;;
-- DROP IDENTITY
-- setup:
create table a (id bigint generated by default as identity);
-- input:
alter table "public"."a" alter column "id" drop identity;
=
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.a') AND a.attname = 'id' AND NOT a.attisdropped AND a.attidentity <> '') THEN
    EXECUTE $ddl$alter table "public"."a" alter column "id" drop identity$ddl$;
  END IF;
END
$guard$;
;;
-- A column becoming generated: DROP COLUMN, then ADD COLUMN … GENERATED (a re-run must not drop it again)
-- setup:
create table t (a int, b int);
-- input:
alter table "public"."t" drop column "b";
alter table "public"."t" add column "b" integer generated always as ((a * 2)) stored;
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.t');
  oid2 oid := pg_catalog.to_regtype('integer');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = oid1 AND a.attname = 'b' AND NOT a.attisdropped) AND (NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = oid1 AND a.attname = 'b' AND NOT a.attisdropped AND a.atttypid = oid2 AND a.atttypmod = -1 AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid) AND a.attidentity = '' AND a.attgenerated = 's' AND NOT a.attnotnull AND EXISTS (SELECT FROM pg_catalog.pg_attrdef d WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) = '(a * 2)')));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."t" drop column "b"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.t') AND a.attname = 'b' AND NOT a.attisdropped) THEN
    EXECUTE $ddl$alter table "public"."t" add column "b" integer generated always as ((a * 2)) stored$ddl$;
  END IF;
END
$guard$;
;;
