-- Indexes of partitions that are attached to their partitioned table's index: they go away with
-- it (or with their partition) and cannot be dropped on their own.
SELECT n.nspname, c.relname
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid AND c.relkind = 'i'
JOIN pg_namespace n ON n.oid = c.relnamespace;
