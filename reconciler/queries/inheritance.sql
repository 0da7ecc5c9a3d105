-- Every inheritance and partition edge: (child schema, child, parent schema, parent). What the
-- restricted inspection follows: a table is inspected with its ancestors (the diff engine reads
-- a child's parent) and a changed table with its descendants.
SELECT n.nspname, c.relname, pn.nspname, pc.relname
FROM pg_catalog.pg_inherits i
JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
WHERE c.relkind IN ('r', 'p', 'f') AND pc.relkind IN ('r', 'p', 'f')
ORDER BY 1, 2, 3, 4;
