-- Inheritance children (not partitions) with more than one parent, with their parents in
-- INHERITS order (inhseqno): the diff engine's inspection reads the first parent only.
SELECT n.nspname, c.relname, pn.nspname, pc.relname
FROM pg_catalog.pg_inherits i
JOIN pg_catalog.pg_class c ON c.oid = i.inhrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
JOIN pg_catalog.pg_class pc ON pc.oid = i.inhparent
JOIN pg_catalog.pg_namespace pn ON pn.oid = pc.relnamespace
WHERE NOT c.relispartition
  AND (SELECT count(*) FROM pg_catalog.pg_inherits o WHERE o.inhrelid = i.inhrelid) > 1
ORDER BY n.nspname, c.relname, i.inhseqno;
