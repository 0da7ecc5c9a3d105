-- Sequence options and ownership (migra creates sequences with defaults and ignores OWNED BY).
-- Identity sequences belong to their column and are left out.
SELECT n.nspname AS schema, c.relname AS name,
       format_type(s.seqtypid, NULL) AS data_type,
       s.seqstart AS start, s.seqincrement AS increment, s.seqmin AS min, s.seqmax AS max,
       s.seqcache AS cache, s.seqcycle AS cycle,
       (SELECT quote_ident(tn.nspname) || '.' || quote_ident(t.relname) || '.' || quote_ident(a.attname)
        FROM pg_depend d
        JOIN pg_class t ON t.oid = d.refobjid
        JOIN pg_namespace tn ON tn.oid = t.relnamespace
        JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'a'
          AND d.refclassid = 'pg_class'::regclass) AS owned_by
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                  AND d.deptype IN ('i', 'e'))
ORDER BY 1, 2;
