-- Server-wide settings doctor reads: whether autovacuum runs at all and whether statistics are
-- collected (without track_counts autovacuum has nothing to go on), and since when the counters run.
SELECT current_setting('autovacuum')::bool AS autovacuum,
       current_setting('track_counts')::bool AS track_counts,
       current_setting('block_size')::int AS block_size,
       (SELECT stats_reset FROM pg_stat_database WHERE datname = current_database()) AS stats_reset,
       pg_postmaster_start_time() AS started;
