-- Every type a generated column, argument or result may name (reconciler/typegen.py resolves
-- domains to their base type and arrays to their element). No parameters.
SELECT t.oid, n.nspname, t.typname, t.typtype::text, t.typcategory::text, t.typelem, t.typbasetype,
       t.typrelid,
       ARRAY(SELECT e.enumlabel::text FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)
         AS labels,
       COALESCE((SELECT c.relkind = 'c' FROM pg_class c WHERE c.oid = t.typrelid), false) AS standalone
FROM pg_type t
JOIN pg_namespace n ON n.oid = t.typnamespace
ORDER BY t.oid;
