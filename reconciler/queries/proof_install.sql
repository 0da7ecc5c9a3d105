-- Installed on the proof database only: logs every object a statement creates, alters or drops,
-- so a re-run of a plan can be shown to execute no DDL at all, and by which statement (the runner
-- sends one plan statement at a time: current_query() is its text).
CREATE SCHEMA IF NOT EXISTS reconcile;
CREATE TABLE IF NOT EXISTS reconcile.proof_ddl_log (
  tag text, object text, statement text DEFAULT current_query(), logged_at timestamptz DEFAULT clock_timestamp(),
  classid oid, objid oid
);
-- Which relation each relation-owned object described before a step (queries/proof_owners.sql).
CREATE UNLOGGED TABLE IF NOT EXISTS reconcile.proof_owners (classid oid, objid oid, qname text);
CREATE OR REPLACE FUNCTION reconcile.proof_log_ddl() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO reconcile.proof_ddl_log (tag, object, classid, objid)
  SELECT command_tag, object_identity, classid, objid FROM pg_event_trigger_ddl_commands()
  WHERE schema_name IS DISTINCT FROM 'reconcile';
END $fn$;
CREATE OR REPLACE FUNCTION reconcile.proof_log_drop() RETURNS event_trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO reconcile.proof_ddl_log (tag, object, classid, objid)
  SELECT 'DROP ' || object_type, object_identity, classid, objid FROM pg_event_trigger_dropped_objects()
  WHERE schema_name IS DISTINCT FROM 'reconcile';
END $fn$;
DROP EVENT TRIGGER IF EXISTS reconcile_proof_ddl;
DROP EVENT TRIGGER IF EXISTS reconcile_proof_drop;
CREATE EVENT TRIGGER reconcile_proof_ddl ON ddl_command_end EXECUTE FUNCTION reconcile.proof_log_ddl();
CREATE EVENT TRIGGER reconcile_proof_drop ON sql_drop EXECUTE FUNCTION reconcile.proof_log_drop();
