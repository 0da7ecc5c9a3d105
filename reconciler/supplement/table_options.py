"""Table options the diff engine ignores: FORCE ROW LEVEL SECURITY, REPLICA IDENTITY and storage
parameters (ALTER TABLE/MATERIALIZED VIEW SET (…)/RESET (…)).

After the engine's statements (a new table, or the index a replica identity uses, exists by then).
ENABLE ROW LEVEL SECURITY and UNLOGGED/LOGGED (CREATE UNLOGGED TABLE, SET [UN]LOGGED) are the
engine's own. Imports `model`, `_guard` and `_relations`.
"""

from __future__ import annotations

from typing import Any

from ..model import SchemaFilter
from ..sql.guard import guarded, ident, literal, regclass
from . import _relations

PHASE = "post"

_TABLES = ("r", "p")


def read(conn: Any, schema_filter: SchemaFilter) -> dict[str, _relations.Relation]:
    return _relations.read(conn, schema_filter)


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
