"""The supplementary differ: what migra does not diff, from our own catalog queries.

Statements from here run after migra's (so the tables and columns they refer to exist).
Covers today: sequence options and OWNED BY. Imports `db`, `fingerprint`, `model`.
"""

from __future__ import annotations

from dataclasses import dataclass

from .db import Dsn, connection, execute, fetch_all, query
from .fingerprint import INSPECT_SETTINGS
from .model import SchemaFilter


@dataclass(frozen=True, slots=True)
class SequenceOptions:
    schema: str
    name: str
    data_type: str
    start: int
    increment: int
    min: int
    max: int
    cache: int
    cycle: bool
    owned_by: str | None

    @property
    def qname(self) -> str:
        return f"{_q(self.schema)}.{_q(self.name)}"

    def options_sql(self) -> str:
        return (
            f"ALTER SEQUENCE {self.qname} AS {self.data_type} INCREMENT BY {self.increment} "
            f"MINVALUE {self.min} MAXVALUE {self.max} START WITH {self.start} CACHE {self.cache} "
            f"{'' if self.cycle else 'NO '}CYCLE;"
        )

    def owned_sql(self) -> str:
        return f"ALTER SEQUENCE {self.qname} OWNED BY {self.owned_by or 'NONE'};"


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


@dataclass(frozen=True, slots=True)
class Catalog:
    """What the supplementary differ reads from one database."""

    sequences: dict[tuple[str, str], SequenceOptions]


def read_catalog(dsn: Dsn, schema_filter: SchemaFilter) -> Catalog:
    with connection(dsn, purpose="inspect") as conn:
        execute(conn, INSPECT_SETTINGS)
        rows = fetch_all(conn, query("sequences"))
    seqs = {(r[0], r[1]): SequenceOptions(*r) for r in rows if schema_filter.manages(r[0])}
    return Catalog(seqs)


def statements(source: Catalog, target: Catalog) -> tuple[str, ...]:
    """Statements that bring `source`'s supplementary attributes to `target`'s."""
    out: list[str] = []
    for key, want in sorted(target.sequences.items()):
        have = source.sequences.get(key)
        defaults_of_create = have is None
        if defaults_of_create or _options(have) != _options(want):
            out.append(want.options_sql())
        if (have.owned_by if have else None) != want.owned_by:
            out.append(want.owned_sql())
    return tuple(out)


def _options(s: SequenceOptions | None) -> tuple[object, ...]:
    if s is None:
        return ()
    return (s.data_type, s.start, s.increment, s.min, s.max, s.cache, s.cycle)
