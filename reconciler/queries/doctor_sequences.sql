-- Every sequence with its last value and the column it feeds, if any: an identity column
-- (pg_depend 'i'), a serial one (OWNED BY: 'a'), or a column whose DEFAULT calls nextval() on it.
-- The column's type caps the sequence: a smallserial's sequence is capped at 32767 by smallint.
-- When several columns use it, the narrowest type is the one that runs out first.
SELECT n.nspname AS schema, c.relname AS name, format_type(s.seqtypid, NULL) AS data_type,
       s.seqincrement AS increment, s.seqmin AS min_value, s.seqmax AS max_value, s.seqcycle AS cycle,
       ps.last_value,
       col.table_schema, col.table_name, col.column_name, col.column_type, col.how, col.type_min, col.type_max
FROM pg_sequence s
JOIN pg_class c ON c.oid = s.seqrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_sequences ps ON ps.schemaname = n.nspname AND ps.sequencename = c.relname
LEFT JOIN LATERAL (
    SELECT tn.nspname AS table_schema, t.relname AS table_name, a.attname AS column_name,
           format_type(a.atttypid, a.atttypmod) AS column_type, u.how,
           CASE a.atttypid WHEN 'int2'::regtype THEN -32768 WHEN 'int4'::regtype THEN -2147483648
                           ELSE NULL END::bigint AS type_min,
           CASE a.atttypid WHEN 'int2'::regtype THEN 32767 WHEN 'int4'::regtype THEN 2147483647
                           ELSE NULL END::bigint AS type_max
    FROM (
        SELECT d.refobjid AS relid, d.refobjsubid AS attnum,
               CASE d.deptype WHEN 'i' THEN 'identity' ELSE 'serial' END AS how
        FROM pg_depend d
        WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
          AND d.refclassid = 'pg_class'::regclass AND d.deptype IN ('a', 'i') AND d.refobjsubid > 0
        UNION
        SELECT ad.adrelid, ad.adnum, 'default'
        FROM pg_depend d
        JOIN pg_attrdef ad ON ad.oid = d.objid
        WHERE d.classid = 'pg_attrdef'::regclass AND d.refclassid = 'pg_class'::regclass
          AND d.refobjid = c.oid
    ) u
    JOIN pg_class t ON t.oid = u.relid
    JOIN pg_namespace tn ON tn.oid = t.relnamespace
    JOIN pg_attribute a ON a.attrelid = u.relid AND a.attnum = u.attnum
    ORDER BY (CASE a.atttypid WHEN 'int2'::regtype THEN 1 WHEN 'int4'::regtype THEN 2 ELSE 3 END),
             u.how = 'default', 1, 2, 3
    LIMIT 1
) col ON true
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
ORDER BY 1, 2;
