INSERT INTO reconcile.history (plan_name, plan_kind, checksum, schema_digest, from_fingerprint, to_fingerprint,
                               client, tool_version, status, backend_pid, backend_start, backup_file, rollback_plan)
VALUES (%(name)s, %(kind)s, %(checksum)s, %(digest)s, %(expects)s, %(produces)s, %(client)s, %(tool)s, 'running',
        %(pid)s, (SELECT a.backend_start FROM pg_stat_activity a WHERE a.pid = %(pid)s), %(backup)s, %(rollback)s)
RETURNING id;
