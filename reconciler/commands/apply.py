"""`reconcile apply`: run a reviewed plan under an advisory lock, refusing stale plans.

A use case: returns an ApplyResult, never prints; asks the caller through `confirm`.
Steps run under `lock_timeout`/`statement_timeout` with retries (runner); a transaction pooler is
refused before connecting; runs left `running` by killed processes are marked `aborted`;
`--backup DIR` dumps the touched tables first (backup); a plan whose rollback is unavailable
(it failed its proof) needs that or `--allow-unproven-rollback`, and is not undone. Imports
config, db, errors, fingerprint, history, model, planfile, runner, backup, sql.
"""

from __future__ import annotations

import dataclasses
import json
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ..core.config import Config
from ..core.errors import ConfigError, DatabaseError, LockHeldError, ReconcileError, StalePlanError
from ..core.model import ApplyResult, Fingerprint, Plan, PlanHeader, SchemaFilter
from ..engine import hazards
from ..engine.catalog_kinds import secrets_asked
from ..engine.fingerprint import fingerprint
from ..engine.planfile import parse, read
from ..engine.tenants import SchemaMap
from ..pg import backup, history, pooler, runner
from ..pg.db import Dsn, Error, connect, describe, execute, fetch_all, fetch_one, ident, pg_error_fields, query
from ..pg.history import LOCK_CLASSID, LOCK_OBJID
from ..pg.pooler import TransactionPoolerError
from ..pg.runner import steps
from ..sql.parse import dropped_or_renamed_tables, touched_tables
from . import settings
from .target import configured_target

# Supabase's transaction pooler (Supavisor, port 6543): each transaction may land on another server
# session, so session advisory locks and SET do not hold. Its session pooler listens on 5432.
PoolerError = TransactionPoolerError


def refuse_transaction_pooler(dsn: Dsn) -> None:
    """Refuse port 6543 (before connecting): the apply lock and the timeouts need one real session."""
    pooler.refuse_transaction_pooler(dsn, "apply", "the apply lock, lock_timeout and statement_timeout")


# The first line of a tenant's rollback as the history stores it: which schema it ran on.
_TENANT_LINE = "-- reconcile tenant schema: "


@dataclasses.dataclass(frozen=True, slots=True)
class _View:
    """How apply sees its target: whole (`schema_map` None), or one tenant schema in the plan's names."""

    schema_map: SchemaMap | None
    # Reading the target's schema waits at most this long for a lock (seconds), `retries` more times:
    # a table locked ACCESS EXCLUSIVE by another session must fail the apply, not hang it.
    lock_timeout: float | None = None
    retries: int = 0

    def fingerprint(self, dsn: Dsn, schema_filter: SchemaFilter) -> Fingerprint:
        for attempt in range(self.retries + 1):
            try:
                if self.schema_map is None:
                    return fingerprint(dsn, schema_filter, lock_timeout=self.lock_timeout)
                return self.schema_map.fingerprint(dsn, schema_filter, lock_timeout=self.lock_timeout)
            except Error as exc:
                if pg_error_fields(exc).get("sqlstate") != runner.LOCK_NOT_AVAILABLE:
                    raise
            if attempt < self.retries:
                time.sleep(min(2.0, 0.2 * 2**attempt))
        raise DatabaseError(
            f"reading the schema of {describe(dsn)} waited longer than lock_timeout ({self.lock_timeout:g}s) "
            f"for a lock, {self.retries + 1} time(s): another session holds a lock on one of its tables; "
            "nothing was changed",
            hint="end the blocking session or re-run when it is gone; raise --lock-timeout / --lock-retries "
            "(`lock_timeout`, `lock_retries`)",
        )

    def plan(self, plan: Plan) -> Plan:
        return self.schema_map.plan(plan) if self.schema_map is not None else plan

    def stored(self, rollback_text: str) -> str:
        """The rollback's text as the history keeps it (a tenant's names its schema first)."""
        if self.schema_map is None:
            return rollback_text
        m = self.schema_map
        return f"{_TENANT_LINE}{json.dumps([m.schema, m.template])}\n{rollback_text}"

    def of_stored(self, text: str) -> _View:
        """The view of a run whose rollback the history stored (its tenant schema, if any)."""
        if not text.startswith(_TENANT_LINE):
            return dataclasses.replace(self, schema_map=None)
        schema, template = json.loads(text.splitlines()[0][len(_TENANT_LINE) :])
        return dataclasses.replace(self, schema_map=SchemaMap(schema, template))


