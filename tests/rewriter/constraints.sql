-- ADD CONSTRAINT … CHECK … NOT VALID, then VALIDATE
-- setup:
create table products (price_cents integer);
-- input:
alter table "public"."products" add constraint "products_price_positive" CHECK ((price_cents > 0)) not valid;
alter table "public"."products" validate constraint "products_price_positive";
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.products') AND c.conname = 'products_price_positive') THEN
    EXECUTE $ddl$alter table "public"."products" add constraint "products_price_positive" CHECK ((price_cents > 0)) not valid$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.products') AND c.conname = 'products_price_positive' AND NOT c.convalidated) THEN
    EXECUTE $ddl$alter table "public"."products" validate constraint "products_price_positive"$ddl$;
  END IF;
END
$guard$;
;;
-- ADD CONSTRAINT … FOREIGN KEY … NOT VALID, then VALIDATE
-- setup:
create table authors (id bigint primary key);
create table posts (id bigint, author_id bigint);
-- input:
alter table "public"."posts" add constraint "posts_author_id_fkey" FOREIGN KEY (author_id) REFERENCES public.authors(id) ON DELETE CASCADE not valid;
alter table "public"."posts" validate constraint "posts_author_id_fkey";
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.posts') AND c.conname = 'posts_author_id_fkey') THEN
    EXECUTE $ddl$alter table "public"."posts" add constraint "posts_author_id_fkey" FOREIGN KEY (author_id) REFERENCES public.authors(id) ON DELETE CASCADE not valid$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.posts') AND c.conname = 'posts_author_id_fkey' AND NOT c.convalidated) THEN
    EXECUTE $ddl$alter table "public"."posts" validate constraint "posts_author_id_fkey"$ddl$;
  END IF;
END
$guard$;
;;
-- PRIMARY KEY and UNIQUE … DEFERRABLE USING INDEX
-- setup:
create table t (id int not null, code text);
-- input:
CREATE UNIQUE INDEX t_code_key ON public.t USING btree (code);
CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id);
alter table "public"."t" add constraint "t_pkey" PRIMARY KEY using index "t_pkey";
alter table "public"."t" add constraint "t_code_key" UNIQUE using index "t_code_key" DEFERRABLE INITIALLY DEFERRED;
=
CREATE UNIQUE INDEX IF NOT EXISTS t_code_key
  ON public.t (code);
CREATE UNIQUE INDEX IF NOT EXISTS t_pkey
  ON public.t (id);
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.t') AND c.conname = 't_pkey') THEN
    EXECUTE $ddl$alter table "public"."t" add constraint "t_pkey" PRIMARY KEY using index "t_pkey"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.t') AND c.conname = 't_code_key') THEN
    EXECUTE $ddl$alter table "public"."t" add constraint "t_code_key" UNIQUE using index "t_code_key" DEFERRABLE INITIALLY DEFERRED$ddl$;
  END IF;
END
$guard$;
;;
-- ADD CONSTRAINT … EXCLUDE (its index line is migra's `select 1; -- …`)
-- setup:
create table r (room int, during tsrange);
-- input:
select 1; -- CREATE INDEX r_no_overlap ON public.r USING gist (during);
alter table "public"."r" add constraint "r_no_overlap" EXCLUDE USING gist (during WITH &&);
=
select 1;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.r') AND c.conname = 'r_no_overlap') THEN
    EXECUTE $ddl$alter table "public"."r" add constraint "r_no_overlap" EXCLUDE USING gist (during WITH &&)$ddl$;
  END IF;
END
$guard$;
;;
-- DROP CONSTRAINT (a changed constraint is dropped and added again)
-- setup:
create table p (price int, constraint p_range check (price > 0), constraint p_old check (price < 100));
-- input:
alter table "public"."p" drop constraint "p_old";
alter table "public"."p" drop constraint "p_range";
alter table "public"."p" add constraint "p_range" CHECK (((price >= 0) AND (price < 1000000))) not valid;
alter table "public"."p" validate constraint "p_range";
=
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.p') AND c.conname = 'p_old') THEN
    EXECUTE $ddl$alter table "public"."p" drop constraint "p_old"$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.p');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = oid1 AND c.conname = 'p_range') AND (NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = oid1 AND c.conname = 'p_range' AND pg_catalog.pg_get_constraintdef(c.oid) = 'CHECK (((price >= 0) AND (price < 1000000)))'));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."p" drop constraint "p_range"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.p') AND c.conname = 'p_range') THEN
    EXECUTE $ddl$alter table "public"."p" add constraint "p_range" CHECK (((price >= 0) AND (price < 1000000))) not valid$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.p') AND c.conname = 'p_range' AND NOT c.convalidated) THEN
    EXECUTE $ddl$alter table "public"."p" validate constraint "p_range"$ddl$;
  END IF;
