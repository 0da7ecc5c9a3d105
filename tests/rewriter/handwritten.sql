-- RENAME TABLE / RENAME COLUMN / RENAME VALUE (not emitted by migra 3.0): run while the old name exists and the new one does not
-- setup:
create table legacy (id int, nm text);
create type mood as enum ('sad', 'hapy');
-- input:
alter table "public"."legacy" rename to "archive";
alter table "public"."archive" rename column "nm" to "name";
alter type "public"."mood" rename value 'hapy' to 'happy';
=
DO $guard$
BEGIN
  IF pg_catalog.to_regclass('public.legacy') IS NOT NULL AND pg_catalog.to_regclass('public.archive') IS NULL THEN
    EXECUTE $ddl$alter table "public"."legacy" rename to "archive"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.archive') AND a.attname = 'nm' AND NOT a.attisdropped) AND NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.archive') AND a.attname = 'name' AND NOT a.attisdropped) THEN
    EXECUTE $ddl$alter table "public"."archive" rename column "nm" to "name"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_enum e WHERE e.enumtypid = pg_catalog.to_regtype('public.mood') AND e.enumlabel = 'hapy') AND NOT EXISTS (SELECT FROM pg_catalog.pg_enum e WHERE e.enumtypid = pg_catalog.to_regtype('public.mood') AND e.enumlabel = 'happy') THEN
    EXECUTE $ddl$alter type "public"."mood" rename value 'hapy' to 'happy'$ddl$;
  END IF;
END
$guard$;
;;
-- DROP of several objects in one statement: IF EXISTS
-- setup:
create table a (id int);
create table b (id int);
-- input:
drop table "public"."a", "public"."b";
=
DROP TABLE IF EXISTS public.a
                   , public.b;
;;
