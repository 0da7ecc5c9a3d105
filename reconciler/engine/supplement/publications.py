"""Publications (logical replication): options and published tables, which migra ignores.

After migra's statements, so published tables exist. A publication is re-created when its
`FOR ALL TABLES` flag changes; otherwise options and the table list are altered in place.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.model import SchemaFilter
from ...pg.db import fetch_all, query
from ...sql.guard import guarded, ident, literal
from ..fingerprint import split_name

PHASE = "post"


@dataclass(frozen=True, slots=True)
class Publication:
    name: str
    all_tables: bool
    actions: tuple[str, ...]
    via_root: bool
    tables: tuple[str, ...]  # "schema.table (cols) WHERE (…)", as PostgreSQL prints them

    def options(self) -> str:
        via_root = str(self.via_root).lower()
        return f"publish = {literal(', '.join(self.actions))}, publish_via_partition_root = {via_root}"

    def create(self) -> str:
        target = ""
        if self.all_tables:
            target = " FOR ALL TABLES"
        elif self.tables:
            target = f" FOR TABLE {', '.join(self.tables)}"
        return f"CREATE PUBLICATION {ident(self.name)}{target} WITH ({self.options()})"


def _exists(name: str) -> str:
    return f"EXISTS (SELECT FROM pg_catalog.pg_publication p WHERE p.pubname = {literal(name)})"


def _address(table: str) -> tuple[str, str]:
    parts = split_name(table)
    return parts[0], ".".join(parts)


def read(conn: Any, schema_filter: SchemaFilter) -> dict[str, Publication]:
    # Publications are database-wide; only their tables in managed schemas are compared.
    out = {}
    for name, all_tables, actions, via_root, tables in fetch_all(conn, query("publications")):
        managed = tuple(t for t in tables if schema_filter.manages_object("table", *_address(t)))
        out[name] = Publication(name, bool(all_tables), tuple(actions), bool(via_root), managed)
    return out


def statements(source: dict[str, Publication], target: dict[str, Publication]) -> tuple[str, ...]:
    out: list[str] = []
    for name, old in sorted(source.items()):
        if name not in target or target[name].all_tables != old.all_tables:
            out.append(guarded(_exists(name), f"DROP PUBLICATION {ident(name)}"))
    for name, want in sorted(target.items()):
        have = source.get(name)
        if have is None or have.all_tables != want.all_tables:
            out.append(guarded(f"NOT {_exists(name)}", want.create()))
            continue
        pub = f"(SELECT p FROM pg_catalog.pg_publication p WHERE p.pubname = {literal(name)})"
        if (have.actions, have.via_root) != (want.actions, want.via_root):
            flags = " ".join(
                f"AND {pub}.pub{a} = {str(a in want.actions).lower()}"
                for a in ("insert", "update", "delete", "truncate")
            )
            check = f"NOT ({pub}.pubviaroot = {str(want.via_root).lower()} {flags})"
            out.append(guarded(check, f"ALTER PUBLICATION {ident(name)} SET ({want.options()})"))
        if have.tables != want.tables and not want.all_tables:
            listed = (
                "ARRAY(SELECT pg_catalog.format('%I.%I', n.nspname, c.relname) "
                "FROM pg_catalog.pg_publication_rel pr "
                "JOIN pg_catalog.pg_publication p ON p.oid = pr.prpubid "
                "JOIN pg_catalog.pg_class c ON c.oid = pr.prrelid "
                "JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace "
                f"WHERE p.pubname = {literal(name)} ORDER BY 1)"
            )
            want_rels = sorted(t.split(" ", 1)[0] for t in want.tables)
            check = f"{listed} IS DISTINCT FROM ARRAY[{', '.join(literal(r) for r in want_rels)}]::pg_catalog.text[]"
            body = f"ALTER PUBLICATION {ident(name)} SET TABLE {', '.join(want.tables)}" if want.tables else None
            if body:
                out.append(guarded(check, body))
            else:
                drop_all = f"ALTER PUBLICATION {ident(name)} DROP TABLE {', '.join(have.tables)}"
                out.append(guarded(f"cardinality({listed}) > 0", drop_all))
    return tuple(out)
