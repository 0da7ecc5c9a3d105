-- Index builds running right now in this database (CREATE INDEX [CONCURRENTLY], REINDEX
-- [CONCURRENTLY]; PostgreSQL 12+): their indexes are INVALID until they finish, which is no fault,
-- and a table being indexed gets no fix from doctor.
SELECT n.nspname AS schema, c.relname AS table_name, p.pid, p.command
FROM pg_stat_progress_create_index p
JOIN pg_class c ON c.oid = p.relid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE p.datname = current_database()
ORDER BY 1, 2, 3;
