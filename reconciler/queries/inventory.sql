-- Objects of kinds the diff cannot express yet (domains: supplement/domains.py; composite types: the engine, ordered in diff.py; event triggers: supplement/event_triggers.py) (the coverage guard): user-created (not part of
-- an extension, not built in), in managed schemas or without a schema.
-- Parameters: %(include)s text[] (empty = all schemas), %(exclude)s text[].
WITH managed AS (
  SELECT n.oid FROM pg_namespace n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'reconcile', 'reconcile_archive')
    AND n.nspname NOT LIKE 'pg\_temp\_%%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%%'
    AND (cardinality(%(include)s::text[]) = 0 OR n.nspname = ANY (%(include)s::text[]))
    AND NOT (n.nspname = ANY (%(exclude)s::text[]))
),
candidates (classid, objid, in_schema) AS (
  SELECT 'pg_type'::regclass, t.oid, t.typnamespace FROM pg_type t
  WHERE t.typtype IN ('r', 'm', 'b')
  UNION ALL SELECT 'pg_proc'::regclass, p.oid, p.pronamespace FROM pg_proc p WHERE p.prokind = 'a'
  UNION ALL SELECT 'pg_class'::regclass, c.oid, c.relnamespace FROM pg_class c WHERE c.relkind = 'f'
  UNION ALL SELECT 'pg_operator'::regclass, o.oid, o.oprnamespace FROM pg_operator o
  UNION ALL SELECT 'pg_opclass'::regclass, o.oid, o.opcnamespace FROM pg_opclass o
  UNION ALL SELECT 'pg_opfamily'::regclass, o.oid, o.opfnamespace FROM pg_opfamily o
  UNION ALL SELECT 'pg_ts_config'::regclass, c.oid, c.cfgnamespace FROM pg_ts_config c
  UNION ALL SELECT 'pg_ts_dict'::regclass, d.oid, d.dictnamespace FROM pg_ts_dict d
  UNION ALL SELECT 'pg_ts_parser'::regclass, p.oid, p.prsnamespace FROM pg_ts_parser p
  UNION ALL SELECT 'pg_ts_template'::regclass, t.oid, t.tmplnamespace FROM pg_ts_template t
  UNION ALL SELECT 'pg_statistic_ext'::regclass, s.oid, s.stxnamespace FROM pg_statistic_ext s
  UNION ALL SELECT 'pg_conversion'::regclass, c.oid, c.connamespace FROM pg_conversion c
  UNION ALL SELECT 'pg_rewrite'::regclass, r.oid, c.relnamespace
            FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class WHERE r.rulename <> '_RETURN'
  UNION ALL SELECT 'pg_cast'::regclass, c.oid, NULL::oid FROM pg_cast c
  UNION ALL SELECT 'pg_foreign_data_wrapper'::regclass, w.oid, NULL::oid FROM pg_foreign_data_wrapper w
  UNION ALL SELECT 'pg_foreign_server'::regclass, s.oid, NULL::oid FROM pg_foreign_server s
  UNION ALL SELECT 'pg_language'::regclass, l.oid, NULL::oid FROM pg_language l
  UNION ALL SELECT 'pg_transform'::regclass, t.oid, NULL::oid FROM pg_transform t
  UNION ALL SELECT 'pg_am'::regclass, a.oid, NULL::oid FROM pg_am a
)
SELECT o.type, o.identity
FROM candidates c
CROSS JOIN LATERAL pg_identify_object(c.classid, c.objid, 0) o
WHERE c.objid >= 16384  -- FirstNormalObjectId: built-in objects are below
  AND (c.in_schema IS NULL OR c.in_schema IN (SELECT oid FROM managed))
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = c.classid AND d.objid = c.objid AND d.deptype IN ('e', 'i'))
  -- array types and the row types of tables are described with their element/table
  AND NOT (c.classid = 'pg_type'::regclass AND EXISTS (SELECT 1 FROM pg_type t WHERE t.oid = c.objid AND t.typcategory = 'A'))
ORDER BY 1, 2;