def _acquire_lock(conn: object, wait: float) -> None:
    deadline = time.monotonic() + wait
    while True:
        row = fetch_one(conn, "SELECT pg_try_advisory_lock(%s, %s)", (LOCK_CLASSID, LOCK_OBJID))  # type: ignore[arg-type]
        if row and row[0]:
            _check_session_kept(conn)
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


def _check_session_kept(conn: object) -> None:
    """Behind a transaction pooler the next statement may run in another server session, which does
    not hold the lock just taken: refuse, whatever the port."""
    row = fetch_one(
        conn,  # type: ignore[arg-type]
        "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() "
        "AND classid = %s AND objid = %s AND objsubid = 2 AND granted)",
        (LOCK_CLASSID, LOCK_OBJID),
    )
    if not row or not row[0]:
        raise PoolerError(
            "the apply lock taken by this connection is not held by its next statement's session: "
            "the target is reached through a transaction pooler",
            hint="use the session pooler (port 5432) or a direct connection",
        )


def apply_plan(
    config: Config,
    path: Path,
    *,
    allow_destructive: bool = False,
    dry_run: bool = False,
    confirm: Callable[[Plan], bool] = lambda plan: True,
    target: Dsn | None = None,
    backup_dir: Path | None = None,
    allow_hazards: tuple[str, ...] = (),
    undo: bool = True,
    allow_unproven_rollback: bool = False,
    schema_map: SchemaMap | None = None,
) -> ApplyResult:
    """`allow_unproven_rollback`: run a plan whose rollback is unavailable (it failed its proof)
    without `backup_dir`; without either, such a plan is refused before connecting.
    `schema_map`: the target is a tenant schema shaped like the plan's schema (`apply --targets`):
    the statements run with its name, its fingerprint is read in the plan's names."""
    refuse_transaction_pooler(target or configured_target(config))  # offline, before anything else
    view = _View(schema_map, config.lock_timeout, config.lock_retries)
    plan = view.plan(read(path))
    h = plan.header
    rollback_warning = _unavailable_rollback(path, h, backup_dir, allow_unproven_rollback, dry_run)
    # Allowed: when the plan was made, for this run, or by an approval of this very plan.
    allowed = (
        set(h.allowed_hazards)
        | hazards.parse_allowed(allow_hazards)
        | hazards.read_approval(path, plan)
        | ({"DELETES_DATA"} if h.allow_destructive or allow_destructive else set())
    )
    found = hazards.from_records(h.hazards)
    warnings = tuple(
        f"hazard {w}" for w in hazards.check(config.hazards, h.destructive, found, allowed, when=path.name)
    )
    if not h.proof.startswith("passed"):
        warnings += (f"{path.name} was not proven on scratch (proof: {h.proof}); review it with extra care",)
    warnings += rollback_warning
    dsn = target or configured_target(config)
    started = time.monotonic()
    lock_conn = connect(dsn, purpose=f"apply {h.name}")
    try:
        _acquire_lock(lock_conn, config.lock_wait)
        recovered = _recover(lock_conn)
        timeouts = settings.timeouts(config)
        recovered += _undo_aborted(lock_conn, dsn, h, timeouts, undo=undo and not dry_run, view=view)
        warnings += recovered
        current = view.fingerprint(dsn, h.schema_filter)
        if current.digest == h.produces_fingerprint:
            return ApplyResult(path, h.name, "already-applied", 0, 0.0, True, current.digest, (), warnings=warnings)
        if current.digest != h.expects_fingerprint:
            raise StalePlanError(
                f"stale plan: the target ({describe(dsn)}) is not in the state {path.name} was made against "
                f"(expects {h.expects_fingerprint[:19]}…, found {current.digest[:19]}…)"
                + "".join(f"\n  {note}" for note in recovered),
                hint="re-run `reconcile plan` against the target as it is now",
            )
        plan_steps = steps(plan.statements)
        if dry_run:
            return ApplyResult(
                path, h.name, "dry-run", len(plan.statements), 0.0, True, current.digest, (), plan_steps, warnings
            )
        tables = _backup_tables(lock_conn, plan) if backup_dir is not None else ()
        if backup_dir is not None and not tables and not h.rollback_available and not allow_unproven_rollback:
            raise ConfigError(
                f"{path.name} has no rollback, and --backup has nothing to dump: the plan touches no existing "
                "table, so the backup would be no way back; nothing was changed",
                hint="pass --allow-unproven-rollback (config `allow_unproven_rollback`) to apply it without one",
            )
        if not confirm(plan):
            raise ReconcileError("apply cancelled: nothing was changed")
        dump = None
        if backup_dir is not None:
            dump = backup.dump(dsn, tables, backup_dir, h.name)
            if dump is None:
                warnings += ("--backup: the plan touches no existing table; nothing was dumped",)
        result = _run(dsn, plan, path, lock_conn, started, timeouts, dump, undo, view)
        return dataclasses.replace(result, warnings=warnings)
    finally:
        lock_conn.close()  # closing the session releases the advisory lock


