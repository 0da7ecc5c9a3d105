-- ✅ Good: Safe enum creation
DO $$ BEGIN
  CREATE TYPE msg_type AS ENUM ('text', 'image', 'audio', 'video');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- Add enum values (PostgreSQL 9.1+)
ALTER TYPE msg_type ADD VALUE IF NOT EXISTS 'sticker';
ALTER TYPE msg_type ADD VALUE IF NOT EXISTS 'reaction';
