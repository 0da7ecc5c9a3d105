-- Whether this session can read drift's baseline, read from the catalogs (no name resolution, which
-- fails outright without USAGE): a CI role may lack USAGE on schema reconcile or SELECT on history.
SELECT c.oid IS NOT NULL AS has_table,
       coalesce(has_schema_privilege(n.oid, 'USAGE'), false) AS schema_usage,
       coalesce(has_table_privilege(c.oid, 'SELECT'), false) AS table_select,
       EXISTS (SELECT 1 FROM pg_attribute a
               WHERE a.attrelid = c.oid AND a.attname = 'snapshot' AND NOT a.attisdropped) AS has_snapshot
FROM (SELECT 1) AS one
LEFT JOIN pg_namespace n ON n.nspname = 'reconcile'
LEFT JOIN pg_class c ON c.relnamespace = n.oid AND c.relname = 'history' AND c.relkind = 'r';
