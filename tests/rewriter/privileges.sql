-- Grants, revokes and default privileges the supplementary differ made pass through as guarded; re-running them logs no DDL
-- setup:
DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'rw_reader') THEN CREATE ROLE rw_reader NOLOGIN; END IF; END$$;
create schema sc;
create table sc.t (id int, note text);
grant select, update on sc.t to rw_reader with grant option;
grant insert (note) on sc.t to rw_reader;
create sequence sc.s;
create function sc.f(a int) returns int language sql as 'select a';
create type sc.e as enum ('x');
alter default privileges in schema sc grant select on tables to rw_reader;
-- target:
DO $$BEGIN IF NOT EXISTS (SELECT FROM pg_catalog.pg_roles WHERE rolname = 'rw_reader') THEN CREATE ROLE rw_reader NOLOGIN; END IF; END$$;
create schema sc;
grant usage on schema sc to rw_reader;
create table sc.t (id int, note text);
grant select on sc.t to rw_reader;
grant insert (note), update (note) on sc.t to rw_reader;
create sequence sc.s;
grant usage on sequence sc.s to rw_reader;
create function sc.f(a int) returns int language sql as 'select a';
revoke execute on function sc.f(int) from public;
grant execute on function sc.f(int) to rw_reader;
create type sc.e as enum ('x');
revoke usage on type sc.e from public;
alter default privileges revoke execute on functions from public;
alter default privileges in schema sc grant usage on sequences to rw_reader;
-- input:
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.typacl, pg_catalog.acldefault('T', o.typowner)) FROM pg_catalog.pg_type o WHERE o.oid = pg_catalog.to_regtype('sc.e'))) a WHERE a.grantee = 0 AND a.privilege_type = ANY (ARRAY['USAGE']::pg_catalog.text[])) > 0 THEN
    EXECUTE 'REVOKE USAGE ON TYPE sc.e FROM PUBLIC';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.proacl, pg_catalog.acldefault('f', o.proowner)) FROM pg_catalog.pg_proc o WHERE o.oid = pg_catalog.to_regprocedure('sc.f(integer)'))) a WHERE a.grantee = 0 AND a.privilege_type = ANY (ARRAY['EXECUTE']::pg_catalog.text[])) > 0 THEN
    EXECUTE 'REVOKE EXECUTE ON FUNCTION sc.f(integer) FROM PUBLIC';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.proacl, pg_catalog.acldefault('f', o.proowner)) FROM pg_catalog.pg_proc o WHERE o.oid = pg_catalog.to_regprocedure('sc.f(integer)'))) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['EXECUTE']::pg_catalog.text[])) < 1 THEN
    EXECUTE 'GRANT EXECUTE ON FUNCTION sc.f(integer) TO "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.relacl, pg_catalog.acldefault('s', o.relowner)) FROM pg_catalog.pg_class o WHERE o.oid = pg_catalog.to_regclass('sc.s'))) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['USAGE']::pg_catalog.text[])) < 1 THEN
    EXECUTE 'GRANT USAGE ON SEQUENCE sc.s TO "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.relacl, pg_catalog.acldefault('r', o.relowner)) FROM pg_catalog.pg_class o WHERE o.oid = pg_catalog.to_regclass('sc.t'))) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['UPDATE']::pg_catalog.text[])) > 0 THEN
    EXECUTE 'REVOKE UPDATE ON TABLE sc.t FROM "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.relacl, pg_catalog.acldefault('r', o.relowner)) FROM pg_catalog.pg_class o WHERE o.oid = pg_catalog.to_regclass('sc.t'))) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['SELECT']::pg_catalog.text[]) AND a.is_grantable) > 0 THEN
    EXECUTE 'REVOKE GRANT OPTION FOR SELECT ON TABLE sc.t FROM "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT a.attacl FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('sc.t') AND a.attname = 'note')) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['UPDATE']::pg_catalog.text[])) < 1 THEN
    EXECUTE 'GRANT UPDATE ("note") ON TABLE sc.t TO "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.nspacl, pg_catalog.acldefault('n', o.nspowner)) FROM pg_catalog.pg_namespace o WHERE o.nspname = 'sc')) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['USAGE']::pg_catalog.text[])) < 1 THEN
    EXECUTE 'GRANT USAGE ON SCHEMA sc TO "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode(COALESCE((SELECT d.defaclacl FROM pg_catalog.pg_default_acl d WHERE d.defaclrole = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER) AND d.defaclnamespace = 0 AND d.defaclobjtype = 'f'), pg_catalog.acldefault('f', (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER))::pg_catalog.aclitem[])) a WHERE a.grantee = 0 AND a.privilege_type = ANY (ARRAY['EXECUTE']::pg_catalog.text[])) > 0 THEN
    EXECUTE 'ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode(COALESCE((SELECT d.defaclacl FROM pg_catalog.pg_default_acl d WHERE d.defaclrole = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER) AND d.defaclnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = 'sc') AND d.defaclobjtype = 'S'), NULL::pg_catalog.aclitem[])) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['USAGE']::pg_catalog.text[])) < 1 THEN
    EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA "sc" GRANT USAGE ON SEQUENCES TO "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode(COALESCE((SELECT d.defaclacl FROM pg_catalog.pg_default_acl d WHERE d.defaclrole = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER) AND d.defaclnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = 'sc') AND d.defaclobjtype = 'r'), NULL::pg_catalog.aclitem[])) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['SELECT']::pg_catalog.text[])) > 0 THEN
    EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA "sc" REVOKE SELECT ON TABLES FROM "rw_reader"';
  END IF;
