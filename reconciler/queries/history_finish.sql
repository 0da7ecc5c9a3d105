UPDATE reconcile.history
SET status = %(status)s,
    finished_at = clock_timestamp(),
    duration_ms = (extract(epoch FROM clock_timestamp() - started_at) * 1000)::bigint,
    result_fingerprint = %(result)s,
    error = %(error)s
WHERE id = %(id)s;
