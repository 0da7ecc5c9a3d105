-- Identity columns, the names and options of their sequences (migra sets GENERATED ALWAYS/BY DEFAULT
-- but creates the identity with default options and never changes them).
SELECT n.nspname AS schema, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS relation,
       a.attname AS column, a.attidentity::text AS generated,
       s.seqstart AS start, s.seqincrement AS increment, s.seqmin AS min, s.seqmax AS max,
       s.seqcache AS cache, s.seqcycle AS cycle, format_type(s.seqtypid, NULL) AS data_type,
       sc.relname AS sequence
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum
                AND d.classid = 'pg_class'::regclass AND d.deptype = 'i'
JOIN pg_sequence s ON s.seqrelid = d.objid
JOIN pg_class sc ON sc.oid = d.objid
WHERE a.attidentity <> '' AND NOT a.attisdropped AND a.attnum > 0
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
  AND n.nspname NOT LIKE 'pg\_%'
ORDER BY 1, 2, 3;
