-- Every index of a user table: validity, what it backs (primary key, unique or exclusion
-- constraint: never "unused", it enforces something), its scans since the statistics were reset,
-- its size, and for a btree over plain columns the average key width from pg_stats (the bloat
-- estimate compares a freshly built index of that width with relpages).
SELECT n.nspname AS schema, t.relname AS table_name, c.relname AS name,
       c.relkind::text AS relkind, am.amname AS method,
       i.indisvalid AS valid, i.indisunique AS is_unique, i.indisprimary AS is_primary,
       i.indisexclusion AS is_exclusion,
       EXISTS (SELECT 1 FROM pg_constraint k
               WHERE k.conindid = i.indexrelid AND k.conrelid = i.indrelid
                 AND k.contype IN ('p', 'u', 'x')) AS backs_constraint,
       s.idx_scan,
       pg_relation_size(c.oid)::bigint AS bytes,
       c.relpages::bigint AS relpages,
       greatest(c.reltuples, 0)::float8 AS reltuples,
       (SELECT option_value::int FROM pg_options_to_table(c.reloptions)
        WHERE option_name = 'fillfactor') AS fillfactor,
       w.width AS key_width
FROM pg_index i
JOIN pg_class c ON c.oid = i.indexrelid
JOIN pg_class t ON t.oid = i.indrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_am am ON am.oid = c.relam
LEFT JOIN pg_stat_user_indexes s ON s.indexrelid = i.indexrelid
LEFT JOIN LATERAL (
    -- NULL unless every column (keys and INCLUDE) is a plain column with statistics
    SELECT CASE WHEN bool_and(st.avg_width IS NOT NULL)
                THEN sum((1 - st.null_frac) * st.avg_width) END AS width
    FROM unnest(i.indkey::int2[]) k(attnum)
    LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum AND k.attnum > 0
    LEFT JOIN pg_stats st ON st.schemaname = n.nspname AND st.tablename = t.relname AND st.attname = a.attname
) w ON true
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
  AND n.nspname NOT LIKE 'pg_toast%' AND n.nspname NOT LIKE 'pg_temp%'
ORDER BY 1, 2, 3;
