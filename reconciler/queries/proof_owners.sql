-- Before a proof step that may drop or rename (reconcile.proof_owners emptied): each
-- relation-owned object's relation by name, kept for after the step (a dropped object's relation,
-- a renamed relation's old name). search_path = pg_catalog.
WITH {owned}
INSERT INTO reconcile.proof_owners (classid, objid, qname)
SELECT o.classid, o.objid, quote_ident(n.nspname) || '.' || quote_ident(c.relname)
FROM owned o JOIN pg_class c ON c.oid = o.relid JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'reconcile');
