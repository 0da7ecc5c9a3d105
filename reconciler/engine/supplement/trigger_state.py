"""Triggers' enabled state (ENABLE / DISABLE / ENABLE REPLICA / ENABLE ALWAYS TRIGGER).

The diff engine sets the state of a trigger it creates but never returns one to plain ENABLE;
this part sets, after the engine's statements, every state that differs and the state of every
trigger the engine (re-)creates. Imports `db`, `model`, `_guard`, `_relations`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.model import SchemaFilter
from ...pg.db import fetch_all, query
from ...sql.guard import guarded, ident, literal, regclass
from ..fingerprint import split_name
from . import _relations

PHASE = "post"

# pg_trigger.tgenabled -> the ALTER TABLE action that sets it ('O', "origin", is CREATE TRIGGER's).
_ACTION = {"O": "ENABLE", "D": "DISABLE", "R": "ENABLE REPLICA", "A": "ENABLE ALWAYS"}


@dataclass(frozen=True, slots=True)
class Trigger:
    schema: str
    relation: str  # quoted and qualified
    name: str
    enabled: str
    definition: str


@dataclass(frozen=True, slots=True)
class Snapshot:
    triggers: dict[tuple[str, str], Trigger]
    relations: dict[str, _relations.Relation]


def read(conn: Any, schema_filter: SchemaFilter) -> Snapshot:
    triggers = {(t.relation, t.name): t for t in (Trigger(*r) for r in fetch_all(conn, query("triggers")))}
    return Snapshot(
        {
            k: t
            for k, t in triggers.items()
            if schema_filter.manages_object("trigger", t.schema, ".".join((*split_name(t.relation), t.name)))
        },
        _relations.read(conn, schema_filter),
    )


def statements(source: Snapshot, target: Snapshot) -> tuple[str, ...]:
    """ALTER TABLE … ENABLE/DISABLE … TRIGGER for each trigger whose state differs, or which the
    diff engine creates or re-creates in another state than CREATE TRIGGER's."""
    recreated = _relations.recreated(source.relations, target.relations)
    out = []
    for key, want in sorted(target.triggers.items()):
        have = source.triggers.get(key)
        renewed = have is None or have.definition != want.definition or want.relation in recreated
        if (have is not None and have.enabled != want.enabled) or (renewed and want.enabled != "O"):
            out.append(_set(want))
    return tuple(out)


def _set(t: Trigger) -> str:
    current = (
        "(SELECT t.tgenabled FROM pg_catalog.pg_trigger t "
        f"WHERE t.tgrelid = {regclass(t.relation)} AND t.tgname = {literal(t.name)})"
    )
    # ALTER VIEW has no trigger actions: ALTER TABLE takes a view's INSTEAD OF triggers too.
    return guarded(
        f"{current} IS DISTINCT FROM {literal(t.enabled)}",
        f"ALTER TABLE {t.relation} {_ACTION[t.enabled]} TRIGGER {ident(t.name)}",
    )
