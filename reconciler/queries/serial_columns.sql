-- Serial columns: a default nextval() of a sequence the column owns (OWNED BY), no identity.
SELECT n.nspname AS schema, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS relation,
       a.attname AS column, sn.nspname AS sequence_schema, sc.relname AS sequence,
       pg_get_expr(ad.adbin, ad.adrelid) AS "default"
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
JOIN pg_depend d ON d.refclassid = 'pg_class'::regclass AND d.refobjid = a.attrelid AND d.refobjsubid = a.attnum
                AND d.classid = 'pg_class'::regclass AND d.deptype = 'a'
JOIN pg_class sc ON sc.oid = d.objid AND sc.relkind = 'S'
JOIN pg_namespace sn ON sn.oid = sc.relnamespace
WHERE a.attidentity = '' AND NOT a.attisdropped AND a.attnum > 0
  -- the default uses that sequence
  AND EXISTS (SELECT 1 FROM pg_depend u WHERE u.classid = 'pg_attrdef'::regclass AND u.objid = ad.oid
                AND u.refclassid = 'pg_class'::regclass AND u.refobjid = sc.oid)
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
  AND n.nspname NOT LIKE 'pg\_%'
ORDER BY 1, 2, 3;
