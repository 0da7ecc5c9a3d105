-- Objects of kinds the diff cannot express (the coverage guard): base types, which need a C
-- library (input and output functions), and shell types (CREATE TYPE name; never completed). Every other kind is diffed: migra's, the supplement's
-- (domains, event triggers, collations, publications) and catalog_objects' (aggregates, range
-- types, rules, operators, text search objects, statistics, foreign objects, languages, casts,
-- transforms, access methods). User-created (not part of an extension, not built in), in managed
-- schemas. `definition` is canonical (no OIDs): an object identical on both sides is listed as
-- unmanaged and unchanged, not refused.
-- Parameters: %(include)s text[] (empty = all schemas), %(exclude)s text[].
WITH managed AS (
  SELECT n.oid FROM pg_namespace n
  WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast', 'reconcile', 'reconcile_archive')
    AND n.nspname NOT LIKE 'pg\_temp\_%%' AND n.nspname NOT LIKE 'pg\_toast\_temp\_%%'
    AND (cardinality(%(include)s::text[]) = 0 OR n.nspname = ANY (%(include)s::text[]))
    AND NOT (n.nspname = ANY (%(exclude)s::text[]))
)
SELECT o.type, o.identity,
       concat_ws(' ', t.typinput::regproc, t.typoutput::regproc, t.typreceive::regproc, t.typsend::regproc,
                 t.typmodin::regproc, t.typmodout::regproc, t.typanalyze::regproc, t.typlen, t.typbyval,
                 t.typalign::text, t.typstorage::text, t.typcategory::text, t.typispreferred, t.typdelim::text,
                 t.typelem::regtype, t.typcollation <> 0, t.typdefault) AS definition
FROM pg_type t
CROSS JOIN LATERAL pg_identify_object('pg_type'::regclass, t.oid, 0) o
WHERE (t.typtype = 'b' OR (t.typtype = 'p' AND NOT t.typisdefined))
  AND t.oid >= 16384  -- FirstNormalObjectId: built-in objects are below
  AND t.typnamespace IN (SELECT oid FROM managed)
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_type'::regclass AND d.objid = t.oid AND d.deptype IN ('e', 'i'))
  -- array types are described with their element
  AND t.typcategory <> 'A'
ORDER BY 1, 2;
