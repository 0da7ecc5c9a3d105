"""Running a plan's statements: one transaction per block, the rest one by one.

Shared by `apply` (on the target) and the proof (on scratch), so what is proven is what runs.
Imports `db`, `model`, `planfile`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .db import Error, execute, pg_error_fields
from .model import PlannedStatement
from .planfile import steps


@dataclass(frozen=True, slots=True)
class StepFailure(Exception):
    """Step `step` failed at `statement`; steps before it were committed."""

    step: int
    statement: str
    fields: dict[str, Any]

    def describe(self, name: str) -> str:
        committed = f"; steps 1–{self.step - 1} were committed and stay applied" if self.step > 1 else ""
        first_line = self.statement.splitlines()[0][:200] if self.statement else ""
        return f"{name}: step {self.step} failed{committed}\n  statement: {first_line}\n  {self.fields['message']}"


def run(conn: Any, statements: tuple[PlannedStatement, ...]) -> int:
    """Run every step on `conn` (psycopg2); returns the statement count or raises StepFailure."""
    done = 0
    try:
        for n, (transactional, group) in enumerate(steps(statements), 1):
            conn.autocommit = not transactional
            for sql in group:
                try:
                    execute(conn, sql)
                except Error as exc:
                    if transactional:
                        conn.rollback()
                    raise StepFailure(n, sql, pg_error_fields(exc)) from None
                done += 1
            if transactional:
                conn.commit()
    finally:
        conn.autocommit = True
    return done
