-- What an interrupted apply can leave behind: INVALID indexes (a failed or killed
-- CREATE INDEX CONCURRENTLY) and constraints that are NOT VALID.
SELECT 'invalid index' AS kind, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT i.indisvalid AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
UNION ALL
SELECT 'NOT VALID constraint',
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) || '.' || quote_ident(co.conname)
FROM pg_constraint co
JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT co.convalidated AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
ORDER BY 1, 2;
