"""Table options the diff engine ignores: FORCE ROW LEVEL SECURITY, REPLICA IDENTITY, storage
parameters (ALTER TABLE/MATERIALIZED VIEW SET (…)/RESET (…)) and the type of a typed table
(`CREATE TABLE … OF type`, which the engine writes as a plain table).

After the engine's statements (a new table, or the index a replica identity uses, exists by then).
A typed table's columns are its type's: no column can be added, dropped or re-typed while it is
one. So a table that stops being a table of a type (or changes type) leaves it (`NOT OF`, which
keeps columns and rows) before the engine's statements; one that becomes one (a new one too)
joins it (`OF`, which checks that the columns match the type's attributes, in order) after them.
ENABLE ROW LEVEL SECURITY and UNLOGGED/LOGGED (CREATE UNLOGGED TABLE, SET [UN]LOGGED) are the
engine's own. Imports `model`, `_guard` and `_relations`.
"""

from __future__ import annotations

from typing import Any

from ...core.model import SchemaFilter
from ...sql.guard import guarded, ident, literal, regclass
from . import _relations

PHASES = ("pre", "post")

_TABLES = ("r", "p")


def read(conn: Any, schema_filter: SchemaFilter) -> dict[str, _relations.Relation]:
    return _relations.read(conn, schema_filter)


def phase_statements(phase: str, source: _relations.Relations, target: _relations.Relations) -> tuple[str, ...]:
    if phase == "pre":
        return _of_type_statements(phase, source, target)
    return statements(source, target) + _of_type_statements(phase, source, target)


def statements(source: _relations.Relations, target: _relations.Relations) -> tuple[str, ...]:
    """Statements bringing each table's (and materialized view's) options to the target's."""
    recreated = _relations.recreated(source, target)
    out: list[str] = []
    for qname, want in sorted(target.items()):
        have = source.get(qname)
        if have is not None and have.kind != want.kind:
            have = None
        if want.kind in _TABLES:
            out += _table_statements(have, want)
        if want.kind in (*_TABLES, "m"):
            # A re-created materialized view comes back without its storage parameters.
            old = have.options if have is not None else ()
            out += _relations.option_statements(old, want, None, force=qname in recreated)
    return tuple(out)


def _table_statements(have: _relations.Relation | None, want: _relations.Relation) -> list[str]:
    out = []
    rel = f"(SELECT {{}} FROM pg_catalog.pg_class c WHERE c.oid = {regclass(want.qname)})"
    # A new table starts NO FORCE, REPLICA IDENTITY DEFAULT.
    force = have.force_rls if have is not None else False
    if force != want.force_rls:
        action = "FORCE ROW LEVEL SECURITY" if want.force_rls else "NO FORCE ROW LEVEL SECURITY"
        needed = "NOT c.relforcerowsecurity" if want.force_rls else "c.relforcerowsecurity"
        out.append(guarded(rel.format(needed), f"ALTER TABLE {want.qname} {action}"))
    identity = (have.replica_identity, have.replica_index) if have is not None else ("d", None)
    wanted = (want.replica_identity, want.replica_index)
    # USING INDEX whose index is gone reads as 'i' without an index: nothing that can be asked for.
    if identity != wanted and wanted != ("i", None):
        out.append(_replica_identity(want))
    return out


def _replica_identity(want: _relations.Relation) -> str:
    table = regclass(want.qname)
    kind = f"(SELECT c.relreplident FROM pg_catalog.pg_class c WHERE c.oid = {table})"
    if want.replica_identity == "i" and want.replica_index:
        index = regclass(f"{ident(want.schema)}.{want.replica_index}")
        needed = (
            f"{kind} <> 'i' OR NOT EXISTS (SELECT FROM pg_catalog.pg_index i WHERE i.indrelid = {table} "
            f"AND i.indexrelid = {index} AND i.indisreplident)"
        )
        return guarded(needed, f"ALTER TABLE {want.qname} REPLICA IDENTITY USING INDEX {want.replica_index}")
    action = {"d": "DEFAULT", "f": "FULL", "n": "NOTHING"}[want.replica_identity]
    return guarded(f"{kind} <> {literal(want.replica_identity)}", f"ALTER TABLE {want.qname} REPLICA IDENTITY {action}")


def _of_type_statements(phase: str, source: _relations.Relations, target: _relations.Relations) -> tuple[str, ...]:
    """`NOT OF` (phase "pre") and `OF` (phase "post") for the tables whose composite type changes."""
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
