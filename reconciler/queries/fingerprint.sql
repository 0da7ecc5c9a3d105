-- Canonical description of every managed object: one row (kind, name, definition) each.
-- Independent of OIDs, creation order and physical column order; names are printed fully
-- qualified because the inspecting session runs with search_path = pg_catalog.
-- Parameters: %(include)s text[] (empty = all schemas), %(exclude)s text[], %(privileges)s,
-- %(rels)s text[] (NULL = every relation).
WITH ns AS (
  SELECT n.oid, n.nspname
  FROM pg_namespace n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'reconcile', 'reconcile_archive')
    AND n.nspname NOT LIKE 'pg\_temp\_%%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%%'
    AND (cardinality(%(include)s::text[]) = 0 OR n.nspname = ANY (%(include)s::text[]))
    AND NOT (n.nspname = ANY (%(exclude)s::text[]))
    AND NOT EXISTS (SELECT 1 FROM pg_depend d
                    WHERE d.classid = 'pg_namespace'::regclass AND d.objid = n.oid AND d.deptype = 'e')
),
ext_member AS (
  SELECT d.classid, d.objid FROM pg_depend d WHERE d.deptype = 'e'
),
schemaless AS (
  SELECT c::regclass::oid AS oid
  FROM unnest(ARRAY['pg_language', 'pg_cast', 'pg_transform', 'pg_foreign_data_wrapper', 'pg_foreign_server',
                    'pg_am']) AS c
),
-- The relations whose own rows (the relation, its columns, indexes, constraints, triggers,
-- policies and privileges) are described: %(rels)s (qualified names), or all when NULL. Every
-- other row describes the whole database either way (fingerprint.relation_of).
rel AS (
  SELECT c.oid, c.relname, c.relkind, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity,
         c.reloptions, c.relispartition, c.relreplident, ns.nspname,
         quote_ident(ns.nspname) || '.' || quote_ident(c.relname) AS qname
  FROM pg_class c JOIN ns ON ns.oid = c.relnamespace
  WHERE NOT EXISTS (SELECT 1 FROM ext_member e WHERE e.classid = 'pg_class'::regclass AND e.objid = c.oid)
    AND (%(rels)s::text[] IS NULL
         OR quote_ident(ns.nspname) || '.' || quote_ident(c.relname) IN (SELECT unnest(%(rels)s::text[])))
)
SELECT 'schema' AS kind, quote_ident(nspname) AS name, '' AS definition FROM ns

UNION ALL
SELECT 'extension', quote_ident(e.extname),
       'schema=' || quote_ident(ns.nspname) || ' version=' || e.extversion
FROM pg_extension e JOIN ns ON ns.oid = e.extnamespace

UNION ALL
SELECT CASE r.relkind WHEN 'p' THEN 'table' WHEN 'f' THEN 'foreign table' ELSE 'table' END, r.qname,
       concat_ws(' ',
         'relkind=' || r.relkind::text,
         'persistence=' || r.relpersistence::text,
         'rls=' || r.relrowsecurity,
         'force_rls=' || r.relforcerowsecurity,
         'replica_identity=' || r.relreplident::text,
         -- REPLICA IDENTITY USING INDEX: which index
         'replica_index=' || (SELECT quote_ident(ic.relname) FROM pg_index x JOIN pg_class ic ON ic.oid = x.indexrelid
                              WHERE x.indrelid = r.oid AND x.indisreplident AND r.relreplident = 'i'),
         'options=' || array_to_string(ARRAY(SELECT unnest(r.reloptions) ORDER BY 1), ','),
         'partition_key=' || pg_get_partkeydef(r.oid),
         'partition_of=' || (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = r.oid AND r.relispartition),
         'partition_bound=' || pg_get_expr((SELECT c.relpartbound FROM pg_class c WHERE c.oid = r.oid), r.oid),
         'inherits=' || (SELECT string_agg(i.inhparent::regclass::text, ',' ORDER BY i.inhseqno)
                         FROM pg_inherits i WHERE i.inhrelid = r.oid AND NOT r.relispartition),
         'of=' || (SELECT format_type(c.reloftype, NULL) FROM pg_class c WHERE c.oid = r.oid AND c.reloftype <> 0))
