ALTER TABLE users DROP CONSTRAINT IF EXISTS chk_phone_e164;
ALTER TABLE users ADD CONSTRAINT chk_phone_e164
  CHECK (phone_number ~ '^[+][1-9][0-9]{7,14}$');

DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conname = 'uq_users_phone') THEN
    ALTER TABLE users ADD CONSTRAINT uq_users_phone UNIQUE (phone_number);
  END IF;
END $$;

DO $$ BEGIN
  ALTER TABLE invites ADD CONSTRAINT fk_invites_phone FOREIGN KEY (phone_number) REFERENCES users (phone_number);
EXCEPTION WHEN duplicate_object THEN NULL; END $$;

-- A table made in this file has no constraints yet, named or not.
DROP TABLE IF EXISTS staging;
CREATE TABLE staging (id bigint, code text);
ALTER TABLE staging ADD PRIMARY KEY (id), ADD CONSTRAINT staging_code_check CHECK (code <> '');
