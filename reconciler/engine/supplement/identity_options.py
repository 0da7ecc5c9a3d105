"""Identity columns' sequence options (ALTER TABLE … ALTER COLUMN … SET INCREMENT BY …).

The diff engine adds, drops and switches identities (ADD/DROP IDENTITY, SET GENERATED) but
creates them with default options and never changes them. After its statements (the identity
exists by then) this part sets every option that differs, guarded by the identity's sequence.
Imports `db`, `model`, `sql.guard`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ...core.model import SchemaFilter
from ...pg.db import fetch_all, query
from ...sql.guard import guarded, ident, literal, qualified
from ..fingerprint import split_name

PHASE = "post"

# The range of the integer types an identity may have (a new identity starts with these).
_TYPE_MAX = {"smallint": 32767, "integer": 2147483647, "bigint": 9223372036854775807}


@dataclass(frozen=True, slots=True)
class Identity:
    schema: str
    relation: str  # quoted and qualified
    column: str
    generated: str  # 'a' ALWAYS, 'd' BY DEFAULT
    start: int
    increment: int
    min: int
    max: int
    cache: int
    cycle: bool
    data_type: str
    sequence: str  # the identity sequence's name (in the table's schema)

    @property
    def sequence_qname(self) -> str:
        return qualified(self.schema, self.sequence)

    def options(self) -> tuple[int, int, int, int, int, bool]:
        return (self.start, self.increment, self.min, self.max, self.cache, self.cycle)

    def is_default(self) -> bool:
        """Whether ADD … AS IDENTITY without options gives these options."""
        top = _TYPE_MAX.get(self.data_type)
        return top is not None and self.options() == (1, 1, 1, top, 1, False)


def read(conn: Any, schema_filter: SchemaFilter) -> dict[tuple[str, str], Identity]:
    rows = fetch_all(conn, query("identity_columns"))
    return {
        (r[1], r[2]): Identity(*r)
        for r in rows
        if schema_filter.manages_object("column", r[0], ".".join((*split_name(r[1]), r[2])))
    }


def statements(source: dict[tuple[str, str], Identity], target: dict[tuple[str, str], Identity]) -> tuple[str, ...]:
    """ALTER COLUMN … SET <options> for each identity whose options differ from the target's.

    An identity the engine adds (or creates with its table) has default options and an unused
    sequence: it gets its options and RESTARTs at its START, as if created with them. An existing
    one keeps its current value (restarted only when the new range excludes it).
    """
    out = []
    for key, want in sorted(target.items()):
        have = source.get(key)
        if have is None and not want.is_default():
            out.append(guarded(_differs(want), f"{_alter(want)} {_options(want)} RESTART"))
        elif have is not None and have.options() != want.options():
            out += _set(have, want)
        if have is None:
            out.append(_past_rows(want))
    return tuple(out)


def _past_rows(i: Identity) -> str:
    """An identity added to a column that has rows (plain → identity, or a rollback giving an
    identity back) starts at its START and would hand out the rows' values again: it RESTARTs
    after the greatest value (the least, counting down), read when the plan runs. Silent when
    the sequence is past them already (a new table, a re-run)."""
    col, rel = ident(i.column), i.relation
    edge = f"max({col}) + {i.increment}" if i.increment > 0 else f"min({col}) + {i.increment}"
    beyond = "next_value > upcoming" if i.increment > 0 else "next_value < upcoming"
    # The value nextval() returns next (the sequence read by name: it is a relation of its own).
    upcoming = "SELECT CASE WHEN is_called THEN last_value + %s ELSE last_value END FROM %s"
    return (
        "DO $identity$\nDECLARE\n  next_value numeric;\n  upcoming numeric;\nBEGIN\n"
        f"  EXECUTE {literal(f'SELECT {edge} FROM {rel}')} INTO next_value;\n"
        f"  EXECUTE pg_catalog.format({literal(upcoming)}, {i.increment}, {_sequence(i)}) INTO upcoming;\n"
        f"  IF next_value IS NOT NULL AND {beyond} AND next_value BETWEEN {i.min} AND {i.max} THEN\n"
        f"    EXECUTE pg_catalog.format({literal(_alter(i) + ' RESTART WITH %s')}, next_value);\n"
        "  END IF;\nEND\n$identity$"
    )


def _sequence(i: Identity) -> str:
    return f"pg_catalog.pg_get_serial_sequence({literal(i.relation)}, {literal(i.column)})::pg_catalog.regclass"


def _differs(i: Identity) -> str:
    same = (
        f"s.seqstart = {i.start} AND s.seqincrement = {i.increment} AND s.seqmin = {i.min} "
        f"AND s.seqmax = {i.max} AND s.seqcache = {i.cache} AND {'' if i.cycle else 'NOT '}s.seqcycle"
    )
    return f"NOT EXISTS (SELECT FROM pg_catalog.pg_sequence s WHERE s.seqrelid = {_sequence(i)} AND {same})"


def sequence_options(i: Identity) -> str:
    """The options as `ADD GENERATED … AS IDENTITY (…)` takes them."""
    return (
        f"INCREMENT BY {i.increment} MINVALUE {i.min} MAXVALUE {i.max} START WITH {i.start} CACHE {i.cache} "
        f"{'' if i.cycle else 'NO '}CYCLE"
    )


def _options(i: Identity) -> str:
    return (
        f"SET INCREMENT BY {i.increment} SET MINVALUE {i.min} SET MAXVALUE {i.max} SET START WITH {i.start} "
        f"SET CACHE {i.cache} SET {'' if i.cycle else 'NO '}CYCLE"
    )


def _alter(i: Identity) -> str:
    return f"ALTER TABLE {i.relation} ALTER COLUMN {ident(i.column)}"


def _set(have: Identity, i: Identity) -> list[str]:
    # ALTER COLUMN … TYPE has re-typed the sequence (and its range, where it was the type's) by now.
    differs, alter, options = _differs(i), _alter(i), _options(i)
    restart = restart_out_of_range(
        differs,
        _sequence(i),
        i.min if i.min > have.min else None,
        i.max if i.max < have.max else None,
        lambda at: f"{alter} {options} RESTART WITH {at}",
    )
    return [*restart, guarded(differs, f"{alter} {options}")]


def restart_out_of_range(
    differs: str, seq: str, low: int | None, high: int | None, ddl: Callable[[int], str]
) -> list[str]:
    """Guarded statements that change a sequence's range and RESTART it inside the new one.

    PostgreSQL refuses a MINVALUE above (a MAXVALUE below) the sequence's current value
    ("RESTART value … cannot be less than MINVALUE"): restart at the new bound, the first value
    the sequence has not given out (raised MINVALUE) or the last one it still may (lowered
    MAXVALUE). `low`/`high`: the new bound when it narrows the range, else None. `ddl(value)` is
    the statement with `RESTART WITH value`. Shared with `sequences`.
    """
    last = f"(SELECT q.last_value FROM pg_catalog.pg_sequence_last_value({seq}) AS q(last_value))"
    raw = f"COALESCE({last}, (SELECT s.seqstart FROM pg_catalog.pg_sequence s WHERE s.seqrelid = {seq}))"
    out = [guarded(f"{differs} AND {raw} < {low}", ddl(low))] if low is not None else []
    out += [guarded(f"{differs} AND {raw} > {high}", ddl(high))] if high is not None else []
    return out
