DROP TRIGGER IF EXISTS t_users_updated ON users;
CREATE TRIGGER t_users_updated
  BEFORE UPDATE ON users
  FOR EACH ROW EXECUTE FUNCTION set_updated_at();
-- The drop names another table: no guard.
DROP TRIGGER IF EXISTS t_audit ON accounts;
DROP TRIGGER IF EXISTS t_audit ON users;
CREATE TRIGGER t_audit AFTER INSERT ON users FOR EACH ROW EXECUTE FUNCTION set_updated_at();
