"""Renames declared in schema/ (`-- reconcile:renamed-from OLD`): guarded SQL, both directions.

A rename keeps the data a drop + add would lose. Each statement runs only when the old name
exists and the new one does not, so re-running it is silent. Imports `model`, `fingerprint`
(parent_of, without_not_null_name) and `sql.guard`.
"""

from __future__ import annotations

import dataclasses
import re

from ..core.model import ObjectChange, RenameHint
from ..sql.guard import guarded, ident, literal, qualified
from .fingerprint import parent_of, without_not_null_name

__all__ = [
    "condition",
    "ddl",
    "describe",
    "done",
    "guarded_ddl",
    "ordered",
    "possible_renames",
    "qualified",
    "reversed_hints",
    "undone",
    "unused",
]

# Renamed objects first (a column hint names its table by its new name), then their parts.
_ORDER = {
    "table": 0,
    "view": 0,
    "materialized view": 0,
    "type": 0,
    "index": 1,
    "column": 1,
    "constraint": 1,
    "enum value": 1,
}
_MOVABLE = ("table", "view", "materialized view", "type")


def condition(h: RenameHint) -> str:
    """True when the rename is still to do: the old name exists and the new one does not."""
    old, new = _exists(h)
    return f"{old} AND NOT {new}"


def done(h: RenameHint) -> str:
    """True when the new name exists: the hint has done its work (hints stay in schema/)."""
    return _exists(h)[1]


def _exists(h: RenameHint) -> tuple[str, str]:
    """SQL booleans: (the old name exists, the new name exists)."""
    s = h.schema
    if h.kind.endswith(" schema"):  # a move: `parent` is the schema it comes from
        fn = "pg_catalog.to_regtype" if h.kind == "type schema" else "pg_catalog.to_regclass"
        old, new = literal(qualified(h.parent or "", h.new)), literal(qualified(s, h.new))
        return f"{fn}({old}) IS NOT NULL", f"{fn}({new}) IS NOT NULL"
    if h.kind in ("table", "view", "materialized view", "index", "type"):
        fn = "pg_catalog.to_regtype" if h.kind == "type" else "pg_catalog.to_regclass"
        old, new = literal(qualified(s, h.old)), literal(qualified(s, h.new))
        return f"{fn}({old}) IS NOT NULL", f"{fn}({new}) IS NOT NULL"
    parent = literal(qualified(s, h.parent or ""))
    if h.kind == "column":
        q = (
            "SELECT FROM pg_catalog.pg_attribute WHERE attrelid = "
            f"pg_catalog.to_regclass({parent}) AND NOT attisdropped AND attname = "
        )
    elif h.kind == "constraint":
        q = f"SELECT FROM pg_catalog.pg_constraint WHERE conrelid = pg_catalog.to_regclass({parent}) AND conname = "
    else:
        q = f"SELECT FROM pg_catalog.pg_enum WHERE enumtypid = pg_catalog.to_regtype({parent}) AND enumlabel = "
    return f"EXISTS ({q}{literal(h.old)})", f"EXISTS ({q}{literal(h.new)})"


def ddl(h: RenameHint) -> str:
    s = h.schema
    if h.kind.endswith(" schema"):
        word = h.kind.removesuffix(" schema").upper()
        return f"ALTER {word} {qualified(h.parent or '', h.new)} SET SCHEMA {ident(s)}"
    if h.kind in ("table", "view", "materialized view", "index", "type"):
        word = {
            "table": "TABLE",
            "view": "VIEW",
            "materialized view": "MATERIALIZED VIEW",
            "index": "INDEX",
            "type": "TYPE",
        }[h.kind]
        return f"ALTER {word} {qualified(s, h.old)} RENAME TO {ident(h.new)}"
    parent = qualified(s, h.parent or "")
    if h.kind == "column":
        return f"ALTER TABLE {parent} RENAME COLUMN {ident(h.old)} TO {ident(h.new)}"
    if h.kind == "constraint":
        return f"ALTER TABLE {parent} RENAME CONSTRAINT {ident(h.old)} TO {ident(h.new)}"
    return f"ALTER TYPE {parent} RENAME VALUE {literal(h.old)} TO {literal(h.new)}"


def guarded_ddl(h: RenameHint) -> str:
    return guarded(condition(h), ddl(h))


