-- Scratch databases left behind by a killed run: our name prefix AND our marker comment.
SELECT d.datname
FROM pg_database d
JOIN pg_shdescription s ON s.objoid = d.oid AND s.classoid = 'pg_database'::regclass
WHERE d.datname LIKE %s
  AND s.description LIKE %s
ORDER BY d.datname;
