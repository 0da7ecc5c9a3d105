ALTER TABLE users ADD COLUMN IF NOT EXISTS preferences JSONB;
ALTER TABLE users
  ADD COLUMN IF NOT EXISTS locale text,
  ADD IF NOT EXISTS last_seen_at timestamptz;  -- COLUMN is optional
