-- PostgreSQL 18's NOT NULL constraints of managed tables: (schema, table, quoted qualified table,
-- column, constraint, inherited). Nothing on older versions (NOT NULL is not a constraint there).
SELECT n.nspname, c.relname, quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname, co.conname,
       co.coninhcount > 0
FROM pg_constraint co
JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = co.conkey[1]
WHERE co.contype = 'n'
  AND n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')
ORDER BY 1, 2, 4
