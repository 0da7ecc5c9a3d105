"""Column settings the diff engine ignores: the statistics target (ALTER … ALTER COLUMN … SET
STATISTICS), the storage (SET STORAGE, against the type's default), the compression (SET
COMPRESSION) and the attribute options (SET (n_distinct = …) / RESET (…)), on tables,
materialized views and the expression columns of indexes (ALTER INDEX … ALTER COLUMN n SET
STATISTICS), from queries/column_settings.sql.

After the engine's statements: a new column or relation starts at the defaults, a materialized
view or index the engine re-creates comes back at them, and ALTER COLUMN … TYPE resets the
storage and the compression. Imports `db`, `model`, `_guard` and `_relations`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from ...core.model import SchemaFilter
from ...pg.db import fetch_all, query
from ...sql.guard import guarded, ident, literal, regclass, text_array
from . import _relations

PHASE = "post"

_STORAGE = {"p": "PLAIN", "e": "EXTERNAL", "x": "EXTENDED", "m": "MAIN"}
_COMPRESSION = {"": "DEFAULT", "p": "pglz", "l": "lz4"}
_KEYWORD = {"r": "TABLE ONLY", "p": "TABLE ONLY", "m": "MATERIALIZED VIEW", "i": "INDEX", "I": "INDEX"}
_KIND = {"r": "table", "p": "table", "m": "materialized view", "i": "index", "I": "index"}


@dataclass(frozen=True, slots=True)
class Column:
    qname: str  # the relation's, quoted and qualified
    kind: str  # the relation's pg_class.relkind
    column: str  # its name, or an index column's number
    type: str
    stattarget: int | None  # None: the default
    storage: str
    type_storage: str
    compression: str  # "": the default
    options: tuple[str, ...]  # attoptions, "key=value"
    owner: str | None  # a materialized view's query, an index's definition
    parents: tuple[str, ...] = ()  # a partition's or inheritance child's parent tables


@dataclass(frozen=True, slots=True)
class Snapshot:
    columns: Mapping[tuple[str, str], Column]
    relations: _relations.Relations  # to tell which materialized views the engine re-creates


def read(conn: Any, schema_filter: SchemaFilter) -> Snapshot:
    columns = {}
    for row in fetch_all(conn, query("column_settings")):
        schema, name, table = row[:3]
        qname, kind, column, typ, stat, storage, type_storage, compression = row[3:11]
        options, owner, parents = tuple(row[11]), row[12], tuple(row[13])
        col = Column(qname, kind, column, typ, stat, storage, type_storage, compression, options, owner, parents)
        # An index is managed with its table (object rules name it table.index).
        address = f"{schema}.{table}.{name}" if col.kind in ("i", "I") else f"{schema}.{name}"
        if schema_filter.manages_object(_KIND[col.kind], schema, address):
            columns[(col.qname, col.column)] = col
    return Snapshot(columns, _relations.read(conn, schema_filter))


def statements(source: Snapshot, target: Snapshot) -> tuple[str, ...]:
    """Statements bringing every column's settings to the target's, guarded by the catalogs."""
    recreated = _relations.recreated(source.relations, target.relations)
    out: list[str] = []
    for key, want in sorted(target.columns.items()):
        have = source.columns.get(key)
        if have is not None and (have.kind != want.kind or have.owner != want.owner or want.qname in recreated):
            have = None  # re-created: at the defaults
        out += _column_statements(have, want, _inherits(want, source, target) if have is None else ())
    return tuple(out)


def _inherits(want: Column, *sides: Snapshot) -> tuple[str, ...]:
    """The settings a new partition's (or child's) column may take from its parent when it is
    created (CREATE TABLE … PARTITION OF copies the storage and the compression): those a parent
    sets on either side."""
    found = []
    for side in sides:
        for parent in want.parents:
            p = side.columns.get((parent, want.column))
            if p is not None and p.storage != p.type_storage:
                found.append("storage")
            if p is not None and p.compression:
                found.append("compression")
    return tuple(found)


def _column_statements(have: Column | None, want: Column, inherited: tuple[str, ...] = ()) -> list[str]:
    """What the column has once the engine's statements ran is `have`, or the defaults for a new
    (or re-created) one; after ALTER COLUMN … TYPE (the storage and the compression go back to the
    new type's defaults) it is not known for sure: every setting either side sets is written, as
    are the `inherited` ones of a new partition's column."""
    unsure = have is not None and have.type != want.type
    base = (
        have
        if have is not None
        else replace(want, stattarget=None, storage=want.type_storage, compression="", options=())
    )

    def differs(old: object, new: object, default: object) -> bool:
        return old != new or (unsure and (old, new) != (default, default))

    attr = f"pg_catalog.pg_attribute a WHERE a.attrelid = {regclass(want.qname)} AND " + (
        f"a.attnum = {int(want.column)}" if want.kind in ("i", "I") else f"a.attname = {literal(want.column)}"
    )
    alter = f"ALTER {_KEYWORD[want.kind]} {want.qname} ALTER COLUMN {_column(want)}"
    out = []
    if differs(base.stattarget, want.stattarget, None):
        n = -1 if want.stattarget is None else want.stattarget
        needed = f"EXISTS (SELECT FROM {attr} AND COALESCE(a.attstattarget, -1) <> {n})"
        out.append(guarded(needed, f"{alter} SET STATISTICS {n}"))
    if differs(base.storage, want.storage, want.type_storage) or "storage" in inherited:
        needed = f"EXISTS (SELECT FROM {attr} AND a.attstorage <> {literal(want.storage)})"
        out.append(guarded(needed, f"{alter} SET STORAGE {_STORAGE[want.storage]}"))
    if differs(base.compression, want.compression, "") or "compression" in inherited:
        needed = f"EXISTS (SELECT FROM {attr} AND a.attcompression::pg_catalog.text <> {literal(want.compression)})"
        out.append(guarded(needed, f"{alter} SET COMPRESSION {_COMPRESSION[want.compression]}"))
    old, new = _options(base.options), _options(want.options)
    drop = sorted(k for k in old if k not in new)
    if drop:
        needed = (
            f"EXISTS (SELECT FROM {attr} AND EXISTS (SELECT FROM pg_catalog.unnest(a.attoptions) o "
            f"WHERE pg_catalog.split_part(o, '=', 1) = ANY ({text_array(drop)})))"
        )
        out.append(guarded(needed, f"{alter} RESET ({', '.join(drop)})"))
    put = {k: v for k, v in new.items() if unsure or old.get(k) != v}
    if put:
        items = [f"{k}={v}" for k, v in sorted(put.items())]
        needed = f"EXISTS (SELECT FROM {attr} AND NOT COALESCE(a.attoptions, '{{}}') @> {text_array(items)})"
        settings = ", ".join(f"{k} = {literal(v)}" for k, v in sorted(put.items()))
        out.append(guarded(needed, f"{alter} SET ({settings})"))
    return out


def _column(c: Column) -> str:
    return c.column if c.kind in ("i", "I") else ident(c.column)


def _options(options: tuple[str, ...]) -> dict[str, str]:
    return dict(o.split("=", 1) for o in options)