def ordered(hints: tuple[RenameHint, ...]) -> tuple[RenameHint, ...]:
    """Whole objects first (renamed in their old schema, then moved), then their parts.

    `renamed-from other_schema.old` on a table, view or type is a move (SET SCHEMA), plus a
    rename when the name changes too."""
    out: list[RenameHint] = []
    for h in hints:
        if h.kind in _MOVABLE and "." in h.old:
            old_schema, old_name = h.old.split(".", 1)
            if old_name != h.new:
                # renamed in its old schema first; `parent` remembers where it ends up
                out.append(dataclasses.replace(h, schema=old_schema, old=old_name, parent=h.schema))
            if old_schema != h.schema:
                out.append(dataclasses.replace(h, kind=f"{h.kind} schema", parent=old_schema, old=h.new))
        else:
            out.append(h)
    return tuple(sorted(out, key=lambda h: _ORDER.get(h.kind, 0.5)))


def reversed_hints(hints: tuple[RenameHint, ...]) -> tuple[RenameHint, ...]:
    """The renames undone, in reverse order (parts before the objects they belong to)."""
    return tuple(
        dataclasses.replace(h, schema=h.parent or "", parent=h.schema)
        if h.kind.endswith(" schema")
        else dataclasses.replace(h, old=h.new, new=h.old)
        for h in reversed(hints)
    )


def undone(
    applied: tuple[RenameHint, ...], schema: str, table: str, column: str | None = None
) -> tuple[str, str, str | None]:
    """A table (and one of its columns) named as the renamed target has it, named as once the
    rollback has undone `applied` (the target's own names)."""
    for h in reversed_hints(applied):
        if h.kind == "column" and column is not None and (h.schema, h.parent, h.old) == (schema, table, column):
            column = h.new
        elif h.kind == "table" and (h.schema, h.old) == (schema, table):
            table = h.new
        elif h.kind == "table schema" and (h.parent, h.new) == (schema, table):
            schema = h.schema
    return schema, table, column


def unused(h: RenameHint) -> str:
    """Summary line of a hint whose old name the target does not have (a typo, or another kind)."""
    inside = f"{h.parent}." if h.parent and not h.kind.endswith(" schema") else ""
    what = f"{h.kind} {h.schema}.{inside}"
    return f"? hint at {h.where}: no {what}{h.old} in the target to rename to {h.new} (hint ignored)"


def describe(h: RenameHint) -> str:
    if h.kind.endswith(" schema"):
        return f"> {h.kind.removesuffix(' schema')} {h.parent}.{h.new} moved to schema {h.schema} (hint at {h.where})"
    where = (
        f"{h.schema}.{h.parent}." if h.parent and h.kind in ("column", "constraint", "enum value") else f"{h.schema}."
    )
    return f"> {h.kind} {where}{h.old} renamed to {h.new} (hint at {h.where})"


# The fingerprint's identity " sequence=<name>" (the name printed by quote_ident).
_SEQUENCE_NAME = re.compile(r' sequence=(?:"(?:[^"]|"")*"|\S+)')


def possible_renames(changes: tuple[ObjectChange, ...]) -> tuple[str, ...]:
    """Without a hint: a removed and an added object of the same kind and shape may be a rename."""
    out = []
    removed = [c for c in changes if c.change == "removed" and c.kind in ("table", "column")]
    added = [c for c in changes if c.change == "added" and c.kind in ("table", "column")]

    def shape(c: ObjectChange, side: str) -> tuple[str, str]:
        parent = parent_of(c.name) if c.kind == "column" else ""
        # PostgreSQL 18 names a column's NOT NULL constraint after the column and table, and an
        # identity's sequence is named so: not shape.
        definition = (c.before if side == "before" else c.after) or ""
        return parent, _SEQUENCE_NAME.sub("", without_not_null_name(definition))

    def columns_of(table: str, items: list[ObjectChange], side: str) -> list[str]:
        return sorted(
            shape(c, side)[1] for c in changes if c.kind == "column" and c.name.startswith(table + ".") and c in items
        )

    for r in removed:
        for a in added:
            if r.kind != a.kind:
                continue
            if r.kind == "column" and shape(r, "before") == shape(a, "after"):
                out.append(f"? possible rename: column {r.name} -> {a.name.rsplit('.', 1)[1]}")
            elif r.kind == "table" and columns_of(r.name, removed, "before") == columns_of(a.name, added, "after"):
                out.append(f"? possible rename: table {r.name} -> {a.name}")
    return tuple(
        line + " (add `-- reconcile:renamed-from OLD` above the new definition to keep the data)" for line in out
    )
