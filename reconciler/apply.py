"""`reconcile apply`: run a reviewed plan under an advisory lock, refusing stale plans.

A use case: returns an ApplyResult, never prints; asks the caller through `confirm`.
Imports config, db, errors, fingerprint, history, model, planfile, sql.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from pathlib import Path

from . import history, runner
from .config import Config
from .db import Dsn, connect, describe, execute, fetch_all, fetch_one, ident, query
from .errors import DatabaseError, DestructiveChangeError, LockHeldError, ReconcileError, StalePlanError
from .fingerprint import fingerprint
from .model import ApplyResult, Plan
from .planfile import read, steps
from .sql.parse import touched_tables

# pg_try_advisory_lock(int4, int4): "reco" and 1; pg_locks shows them as classid/objid, objsubid 2.
LOCK_CLASSID = 0x7265636F
LOCK_OBJID = 1


def _acquire_lock(conn: object, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        row = fetch_one(conn, "SELECT pg_try_advisory_lock(%s, %s)", (LOCK_CLASSID, LOCK_OBJID))  # type: ignore[arg-type]
        if row and row[0]:
            return
        if time.monotonic() >= deadline:
            break
        time.sleep(0.2)
    holder = fetch_one(conn, query("lock_holder"), {"classid": LOCK_CLASSID, "objid": LOCK_OBJID})  # type: ignore[arg-type]
    who = "another session"
    if holder:
        pid, user, app, addr, since, state = holder
        who = (
            f"pid {pid} (user {user}, application {app!r}, from {addr or 'local socket'}, "
            f"connected since {since:%Y-%m-%d %H:%M:%S %Z}, {state})"
        )
    raise LockHeldError(
        f"another apply is running on this target: the reconcile apply lock is held by {who}",
        hint="wait for it to finish and re-run; if that session is gone, end it with pg_terminate_backend(pid)",
    )


def apply_plan(
    config: Config,
    path: Path,
    *,
    allow_destructive: bool = False,
    dry_run: bool = False,
    confirm: Callable[[Plan], bool] = lambda plan: True,
    target: Dsn | None = None,
) -> ApplyResult:
    plan = read(path)
    h = plan.header
    if h.destructive and not (h.allow_destructive or allow_destructive):
        raise DestructiveChangeError(
            f"{path.name} drops {len(h.destructive)} object(s) or column(s) and their data:\n"
            + "\n".join(f"  - {d}" for d in h.destructive),
            items=h.destructive,
            hint="review them; re-run with --allow-destructive to apply anyway",
        )
    warnings: tuple[str, ...] = ()
    if not h.proof.startswith("passed"):
        warnings = (f"{path.name} was not proven on scratch (proof: {h.proof}); review it with extra care",)
    dsn = target or config.target()
    started = time.monotonic()
    lock_conn = connect(dsn, purpose=f"apply {h.name}")
    try:
        _acquire_lock(lock_conn, config.lock_wait)
        current = fingerprint(dsn, h.schema_filter)
        if current.digest == h.produces_fingerprint:
            return ApplyResult(path, h.name, "already-applied", 0, 0.0, True, current.digest, (), warnings=warnings)
        if current.digest != h.expects_fingerprint:
            raise StalePlanError(
                f"stale plan: the target ({describe(dsn)}) is not in the state {path.name} was made against "
                f"(expects {h.expects_fingerprint[:19]}…, found {current.digest[:19]}…)",
                hint="re-run `reconcile plan` against the target as it is now",
            )
        plan_steps = steps(plan.statements)
        if dry_run:
            return ApplyResult(
                path, h.name, "dry-run", len(plan.statements), 0.0, True, current.digest, (), plan_steps, warnings
            )
        if not confirm(plan):
            raise ReconcileError("apply cancelled: nothing was changed")
        return dataclasses.replace(_run(dsn, plan, path, lock_conn, started), warnings=warnings)
    finally:
        lock_conn.close()  # closing the session releases the advisory lock


def _run(dsn: Dsn, plan: Plan, path: Path, lock_conn: object, started: float) -> ApplyResult:
    h = plan.header
    history.ensure(lock_conn)
    run_id = history.start(lock_conn, h)
    work = connect(dsn, autocommit=True, purpose=f"apply {h.name}")
    try:
        try:
            done = runner.run(work, plan.statements)
        except runner.StepFailure as failure:
            message = failure.describe(path.name)
            if failure.step == 1:
                message = message.replace(" failed\n", " failed; nothing was changed\n", 1)
            history.finish(lock_conn, run_id, "failed", None, message)
            f = failure.fields
            raise DatabaseError(
                message,
                detail=f"DETAIL: {f['detail']}" if f.get("detail") else None,
                hint=f.get("hint") or "fix the cause and re-run `reconcile plan`",
            ) from None
        after = fingerprint(dsn, h.schema_filter)
        history.finish(lock_conn, run_id, "succeeded", after.digest)
        analyzed = _analyze(work, plan)
    finally:
        work.close()
    ok = after.digest == h.produces_fingerprint
    result = ApplyResult(path, h.name, "succeeded", done, time.monotonic() - started, ok, after.digest, analyzed)
    if not ok:
        raise FingerprintMismatch(result, h.produces_fingerprint)
    return result


class FingerprintMismatch(ReconcileError):
    """Every statement ran, but the target did not reach the promised schema."""

    def __init__(self, result: ApplyResult, promised: str) -> None:
        super().__init__(
            f"{result.name}: all {result.statements} statements were applied and committed, but the target's "
            f"fingerprint {result.fingerprint[:19]}… is not the promised {promised[:19]}…",
            hint="run `reconcile drift` to see which objects differ, and report the plan",
        )
        self.result = result


def _analyze(conn: object, plan: Plan) -> tuple[str, ...]:
    """ANALYZE the tables the plan created or altered (the seed's post-migration step)."""
    names: list[tuple[str, str]] = []
    for st in plan.statements:
        for t in touched_tables(st.sql):
            if t not in names:
                names.append(t)
    done = []
    for schema, table in names:
        rows = fetch_all(
            conn,  # type: ignore[arg-type]
            "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = %s AND c.relname = %s AND c.relkind IN ('r', 'p', 'm')",
            (schema, table),
        )
        if rows:
            execute(conn, "ANALYZE {}".format(ident(schema, table).as_string(conn)))  # type: ignore[arg-type]
            done.append(f"{schema}.{table}")
    return tuple(done)
