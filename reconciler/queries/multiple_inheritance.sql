-- Tables that inherit from more than one parent (INHERITS (a, b)): the diff engine's inspection
-- reads one parent per table and fails on them.
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS name
FROM pg_inherits i
JOIN pg_class c ON c.oid = i.inhrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
GROUP BY n.nspname, c.relname
HAVING count(*) > 1
ORDER BY 1;
