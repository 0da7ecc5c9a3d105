-- The roles of a cluster but PostgreSQL's predefined ones (pg_*).
SELECT r.rolname FROM pg_roles r WHERE r.rolname NOT LIKE 'pg\_%' ORDER BY 1;
