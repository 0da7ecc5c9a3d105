"""Fault injection on real PostgreSQL: lock timeouts and retries, a terminated backend, a killed
apply process, backups, and the lock wait an application query sees while an apply is blocked.

Every scenario ends with the target at the old schema or the new one (by fingerprint), never between.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, Server, fp, plan_json
from reconciler.commands.apply import LOCK_CLASSID, LOCK_OBJID
from reconciler.pg.binaries import find_binaries
from reconciler.pg.db import Dsn, connect, connection, execute, fetch_all, fetch_one

FROM = "create type public.mood as enum ('happy');\ncreate table public.users (id bigint primary key, email text);\n"
# Two steps: ALTER TYPE … ADD VALUE runs alone (outside a transaction), then the ALTER TABLE block.
TO = (
    "create type public.mood as enum ('happy', 'sad');\n"
    "create table public.users (id bigint primary key, email text, nickname text);\n"
)
RECONCILE = str(REPO / ".venv" / "bin" / "reconcile")


def _plan(cli: Any, pg: Server, tmp_path: Path, to_sql: str = TO) -> tuple[Dsn, dict[str, Any]]:
    (tmp_path / "schema").mkdir(exist_ok=True)
    (tmp_path / "schema" / "10_app.sql").write_text(to_sql)
    target = pg.create_db(FROM + "insert into public.users values (1, 'a@example.com'), (2, 'b@example.com');\n")
    return target, plan_json(cli, pg, target, "--no-online")


def _blocker(target: Dsn) -> Any:
    """A session inside an open transaction that has read public.users: it holds ACCESS SHARE."""
    conn = connect(target, autocommit=False, purpose="")
    execute(conn, "SET application_name = 'app-report-job'")
    execute(conn, "SELECT count(*) FROM public.users")
    return conn


def _history(target: Dsn) -> list[tuple[Any, ...]]:
    with connection(target) as conn:
        return fetch_all(conn, "select status, error, backup_file from reconcile.history order by id")


def _wait_for_lock_wait(target: Dsn, timeout: float = 20.0) -> int:
    """The pid of reconcile's backend once it waits for a table lock."""
    deadline = time.monotonic() + timeout
    with connection(target) as conn:
        while time.monotonic() < deadline:
            row = fetch_one(
                conn,
                "select pid from pg_stat_activity where application_name like 'reconcile/%% apply%%' "
                "and wait_event_type = 'Lock' and datname = current_database()",
            )
            if row:
                return int(row[0])
            time.sleep(0.02)
    raise AssertionError("reconcile's apply never waited for the table lock")


