DROP TABLE IF EXISTS legacy_sessions;
DROP INDEX IF EXISTS idx_users_legacy;
DROP TRIGGER IF EXISTS legacy_trigger ON users;
DROP FUNCTION IF EXISTS legacy_cleanup();
ALTER TABLE users DROP COLUMN IF EXISTS legacy_flag, DROP CONSTRAINT IF EXISTS legacy_check;
-- Made earlier in this same file, so it is there to drop on every run.
CREATE TABLE IF NOT EXISTS import_batch (line text);
DROP TABLE import_batch;