FROM rel r WHERE r.relkind IN ('r', 'p', 'f')

UNION ALL
SELECT 'column', r.qname || '.' || quote_ident(a.attname),
       concat_ws(' ',
         format_type(a.atttypid, a.atttypmod),
         CASE WHEN a.attnotnull THEN 'NOT NULL' END,
         -- PostgreSQL 18 catalogs NOT NULL as a named constraint (contype 'n'): its name counts,
         -- unless inherited (a partition's name depends on how it joined; it cannot be renamed)
         'CONSTRAINT ' || quote_ident(nn.conname),
         CASE WHEN a.attidentity <> '' THEN 'IDENTITY ' || a.attidentity::text
           -- the name and options of the identity's sequence (the sequence itself is not listed):
           -- what pg_get_serial_sequence() returns, and pg_dump's SEQUENCE NAME
           || (SELECT concat(' sequence=', quote_ident(sc.relname), ' start=', s.seqstart,
                             ' increment=', s.seqincrement, ' min=', s.seqmin,
                             ' max=', s.seqmax, ' cache=', s.seqcache, ' cycle=', s.seqcycle)
               FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid JOIN pg_class sc ON sc.oid = d.objid
               WHERE d.refclassid = 'pg_class'::regclass AND d.refobjid = a.attrelid
                 AND d.refobjsubid = a.attnum AND d.classid = 'pg_class'::regclass AND d.deptype = 'i')
           END,
         CASE WHEN a.attgenerated <> '' THEN 'GENERATED ' || a.attgenerated::text || ' ' || pg_get_expr(ad.adbin, ad.adrelid)
              WHEN ad.adbin IS NOT NULL THEN 'DEFAULT ' || pg_get_expr(ad.adbin, ad.adrelid) END,
         CASE WHEN a.attcollation <> 0 AND a.attcollation <> t.typcollation
              THEN 'COLLATE ' || a.attcollation::regcollation::text END,
         -- settings at their defaults print nothing (the statistics target's is -1 up to
         -- PostgreSQL 16, NULL from 17; 0 collects none)
         CASE WHEN a.attstorage <> t.typstorage THEN 'STORAGE ' || a.attstorage::text END,
         CASE WHEN COALESCE(a.attstattarget, -1) >= 0 THEN 'STATISTICS ' || a.attstattarget END,
         CASE WHEN a.attcompression::text <> '' THEN 'COMPRESSION ' || a.attcompression::text END,
         CASE WHEN a.attoptions IS NOT NULL
              THEN 'OPTIONS ' || NULLIF(array_to_string(ARRAY(SELECT unnest(a.attoptions) ORDER BY 1), ','), '') END)
FROM rel r
JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped
JOIN pg_type t ON t.oid = a.atttypid
LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
-- one hash join, not a lookup per column (a NOT NULL constraint has one column)
LEFT JOIN (SELECT nc.conrelid, nc.conkey[1] AS attnum, nc.conname FROM pg_constraint nc
           WHERE nc.contype = 'n' AND nc.coninhcount = 0) nn ON nn.conrelid = a.attrelid AND nn.attnum = a.attnum
WHERE r.relkind IN ('r', 'p', 'f', 'c')

UNION ALL
SELECT CASE r.relkind WHEN 'v' THEN 'view' ELSE 'materialized view' END, r.qname,
       concat_ws(' ', 'options=' || array_to_string(ARRAY(SELECT unnest(r.reloptions) ORDER BY 1), ','),
                 pg_get_viewdef(r.oid),
                 -- a materialized view's column settings, where not the defaults
                 'columns=' || (SELECT string_agg(quote_ident(a.attname) || ' ' || s.settings, ', ' ORDER BY a.attname)
                                FROM pg_attribute a JOIN pg_type t ON t.oid = a.atttypid
                                CROSS JOIN LATERAL (SELECT concat_ws(' ',
                                  CASE WHEN a.attstorage <> t.typstorage THEN 'STORAGE ' || a.attstorage::text END,
                                  CASE WHEN COALESCE(a.attstattarget, -1) >= 0 THEN 'STATISTICS ' || a.attstattarget END,
                                  CASE WHEN a.attcompression::text <> '' THEN 'COMPRESSION ' || a.attcompression::text END,
                                  'OPTIONS ' || NULLIF(array_to_string(ARRAY(SELECT unnest(a.attoptions) ORDER BY 1), ','), ''))
                                  AS settings) s
                                WHERE a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped AND s.settings <> ''))
FROM rel r WHERE r.relkind IN ('v', 'm')

UNION ALL
SELECT 'sequence', r.qname,
       concat_ws(' ', format_type(s.seqtypid, NULL), 'start=' || s.seqstart, 'increment=' || s.seqincrement,
                 'min=' || s.seqmin, 'max=' || s.seqmax, 'cache=' || s.seqcache, 'cycle=' || s.seqcycle,
                 'owned_by=' || (SELECT d.refobjid::regclass::text || '.' || quote_ident(a.attname)
                                 FROM pg_depend d
                                 JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid
                                 WHERE d.classid = 'pg_class'::regclass AND d.objid = r.oid AND d.deptype = 'a'
                                   AND d.refclassid = 'pg_class'::regclass))
FROM rel r JOIN pg_sequence s ON s.seqrelid = r.oid
WHERE r.relkind = 'S'
  -- identity sequences belong to their column
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = r.oid AND d.deptype = 'i')

