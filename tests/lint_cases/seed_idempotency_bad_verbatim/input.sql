-- ❌ Bad: Fails on second run
CREATE TABLE users (...);
CREATE INDEX idx_users_phone ON users(phone_number);
ALTER TABLE users ADD COLUMN preferences JSONB;
