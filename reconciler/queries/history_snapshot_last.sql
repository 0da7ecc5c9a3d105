-- The last successful apply that stored a snapshot, and the status of the latest run after it
-- (a failed or aborted run since then may have left the target elsewhere).
SELECT h.id, h.plan_name, h.plan_kind, h.finished_at, h.schema_digest, h.result_fingerprint, h.snapshot,
       (SELECT l.status || ' ' || l.plan_name FROM reconcile.history l
        WHERE l.id > h.id AND l.status <> 'succeeded' ORDER BY l.id DESC LIMIT 1) AS later_run
FROM reconcile.history h
WHERE h.status = 'succeeded' AND h.snapshot IS NOT NULL
ORDER BY h.id DESC
LIMIT 1;
