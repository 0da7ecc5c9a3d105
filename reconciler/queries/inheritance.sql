-- Every inheritance and partition edge: child schema and name, parent schema and name, whether
-- the child is a partition, in INHERITS order (inhseqno). The restricted inspection follows them
-- (a table is read with its ancestors, a changed one with its descendants); the diff engine's
-- inspection reads the first parent only, so children of several parents get the rest from here.
SELECT n.nspname, c.relname, pn.nspname, pc.relname, c.relispartition
FROM pg_catalog.pg_inherits i
JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
ORDER BY n.nspname, c.relname, i.inhseqno;
