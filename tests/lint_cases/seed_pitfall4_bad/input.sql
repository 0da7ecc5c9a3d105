-- seed "Pitfall 4: Dependency Order", ❌, with the elision ... filled in from "5. Functions".
CREATE TRIGGER t_users_updated BEFORE UPDATE ON users
FOR EACH ROW EXECUTE FUNCTION set_updated_at();

CREATE OR REPLACE FUNCTION set_updated_at() RETURNS TRIGGER AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END $$ LANGUAGE plpgsql;  -- Created after trigger
