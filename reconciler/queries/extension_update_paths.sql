-- Versions the server can update extension %(name)s to from version %(version)s (an update path
-- of its scripts exists); none when the server does not ship the extension.
SELECT p.target
FROM pg_available_extensions a
CROSS JOIN LATERAL pg_extension_update_paths(a.name) p
WHERE a.name = %(name)s AND p.source = %(version)s AND p.path IS NOT NULL
ORDER BY 1
