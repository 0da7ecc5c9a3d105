-- Partitions that are partitioned themselves, with their partition key (schemainspect reads
-- their bound in its place and writes "partition by FOR VALUES …").
SELECT n.nspname, c.relname, pg_catalog.pg_get_partkeydef(c.oid)
FROM pg_catalog.pg_class c
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind = 'p' AND c.relispartition;
