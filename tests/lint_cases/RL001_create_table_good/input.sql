CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);
CREATE TABLE IF NOT EXISTS recent_users AS SELECT id FROM users;
-- Dropped just before, so a plain CREATE cannot find it there (idempotent, if destructive).
DROP TABLE IF EXISTS scratch_import;
CREATE TABLE scratch_import (line text);
