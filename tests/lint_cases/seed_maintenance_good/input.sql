-- Check autovacuum status
SELECT schemaname, relname, last_autovacuum, last_autoanalyze
FROM pg_stat_user_tables
WHERE schemaname = 'public';

VACUUM ANALYZE users;
VACUUM ANALYZE messages_v2;

REINDEX INDEX idx_users_phone_btree;
REINDEX TABLE messages_v2;
REINDEX DATABASE postgres;  -- Full database (caution: locks tables)

ANALYZE users;
ANALYZE messages_v2;
