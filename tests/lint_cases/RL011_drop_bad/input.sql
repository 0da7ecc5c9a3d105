DROP TABLE legacy_sessions;
DROP INDEX idx_users_legacy;
DROP TYPE legacy_state;
DROP POLICY legacy_policy ON users;
DROP TRIGGER legacy_trigger ON users;
DROP FUNCTION legacy_cleanup();
ALTER TABLE users DROP COLUMN legacy_flag, DROP CONSTRAINT legacy_check;
