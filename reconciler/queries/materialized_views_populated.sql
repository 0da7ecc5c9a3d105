-- Materialized views, in the order they were created, and whether each is populated (pg_dump
-- --schema-only creates them WITH NO DATA: the proof's copy refreshes those the target has filled).
SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname), c.relispopulated
FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'm'
ORDER BY c.oid;
