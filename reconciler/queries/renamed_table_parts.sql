-- Constraints and (non-constraint) indexes of a renamed table whose names start with the table's
-- old name (PostgreSQL's default naming): candidates to follow the table's new name.
SELECT 'constraint', co.conname
FROM pg_constraint co
WHERE co.conrelid = to_regclass(%(table)s) AND starts_with(co.conname, %(prefix)s)
UNION ALL
SELECT 'index', ic.relname
FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
WHERE i.indrelid = to_regclass(%(table)s) AND starts_with(ic.relname, %(prefix)s)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid AND co.contype IN ('p', 'u', 'x'))
ORDER BY 1, 2;