def _unavailable_rollback(
    path: Path, h: PlanHeader, backup_dir: Path | None, allowed: bool, dry_run: bool
) -> tuple[str, ...]:
    """A plan whose rollback failed its proof has no way back but a backup: refused (a usage error,
    before connecting) unless `--backup DIR` or `--allow-unproven-rollback`; else the warning to show."""
    if h.rollback_available:
        return ()
    why = h.rollback_reason.splitlines()[0] if h.rollback_reason else "its proof failed"
    if dry_run:
        return (f"{path.name} has no rollback ({why}): applying it needs --backup DIR or --allow-unproven-rollback",)
    if backup_dir is None and not allowed:
        raise ConfigError(
            f"{path.name} has no rollback: it failed its proof when the plan was made ({why}); "
            "a failed step could not be undone and nothing would bring the schema back",
            hint="pass --backup DIR (pg_dump of the tables the plan touches first; `reconcile restore` brings "
            "them back), or --allow-unproven-rollback (config `allow_unproven_rollback`) to run it without one",
        )
    way_back = (
        "restoring the --backup dump (`reconcile restore`) brings the tables it touches back"
        if backup_dir
        else "there is no backup (--allow-unproven-rollback)"
    )
    return (f"{path.name} has no rollback ({why}): a failed step is not undone; {way_back}",)


def _recover(lock_conn: object) -> tuple[str, ...]:
    """Under the apply lock: runs left `running` by killed processes are marked aborted."""
    found = history.recover(lock_conn)
    if found.still_running:
        pid, what = found.still_running[0]
        raise LockHeldError(
            f"{what} lost its client, but its statement is still running in backend pid {pid}",
            hint=f"wait for it to end (it is rolled back unless it runs outside a transaction), "
            f"or end it with SELECT pg_terminate_backend({pid}); then re-run",
        )
    return found.notes()


def _undo_aborted(
    lock_conn: object, dsn: Dsn, h: PlanHeader, timeouts: runner.Timeouts, *, undo: bool, view: _View
) -> tuple[str, ...]:
    """Under the apply lock: when the newest run was aborted (its process killed) after some of
    its steps committed, run the rollback stored with it so the target is wholly at the schema
    that run started from, never between two schemas. Left alone when the target is at either
    end of that run, or when the plan being applied was made for the state it is in."""
    found = history.last_aborted(lock_conn)
    if found is None:
        return ()
    run_id, name, text = found
    stored = view.of_stored(text)  # the aborted run's tenant schema, when it was one
    try:
        back = stored.plan(parse(text, f"the rollback stored with apply #{run_id}"))
    except ReconcileError as exc:
        history.mark_recovered(lock_conn, run_id, f"stored rollback unreadable: {exc.message}")
        return (f"apply #{run_id} of {name}: its stored rollback cannot be read ({exc.message}); nothing undone",)
    now = stored.fingerprint(dsn, back.header.schema_filter).digest
    what = f"apply #{run_id} of {name}"
    if now == back.header.produces_fingerprint:
        history.mark_recovered(lock_conn, run_id, "none of its steps stayed: the target is at its starting schema")
        return ()
    if now == back.header.expects_fingerprint:
        history.mark_recovered(lock_conn, run_id, "all of its steps had committed: the target is at its result")
        return (f"{what} had committed all its steps before it died: the target is at its result schema",)
    same = h.schema_filter == back.header.schema_filter and stored.schema_map == view.schema_map
    current = now if same else view.fingerprint(dsn, h.schema_filter).digest
    if current == h.expects_fingerprint:
        history.mark_recovered(lock_conn, run_id, f"kept: {h.name} was planned for the state it left")
        return (f"{what} left the target between two schemas; {h.name} was planned for that state and goes on",)
    if not undo:
        return (f"{what} left the target between two schemas (some steps committed); kept (--no-undo / --dry-run)",)
    failed = _roll_back(dsn, back, timeouts, f"undo {name}", stored)
    if failed is not None:
        raise DatabaseError(
            f"{what} left the target between two schemas, and undoing it with its stored rollback {failed}",
            hint="`reconcile plan` / `reconcile drift` show what differs; plan from the target as it is, "
            "or fix the cause and re-run",
        )
    history.mark_recovered(lock_conn, run_id, f"undone by the apply of {h.name} with the stored rollback")
    return (
        f"{what} had left the target between two schemas: its committed steps were undone with its stored rollback",
    )


