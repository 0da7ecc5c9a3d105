-- Whether a multirange type has privileges set (PostgreSQL 14 to 16 allow it, pg_dump leaves them out).
SELECT EXISTS (SELECT FROM pg_catalog.pg_type WHERE typtype = 'm' AND typacl IS NOT NULL);
