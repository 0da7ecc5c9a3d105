INSERT INTO reconcile.history (plan_name, plan_kind, checksum, schema_digest, from_fingerprint, to_fingerprint,
                               client, tool_version, status)
VALUES (%(name)s, %(kind)s, %(checksum)s, %(digest)s, %(expects)s, %(produces)s, %(client)s, %(tool)s, 'running')
RETURNING id;
