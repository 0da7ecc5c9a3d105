-- seed "Pitfall 4", ✅, with the elision ... filled in from "5. Functions". The order is right
-- (no RL012), but the trigger has no DROP TRIGGER IF EXISTS (the seed's checklist), so a second run
-- fails; lint reports that and --fix adds the drop.
CREATE OR REPLACE FUNCTION set_updated_at() RETURNS TRIGGER AS $$
BEGIN
  NEW.updated_at = NOW();
  RETURN NEW;
END $$ LANGUAGE plpgsql;

DROP TRIGGER IF EXISTS t_users_updated ON users;
CREATE TRIGGER t_users_updated BEFORE UPDATE ON users
FOR EACH ROW EXECUTE FUNCTION set_updated_at();
