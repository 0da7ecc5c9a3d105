-- User collations (migra prints ICU ones with locale 'None' and ignores `deterministic`): provider
-- (c libc, i icu, b builtin), deterministic, libc's LC_COLLATE/LC_CTYPE, the ICU or builtin locale
-- (colliculocale in 15-16, colllocale from 17) and ICU rules (16+), read through to_jsonb so one
-- query serves every version; `used`: whether anything (a column, index, domain, …) depends on it.
SELECT n.nspname AS schema, cl.collname AS name, cl.collprovider::text AS provider,
       cl.collisdeterministic AS deterministic, cl.collcollate AS lc_collate, cl.collctype AS lc_ctype,
       COALESCE(to_jsonb(cl) ->> 'colllocale', to_jsonb(cl) ->> 'colliculocale') AS locale,
       to_jsonb(cl) ->> 'collicurules' AS rules,
       EXISTS (SELECT 1 FROM pg_depend d WHERE d.refclassid = 'pg_collation'::regclass AND d.refobjid = cl.oid
                 AND d.deptype = 'n') AS used
FROM pg_collation cl
JOIN pg_namespace n ON n.oid = cl.collnamespace
WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'reconcile', 'reconcile_archive')
  AND n.nspname NOT LIKE 'pg\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = 'pg_collation'::regclass AND e.objid = cl.oid
                    AND e.deptype = 'e')
ORDER BY 1, 2;
