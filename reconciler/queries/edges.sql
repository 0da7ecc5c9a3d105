-- What depends on what, by owner (the relation, type or routine a dependent belongs to): the
-- dependents query (dependents.sql, inlined here by `diff.read_edges`) folded to one row per
-- owner, kind and referenced object; an index keeps its name (a foreign key references it).
SELECT DISTINCT d.schema, coalesce(d.table_name, d.name) AS owner, d.kind,
       CASE WHEN d.kind = 'index' THEN d.name END AS index_name,
       d.ref_kind, d.ref_schema, d.ref_name
FROM (
-- DEPENDENTS
) AS d
