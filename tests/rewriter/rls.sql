-- ENABLE ROW LEVEL SECURITY
-- setup:
create table notes (id int);
-- input:
alter table "public"."notes" enable row level security;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass('public.notes') AND c.relrowsecurity) THEN
    EXECUTE $ddl$alter table "public"."notes" enable row level security$ddl$;
  END IF;
END
$guard$;
;;
-- DISABLE ROW LEVEL SECURITY
-- setup:
create table notes (id int);
alter table notes enable row level security;
-- input:
alter table "public"."notes" disable row level security;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass('public.notes') AND NOT c.relrowsecurity) THEN
    EXECUTE $ddl$alter table "public"."notes" disable row level security$ddl$;
  END IF;
END
$guard$;
;;
-- FORCE / NO FORCE ROW LEVEL SECURITY (not emitted by migra 3.0; guarded by pg_class.relforcerowsecurity)
-- setup:
create table notes (id int);
create table secrets (id int);
alter table secrets force row level security;
-- input:
alter table "public"."notes" force row level security;
alter table "public"."secrets" no force row level security;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass('public.notes') AND c.relforcerowsecurity) THEN
    EXECUTE $ddl$alter table "public"."notes" force row level security$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass('public.secrets') AND NOT c.relforcerowsecurity) THEN
    EXECUTE $ddl$alter table "public"."secrets" no force row level security$ddl$;
  END IF;
END
$guard$;
;;
