-- Which relation each relation-owned object describes in the fingerprint (fingerprint.sql's `rel`
-- rows): (classid, objid, the relation's oid). A relation owns itself, its indexes, identity
-- sequences (internally dependent), defaults, constraints, triggers, policies, rules (views) and
-- its row type. Included as the CTE `owned` by proof_owners.sql and proof_touched.sql.
owned(classid, objid, relid) AS (
  SELECT 'pg_class'::regclass::oid, c.oid, CASE WHEN c.relkind IN ('i', 'I') THEN i.indrelid ELSE c.oid END
  FROM pg_class c LEFT JOIN pg_index i ON i.indexrelid = c.oid
  UNION ALL
  SELECT d.classid, d.objid, d.refobjid FROM pg_depend d
  WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass AND d.deptype = 'i'
  UNION ALL
  SELECT 'pg_attrdef'::regclass::oid, ad.oid, ad.adrelid FROM pg_attrdef ad
  UNION ALL
  SELECT 'pg_constraint'::regclass::oid, co.oid, co.conrelid FROM pg_constraint co WHERE co.conrelid <> 0
  UNION ALL
  SELECT 'pg_trigger'::regclass::oid, tg.oid, tg.tgrelid FROM pg_trigger tg
  UNION ALL
  SELECT 'pg_policy'::regclass::oid, po.oid, po.polrelid FROM pg_policy po
  UNION ALL
  SELECT 'pg_rewrite'::regclass::oid, rw.oid, rw.ev_class FROM pg_rewrite rw
  UNION ALL
  SELECT 'pg_type'::regclass::oid, t.oid, t.typrelid FROM pg_type t WHERE t.typrelid <> 0
)
