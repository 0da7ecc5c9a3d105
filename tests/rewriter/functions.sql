-- CREATE OR REPLACE FUNCTION (plpgsql), after `set check_function_bodies = off`
-- input:
set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.slugify(p_input text)
 RETURNS text
 LANGUAGE plpgsql
 IMMUTABLE
AS $function$
begin
    return trim(both '-' from regexp_replace(lower(p_input), '[^a-z0-9]+', '-', 'g'));
end;
$function$
;
=
set check_function_bodies = off;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regprocedure('public.slugify(text)');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE p.oid = oid1 AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_functiondef(p.oid), E' \t\r\n;')) = 'f5b47cf747a31e3c1767ec0459306a4d');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$CREATE OR REPLACE FUNCTION public.slugify(p_input text)
 RETURNS text
 LANGUAGE plpgsql
 IMMUTABLE
AS $function$
begin
    return trim(both '-' from regexp_replace(lower(p_input), '[^a-z0-9]+', '-', 'g'));
end;
$function$$ddl$;
  END IF;
END
$guard$;
;;
-- CREATE OR REPLACE FUNCTION: a changed body replaces the function
-- setup:
create function slugify(p_input text) returns text language sql immutable as $$ select lower(p_input) $$;
-- input:
set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.slugify(p_input text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ select lower(trim(p_input)) $function$
;
=
set check_function_bodies = off;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regprocedure('public.slugify(text)');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE p.oid = oid1 AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_functiondef(p.oid), E' \t\r\n;')) = 'f0c17e3c6a07d59a7412c47804c10d64');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$CREATE OR REPLACE FUNCTION public.slugify(p_input text)
 RETURNS text
 LANGUAGE sql
 IMMUTABLE
AS $function$ select lower(trim(p_input)) $function$$ddl$;
  END IF;
END
$guard$;
;;
-- CREATE OR REPLACE FUNCTION: OUT arguments, RETURNS TABLE, VARIADIC, quoted names, SET search_path
-- setup:
create table tt (a int);
-- input:
set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public."Weird Name"("A" character varying, b double precision[], VARIADIC c integer[])
 RETURNS SETOF public.tt
 LANGUAGE sql
AS $function$select 1 where false$function$
;
CREATE OR REPLACE FUNCTION public.pair(a integer, OUT x integer, OUT y text)
 RETURNS record
 LANGUAGE sql
AS $function$select a, a::text$function$
;
CREATE OR REPLACE FUNCTION public.rows_of(n integer)
 RETURNS TABLE(i integer, t text)
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog'
AS $function$select g, g::text from generate_series(1, n) g$function$
;
=
set check_function_bodies = off;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regprocedure('public."Weird Name"(varchar, double precision[], integer[])');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE p.oid = oid1 AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_functiondef(p.oid), E' \t\r\n;')) = '80dfa411e179af38a8ec2155a3c899b0');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$CREATE OR REPLACE FUNCTION public."Weird Name"("A" character varying, b double precision[], VARIADIC c integer[])
 RETURNS SETOF public.tt
 LANGUAGE sql
AS $function$select 1 where false$function$$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regprocedure('public.pair(integer)');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE p.oid = oid1 AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_functiondef(p.oid), E' \t\r\n;')) = '38465e7136ea2d50da9ad0e0eb4513f9');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$CREATE OR REPLACE FUNCTION public.pair(a integer, OUT x integer, OUT y text)
 RETURNS record
 LANGUAGE sql
AS $function$select a, a::text$function$$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regprocedure('public.rows_of(integer)');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE p.oid = oid1 AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_functiondef(p.oid), E' \t\r\n;')) = '480c5d9f8f0662bc628506a960da25e9');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$CREATE OR REPLACE FUNCTION public.rows_of(n integer)
 RETURNS TABLE(i integer, t text)
 LANGUAGE sql
 STABLE
 SET search_path TO 'pg_catalog'
AS $function$select g, g::text from generate_series(1, n) g$function$$ddl$;
  END IF;
END
$guard$;
;;
-- CREATE OR REPLACE PROCEDURE
-- input:
set check_function_bodies = off;
CREATE OR REPLACE PROCEDURE public.p(IN a integer, INOUT b integer DEFAULT 0)
 LANGUAGE plpgsql
AS $procedure$begin b := a; end$procedure$
;
=
set check_function_bodies = off;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regprocedure('public.p(integer, integer)');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE p.oid = oid1 AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_functiondef(p.oid), E' \t\r\n;')) = '2a6d63e5c84427d914c4cf8baa12395a');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$CREATE OR REPLACE PROCEDURE public.p(IN a integer, INOUT b integer DEFAULT 0)
 LANGUAGE plpgsql
AS $procedure$begin b := a; end$procedure$$ddl$;
  END IF;
END
$guard$;
;;
-- A return type change: DROP FUNCTION IF EXISTS, then CREATE
-- setup:
create function total(p int) returns bigint language sql as 'select p::bigint';
-- input:
drop function if exists "public"."total"(p integer);
set check_function_bodies = off;
CREATE OR REPLACE FUNCTION public.total(p integer)
 RETURNS numeric
 LANGUAGE sql
AS $function$select p::numeric$function$
;
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regprocedure('public.total(integer)');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := oid1 IS NOT NULL AND (NOT EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE p.oid = oid1 AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_functiondef(p.oid), E' \t\r\n;')) = '2d850752ad03f97151bb48fcf01c56b1'));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$drop function if exists "public"."total"(p integer)$ddl$;
  END IF;
END
$guard$;
set check_function_bodies = off;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regprocedure('public.total(integer)');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE p.oid = oid1 AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_functiondef(p.oid), E' \t\r\n;')) = '2d850752ad03f97151bb48fcf01c56b1');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$CREATE OR REPLACE FUNCTION public.total(p integer)
 RETURNS numeric
 LANGUAGE sql
AS $function$select p::numeric$function$$ddl$;
  END IF;
END
$guard$;
;;
-- DROP PROCEDURE IF EXISTS
-- setup:
create procedure p(a int, inout b int default 0) language plpgsql as $$begin b := a; end$$;
-- input:
drop procedure if exists "public"."p"(IN a integer, INOUT b integer);
=
DROP PROCEDURE IF EXISTS public.p (IN a integer, INOUT b integer);
;;
