-- Per table: autovacuum/autoanalyze status (pg_stat_user_tables) and the thresholds autovacuum
-- compares it with: the server settings, overridden by the table's own storage parameters
-- (ALTER TABLE … SET (autovacuum_analyze_threshold = …)). `bytes` is the size on disk, which
-- (unlike n_live_tup) needs no statistics; a partitioned table counts its partitions.
SELECT s.schemaname AS schema, s.relname AS name, c.relkind::text AS relkind,
       CASE WHEN c.relkind = 'p'
            THEN (SELECT coalesce(sum(pg_relation_size(t.relid)), 0) FROM pg_partition_tree(c.oid) t)
            ELSE pg_relation_size(c.oid) END::bigint AS bytes,
       greatest(c.reltuples, 0)::float8 AS reltuples,
       s.n_live_tup, s.n_dead_tup, s.n_mod_since_analyze,
       s.last_vacuum, s.last_autovacuum, s.last_analyze, s.last_autoanalyze,
       coalesce(o.enabled, true) AS autovacuum_enabled,
       coalesce(o.vacuum_threshold, current_setting('autovacuum_vacuum_threshold')::float8)
         + coalesce(o.vacuum_scale, current_setting('autovacuum_vacuum_scale_factor')::float8)
           * greatest(c.reltuples, 0) AS vacuum_threshold,
       coalesce(o.analyze_threshold, current_setting('autovacuum_analyze_threshold')::float8)
         + coalesce(o.analyze_scale, current_setting('autovacuum_analyze_scale_factor')::float8)
           * greatest(c.reltuples, 0) AS analyze_threshold,
       -- transaction ids since the table (or its TOAST table) was last frozen; autovacuum forces an
       -- anti-wraparound vacuum past autovacuum_freeze_max_age, even where autovacuum_enabled = false
       greatest(CASE WHEN c.relfrozenxid <> '0'::xid THEN age(c.relfrozenxid) END,
                CASE WHEN tt.relfrozenxid <> '0'::xid THEN age(tt.relfrozenxid) END) AS xid_age,
       least(coalesce(o.freeze_max_age, current_setting('autovacuum_freeze_max_age')::bigint),
             current_setting('autovacuum_freeze_max_age')::bigint) AS freeze_max_age
FROM pg_stat_user_tables s
JOIN pg_class c ON c.oid = s.relid
LEFT JOIN pg_class tt ON tt.oid = c.reltoastrelid
LEFT JOIN LATERAL (
    SELECT bool_or(option_value::bool) FILTER (WHERE option_name = 'autovacuum_enabled') AS enabled,
           max(option_value::float8) FILTER (WHERE option_name = 'autovacuum_vacuum_threshold') AS vacuum_threshold,
           max(option_value::float8) FILTER (WHERE option_name = 'autovacuum_vacuum_scale_factor') AS vacuum_scale,
           max(option_value::float8) FILTER (WHERE option_name = 'autovacuum_analyze_threshold') AS analyze_threshold,
           max(option_value::float8) FILTER (WHERE option_name = 'autovacuum_analyze_scale_factor') AS analyze_scale,
           max(option_value::bigint) FILTER (WHERE option_name = 'autovacuum_freeze_max_age') AS freeze_max_age
    FROM pg_options_to_table(c.reloptions)
) o ON true
WHERE s.schemaname NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
ORDER BY 1, 2;
