-- `set check_function_bodies = off` and other statements that change no object pass through, unreported
-- input:
set check_function_bodies = off;
select 1; -- drop index if exists "public"."r_no_overlap";
=
set check_function_bodies = off;
select 1;
;;
-- Statements with no guard pass through unchanged and are reported (the proof catches them on a re-run)
-- unguarded
-- setup:
create table t (id int);
create function f() returns trigger language plpgsql as $$begin return new; end$$;
-- input:
comment on table "public"."t" is 'audited';
CREATE OR REPLACE TRIGGER t_f BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.f();
=
comment on table "public"."t" is 'audited';
CREATE OR REPLACE TRIGGER t_f BEFORE UPDATE ON public.t FOR EACH ROW EXECUTE FUNCTION public.f();
;;
-- Guards the supplementary differ made (comment, trigger state, view options) pass through as guarded; migra re-creates the trigger, whose definition is unchanged
-- setup:
create table docs (id int);
create view docs_count as select count(*) as n from docs;
create function f() returns trigger language plpgsql as $$begin return new;
end$$;
create trigger docs_t before update on docs for each row execute function f();
-- input:
drop trigger if exists "docs_t" on "public"."docs";
CREATE TRIGGER docs_t BEFORE UPDATE ON public.docs FOR EACH ROW EXECUTE FUNCTION public.f();
ALTER TABLE "public"."docs" DISABLE TRIGGER "docs_t";
DO $guard$
BEGIN
  IF (SELECT d.description FROM pg_catalog.pg_get_object_address('view', ARRAY['public', 'docs_count']::pg_catalog.text[], ARRAY[]::pg_catalog.text[]) a LEFT JOIN pg_catalog.pg_description d ON d.classoid = a.classid AND d.objoid = a.objid AND d.objsubid = a.objsubid) IS DISTINCT FROM 'How many docs' THEN
    EXECUTE 'COMMENT ON VIEW public.docs_count IS ''How many docs''';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT t.tgenabled FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass('public.docs') AND t.tgname = 'docs_t') IS DISTINCT FROM 'D' THEN
    EXECUTE 'ALTER TABLE public.docs DISABLE TRIGGER "docs_t"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT (SELECT COALESCE(c.reloptions, '{}') @> ARRAY['security_barrier=true']::pg_catalog.text[] FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass('public.docs_count')) THEN
    EXECUTE 'ALTER VIEW public.docs_count SET (security_barrier = ''true'')';
  END IF;
END
$guard$;
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.docs');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = oid1 AND t.tgname = 'docs_t') AND (NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = oid1 AND t.tgname = 'docs_t' AND t.tgenabled = 'D' AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_triggerdef(t.oid), E' \t\r\n;')) = '17cc6da8e6259a8efbba5f958bd5d3d5'));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$drop trigger if exists "docs_t" on "public"."docs"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass('public.docs') AND t.tgname = 'docs_t') THEN
    EXECUTE $ddl$CREATE TRIGGER docs_t BEFORE UPDATE ON public.docs FOR EACH ROW EXECUTE FUNCTION public.f()$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass('public.docs') AND t.tgname = 'docs_t' AND t.tgenabled = 'D') THEN
    EXECUTE $ddl$ALTER TABLE "public"."docs" DISABLE TRIGGER "docs_t"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT d.description FROM pg_catalog.pg_get_object_address('view', ARRAY['public', 'docs_count']::pg_catalog.text[], ARRAY[]::pg_catalog.text[]) a LEFT JOIN pg_catalog.pg_description d ON d.classoid = a.classid AND d.objoid = a.objid AND d.objsubid = a.objsubid) IS DISTINCT FROM 'How many docs' THEN
    EXECUTE 'COMMENT ON VIEW public.docs_count IS ''How many docs''';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT t.tgenabled FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass('public.docs') AND t.tgname = 'docs_t') IS DISTINCT FROM 'D' THEN
    EXECUTE 'ALTER TABLE public.docs DISABLE TRIGGER "docs_t"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT (SELECT COALESCE(c.reloptions, '{}') @> ARRAY['security_barrier=true']::pg_catalog.text[] FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass('public.docs_count')) THEN
    EXECUTE 'ALTER VIEW public.docs_count SET (security_barrier = ''true'')';
  END IF;
END
$guard$;
;;