UNION ALL
SELECT 'index', r.qname || '.' || quote_ident(ic.relname),
       pg_get_indexdef(i.indexrelid)
       -- statistics targets of expression columns (ALTER INDEX … ALTER COLUMN n SET STATISTICS)
       || COALESCE(' STATISTICS ' || (SELECT string_agg(a.attnum || '=' || a.attstattarget, ',' ORDER BY a.attnum)
                                      FROM pg_attribute a WHERE a.attrelid = i.indexrelid AND a.attnum > 0
                                        AND COALESCE(a.attstattarget, -1) >= 0), '')
       || CASE WHEN i.indisclustered THEN ' CLUSTERED' ELSE '' END
       || CASE WHEN NOT i.indisvalid THEN ' INVALID' ELSE '' END
FROM pg_index i
JOIN pg_class ic ON ic.oid = i.indexrelid
JOIN rel r ON r.oid = i.indrelid
  -- an index that implements a constraint is described by the constraint
WHERE NOT EXISTS (SELECT 1 FROM pg_constraint co WHERE co.conindid = i.indexrelid AND co.contype IN ('p', 'u', 'x'))

UNION ALL
SELECT CASE WHEN co.contypid <> 0 THEN 'domain constraint' ELSE 'constraint' END,
       COALESCE(r.qname, co.contypid::regtype::text) || '.' || quote_ident(co.conname),
       pg_get_constraintdef(co.oid)
FROM pg_constraint co
JOIN ns ON ns.oid = co.connamespace
LEFT JOIN rel r ON r.oid = co.conrelid
WHERE (co.conrelid = 0 OR r.oid IS NOT NULL)
  -- NOT NULL constraints (PG18 catalogs them) are described by the column
  AND co.contype <> 'n'
  -- a foreign key's copies for the partitions it references (queries/derived_foreign_keys.sql)
  AND NOT EXISTS (SELECT 1 FROM pg_constraint pco WHERE pco.oid = co.conparentid AND pco.conrelid = co.conrelid)

UNION ALL
SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
       quote_ident(ns.nspname) || '.' || quote_ident(p.proname) || '(' || pg_get_function_identity_arguments(p.oid) || ')',
       CASE WHEN p.prokind IN ('f', 'p') THEN pg_get_functiondef(p.oid)
            ELSE 'returns ' || pg_get_function_result(p.oid) END
FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
WHERE NOT EXISTS (SELECT 1 FROM ext_member e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
  -- a range's and a multirange's constructors are their type's (its description holds the subtype)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid
                  AND d.deptype = 'i')

UNION ALL
SELECT 'trigger', r.qname || '.' || quote_ident(tg.tgname),
       pg_get_triggerdef(tg.oid) || ' ENABLED=' || tg.tgenabled::text
