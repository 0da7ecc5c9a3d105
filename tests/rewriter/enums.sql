-- CREATE TYPE … AS ENUM, then a column using it
-- setup:
create table orders (id bigint primary key);
-- input:
create type "public"."order_status" as enum ('pending', 'paid');
alter table "public"."orders" add column "status" public.order_status not null default 'pending'::public.order_status;
=
DO $guard$
BEGIN
  IF pg_catalog.to_regtype('public.order_status') IS NULL THEN
    EXECUTE $ddl$create type "public"."order_status" as enum ('pending', 'paid')$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.orders') AND a.attname = 'status' AND NOT a.attisdropped) THEN
    EXECUTE $ddl$alter table "public"."orders" add column "status" public.order_status not null default 'pending'::public.order_status$ddl$;
  END IF;
END
$guard$;
;;
-- DROP TYPE (an enum)
-- setup:
create type order_status as enum ('pending', 'paid');
-- input:
drop type "public"."order_status";
=
DROP TYPE IF EXISTS public.order_status;
;;
-- Enum change: rename away, create anew, recast the column (its default dropped and set again), drop the old type
-- setup:
create type order_status as enum ('pending', 'paid', 'shipped', 'cancelled');
create table orders (id bigint primary key, status order_status not null default 'pending');
-- input:
alter table "public"."orders" alter column "status" drop default;
alter type "public"."order_status" rename to "order_status__old_version_to_be_dropped";
create type "public"."order_status" as enum ('pending', 'paid', 'shipped');
alter table "public"."orders" alter column status type "public"."order_status" using status::text::"public"."order_status";
alter table "public"."orders" alter column "status" set default 'pending'::public.order_status;
drop type "public"."order_status__old_version_to_be_dropped";
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.orders');
  oid2 oid := pg_catalog.to_regtype('"public"."order_status"');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = oid1 AND a.attname = 'status' AND NOT a.attisdropped AND a.atthasdef) AND (NOT EXISTS (SELECT FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = oid1 AND a.attname = 'status' AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) = '''pending''::public.order_status') OR (NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = oid1 AND a.attname = 'status' AND NOT a.attisdropped AND a.atttypid = oid2 AND a.atttypmod = -1 AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid) AND ARRAY(SELECT e.enumlabel::pg_catalog.text FROM pg_catalog.pg_enum e WHERE e.enumtypid = a.atttypid ORDER BY e.enumsortorder) = ARRAY['pending', 'paid', 'shipped']::pg_catalog.text[])));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."orders" alter column "status" drop default$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF pg_catalog.to_regtype('public.order_status__old_version_to_be_dropped') IS NULL AND NOT (ARRAY(SELECT e.enumlabel::pg_catalog.text FROM pg_catalog.pg_enum e WHERE e.enumtypid = pg_catalog.to_regtype('public.order_status') ORDER BY e.enumsortorder) = ARRAY['pending', 'paid', 'shipped']::pg_catalog.text[]) THEN
    EXECUTE $ddl$alter type "public"."order_status" rename to "order_status__old_version_to_be_dropped"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF pg_catalog.to_regtype('public.order_status') IS NULL THEN
    EXECUTE $ddl$create type "public"."order_status" as enum ('pending', 'paid', 'shipped')$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.orders') AND a.attname = 'status' AND NOT a.attisdropped AND a.atttypid = pg_catalog.to_regtype('"public"."order_status"') AND a.atttypmod = -1 AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid) AND ARRAY(SELECT e.enumlabel::pg_catalog.text FROM pg_catalog.pg_enum e WHERE e.enumtypid = a.atttypid ORDER BY e.enumsortorder) = ARRAY['pending', 'paid', 'shipped']::pg_catalog.text[]) THEN
    EXECUTE $ddl$alter table "public"."orders" alter column status type "public"."order_status" using status::text::"public"."order_status"$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.orders');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = oid1 AND a.attname = 'status' AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) = '''pending''::public.order_status');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."orders" alter column "status" set default 'pending'::public.order_status$ddl$;
  END IF;
END
$guard$;
DROP TYPE IF EXISTS public.order_status__old_version_to_be_dropped;
;;
-- Enum change with a value added in the middle, two tables, one column without a default
-- setup:
create type st as enum ('a', 'c');
create table t1 (id int, s st default 'a');
create table t2 (id int, s st not null);
-- input:
alter table "public"."t1" alter column "s" drop default;
alter type "public"."st" rename to "st__old_version_to_be_dropped";
create type "public"."st" as enum ('a', 'b', 'c');
alter table "public"."t1" alter column s type "public"."st" using s::text::"public"."st";
alter table "public"."t2" alter column s type "public"."st" using s::text::"public"."st";
alter table "public"."t1" alter column "s" set default 'a'::public.st;
drop type "public"."st__old_version_to_be_dropped";
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.t1');
  oid2 oid := pg_catalog.to_regtype('"public"."st"');
  oid3 oid := pg_catalog.to_regclass('public.t2');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = oid1 AND a.attname = 's' AND NOT a.attisdropped AND a.atthasdef) AND (NOT EXISTS (SELECT FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = oid1 AND a.attname = 's' AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) = '''a''::public.st') OR (NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = oid1 AND a.attname = 's' AND NOT a.attisdropped AND a.atttypid = oid2 AND a.atttypmod = -1 AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid) AND ARRAY(SELECT e.enumlabel::pg_catalog.text FROM pg_catalog.pg_enum e WHERE e.enumtypid = a.atttypid ORDER BY e.enumsortorder) = ARRAY['a', 'b', 'c']::pg_catalog.text[])) OR (NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = oid3 AND a.attname = 's' AND NOT a.attisdropped AND a.atttypid = oid2 AND a.atttypmod = -1 AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid) AND ARRAY(SELECT e.enumlabel::pg_catalog.text FROM pg_catalog.pg_enum e WHERE e.enumtypid = a.atttypid ORDER BY e.enumsortorder) = ARRAY['a', 'b', 'c']::pg_catalog.text[])));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."t1" alter column "s" drop default$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF pg_catalog.to_regtype('public.st__old_version_to_be_dropped') IS NULL AND NOT (ARRAY(SELECT e.enumlabel::pg_catalog.text FROM pg_catalog.pg_enum e WHERE e.enumtypid = pg_catalog.to_regtype('public.st') ORDER BY e.enumsortorder) = ARRAY['a', 'b', 'c']::pg_catalog.text[]) THEN
    EXECUTE $ddl$alter type "public"."st" rename to "st__old_version_to_be_dropped"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF pg_catalog.to_regtype('public.st') IS NULL THEN
    EXECUTE $ddl$create type "public"."st" as enum ('a', 'b', 'c')$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.t1') AND a.attname = 's' AND NOT a.attisdropped AND a.atttypid = pg_catalog.to_regtype('"public"."st"') AND a.atttypmod = -1 AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid) AND ARRAY(SELECT e.enumlabel::pg_catalog.text FROM pg_catalog.pg_enum e WHERE e.enumtypid = a.atttypid ORDER BY e.enumsortorder) = ARRAY['a', 'b', 'c']::pg_catalog.text[]) THEN
    EXECUTE $ddl$alter table "public"."t1" alter column s type "public"."st" using s::text::"public"."st"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.t2') AND a.attname = 's' AND NOT a.attisdropped AND a.atttypid = pg_catalog.to_regtype('"public"."st"') AND a.atttypmod = -1 AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid) AND ARRAY(SELECT e.enumlabel::pg_catalog.text FROM pg_catalog.pg_enum e WHERE e.enumtypid = a.atttypid ORDER BY e.enumsortorder) = ARRAY['a', 'b', 'c']::pg_catalog.text[]) THEN
    EXECUTE $ddl$alter table "public"."t2" alter column s type "public"."st" using s::text::"public"."st"$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.t1');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE d.adrelid = oid1 AND a.attname = 's' AND pg_catalog.pg_get_expr(d.adbin, d.adrelid) = '''a''::public.st');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."t1" alter column "s" set default 'a'::public.st$ddl$;
  END IF;
END
$guard$;
DROP TYPE IF EXISTS public.st__old_version_to_be_dropped;
;;
-- ALTER TYPE … ADD VALUE (schemainspect's template; migra 3.0 recreates enums instead): BEFORE/AFTER kept
-- setup:
create type order_status as enum ('pending', 'shipped');
-- input:
alter type "public"."order_status" add value 'paid' after 'pending';
alter type "public"."order_status" add value 'draft' before 'pending';
=
-- outside a transaction block
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_enum e WHERE e.enumtypid = pg_catalog.to_regtype('public.order_status') AND e.enumlabel = 'paid') THEN
    EXECUTE $ddl$alter type "public"."order_status" add value 'paid' after 'pending'$ddl$;
  END IF;
END
$guard$;
-- outside a transaction block
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_enum e WHERE e.enumtypid = pg_catalog.to_regtype('public.order_status') AND e.enumlabel = 'draft') THEN
    EXECUTE $ddl$alter type "public"."order_status" add value 'draft' before 'pending'$ddl$;
  END IF;
END
$guard$;
;;
