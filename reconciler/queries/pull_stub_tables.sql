-- Tables of unmanaged schemas that managed objects refer to (a trigger on auth.users, a foreign
-- key to it, a policy on storage.objects): their columns and keys, for `reconcile pull`'s stand-ins.
-- %(names)s: "schema.table" strings. Run with INSPECT_SETTINGS (types print schema-qualified).
SELECT n.nspname,
       c.relname,
       (SELECT coalesce(json_agg(json_build_array(a.attname, pg_catalog.format_type(a.atttypid, a.atttypmod))
                                 ORDER BY a.attnum), '[]'::json)
          FROM pg_catalog.pg_attribute a
         WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) AS columns,
       (SELECT coalesce(json_agg(pg_catalog.pg_get_constraintdef(k.oid) ORDER BY k.contype, k.conname), '[]'::json)
          FROM pg_catalog.pg_constraint k
         WHERE k.conrelid = c.oid AND k.contype IN ('p', 'u')) AS keys
  FROM pg_catalog.pg_class c
  JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
 WHERE n.nspname || '.' || c.relname = ANY (%(names)s)
   AND c.relkind IN ('r', 'p')
 ORDER BY 1, 2