END
$guard$;
;;
-- A changed primary key: constraint and index dropped, index and constraint created again
-- setup:
create table t (id int not null, code text not null, constraint t_pkey primary key (id));
-- input:
alter table "public"."t" drop constraint "t_pkey";
drop index if exists "public"."t_pkey";
CREATE UNIQUE INDEX t_pkey ON public.t USING btree (id, code);
alter table "public"."t" add constraint "t_pkey" PRIMARY KEY using index "t_pkey";
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.t');
  oid2 oid := pg_catalog.to_regclass('public.t_pkey');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = oid1 AND c.conname = 't_pkey') AND (NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = oid1 AND c.conname = 't_pkey' AND c.contype = 'p' AND c.condeferrable = false AND c.condeferred = false AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_indexdef(c.conindid), E' \t\r\n;')) = '9387807cb3cc3ffbdb26ae3227aaba82') OR (oid2 IS NOT NULL AND NOT EXISTS (SELECT FROM pg_catalog.pg_index i WHERE i.indexrelid = oid2 AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_indexdef(i.indexrelid), E' \t\r\n;')) = '9387807cb3cc3ffbdb26ae3227aaba82')));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."t" drop constraint "t_pkey"$ddl$;
  END IF;
END
$guard$;
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.t_pkey');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := oid1 IS NOT NULL AND (NOT EXISTS (SELECT FROM pg_catalog.pg_index i WHERE i.indexrelid = oid1 AND pg_catalog.md5(pg_catalog.btrim(pg_catalog.pg_get_indexdef(i.indexrelid), E' \t\r\n;')) = '9387807cb3cc3ffbdb26ae3227aaba82'));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$drop index if exists "public"."t_pkey"$ddl$;
  END IF;
END
$guard$;
CREATE UNIQUE INDEX IF NOT EXISTS t_pkey
  ON public.t (id
             , code);
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.t') AND c.conname = 't_pkey') THEN
    EXECUTE $ddl$alter table "public"."t" add constraint "t_pkey" PRIMARY KEY using index "t_pkey"$ddl$;
  END IF;
END
$guard$;
;;
-- A validated constraint made NOT VALID again: dropped, added NOT VALID (no VALIDATE follows), so a validated one is not what the sequence creates
-- setup:
create table products (id integer primary key, price_cents integer not null);
alter table products add constraint products_price_positive check (price_cents > 0);
-- input:
alter table "public"."products" drop constraint "products_price_positive";
alter table "public"."products" add constraint "products_price_positive" CHECK ((price_cents > 0)) NOT VALID;
=
DO $guard$
DECLARE
  oid1 oid := pg_catalog.to_regclass('public.products');
  saved text[] := ARRAY[pg_catalog.current_setting('search_path'), pg_catalog.current_setting('TimeZone'), pg_catalog.current_setting('DateStyle')];
  needed boolean;
BEGIN
  PERFORM pg_catalog.set_config('search_path', 'pg_catalog', true), pg_catalog.set_config('TimeZone', 'UTC', true), pg_catalog.set_config('DateStyle', 'ISO, MDY', true);
  needed := EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = oid1 AND c.conname = 'products_price_positive') AND (NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = oid1 AND c.conname = 'products_price_positive' AND pg_catalog.pg_get_constraintdef(c.oid) = 'CHECK ((price_cents > 0)) NOT VALID'));
  PERFORM pg_catalog.set_config('search_path', saved[1], true), pg_catalog.set_config('TimeZone', saved[2], true), pg_catalog.set_config('DateStyle', saved[3], true);
  IF needed THEN
    EXECUTE $ddl$alter table "public"."products" drop constraint "products_price_positive"$ddl$;
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = pg_catalog.to_regclass('public.products') AND c.conname = 'products_price_positive') THEN
    EXECUTE $ddl$alter table "public"."products" add constraint "products_price_positive" CHECK ((price_cents > 0)) NOT VALID$ddl$;
  END IF;
END
$guard$;
;;
