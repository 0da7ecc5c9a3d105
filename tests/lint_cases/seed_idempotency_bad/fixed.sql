-- seed "1. Idempotency", ❌ Bad, with the elision (...) filled in.
CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY, phone_number text);
CREATE INDEX IF NOT EXISTS idx_users_phone ON users(phone_number);
ALTER TABLE users ADD COLUMN IF NOT EXISTS preferences JSONB;
