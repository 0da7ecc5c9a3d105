-- Columns of the tables, views, materialized views, foreign tables and composite types of the
-- generated schemas, with what Insert and Update shapes need. Parameters: %(schemas)s text[].
-- pg_relation_is_updatable: bit 8 is INSERT, bit 4 UPDATE (1 << CMD_INSERT, 1 << CMD_UPDATE).
SELECT n.nspname, c.relname, c.relkind::text, a.attname, a.atttypid,
       NOT a.attnotnull AS nullable, a.atthasdef AS has_default, a.attidentity::text AS identity,
       a.attgenerated::text AS generated,
       CASE WHEN c.relkind IN ('v', 'f') THEN pg_column_is_updatable(c.oid, a.attnum, false) ELSE true END
         AS column_updatable,
       CASE WHEN c.relkind IN ('v', 'f') THEN pg_relation_is_updatable(c.oid, false) ELSE 0 END AS updatable
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
WHERE n.nspname = ANY (%(schemas)s::text[])
  AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'c')
  AND NOT c.relispartition
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2, 4;
