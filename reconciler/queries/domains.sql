-- Domains in managed schemas (filtered in Python): base type, default, NOT NULL, collation, constraints.
SELECT n.nspname, t.typname,
       format_type(t.typbasetype, t.typtypmod),
       -- printed from the expression (typdefault keeps the text of the search_path it was created under)
       pg_get_expr(t.typdefaultbin, 0),
       t.typnotnull,
       CASE WHEN t.typcollation <> 0 AND t.typcollation <> bt.typcollation
            THEN t.typcollation::regcollation::text END,
       COALESCE((SELECT array_agg(ARRAY[c.conname::text, pg_get_constraintdef(c.oid)] ORDER BY c.conname)
                 FROM pg_constraint c WHERE c.contypid = t.oid AND c.contype = 'c'), '{}')
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
JOIN pg_type bt ON bt.oid = t.typbasetype
WHERE t.typtype = 'd'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype = 'e')
ORDER BY 1, 2;
