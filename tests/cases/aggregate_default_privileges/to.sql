-- ALTER DEFAULT PRIVILEGES … ON FUNCTIONS applies to aggregates too: one created after the
-- schema's default no longer gives PUBLIC EXECUTE, and gets the reporting role's.
CREATE SCHEMA reporting;
ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT EXECUTE ON FUNCTIONS TO app_reader;
CREATE TABLE reporting.visit (visit_id int PRIMARY KEY, seconds int NOT NULL);
CREATE AGGREGATE reporting.total_seconds(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
REVOKE EXECUTE ON FUNCTION reporting.total_seconds(int) FROM PUBLIC;
