"""Statement kinds (what `lock_timeouts` / `statement_timeouts` are keyed by): STATEMENT = KINDS."""

from __future__ import annotations

import pytest

from reconciler.sql.kinds import statement_kinds
from reconciler.sql.online import OnlineFacts, make_online

CASES = [
    (
        "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS x ON t (a)",
        ("CREATE INDEX CONCURRENTLY", "CREATE INDEX", "CREATE"),
    ),
    ('alter table "public"."t" add column x int', ("ALTER TABLE PUBLIC", "ALTER TABLE", "ALTER")),
    ("ALTER TABLE t VALIDATE CONSTRAINT c", ("VALIDATE CONSTRAINT", "ALTER TABLE T", "ALTER TABLE", "ALTER")),
    (
        "create or replace function f() returns int as $$ select 1 $$ language sql",
        ("CREATE FUNCTION F", "CREATE FUNCTION", "CREATE"),
    ),
    ("CREATE POLICY p ON t USING (true)", ("CREATE POLICY P", "CREATE POLICY", "CREATE")),
    ("drop index concurrently if exists x", ("DROP INDEX CONCURRENTLY", "DROP INDEX", "DROP")),
    ("create materialized view v as select 1", ("CREATE MATERIALIZED VIEW", "CREATE MATERIALIZED", "CREATE")),
]


@pytest.mark.parametrize(("sql", "kinds"), CASES, ids=[c[1][0] for c in CASES])
def test_statement_kinds(sql: str, kinds: tuple[str, ...]) -> None:
    assert statement_kinds(sql) == kinds


def test_a_guard_is_the_kind_of_the_statement_it_runs() -> None:
    # The online rewrite of SET NOT NULL: a guarded ADD CONSTRAINT first (a DO block).
    guard = make_online(['alter table "public"."t" alter column "c" set not null'], OnlineFacts())[0].sql
    assert guard.startswith("DO ") and statement_kinds(guard)[-2:] == ("ALTER TABLE", "ALTER")
