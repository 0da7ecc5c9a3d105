"""Domains (migra does not diff them): created and altered before migra's statements, so the
columns it creates or re-types can use them. Dropping a removed domain is `domains_drop`, after
migra has dropped the columns that used it. A change of base type is left to the proof to report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.model import SchemaFilter
from ...pg.db import fetch_all, query
from ...sql.guard import guarded, guarded_printing, ident, literal, qualified

PHASE = "pre"


@dataclass(frozen=True, slots=True)
class Domain:
    schema: str
    name: str
    base: str
    default: str | None
    not_null: bool
    collation: str | None
    checks: tuple[tuple[str, str], ...]  # (name, CHECK (...))

    @property
    def qname(self) -> str:
        return qualified(self.schema, self.name)

    @property
    def oid(self) -> str:
        return f"pg_catalog.to_regtype({literal(self.qname)})"


def read(conn: Any, schema_filter: SchemaFilter) -> dict[tuple[str, str], Domain]:
    out = {}
    for schema, name, base, default, not_null, collation, checks in fetch_all(conn, query("domains")):
        if schema_filter.manages_object("domain", schema, f"{schema}.{name}"):
            out[(schema, name)] = Domain(
                schema, name, base, default, bool(not_null), collation, tuple((c[0], c[1]) for c in checks)
            )
    return out


def create_statement(d: Domain) -> str:
    """`CREATE DOMAIN` with everything the domain holds (unguarded)."""
    parts = [f"CREATE DOMAIN {d.qname} AS {d.base}"]
    if d.collation:
        parts.append(f"COLLATE {d.collation}")
    if d.default is not None:
        parts.append(f"DEFAULT {d.default}")
    if d.not_null:
        parts.append("NOT NULL")
    parts += [f"CONSTRAINT {ident(n)} {definition}" for n, definition in d.checks]
    return " ".join(parts)


def _create(d: Domain) -> str:
    return guarded(f"{d.oid} IS NULL", create_statement(d))


def _constraint_exists(d: Domain, name: str, *conds: str) -> str:
    where = " AND ".join((f"c.contypid = {d.oid}", f"c.conname = {literal(name)}", *conds))
    return f"EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE {where})"


def _alter(have: Domain, want: Domain) -> list[str]:
    out = []
    typ = f"(SELECT t FROM pg_catalog.pg_type t WHERE t.oid = {want.oid})"
    if have.default != want.default:
        if want.default is None:
            out.append(guarded(f"{typ}.typdefault IS NOT NULL", f"ALTER DOMAIN {want.qname} DROP DEFAULT"))
        else:
            out.append(
                guarded_printing(
                    f"pg_catalog.pg_get_expr({typ}.typdefaultbin, 0) IS DISTINCT FROM {literal(want.default)}",
                    f"ALTER DOMAIN {want.qname} SET DEFAULT {want.default}",
                )
            )
    if have.not_null != want.not_null:
        verb = "SET" if want.not_null else "DROP"
        flag = "NOT" if want.not_null else ""
        out.append(guarded(f"{flag} {typ}.typnotnull", f"ALTER DOMAIN {want.qname} {verb} NOT NULL"))
    old, new = dict(have.checks), dict(want.checks)
    for name, definition in sorted(old.items()):
        if new.get(name) != definition:
            # Dropped while it is not the wanted definition yet (a re-run finds it is and keeps it).
            drop = f"ALTER DOMAIN {want.qname} DROP CONSTRAINT {ident(name)}"
            if name in new:
                differs = f"pg_catalog.pg_get_constraintdef(c.oid) IS DISTINCT FROM {literal(new[name])}"
                out.append(guarded_printing(_constraint_exists(want, name, differs), drop))
            else:
                out.append(guarded(_constraint_exists(want, name), drop))
    for name, definition in sorted(new.items()):
        if old.get(name) != definition:
            out.append(
                guarded(
                    f"NOT {_constraint_exists(want, name)}",
                    f"ALTER DOMAIN {want.qname} ADD CONSTRAINT {ident(name)} {definition}",
                )
            )
    return out


def statements(source: dict[tuple[str, str], Domain], target: dict[tuple[str, str], Domain]) -> tuple[str, ...]:
    out: list[str] = []
    for key, want in sorted(target.items()):
        have = source.get(key)
        out += [_create(want)] if have is None else _alter(have, want)
    return tuple(out)
