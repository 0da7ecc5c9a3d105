"""Workflow guarantees that need more than one command: stale plans, the apply lock, tampering,
confirmation, dry runs, history, psql compatibility, passwords, scratch providers, the demo.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO, Server, ServerPool, fp
from conftest import plan_json as _plan
from reconciler.commands.apply import LOCK_CLASSID, LOCK_OBJID
from reconciler.pg.binaries import find_binaries
from reconciler.pg.db import Dsn, Error, connection, execute, fetch_all

FROM = "create table public.users (id bigint primary key, email text);\n"
TO = (
    "create type public.mood as enum ('happy', 'sad');\n"
    "create table public.users (id bigint primary key, email text not null, mood public.mood);\n"
    "create index users_email on public.users (email);\n"
)


def _setup(pg: Server, tmp_path: Path, to_sql: str = TO, from_sql: str = FROM) -> tuple[Dsn, Path]:
    (tmp_path / "schema").mkdir(exist_ok=True)
    (tmp_path / "schema" / "10_app.sql").write_text(to_sql)
    return pg.create_db(from_sql), tmp_path / "schema"


def test_stale_plan_is_refused(pg: Server, cli: Any, tmp_path: Path) -> None:
    target, _ = _setup(pg, tmp_path)
    plan = _plan(cli, pg, target)
    with connection(target) as conn:
        execute(conn, "create table public.hotfix (id int)")
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes")
    assert r.code == 4, r.err
    assert "stale plan" in r.err and "re-run `reconcile plan`" in r.err


def test_second_applier_is_refused_and_told_who_holds_the_lock(
    pg: Server, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target, _ = _setup(pg, tmp_path)
    plan = _plan(cli, pg, target)
    monkeypatch.setenv("RECONCILE_LOCK_WAIT", "0.5")
    with connection(target.with_params(application_name="deploy-bot-7"), purpose="") as holder:
        holder.cursor().execute("SET application_name = 'deploy-bot-7'")
        execute(holder, "SELECT pg_advisory_lock(%s, %s)", (LOCK_CLASSID, LOCK_OBJID))
        pid = holder.get_backend_pid()
        before = fp(target)
        r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes")
    assert r.code == 1, r.err
    assert f"pid {pid}" in r.err and "deploy-bot-7" in r.err, r.err
    assert fp(target) == before, "a refused apply changed the target"


def test_edited_plan_is_refused(pg: Server, cli: Any, tmp_path: Path) -> None:
    target, _ = _setup(pg, tmp_path)
    plan = _plan(cli, pg, target)
    path = Path(plan["migration"])
    text = path.read_text()
    assert "\nCOMMIT;" in text
    path.write_text(text.replace("\nCOMMIT;", "\nDROP TABLE public.users;\nCOMMIT;", 1))
    r = cli("apply", str(path), "--target", target.conninfo, "--yes")
    assert r.code == 1 and "checksum mismatch" in r.err, r.err


def test_apply_without_terminal_or_yes_refuses(pg: Server, cli: Any, tmp_path: Path) -> None:
    target, _ = _setup(pg, tmp_path)
    plan = _plan(cli, pg, target)
    before = fp(target)
    r = cli("apply", plan["migration"], "--target", target.conninfo)
    assert r.code == 1 and "--yes" in r.err, r.err
    assert fp(target) == before


def test_dry_run_prints_steps_and_changes_nothing(pg: Server, cli: Any, tmp_path: Path) -> None:
    target, _ = _setup(pg, tmp_path)
    plan = _plan(cli, pg, target)
    before = fp(target)
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--dry-run")
    assert r.code == 0, r.err
    assert "nothing was changed" in r.out and "create index" in r.out.lower()
    assert fp(target) == before


def test_history_records_success_and_failure(pg: Server, cli: Any, tmp_path: Path) -> None:
    # A NULL email makes SET NOT NULL fail at apply time: one transaction, so nothing changes.
    target, _ = _setup(pg, tmp_path)
    with connection(target) as conn:
        execute(conn, "insert into public.users values (1, null)")
    plan = _plan(cli, pg, target, "--no-online")  # online, the VALIDATE would fail after steps that committed
    before = fp(target)
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes")
    assert r.code == 1 and "step" in r.err and "null" in r.err.lower(), r.err
    assert fp(target) == before, "a failed transactional step left changes behind"
    with connection(target) as conn:
        execute(conn, "update public.users set email = 'a@example.com'")
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes")
    assert r.code == 0, r.err
    with connection(target) as conn:
        rows = fetch_all(conn, "select plan_name, status, error is not null from reconcile.history order by id")
    name = Path(plan["migration"]).stem
    assert rows == [(name, "failed", True), (name, "succeeded", False)]


def test_plan_files_run_with_psql(pg: Server, cli: Any, tmp_path: Path, pool: ServerPool) -> None:
    """The files are plain SQL: psql -v ON_ERROR_STOP=1 -f gives the same result as apply."""
    target, _ = _setup(pg, tmp_path, to_sql=TO.replace("'sad'", "'sad', 'calm'"), from_sql=TO)
    expected = pg.create_db(TO.replace("'sad'", "'sad', 'calm'"))
    plan = _plan(cli, pg, target)
    binaries = find_binaries(pg.major)
    psql = str(binaries.bindir / "psql") if binaries else shutil.which("psql")
    if not psql:
        pytest.skip("no psql binary")
    original = fp(target)
    for path, want in ((plan["migration"], fp(expected)), (plan["rollback"], original)):
        res = subprocess.run(
            [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", target.conninfo, "-f", path],
            capture_output=True,
            text=True,
        )
        assert res.returncode == 0, res.stderr
        assert fp(target) == want


def test_password_never_printed_or_written(pg: Server, cli: Any, tmp_path: Path) -> None:
    secret = "Sup3r-S3cret-pw"
    target, _ = _setup(pg, tmp_path)
    p = target.params()
    url = (
        f"postgresql://{p.get('user', 'postgres')}:{secret}@/{p['dbname']}?host={p['host']}&port={p.get('port', 5432)}"
    )
    outputs = []
    r = cli(
        "plan", "--target", url, "--schema-dir", "schema", "--scratch", pg.url(), "--out", "plans", "--format", "json"
    )
    outputs += [r.out, r.err]
    for f in ("migration", "rollback"):
        outputs.append(Path(r.last_json[f]).read_text())
    for args in (
        ("drift", "--target", url, "--schema-dir", "schema", "--scratch", pg.url()),
        ("apply", r.last_json["migration"], "--target", url, "--yes"),
        ("drift", "--target", url.replace(p["dbname"], "no_such_db"), "--schema-dir", "schema", "--scratch", pg.url()),
        ("plan", "--target", f"host=/nonexistent user=x password={secret} dbname=y", "--schema-dir", "schema"),
    ):
        r2 = cli(*args)
        outputs += [r2.out, r2.err]
    assert any("no_such_db" in o for o in outputs), "the failing command did not run"
    for o in outputs:
        assert secret not in o


def test_embedded_scratch_matches_the_target_version(pg: Server, cli: Any, tmp_path: Path) -> None:
    if find_binaries(pg.major) is None:
        pytest.skip(f"no PostgreSQL {pg.major} binaries for an embedded scratch")
    target, _ = _setup(pg, tmp_path)
    r = cli("drift", "--target", target.conninfo, "--schema-dir", "schema", "--scratch", "embedded")
    assert r.code == 2, r.err
    assert "index public.users.users_email: missing in target" in r.out


def test_embedded_scratch_gets_the_target_roles(pg: Server, cli: Any, tmp_path: Path) -> None:
    """GRANT … TO a role only the target's cluster has builds on an embedded scratch (a NOLOGIN
    stand-in), and the proof's copy keeps the target user's default privileges as CURRENT even when
    the target connects as another user than the scratch cluster's."""
    if find_binaries(pg.major) is None:
        pytest.skip(f"no PostgreSQL {pg.major} binaries for an embedded scratch")
    for role in ("target_only_reader", "target_only_owner"):
        pg.create_role(role)
    with connection(pg.dsn) as conn:
        execute(conn, "ALTER ROLE target_only_owner LOGIN SUPERUSER")
    grants = (
        "create table public.notes (id bigint primary key, body text);\n"
        "grant select on public.notes to target_only_reader;\n"
        "alter default privileges grant select on tables to target_only_reader;\n"
        "alter default privileges revoke execute on functions from public;\n"
    )
    wanted = grants + "grant update (body) on public.notes to target_only_reader;\n"
    target, _ = _setup(pg, tmp_path, to_sql=wanted, from_sql="")
    target = target.with_params(user="target_only_owner")
    with connection(target) as conn:
        execute(conn, grants)
    r = cli(
        "plan",
        "--target",
        target.conninfo,
        "--schema-dir",
        "schema",
        "--scratch",
        "embedded",
        "--format",
        "json",
        "--allow-hazards",
        "AUTHZ_CHANGE",  # a grant on an existing table
    )
    assert r.code == 0, r.err
    assert r.last_json["summary"] == ["+ privilege public.notes.body (column)"], r.last_json
    assert str(r.last_json["proof"]).startswith("passed"), r.last_json


