"""Names of PostgreSQL 18's NOT NULL constraints (`col text CONSTRAINT name NOT NULL`), which the
diff engine does not see: ALTER TABLE … RENAME CONSTRAINT.

After the engine's statements: a column it makes NOT NULL (a new table or column, SET NOT NULL)
gets the default name PostgreSQL chooses, renamed here when schema/ names it otherwise. Older
versions have no such constraints (the query returns nothing). Imports `db`, `model`, `sql.guard`.
"""

from __future__ import annotations

from typing import Any

from ...core.model import SchemaFilter
from ...pg.db import fetch_all, query
from ...sql.guard import guarded, ident, literal, regclass

PHASE = "post"
ORDER = 10  # after the other post parts (a table option never depends on it)

NAMEDATALEN = 64

# (quoted qualified table, column) -> (table name, constraint name, inherited)
Names = dict[tuple[str, str], tuple[str, str, bool]]


def read(conn: Any, schema_filter: SchemaFilter) -> Names:
    out: Names = {}
    for schema, table, qname, column, name, inherited in fetch_all(conn, query("not_null_names")):
        if schema_filter.manages_object("table", schema, f"{schema}.{table}"):
            out[(qname, column)] = (table, name, bool(inherited))
    return out


def statements(source: Names, target: Names) -> tuple[str, ...]:
    """Renames to the target's names. An inherited constraint (a partition's) is not compared (its
    name depends on how the partition joined, and it cannot be renamed): the fingerprint leaves it
    out too. One that stops being inherited (a detached partition) keeps the name it had."""
    out = []
    for (qname, column), (table, want, inherited) in sorted(target.items()):
        if inherited:
            continue
        have = source.get((qname, column))
        # What the column's constraint is called once the engine's statements ran: the name it
        # had, or (made NOT NULL now: a new table or column, SET NOT NULL) PostgreSQL's default.
        candidates = dict.fromkeys(n for n in (have[1] if have else None, default_name(table, column)) if n)
        for old in candidates:
            if old == want:
                break  # already right (a guard per candidate would rename a right name away)
            out.append(rename(qname, old, want))
    return tuple(out)


def rename(qname: str, old: str, want: str) -> str:
    """RENAME CONSTRAINT of `qname`'s NOT NULL constraint `old` to `want`, while `old` is there and `want` is not."""
    exists = (
        "EXISTS (SELECT FROM pg_catalog.pg_constraint co WHERE co.conrelid = "
        f"{regclass(qname)} AND co.contype = 'n' AND co.conname = {{}})"
    )
    return guarded(
        f"{exists.format(literal(old))} AND NOT {exists.format(literal(want))}",
        f"ALTER TABLE {qname} RENAME CONSTRAINT {ident(old)} TO {ident(want)}",
    )


def default_name(table: str, column: str, label: str = "not_null") -> str:
    """The name PostgreSQL 18 gives `column`'s NOT NULL constraint, as makeObjectName(table, column,
    "not_null") makes it: the longer name loses a byte at a time until both fit NAMEDATALEN - 1 with
    the underscores and label, then each is clipped to whole characters. (A name already taken gets
    a number: the guard then finds nothing to rename and the proof reports the difference.) With
    `label` "seq": the name of a serial's or identity's sequence."""
    first, second = table.encode(), column.encode()
    avail = NAMEDATALEN - 1 - (1 + len(label) + 1)
    n1, n2 = len(first), len(second)
    while n1 + n2 > avail:
        if n1 > n2:
            n1 -= 1
        else:
            n2 -= 1
    a, b = first[:n1].decode("utf-8", "ignore"), second[:n2].decode("utf-8", "ignore")
    return f"{a}_{b}_{label}"