FROM pg_trigger tg JOIN rel r ON r.oid = tg.tgrelid
WHERE NOT tg.tgisinternal

UNION ALL
SELECT 'policy', r.qname || '.' || quote_ident(po.polname),
       concat_ws(' ',
         CASE WHEN po.polpermissive THEN 'PERMISSIVE' ELSE 'RESTRICTIVE' END,
         'FOR ' || po.polcmd::text,
         'TO ' || (SELECT string_agg(CASE WHEN ro = 0 THEN 'PUBLIC' ELSE quote_ident(ro::regrole::text) END, ',' ORDER BY 1)
                   FROM unnest(po.polroles) AS ro),
         'USING (' || pg_get_expr(po.polqual, po.polrelid) || ')',
         'WITH CHECK (' || pg_get_expr(po.polwithcheck, po.polrelid) || ')')
FROM pg_policy po JOIN rel r ON r.oid = po.polrelid

UNION ALL
SELECT CASE t.typtype WHEN 'e' THEN 'enum' WHEN 'd' THEN 'domain' WHEN 'r' THEN 'range type'
                      WHEN 'm' THEN 'multirange type' ELSE 'composite type' END,
       quote_ident(ns.nspname) || '.' || quote_ident(t.typname),
       CASE t.typtype
         WHEN 'e' THEN (SELECT string_agg(quote_literal(e.enumlabel), ',' ORDER BY e.enumsortorder)
                        FROM pg_enum e WHERE e.enumtypid = t.oid)
         WHEN 'd' THEN concat_ws(' ', format_type(t.typbasetype, t.typtypmod),
                                 CASE WHEN t.typnotnull THEN 'NOT NULL' END,
                                 'DEFAULT ' || pg_get_expr(t.typdefaultbin, 0),
                                 CASE WHEN t.typcollation <> 0 THEN 'COLLATE ' || t.typcollation::regcollation::text END)
         WHEN 'r' THEN (SELECT concat_ws(' ', 'subtype=' || format_type(rg.rngsubtype, NULL))
                        FROM pg_range rg WHERE rg.rngtypid = t.oid)
         ELSE '' END
FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
WHERE (t.typtype IN ('e', 'd', 'r')
       OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))
  AND NOT EXISTS (SELECT 1 FROM ext_member e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid)

UNION ALL
SELECT 'collation', quote_ident(ns.nspname) || '.' || quote_ident(cl.collname),
       concat_ws(' ', 'provider=' || cl.collprovider::text, 'deterministic=' || cl.collisdeterministic,
                 'collate=' || cl.collcollate, 'ctype=' || cl.collctype,
                 -- the ICU/builtin locale (colliculocale in 15-16, colllocale from 17), ICU rules (16+)
                 'locale=' || COALESCE(to_jsonb(cl) ->> 'colllocale', to_jsonb(cl) ->> 'colliculocale'),
                 'rules=' || (to_jsonb(cl) ->> 'collicurules'))
FROM pg_collation cl JOIN ns ON ns.oid = cl.collnamespace
WHERE NOT EXISTS (SELECT 1 FROM ext_member e WHERE e.classid = 'pg_collation'::regclass AND e.objid = cl.oid)

UNION ALL
-- event triggers are database-wide: managed when their function is; the proof's own never are
SELECT 'event trigger', quote_ident(e.evtname),
       concat_ws(' ', 'event=' || e.evtevent,
                 'tags=' || (SELECT string_agg(t, ',' ORDER BY t) FROM unnest(e.evttags) AS t),
                 'function=' || e.evtfoid::regprocedure::text, 'enabled=' || e.evtenabled::text)
FROM pg_event_trigger e
JOIN pg_proc p ON p.oid = e.evtfoid JOIN ns ON ns.oid = p.pronamespace
WHERE e.evtname NOT LIKE 'reconcile\_%%'
  AND NOT EXISTS (SELECT 1 FROM ext_member x WHERE x.classid = 'pg_event_trigger'::regclass AND x.objid = e.oid)

