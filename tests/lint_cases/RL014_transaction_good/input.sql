BEGIN;
CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, phone_number text);
ANALYZE users;  -- ANALYZE, unlike VACUUM, may run in a transaction
COMMIT;

CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_phone ON users (phone_number);
REINDEX INDEX CONCURRENTLY idx_users_phone;
VACUUM ANALYZE users;

START TRANSACTION;
ALTER TABLE users ADD COLUMN IF NOT EXISTS created_at timestamptz;
END;
DROP INDEX CONCURRENTLY IF EXISTS idx_users_old;
