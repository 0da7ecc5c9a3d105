-- CREATE POLICY
-- setup:
create table notes (id int, owner text, is_public boolean);
-- input:
create policy "notes_select"
on "public"."notes"
as permissive
for select
to public
using ((is_public OR (owner = CURRENT_USER)));
create policy "notes_write"
on "public"."notes"
as restrictive
for update
to public
using ((owner = CURRENT_USER))
with check ((owner <> 'nobody'::text));
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid = pg_catalog.to_regclass('public.notes') AND p.polname = 'notes_select') THEN
    EXECUTE $ddl$create policy "notes_select"
on "public"."notes"
as permissive
for select
to public
using ((is_public OR (owner = CURRENT_USER)))$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid = pg_catalog.to_regclass('public.notes') AND p.polname = 'notes_write') THEN
    EXECUTE $ddl$create policy "notes_write"
on "public"."notes"
as restrictive
for update
to public
using ((owner = CURRENT_USER))
with check ((owner <> 'nobody'::text))$ddl$;
  END IF;
END
$guard$;
;;
-- A changed policy: DROP POLICY, then CREATE POLICY
-- setup:
create table notes (id int, owner text, is_public boolean);
create policy notes_select on notes for select using (owner = current_user);
-- input:
drop policy "notes_select" on "public"."notes";
create policy "notes_select"
on "public"."notes"
as permissive
for select
to public
using ((is_public OR (owner = CURRENT_USER)));
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.notes');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid = oid1 AND p.polname = 'notes_select') AND (NOT EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid = oid1 AND p.polname = 'notes_select' AND p.polpermissive = true AND p.polcmd = 'r' AND CASE WHEN p.polroles = '{0}' THEN ARRAY['public'] ELSE ARRAY(SELECT r.rolname::pg_catalog.text FROM pg_catalog.pg_roles r WHERE r.oid = ANY (p.polroles) ORDER BY r.rolname) END = ARRAY['public']::pg_catalog.text[] AND pg_catalog.pg_get_expr(p.polqual, p.polrelid) = '(is_public OR (owner = CURRENT_USER))' AND p.polwithcheck IS NULL));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$drop policy "notes_select" on "public"."notes"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid = pg_catalog.to_regclass('public.notes') AND p.polname = 'notes_select') THEN
    EXECUTE $ddl$create policy "notes_select"
on "public"."notes"
as permissive
for select
to public
using ((is_public OR (owner = CURRENT_USER)))$ddl$;
  END IF;
END
$guard$;
;;
-- ALTER POLICY in place (roles and expressions): guarded by the policy's printed definition
-- setup:
create table notes (id int, owner text, is_public boolean);
create policy notes_write on notes for update using (owner = current_user) with check (owner = current_user);
-- input:
alter policy "notes_write" on "public"."notes" to pg_monitor using ((is_public OR (owner = CURRENT_USER))) with check ((owner <> 'nobody'::text));
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.notes');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid = oid1 AND p.polname = 'notes_write') AND NOT EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE p.polrelid = oid1 AND p.polname = 'notes_write' AND CASE WHEN p.polroles = '{0}' THEN ARRAY['public'] ELSE ARRAY(SELECT r.rolname::pg_catalog.text FROM pg_catalog.pg_roles r WHERE r.oid = ANY (p.polroles) ORDER BY r.rolname) END = ARRAY['pg_monitor']::pg_catalog.text[] AND pg_catalog.pg_get_expr(p.polqual, p.polrelid) = '(is_public OR (owner = CURRENT_USER))' AND pg_catalog.pg_get_expr(p.polwithcheck, p.polrelid) = '(owner <> ''nobody''::text)');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter policy "notes_write" on "public"."notes" to pg_monitor using ((is_public OR (owner = CURRENT_USER))) with check ((owner <> 'nobody'::text))$ddl$;
  END IF;
END
$guard$;
