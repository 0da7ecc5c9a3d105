-- The sessions a waiting backend waits for (lock holders, or waiters queued ahead of it),
-- with the first line of what they run or last ran.
SELECT a.pid, a.usename, a.application_name, a.state, a.query_start, a.xact_start,
       left(split_part(a.query, E'\n', 1), 200)
FROM pg_stat_activity a
WHERE a.pid = ANY (pg_blocking_pids(%(pid)s))
ORDER BY a.pid;
