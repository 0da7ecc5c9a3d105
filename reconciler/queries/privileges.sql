-- Privileges on every object in user schemas: one row per object with its ACL entries in
-- canonical form, aclexplode(coalesce(acl, acldefault(kind, owner))) without the owner's own
-- entries (owners differ between scratch and target; ownership is not managed) and without the
-- grantor. Columns appear only when they carry an ACL (attacl); relations list their columns.
-- Read under search_path = pg_catalog: regprocedure and format_type print qualified names.
WITH ext AS (
  SELECT d.classid, d.objid FROM pg_depend d WHERE d.deptype = 'e'
),
-- What a view or function uses, named as the rows below name objects (an array type stands for
-- its element type; regclass prints quote_ident's qualified name under search_path = pg_catalog).
refs AS NOT MATERIALIZED (
  SELECT d.classid, d.objid,
         CASE d.refclassid
           WHEN 'pg_class'::regclass THEN d.refobjid::regclass::text
           WHEN 'pg_proc'::regclass THEN d.refobjid::regprocedure::text
           WHEN 'pg_type'::regclass THEN
             (SELECT format_type(CASE WHEN t.typcategory = 'A' THEN t.typelem ELSE t.oid END, NULL)
              FROM pg_type t WHERE t.oid = d.refobjid)
         END AS identity,
         d.refclassid, d.refobjid
  FROM pg_depend d
  WHERE d.classid IN ('pg_rewrite'::regclass, 'pg_proc'::regclass)
    AND d.refclassid IN ('pg_class'::regclass, 'pg_proc'::regclass, 'pg_type'::regclass)
    AND d.deptype = 'n'
),
obj AS (
  SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table'
                        WHEN 'S' THEN 'sequence' ELSE 'table' END AS kind,
         n.nspname AS schema, quote_ident(n.nspname) || '.' || quote_ident(c.relname) AS identity,
         NULL::text AS column_name,
         CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END AS acl_kind, c.relacl AS acl, c.relowner AS owner,
         -- a foreign table whose server or options change is created again (catalog_objects)
         COALESCE((SELECT concat_ws(' ', s.srvname, ft.ftoptions::text,
                                    (SELECT string_agg(a.attname || a.attfdwoptions::text, ',' ORDER BY a.attname)
                                     FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attfdwoptions IS NOT NULL))
                   FROM pg_foreign_table ft JOIN pg_foreign_server s ON s.oid = ft.ftserver
                   WHERE ft.ftrelid = c.oid), '') AS definition,
         ARRAY(SELECT a.attname::text FROM pg_attribute a
               WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped ORDER BY 1) AS columns,
         -- what a view reads and calls: when the engine re-creates one of them, it re-creates the view
         ARRAY(SELECT DISTINCT r.identity FROM pg_rewrite rw
               JOIN refs r ON r.classid = 'pg_rewrite'::regclass AND r.objid = rw.oid
               WHERE rw.ev_class = c.oid AND NOT (r.refclassid = 'pg_class'::regclass AND r.refobjid = c.oid)
               ORDER BY 1) AS refs
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
  WHERE c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
    AND NOT EXISTS (SELECT 1 FROM ext e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
  UNION ALL
  SELECT 'column', n.nspname, quote_ident(n.nspname) || '.' || quote_ident(c.relname), a.attname::text,
         'c', a.attacl, c.relowner,
         -- a column dropped and added again (a generated column's new expression) loses its ACL
         concat_ws(' ', format_type(a.atttypid, a.atttypmod),
                   CASE WHEN a.attgenerated <> '' THEN pg_get_expr(ad.adbin, ad.adrelid) END),
         NULL, NULL
  FROM pg_attribute a
  JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
  WHERE a.attacl IS NOT NULL AND a.attnum > 0 AND NOT a.attisdropped AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
    AND NOT EXISTS (SELECT 1 FROM ext e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END, n.nspname,
         p.oid::regprocedure::text, NULL, 'f', p.proacl, p.proowner,
         -- a function dropped and created again (a new return type) starts from the default ACL; an
         -- aggregate is replaced in place unless what catalog_objects keeps (its signature) changes
         CASE WHEN p.prokind = 'a'
              THEN (SELECT concat_ws(' ', pg_get_function_arguments(p.oid), p.prorettype::regtype::text,
                                     a.aggkind::text, a.aggnumdirectargs::text)
                    FROM pg_aggregate a WHERE a.aggfnoid = p.oid)
              ELSE pg_get_functiondef(p.oid) END, NULL,
         -- the types it takes and returns: a re-created enum re-creates the function
         ARRAY(SELECT DISTINCT r.identity FROM refs r
               WHERE r.classid = 'pg_proc'::regclass AND r.objid = p.oid ORDER BY 1)
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p', 'w', 'a')
    AND NOT EXISTS (SELECT 1 FROM ext e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
  UNION ALL
  SELECT 'schema', n.nspname, quote_ident(n.nspname), NULL, 'n', n.nspacl, n.nspowner, '', NULL, NULL
  FROM pg_namespace n
  WHERE NOT EXISTS (SELECT 1 FROM ext e WHERE e.classid = 'pg_namespace'::regclass AND e.objid = n.oid)
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END, n.nspname, format_type(t.oid, NULL), NULL,
         'T', t.typacl, t.typowner,
         -- an enum that loses a label is created again, a range type (with its multirange) that
         -- changes at all (catalog_objects)
         concat_ws(' ', t.typtype::text,
                   (SELECT string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder)
                    FROM pg_enum e WHERE e.enumtypid = t.oid),
                   (SELECT concat_ws(' ', r.rngtypid::regtype::text, r.rngsubtype::regtype::text,
                                     (SELECT quote_ident(oc.opcname) FROM pg_opclass oc WHERE oc.oid = r.rngsubopc),
                                     NULLIF(r.rngcollation, 0)::regcollation::text, r.rngcanonical::regproc::text,
                                     r.rngsubdiff::regproc::text, r.rngmultitypid::regtype::text)
                    FROM pg_range r WHERE t.oid IN (r.rngtypid, r.rngmultitypid))),
         NULL, NULL
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
  WHERE (t.typtype IN ('e', 'd', 'r')
         -- multiranges: PostgreSQL 14 to 16 let their privileges be set apart from the range's; 17
         -- refuses them (and creates one without the default privileges its range gets)
         OR (t.typtype = 'm' AND current_setting('server_version_num')::int < 170000)
         OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))
    AND NOT EXISTS (SELECT 1 FROM ext e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid)
)
SELECT o.kind, o.schema, o.identity, o.column_name, o.definition, o.columns, o.refs,
       ARRAY(SELECT ARRAY[CASE g.grantee WHEN 0 THEN 'PUBLIC' ELSE pg_get_userbyid(g.grantee)::text END,
                          g.privilege_type, CASE WHEN bool_or(g.is_grantable) THEN 'grantable' ELSE '' END]
             FROM aclexplode(COALESCE(o.acl, acldefault(o.acl_kind::"char", o.owner))) g
             WHERE g.grantee <> o.owner
             GROUP BY g.grantee, g.privilege_type ORDER BY 1) AS entries,
       -- the relation the row belongs to (a restricted inspection reads those of some relations)
       CASE WHEN o.kind IN ('table', 'view', 'materialized view', 'foreign table', 'sequence', 'column')
            THEN o.identity END AS relation
FROM obj o
WHERE o.schema NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
  AND o.schema NOT LIKE 'pg\_%'
ORDER BY 1, 3, 4;
