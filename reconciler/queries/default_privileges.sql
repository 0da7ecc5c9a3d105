-- Default privileges (ALTER DEFAULT PRIVILEGES): one row per pg_default_acl entry, its role
-- NULL when it is the current user (written without FOR ROLE, so scratch and target compare
-- equal whoever connects), its ACL entries without the role's own and without the grantor.
-- A global entry (no schema) replaces the built-in default, which has no row (the caller knows it).
SELECT CASE WHEN d.defaclrole = (SELECT r.oid FROM pg_roles r WHERE r.rolname = current_user) THEN NULL
            ELSE pg_get_userbyid(d.defaclrole)::text END AS role,
       n.nspname AS schema, d.defaclobjtype::text AS objtype,
       ARRAY(SELECT ARRAY[CASE g.grantee WHEN 0 THEN 'PUBLIC' ELSE pg_get_userbyid(g.grantee)::text END,
                          g.privilege_type, CASE WHEN bool_or(g.is_grantable) THEN 'grantable' ELSE '' END]
             FROM aclexplode(d.defaclacl) g
             WHERE g.grantee <> d.defaclrole
             GROUP BY g.grantee, g.privilege_type ORDER BY 1) AS entries
FROM pg_default_acl d
LEFT JOIN pg_namespace n ON n.oid = d.defaclnamespace
ORDER BY 1, 2, 3;
