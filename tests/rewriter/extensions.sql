-- CREATE EXTENSION IF NOT EXISTS (pgvector)
-- requires: vector 0.6.2
-- input:
create extension if not exists "vector" with schema "public" version '0.6.2';
=
CREATE EXTENSION IF NOT EXISTS vector
  WITH SCHEMA public
       VERSION '0.6.2';
;;
-- CREATE EXTENSION IF NOT EXISTS … VERSION
-- requires: hstore 1.8
-- input:
create extension if not exists "hstore" with schema "public" version '1.8';
=
CREATE EXTENSION IF NOT EXISTS hstore
  WITH SCHEMA public
       VERSION '1.8';
;;
-- ALTER EXTENSION … UPDATE TO: guarded by pg_extension.extversion
-- requires: citext 1.4
-- requires: citext 1.6
-- setup:
create extension citext version '1.4';
-- input:
alter extension "citext" update to '1.6';
=
DO $guard$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_catalog.pg_extension x WHERE x.extname = 'citext' AND x.extversion = '1.6') THEN
    EXECUTE $ddl$alter extension "citext" update to '1.6'$ddl$;
  END IF;
END
$guard$;
;;
-- DROP EXTENSION IF EXISTS
-- requires: hstore
-- setup:
create extension hstore;
-- input:
drop extension if exists "hstore";
=
DROP EXTENSION IF EXISTS hstore;
;;
