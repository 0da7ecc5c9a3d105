CREATE INDEX idx_users_phone ON users(phone_number);
CREATE UNIQUE INDEX idx_users_email ON users USING btree (lower(email));
CREATE INDEX CONCURRENTLY idx_users_created ON users (created_at);
