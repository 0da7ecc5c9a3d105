-- seed "Pitfall 1: Non-Idempotent DDL", ❌, with the elision (...) filled in.
CREATE TABLE IF NOT EXISTS users (id bigint PRIMARY KEY);
ALTER TABLE users ADD COLUMN IF NOT EXISTS name TEXT;