def test_scratch_of_another_major_version_is_refused(pool: ServerPool, cli: Any, tmp_path: Path) -> None:
    a, b = pool.get(16), pool.get(18)
    if isinstance(a, str) or isinstance(b, str):
        pytest.skip("needs PostgreSQL 16 and 18")
    target, _ = _setup(a, tmp_path)
    try:
        args = ("drift", "--target", target.conninfo, "--schema-dir", "schema", "--scratch", b.url())
        r = cli(*args)
        assert r.code == 1 and "scratch server is PostgreSQL 18 but the target is PostgreSQL 16" in r.err, r.err
        assert "--allow-version-mismatch" in r.err
        r = cli(*args, "--allow-version-mismatch")
        assert r.code == 2, r.err
    finally:
        a.drop_created()


def test_large_schema_plans_on_a_scratch_server_at_a_small_lock_limit(pg: Server, cli: Any, tmp_path: Path) -> None:
    """Loading schema/ and the proof's copy of the target go in batches: a schema far larger than one
    transaction's share of the scratch server's lock table plans and proves (the copy once ran as one
    transaction: "out of shared memory" for a 2,000-table target at the default lock limit)."""
    from reconciler.engine.scratch.cluster import LocalCluster

    binaries = find_binaries(pg.major)
    assert binaries is not None
    # 32 x 20 lock slots: one transaction of the 1,200 tables below does not fit; the build's and the
    # copy's batches (made at the same time) do.
    cluster = LocalCluster(binaries, settings=("max_locks_per_transaction=32", "max_connections=20"))
    scratch = cluster.start()
    try:
        tables = "".join(f"create table public.t{i:04} (id bigint primary key, v text);\n" for i in range(1200))
        with connection(scratch) as conn, pytest.raises(Exception, match="out of shared memory"):
            execute(conn, tables)  # the premise: one transaction of it does not fit
        target = pg.create_db(tables)
        (tmp_path / "schema").mkdir()
        (tmp_path / "schema" / "10_app.sql").write_text(tables + "create table public.added (id bigint);\n")
        args = ("--target", target.conninfo, "--schema-dir", "schema", "--scratch", scratch.conninfo)
        r = cli("plan", *args, "--out", "plans", "--format", "json")
        assert r.code == 0, r.err
        assert r.last_json["summary"] == ["+ table public.added"], r.last_json
        assert str(r.last_json["proof"]).startswith("passed"), r.last_json
    finally:
        cluster.stop()
        pg.drop_created()


