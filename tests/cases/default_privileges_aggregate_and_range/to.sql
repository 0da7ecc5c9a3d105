-- ALTER DEFAULT PRIVILEGES … ON FUNCTIONS applies to aggregates too, … ON TYPES to range types
-- (and, before PostgreSQL 17, to their multiranges): a new aggregate and a new range type get the
-- reporting role's grants from the schema's defaults; PUBLIC's EXECUTE on the aggregate is revoked.
CREATE SCHEMA reporting;
ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT EXECUTE ON FUNCTIONS TO app_reader;
ALTER DEFAULT PRIVILEGES IN SCHEMA reporting GRANT USAGE ON TYPES TO app_reader;
CREATE TABLE reporting.visit (visit_id int PRIMARY KEY, seconds int NOT NULL);
CREATE AGGREGATE reporting.total_seconds(int) (SFUNC = int4pl, STYPE = int, INITCOND = '0');
REVOKE EXECUTE ON FUNCTION reporting.total_seconds(int) FROM PUBLIC;
CREATE TYPE reporting.seconds_range AS RANGE (subtype = int4);
