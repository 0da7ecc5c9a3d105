-- A foreign key referencing a partitioned table has a copy on its own table for each partition
-- it references (conparentid: the key it was copied from, on the same table), named by
-- PostgreSQL in the order the partitions joined. The key on the parent describes them all; they
-- come and go with it and with the partitions, and cannot be added or dropped on their own.
SELECT n.nspname AS schema, c.relname AS table_name, co.conname AS name
FROM pg_constraint co
JOIN pg_constraint parent ON parent.oid = co.conparentid AND parent.conrelid = co.conrelid
JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE co.contype = 'f'
ORDER BY 1, 2, 3;
