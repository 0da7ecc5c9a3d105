"""Fingerprints: a stable hash of the canonical description of a database's managed schema.

Two databases built separately from the same SQL get the same fingerprint: the description is
independent of OIDs, creation order and physical column order. Catalog SQL lives in
`queries/fingerprint.sql`. Imports `db`, `model`.
"""

from __future__ import annotations

import hashlib

from .db import Dsn, connection, execute, fetch_all, query
from .model import Fingerprint, ObjectChange, ObjectDef, SchemaFilter

# Every inspecting session prints names the same way, whatever the server's defaults.
INSPECT_SETTINGS = "SET search_path = pg_catalog; SET TimeZone = 'UTC'; SET DateStyle = 'ISO, MDY'"


def fingerprint(dsn: Dsn, schema_filter: SchemaFilter) -> Fingerprint:
    with connection(dsn, purpose="fingerprint") as conn:
        execute(conn, INSPECT_SETTINGS)
        rows = fetch_all(
            conn,
            query("fingerprint"),
            {
                "include": list(schema_filter.include),
                "exclude": list(schema_filter.exclude),
                "privileges": schema_filter.privileges,
            },
        )
    objects = tuple(
        sorted((ObjectDef(k, n, d or "") for k, n, d in rows), key=lambda o: (o.kind, o.name, o.definition))
    )
    return Fingerprint(_digest(objects), objects)


def _digest(objects: tuple[ObjectDef, ...]) -> str:
    h = hashlib.sha256()
    for o in objects:
        h.update(f"{o.kind}\t{o.name}\t{o.definition}\n".encode())
    return "sha256:" + h.hexdigest()


# Parts named "<schema>.<table>.<name>": folded into their table when the table itself is added or removed.
TABLE_PARTS = ("column", "constraint", "index", "trigger", "policy")


def table_of(change: ObjectChange) -> str | None:
    return change.name.rsplit(".", 1)[0] if change.kind in TABLE_PARTS else None


def fold_parts(changes: tuple[ObjectChange, ...]) -> tuple[ObjectChange, ...]:
    """Leave out the parts of tables that are added or removed whole (the table line says it all)."""
    whole = {(c.name, c.change) for c in changes if c.kind in ("table", "foreign table")}
    return tuple(c for c in changes if (table_of(c), c.change) not in whole)


def compare(target: Fingerprint, desired: Fingerprint) -> tuple[ObjectChange, ...]:
    """Objects that differ, in a stable order: what the target has vs what is desired."""
    a, b = target.by_key(), desired.by_key()
    out = []
    for key in sorted(a.keys() | b.keys()):
        before, after = a.get(key), b.get(key)
        if before and after and before.definition == after.definition:
            continue
        change = "added" if before is None else "removed" if after is None else "changed"
        out.append(
            ObjectChange(
                key[0], key[1], change, before.definition if before else None, after.definition if after else None
            )
        )
    return tuple(out)