END
$guard$;
=
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.typacl, pg_catalog.acldefault('T', o.typowner)) FROM pg_catalog.pg_type o WHERE o.oid = pg_catalog.to_regtype('sc.e'))) a WHERE a.grantee = 0 AND a.privilege_type = ANY (ARRAY['USAGE']::pg_catalog.text[])) > 0 THEN
    EXECUTE 'REVOKE USAGE ON TYPE sc.e FROM PUBLIC';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.proacl, pg_catalog.acldefault('f', o.proowner)) FROM pg_catalog.pg_proc o WHERE o.oid = pg_catalog.to_regprocedure('sc.f(integer)'))) a WHERE a.grantee = 0 AND a.privilege_type = ANY (ARRAY['EXECUTE']::pg_catalog.text[])) > 0 THEN
    EXECUTE 'REVOKE EXECUTE ON FUNCTION sc.f(integer) FROM PUBLIC';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.proacl, pg_catalog.acldefault('f', o.proowner)) FROM pg_catalog.pg_proc o WHERE o.oid = pg_catalog.to_regprocedure('sc.f(integer)'))) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['EXECUTE']::pg_catalog.text[])) < 1 THEN
    EXECUTE 'GRANT EXECUTE ON FUNCTION sc.f(integer) TO "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.relacl, pg_catalog.acldefault('s', o.relowner)) FROM pg_catalog.pg_class o WHERE o.oid = pg_catalog.to_regclass('sc.s'))) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['USAGE']::pg_catalog.text[])) < 1 THEN
    EXECUTE 'GRANT USAGE ON SEQUENCE sc.s TO "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.relacl, pg_catalog.acldefault('r', o.relowner)) FROM pg_catalog.pg_class o WHERE o.oid = pg_catalog.to_regclass('sc.t'))) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['UPDATE']::pg_catalog.text[])) > 0 THEN
    EXECUTE 'REVOKE UPDATE ON TABLE sc.t FROM "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.relacl, pg_catalog.acldefault('r', o.relowner)) FROM pg_catalog.pg_class o WHERE o.oid = pg_catalog.to_regclass('sc.t'))) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['SELECT']::pg_catalog.text[]) AND a.is_grantable) > 0 THEN
    EXECUTE 'REVOKE GRANT OPTION FOR SELECT ON TABLE sc.t FROM "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT a.attacl FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass('sc.t') AND a.attname = 'note')) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['UPDATE']::pg_catalog.text[])) < 1 THEN
    EXECUTE 'GRANT UPDATE ("note") ON TABLE sc.t TO "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode((SELECT COALESCE(o.nspacl, pg_catalog.acldefault('n', o.nspowner)) FROM pg_catalog.pg_namespace o WHERE o.nspname = 'sc')) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['USAGE']::pg_catalog.text[])) < 1 THEN
    EXECUTE 'GRANT USAGE ON SCHEMA sc TO "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode(COALESCE((SELECT d.defaclacl FROM pg_catalog.pg_default_acl d WHERE d.defaclrole = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER) AND d.defaclnamespace = 0 AND d.defaclobjtype = 'f'), pg_catalog.acldefault('f', (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER))::pg_catalog.aclitem[])) a WHERE a.grantee = 0 AND a.privilege_type = ANY (ARRAY['EXECUTE']::pg_catalog.text[])) > 0 THEN
    EXECUTE 'ALTER DEFAULT PRIVILEGES REVOKE EXECUTE ON FUNCTIONS FROM PUBLIC';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode(COALESCE((SELECT d.defaclacl FROM pg_catalog.pg_default_acl d WHERE d.defaclrole = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER) AND d.defaclnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = 'sc') AND d.defaclobjtype = 'S'), NULL::pg_catalog.aclitem[])) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['USAGE']::pg_catalog.text[])) < 1 THEN
    EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA "sc" GRANT USAGE ON SEQUENCES TO "rw_reader"';
  END IF;
END
$guard$;
DO $guard$
BEGIN
  IF (SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode(COALESCE((SELECT d.defaclacl FROM pg_catalog.pg_default_acl d WHERE d.defaclrole = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER) AND d.defaclnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = 'sc') AND d.defaclobjtype = 'r'), NULL::pg_catalog.aclitem[])) a WHERE a.grantee = (SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = 'rw_reader') AND a.privilege_type = ANY (ARRAY['SELECT']::pg_catalog.text[])) > 0 THEN
    EXECUTE 'ALTER DEFAULT PRIVILEGES IN SCHEMA "sc" REVOKE SELECT ON TABLES FROM "rw_reader"';
  END IF;
END
$guard$;