def test_scratch_clean_drops_only_marked_leftovers(pg: Server, cli: Any) -> None:
    from reconciler.engine.scratch.databases import MARKER, PREFIX

    with connection(pg.dsn) as conn:
        for name, comment in ((PREFIX + "leftover1", MARKER + " (created …)"), (PREFIX + "unmarked", "someone's")):
            execute(conn, f'create database "{name}"')
            execute(conn, f'comment on database "{name}" is %s', (comment,))
            pg.created.append(name)
    r = cli("scratch", "clean", "--scratch", pg.url())
    assert r.code == 0 and f"dropped {PREFIX}leftover1" in r.out, r.err
    with connection(pg.dsn) as conn:
        names = {row[0] for row in fetch_all(conn, "select datname from pg_database")}
    assert PREFIX + "leftover1" not in names and PREFIX + "unmarked" in names


def _docker_answers() -> bool:
    try:
        return subprocess.run(["docker", "info"], capture_output=True, timeout=10).returncode == 0
    except (OSError, subprocess.SubprocessError):
        return False


@pytest.mark.docker
def test_docker_scratch(pg: Server, cli: Any, tmp_path: Path) -> None:
    if not _docker_answers():
        pytest.skip("no Docker engine answers `docker info` on this machine")
    target, _ = _setup(pg, tmp_path)
    r = cli("drift", "--target", target.conninfo, "--schema-dir", "schema", "--scratch", "docker")
    assert r.code == 2, r.err


