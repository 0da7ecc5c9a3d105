-- Tables, views and materialized views in user schemas: the options the diff engine does not
-- carry (persistence, FORCE ROW LEVEL SECURITY, replica identity, reloptions) and a description
-- of their shape with the relations a view reads from, to tell which ones the engine re-creates.
SELECT n.nspname AS schema, c.relname AS name,
       quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS qname,
       c.relkind::text AS kind, c.relpersistence::text AS persistence,
       c.relforcerowsecurity AS force_rls, c.relreplident::text AS replica_identity,
       (SELECT quote_ident(ic.relname) FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
        WHERE i.indrelid = c.oid AND i.indisreplident) AS replica_index,
       COALESCE(c.reloptions, '{}') AS options,
       (SELECT quote_ident(tn.nspname) || '.' || quote_ident(t.typname)
        FROM pg_type t JOIN pg_namespace tn ON tn.oid = t.typnamespace WHERE t.oid = c.reloftype) AS of_type,
       concat_ws(' ', CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
                 (SELECT string_agg(quote_ident(a.attname) || ' ' || format_type(a.atttypid, a.atttypmod), ','
                                    ORDER BY a.attname)
                  FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped)) AS definition,
       ARRAY(SELECT DISTINCT d.refobjid::regclass::text
             FROM pg_rewrite rw
             JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = rw.oid
                             AND d.refclassid = 'pg_class'::regclass AND d.refobjid <> c.oid
             WHERE rw.ev_class = c.oid ORDER BY 1) AS reads
FROM pg_class c
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE c.relkind IN ('r', 'p', 'v', 'm')
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
  AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid
                  AND e.deptype = 'e')
ORDER BY 1, 2;
