-- seed "Pitfall 3", ✅, with the elision ... filled in. Good for its point (AFTER, so constraints
-- are checked first), but the seed's checklist also wants DROP TRIGGER IF EXISTS first: without it
-- the second run fails ("trigger ... already exists"), which lint reports.
CREATE TRIGGER t_after_insert AFTER INSERT ON users
FOR EACH ROW EXECUTE FUNCTION audit_insert();
