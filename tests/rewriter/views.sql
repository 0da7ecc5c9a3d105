-- CREATE OR REPLACE VIEW (pg_get_viewdef compared; a join prints alike on 15, 16 and 18)
-- setup:
create table employees (id bigint primary key, name text not null, manager_id bigint, salary_cents bigint);
-- input:
create or replace view "public"."managed" as  SELECT e.id,
    m.name AS manager
   FROM (public.employees e
     JOIN public.employees m ON ((m.id = e.manager_id)));
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.managed');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = oid1 AND c.relkind = 'v' AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_viewdef(c.oid), E' \t\r\n;')) = 'fab001dc244d07308b558ef5626c22f7');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$create or replace view "public"."managed" as  SELECT e.id,
    m.name AS manager
   FROM (public.employees e
     JOIN public.employees m ON ((m.id = e.manager_id)))$ddl$;
  END IF;
END
$guard$;
;;
-- CREATE OR REPLACE VIEW: a changed definition
-- setup:
create table employees (id bigint primary key, name text not null, manager_id bigint, salary_cents bigint);
create view managed as select e.id from employees e join employees m on m.id = e.manager_id;
-- input:
create or replace view "public"."managed" as  SELECT e.id,
    m.name AS manager
   FROM (public.employees e
     JOIN public.employees m ON ((m.id = e.manager_id)));
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.managed');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = oid1 AND c.relkind = 'v' AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_viewdef(c.oid), E' \t\r\n;')) = 'fab001dc244d07308b558ef5626c22f7');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$create or replace view "public"."managed" as  SELECT e.id,
    m.name AS manager
   FROM (public.employees e
     JOIN public.employees m ON ((m.id = e.manager_id)))$ddl$;
  END IF;
END
$guard$;
;;
-- DROP VIEW IF EXISTS
-- setup:
create table employees (id bigint primary key, name text not null, manager_id bigint, salary_cents bigint);
create view headcount as select count(*) as n from employees;
-- input:
drop view if exists "public"."headcount";
=
DROP VIEW IF EXISTS public.headcount;
;;
-- CREATE MATERIALIZED VIEW and an index on it
-- setup:
create table employees (id bigint primary key, name text not null, manager_id bigint, salary_cents bigint);
-- input:
create materialized view "public"."payroll" as  SELECT count(*) AS n,
    sum(salary_cents) AS total
   FROM public.employees;
CREATE UNIQUE INDEX payroll_n_idx ON public.payroll USING btree (n);
=
CREATE MATERIALIZED VIEW IF NOT EXISTS public.payroll
  AS SELECT count(*) AS n
          , sum(salary_cents) AS total
     FROM public.employees;
CREATE UNIQUE INDEX IF NOT EXISTS payroll_n_idx
  ON public.payroll (n);
;;
-- DROP MATERIALIZED VIEW IF EXISTS
-- setup:
create table employees (id bigint primary key, name text not null, manager_id bigint, salary_cents bigint);
create materialized view payroll as select count(*) as n from employees;
-- input:
drop materialized view if exists "public"."payroll";
=
DROP MATERIALIZED VIEW IF EXISTS public.payroll;
;;
-- A view dropped so the column under it can change type, then created again: the first run must drop it
-- setup:
create table employees (id bigint primary key, name text not null, manager_id bigint, salary_cents bigint);
create view managed as select e.id, m.name as manager from employees e join employees m on m.id = e.manager_id;
-- input:
drop view if exists "public"."managed";
alter table "public"."employees" alter column "name" set data type character varying(200) using "name"::character varying(200);
create or replace view "public"."managed" as  SELECT e.id,
    m.name AS manager
   FROM (public.employees e
     JOIN public.employees m ON ((m.id = e.manager_id)));
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.managed');
  oid2 oid := pg_catalog.to_regclass('public.employees');
  oid3 oid := pg_catalog.to_regtype('character varying(200)');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := oid1 IS NOT NULL AND (NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = oid1 AND c.relkind = 'v' AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_viewdef(c.oid), E' \t\r\n;')) = 'fab001dc244d07308b558ef5626c22f7') OR (NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = oid2 AND a.attname = 'name' AND NOT a.attisdropped AND a.atttypid = oid3 AND pg_catalog.format_type(a.atttypid, a.atttypmod) = 'character varying(200)' AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid))));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$drop view if exists "public"."managed"$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.employees');
  oid2 oid := pg_catalog.to_regtype('character varying(200)');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = oid1 AND a.attname = 'name' AND NOT a.attisdropped AND a.atttypid = oid2 AND pg_catalog.format_type(a.atttypid, a.atttypmod) = 'character varying(200)' AND a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."employees" alter column "name" set data type character varying(200) using "name"::character varying(200)$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.managed');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = oid1 AND c.relkind = 'v' AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_viewdef(c.oid), E' \t\r\n;')) = 'fab001dc244d07308b558ef5626c22f7');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$create or replace view "public"."managed" as  SELECT e.id,
    m.name AS manager
   FROM (public.employees e
     JOIN public.employees m ON ((m.id = e.manager_id)))$ddl$;
  END IF;
