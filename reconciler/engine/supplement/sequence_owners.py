"""Sequence ownership (`OWNED BY`), which migra ignores: after migra's statements, once the
owning columns exist."""

from __future__ import annotations

from typing import Any

from ...core.model import SchemaFilter
from . import sequences

PHASE = "post"


def read(conn: Any, schema_filter: SchemaFilter) -> dict[tuple[str, str], sequences.SequenceOptions]:
    return sequences.read(conn, schema_filter)


def statements(
    source: dict[tuple[str, str], sequences.SequenceOptions], target: dict[tuple[str, str], sequences.SequenceOptions]
) -> tuple[str, ...]:
    out = []
    for key, want in sorted(target.items()):
        have = source.get(key)
        if (have.owned_by if have else None) != want.owned_by:
            out.append(want.owned_sql())
    return tuple(out)
