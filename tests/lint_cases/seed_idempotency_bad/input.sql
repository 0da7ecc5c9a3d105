-- seed "1. Idempotency", ❌ Bad, with the elision (...) filled in.
CREATE TABLE users (id bigint PRIMARY KEY, phone_number text);
CREATE INDEX idx_users_phone ON users(phone_number);
ALTER TABLE users ADD COLUMN preferences JSONB;
