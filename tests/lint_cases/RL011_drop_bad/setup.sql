CREATE TABLE users (id bigint PRIMARY KEY, legacy_flag boolean, CONSTRAINT legacy_check CHECK (id > 0));
CREATE TABLE legacy_sessions (id bigint);
CREATE INDEX idx_users_legacy ON users (legacy_flag);
CREATE TYPE legacy_state AS ENUM ('x');
CREATE FUNCTION legacy_cleanup() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN NEW; END $$;
CREATE POLICY legacy_policy ON users USING (true);
CREATE TRIGGER legacy_trigger BEFORE UPDATE ON users FOR EACH ROW EXECUTE FUNCTION legacy_cleanup();
