-- Checks a table holds only through its parent, in the order the tables were created, and whether
-- each is valid (pg_dump adds a NOT VALID check after the children, whose copies are then NOT VALID
-- too: the proof's copy validates those valid on the target).
SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname),
       pg_catalog.quote_ident(k.conname), k.convalidated
FROM pg_catalog.pg_constraint k
JOIN pg_catalog.pg_class c ON c.oid = k.conrelid
JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
WHERE k.contype = 'c' AND k.coninhcount > 0 AND NOT k.conislocal
ORDER BY c.oid, k.conname;