UNION ALL
SELECT 'publication', quote_ident(p.pubname),
       concat_ws(' ', 'all_tables=' || p.puballtables, 'insert=' || p.pubinsert, 'update=' || p.pubupdate,
                 'delete=' || p.pubdelete, 'truncate=' || p.pubtruncate, 'via_root=' || p.pubviaroot,
                 'tables=' || (SELECT string_agg(quote_ident(n.nspname) || '.' || quote_ident(c.relname)
                                                 || COALESCE(' ' || pr.prattrs::text, '')
                                                 || COALESCE(' WHERE ' || pg_get_expr(pr.prqual, c.oid), ''),
                                                 ', ' ORDER BY n.nspname, c.relname)
                               FROM pg_publication_rel pr
                               JOIN pg_class c ON c.oid = pr.prrelid
                               JOIN ns n ON n.oid = c.relnamespace
                               WHERE pr.prpubid = p.oid))
FROM pg_publication p

UNION ALL
SELECT 'comment', o.type || ' ' || o.identity, d.description
FROM pg_description d
CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o
  -- triggers and policies have no schema of their own: theirs is their table's
JOIN ns ON ns.nspname = COALESCE(o.schema, (pg_identify_object_as_address(d.classoid, d.objoid, d.objsubid)).object_names[1])
WHERE d.classoid <> 'pg_namespace'::regclass AND d.classoid NOT IN (SELECT c.oid FROM schemaless c)
  AND NOT EXISTS (SELECT 1 FROM ext_member e WHERE e.classid = d.classoid AND e.objid = d.objoid)

UNION ALL
-- comments on objects outside schemas that catalog_objects manages (a language or server named
-- like a schema is not taken for one above)
SELECT 'comment', o.type || ' ' || o.identity, d.description
FROM pg_description d
CROSS JOIN LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o
WHERE d.classoid IN (SELECT c.oid FROM schemaless c)
  AND d.objoid >= 16384  -- FirstNormalObjectId: built-in objects are below
  AND NOT EXISTS (SELECT 1 FROM ext_member e WHERE e.classid = d.classoid AND e.objid = d.objoid)

UNION ALL
SELECT 'comment', 'schema ' || quote_ident(ns.nspname), d.description
FROM pg_description d JOIN ns ON d.classoid = 'pg_namespace'::regclass AND d.objoid = ns.oid
  -- `public` carries a stock comment on every cluster
WHERE NOT (ns.nspname = 'public' AND d.description = 'standard public schema')

