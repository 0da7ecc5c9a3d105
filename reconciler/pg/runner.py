"""Running a plan's statements: one transaction per block, the rest one by one.

Shared by `apply` (on the target) and the proof (on scratch), so what is proven is what runs.
Each step runs under a session `lock_timeout`/`statement_timeout` (set on the connection, never
written into the plan file, so the file stays plain SQL for psql); a lock timeout or deadlock
rolls the step back and retries it with jittered exponential backoff. Imports `db`, `model`,
`planfile`, `sql`.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..core.model import PlannedStatement
from ..core.progress import begin, first_line
from ..sql.kinds import statement_kinds
from ..sql.objects import executed_text
from ..sql.parse import concurrent_index
from .db import Error, execute, fetch_all, fetch_one, pg_error_fields, query

# SQLSTATEs after which the step is rolled back and run again: the lock was not granted in time
# (lock_timeout), or PostgreSQL chose this step as the victim of a deadlock.
LOCK_NOT_AVAILABLE = "55P03"  # lock_timeout ran out
RETRYABLE = {LOCK_NOT_AVAILABLE: "lock timeout", "40P01": "deadlock"}
STATEMENT_TIMEOUT = "57014"


def steps(statements: tuple[PlannedStatement, ...]) -> tuple[tuple[bool, tuple[str, ...]], ...]:
    """Group statements into steps: (True, group) runs in one transaction, (False, (one,)) alone."""
    out: list[tuple[bool, tuple[str, ...]]] = []
    group: list[str] = []
    for st in statements:
        if st.transactional:
            group.append(st.sql)
            continue
        if group:
            out.append((True, tuple(group)))
            group = []
        out.append((False, (st.sql,)))
    if group:
        out.append((True, tuple(group)))
    return tuple(out)


@dataclass(frozen=True, slots=True)
class Timeouts:
    """Session settings for every step (seconds; 0 = no limit) and the retry budget."""

    lock_timeout: float = 3.0
    statement_timeout: float = 900.0
    retries: int = 5
    backoff: float = 0.25  # first retry delay; doubled per attempt, jittered ×0.5–1.5, capped at 30 s
    # Per statement kind (see `statement_kinds`), over the two above: e.g. {"CREATE POLICY": 1}.
    lock_by_kind: Mapping[str, float] = field(default_factory=dict)
    statement_by_kind: Mapping[str, float] = field(default_factory=dict)

    def for_statement(self, sql: str) -> tuple[float, float]:
        """(lock_timeout, statement_timeout) for one statement: its most specific configured kind."""
        kinds = statement_kinds(sql) if self.lock_by_kind or self.statement_by_kind else ()
        lock = next((self.lock_by_kind[k] for k in kinds if k in self.lock_by_kind), self.lock_timeout)
        stmt = next((self.statement_by_kind[k] for k in kinds if k in self.statement_by_kind), self.statement_timeout)
        return lock, stmt


@dataclass(frozen=True, slots=True)
class Retry:
    """A step that hit a lock timeout or deadlock, rolled back, and runs again after `delay`."""

    step: int
    attempt: int  # the attempt that failed (1 = the first run)
    reason: str
    blockers: tuple[str, ...]
    delay: float


@dataclass(frozen=True, slots=True)
class StepFailure(Exception):
    """Step `step` failed at `statement`; steps before it were committed."""

    step: int
    statement: str
    fields: dict[str, Any]
    attempts: int = 1
    blockers: tuple[str, ...] = ()

    def describe(self, name: str) -> str:
        committed = f"; steps 1–{self.step - 1} were committed and stay applied" if self.step > 1 else ""
        # A guard's DO block shows the statement it runs.
        shown = executed_text(self.statement).strip() if self.statement else ""
        line = shown.splitlines()[0][:200] if shown else ""
        tries = f" after {self.attempts} attempts" if self.attempts > 1 else ""
        lines = [f"{name}: step {self.step} failed{tries}{committed}", f"  statement: {line}"]
        lines.append(f"  {self.fields['message']}")
        if self.blockers:
            lines.append("  blocked by:")
            lines += [f"    {b}" for b in self.blockers]
        return "\n".join(lines)


def _interval(seconds: float) -> str:
    return f"{round(seconds * 1000)}ms" if seconds > 0 else "0"


def run(
    conn: Any,
    statements: tuple[PlannedStatement, ...],
    timeouts: Timeouts | None = None,
    *,
    monitor: Any = None,
    on_retry: Callable[[Retry], None] | None = None,
) -> int:
    """Run every step on `conn` (psycopg2); returns the statement count or raises StepFailure.

    With `timeouts`, each step runs under them and is retried on a lock timeout or deadlock;
    `monitor` (another idle connection) watches whom the step waits for, to name the blockers.
    """
    done = 0
    try:
        planned = steps(statements)
        for n, (transactional, group) in enumerate(planned, 1):
            shown = begin(f"step {n}/{len(planned)}: {first_line(group[0])}")
            attempt = 1
            while True:
                try:
                    _step(conn, transactional, group, timeouts, monitor)
                    break
                except _Failed as f:
                    reason = RETRYABLE.get(str(f.fields.get("sqlstate")))
                    if reason is None or timeouts is None or attempt > timeouts.retries or conn.closed:
                        if not transactional:
                            # the failed build's INVALID index would outlive the failure (and the undo)
                            with contextlib.suppress(Error):
                                _drop_invalid_leftover(conn, group[0])
                        raise StepFailure(n, f.sql, f.fields, attempt, f.blockers) from None
                    delay = min(30.0, timeouts.backoff * 2 ** (attempt - 1)) * random.uniform(0.5, 1.5)
                    if on_retry is not None:
                        on_retry(Retry(n, attempt, reason, f.blockers, delay))
                    time.sleep(delay)
                    if not transactional:
                        _drop_invalid_leftover(conn, group[0])
                    attempt += 1
            done += len(group)
            shown()
    finally:
        if not conn.closed:
            conn.autocommit = True
    return done


class _Failed(Exception):
    def __init__(self, sql: str, fields: dict[str, Any], blockers: tuple[str, ...]) -> None:
        super().__init__(sql)
        self.sql, self.fields, self.blockers = sql, fields, blockers


def _step(conn: Any, transactional: bool, group: tuple[str, ...], timeouts: Timeouts | None, monitor: Any) -> None:
    conn.autocommit = True
    if timeouts is not None and conn.server_version >= 140000:
        # A killed client's backend notices the closed socket within a second and rolls back,
        # instead of finishing (and committing) the step on its own.
        execute(conn, "SET client_connection_check_interval = '1s'")
    conn.autocommit = not transactional
    poll = max(0.05, min(0.5, (timeouts.lock_timeout if timeouts else 1.0) / 4))
    with _Watcher(monitor, conn.get_backend_pid(), poll) as watcher:
        sql = ""
        current: tuple[float, float] | None = None
        try:
            for sql in group:
                if timeouts is not None and (wanted := timeouts.for_statement(sql)) != current:
                    # Session-level SET (not SET LOCAL): CREATE INDEX CONCURRENTLY runs outside any
                    # transaction; inside one, a SET before each statement kind holds from there on.
                    execute(conn, "SET lock_timeout = %s", (_interval(wanted[0]),))
                    execute(conn, "SET statement_timeout = %s", (_interval(wanted[1]),))
                    current = wanted
                execute(conn, sql)
            if transactional:
                sql = "COMMIT"
                conn.commit()
        except Error as exc:
            fields = pg_error_fields(exc)
            if transactional and not conn.closed:
                conn.rollback()
            raise _Failed(sql, fields, watcher.blockers) from None


def _drop_invalid_leftover(conn: Any, sql: str) -> None:
    """A failed CREATE INDEX CONCURRENTLY leaves an INVALID index that IF NOT EXISTS would skip."""
    name = concurrent_index(sql)
    if name is None or conn.closed:
        return
    qname = ".".join('"' + p.replace('"', '""') + '"' for p in name)
    row = fetch_one(conn, "SELECT NOT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)", (qname,))
    if row and row[0]:
        execute(conn, f"DROP INDEX CONCURRENTLY IF EXISTS {qname}")


class _Watcher:
    """Polls pg_blocking_pids() of the step's backend from `monitor` while the step runs."""

    def __init__(self, monitor: Any, pid: int, interval: float) -> None:
        self.monitor, self.pid, self.interval = monitor, pid, interval
        self.blockers: tuple[str, ...] = ()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def __enter__(self) -> _Watcher:
        if self.monitor is not None:
            self._thread = threading.Thread(target=self._poll, name="reconcile-blockers", daemon=True)
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()

    def _poll(self) -> None:
        while not self._stop.wait(self.interval):
            try:
                rows = fetch_all(self.monitor, query("blockers"), {"pid": self.pid})
            except Error:
                return
            if rows:
                self.blockers = tuple(describe_session(*r) for r in rows)


def describe_session(
    pid: int, user: str, app: str, state: str | None, query_start: Any, xact_start: Any, first_line: str | None
) -> str:
    since = f"query started {query_start:%Y-%m-%d %H:%M:%S %Z}" if query_start else "no query yet"
    xact = f", transaction open since {xact_start:%H:%M:%S}" if xact_start else ""
    text = (first_line or "").strip()
    return f"pid {pid} (user {user}, application {app!r}, {state or 'unknown state'}, {since}{xact}): {text!r}"
