DO $$ BEGIN
  CREATE TYPE msg_type AS ENUM ('text', 'image', 'audio', 'video');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = 'delivery_state') THEN
    CREATE TYPE delivery_state AS ENUM ('queued', 'sent', 'failed');
  END IF;
END
$$;

-- Freed just before, so the plain CREATE always succeeds.
DROP TYPE IF EXISTS tmp_state;
CREATE TYPE tmp_state AS ENUM ('a');
