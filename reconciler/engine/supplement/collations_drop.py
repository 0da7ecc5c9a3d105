"""Collations that schema/ no longer declares: dropped after the engine's statements, once no
column uses them. Imports `model`, `sql.guard`."""

from __future__ import annotations

from typing import Any

from ...core.model import SchemaFilter
from ...sql.guard import guarded
from . import collations

PHASE = "post"
# After the other parts' drops: a domain (`domains_drop`) may still use the collation.
ORDER = 1


def read(conn: Any, schema_filter: SchemaFilter) -> dict[tuple[str, str], collations.Collation]:
    return collations.read(conn, schema_filter)


def statements(
    source: dict[tuple[str, str], collations.Collation], target: dict[tuple[str, str], collations.Collation]
) -> tuple[str, ...]:
    return tuple(
        guarded(f"{c.oid} IS NOT NULL", f"DROP COLLATION {c.qname}")
        for key, c in sorted(source.items())
        if key not in target
    )