def test_demo_runs_the_whole_loop(cli: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    if find_binaries(16, extensions=("vector",)) is None:
        pytest.fail("the demo needs the pgserver wheel (a project dependency)")
    monkeypatch.chdir(REPO)
    r = cli("demo")
    assert r.code == 0, r.err
    assert "No drift" in r.out and "already applied" in r.out
    assert "create table" in r.out.lower() and "rollback" in r.out.lower()


def _leftovers(where: str | None = None) -> set[str]:
    import glob
    import tempfile

    return set(glob.glob(os.path.join(where or tempfile.gettempdir(), "reconcile-pg-*")))


@pytest.fixture
def own_tmp() -> Iterator[str]:
    """A temporary folder of the command's own (its TMPDIR): the clusters other tests running
    meanwhile (CI runs a group per version at once) make in /tmp are not counted as its leftovers.
    Short, under /tmp: a cluster's socket path must stay within 107 bytes."""
    import tempfile

    where = tempfile.mkdtemp(prefix="ri-", dir="/tmp")
    os.chmod(where, 0o1777)  # like /tmp: initdb may run as another user (root cannot run it)
    try:
        yield where
    finally:
        shutil.rmtree(where, ignore_errors=True)


def _postgres_processes_in(paths: set[str]) -> list[str]:
    out = subprocess.run(["ps", "-eo", "args"], capture_output=True, text=True).stdout
    return [line for line in out.splitlines() if any(p in line for p in paths)]


@pytest.fixture
def pg16(pool: ServerPool) -> Any:
    """PostgreSQL 16 only: for provider behaviour that does not depend on the version."""
    server = pool.get(16)
    if isinstance(server, str):
        pytest.fail(server)
    yield server
    server.drop_created()


@pytest.mark.parametrize("delay", [0.05, 0.4, 1.0, 2.0])
def test_interrupt_removes_the_embedded_scratch(pg16: Server, tmp_path: Path, delay: float, own_tmp: str) -> None:
    """Ctrl-C at any moment (import, initdb, server start, loading, diffing) leaves no cluster behind."""
    import signal
    import sys
    import time

    target, _ = _setup(pg16, tmp_path)
    before = _leftovers(own_tmp)
    proc = subprocess.Popen(
        [sys.executable, "-m", "reconciler", "drift", "--target", target.conninfo, "--schema-dir", "schema"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": own_tmp},
    )
    time.sleep(delay)
    seen = _leftovers(own_tmp) - before
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=60)
    assert _leftovers(own_tmp) - before == set(), err
    assert not _postgres_processes_in(seen), "a scratch server survived the interrupt"


def test_sigterm_removes_the_embedded_scratch(pg16: Server, tmp_path: Path, own_tmp: str) -> None:
    import signal
    import sys
    import time

    target, _ = _setup(pg16, tmp_path)
    before = _leftovers(own_tmp)
    proc = subprocess.Popen(
        [sys.executable, "-m", "reconciler", "drift", "--target", target.conninfo, "--schema-dir", "schema"],
        cwd=tmp_path,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": own_tmp},
    )
    deadline = time.monotonic() + 20
    while not (_leftovers(own_tmp) - before) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.5)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "scratch databases were removed" in err
    assert _leftovers(own_tmp) - before == set(), err


