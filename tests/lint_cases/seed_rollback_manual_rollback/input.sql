-- Rollback migration (001_rollback.sql)
ALTER TABLE users DROP COLUMN IF EXISTS preferences;
