-- CREATE TYPE … AS (composite)
-- input:
create type "public"."money_amount" as ("currency" character(3), "cents" bigint);
=
DO $guard$
BEGIN
  IF pg_catalog.to_regtype('public.money_amount') IS NULL THEN
    EXECUTE $ddl$create type "public"."money_amount" as ("currency" character(3), "cents" bigint)$ddl$;
  END IF;
END
$guard$;
;;
-- DROP TYPE (composite)
-- setup:
create type money_amount as (currency char(3), cents bigint);
-- input:
drop type "public"."money_amount";
=
DROP TYPE IF EXISTS public.money_amount;
;;
-- CREATE DOMAIN (schemainspect's template; migra 3.0 does not diff domains)
-- input:
create domain "public"."positive_int"
as integer
default 1
not null
CHECK ((VALUE > 0))
;
=
DO $guard$
BEGIN
  IF pg_catalog.to_regtype('public.positive_int') IS NULL THEN
    EXECUTE $ddl$create domain "public"."positive_int"
as integer
default 1
not null
CHECK ((VALUE > 0))$ddl$;
  END IF;
END
$guard$;
;;
-- CREATE TYPE … AS RANGE (not emitted by migra 3.0; guarded like every CREATE TYPE)
-- input:
create type "public"."float_range" as range (subtype = float8);
=
DO $guard$
BEGIN
  IF pg_catalog.to_regtype('public.float_range') IS NULL THEN
    EXECUTE $ddl$create type "public"."float_range" as range (subtype = float8)$ddl$;
  END IF;
END
$guard$;
;;
-- DROP DOMAIN (schemainspect's template)
-- setup:
create domain positive_int as integer check (value > 0);
-- input:
drop domain "public"."positive_int";
=
DROP DOMAIN IF EXISTS public.positive_int;
;;
-- A changed composite type: DROP TYPE, then CREATE TYPE
-- setup:
create type money_amount as (currency char(3), cents bigint);
-- input:
drop type "public"."money_amount";
create type "public"."money_amount" as ("currency" character(3), "cents" bigint, "note" text);
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regtype('public.money_amount');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := oid1 IS NOT NULL AND (NOT ARRAY(SELECT a.attname::pg_catalog.text || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.typrelid = a.attrelid WHERE t.oid = oid1 AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) = ARRAY['currency character(3)', 'cents bigint', 'note text']::pg_catalog.text[]);
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$drop type "public"."money_amount"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF pg_catalog.to_regtype('public.money_amount') IS NULL THEN
    EXECUTE $ddl$create type "public"."money_amount" as ("currency" character(3), "cents" bigint, "note" text)$ddl$;
  END IF;
END
$guard$;
;;
