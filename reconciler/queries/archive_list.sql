-- Tables of the archive schema: name, comment (the JSON record reconciler/archive.py writes), size.
SELECT c.relname::text, pg_catalog.obj_description(c.oid, 'pg_class'), pg_catalog.pg_total_relation_size(c.oid)
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'reconcile_archive' AND c.relkind IN ('r', 'p')
ORDER BY 1;