def test_unproven_plan_is_stamped_and_apply_warns(pg: Server, cli: Any, tmp_path: Path) -> None:
    target, _ = _setup(pg, tmp_path)
    plan = _plan(cli, pg, target, "--skip-proof")
    assert plan["proof"].startswith("skipped")
    assert '"proof":"skipped' in Path(plan["migration"]).read_text()
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes")
    assert r.code == 0, r.err
    assert "was not proven on scratch" in r.err


def test_rollback_says_what_it_cannot_restore(pg: Server, cli: Any, tmp_path: Path) -> None:
    target, _ = _setup(pg, tmp_path, to_sql="create table public.users (id bigint primary key);\n")
    plan = _plan(cli, pg, target, "--allow-destructive", "--no-archive")  # plain drops: nothing archived
    assert plan["lossy"] == ["column public.users.email"] and plan["archived"] == []
    rollback = Path(plan["rollback"]).read_text()
    assert "restores the schema, NOT the data" in rollback and "x column public.users.email" in rollback


def test_lint_command_exit_codes_and_fix(cli: Any, tmp_path: Path) -> None:
    bad = tmp_path / "001_bad.sql"
    bad.write_text("CREATE TABLE users (id int);\nCREATE INDEX idx_users_id ON users(id);\n")
    r = cli("lint", str(bad), "--format", "json")
    assert r.code == 1, r.err
    assert [f["rule"] for f in r.last_json["findings"]] == ["RL001", "RL002"]
    r = cli("lint", str(bad), "--fix")
    assert r.code == 0, r.out + r.err
    assert "IF NOT EXISTS" in bad.read_text()
    r = cli("lint", str(bad))
    assert r.code == 0 and r.out.strip() == "", r.out


POLICY_FROM = (
    "create table public.notes (id bigint primary key, owner text);\n"
    "alter table public.notes enable row level security;\n"
    "create policy notes_own on public.notes using (owner = current_user);\n"
)
POLICY_TO = (
    "create table public.notes (id bigint primary key, owner text);\n"
    "alter table public.notes enable row level security;\n"
    "create policy notes_own on public.notes using (owner = current_user or owner is null);\n"
)


def test_hazard_policy_and_approvals(pg: Server, cli: Any, tmp_path: Path) -> None:
    """AUTHZ_CHANGE stops a plan by default; reconcile.yaml can lower it; apply (under a config that
    keeps it an error) needs an approval of this very plan: one for another plan is refused."""
    target, _ = _setup(pg, tmp_path, POLICY_TO, POLICY_FROM)
    args = ("--target", target.conninfo, "--schema-dir", "schema", "--scratch", pg.url(), "--out", "plans")
    r = cli("plan", *args)
    assert r.code == 3, r.err
    assert "AUTHZ_CHANGE" in r.err and "--allow-hazards AUTHZ_CHANGE" in r.err and "notes_own" in r.err
    assert not (tmp_path / "plans").exists()

    (tmp_path / "reconcile.yaml").write_text("hazards:\n  AUTHZ_CHANGE: warn\n")
    plan = _plan(cli, pg, target)
    assert {h["kind"] for h in plan["hazards"]} >= {"AUTHZ_CHANGE"}, plan["hazards"]
    migration = Path(plan["migration"])
    assert "-- Hazards (statement: kind: why):" in migration.read_text()

    (tmp_path / "reconcile.yaml").write_text("hazards:\n  AUTHZ_CHANGE: error\n")
    apply = ("apply", str(migration), "--target", target.conninfo, "--yes")
    r = cli(*apply)
    assert r.code == 3 and "AUTHZ_CHANGE" in r.err and "reconcile approve" in r.err, r.err

    # An approval copied from another plan names another checksum: refused.
    approval = migration.with_name(migration.name.removesuffix(".sql") + ".approval.yaml")
    approval.write_text("plan: other\nchecksum: sha256:0000\nallow: [AUTHZ_CHANGE]\n")
    r = cli(*apply)
    assert r.code == 1 and "approves another plan" in r.err, r.err

    r = cli("approve", str(migration), "--allow", "AUTHZ_CHANGE", "--by", "reviewer")
    assert r.code == 0, r.err
    r = cli(*apply)
    assert r.code == 0, r.err
    assert "AUTHZ_CHANGE" not in r.err  # approved: no longer reported (warn-level kinds still are)
    r = cli("apply", plan["rollback"], "--target", target.conninfo, "--yes", "--allow-hazards", "AUTHZ_CHANGE")
    assert r.code == 0, r.err


