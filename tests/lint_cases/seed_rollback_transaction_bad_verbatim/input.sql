-- ❌ Doesn't work for most DDL
BEGIN;
CREATE TABLE test (...);
ROLLBACK;  -- Table still created
