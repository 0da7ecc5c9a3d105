-- Per-column settings the diff engine does not carry, of every column of tables, partitioned
-- tables and materialized views and of every expression column of their indexes (indexes that
-- implement a constraint are left out): the statistics target (NULL = the default: -1 up to
-- PostgreSQL 16, NULL from 17), the storage and the type's default storage, the compression
-- ('' = default_toast_compression) and the attribute options (n_distinct, …). `owner` is what
-- re-creates the relation: a materialized view's query or an index's definition.
-- Table columns only: ALTER TABLE ONLY sets a parent's own, never its partitions'.
SELECT n.nspname AS schema, c.relname AS name, COALESCE(tc.relname, c.relname) AS parent,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qname,
       c.relkind::text AS kind,
       CASE WHEN c.relkind IN ('i', 'I') THEN a.attnum::text ELSE a.attname END AS column_name,
       format_type(a.atttypid, a.atttypmod) AS type,
       NULLIF(COALESCE(a.attstattarget, -1), -1) AS stattarget,
       a.attstorage::text AS storage, t.typstorage::text AS type_storage,
       a.attcompression::text AS compression,
       ARRAY(SELECT o FROM unnest(a.attoptions) o ORDER BY 1) AS options,
       CASE WHEN c.relkind = 'm' THEN pg_get_viewdef(c.oid)
            WHEN c.relkind IN ('i', 'I') THEN pg_get_indexdef(c.oid) END AS owner,
       -- a partition or inheritance child starts with its parent's storage and compression
       ARRAY(SELECT quote_ident(pn.nspname) || '.' || quote_ident(pc.relname)
             FROM pg_inherits ih JOIN pg_class pc ON pc.oid = ih.inhparent
             JOIN pg_namespace pn ON pn.oid = pc.relnamespace
             WHERE ih.inhrelid = c.oid AND c.relkind IN ('r', 'p') ORDER BY ih.inhseqno) AS parents
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_index i ON i.indexrelid = c.oid
LEFT JOIN pg_class tc ON tc.oid = i.indrelid
WHERE (c.relkind IN ('r', 'p', 'm')
       OR (c.relkind IN ('i', 'I') AND i.indkey[a.attnum - 1] = 0
           AND tc.relkind IN ('r', 'p', 'm')
           AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = c.oid AND co.contype IN ('p', 'u', 'x'))))
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
  AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid
                  AND e.deptype = 'e')
ORDER BY 1, 4, 6