UNION ALL
-- Privileges (when %(privileges)s): an object's ACL entries but its owner's, where they are not
-- the built-in default (acldefault), named "<object> (<kind>)"; grantors are not compared.
SELECT 'privilege', x.identity || ' (' || x.kind || ')', COALESCE(e.entries, '(none)')
FROM (
  SELECT CASE c.relkind WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized view' WHEN 'f' THEN 'foreign table'
                        WHEN 'S' THEN 'sequence' ELSE 'table' END AS kind,
         r.qname AS identity, CASE c.relkind WHEN 'S' THEN 's' ELSE 'r' END AS acl_kind, c.relacl AS acl,
         c.relowner AS owner
  FROM rel r JOIN pg_class c ON c.oid = r.oid
  WHERE r.relkind IN ('r', 'p', 'v', 'm', 'f', 'S')
  UNION ALL
  SELECT 'column', r.qname || '.' || quote_ident(a.attname), 'c', a.attacl, c.relowner
  FROM rel r JOIN pg_class c ON c.oid = r.oid
  JOIN pg_attribute a ON a.attrelid = r.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attacl IS NOT NULL
  WHERE r.relkind IN ('r', 'p', 'v', 'm', 'f')
  UNION ALL
  SELECT CASE p.prokind WHEN 'p' THEN 'procedure' WHEN 'a' THEN 'aggregate' ELSE 'function' END,
         p.oid::regprocedure::text, 'f', p.proacl, p.proowner
  FROM pg_proc p JOIN ns ON ns.oid = p.pronamespace
  WHERE p.prokind IN ('f', 'p', 'w', 'a')
    AND NOT EXISTS (SELECT 1 FROM ext_member e WHERE e.classid = 'pg_proc'::regclass AND e.objid = p.oid)
  UNION ALL
  SELECT 'schema', quote_ident(n.nspname), 'n', n.nspacl, n.nspowner
  FROM pg_namespace n JOIN ns ON ns.oid = n.oid
  UNION ALL
  SELECT CASE t.typtype WHEN 'd' THEN 'domain' ELSE 'type' END, format_type(t.oid, NULL), 'T', t.typacl, t.typowner
  FROM pg_type t JOIN ns ON ns.oid = t.typnamespace
  WHERE (t.typtype IN ('e', 'd', 'r')
         -- multiranges: PostgreSQL 14 to 16 let their privileges be set apart from the range's; 17
         -- refuses them (and creates one without the default privileges its range gets)
         OR (t.typtype = 'm' AND current_setting('server_version_num')::int < 170000)
         OR (t.typtype = 'c' AND (SELECT c.relkind FROM pg_class c WHERE c.oid = t.typrelid) = 'c'))
    AND NOT EXISTS (SELECT 1 FROM ext_member e WHERE e.classid = 'pg_type'::regclass AND e.objid = t.oid)
) x
CROSS JOIN LATERAL (
  SELECT string_agg(g.entry, ',' ORDER BY g.entry) AS entries
  FROM (SELECT CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END
               || '=' || a.privilege_type || CASE WHEN bool_or(a.is_grantable) THEN '*' ELSE '' END AS entry
        FROM aclexplode(COALESCE(x.acl, acldefault(x.acl_kind::"char", x.owner))) a
        WHERE a.grantee <> x.owner GROUP BY a.grantee, a.privilege_type) g
) e
CROSS JOIN LATERAL (
  SELECT string_agg(g.entry, ',' ORDER BY g.entry) AS entries
  FROM (SELECT CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END
               || '=' || a.privilege_type AS entry
        FROM aclexplode(acldefault(x.acl_kind::"char", x.owner)) a WHERE a.grantee <> x.owner) g
) d
WHERE %(privileges)s AND e.entries IS DISTINCT FROM d.entries

UNION ALL
-- Default privileges (ALTER DEFAULT PRIVILEGES) where they are not the built-in default; the
-- connected user's are named CURRENT (scratch and target connect as different users).
SELECT 'default privilege',
       'for role ' || CASE WHEN da.defaclrole = (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user)
                           THEN 'CURRENT' ELSE quote_ident(pg_get_userbyid(da.defaclrole)) END
       || COALESCE(' in schema ' || quote_ident(n.nspname), '')
       || ' on ' || CASE da.defaclobjtype WHEN 'r' THEN 'tables' WHEN 'S' THEN 'sequences' WHEN 'f' THEN 'functions'
                                          WHEN 'T' THEN 'types' WHEN 'n' THEN 'schemas'
                                          ELSE da.defaclobjtype::text END,
       COALESCE(e.entries, '(none)')
FROM pg_default_acl da
LEFT JOIN pg_namespace n ON n.oid = da.defaclnamespace
CROSS JOIN LATERAL (
  SELECT string_agg(g.entry, ',' ORDER BY g.entry) AS entries
  FROM (SELECT CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END
               || '=' || a.privilege_type || CASE WHEN bool_or(a.is_grantable) THEN '*' ELSE '' END AS entry
        FROM aclexplode(da.defaclacl) a
        WHERE a.grantee <> da.defaclrole GROUP BY a.grantee, a.privilege_type) g
) e
CROSS JOIN LATERAL (
  SELECT string_agg(g.entry, ',' ORDER BY g.entry) AS entries
  FROM (SELECT CASE a.grantee WHEN 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END
               || '=' || a.privilege_type AS entry
        FROM aclexplode(acldefault(CASE da.defaclobjtype WHEN 'S' THEN 's' ELSE da.defaclobjtype END, da.defaclrole)) a
        WHERE a.grantee <> da.defaclrole AND da.defaclnamespace = 0) g
) d
WHERE %(privileges)s
  AND (da.defaclnamespace = 0 OR n.oid IN (SELECT ns.oid FROM ns))
  AND e.entries IS DISTINCT FROM d.entries
