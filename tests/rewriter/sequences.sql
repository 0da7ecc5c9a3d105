-- CREATE SEQUENCE, then its options (supplementary differ)
-- setup:
create table invoices (id bigint primary key);
-- input:
create sequence "public"."invoice_number_seq";
alter table "public"."invoices" add column "invoice_number" bigint not null default nextval('public.invoice_number_seq'::regclass);
ALTER SEQUENCE "public"."invoice_number_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000 CACHE 1 NO CYCLE;
=
CREATE SEQUENCE IF NOT EXISTS public.invoice_number_seq;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('public.invoices') AND a.attname = 'invoice_number' AND NOT a.attisdropped) THEN
    EXECUTE $ddl$alter table "public"."invoices" add column "invoice_number" bigint not null default nextval('public.invoice_number_seq'::regclass)$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_sequence s WHERE s.seqrelid = pg_catalog.to_regclass('public.invoice_number_seq') AND s.seqtypid = pg_catalog.to_regtype('bigint') AND s.seqincrement = 1 AND s.seqmin = 1 AND s.seqmax = 9223372036854775807 AND s.seqstart = 1000 AND s.seqcache = 1 AND NOT s.seqcycle) THEN
    EXECUTE $ddl$ALTER SEQUENCE "public"."invoice_number_seq" AS bigint INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1000 CACHE 1 NO CYCLE$ddl$;
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
