-- CREATE TABLE with identity, defaults, a generated column; its primary key through an index
-- input:
create table "public"."invoices" (
    "id" bigint generated always as identity not null,
    "code" text not null default 'x'::text,
    "amount_cents" bigint not null,
    "doubled" bigint generated always as ((amount_cents * 2)) stored
);
CREATE UNIQUE INDEX invoices_pkey ON public.invoices USING btree (id);
alter table "public"."invoices" add constraint "invoices_pkey" PRIMARY KEY using index "invoices_pkey";
=
CREATE TABLE IF NOT EXISTS public.invoices (
    id bigint GENERATED ALWAYS AS IDENTITY NOT NULL
  , code text NOT NULL DEFAULT CAST('x' AS text)
  , amount_cents bigint NOT NULL
  , doubled bigint GENERATED ALWAYS AS (amount_cents * 2) STORED
);
CREATE UNIQUE INDEX IF NOT EXISTS invoices_pkey
  ON public.invoices (id);
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.invoices') AND c.conname = 'invoices_pkey') THEN
    EXECUTE $ddl$alter table "public"."invoices" add constraint "invoices_pkey" PRIMARY KEY using index "invoices_pkey"$ddl$;
  END IF;
END
$guard$;
;;
-- DROP TABLE (after its primary key)
-- setup:
create table legacy_audit (id bigint primary key, payload text);
-- input:
alter table "public"."legacy_audit" drop constraint "legacy_audit_pkey";
drop index if exists "public"."legacy_audit_pkey";
drop table "public"."legacy_audit";
=
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.legacy_audit') AND c.conname = 'legacy_audit_pkey') THEN
    EXECUTE $ddl$alter table "public"."legacy_audit" drop constraint "legacy_audit_pkey"$ddl$;
  END IF;
END
$guard$;
DROP INDEX IF EXISTS public.legacy_audit_pkey;
DROP TABLE IF EXISTS public.legacy_audit;
;;
-- CREATE TABLE … PARTITION BY and … PARTITION OF
-- input:
create table "public"."m" (
    "id" integer,
    "at" date
) partition by RANGE (at);
create table "public"."m_2024" partition of "public"."m" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
=
CREATE TABLE IF NOT EXISTS public.m (
    id integer
  , at date
) PARTITION BY range (at);
CREATE TABLE IF NOT EXISTS public.m_2024 PARTITION OF public.m
  FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
;;
-- DETACH PARTITION (and the detached table dropped)
-- setup:
create table m (id int, at date) partition by range (at);
create table m_2024 partition of m for values from ('2024-01-01') to ('2025-01-01');
-- input:
alter table "public"."m" detach partition "public"."m_2024";
=
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_inherits i WHERE i.inhrelid = pg_catalog.to_regclass('public.m_2024') AND i.inhparent = pg_catalog.to_regclass('public.m')) THEN
    EXECUTE $ddl$alter table "public"."m" detach partition "public"."m_2024"$ddl$;
  END IF;
END
$guard$;
;;
-- INHERIT (migra follows it with `drop column "id"`, which PostgreSQL refuses for an inherited column)
-- setup:
create table parent (id int);
create table child (id int, extra text);
-- input:
alter table "public"."child" inherit "public"."parent";
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_inherits i WHERE i.inhrelid = pg_catalog.to_regclass('public.child') AND i.inhparent = pg_catalog.to_regclass('public.parent')) THEN
    EXECUTE $ddl$alter table "public"."child" inherit "public"."parent"$ddl$;
  END IF;
END
$guard$;
;;
-- NO INHERIT (migra follows it with `add column "id"`, which fails: the column stays, now local)
-- setup:
create table parent (id int);
create table child (extra text) inherits (parent);
-- input:
alter table "public"."child" no inherit "public"."parent";
=
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_inherits i WHERE i.inhrelid = pg_catalog.to_regclass('public.child') AND i.inhparent = pg_catalog.to_regclass('public.parent')) THEN
    EXECUTE $ddl$alter table "public"."child" no inherit "public"."parent"$ddl$;
  END IF;
END
$guard$;
;;
-- SET UNLOGGED
-- setup:
create table t (id int);
-- input:
alter table "public"."t" set unlogged;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass('public.t') AND c.relpersistence = 'u') THEN
    EXECUTE $ddl$alter table "public"."t" set unlogged$ddl$;
  END IF;
END
$guard$;
;;
-- SET LOGGED
-- setup:
create unlogged table t (id int);
-- input:
alter table "public"."t" set logged;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass('public.t') AND c.relpersistence = 'p') THEN
    EXECUTE $ddl$alter table "public"."t" set logged$ddl$;
  END IF;
END
$guard$;
;;
-- ATTACH PARTITION (schemainspect's template; migra 3.0 fails before emitting it)
-- setup:
create table m (id int, at date) partition by range (at);
create table m_2024 (id int, at date);
-- input:
alter table "public"."m" attach partition "public"."m_2024" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_inherits i WHERE i.inhrelid = pg_catalog.to_regclass('public.m_2024') AND i.inhparent = pg_catalog.to_regclass('public.m')) THEN
    EXECUTE $ddl$alter table "public"."m" attach partition "public"."m_2024" FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')$ddl$;
  END IF;
END
$guard$;
;;
-- A table becoming partitioned: DROP TABLE, then CREATE TABLE … PARTITION BY
-- setup:
create table m (id int, at date);
-- input:
drop table "public"."m";
create table "public"."m" (
    "id" integer,
    "at" date
) partition by RANGE (at);
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.m');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := oid1 IS NOT NULL AND (NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = oid1 AND c.relkind = 'p' AND pg_catalog.pg_get_partkeydef(c.oid) = 'RANGE (at)'));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$drop table "public"."m"$ddl$;
  END IF;
END
$guard$;
CREATE TABLE IF NOT EXISTS public.m (
    id integer
  , at date
) PARTITION BY range (at);
;;
-- CREATE TABLE whose constants the printer cannot say alike ("bit" is not the keyword bit): the diff's text with IF NOT EXISTS
-- input:
create table "public"."device_modes" ("mode" bit(8) not null default '00000001'::"bit", "pattern" bit varying(16) default B'1'::"bit" check ("pattern" <> X'FF'));
=
create table IF NOT EXISTS "public"."device_modes" ("mode" bit(8) not null default '00000001'::"bit", "pattern" bit varying(16) default B'1'::"bit" check ("pattern" <> X'FF'));
