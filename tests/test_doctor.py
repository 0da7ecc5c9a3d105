"""`reconcile doctor` on real PostgreSQL (16, or RECONCILE_TEST_URL's): the cases of
tests/doctor/cases.yaml through the CLI, and the bloat estimate through the use case (an index
big enough for the CLI's 10 MB floor would cost the suite seconds to build)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import Server, ServerPool, _required
from reconciler.commands.doctor import Thresholds, examine, repair
from reconciler.pg import runner
from reconciler.pg.db import Dsn, Error, connect, connection, execute, fetch_one

CASES = yaml.safe_load((Path(__file__).parent / "doctor" / "cases.yaml").read_text())
KNOWN = {"name", "setup", "blocker", "args", "exit", "stdout", "stderr", "findings", "absent", "fixes"}


@pytest.fixture(scope="module")
def server(pool: ServerPool) -> Iterator[Server]:
    """One version: what doctor reads does not change between 15, 16 and 18."""
    major = pool.external.major if pool.external else 16
    found = pool.get(major)
    if isinstance(found, str):
        if major in _required():
            pytest.fail(f"PostgreSQL {major} is required (RECONCILE_TEST_REQUIRE_VERSIONS) but: {found}")
        pytest.skip(found)
    if major < 15:
        pytest.skip("the cases flush statistics with pg_stat_force_next_flush() (PostgreSQL 15+)")
    yield found
    found.drop_created()


def _setup(dsn: Dsn, steps: list[Any]) -> None:
    with connection(dsn) as conn:
        for step in steps:
            sql, error = (step["sql"], step["error"]) if isinstance(step, dict) else (step, None)
            try:
                execute(conn, sql)
            except Error as exc:
                assert error and error in str(exc), f"setup failed: {sql}\n{exc}"
                continue
            assert error is None, f"setup step was expected to fail with {error!r}: {sql}"


def _keys(report: dict[str, Any]) -> dict[tuple[str, str], str]:
    return {(f["check"], f["object"]): f["severity"] for f in report["findings"]}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_doctor_case(case: dict[str, Any], server: Server, cli: Any) -> None:
    assert not set(case) - KNOWN, f"unknown keys {set(case) - KNOWN}"
    # A case without setup fails before it reads anything: the maintenance database will do.
    target = server.create_db() if case.get("setup") else server.dsn
    _setup(target, case.get("setup", []))
    args = [str(a) for a in case.get("args", [])]
    blocker = connect(target, autocommit=False) if case.get("blocker") else None
    try:
        if blocker is not None:
            execute(blocker, case["blocker"])  # held, in an open transaction, while doctor runs
        r = cli("doctor", "--target", target.conninfo, *args)
        report: dict[str, Any] = {}
        if {"findings", "absent", "fixes"} & set(case):
            # This run's JSON when it was one (after --fix: what is left), else a read-only run's.
            json_run = r if "json" in args else cli("doctor", "--target", target.conninfo, "--format", "json")
            report = json_run.last_json
    finally:
        if blocker is not None:
            blocker.close()
    assert r.code == case["exit"], f"exit {r.code}, expected {case['exit']}\nstdout:\n{r.out}\nstderr:\n{r.err}"
    for text in case.get("stdout", []):
        assert text in r.out, f"{text!r} not in stdout:\n{r.out}"
    for text in case.get("stderr", []):
        assert text in r.err, f"{text!r} not in stderr:\n{r.err}"
    if not {"findings", "absent", "fixes"} & set(case):
        return
    found = _keys(report)
    for check, obj, severity in case.get("findings", []):
        assert found.get((check, obj)) == severity, f"no {severity} {check} on {obj} in {sorted(found.items())}"
    for check, obj in case.get("absent", []):
        assert (check, obj) not in found, f"unexpected {check} on {obj}: {report['findings']}"
    fixes = [(f["status"], f["sql"]) for f in report["fixes"]]
    for status, sql in case.get("fixes", []):
        assert (status, sql) in fixes, f"no fix {status}: {sql} in {fixes}"
    assert report["healthy"] == (r.code == 0)


def test_bloated_index_is_estimated_and_rebuilt(server: Server) -> None:
    """90% of an index's rows deleted and vacuumed: its pages stay, a concurrent rebuild gives them back."""
    target = server.create_db(
        "create table public.log (id int, at int) with (autovacuum_enabled = false);"
        "insert into public.log select g, g from generate_series(1, 30000) g;"
        "create index log_at_idx on public.log (at);"
        "create index log_id_idx on public.log (id);"
    )
    _setup(target, ["delete from public.log where at % 10 <> 0", "vacuum analyze public.log"])
    th = Thresholds(bloat_min_bytes=64 * 1024)
    bloated = [f for f in examine(target, thresholds=th).findings if f.check == "index_bloat"]
    assert sorted(f.object for f in bloated) == ["public.log.log_at_idx", "public.log.log_id_idx"]
    assert all(dict(f.facts)["bloat_ratio"] > 0.8 for f in bloated), bloated
    fixes = repair(target, tuple(bloated), runner.Timeouts())
    assert [x.status for x in fixes] == ["done", "done"], fixes
    assert not [f for f in examine(target, thresholds=th).findings if f.check == "index_bloat"]


