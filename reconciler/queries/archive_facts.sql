-- What archiving one table (moving it to reconcile_archive) or one of its columns needs to know.
-- Parameter: %(table)s, the quoted qualified name. One row, or none when the table is missing.
--   movable: a plain table, neither a partition nor an inheritance parent or child (moving one
--            would leave its rows visible through, or hidden from, a table that stays)
--   pk:      its primary key's columns, in key order (empty without one)
--   parts:   indexes and owned sequences, which move with it and are renamed to stay unique
--   fks:     its foreign keys (dropped by the plan: an archived table must not hold back the rows
--            of a table that stays)
--   columns: its own columns that are not generated, in order, then all of them (a table without
--            a primary key finds its rows by them; only by its own where a rename hint renames a
--            column of an ancestor, which renames the one it holds through it), how many columns it
--            has, and its ancestors
--   uses:    what it uses outside itself (types, functions, sequences, other tables), as
--            "kind name" with fingerprint names: an archived table keeps them alive, so the plan
--            cannot drop them while it stays in the archive
WITH t AS (SELECT to_regclass(%(table)s) AS oid),
own AS (  -- the table and what belongs to it: pg_depend rows from these use something
  SELECT 'pg_class'::regclass AS classid, t.oid AS objid FROM t
  UNION ALL SELECT 'pg_class'::regclass, i.indexrelid FROM pg_index i, t WHERE i.indrelid = t.oid
  UNION ALL SELECT 'pg_constraint'::regclass, c.oid FROM pg_constraint c, t WHERE c.conrelid = t.oid
  UNION ALL SELECT 'pg_attrdef'::regclass, d.oid FROM pg_attrdef d, t WHERE d.adrelid = t.oid
  UNION ALL SELECT 'pg_trigger'::regclass, g.oid FROM pg_trigger g, t WHERE g.tgrelid = t.oid AND NOT g.tgisinternal
  UNION ALL SELECT 'pg_policy'::regclass, p.oid FROM pg_policy p, t WHERE p.polrelid = t.oid
),
owned_seq AS (
  SELECT d.objid FROM pg_depend d, t
  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.refobjid = t.oid
    AND d.deptype IN ('a', 'i')
    AND (SELECT c.relkind FROM pg_class c WHERE c.oid = d.objid) = 'S'
),
used AS (
  SELECT DISTINCT d.refclassid, d.refobjid
  FROM pg_depend d JOIN own o ON o.classid = d.classid AND o.objid = d.objid
  WHERE d.deptype = 'n'
)
SELECT c.relkind::text,
       c.relispartition OR EXISTS (SELECT 1 FROM pg_inherits i WHERE i.inhrelid = c.oid OR i.inhparent = c.oid),
       ARRAY(SELECT a.attname::text
             FROM pg_constraint k, unnest(k.conkey) WITH ORDINALITY AS u(attnum, n)
             JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = u.attnum
             WHERE k.conrelid = c.oid AND k.contype = 'p' ORDER BY u.n),
       ARRAY(SELECT ic.relname::text FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid
             WHERE i.indrelid = c.oid ORDER BY 1),
       ARRAY(SELECT s.relname::text FROM pg_class s WHERE s.oid IN (SELECT objid FROM owned_seq) ORDER BY 1),
       ARRAY(SELECT k.conname::text FROM pg_constraint k WHERE k.conrelid = c.oid AND k.contype = 'f' ORDER BY 1),
       ARRAY(
         SELECT DISTINCT x.what FROM (
           SELECT 'type ' || quote_ident(n.nspname) || '.' || quote_ident(ty.typname) AS what
           FROM used u JOIN pg_type ty ON u.refclassid = 'pg_type'::regclass AND ty.oid = u.refobjid
           JOIN pg_namespace n ON n.oid = ty.typnamespace
           WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
           UNION ALL
           SELECT 'function ' || quote_ident(n.nspname) || '.' || quote_ident(p.proname) || '('
           FROM used u JOIN pg_proc p ON u.refclassid = 'pg_proc'::regclass AND p.oid = u.refobjid
           JOIN pg_namespace n ON n.oid = p.pronamespace
           WHERE n.nspname NOT IN ('pg_catalog', 'information_schema')
           UNION ALL
           SELECT 'relation ' || quote_ident(n.nspname) || '.' || quote_ident(r.relname)
           FROM used u JOIN pg_class r ON u.refclassid = 'pg_class'::regclass AND r.oid = u.refobjid
           JOIN pg_namespace n ON n.oid = r.relnamespace, t
           WHERE r.oid <> t.oid AND r.oid NOT IN (SELECT objid FROM owned_seq)
             AND r.oid NOT IN (SELECT i.indexrelid FROM pg_index i WHERE i.indrelid = t.oid)
             AND n.nspname NOT IN ('pg_catalog', 'information_schema')
         ) x ORDER BY 1),
       ARRAY(SELECT a.attname::text FROM pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = '' AND a.attinhcount = 0
             ORDER BY a.attnum),
       ARRAY(SELECT a.attname::text FROM pg_attribute a
             WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped AND a.attgenerated = ''
             ORDER BY a.attnum),
       (SELECT count(*) FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped),
       ARRAY(WITH RECURSIVE up(oid) AS (
               SELECT i.inhparent FROM pg_inherits i WHERE i.inhrelid = c.oid
               UNION SELECT i.inhparent FROM pg_inherits i JOIN up ON i.inhrelid = up.oid)
             SELECT quote_ident(n.nspname) || '.' || quote_ident(p.relname)
             FROM up JOIN pg_class p ON p.oid = up.oid JOIN pg_namespace n ON n.oid = p.relnamespace)
FROM pg_class c, t WHERE c.oid = t.oid;
