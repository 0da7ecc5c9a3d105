-- Who depends on what (pg_depend), in names the diff engine can map to its objects: views and
-- materialized views (their _RETURN rule), functions, indexes, constraints, triggers, policies,
-- column defaults, columns, domains, range types and typed tables (CREATE TABLE … OF), each on a
-- type (arrays named by their element type, multiranges by their range: dropping a range drops
-- its multirange), a column, a relation or a function; and each multirange on its range. migra only reads view-on-relation edges; re-creating an enum or
-- re-typing a column needs the rest: PostgreSQL refuses while these dependents exist.
WITH dep AS (
    SELECT d.classid, d.objid, d.objsubid, d.refclassid, d.refobjid, d.refobjsubid
    FROM pg_depend d
    WHERE d.deptype IN ('n', 'a')
), dependent AS (
    SELECT dep.*,
           CASE
               WHEN dep.classid = 'pg_rewrite'::regclass THEN CASE vc.relkind WHEN 'm' THEN 'matview' ELSE 'view' END
               WHEN dep.classid = 'pg_proc'::regclass THEN 'function'
               WHEN dep.classid = 'pg_class'::regclass AND oc.relkind = 'i' THEN 'index'
               -- a typed table on its composite type (its columns follow the type)
               WHEN dep.classid = 'pg_class'::regclass AND dep.objsubid = 0 AND oc.relkind IN ('r', 'p')
                    AND dep.refclassid = 'pg_type'::regclass THEN 'typed table'
               WHEN dep.classid = 'pg_class'::regclass AND dep.objsubid > 0 THEN 'column'
               -- a domain's CHECK: the domain is what uses the function or type
               WHEN dep.classid = 'pg_constraint'::regclass AND co.contypid <> 0 THEN 'domain'
               -- a domain on its base type, a range type on its subtype (and functions, operator classes)
               WHEN dt.oid IS NOT NULL THEN CASE dt.typtype WHEN 'r' THEN 'range' ELSE 'domain' END
               WHEN dep.classid = 'pg_constraint'::regclass THEN 'constraint'
               WHEN dep.classid = 'pg_trigger'::regclass THEN 'trigger'
               WHEN dep.classid = 'pg_policy'::regclass THEN 'policy'
               WHEN dep.classid = 'pg_attrdef'::regclass THEN 'default'
               -- catalog_objects' kinds: an operator, and an operator class through its members
               WHEN dep.classid = 'pg_operator'::regclass THEN 'operator'
               WHEN dep.classid IN ('pg_amop'::regclass, 'pg_amproc'::regclass) THEN 'opclass'
               WHEN dep.classid = 'pg_ts_config'::regclass THEN 'tsconfig'
           END AS kind,
           coalesce(vn.nspname, pn.nspname, on_.nspname, cn.nspname, tn.nspname, poln.nspname, adn.nspname,
                    dopn.nspname, dopcn.nspname, dcfgn.nspname, dtn.nspname) AS schema,
           coalesce(oc_t.relname, cc.relname, tc.relname, polc.relname, adc.relname) AS table_name,
           coalesce(vc.relname, p.proname,
                    CASE WHEN dep.objsubid > 0 THEN oa.attname ELSE oc.relname END,
                    cdt.typname, co.conname, t.tgname, pol.polname, ada.attname,
                    dop.oprname, dopc.opcname, dcfg.cfgname, dt.typname)
               AS name,
           CASE WHEN p.oid IS NOT NULL THEN pg_get_function_identity_arguments(p.oid) END AS args,
           CASE WHEN dep.classid = 'pg_rewrite'::regclass THEN rw.ev_class END AS self_oid
    FROM dep
    LEFT JOIN pg_rewrite rw ON dep.classid = 'pg_rewrite'::regclass AND rw.oid = dep.objid
    LEFT JOIN pg_class vc ON vc.oid = rw.ev_class AND vc.relkind IN ('v', 'm')
    LEFT JOIN pg_namespace vn ON vn.oid = vc.relnamespace
    LEFT JOIN pg_proc p ON dep.classid = 'pg_proc'::regclass AND p.oid = dep.objid
    LEFT JOIN pg_namespace pn ON pn.oid = p.pronamespace
    LEFT JOIN pg_class oc ON dep.classid = 'pg_class'::regclass AND oc.oid = dep.objid
    LEFT JOIN pg_namespace on_ ON on_.oid = oc.relnamespace
    LEFT JOIN pg_index oi ON oi.indexrelid = oc.oid
    LEFT JOIN pg_class oc_t ON oc_t.oid = CASE WHEN oc.relkind = 'i' THEN oi.indrelid ELSE oc.oid END
    LEFT JOIN pg_attribute oa ON oa.attrelid = oc.oid AND oa.attnum = dep.objsubid AND dep.objsubid > 0
    LEFT JOIN pg_constraint co ON dep.classid = 'pg_constraint'::regclass AND co.oid = dep.objid
    LEFT JOIN pg_class cc ON cc.oid = co.conrelid
    LEFT JOIN pg_type cdt ON cdt.oid = co.contypid AND co.contypid <> 0
    LEFT JOIN pg_namespace cn ON cn.oid = co.connamespace
    LEFT JOIN pg_trigger t ON dep.classid = 'pg_trigger'::regclass AND t.oid = dep.objid
    LEFT JOIN pg_class tc ON tc.oid = t.tgrelid
    LEFT JOIN pg_namespace tn ON tn.oid = tc.relnamespace
    LEFT JOIN pg_policy pol ON dep.classid = 'pg_policy'::regclass AND pol.oid = dep.objid
    LEFT JOIN pg_class polc ON polc.oid = pol.polrelid
    LEFT JOIN pg_namespace poln ON poln.oid = polc.relnamespace
    LEFT JOIN pg_attrdef ad ON dep.classid = 'pg_attrdef'::regclass AND ad.oid = dep.objid
    LEFT JOIN pg_class adc ON adc.oid = ad.adrelid
    LEFT JOIN pg_namespace adn ON adn.oid = adc.relnamespace
    LEFT JOIN pg_attribute ada ON ada.attrelid = ad.adrelid AND ada.attnum = ad.adnum
    LEFT JOIN pg_operator dop ON dep.classid = 'pg_operator'::regclass AND dop.oid = dep.objid
    LEFT JOIN pg_namespace dopn ON dopn.oid = dop.oprnamespace
    LEFT JOIN pg_depend dm ON dep.classid IN ('pg_amop'::regclass, 'pg_amproc'::regclass)
                          AND dm.classid = dep.classid AND dm.objid = dep.objid AND dm.refclassid = 'pg_opclass'::regclass
    LEFT JOIN pg_opclass dopc ON dopc.oid = dm.refobjid
    LEFT JOIN pg_namespace dopcn ON dopcn.oid = dopc.opcnamespace
    LEFT JOIN pg_ts_config dcfg ON dep.classid = 'pg_ts_config'::regclass AND dcfg.oid = dep.objid
    LEFT JOIN pg_namespace dcfgn ON dcfgn.oid = dcfg.cfgnamespace
    LEFT JOIN pg_type dt ON dep.classid = 'pg_type'::regclass AND dt.oid = dep.objid AND dt.typtype IN ('d', 'r')
    LEFT JOIN pg_namespace dtn ON dtn.oid = dt.typnamespace
), referenced AS (
    SELECT dependent.*,
           CASE
               WHEN refclassid = 'pg_type'::regclass THEN 'type'
               WHEN refclassid = 'pg_class'::regclass AND refobjsubid > 0 THEN 'column'
               WHEN refclassid = 'pg_class'::regclass THEN 'relation'
               WHEN refclassid = 'pg_proc'::regclass THEN 'function'
               WHEN refclassid = 'pg_opclass'::regclass THEN 'opclass'
               WHEN refclassid = 'pg_operator'::regclass THEN 'operator'
               WHEN refclassid = 'pg_ts_config'::regclass THEN 'tsconfig'
               WHEN refclassid = 'pg_ts_dict'::regclass THEN 'tsdict'
           END AS ref_kind,
           coalesce(etn.nspname, rcn.nspname, rpn.nspname, ropn.nspname, roprn.nspname, rcfgn.nspname, rdictn.nspname)
               AS ref_schema,
           coalesce(et.typname, rc.relname, rp.proname, rop.opcname, ropr.oprname, rcfg.cfgname, rdict.dictname)
               AS ref_name,
           coalesce(ra.attname, CASE WHEN rp.oid IS NOT NULL THEN pg_get_function_identity_arguments(rp.oid) END)
               AS ref_sub,
           coalesce(rt.typelem <> 0 AND rt.typcategory = 'A', false) AS ref_array
    FROM dependent
    LEFT JOIN pg_type rt ON refclassid = 'pg_type'::regclass AND rt.oid = refobjid
    LEFT JOIN pg_range rmr
           ON rmr.rngmultitypid = CASE WHEN rt.typelem <> 0 AND rt.typcategory = 'A' THEN rt.typelem ELSE rt.oid END
    LEFT JOIN pg_type et
           ON et.oid = coalesce(rmr.rngtypid,
                                CASE WHEN rt.typelem <> 0 AND rt.typcategory = 'A' THEN rt.typelem ELSE rt.oid END)
    LEFT JOIN pg_namespace etn ON etn.oid = et.typnamespace
    LEFT JOIN pg_class rc ON refclassid = 'pg_class'::regclass AND rc.oid = refobjid
    LEFT JOIN pg_namespace rcn ON rcn.oid = rc.relnamespace
    LEFT JOIN pg_attribute ra ON ra.attrelid = rc.oid AND ra.attnum = refobjsubid AND refobjsubid > 0
    LEFT JOIN pg_proc rp ON refclassid = 'pg_proc'::regclass AND rp.oid = refobjid
    LEFT JOIN pg_namespace rpn ON rpn.oid = rp.pronamespace
    LEFT JOIN pg_opclass rop ON refclassid = 'pg_opclass'::regclass AND rop.oid = refobjid
    LEFT JOIN pg_namespace ropn ON ropn.oid = rop.opcnamespace
    LEFT JOIN pg_operator ropr ON refclassid = 'pg_operator'::regclass AND ropr.oid = refobjid
    LEFT JOIN pg_namespace roprn ON roprn.oid = ropr.oprnamespace
    LEFT JOIN pg_ts_config rcfg ON refclassid = 'pg_ts_config'::regclass AND rcfg.oid = refobjid
    LEFT JOIN pg_namespace rcfgn ON rcfgn.oid = rcfg.cfgnamespace
    LEFT JOIN pg_ts_dict rdict ON refclassid = 'pg_ts_dict'::regclass AND rdict.oid = refobjid
    LEFT JOIN pg_namespace rdictn ON rdictn.oid = rdict.dictnamespace
    WHERE (self_oid IS NULL OR NOT (refclassid = 'pg_class'::regclass AND refobjid = self_oid))
), edges AS (
    SELECT kind, schema, table_name, name, args, ref_kind, ref_schema, ref_name, ref_sub, ref_array
    FROM referenced
    UNION ALL
    -- a multirange on its range (an internal dependency: the range's re-creation renames it too)
    SELECT 'multirange', mn.nspname, NULL, mt.typname, NULL, 'type', rn.nspname, rt.typname, NULL, false
    FROM pg_range r
    JOIN pg_type mt ON mt.oid = r.rngmultitypid JOIN pg_namespace mn ON mn.oid = mt.typnamespace
    JOIN pg_type rt ON rt.oid = r.rngtypid JOIN pg_namespace rn ON rn.oid = rt.typnamespace
)
SELECT DISTINCT kind, schema, table_name, name, args, ref_kind, ref_schema, ref_name, ref_sub, ref_array
FROM edges
WHERE kind IS NOT NULL AND ref_kind IS NOT NULL AND name IS NOT NULL AND ref_name IS NOT NULL
  AND schema NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive') AND schema NOT LIKE 'pg\_toast%'
  AND ref_schema NOT IN ('pg_catalog', 'information_schema')
ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9;
