-- A successful apply's snapshot of the managed schema it left (see history_schema.sql).
UPDATE reconcile.history
SET snapshot = %(snapshot)s::jsonb
WHERE id = %(id)s;
