-- ❌ Fails on second run
CREATE TABLE users (...);
ALTER TABLE users ADD COLUMN name TEXT;
