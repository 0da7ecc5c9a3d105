"""Comments (COMMENT ON …) on schemas, relations, columns, routines, types, indexes,
constraints, policies, triggers and sequences, which the diff engine ignores, and on the kinds
`catalog_objects` manages.

After the engine's statements, once every object exists. A comment is written again whenever the
engine may have re-created its object (a re-created object comes back without it). Imports `db`,
`model`, `_guard` and `_relations`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from ...core.model import SchemaFilter
from ...pg.db import fetch_all, query
from ...sql.guard import guarded, ident, literal, text_array
from ...sql.identifiers import qualified_names, quote_ident
from .. import catalog_kinds
from ..fingerprint import object_address
from . import _relations

PHASE = "post"

# pg_identify_object's type -> COMMENT ON's keyword (identities such as "c on s.t" read as
# COMMENT ON's own "name ON table" syntax).
_KEYWORD = {
    "table": "TABLE",
    "view": "VIEW",
    "materialized view": "MATERIALIZED VIEW",
    "foreign table": "FOREIGN TABLE",
    "sequence": "SEQUENCE",
    "index": "INDEX",
    "table column": "COLUMN",
    "view column": "COLUMN",
    "materialized view column": "COLUMN",
    "foreign table column": "COLUMN",
    "composite type column": "COLUMN",
    "function": "FUNCTION",
    "procedure": "PROCEDURE",
    "aggregate": "AGGREGATE",
    "type": "TYPE",
    "table constraint": "CONSTRAINT",
    "trigger": "TRIGGER",
    "policy": "POLICY",
    "rule": "RULE",
    "schema": "SCHEMA",
    "collation": "COLLATION",
    # catalog_objects' kinds
    "operator": "OPERATOR",
    "operator class": "OPERATOR CLASS",
    "operator family": "OPERATOR FAMILY",
    "cast": "CAST",
    "conversion": "CONVERSION",
    "text search configuration": "TEXT SEARCH CONFIGURATION",
    "text search dictionary": "TEXT SEARCH DICTIONARY",
    "text search parser": "TEXT SEARCH PARSER",
    "text search template": "TEXT SEARCH TEMPLATE",
    "statistics object": "STATISTICS",
    "foreign-data wrapper": "FOREIGN DATA WRAPPER",
    "server": "SERVER",
    "language": "LANGUAGE",
    "access method": "ACCESS METHOD",
    "transform": "TRANSFORM",
}

Key = tuple[str, tuple[str, ...], tuple[str, ...]]  # pg_identify_object_as_address


@dataclass(frozen=True, slots=True)
class Comment:
    schema: str
    type: str
    names: tuple[str, ...]
    args: tuple[str, ...]
    identity: str
    text: str
    definition: str  # of the commented object: when it changes, the object may have been re-created
    relation: str | None  # the table, view or materialized view it is or lives on

    @property
    def key(self) -> Key:
        return (self.type, self.names, self.args)

    def target_sql(self) -> str:
        if self.type == "domain constraint":
            return f"CONSTRAINT {ident(self.args[0])} ON DOMAIN {self.names[0]}"
        if self.type == "transform":  # its identity reads "for TYPE [on] language LANG"
            return f"TRANSFORM FOR {self.names[0]} LANGUAGE {ident(self.args[0])}"
        return f"{_KEYWORD[self.type]} {self.identity}"

    def address(self, *, lookup: bool = False) -> str:
        """pg_identify_object_as_address's triple as SQL; with `lookup`, as pg_get_object_address
        takes it (it knows every relation's columns as "table column" only)."""
        kind = "table column" if lookup and self.type.endswith(" column") else self.type
        return f"{literal(kind)}, {text_array(self.names)}, {text_array(self.args)}"


@dataclass(frozen=True, slots=True)
class Snapshot:
    comments: dict[Key, Comment]
    relations: dict[str, _relations.Relation]


@cache
def query_text() -> str:
    """The comments query as `read` runs it (a restricted inspection keeps the rows of the
    relations it reads and every row on no relation: supplement's `_ROW_OWNERS`)."""
    return f"WITH catalog_kinds AS MATERIALIZED ({catalog_kinds.query()})\n{query('comments')}"


def read(conn: Any, schema_filter: SchemaFilter) -> Snapshot:
    comments = {}
    for r in fetch_all(conn, query_text()):
        c = Comment(r[0], r[1], tuple(r[2]), tuple(r[3]), *r[4:])
        if (c.type in _KEYWORD or c.type == "domain constraint") and schema_filter.manages_object(
            *object_address("comment", f"{c.type} {c.identity}")
        ):
            comments[c.key] = c
    return Snapshot(comments, _relations.read(conn, schema_filter))


def statements(source: Snapshot, target: Snapshot) -> tuple[str, ...]:
    """COMMENT ON … for every comment added, changed or removed, and for every wanted comment
    whose object the diff engine may re-create; each guarded by the comment it must find."""
    recreated = _relations.recreated(source.relations, target.relations)
    types = _relations.ENGINE_RECREATED_TYPES.get()
    forced, _, theirs = _relations.ENGINE_RECREATED_CATALOG.get()
    around = forced | theirs
    swapped = qualified_names(_relations.ENGINE_SWAPPED_TYPES.get())
    out = []
    for key, want in sorted(target.comments.items()):
        have = source.comments.get(key)
        if (
            have is None
            or have.text != want.text
            or have.definition != want.definition
            or want.relation in recreated
            or _on_type(want, types)
            or f"{want.type} {want.identity}" in around
            or (want.type in _ROUTINES and swapped is not None and swapped.search(want.identity) is not None)
        ):
            out.append(_set(want))
    for key, have in sorted(source.comments.items()):
        # A comment on a table or view that the plan drops goes with it.
        if key not in target.comments and (have.relation is None or have.relation in target.relations):
            out.append(_remove(have))
    return tuple(out)


_ROUTINES = ("function", "procedure", "aggregate")


def _on_type(c: Comment, types: frozenset[tuple[str, str]]) -> bool:
    """Whether `c` is on one of `types` (a domain or composite type the engine re-creates around
    an enum), on one of its attributes or on one of its domain constraints."""
    if not types or not c.names:
        return False
    if c.type == "composite type column":
        return (c.names[0], c.names[1]) in types if len(c.names) == 3 else False
    if c.type in ("type", "domain constraint"):
        # pg_identify_object_as_address names a type as format_type() prints it
        return c.names[0] in {f"{quote_ident(s)}.{quote_ident(n)}" for s, n in types}
    return False


def _set(c: Comment) -> str:
    current = (
        f"(SELECT d.description FROM pg_catalog.pg_get_object_address({c.address(lookup=True)}) a "
        "LEFT JOIN pg_catalog.pg_description d "
        "ON d.classoid = a.classid AND d.objoid = a.objid AND d.objsubid = a.objsubid)"
    )
    return guarded(f"{current} IS DISTINCT FROM {literal(c.text)}", f"COMMENT ON {c.target_sql()} IS {literal(c.text)}")


def _remove(c: Comment) -> str:
    # The object may be gone (dropped by the plan): look for the comment, not the object.
    # 16384 is FirstNormalObjectId: objects below it are the system's.
    found = (
        "EXISTS (SELECT FROM pg_catalog.pg_description d, "
        "pg_catalog.pg_identify_object_as_address(d.classoid, d.objoid, d.objsubid) i "
        f"WHERE d.objoid >= 16384 AND i.type = {literal(c.type)} "
        f"AND i.object_names = {text_array(c.names)} AND i.object_args = {text_array(c.args)})"
    )
    return guarded(found, f"COMMENT ON {c.target_sql()} IS NULL")
