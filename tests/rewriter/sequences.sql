-- CREATE SEQUENCE: the supplementary differ creates it with its options, migra's CREATE then finds it
-- setup:
create table invoices (id bigint primary key);
-- target:
create sequence invoice_number_seq start with 1000;
create table invoices (id bigint primary key, invoice_number bigint not null default nextval('invoice_number_seq'));
-- input:
CREATE SEQUENCE IF NOT EXISTS "public"."invoice_number_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000 CACHE 1 NO CYCLE;
create sequence "public"."invoice_number_seq";
alter table "public"."invoices" add column "invoice_number" bigint not null default nextval('public.invoice_number_seq'::regclass);
=
CREATE SEQUENCE IF NOT EXISTS public.invoice_number_seq
  AS bigint
  INCREMENT BY 1
  MINVALUE 1
  MAXVALUE 9223372036854775807
  START WITH 1000
  CACHE 1
  NO CYCLE;
CREATE SEQUENCE IF NOT EXISTS public.invoice_number_seq;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.invoices') AND a.attname = 'invoice_number' AND NOT a.attisdropped) THEN
    EXECUTE $ddl$alter table "public"."invoices" add column "invoice_number" bigint not null default nextval('public.invoice_number_seq'::regclass)$ddl$;
  END IF;
END
$guard$;
;;
-- A serial column: sequence, table, OWNED BY from migra and from the supplementary differ
-- target:
create table login_attempts (id serial primary key, email text not null);
-- input:
CREATE SEQUENCE IF NOT EXISTS "public"."login_attempts_id_seq" AS integer INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1 NO CYCLE;
create sequence "public"."login_attempts_id_seq";
create table "public"."login_attempts" (
    "id" integer not null default nextval('public.login_attempts_id_seq'::regclass),
    "email" text not null
);
alter sequence "public"."login_attempts_id_seq" owned by "public"."login_attempts"."id";
CREATE UNIQUE INDEX login_attempts_pkey ON public.login_attempts USING btree (id);
alter table "public"."login_attempts" add constraint "login_attempts_pkey" PRIMARY KEY using index "login_attempts_pkey";
ALTER SEQUENCE "public"."login_attempts_id_seq" OWNED BY public.login_attempts.id;
=
CREATE SEQUENCE IF NOT EXISTS public.login_attempts_id_seq
  AS integer
  INCREMENT BY 1
  MINVALUE 1
  MAXVALUE 2147483647
  START WITH 1
  CACHE 1
  NO CYCLE;
CREATE SEQUENCE IF NOT EXISTS public.login_attempts_id_seq;
CREATE TABLE IF NOT EXISTS public.login_attempts (
    id integer NOT NULL DEFAULT nextval(CAST('public.login_attempts_id_seq' AS regclass))
  , email text NOT NULL
);
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = pg_catalog.to_regclass('public.login_attempts_id_seq') AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a' AND d.refobjsubid > 0 AND d.refobjid = pg_catalog.to_regclass('public.login_attempts') AND EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND a.attname = 'id')) THEN
    EXECUTE $ddl$alter sequence "public"."login_attempts_id_seq" owned by "public"."login_attempts"."id"$ddl$;
  END IF;
END
$guard$;
CREATE UNIQUE INDEX IF NOT EXISTS login_attempts_pkey
  ON public.login_attempts (id);
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.login_attempts') AND c.conname = 'login_attempts_pkey') THEN
    EXECUTE $ddl$alter table "public"."login_attempts" add constraint "login_attempts_pkey" PRIMARY KEY using index "login_attempts_pkey"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = pg_catalog.to_regclass('public.login_attempts_id_seq') AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a' AND d.refobjsubid > 0 AND d.refobjid = pg_catalog.to_regclass('public.login_attempts') AND EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND a.attname = 'id')) THEN
    EXECUTE $ddl$ALTER SEQUENCE "public"."login_attempts_id_seq" OWNED BY public.login_attempts.id$ddl$;
  END IF;
END
$guard$;
;;
-- ALTER SEQUENCE options (supplementary differ)
-- setup:
create sequence s;
-- input:
ALTER SEQUENCE "public"."s" AS integer INCREMENT BY 5 MINVALUE 1 MAXVALUE 1000 START WITH 20 CACHE 3 CYCLE;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_sequence s WHERE s.seqrelid = pg_catalog.to_regclass('public.s') AND s.seqtypid = pg_catalog.to_regtype('integer') AND s.seqincrement = 5 AND s.seqmin = 1 AND s.seqmax = 1000 AND s.seqstart = 20 AND s.seqcache = 3 AND s.seqcycle) THEN
    EXECUTE $ddl$ALTER SEQUENCE "public"."s" AS integer INCREMENT BY 5 MINVALUE 1 MAXVALUE 1000 START WITH 20 CACHE 3 CYCLE$ddl$;
  END IF;
END
$guard$;
;;
-- OWNED BY: migra's and the supplementary differ's
-- setup:
create sequence s;
create table t (id int default nextval('s'));
-- input:
alter sequence "public"."s" owned by "public"."t"."id";
ALTER SEQUENCE "public"."s" OWNED BY public.t.id;
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = pg_catalog.to_regclass('public.s') AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a' AND d.refobjsubid > 0 AND d.refobjid = pg_catalog.to_regclass('public.t') AND EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND a.attname = 'id')) THEN
    EXECUTE $ddl$alter sequence "public"."s" owned by "public"."t"."id"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = pg_catalog.to_regclass('public.s') AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a' AND d.refobjsubid > 0 AND d.refobjid = pg_catalog.to_regclass('public.t') AND EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = d.refobjid AND a.attnum = d.refobjsubid AND a.attname = 'id')) THEN
    EXECUTE $ddl$ALTER SEQUENCE "public"."s" OWNED BY public.t.id$ddl$;
  END IF;
END
$guard$;
;;
-- OWNED BY NONE: migra's and the supplementary differ's
-- setup:
create sequence s;
create table t (id int default nextval('s'));
alter sequence s owned by t.id;
-- input:
alter sequence "public"."s" owned by none;
ALTER SEQUENCE "public"."s" OWNED BY NONE;
=
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = pg_catalog.to_regclass('public.s') AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a' AND d.refobjsubid > 0) THEN
    EXECUTE $ddl$alter sequence "public"."s" owned by none$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_depend d WHERE d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.objid = pg_catalog.to_regclass('public.s') AND d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass AND d.deptype = 'a' AND d.refobjsubid > 0) THEN
    EXECUTE $ddl$ALTER SEQUENCE "public"."s" OWNED BY NONE$ddl$;
  END IF;
END
$guard$;
;;
-- DROP SEQUENCE IF EXISTS
-- setup:
create sequence ticket_number_seq;
-- input:
drop sequence if exists "public"."ticket_number_seq";
=
DROP SEQUENCE IF EXISTS public.ticket_number_seq;
;;
