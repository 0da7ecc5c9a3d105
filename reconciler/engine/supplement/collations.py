"""Collations (ICU, libc, builtin; deterministic or not), which migra prints wrongly (ICU ones with
`locale = 'None'`) and compares without `deterministic`, so `diff` keeps them from it.

Before the engine's statements: new collations are created, so the columns it creates or re-types
can use them. A collation whose definition changes is dropped and created again when nothing
uses it; when something does (a column, an index, …) the plan is refused: PostgreSQL has no
ALTER for it, and dropping it would take its users along. Removed collations are dropped by
`collations_drop`, after the engine has moved the columns off them. Imports `db`, `errors`,
`model`, `sql.guard`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.errors import ReconcileError
from ...core.model import SchemaFilter
from ...pg.db import fetch_all, query
from ...sql.guard import guarded, literal, qualified

PHASE = "pre"

_PROVIDER = {"c": "libc", "i": "icu", "b": "builtin"}


@dataclass(frozen=True, slots=True)
class Collation:
    schema: str
    name: str
    provider: str
    deterministic: bool
    lc_collate: str | None
    lc_ctype: str | None
    locale: str | None
    rules: str | None
    used: bool

    @property
    def qname(self) -> str:
        return qualified(self.schema, self.name)

    @property
    def oid(self) -> str:
        return f"pg_catalog.to_regcollation({literal(self.qname)})"

    def definition(self) -> tuple[object, ...]:
        return (self.provider, self.deterministic, self.lc_collate, self.lc_ctype, self.locale, self.rules)

    def create_sql(self) -> str:
        options = [f"provider = {_PROVIDER.get(self.provider, self.provider)}"]
        if self.provider == "c":
            options += [f"lc_collate = {literal(self.lc_collate)}", f"lc_ctype = {literal(self.lc_ctype)}"]
        else:
            options.append(f"locale = {literal(self.locale)}")
        if self.rules is not None:
            options.append(f"rules = {literal(self.rules)}")
        if not self.deterministic:
            options.append("deterministic = false")
        return f"CREATE COLLATION {self.qname} ({', '.join(options)})"

    def same(self) -> str:
        """SQL true while the collation exists with this definition."""

        def eq(column: str, value: str | None) -> str:
            return f"{column} IS NOT DISTINCT FROM {literal(value)}"

        conds = [
            f"c.collprovider = {literal(self.provider)}",
            f"c.collisdeterministic = {'true' if self.deterministic else 'false'}",
            eq("c.collcollate", self.lc_collate),
            eq("c.collctype", self.lc_ctype),
            eq(
                "COALESCE(pg_catalog.to_jsonb(c) OPERATOR(pg_catalog.->>) 'colllocale', "
                "pg_catalog.to_jsonb(c) OPERATOR(pg_catalog.->>) 'colliculocale')",
                self.locale,
            ),
            eq("pg_catalog.to_jsonb(c) OPERATOR(pg_catalog.->>) 'collicurules'", self.rules),
        ]
        return f"EXISTS (SELECT FROM pg_catalog.pg_collation c WHERE c.oid = {self.oid} AND {' AND '.join(conds)})"


class CollationInUse(ReconcileError):
    """A collation's definition changes while columns or indexes use it (no ALTER can do that)."""


def read(conn: Any, schema_filter: SchemaFilter) -> dict[tuple[str, str], Collation]:
    return {
        (r[0], r[1]): Collation(*r)
        for r in fetch_all(conn, query("collations"))
        if schema_filter.manages_object("collation", r[0], f"{r[0]}.{r[1]}")
    }


def statements(source: dict[tuple[str, str], Collation], target: dict[tuple[str, str], Collation]) -> tuple[str, ...]:
    out = []
    for key, want in sorted(target.items()):
        have = source.get(key)
        if have is not None and have.definition() != want.definition():
            if have.used:
                raise CollationInUse(
                    f"collation {want.qname} changes its definition ({_describe(have)} -> {_describe(want)}) "
                    "but columns, indexes or other objects use it",
                    hint="PostgreSQL cannot alter a collation; create one under a new name in schema/, move "
                    "the columns to it, and drop the old one in a later plan",
                )
            out.append(guarded(f"{want.oid} IS NOT NULL AND NOT {want.same()}", f"DROP COLLATION {want.qname}"))
        if have is None or have.definition() != want.definition():
            out.append(guarded(f"{want.oid} IS NULL", want.create_sql()))
    return tuple(out)


def _describe(c: Collation) -> str:
    where = f"locale {c.locale}" if c.provider != "c" else f"lc_collate {c.lc_collate}, lc_ctype {c.lc_ctype}"
    return f"{_PROVIDER.get(c.provider, c.provider)} {where}{'' if c.deterministic else ', nondeterministic'}"
