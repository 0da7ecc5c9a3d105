-- CREATE TRIGGER (pg_get_triggerdef)
-- setup:
create table documents (id bigint primary key, body text, updated_at timestamptz);
create function set_updated_at() returns trigger language plpgsql as $$begin new.updated_at := now(); return new; end$$;
-- input:
CREATE TRIGGER documents_set_updated_at BEFORE UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass('public.documents') AND t.tgname = 'documents_set_updated_at') THEN
    EXECUTE $ddl$CREATE TRIGGER documents_set_updated_at BEFORE UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION public.set_updated_at()$ddl$;
  END IF;
END
$guard$;
;;
-- CREATE CONSTRAINT TRIGGER and a trigger with WHEN and UPDATE OF
-- setup:
create table documents (id bigint primary key, body text, updated_at timestamptz);
create function set_updated_at() returns trigger language plpgsql as $$begin new.updated_at := now(); return new; end$$;
-- input:
CREATE CONSTRAINT TRIGGER documents_check AFTER INSERT ON public.documents DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
CREATE TRIGGER documents_touch BEFORE UPDATE OF body ON public.documents FOR EACH ROW WHEN ((old.body IS DISTINCT FROM new.body)) EXECUTE FUNCTION public.set_updated_at();
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass('public.documents') AND t.tgname = 'documents_check') THEN
    EXECUTE $ddl$CREATE CONSTRAINT TRIGGER documents_check AFTER INSERT ON public.documents DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION public.set_updated_at()$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass('public.documents') AND t.tgname = 'documents_touch') THEN
    EXECUTE $ddl$CREATE TRIGGER documents_touch BEFORE UPDATE OF body ON public.documents FOR EACH ROW WHEN ((old.body IS DISTINCT FROM new.body)) EXECUTE FUNCTION public.set_updated_at()$ddl$;
  END IF;
END
$guard$;
;;
-- A disabled trigger: migra's one string holds CREATE TRIGGER and ALTER TABLE … DISABLE TRIGGER
-- setup:
create table documents (id bigint primary key, body text, updated_at timestamptz);
create function set_updated_at() returns trigger language plpgsql as $$begin new.updated_at := now(); return new; end$$;
-- input:
CREATE TRIGGER documents_set_updated_at BEFORE UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
ALTER TABLE "public"."documents" DISABLE TRIGGER "documents_set_updated_at";
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass('public.documents') AND t.tgname = 'documents_set_updated_at') THEN
    EXECUTE $ddl$CREATE TRIGGER documents_set_updated_at BEFORE UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION public.set_updated_at()$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass('public.documents') AND t.tgname = 'documents_set_updated_at' AND t.tgenabled = 'D') THEN
    EXECUTE $ddl$ALTER TABLE "public"."documents" DISABLE TRIGGER "documents_set_updated_at"$ddl$;
  END IF;
END
$guard$;
;;
-- A changed trigger: DROP TRIGGER IF EXISTS, then CREATE TRIGGER
-- setup:
create table documents (id bigint primary key, body text, updated_at timestamptz);
create function set_updated_at() returns trigger language plpgsql as $$begin new.updated_at := now(); return new; end$$;
create trigger documents_set_updated_at before update on documents for each row execute function set_updated_at();
-- input:
drop trigger if exists "documents_set_updated_at" on "public"."documents";
CREATE TRIGGER documents_set_updated_at BEFORE INSERT OR UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION public.set_updated_at();
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.documents');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = oid1 AND t.tgname = 'documents_set_updated_at') AND (NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = oid1 AND t.tgname = 'documents_set_updated_at' AND t.tgenabled = 'O' AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_triggerdef(t.oid), E' \t\r\n;')) = '09a7e72cc1cc79e4f6ad1b7d9cfc328e'));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$drop trigger if exists "documents_set_updated_at" on "public"."documents"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass('public.documents') AND t.tgname = 'documents_set_updated_at') THEN
    EXECUTE $ddl$CREATE TRIGGER documents_set_updated_at BEFORE INSERT OR UPDATE ON public.documents FOR EACH ROW EXECUTE FUNCTION public.set_updated_at()$ddl$;
  END IF;
END
$guard$;
;;
-- ENABLE ALWAYS / ENABLE REPLICA / ENABLE TRIGGER (schemainspect's template for a trigger's state)
-- setup:
create table documents (id bigint primary key, body text, updated_at timestamptz);
create function set_updated_at() returns trigger language plpgsql as $$begin new.updated_at := now(); return new; end$$;
create trigger a before update on documents for each row execute function set_updated_at();
create trigger b before update on documents for each row execute function set_updated_at();
create trigger c before update on documents for each row execute function set_updated_at();
alter table documents disable trigger c;
-- input:
ALTER TABLE "public"."documents" ENABLE ALWAYS TRIGGER "a";
ALTER TABLE "public"."documents" ENABLE REPLICA TRIGGER "b";
ALTER TABLE "public"."documents" ENABLE TRIGGER "c";
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass('public.documents') AND t.tgname = 'a' AND t.tgenabled = 'A') THEN
    EXECUTE $ddl$ALTER TABLE "public"."documents" ENABLE ALWAYS TRIGGER "a"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass('public.documents') AND t.tgname = 'b' AND t.tgenabled = 'R') THEN
    EXECUTE $ddl$ALTER TABLE "public"."documents" ENABLE REPLICA TRIGGER "b"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE t.tgrelid = pg_catalog.to_regclass('public.documents') AND t.tgname = 'c' AND t.tgenabled = 'O') THEN
    EXECUTE $ddl$ALTER TABLE "public"."documents" ENABLE TRIGGER "c"$ddl$;
  END IF;
END
$guard$;
;;
