-- seed "Pitfall 1: Non-Idempotent DDL", ❌, with the elision (...) filled in.
CREATE TABLE users (id bigint PRIMARY KEY);
ALTER TABLE users ADD COLUMN name TEXT;
