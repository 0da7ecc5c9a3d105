"""Tables, views and materialized views as the option modules see them (queries/relations.sql),
and which views the diff engine re-creates. Imports `db`, `model` and `_guard`."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from ...core.model import SchemaFilter
from ...pg.db import fetch_all, query
from ...sql.guard import guarded, literal, regclass, text_array

KEYWORD = {"r": "TABLE", "p": "TABLE", "v": "VIEW", "m": "MATERIALIZED VIEW"}
_KIND = {"r": "table", "p": "table", "f": "foreign table", "v": "view", "m": "materialized view"}


@dataclass(frozen=True, slots=True)
class Relation:
    schema: str
    name: str
    qname: str  # quoted and qualified
    kind: str  # pg_class.relkind
    persistence: str
    force_rls: bool
    replica_identity: str
    replica_index: str | None  # quoted, unqualified (an index lives in its table's schema)
    options: tuple[str, ...]  # reloptions, "key=value"
    of_type: str | None  # the composite type of a typed table (CREATE TABLE … OF), quoted and qualified
    definition: str
    reads: tuple[str, ...]  # relations a view's query reads (qualified, quoted as needed)

    @property
    def keyword(self) -> str:
        return KEYWORD[self.kind]


Relations = Mapping[str, Relation]

# Views and materialized views the diff engine re-creates for reasons of its own, which their
# definitions do not show (an enum swap re-creates what uses the enum): (schema, name). Set by
# `diff.statements` around the supplementary differ.
ENGINE_RECREATED: ContextVar[frozenset[tuple[str, str]]] = ContextVar("ENGINE_RECREATED", default=frozenset())
# Domains, composite and range types the diff engine re-creates around an enum it re-creates
# (their definitions do not change), and ranges whose own definition changes: (schema, name).
# Set like ENGINE_RECREATED.
ENGINE_RECREATED_TYPES: ContextVar[frozenset[tuple[str, str]]] = ContextVar(
    "ENGINE_RECREATED_TYPES", default=frozenset()
)
# Every type the diff engine re-creates by a swap (enums, the types holding them, ranges whose
# definition changes): (schema, name). What takes one of them (a function) is created anew.
ENGINE_SWAPPED_TYPES: ContextVar[frozenset[tuple[str, str]]] = ContextVar("ENGINE_SWAPPED_TYPES", default=frozenset())
# Objects of catalog_objects' kinds (their keys, "type identity") over a type the diff engine
# re-creates by a swap (an operator, cast or aggregate over an enum that loses a label), which
# PostgreSQL cannot point at the new type: dropped before the swap and created again after it.
# With SQL true while the swap is still to run, and the keys of those the swap re-creates itself
# (a range's own operator class), left alone. Set like ENGINE_RECREATED.
ENGINE_RECREATED_CATALOG: ContextVar[tuple[frozenset[str], str, frozenset[str]]] = ContextVar(
    "ENGINE_RECREATED_CATALOG", default=(frozenset(), "", frozenset())
)


# One reading of a database's catalog (`shared()`): the six parts that read its relations share
# one query of them (66 ms each at 2000 tables). Recording and replaying share it alike, so the
# calls a part makes are the same in both.
_SHARED: ContextVar[dict[SchemaFilter, dict[str, Relation]] | None] = ContextVar("_SHARED_RELATIONS", default=None)


@contextlib.contextmanager
def shared() -> Iterator[None]:
    token = _SHARED.set({})
    try:
        yield
    finally:
        _SHARED.reset(token)


def read(conn: Any, schema_filter: SchemaFilter) -> dict[str, Relation]:
    memo = _SHARED.get()
    if memo is not None and schema_filter in memo:
        return dict(memo[schema_filter])
    out = _read(conn, schema_filter)
    if memo is not None:
        memo[schema_filter] = dict(out)
    return out


def _read(conn: Any, schema_filter: SchemaFilter) -> dict[str, Relation]:
    out = {}
    for row in fetch_all(conn, query("relations")):
        schema, name, qname, kind, persistence, force_rls, ident, index, options, of_type, definition, reads = row
        rel = Relation(
            schema,
            name,
            qname,
            kind,
            persistence,
            force_rls,
            ident,
            index,
            tuple(options),
            of_type,
            definition,
            tuple(reads),
        )
        if schema_filter.manages_object(_KIND[rel.kind], rel.schema, f"{rel.schema}.{rel.name}"):
            out[rel.qname] = rel
    return out


def recreated(source: Relations, target: Relations) -> frozenset[str]:
    """Views and materialized views the diff engine drops and creates again (or replaces).

    CREATE OR REPLACE VIEW resets a view's options and a re-created view loses its comments,
    options and triggers: those whose definition changes, and every view reading one of them.
    """
    engine = ENGINE_RECREATED.get()
    out = {
        q
        for q, t in target.items()
        if t.kind in ("v", "m")
        and (q not in source or source[q].definition != t.definition or (t.schema, t.name) in engine)
    }
    grown = True
    while grown:
        more = {q for q, t in target.items() if t.kind in ("v", "m") and q not in out and set(t.reads) & out}
        out |= more
        grown = bool(more)
    return frozenset(out)


def _options(options: tuple[str, ...]) -> dict[str, str]:
    return dict(o.split("=", 1) for o in options)


def option_statements(have: tuple[str, ...], want: Relation, keys: frozenset[str] | None, *, force: bool) -> list[str]:
    """ALTER … SET (…) / RESET (…) bringing reloptions `have` to `want`'s, limited to `keys` when
    given; with `force` (the relation may have been re-created without them), every wanted option."""
    old = {k: v for k, v in _options(have).items() if keys is None or k in keys}
    new = {k: v for k, v in _options(want.options).items() if keys is None or k in keys}
    out = []
    drop = sorted(k for k in old if k not in new)
    if drop:
        # A RESET of an option that is not set changes nothing, but still logs DDL.
        needed = (
            f"EXISTS (SELECT FROM pg_catalog.pg_class c, pg_catalog.unnest(c.reloptions) o "
            f"WHERE c.oid = {regclass(want.qname)} AND pg_catalog.split_part(o, '=', 1) = ANY ({text_array(drop)}))"
        )
        out.append(guarded(needed, f"ALTER {want.keyword} {want.qname} RESET ({', '.join(drop)})"))
    put = {k: v for k, v in new.items() if force or old.get(k) != v}
    if put:
        items = [f"{k}={v}" for k, v in sorted(put.items())]
        needed = (
            f"NOT (SELECT COALESCE(c.reloptions, '{{}}') @> {text_array(items)} "
            f"FROM pg_catalog.pg_class c WHERE c.oid = {regclass(want.qname)})"
        )
        settings = ", ".join(f"{k} = {literal(v)}" for k, v in sorted(put.items()))
        out.append(guarded(needed, f"ALTER {want.keyword} {want.qname} SET ({settings})"))
    return out
