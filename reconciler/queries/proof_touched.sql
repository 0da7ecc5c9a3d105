-- After a proof step: the relations (qualified names, before and after it) whose rows in the
-- fingerprint the step may have changed. Seeds: every object the event triggers logged (created,
-- altered, dropped) and every catalog row a transaction of the step wrote (xmin from %(x0)s to
-- %(x1)s: what no event trigger reports); with %(expand)s (the step renames or moves something),
-- whatever depends on a seed too, transitively (a view over a renamed table, a column of a renamed
-- type, a default calling a renamed function, everything in a renamed schema): what prints a
-- seed's name. Each is mapped to its relation now, and before the step (reconcile.proof_owners).
WITH RECURSIVE {owned},
fresh(classid, objid) AS (
  SELECT 'pg_class'::regclass::oid, x.oid FROM pg_class x WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_class'::regclass::oid, x.attrelid FROM pg_attribute x
            WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_class'::regclass::oid, x.indrelid FROM pg_index x WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_class'::regclass::oid, x.indexrelid FROM pg_index x
            WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_class'::regclass::oid, x.inhrelid FROM pg_inherits x
            WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_class'::regclass::oid, x.seqrelid FROM pg_sequence x
            WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_attrdef'::regclass::oid, x.oid FROM pg_attrdef x WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_constraint'::regclass::oid, x.oid FROM pg_constraint x
            WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_trigger'::regclass::oid, x.oid FROM pg_trigger x WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_policy'::regclass::oid, x.oid FROM pg_policy x WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_rewrite'::regclass::oid, x.oid FROM pg_rewrite x WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_type'::regclass::oid, x.oid FROM pg_type x WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_proc'::regclass::oid, x.oid FROM pg_proc x WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_namespace'::regclass::oid, x.oid FROM pg_namespace x
            WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
  UNION ALL SELECT 'pg_collation'::regclass::oid, x.oid FROM pg_collation x
            WHERE x.xmin::text::bigint BETWEEN %(x0)s AND %(x1)s
),
seed(classid, objid) AS (
  SELECT l.classid, l.objid FROM reconcile.proof_ddl_log l WHERE l.classid IS NOT NULL
  UNION
  SELECT f.classid, f.objid FROM fresh f
),
closure(classid, objid) AS (
  SELECT s.classid, s.objid FROM seed s
  UNION
  -- one lookup in pg_depend's index per object (OFFSET 0: not a join over the whole catalog)
  SELECT d.classid, d.objid FROM closure c
  CROSS JOIN LATERAL (SELECT x.classid, x.objid FROM pg_depend x
                      WHERE x.refclassid = c.classid AND x.refobjid = c.objid OFFSET 0) d
  WHERE %(expand)s
)
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
FROM closure x JOIN owned o ON o.classid = x.classid AND o.objid = x.objid
JOIN pg_class c ON c.oid = o.relid JOIN pg_namespace n ON n.oid = c.relnamespace
UNION
SELECT p.qname FROM closure x JOIN reconcile.proof_owners p ON p.classid = x.classid AND p.objid = x.objid
UNION
SELECT p.qname FROM reconcile.proof_ddl_log l JOIN reconcile.proof_owners p ON p.classid = l.classid AND p.objid = l.objid;
