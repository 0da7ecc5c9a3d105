-- Who holds reconcile's advisory apply lock (session-level, two-int form).
SELECT a.pid, a.usename, a.application_name, host(a.client_addr), a.backend_start, a.state
FROM pg_locks l
JOIN pg_stat_activity a ON a.pid = l.pid
WHERE l.locktype = 'advisory' AND l.classid = %(classid)s AND l.objid = %(objid)s AND l.objsubid = 2
  AND l.granted
LIMIT 1;
