-- Publications: options, and the tables (with column lists and row filters) and schemas they publish.
SELECT p.pubname,
       p.puballtables,
       ARRAY_REMOVE(ARRAY[CASE WHEN p.pubinsert THEN 'insert' END, CASE WHEN p.pubupdate THEN 'update' END,
                          CASE WHEN p.pubdelete THEN 'delete' END, CASE WHEN p.pubtruncate THEN 'truncate' END], NULL),
       p.pubviaroot,
       COALESCE((SELECT array_agg(
                   quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                   || COALESCE(' (' || (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum)
                                        FROM pg_attribute a
                                        WHERE a.attrelid = c.oid AND a.attnum = ANY (pr.prattrs::int2[])) || ')', '')
                   || COALESCE(' WHERE (' || pg_get_expr(pr.prqual, c.oid) || ')', '')
                   ORDER BY n.nspname, c.relname)
                 FROM pg_publication_rel pr
                 JOIN pg_class c ON c.oid = pr.prrelid
                 JOIN pg_namespace n ON n.oid = c.relnamespace
                 WHERE pr.prpubid = p.oid), '{}')
FROM pg_publication p
ORDER BY 1;
