-- Rows left `running` whose stepping session is gone (read under the apply lock, so no live
-- apply owns them). A session still alive (its client was killed mid-statement) is returned
-- with alive = true: its statement may still commit.
SELECT h.id, h.plan_name, h.started_at, h.backend_pid, h.backup_file,
       EXISTS (SELECT 1 FROM pg_stat_activity a
               WHERE a.pid = h.backend_pid AND a.backend_start = h.backend_start) AS alive
FROM reconcile.history h
WHERE h.status = 'running'
ORDER BY h.id;
