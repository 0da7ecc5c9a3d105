"""Sequence options (migra creates sequences with default options).

Runs before migra's statements: a new sequence is created here with its options (START, INCREMENT…),
before a column default consumes values from it; migra's own CREATE SEQUENCE then finds it there
(the rewriter makes it IF NOT EXISTS). OWNED BY is `sequence_owners`, after the columns exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.model import SchemaFilter
from ...pg.db import fetch_all, query
from ...sql.guard import literal, regclass
from .identity_options import restart_out_of_range


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

    def create_sql(self) -> str:
        return self.options_sql().replace("ALTER SEQUENCE", "CREATE SEQUENCE IF NOT EXISTS", 1)

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


PHASE = "pre"


def read(conn: Any, schema_filter: SchemaFilter) -> dict[tuple[str, str], SequenceOptions]:
    rows = fetch_all(conn, query("sequences"))
    return {
        (r[0], r[1]): SequenceOptions(*r)
        for r in rows
        if schema_filter.manages_object("sequence", r[0], f"{r[0]}.{r[1]}")
    }


def statements(
    source: dict[tuple[str, str], SequenceOptions], target: dict[tuple[str, str], SequenceOptions]
) -> tuple[str, ...]:
    """Statements that bring `source`'s sequence options and ownership to `target`'s."""
    out: list[str] = []
    for key, want in sorted(target.items()):
        have = source.get(key)
        if have is None:
            out.append(want.create_sql())
        elif _options(have) != _options(want):
            out += _restarts(have, want)
            out.append(want.options_sql())
    return tuple(out)


def _restarts(have: SequenceOptions, want: SequenceOptions) -> list[str]:
    """A raised MINVALUE (lowered MAXVALUE) fails while the current value is outside the new range."""
    seq = regclass(want.qname)
    same = " AND ".join(
        (
            f"s.seqtypid = pg_catalog.to_regtype({literal(want.data_type)})",
            f"s.seqstart = {want.start}",
            f"s.seqincrement = {want.increment}",
            f"s.seqmin = {want.min}",
            f"s.seqmax = {want.max}",
            f"s.seqcache = {want.cache}",
            f"{'' if want.cycle else 'NOT '}s.seqcycle",
        )
    )
    differs = f"NOT EXISTS (SELECT FROM pg_catalog.pg_sequence s WHERE s.seqrelid = {seq} AND {same})"
    return restart_out_of_range(
        differs,
        seq,
        want.min if want.min > have.min else None,
        want.max if want.max < have.max else None,
        lambda at: f"{want.options_sql().rstrip(';')} RESTART WITH {at}",
    )


def _options(s: SequenceOptions | None) -> tuple[object, ...]:
    if s is None:
        return ()
    return (s.data_type, s.start, s.increment, s.min, s.max, s.cache, s.cycle)
