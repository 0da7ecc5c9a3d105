CREATE INDEX IF NOT EXISTS idx_users_phone ON users (phone_number);
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_users_created ON users (created_at);
