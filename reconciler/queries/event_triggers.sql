-- Event triggers (database-wide): event, tag filter, function, enabled state (pg_event_trigger
-- .evtenabled: O origin, D disabled, R replica, A always). The proof's own (`reconcile_*`,
-- queries/proof_install.sql) and extensions' are left out.
SELECT e.evtname AS name, e.evtevent AS event,
       ARRAY(SELECT t FROM unnest(e.evttags) AS t ORDER BY 1)::text[] AS tags,
       e.evtfoid::regprocedure::text AS function, e.evtenabled::text AS enabled,
       (SELECT n.nspname FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE p.oid = e.evtfoid) AS function_schema
FROM pg_event_trigger e
WHERE e.evtname NOT LIKE 'reconcile\_%'
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_event_trigger'::regclass AND d.objid = e.oid
                  AND d.deptype = 'e')
ORDER BY 1;
