-- Comments on objects in user schemas (pg_description; shared objects are not managed here).
-- Run after `WITH catalog_kinds AS (…)` (catalog_kinds.query(), which comments.py puts first).
-- type/object_names/object_args are pg_identify_object_as_address(), which
-- pg_get_object_address() resolves back; identity is the name as COMMENT ON spells it.
-- `definition` describes the commented object, `relation` names the table, view or materialized
-- view it is or lives on: when the object changes, or its view is re-created, the diff engine
-- may have re-created it without its comment.
SELECT COALESCE(o.schema, a.object_names[1]) AS schema,
       a.type, a.object_names, a.object_args, o.identity, d.description,
       CASE d.classoid
         WHEN 'pg_class'::regclass THEN
           CASE WHEN d.objsubid = 0 THEN
                  c.relkind::text || ' ' || COALESCE(CASE c.relkind WHEN 'i' THEN pg_get_indexdef(c.oid)
                                                                    WHEN 'v' THEN pg_get_viewdef(c.oid)
                                                                    WHEN 'm' THEN pg_get_viewdef(c.oid) END, '')
                ELSE (SELECT concat_ws(' ', format_type(at.atttypid, at.atttypmod), at.attgenerated::text,
                                       pg_get_expr(ad.adbin, ad.adrelid))
                      FROM pg_attribute at
                      LEFT JOIN pg_attrdef ad ON ad.adrelid = at.attrelid AND ad.adnum = at.attnum
                                             AND at.attgenerated <> ''
                      WHERE at.attrelid = c.oid AND at.attnum = d.objsubid) END
         WHEN 'pg_proc'::regclass THEN
           (SELECT CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid)
                        ELSE pg_get_function_result(p.oid) END FROM pg_proc p WHERE p.oid = d.objoid)
         WHEN 'pg_type'::regclass THEN
           (SELECT t.typtype::text || ' ' || format_type(t.typbasetype, t.typtypmod) || ' '
                   || COALESCE((SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
                                FROM pg_enum e WHERE e.enumtypid = t.oid), '')
            FROM pg_type t WHERE t.oid = d.objoid)
         WHEN 'pg_constraint'::regclass THEN pg_get_constraintdef(d.objoid)
         WHEN 'pg_trigger'::regclass THEN
           -- the engine re-creates a trigger to change its enabled state
           (SELECT pg_get_triggerdef(tg.oid) || ' ' || tg.tgenabled::text FROM pg_trigger tg WHERE tg.oid = d.objoid)
         WHEN 'pg_policy'::regclass THEN
           (SELECT concat_ws(' ', po.polpermissive, po.polcmd, po.polroles::text,
                             pg_get_expr(po.polqual, po.polrelid), pg_get_expr(po.polwithcheck, po.polrelid))
            FROM pg_policy po WHERE po.oid = d.objoid)
         ELSE '' END
       -- the kinds catalog_objects manages, as it describes them (it re-creates what changes)
       || COALESCE(' ' || (SELECT k.description FROM catalog_kinds k WHERE k.classid = d.classoid AND k.oid = d.objoid), '')
       AS definition,
       CASE d.classoid
         WHEN 'pg_class'::regclass THEN
           (SELECT quote_ident(rn.nspname) || '.' || quote_ident(r.relname)
            FROM pg_class r JOIN pg_namespace rn ON rn.oid = r.relnamespace
            WHERE r.oid = COALESCE((SELECT i.indrelid FROM pg_index i WHERE i.indexrelid = c.oid), c.oid)
              AND r.relkind IN ('r', 'p', 'v', 'm'))
         WHEN 'pg_constraint'::regclass THEN
           (SELECT co.conrelid::regclass::text FROM pg_constraint co WHERE co.oid = d.objoid AND co.conrelid <> 0)
         WHEN 'pg_trigger'::regclass THEN (SELECT tg.tgrelid::regclass::text FROM pg_trigger tg WHERE tg.oid = d.objoid)
         WHEN 'pg_policy'::regclass THEN (SELECT po.polrelid::regclass::text FROM pg_policy po WHERE po.oid = d.objoid)
       END AS relation
FROM pg_description d
CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o
CROSS JOIN LATERAL pg_identify_object_as_address(d.classoid, d.objoid, d.objsubid) a
LEFT JOIN pg_class c ON d.classoid = 'pg_class'::regclass AND c.oid = d.objoid
WHERE d.classoid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass, 'pg_constraint'::regclass,
                     'pg_trigger'::regclass, 'pg_policy'::regclass, 'pg_namespace'::regclass,
                     'pg_collation'::regclass, 'pg_rewrite'::regclass, 'pg_operator'::regclass,
                     'pg_opclass'::regclass, 'pg_opfamily'::regclass, 'pg_cast'::regclass, 'pg_conversion'::regclass,
                     'pg_ts_config'::regclass, 'pg_ts_dict'::regclass, 'pg_ts_parser'::regclass,
                     'pg_ts_template'::regclass, 'pg_statistic_ext'::regclass, 'pg_foreign_data_wrapper'::regclass,
                     'pg_foreign_server'::regclass, 'pg_language'::regclass, 'pg_am'::regclass,
                     'pg_transform'::regclass)
  -- built-in objects (below FirstNormalObjectId) are the system's; schema public is one a user may comment
  AND (d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass)
  AND COALESCE(o.schema, a.object_names[1]) NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'reconcile', 'reconcile_archive')
  AND COALESCE(o.schema, a.object_names[1]) NOT LIKE 'pg\_temp\_%'
  AND COALESCE(o.schema, a.object_names[1]) NOT LIKE 'pg\_toast\_temp\_%'
  -- `public` carries a stock comment on every cluster
  AND NOT (a.type = 'schema' AND a.object_names = ARRAY['public'] AND d.description = 'standard public schema')
  -- an extension's objects are the extension's
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.deptype = 'e' AND e.classid = d.classoid AND e.objid = d.objoid)
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.deptype = 'e' AND e.classid = 'pg_namespace'::regclass
                    AND e.objid = (SELECT n.oid FROM pg_namespace n
                                   WHERE n.nspname = COALESCE(o.schema, a.object_names[1])))
ORDER BY 1, 2, 3, 4;
