-- seed "Rollback Strategies / 1. Transaction Approach", ❌, with the elision (...) filled in.
-- (PostgreSQL's DDL is transactional: this ROLLBACK does undo the CREATE TABLE.)
BEGIN;
CREATE TABLE test (id int);
ROLLBACK;  -- Table still created
