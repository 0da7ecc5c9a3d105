-- What the tool's own schemas (reconcile, reconcile_archive), which no fingerprint describes, hold
-- that uses an object outside them: an archived table's column of a managed type, its foreign key to
-- a managed table, a default calling a managed function. One row (what uses, what is used) each.
-- Objects the server created itself (OIDs below 16384: built-in types, plpgsql) do not count.
WITH tool AS (
  SELECT oid FROM pg_namespace WHERE nspname IN ('reconcile', 'reconcile_archive')
),
mine (classid, objid) AS (
  SELECT 'pg_class'::regclass, c.oid FROM pg_class c WHERE c.relnamespace IN (SELECT oid FROM tool)
  UNION ALL
  SELECT 'pg_type'::regclass, t.oid FROM pg_type t WHERE t.typnamespace IN (SELECT oid FROM tool)
  UNION ALL
  SELECT 'pg_proc'::regclass, p.oid FROM pg_proc p WHERE p.pronamespace IN (SELECT oid FROM tool)
  UNION ALL
  SELECT 'pg_constraint'::regclass, k.oid FROM pg_constraint k WHERE k.connamespace IN (SELECT oid FROM tool)
  UNION ALL
  SELECT 'pg_attrdef'::regclass, a.oid
  FROM pg_attrdef a JOIN pg_class c ON c.oid = a.adrelid WHERE c.relnamespace IN (SELECT oid FROM tool)
  UNION ALL
  SELECT 'pg_trigger'::regclass, g.oid
  FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid WHERE c.relnamespace IN (SELECT oid FROM tool)
  UNION ALL
  SELECT 'pg_rewrite'::regclass, r.oid
  FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE c.relnamespace IN (SELECT oid FROM tool)
  UNION ALL
  SELECT 'pg_policy'::regclass, p.oid
  FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid WHERE c.relnamespace IN (SELECT oid FROM tool)
)
SELECT DISTINCT pg_describe_object(d.classid, d.objid, d.objsubid), pg_describe_object(d.refclassid, d.refobjid, 0)
FROM pg_depend d JOIN mine m ON m.classid = d.classid AND m.objid = d.objid
WHERE d.deptype IN ('n', 'a') AND d.refobjid >= 16384
  AND NOT (d.refclassid = 'pg_namespace'::regclass AND d.refobjid IN (SELECT oid FROM tool))
  AND NOT EXISTS (SELECT 1 FROM mine o WHERE o.classid = d.refclassid AND o.objid = d.refobjid)
ORDER BY 1, 2
