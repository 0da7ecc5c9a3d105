-- Columns an inheritance child (not a partition) holds only through its parents: CREATE TABLE …
-- INHERITS gives it them, and listing them in the CREATE TABLE would make them its own too (no
-- SQL makes an own column inherited-only again).
SELECT n.nspname, c.relname, a.attname
FROM pg_attribute a
JOIN pg_class c ON c.oid = a.attrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE a.attnum > 0 AND NOT a.attisdropped AND a.attinhcount > 0 AND NOT a.attislocal
  AND c.relkind IN ('r', 'p') AND NOT c.relispartition;