def _backup_tables(conn: object, plan: Plan) -> tuple[tuple[str, str], ...]:
    """The existing tables the plan creates indexes or triggers on, alters, renames or drops."""
    names: list[tuple[str, str]] = []
    for st in plan.statements:
        for t in (*touched_tables(st.sql), *dropped_or_renamed_tables(st.sql)):
            if t not in names:
                names.append(t)
    return tuple(t for t in names if _is_table(conn, t))


def _is_table(conn: object, name: tuple[str, str]) -> bool:
    rows = fetch_all(
        conn,  # type: ignore[arg-type]
        "SELECT 1 FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE n.nspname = %s AND c.relname = %s AND c.relkind IN ('r', 'p', 'm')",
        name,
    )
    return bool(rows)


def _run(
    dsn: Dsn,
    plan: Plan,
    path: Path,
    lock_conn: object,
    started: float,
    timeouts: runner.Timeouts,
    dump: Path | None,
    undo: bool = True,
    view: _View | None = None,
) -> ApplyResult:
    view = view or _View(None)
    h = plan.header
    history.ensure(lock_conn)
    work = connect(dsn, autocommit=True, purpose=f"apply {h.name}")
    try:
        give_secrets(work, plan)
    except ReconcileError:
        work.close()
        raise
    retries: list[str] = []

    def on_retry(r: runner.Retry) -> None:
        who = f"; waiting for {'; '.join(r.blockers)}" if r.blockers else ""
        retries.append(
            f"step {r.step}: {r.reason} on attempt {r.attempt}, rolled back, retrying in {r.delay:.1f}s{who}"
        )

    try:
        back, back_note = _rollback_of(path, h, dump)
        back, back_note = (view.plan(back), view.stored(back_note)) if back is not None else (back, back_note)
        run_id = history.start(
            lock_conn,
            h,
            pid=work.get_backend_pid(),
            backup=str(dump) if dump else None,
            rollback=back_note if back is not None else None,
        )
        try:
            done = runner.run(work, plan.statements, timeouts, monitor=lock_conn, on_retry=on_retry)
        except runner.StepFailure as failure:
            message = failure.describe(path.name)
            message += "".join(f"\n  retried: {line.split('; waiting for ')[0]}" for line in retries)
            if failure.step == 1:
                message = message.replace("\n", "; nothing was changed\n", 1)
            elif undo:
                undone, note = _undo(dsn, path, h, back, back_note, timeouts, view)
                if undone:
                    message = message.replace("were committed and stay applied", "were committed, then undone", 1)
                message += f"\n  {note}"
            if failure.blockers:
                message += "\n  the step was rolled back; end the blocking session or re-run when it is gone"
            history.finish(lock_conn, run_id, "failed", None, message)
            f = failure.fields
            raise DatabaseError(
                message,
                detail=f"DETAIL: {f['detail']}" if f.get("detail") else None,
                hint=_failure_hint(failure, timeouts),
            ) from None
        after = view.fingerprint(dsn, h.schema_filter)
        history.finish(lock_conn, run_id, "succeeded", after.digest)
        history.store_snapshot(lock_conn, run_id, after, h.schema_filter)
        analyzed = _analyze(work, plan)
    finally:
        work.close()
    ok = after.digest == h.produces_fingerprint
    result = ApplyResult(
        path,
        h.name,
        "succeeded",
        done,
        time.monotonic() - started,
        ok,
        after.digest,
        analyzed,
        retries=tuple(retries),
        backup=str(dump) if dump else None,
    )
    if not ok:
        raise FingerprintMismatch(result, h.produces_fingerprint)
    return result


