-- Indexes of partitions that are attached to their partitioned table's index (a partitioned
-- partition's own index too), with that index: they go away with it (or with their partition)
-- and cannot be dropped on their own.
SELECT n.nspname, c.relname, pn.nspname, p.relname
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid AND c.relkind IN ('i', 'I')
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class p ON p.oid = i.inhparent
JOIN pg_namespace pn ON pn.oid = p.relnamespace;
