"""Schema per tenant: one database holding one schema per tenant, each shaped like schema/'s schema.

A tenant is seen through a `SchemaMap`: its fingerprint is read with only its schema managed and
its schema's name written as the template's (schema/'s schema), so a tenant compares with schema/
and with other tenants and databases; a plan made in the template's names runs on it with the
names written back. The mapping is textual (qualifiers `tenant.x`, `"Tenant".x`, the schema's name
as a string literal, `SCHEMA tenant`); a fleet plan proves it on a copy of a tenant before anyone
applies it, and apply checks the tenant's fingerprint before and after as for any target.
Imports `db`, `fingerprint`, `model`, `sql.identifiers`.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import re
from dataclasses import dataclass
from functools import cached_property

from ..core.model import Fingerprint, ObjectDef, Plan, SchemaFilter
from ..pg.db import Dsn, connection, fetch_all, query
from ..sql.identifiers import quote_ident
from .fingerprint import fingerprint, of_objects


def _forms(name: str) -> tuple[str, ...]:
    """How a schema's name appears in SQL text: as PostgreSQL prints it, and quoted."""
    quoted = '"' + name.replace('"', '""') + '"'
    return tuple(dict.fromkeys((quote_ident(name), quoted)))


def _pattern(name: str) -> re.Pattern[str]:
    """The name where it is a schema: before a dot (a qualifier), alone in a string literal, or
    after SCHEMA; never inside another identifier, nor as the second part of a qualified name."""
    alts = "|".join(re.escape(f) for f in sorted(_forms(name), key=len, reverse=True))
    literal = re.escape("'" + name.replace("'", "''") + "'")
    return re.compile(
        rf"(?<![\w$.\"])(?:{alts})(?=\.)"  # app.users, "app".users (also inside 'app.users')
        rf"|(?<![\w$])(?:{literal})"  # nspname = 'app'
        rf"|(?:(?<=\bSCHEMA )|(?<=\bschema ))(?:{alts})(?![\w$])",  # CREATE SCHEMA app, SET SCHEMA app
    )


@dataclass(frozen=True)  # no slots: cached_property keeps the patterns in the instance's __dict__
class SchemaMap:
    """Tenant schema `schema` seen as schema/'s schema `template`."""

    schema: str
    template: str

    @cached_property
    def _to_template(self) -> re.Pattern[str]:
        return _pattern(self.schema)

    @cached_property
    def _to_tenant(self) -> re.Pattern[str]:
        return _pattern(self.template)

    @staticmethod
    def _replace(pattern: re.Pattern[str], new: str, text: str, *, printed: bool = False) -> str:
        """`printed`: every name as PostgreSQL prints it (quoted only when it must be), as in a
        fingerprint; else a quoted name stays quoted, as it was written."""

        def sub(m: re.Match[str]) -> str:
            found = m.group(0)
            if found.startswith("'"):
                return "'" + new.replace("'", "''") + "'"
            if found.startswith('"') and not printed:
                return '"' + new.replace('"', '""') + '"'
            return quote_ident(new)

        return pattern.sub(sub, text)

    def to_template(self, text: str, *, printed: bool = False) -> str:
        return self._replace(self._to_template, self.template, text, printed=printed)

    def to_tenant(self, text: str) -> str:
        return self._replace(self._to_tenant, self.schema, text)

    def schema_filter(self, base: SchemaFilter) -> SchemaFilter:
        """`base` (the plan's or the config's) with only the tenant's schema managed."""
        return dataclasses.replace(base, include=(self.schema,), exclude=())

    def fingerprint(self, dsn: Dsn, base: SchemaFilter, *, lock_timeout: float | None = None) -> Fingerprint:
        """The tenant's fingerprint in the template's names (comparable with schema/'s)."""
        return self.mapped(fingerprint(dsn, self.schema_filter(base), lock_timeout=lock_timeout))

    def mapped(self, fp: Fingerprint) -> Fingerprint:
        return of_objects(
            ObjectDef(o.kind, self._name(o), self.to_template(o.definition, printed=True)) for o in fp.objects
        )

    def _name(self, o: ObjectDef) -> str:
        if o.kind == "schema" and o.name == quote_ident(self.schema):
            return quote_ident(self.template)
        name = self.to_template(o.name, printed=True)
        suffix = " (schema)"
        if name.endswith(suffix) and name[: -len(suffix)] == quote_ident(self.schema):
            return quote_ident(self.template) + suffix
        return name

    def plan(self, plan: Plan) -> Plan:
        """`plan` (in the template's names) with its statements in the tenant's names."""
        statements = tuple(dataclasses.replace(s, sql=self.to_tenant(s.sql)) for s in plan.statements)
        return dataclasses.replace(plan, statements=statements)


def schema_names(dsn: Dsn) -> tuple[str, ...]:
    """Every schema of `dsn`, sorted by name (`matching` picks the tenants among them)."""
    with connection(dsn, purpose="list tenant schemas") as conn:
        return tuple(str(r[0]) for r in fetch_all(conn, query("schema_names")))


def matching(names: tuple[str, ...], pattern: str) -> tuple[str, ...]:
    """The names that match the glob `pattern` (tenant_*)."""
    return tuple(n for n in names if fnmatch.fnmatchcase(n, pattern))
