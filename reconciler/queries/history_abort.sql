UPDATE reconcile.history
SET status = 'aborted',
    finished_at = clock_timestamp(),
    error = %(error)s
WHERE id = %(id)s AND status = 'running';