def test_failed_concurrent_unique_index_is_rebuilt_by_the_next_plan(pg: Server, cli: Any, tmp_path: Path) -> None:
    """CREATE UNIQUE INDEX CONCURRENTLY over duplicates fails and leaves an INVALID index (which
    IF NOT EXISTS would keep); once the duplicates are gone the next plan sees it and rebuilds it."""
    from_sql = "create table public.members (id bigint primary key, email text);\n"
    to_sql = from_sql + "create unique index members_email_key on public.members (email);\n"
    target, _ = _setup(pg, tmp_path, to_sql=to_sql, from_sql=from_sql)
    expected = pg.create_db(to_sql)
    with connection(target) as conn:
        execute(conn, "insert into public.members values (1, 'a@example.com'), (2, 'a@example.com')")
    plan = _plan(cli, pg, target)  # proven on a schema-only copy: the duplicates are data
    assert "CREATE UNIQUE INDEX CONCURRENTLY" in Path(plan["migration"]).read_text()
    # apply drops the INVALID index of a build that fails; one whose session died mid-build (the
    # same build run by hand here) leaves it behind
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes", "--no-undo")
    assert r.code == 1 and "duplicate" in r.err.lower(), r.err
    valid = "select indisvalid from pg_index where indexrelid = 'public.members_email_key'::regclass"
    with connection(target) as conn:
        assert fetch_all(conn, "select to_regclass('public.members_email_key') is null") == [(True,)]
        conn.autocommit = True
        with contextlib.suppress(Error):
            execute(conn, "create unique index concurrently members_email_key on public.members (email)")
        assert fetch_all(conn, valid) == [(False,)], "a failed concurrent build leaves an INVALID index"
        execute(conn, "delete from public.members where id = 2")
    r = cli("drift", "--target", target.conninfo, "--schema-dir", "schema", "--scratch", pg.url())
    assert r.code == 2 and "members_email_key" in r.out, r.out
    again = _plan(cli, pg, target)
    assert str(again["proof"]).startswith("passed") and "marked INVALID" in again["proof"], again["proof"]
    assert any("members_email_key" in line for line in again["summary"]), again["summary"]
    text = Path(again["migration"]).read_text()
    assert "NOT i.indisvalid" in text and "CREATE UNIQUE INDEX CONCURRENTLY" in text, text
    r = cli("apply", again["migration"], "--target", target.conninfo, "--yes")
    assert r.code == 0, r.err
    with connection(target) as conn:
        assert fetch_all(conn, valid) == [(True,)]
        assert fetch_all(conn, "select count(*) from pg_class where relname like 'reconcile_invalid_%'") == [(0,)]
    assert fp(target) == fp(expected)
    # The rollback cannot make the index INVALID again: it restores the schema with it valid.
    r = cli("apply", again["rollback"], "--target", target.conninfo, "--yes", "--allow-destructive")
    assert r.code == 0, r.err
    assert fp(target) == fp(expected)


