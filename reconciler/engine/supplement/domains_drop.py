"""Domains that schema/ no longer declares: dropped after migra's statements, once no column
uses them."""

from __future__ import annotations

from typing import Any

from ...core.model import SchemaFilter
from ...sql.guard import guarded
from . import domains

PHASE = "post"


def read(conn: Any, schema_filter: SchemaFilter) -> dict[tuple[str, str], domains.Domain]:
    return domains.read(conn, schema_filter)


def statements(
    source: dict[tuple[str, str], domains.Domain], target: dict[tuple[str, str], domains.Domain]
) -> tuple[str, ...]:
    return tuple(
        guarded(f"{d.oid} IS NOT NULL", f"DROP DOMAIN {d.qname}")
        for key, d in sorted(source.items())
        if key not in target
    )
