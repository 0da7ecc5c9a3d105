-- Triggers' enabled state (pg_trigger.tgenabled: O origin, D disabled, R replica, A always),
-- which the diff engine neither reads nor keeps when it re-creates a trigger.
SELECT n.nspname AS schema, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS relation,
       t.tgname AS name, t.tgenabled::text AS enabled, pg_get_triggerdef(t.oid) AS definition
FROM pg_trigger t
JOIN pg_class c ON c.oid = t.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT t.tgisinternal
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
  AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid
                  AND e.deptype = 'e')
ORDER BY 1, 2, 3;
