-- Functions of the generated schemas (not procedures, aggregates or window functions, nor
-- extension members): arguments with their modes and names, how many take defaults, the result.
-- Parameters: %(schemas)s text[].
SELECT n.nspname, p.proname, p.prorettype, p.proretset,
       COALESCE(p.proallargtypes, p.proargtypes::oid[]) AS argtypes,
       COALESCE(p.proargmodes::text[], array_fill('i'::text, ARRAY[p.pronargs::int])) AS argmodes,
       COALESCE(p.proargnames, array_fill(''::text, ARRAY[cardinality(COALESCE(p.proallargtypes,
                                                                             p.proargtypes::oid[]))]))
         AS argnames,
       p.pronargdefaults,
       p.oid::regprocedure::text AS signature
FROM pg_proc p
JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = ANY (%(schemas)s::text[]) AND p.prokind = 'f'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d
                  WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
ORDER BY 1, 2, 9;
