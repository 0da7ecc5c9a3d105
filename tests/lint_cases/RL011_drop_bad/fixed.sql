DROP TABLE IF EXISTS legacy_sessions;
DROP INDEX IF EXISTS idx_users_legacy;
DROP TYPE IF EXISTS legacy_state;
DROP POLICY IF EXISTS legacy_policy ON users;
DROP TRIGGER IF EXISTS legacy_trigger ON users;
DROP FUNCTION IF EXISTS legacy_cleanup();
ALTER TABLE users DROP COLUMN IF EXISTS legacy_flag, DROP CONSTRAINT IF EXISTS legacy_check;