END
$guard$;
;;
-- A view and the view on it dropped and created again (every drop is skipped once both are as created)
-- setup:
create table employees (id bigint primary key, name text not null, manager_id bigint, salary_cents bigint);
create view managed as select e.id, m.name as manager from employees e join employees m on m.id = e.manager_id;
create view managed_count as select count(*) as n from managed;
-- input:
drop view if exists "public"."managed_count";
drop view if exists "public"."managed";
create or replace view "public"."managed" as  SELECT e.id
   FROM (public.employees e
     JOIN public.employees m ON ((m.id = e.manager_id)));
create or replace view "public"."managed_count" as  SELECT count(*) AS n
   FROM public.managed;
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.managed_count');
  oid2 oid := pg_catalog.to_regclass('public.managed');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := oid1 IS NOT NULL AND (NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = oid1 AND c.relkind = 'v' AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_viewdef(c.oid), E' \t\r\n;')) = '621fc46ed56d118c2ce9734590dc41d1') OR (oid2 IS NOT NULL AND NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = oid2 AND c.relkind = 'v' AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_viewdef(c.oid), E' \t\r\n;')) = '8a4c6b8010421fe80d18cf202016bd67')) OR (NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = oid2 AND c.relkind = 'v' AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_viewdef(c.oid), E' \t\r\n;')) = '8a4c6b8010421fe80d18cf202016bd67')));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$drop view if exists "public"."managed_count"$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.managed');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := oid1 IS NOT NULL AND (NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = oid1 AND c.relkind = 'v' AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_viewdef(c.oid), E' \t\r\n;')) = '8a4c6b8010421fe80d18cf202016bd67'));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$drop view if exists "public"."managed"$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.managed');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = oid1 AND c.relkind = 'v' AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_viewdef(c.oid), E' \t\r\n;')) = '8a4c6b8010421fe80d18cf202016bd67');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$create or replace view "public"."managed" as  SELECT e.id
   FROM (public.employees e
     JOIN public.employees m ON ((m.id = e.manager_id)))$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.managed_count');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = oid1 AND c.relkind = 'v' AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_viewdef(c.oid), E' \t\r\n;')) = '621fc46ed56d118c2ce9734590dc41d1');
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$create or replace view "public"."managed_count" as  SELECT count(*) AS n
   FROM public.managed$ddl$;
  END IF;
END
$guard$;
;;
-- A changed materialized view: DROP … IF EXISTS, then CREATE (migra forgets its index)
-- setup:
create table employees (id bigint primary key, name text not null, manager_id bigint, salary_cents bigint);
create materialized view managed as select e.id from employees e join employees m on m.id = e.manager_id;
create unique index managed_id_idx on managed (id);
-- input:
drop materialized view if exists "public"."managed";
create materialized view "public"."managed" as  SELECT e.id,
    m.name AS manager
   FROM (public.employees e
     JOIN public.employees m ON ((m.id = e.manager_id)));
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.managed');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := oid1 IS NOT NULL AND (NOT EXISTS (SELECT FROM pg_catalog.pg_class c WHERE c.oid = oid1 AND c.relkind = 'm' AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_viewdef(c.oid), E' \t\r\n;')) = 'fab001dc244d07308b558ef5626c22f7'));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$drop materialized view if exists "public"."managed"$ddl$;
  END IF;
END
$guard$;
CREATE MATERIALIZED VIEW IF NOT EXISTS public.managed
  AS SELECT e.id
          , m.name AS manager
     FROM public.employees AS e
          INNER JOIN public.employees AS m ON m.id = e.manager_id;
;;
