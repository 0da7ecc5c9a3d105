ALTER TABLE users ADD CONSTRAINT chk_phone_e164
  CHECK (phone_number ~ '^[+][1-9][0-9]{7,14}$');
ALTER TABLE messages ADD CONSTRAINT fk_messages_user
  FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE;
-- A foreign key depends on this one: dropping it first would fail on the next run.
ALTER TABLE users ADD CONSTRAINT uq_users_phone UNIQUE (phone_number);
ALTER TABLE invites ADD CONSTRAINT fk_invites_phone FOREIGN KEY (phone_number) REFERENCES users (phone_number);
