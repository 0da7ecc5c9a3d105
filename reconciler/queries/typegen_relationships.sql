-- Foreign keys of the generated schemas' tables, as supabase-js reads them: columns, referenced
-- relation and columns, and whether the referencing columns are unique (one-to-one).
-- Parameters: %(schemas)s text[].
SELECT n.nspname, c.relname, co.conname,
       ARRAY(SELECT a.attname::text FROM unnest(co.conkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = co.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
       rn.nspname AS referenced_schema, rc.relname AS referenced_relation,
       ARRAY(SELECT a.attname::text FROM unnest(co.confkey) WITH ORDINALITY k(attnum, ord)
             JOIN pg_attribute a ON a.attrelid = co.confrelid AND a.attnum = k.attnum ORDER BY k.ord)
         AS referenced_columns,
       EXISTS (SELECT 1 FROM pg_index i
               WHERE i.indrelid = co.conrelid AND i.indisunique AND i.indpred IS NULL
                 AND i.indkey::int2[] @> co.conkey AND i.indkey::int2[] <@ co.conkey) AS one_to_one
FROM pg_constraint co
JOIN pg_class c ON c.oid = co.conrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_class rc ON rc.oid = co.confrelid
JOIN pg_namespace rn ON rn.oid = rc.relnamespace
WHERE co.contype = 'f' AND n.nspname = ANY (%(schemas)s::text[]) AND NOT c.relispartition
ORDER BY 1, 2, 3;
