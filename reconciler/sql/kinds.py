"""Statement kinds: what per-kind settings (`lock_timeouts`, `statement_timeouts`) are keyed by.

Imports pglast and `sql.guard_read` (a guard is the kind of the statement it runs).
"""

from __future__ import annotations

import re

from pglast import ast, parser

from .guard_read import guarded_statement
from .parse import RawStream

# Words that do not change what kind of statement it is.
_NOISE = frozenset({"OR", "REPLACE", "UNIQUE", "TEMP", "TEMPORARY", "UNLOGGED", "IF", "NOT", "EXISTS", "ONLY"})


def statement_kinds(sql: str) -> tuple[str, ...]:
    """The kinds a statement answers to, most specific first: its leading keywords (3, 2, 1 of
    them, noise words such as OR REPLACE / UNIQUE / IF NOT EXISTS left out), so `CREATE UNIQUE INDEX
    CONCURRENTLY …` is "CREATE INDEX CONCURRENTLY", then "CREATE INDEX", then "CREATE"; an ALTER
    TABLE that validates a constraint is "VALIDATE CONSTRAINT" first. A guard (DO block) is the
    kind of the statement it runs."""
    text = sql
    try:
        parsed = parser.parse_sql(sql)
        if len(parsed) == 1 and isinstance(parsed[0].stmt, ast.DoStmt):
            inner = guarded_statement(parsed[0].stmt)
            if inner is not None:
                text = str(RawStream()(inner))
    except parser.ParseError:
        pass
    upper = " ".join(text.upper().split())
    words = [w for w in re.findall(r"[A-Z_]+", upper.split("(", 1)[0])[:8] if w not in _NOISE]
    kinds = [" ".join(words[:n]) for n in (3, 2, 1) if len(words) >= n]
    if words[:2] == ["ALTER", "TABLE"] and " VALIDATE CONSTRAINT " in f" {upper} ":
        kinds.insert(0, "VALIDATE CONSTRAINT")
    return tuple(kinds)