def test_archive_list_and_prune(pg: Server, cli: Any, tmp_path: Path) -> None:
    """A dropped table is listed in the archive with its plan, time, rows and size; prune drops only
    what is older than --older-than; the rollback of a pruned archive still converges (empty table)."""
    from reconciler.engine.archive import parse_age

    assert [parse_age(a).total_seconds() for a in ("12h", "30d", "2w")] == [43200, 2592000, 1209600]
    from_sql = FROM + "create table public.old_events (id int primary key, what text);\n"
    target, _ = _setup(pg, tmp_path, to_sql=FROM, from_sql=from_sql)
    with connection(target) as conn:
        execute(conn, "insert into public.old_events select n, 'e' || n from generate_series(1, 250) n")
    plan = _plan(cli, pg, target, "--allow-destructive")
    assert plan["lossy"] == [] and plan["archived"][0].startswith("table public.old_events -> reconcile_archive.")
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes", "--allow-destructive")
    assert r.code == 0, r.err

    r = cli("archive", "list", "--target", target.conninfo, "--format", "json")
    assert r.code == 0, r.err
    (item,) = r.last_json["archived"]
    assert (item["kind"], item["source"], item["rows"]) == ("table", "public.old_events", 250)
    assert item["plan"] == Path(plan["migration"]).stem and item["size_bytes"] > 0
    r = cli("archive", "list", "--target", target.conninfo)
    assert "table public.old_events" in r.out and "250 row(s)" in r.out

    r = cli("archive", "prune", "--older-than", "30d", "--target", target.conninfo, "--yes")
    assert r.code == 0 and "nothing to prune" in r.out, r.out + r.err
    # Archived 40 days ago, as its record says.
    with connection(target) as conn:
        execute(
            conn,
            "do $$ declare t regclass := (select c.oid from pg_class c join pg_namespace n on n.oid = c.relnamespace"
            " where n.nspname = 'reconcile_archive' and c.relkind = 'r');"
            " begin execute format('comment on table %s is %L', t,"
            " jsonb_set(obj_description(t, 'pg_class')::jsonb, '{archived_at}',"
            " to_jsonb(now() - interval '40 days'))); end $$",
        )
    r = cli("archive", "prune", "--older-than", "30d", "--target", target.conninfo, "--dry-run")
    assert r.code == 0 and "would drop reconcile_archive." in r.out, r.out + r.err
    assert len(cli("archive", "list", "--target", target.conninfo, "--format", "json").last_json["archived"]) == 1
    r = cli("archive", "prune", "--older-than", "30d", "--target", target.conninfo)
    assert r.code == 1 and "without confirmation" in r.err
    r = cli("archive", "prune", "--older-than", "4w", "--target", target.conninfo, "--yes", "--format", "json")
    assert r.code == 0 and len(r.last_json["dropped"]) == 1, r.out + r.err
    assert cli("archive", "list", "--target", target.conninfo, "--format", "json").last_json["archived"] == []
    r = cli("archive", "prune", "--older-than", "3 days", "--target", target.conninfo)
    assert r.code == 64 and "is not an age" in r.err

    # The archive is gone: the rollback re-creates the table, empty.
    r = cli("apply", plan["rollback"], "--target", target.conninfo, "--yes")
    assert r.code == 0, r.err
    with connection(target) as conn:
        assert fetch_all(conn, "select count(*) from public.old_events") == [(0,)]


def test_online_plan_runs_with_psql_twice(pg: Server, cli: Any, tmp_path: Path) -> None:
    """An online plan (steps outside transaction blocks, VALIDATE alone) is still plain SQL for
    psql -f, and running it a second time changes nothing."""
    from_sql = "create table public.events (id bigint primary key, kind text, at timestamptz);\n"
    to_sql = (
        "create table public.events (id bigint primary key, kind text not null, at timestamptz,\n"
        "  constraint events_kind_short check (length(kind) < 20));\n"
        "create index events_at_idx on public.events (at);\n"
    )
    target, _ = _setup(pg, tmp_path, to_sql=to_sql, from_sql=from_sql)
    with connection(target) as conn:
        execute(conn, "insert into public.events select g, 'k' || g, now() from generate_series(1, 500) g")
    expected = fp(pg.create_db(to_sql))
    plan = _plan(cli, pg, target)
    text = Path(plan["migration"]).read_text()
    assert "CONCURRENTLY" in text and "alone, outside a transaction block" in text, text
    binaries = find_binaries(pg.major)
    psql = str(binaries.bindir / "psql") if binaries else shutil.which("psql")
    if not psql:
        pytest.skip("no psql binary")
    for _ in range(2):
        res = subprocess.run(
            [psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", target.conninfo, "-f", plan["migration"]],
            capture_output=True,
            text=True,
        )
        assert res.returncode == 0, res.stderr
        assert fp(target) == expected
