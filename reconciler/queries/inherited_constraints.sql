-- Constraints a table holds only because a parent holds them (a partition's copy of its
-- partitioned table's key, check or foreign key; an inheritance child's check), with the parent's
-- constraint: they go away with it and cannot be dropped on their own.
SELECT cn.nspname, cc.relname, co.conname, pn.nspname, pc.relname, pco.conname
FROM pg_constraint co
JOIN pg_class cc ON cc.oid = co.conrelid
JOIN pg_namespace cn ON cn.oid = cc.relnamespace
JOIN pg_inherits i ON i.inhrelid = co.conrelid
JOIN pg_constraint pco ON pco.conrelid = i.inhparent
  AND (pco.oid = co.conparentid OR (co.conparentid = 0 AND pco.conname = co.conname AND pco.contype = co.contype))
JOIN pg_class pc ON pc.oid = pco.conrelid
JOIN pg_namespace pn ON pn.oid = pc.relnamespace
WHERE co.coninhcount > 0 AND NOT co.conislocal AND co.contype <> 'n';
