-- Constraints declared NOT VALID (migra re-adds a constraint NOT VALID and then validates it,
-- which would silently validate a constraint that schema/ keeps unvalidated).
SELECT n.nspname AS schema, c.relname AS table_name, co.conname AS name
FROM pg_constraint co
JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE NOT co.convalidated
ORDER BY 1, 2, 3;
