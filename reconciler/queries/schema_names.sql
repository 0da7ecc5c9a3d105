-- Every schema's name (a schema-per-tenant target's tenants are those matching its pattern).
SELECT nspname FROM pg_catalog.pg_namespace ORDER BY 1;
