-- Policies and triggers of every table, with the schema of the table and of the trigger's
-- function (the coverage guard reports those on tables of excluded schemas that no object rule
-- names: a Supabase user's policy on storage.objects or trigger on auth.users would otherwise be
-- skipped without a word).
SELECT o.type, o.identity, n.nspname AS table_schema, NULL::name AS function_schema,
       concat_ws(' ', po.polpermissive, po.polcmd::text, po.polroles::regrole[]::text, pg_get_expr(po.polqual, po.polrelid),
                 pg_get_expr(po.polwithcheck, po.polrelid)) AS definition
FROM pg_policy po
JOIN pg_class c ON c.oid = po.polrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
CROSS JOIN LATERAL pg_identify_object('pg_policy'::regclass, po.oid, 0) o
UNION ALL
SELECT o.type, o.identity, n.nspname, pn.nspname, pg_get_triggerdef(tg.oid) || ' ' || tg.tgenabled::text
FROM pg_trigger tg
JOIN pg_class c ON c.oid = tg.tgrelid
JOIN pg_namespace n ON n.oid = c.relnamespace
JOIN pg_proc p ON p.oid = tg.tgfoid
JOIN pg_namespace pn ON pn.oid = p.pronamespace
CROSS JOIN LATERAL pg_identify_object('pg_trigger'::regclass, tg.oid, 0) o
WHERE NOT tg.tgisinternal
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype = 'e')
ORDER BY 1, 2;