def _rollback_of(path: Path, h: PlanHeader, dump: Path | None = None) -> tuple[Plan | None, str]:
    """The plan's rollback file (next to it) and its text; or None and why it cannot be used."""
    if not h.rollback_available:
        way_back = f"restore {dump} with `reconcile restore {dump}`" if dump else "there is no backup to restore"
        return None, f"not undone: the plan has no rollback (it failed its proof when planned); {way_back}"
    back_path = path.with_name(path.name.removesuffix(".sql") + ".rollback.sql")
    if not back_path.is_file():
        return None, f"no {back_path.name} next to the plan: the committed steps stay; re-run `reconcile plan`"
    try:
        text = back_path.read_text(encoding="utf-8")
        back = parse(text, str(back_path))
    except (OSError, ReconcileError) as exc:
        why = exc.message if isinstance(exc, ReconcileError) else exc.strerror
        return None, f"{back_path.name} cannot be read ({why}): the committed steps stay"
    if back.header.expects_fingerprint != h.produces_fingerprint:
        return None, f"{back_path.name} is not this plan's rollback: the committed steps stay"
    return back, text


def _undo(
    dsn: Dsn, path: Path, h: PlanHeader, back: Plan | None, why: str, timeouts: runner.Timeouts, view: _View
) -> tuple[bool, str]:
    """After a later step failed, run the plan's rollback so the target is wholly at the schema the
    plan expected, never between the two. The rollback is guarded statement by statement, so on a
    partly applied target it undoes exactly what the committed steps did."""
    if back is None:
        return False, why
    back_path = path.with_name(path.name.removesuffix(".sql") + ".rollback.sql")
    failed = _roll_back(dsn, back, timeouts, f"undo {h.name}", view)
    if failed is None:
        return True, f"undone with {back_path.name}: the target is back at the schema the plan expects"
    return False, f"undoing with {back_path.name} {failed}; `reconcile plan` shows what differs"


def secret_variable(setting: str) -> str:
    """The environment variable that gives a plan's secret setting: reconcile.secret_x -> RECONCILE_SECRET_X."""
    return "RECONCILE_" + setting.removeprefix("reconcile.").upper()


def give_secrets(conn: Any, plan: Plan) -> None:
    """Set the secret options' values the plan reads (a user mapping's password: never in the plan
    file) from the environment, unless the session has them already (PGOPTIONS='-c …')."""
    asked = secrets_asked(tuple(s.sql for s in plan.statements))
    missing = []
    for setting in asked:
        value = os.environ.get(secret_variable(setting))
        if value is not None:
            fetch_all(conn, "SELECT pg_catalog.set_config(%s, %s, false)", (setting, value))
        elif fetch_one(conn, "SELECT pg_catalog.current_setting(%s, true)", (setting,)) in (None, (None,), ("",)):
            missing.append(setting)
    if missing:
        raise ConfigError(
            f"{plan.header.name} sets secret option(s) whose values no plan file holds: "
            + ", ".join(f"{secret_variable(s)} ({s})" for s in missing),
            hint="export those variables (or pass PGOPTIONS='-c SETTING=VALUE') and run apply again; "
            "nothing was changed",
        )


def _roll_back(dsn: Dsn, back: Plan, timeouts: runner.Timeouts, purpose: str, view: _View) -> str | None:
    """Run a rollback plan (guarded statement by statement: on a partly applied target it undoes
    exactly what committed) and check the target reached the schema it produces. None when it did,
    else what went wrong ("failed at its step N (…)" / "ran, but the target is at …")."""
    conn = connect(dsn, autocommit=True, purpose=purpose)
    try:
        give_secrets(conn, back)
        runner.run(conn, back.statements, timeouts)
    except runner.StepFailure as failed:
        return f"failed at its step {failed.step} ({failed.fields['message']}): the target is between the two schemas"
    finally:
        conn.close()
    now = view.fingerprint(dsn, back.header.schema_filter).digest
    if now == back.header.produces_fingerprint:
        return None
    return f"ran, but the target is at {now[:19]}…, not {back.header.produces_fingerprint[:19]}…"


def _failure_hint(failure: runner.StepFailure, timeouts: runner.Timeouts) -> str:
    state = failure.fields.get("sqlstate")
    if state in runner.RETRYABLE:
        return (
            f"{failure.attempts} attempts waited lock_timeout ({timeouts.lock_timeout:g}s) each; raise "
            "--lock-timeout / --lock-retries (`lock_timeout`, `lock_retries`), or apply when the table is quieter"
        )
    if state == runner.STATEMENT_TIMEOUT:
        return (
            f"the step ran longer than statement_timeout ({timeouts.statement_timeout:g}s): "
            "raise --statement-timeout (`statement_timeout`, 0 = no limit)"
        )
    if state == "57P01" or str(state or "").startswith("08"):
        return "the applying session was terminated; the failed step was rolled back: re-run `reconcile plan`"
    return str(failure.fields.get("hint") or "fix the cause and re-run `reconcile plan`")


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
