-- ❌ Fails: Function doesn't exist yet
CREATE TRIGGER t_users_updated BEFORE UPDATE ON users
FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE OR REPLACE FUNCTION set_updated_at() ...  -- Created after trigger