# How far REINDEX CONCURRENTLY gets with a transaction open on the table: a READ COMMITTED one holds
# only its lock, so the new index is built and swapped in and only dropping the old copy (`_ccold`)
# times out; a REPEATABLE READ one also holds its snapshot, so the build itself times out, leaving
# the new copy (`_ccnew`) that cannot be dropped either while the transaction lasts.
BUSY = {
    "read committed": ("done", "rebuilt", {"public.t.t_x_key_ccold"}, ["t_x_key_ccold"]),
    "repeatable read": (
        "failed",
        "not retried",
        {"public.t.t_x_key", "public.t.t_x_key_ccnew"},
        ["t_x_key_ccnew", "t_x_key"],
    ),
}


@pytest.mark.parametrize("isolation", BUSY)
def test_fix_on_a_busy_table_stops_and_the_next_fix_finishes(isolation: str, server: Server, cli: Any) -> None:
    """doctor --fix never piles up copies: a rebuild whose copy cannot be dropped is not retried, and the
    next `doctor --fix` drops the copy first, then rebuilds what is still INVALID."""
    status, says, left_invalid, then = BUSY[isolation]
    target = server.create_db()
    _setup(
        target,
        [
            "create table public.t (x int)",
            "insert into public.t values (1), (2), (2)",
            {"sql": "create unique index concurrently t_x_key on public.t (x)", "error": "could not create"},
            "delete from public.t where ctid = (select min(ctid) from public.t where x = 2)",
            "analyze public.t",
        ],
    )
    args = ("doctor", "--target", target.conninfo, "--format", "json")
    blocker = connect(target, autocommit=False)
    try:
        execute(blocker, f"set transaction isolation level {isolation}")
        execute(blocker, "select count(*) from public.t")
        r = cli(*args, "--fix", "--lock-timeout", "0.2", "--lock-retries", "1")
    finally:
        blocker.close()
    assert r.code == 2, r.out + r.err
    fix = next(f for f in r.last_json["fixes"] if f["sql"] == 'REINDEX INDEX CONCURRENTLY "public"."t_x_key"')
    assert fix["status"] == status and says in fix["message"], fix
    left = {f["object"] for f in r.last_json["findings"] if f["check"] == "invalid_index"}
    assert left == left_invalid, r.last_json["findings"]

    r = cli(*args, "--fix")
    assert r.code == 0, r.out + r.err
    assert [f["sql"].rsplit(".", 1)[-1].strip('"') for f in r.last_json["fixes"]] == then, r.last_json["fixes"]
    assert all(f["status"] == "done" for f in r.last_json["fixes"]), r.last_json["fixes"]


def test_an_index_being_built_is_not_a_fault(server: Server, cli: Any) -> None:
    """CREATE INDEX CONCURRENTLY waiting for an older transaction: its index is INVALID, a note only."""
    target = server.create_db("create table public.t (x int); insert into public.t values (1); analyze public.t;")
    older = connect(target, autocommit=False)
    execute(older, "set transaction isolation level repeatable read")
    execute(older, "select count(*) from public.t")  # its snapshot holds the concurrent build back
    builder = connect(target)
    build = threading.Thread(target=execute, args=(builder, "create index concurrently t_x_idx on public.t (x)"))
    build.start()
    try:
        with connection(target) as conn:
            for _ in range(200):  # until the build shows in pg_stat_progress_create_index
                if fetch_one(conn, "select count(*) from pg_stat_progress_create_index")[0]:  # type: ignore[index]
                    break
                time.sleep(0.05)
            else:
                pytest.fail("the concurrent build never showed in pg_stat_progress_create_index")
        r = cli("doctor", "--target", target.conninfo, "--format", "json")
        found = {(f["check"], f["object"]): f for f in r.last_json["findings"]}
        note = found[("invalid_index", "public.t.t_x_idx")]
        assert note["severity"] == "info" and note["fix"] is None and "in progress" in note["message"], note
        assert r.code == 0, r.out + r.err
    finally:
        older.close()
        build.join()
        builder.close()
