"""Typed tables (`CREATE TABLE … OF type`), which the diff engine writes as plain tables.

A typed table's columns are its type's: no column can be added, dropped or re-typed while it is
one. So a table that stops being a table of a type (or changes type) leaves it (`NOT OF`) before
the engine's statements, and a table that becomes one (a new table too: the engine creates it with
its columns) joins it (`OF`, which checks that the columns match the type's attributes, in order)
after them. `NOT OF` keeps the columns and rows. Imports `model`, `_guard` and `_relations`.
"""

from __future__ import annotations

from typing import Any

from ..model import SchemaFilter
from ..sql.guard import guarded, literal, regclass
from . import _relations

PHASES = ("pre", "post")


def read(conn: Any, schema_filter: SchemaFilter) -> dict[str, _relations.Relation]:
    return _relations.read(conn, schema_filter)


def phase_statements(phase: str, source: _relations.Relations, target: _relations.Relations) -> tuple[str, ...]:
    out = []
    for qname, want in sorted(target.items()):
        have = source.get(qname)
        if want.kind != "r" or (have is not None and have.kind != want.kind):
            continue
        had = have.of_type if have is not None else None
        if had == want.of_type:
            continue
        of_type = f"(SELECT c.reloftype FROM pg_catalog.pg_class c WHERE c.oid = {regclass(qname)})"
        if phase == "pre" and had is not None:
            out.append(guarded(f"{of_type} <> 0", f"ALTER TABLE {qname} NOT OF"))
        if phase == "post" and want.of_type is not None:
            needed = f"{of_type} IS DISTINCT FROM pg_catalog.to_regtype({literal(want.of_type)})"
            out.append(guarded(needed, f"ALTER TABLE {qname} OF {want.of_type}"))
    return tuple(out)
