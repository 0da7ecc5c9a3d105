-- What the online rewriter needs about one side (reconciler/sql/online.py): every index with its
-- table, whether that table is partitioned (no CONCURRENTLY there), whether the index is valid
-- (a failed CREATE INDEX CONCURRENTLY leaves an INVALID one) and its definition; and every
-- partitioned table, with or without indexes (index columns NULL).
SELECT n.nspname, t.relname, t.relkind = 'p', ic.relname, i.indisvalid, pg_catalog.pg_get_indexdef(i.indexrelid)
FROM pg_catalog.pg_index i
JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
JOIN pg_catalog.pg_class t ON t.oid = i.indrelid
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_toast%'
UNION ALL
SELECT n.nspname, t.relname, true, NULL, NULL, NULL
FROM pg_catalog.pg_class t
JOIN pg_catalog.pg_namespace n ON n.oid = t.relnamespace
WHERE t.relkind = 'p'
ORDER BY 1, 2, 4;