def _spawn(*args: str, cwd: Path) -> subprocess.Popen[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECONCILE_") or k.startswith("RECONCILE_TEST")}
    return subprocess.Popen(
        [RECONCILE, *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
    )


def test_lock_timeout_retries_then_fails_naming_the_blocker(pg: Server, cli: Any, tmp_path: Path) -> None:
    target, plan = _plan(cli, pg, tmp_path)
    before = fp(target)
    blocker = _blocker(target)
    blocker_pid = blocker.info.backend_pid
    try:
        r = cli(
            "apply",
            plan["migration"],
            "--target",
            target.conninfo,
            "--yes",
            "--lock-timeout",
            "0.3",
            "--lock-retries",
            "2",
        )
    finally:
        blocker.rollback()
        blocker.close()
    assert r.code == 1, r.err
    assert "failed after 3 attempts" in r.err and "lock timeout" in r.err, r.err
    assert r.err.count("retried: step 2: lock timeout") == 2, r.err
    assert f"pid {blocker_pid}" in r.err and "app-report-job" in r.err, r.err
    assert "SELECT count(*) FROM public.users" in r.err, r.err
    # Step 1 (the enum value) was committed; the blocked ALTER TABLE was rolled back; then the plan's
    # rollback file undid step 1: the target is wholly at the old schema, never between.
    assert "steps 1–1 were committed, then undone" in r.err and "undone with" in r.err, r.err
    assert fp(target) == before
    ((status, error, _),) = _history(target)
    assert status == "failed" and "after 3 attempts" in error and "undone with" in error


def test_lock_timeout_then_blocker_released_succeeds(pg: Server, cli: Any, tmp_path: Path) -> None:
    target, plan = _plan(cli, pg, tmp_path)
    blocker = _blocker(target)
    proc = _spawn(
        "apply", plan["migration"], "--target", target.conninfo, "--yes", "--lock-timeout", "0.5", cwd=tmp_path
    )
    try:
        _wait_for_lock_wait(target)
        time.sleep(0.8)  # the first attempt has timed out by now
    finally:
        blocker.rollback()
        blocker.close()
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    assert "retried: step 2: lock timeout on attempt 1" in err and "app-report-job" in err, err
    assert "fingerprint verified" in out
    assert [s for s, _, _ in _history(target)] == ["succeeded"]


def test_terminated_backend_rolls_the_step_back(pg: Server, cli: Any, tmp_path: Path) -> None:
    target, plan = _plan(cli, pg, tmp_path)
    blocker = _blocker(target)
    # --no-undo keeps the committed steps: the re-plan must then show exactly what is left.
    proc = _spawn(
        "apply",
        plan["migration"],
        "--target",
        target.conninfo,
        "--yes",
        "--lock-timeout",
        "30",
        "--no-undo",
        cwd=tmp_path,
    )
    try:
        pid = _wait_for_lock_wait(target)
        with connection(target) as conn:
            execute(conn, "select pg_terminate_backend(%s)", (pid,))
        out, err = proc.communicate(timeout=60)
    finally:
        blocker.rollback()
        blocker.close()
    assert proc.returncode == 1, out + err
    assert "step 2 failed" in err and "terminat" in err, err
    ((status, error, _),) = _history(target)
    assert status == "failed" and "terminat" in error
    # The re-plan shows exactly the remaining work: the column, not the enum value of step 1.
    r = cli(
        "plan",
        "--target",
        target.conninfo,
        "--schema-dir",
        "schema",
        "--scratch",
        pg.url(),
        "--out",
        "again",
        "--format",
        "json",
        "--no-online",
    )
    assert r.code == 0, r.err
    assert r.last_json["summary"] == [line for line in plan["summary"] if "nickname" in line], r.last_json


@pytest.mark.parametrize("detected_by", ["apply", "plan"])
def test_killed_apply_releases_the_lock_and_is_marked_aborted(
    pg: Server, cli: Any, tmp_path: Path, detected_by: str
) -> None:
    target, plan = _plan(cli, pg, tmp_path, to_sql=FROM.replace("email text", "email text, nickname text"))
    before = fp(target)
    blocker = _blocker(target)
    proc = _spawn(
        "apply", plan["migration"], "--target", target.conninfo, "--yes", "--lock-timeout", "60", cwd=tmp_path
    )
    try:
        _wait_for_lock_wait(target)
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
        with connection(target) as conn:
            deadline = time.monotonic() + 10
            while True:
                held = fetch_all(
                    conn,
                    "select pid from pg_locks where locktype = 'advisory' and classid = %s and objid = %s",
                    (LOCK_CLASSID, LOCK_OBJID),
                )
                waiting = fetch_all(
                    conn,
                    "select pid, state, wait_event_type, wait_event, query from pg_stat_activity "
                    "where application_name like 'reconcile/%%' and pid <> pg_backend_pid()",
                )
                if (not held and not waiting) or time.monotonic() > deadline:
                    break
                time.sleep(0.1)
        assert held == [], "the killed apply's advisory lock outlived its process"
        assert waiting == [], "the killed apply's backend kept waiting (client_connection_check_interval)"
    finally:
        blocker.rollback()
        blocker.close()
    assert fp(target) == before, "the killed step was not rolled back"
    assert [s for s, _, _ in _history(target)] == ["running"]
    if detected_by == "plan":
        args = ("--schema-dir", "schema", "--scratch", pg.url(), "--out", "again", "--no-online", "--format", "json")
        r = cli("plan", "--target", target.conninfo, *args)
        assert r.code == 0 and "marked aborted" in r.err, r.err
        assert r.last_json["summary"] == plan["summary"], "the killed step was rolled back: all of it remains"
        assert [s for s, _, _ in _history(target)] == ["aborted"]
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes")
    assert r.code == 0, r.err
    assert ("marked aborted" in r.err) == (detected_by == "apply"), r.err
    assert [s for s, _, _ in _history(target)] == ["aborted", "succeeded"]


@pytest.mark.parametrize("detected_by", ["apply", "plan"])
def test_apply_killed_between_steps_is_undone_by_the_next_apply(
    pg: Server, cli: Any, tmp_path: Path, detected_by: str
) -> None:
    """SIGKILL in step 2, after step 1 (ALTER TYPE … ADD VALUE) committed: the target is between
    the two schemas until the next apply undoes step 1 from the rollback stored in the history,
    then applies the plan whole."""
    target, plan = _plan(cli, pg, tmp_path)
    before = fp(target)
    blocker = _blocker(target)
    proc = _spawn(
        "apply", plan["migration"], "--target", target.conninfo, "--yes", "--lock-timeout", "60", cwd=tmp_path
    )
    try:
        _wait_for_lock_wait(target)  # step 2 waits for the blocker: step 1 has committed
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    finally:
        blocker.rollback()
        blocker.close()
    between = fp(target)
    assert between not in (before, plan["produces_fingerprint"]), "step 1 should have committed"
    Path(plan["rollback"]).unlink()  # the stored copy is what the recovery uses
    if detected_by == "plan":
        args = ("--schema-dir", "schema", "--scratch", pg.url(), "--out", "again", "--no-online", "--format", "json")
        r = cli("plan", "--target", target.conninfo, *args)
        assert r.code in (0, 2) and "marked aborted" in r.err and "undoes them first" in r.err, r.err
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes")
    assert r.code == 0, r.err
    assert "undone with its stored rollback" in r.err, r.err
    assert fp(target) == plan["produces_fingerprint"]
    with connection(target) as conn:
        rows = fetch_all(conn, "select status, recovery from reconcile.history order by id")
    assert [s for s, _ in rows] == ["aborted", "succeeded"]
    assert rows[0][1] is not None and "undone" in rows[0][1]


def _pg_restore(pg: Server) -> str:
    b = find_binaries(pg.major)
    if b is None or not (b.bindir / "pg_restore").exists():
        pytest.skip(f"no pg_restore {pg.major}")
    return str(b.bindir / "pg_restore")


def test_backup_before_apply_and_restore(pg: Server, cli: Any, tmp_path: Path) -> None:
    pg_restore = _pg_restore(pg)
    target, plan = _plan(cli, pg, tmp_path, to_sql=FROM.replace("email text", "email text, nickname text"))
    before = fp(target)
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes", "--backup", "backups")
    assert r.code == 0, r.err
    dumps = list((tmp_path / "backups").glob("*.dump"))
    assert len(dumps) == 1 and f"Backup: {dumps[0]}" in r.out, r.out
    listed = subprocess.run([pg_restore, "-l", str(dumps[0])], capture_output=True, text=True, check=True).stdout
    assert "TABLE DATA public users" in listed, listed
    ((status, _, backup_file),) = _history(target)
    assert status == "succeeded" and backup_file == str(dumps[0])
    r = cli("restore", str(dumps[0]), "--target", target.conninfo)
    assert r.code == 0 and "pg_restore --clean --if-exists --single-transaction" in r.out.replace(
        pg_restore, "pg_restore"
    )
    assert "TABLE DATA public.users" in r.out and "nothing was changed" in r.out, r.out
    assert fp(target) != before
    r = cli("restore", str(dumps[0]), "--target", target.conninfo, "--yes")
    assert r.code == 0, r.err
    assert fp(target) == before, "restoring the backup did not bring back the table as it was"
    with connection(target) as conn:
        assert fetch_all(conn, "select id, email from public.users order by id") == [
            (1, "a@example.com"),
            (2, "b@example.com"),
        ]


def test_failing_backup_refuses_to_start(pg: Server, cli: Any, tmp_path: Path) -> None:
    target, plan = _plan(cli, pg, tmp_path)
    before = fp(target)
    (tmp_path / "a-file").write_text("not a folder")
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes", "--backup", "a-file/backups")
    assert r.code == 1 and "nothing was applied" in r.err, r.err
    assert fp(target) == before
    with connection(target) as conn:
        if fetch_one(conn, "select to_regclass('reconcile.history')") != (None,):
            assert fetch_all(conn, "select status from reconcile.history") == [], "a refused apply left a row"


def test_app_query_lock_wait_is_bounded_by_lock_timeout(pg: Server, cli: Any, tmp_path: Path) -> None:
    """An ALTER TABLE queued for ACCESS EXCLUSIVE behind a long transaction makes every later query on
    the table queue behind it; lock_timeout bounds that wait (per attempt)."""
    target, plan = _plan(cli, pg, tmp_path, to_sql=FROM.replace("email text", "email text, nickname text"))
    lock_timeout = 1.0
    blocker = _blocker(target)
    proc = _spawn(
        "apply",
        plan["migration"],
        "--target",
        target.conninfo,
        "--yes",
        "--lock-timeout",
        str(lock_timeout),
        "--lock-retries",
        "2",
        cwd=tmp_path,
    )
    waits: list[float] = []
    try:
        _wait_for_lock_wait(target)
        with connection(target) as app:
            execute(app, "SET application_name = 'app'")
            while proc.poll() is None:
                t0 = time.monotonic()
                execute(app, "SELECT count(*) FROM public.users")
                waits.append(time.monotonic() - t0)
        _, err = proc.communicate(timeout=30)
    finally:
        blocker.rollback()
        blocker.close()
    assert proc.returncode == 1 and "failed after 3 attempts" in err, err
    worst = max(waits)
    sys.stderr.write(
        f"\n[lock wait] PostgreSQL {pg.major}: app query max wait {worst:.3f}s over {len(waits)} queries "
        f"while apply was blocked (lock_timeout {lock_timeout:g}s, 3 attempts)\n"
    )
    assert worst > 0.5 * lock_timeout, "the app query never queued behind the ALTER (the test measures nothing)"
    assert worst < lock_timeout + 0.5, f"an app query waited {worst:.2f}s, more than lock_timeout"


def test_statement_timeout_and_effective_settings(pg: Server) -> None:
    """The runner's session settings are the ones in effect while each step runs."""
    from reconciler.core.model import PlannedStatement
    from reconciler.pg import runner

    target = pg.create_db("create table public.seen (lock_timeout text, statement_timeout text);")
    probe = PlannedStatement(
        "insert into public.seen select current_setting('lock_timeout'), current_setting('statement_timeout')"
    )
    with connection(target) as conn:
        runner.run(conn, (probe,), runner.Timeouts(lock_timeout=1.5, statement_timeout=120))
        assert fetch_all(conn, "select * from public.seen") == [("1500ms", "2min")]
        # Per statement kind, the most specific configured kind wins; statements of other kinds in
        # the same transaction get the defaults back.
        by_kind = runner.Timeouts(
            lock_timeout=1.5,
            statement_timeout=120,
            lock_by_kind={"INSERT": 0.7, "INSERT INTO PUBLIC": 0.9},
            statement_by_kind={"INSERT": 60},
        )
        record = PlannedStatement(
            "update public.seen set lock_timeout = lock_timeout || '/' || current_setting('lock_timeout'), "
            "statement_timeout = statement_timeout || '/' || current_setting('statement_timeout')"
        )
        execute(conn, "truncate public.seen")
        runner.run(conn, (probe, record), by_kind)
        assert fetch_all(conn, "select * from public.seen") == [("900ms/1500ms", "1min/2min")]
        with pytest.raises(runner.StepFailure) as failed:
            runner.run(conn, (PlannedStatement("select pg_sleep(5)"),), runner.Timeouts(statement_timeout=0.2))
    assert failed.value.fields["sqlstate"] == runner.STATEMENT_TIMEOUT and failed.value.attempts == 1


def test_concurrent_index_retry_drops_the_invalid_leftover(pg: Server) -> None:
    """CREATE INDEX CONCURRENTLY that times out waiting for a writer leaves an INVALID index, which
    IF NOT EXISTS would skip: the retry drops it first and builds a valid one."""
    from reconciler.core.model import PlannedStatement
    from reconciler.pg import runner

    target = pg.create_db("create table public.t (id int); insert into public.t values (1);")
    writer = connect(target, autocommit=False, purpose="")
    execute(writer, "insert into public.t values (2)")  # an open writer: CIC waits for it
    retries: list[runner.Retry] = []

    def on_retry(r: runner.Retry) -> None:
        retries.append(r)
        with connection(target) as conn:
            invalid = fetch_all(
                conn, "select 1 from pg_index where indexrelid = 'public.t_id'::regclass and not indisvalid"
            )
        assert invalid == [(1,)], "the timed-out build left no INVALID index (the test proves nothing)"
        writer.commit()

    cic = PlannedStatement("CREATE INDEX CONCURRENTLY IF NOT EXISTS t_id ON public.t (id)", transactional=False)
    try:
        with connection(target) as conn:
            runner.run(conn, (cic,), runner.Timeouts(lock_timeout=0.3, retries=3, backoff=0.1), on_retry=on_retry)
            valid = fetch_all(conn, "select indisvalid from pg_index where indexrelid = 'public.t_id'::regclass")
    finally:
        writer.close()
    assert [r.reason for r in retries] == ["lock timeout"]
    assert valid == [(True,)]
