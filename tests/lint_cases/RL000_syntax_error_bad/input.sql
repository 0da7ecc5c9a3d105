-- A typo is reported where PostgreSQL's grammar stops; the other statements are still checked.
CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);
CREATE INDEX IF NOT EXISTS idx_users_id ON users (id;
ALTER TABLE users ADD COLUMN name TEXT;
  SELEC 1;
