-- What hazards need to know about the target (sql/hazards.py), names unquoted and qualified:
-- relations with their estimated rows, column types, which index is on which table, volatile
-- functions, existing functions/types/schemas, and function bodies (text PostgreSQL does not track).
WITH ns AS (
  SELECT n.oid, n.nspname FROM pg_namespace n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
    AND n.nspname NOT LIKE 'pg\_temp\_%%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%%'
)
SELECT 'relation' AS what, ns.nspname || '.' || c.relname AS name, c.relkind::text AS detail,
       GREATEST(c.reltuples, 0)::bigint AS n
FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'm', 'f', 'S', 'v')
UNION ALL
SELECT 'column', ns.nspname || '.' || c.relname || '.' || a.attname, format_type(a.atttypid, a.atttypmod), NULL
FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN ns ON ns.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'index', ns.nspname || '.' || ic.relname, ns.nspname || '.' || tc.relname, NULL
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN pg_class tc ON tc.oid = i.indrelid
JOIN ns ON ns.oid = ic.relnamespace
UNION ALL
SELECT 'function', ns.nspname || '.' || p.proname, p.provolatile::text, NULL
FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
UNION ALL
SELECT 'body', ns.nspname || '.' || p.proname || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       lower(p.prosrc), NULL
FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace JOIN pg_language l ON l.oid = p.prolang
WHERE l.lanname NOT IN ('c', 'internal')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
UNION ALL
SELECT 'type', ns.nspname || '.' || t.typname, t.typtype::text, NULL
FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
UNION ALL
SELECT 'schema', ns.nspname, NULL, NULL FROM ns
