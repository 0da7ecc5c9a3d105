DO $$ BEGIN
  CREATE TYPE msg_type AS ENUM ('text', 'image', 'audio', 'video');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
do $$ begin
  create type money_range as range (subtype = numeric);
exception when duplicate_object then null; end $$;
DO $$ BEGIN
  CREATE DOMAIN phone AS text
    CHECK (VALUE ~ '^[+][1-9][0-9]{7,14}$');
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
DO $$ BEGIN
  CREATE TYPE address AS (
    street text,
    city   text
  );
EXCEPTION WHEN duplicate_object THEN NULL; END $$;
