-- Forward migration (001_add_column.sql)
ALTER TABLE users ADD COLUMN IF NOT EXISTS preferences JSONB;
