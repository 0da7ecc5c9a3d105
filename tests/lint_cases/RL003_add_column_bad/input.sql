ALTER TABLE users ADD COLUMN preferences JSONB;
ALTER TABLE users
  ADD COLUMN IF NOT EXISTS locale text,
  ADD last_seen_at timestamptz;  -- COLUMN is optional
