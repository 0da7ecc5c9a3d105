ALTER TABLE users ADD COLUMN IF NOT EXISTS preferences JSONB;
-- A table created right after being dropped is new: its columns cannot exist yet.
DROP TABLE IF EXISTS staging;
CREATE TABLE staging (id bigint);
ALTER TABLE staging ADD COLUMN payload jsonb;
