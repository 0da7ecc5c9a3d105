"""Column types the generator uses: their SQL, a value for row n, defaults, checks, and type changes.

Values are chosen so that every change the mutator makes keeps them: digits only in text (a change
to integer casts), small non-negative numbers (every generated check holds), distinct per row (every
unique key holds).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class ColType:
    sql: str
    value: Callable[[int], str]  # SQL literal for row n (1-based)
    defaults: tuple[str, ...] = ()
    checks: tuple[str, ...] = ()  # with {c} for the column; every generated value passes
    changes: tuple[str, ...] = ()  # TYPES keys this type may change to (rows survive)
    needs: str | None = None  # an extension
    btree: bool = True
    family: str = "other"


def _q(s: str) -> str:
    return "'" + s + "'"


TYPES: dict[str, ColType] = {
    "int": ColType(
        "integer",
        lambda n: str(n),
        ("0", "42", "(-1)"),
        ("{c} > -1000", "{c} <> 7777"),
        ("bigint", "numeric", "text"),
        family="int",
    ),
    "bigint": ColType(
        "bigint", lambda n: str(n * 1000), ("0", "1000"), ("{c} >= 0",), ("numeric", "int"), family="int"
    ),
    "smallint": ColType("smallint", lambda n: str(n), ("1",), ("{c} < 30000",), ("int", "bigint"), family="int"),
    "numeric": ColType(
        "numeric(12,2)", lambda n: f"{n}.50", ("0", "1.25"), ("{c} >= 0",), ("numeric_wide", "text"), family="num"
    ),
    "numeric_wide": ColType("numeric(14,2)", lambda n: f"{n}.50", ("0",), ("{c} >= 0",), ("numeric",), family="num"),
    "text": ColType(
        "text",
        lambda n: _q(str(n)),
        ("''", "'x'"),
        ("length({c}) < 100", "{c} <> 'forbidden'"),
        ("varchar", "int"),
        family="text",
    ),
    "varchar": ColType(
        "varchar(20)", lambda n: _q(str(n)), ("'v'",), ("length({c}) <= 20",), ("varchar_wide", "text"), family="text"
    ),
    "varchar_wide": ColType("varchar(40)", lambda n: _q(str(n)), ("'w'",), (), ("text",), family="text"),
    "bool": ColType("boolean", lambda n: "true" if n % 2 else "false", ("false", "true"), (), ("text",), family="bool"),
    "date": ColType(
        "date",
        lambda n: _q(f"2024-01-{n:02d}"),
        ("CURRENT_DATE", "'2020-01-01'"),
        ("{c} > '1900-01-01'",),
        ("timestamptz", "text"),
        family="time",
    ),
    "timestamptz": ColType(
        "timestamp with time zone",
        lambda n: _q(f"2024-01-{n:02d} 10:00:00+00"),
        ("now()", "'2020-01-01 00:00:00+00'"),
        ("{c} > '1900-01-01'",),
        ("timestamp",),
        family="time",
    ),
    "timestamp": ColType(
        "timestamp without time zone",
        lambda n: _q(f"2024-01-{n:02d} 10:00:00"),
        ("LOCALTIMESTAMP",),
        (),
        ("timestamptz",),
        family="time",
    ),
    "jsonb": ColType(
        "jsonb",
        lambda n: _q('{"k": %d}' % n),
        ("'{}'::jsonb", "'[]'::jsonb"),
        ("jsonb_typeof({c}) IS NOT NULL",),
        ("json", "text"),
        btree=True,
        family="json",
    ),
    "json": ColType("json", lambda n: _q('{"k": %d}' % n), ("'{}'::json",), (), ("jsonb",), btree=False, family="json"),
    "uuid": ColType(
        "uuid", lambda n: _q(f"00000000-0000-0000-0000-{n:012d}"), ("gen_random_uuid()",), (), ("text",), family="uuid"
    ),
    "int_array": ColType(
        "integer[]",
        lambda n: _q("{%d,%d}" % (n, n + 1)),
        ("'{}'::integer[]",),
        ("cardinality({c}) < 100",),
        ("bigint_array",),
        family="array",
    ),
    "bigint_array": ColType("bigint[]", lambda n: _q("{%d}" % n), ("'{}'::bigint[]",), (), (), family="array"),
    "text_array": ColType("text[]", lambda n: _q("{a%d}" % n), ("'{}'::text[]",), (), (), family="array"),
    "inet": ColType("inet", lambda n: _q(f"10.0.0.{n}"), ("'127.0.0.1'",), (), ("text",), family="net"),
    "bytea": ColType("bytea", lambda n: _q("\\x0%d" % n), ("'\\x00'::bytea",), (), (), family="bytes"),
    "int4range": ColType(
        "int4range", lambda n: _q(f"[{n * 10},{n * 10 + 5})"), (), ("NOT isempty({c})",), (), btree=True, family="range"
    ),
    "citext": ColType("citext", lambda n: _q(f"C{n}"), ("'c'",), (), ("text",), needs="citext", family="text"),
    "vector": ColType(
        "vector(3)", lambda n: _q(f"[{n},{n},{n}]"), (), (), (), needs="vector", btree=False, family="vector"
    ),
    "hstore": ColType(
        "hstore", lambda n: _q(f"k=>{n}"), (), (), ("text",), needs="hstore", btree=False, family="hstore"
    ),
}

# what a column of each key can become when the row values must survive (USING casts exist)
