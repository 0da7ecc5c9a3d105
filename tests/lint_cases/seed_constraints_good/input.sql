-- Drop before adding
ALTER TABLE users DROP CONSTRAINT IF EXISTS chk_phone_e164;
ALTER TABLE users ADD CONSTRAINT chk_phone_e164
  CHECK (phone_number ~ '^[+][1-9][0-9]{7,14}$');
