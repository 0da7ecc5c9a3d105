"""Bad inputs through the CLI: one folder per input in tests/bad_inputs/.

Each folder has an optional `schema/` (the desired SQL; files the case cannot hold as text are
written by a named `generate` step), an optional `target.sql` and `case.yaml`:

* `steps`: commands run in order, each `command` (argv after `reconcile`, `--debug` first if
  given; plan and drift get
  --target/--schema-dir/--scratch, plan --out; apply gets --target; `{migration}`/`{rollback}` are
  the files of the last plan run with --format json), the `exit` code, substrings expected in
  `stdout`/`stderr` and `absent` from both;
* `target`: `normal` (default), `unreachable`, `silent_server` (takes the connection, never
  answers), `wrong_password` / `wrong_password_url` (a role that
  must log in with a password; the wrong one given must never be printed), `readonly` (a login role
  that may only read);
* `scratch`: `url` (default: a database on the test server) or `embedded` (a private cluster);
* `all_versions`: run on every selected PostgreSQL version (default: one);
* `target_after_sql`: a query that must return true on the target at the end;
* `generate`: a generator below that writes schema files (`big_*`, `non_utf8`, `utf8_bom`);
* `history: true`: the target has reconcile.history already (an earlier apply by its owner).

Every case also asserts: no traceback (unless the step passes --debug), no "internal error", no
scratch database or cluster left behind, no password printed or written, and the target's
fingerprint unchanged (the hostile-identifier case applies then rolls back, so its target ends
where it started).
"""

from __future__ import annotations

import contextlib
import json
import secrets
import shutil
import socket
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CliResult, Server, ServerPool, _required, fp, selected_versions
from reconciler.engine.scratch.databases import PREFIX
from reconciler.pg import db, history
from reconciler.pg.db import Dsn, connection, execute, fetch_all, fetch_one, ident

CASES_DIR = Path(__file__).parent / "bad_inputs"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "case.yaml").is_file())
KNOWN = {"description", "steps", "target", "scratch", "all_versions", "target_after_sql", "generate", "history"}
STEP_KEYS = {"command", "exit", "stdout", "stderr", "absent"}
# The password of the role that must log in with one, and the wrong one the cases give.
PASSWORD_ROLE = "reconcile_bad_inputs_pw"
RIGHT_PASSWORD = "Right-Pa55word-7f3e"
WRONG_PASSWORD = "Wr0ng-Pa55word-9c1d"
TEN_MB = 10 * 1024 * 1024


def _meta(case: str) -> dict[str, Any]:
    meta: dict[str, Any] = yaml.safe_load((CASES_DIR / case / "case.yaml").read_text())
    assert not set(meta) - KNOWN, f"{case}: unknown keys {set(meta) - KNOWN}"
    for step in meta["steps"]:
        assert not set(step) - STEP_KEYS, f"{case}: unknown step keys {set(step) - STEP_KEYS}"
    return meta


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "bad_case" not in metafunc.fixturenames:
        return
    import os

    versions: tuple[int | str, ...] = (
        ("url",) if os.environ.get("RECONCILE_TEST_URL") else selected_versions(metafunc.config)
    )
    # Most bad inputs fail before anything version-specific: one version (the newest selected) is
    # enough; cases marked all_versions (quoting, privileges) run on each.
    params = []
    for case in CASES:
        for v in versions if _meta(case).get("all_versions") else versions[-1:]:
            params.append(pytest.param(case, v, id=f"{case}-pg{v}"))
    metafunc.parametrize(("bad_case", "bad_version"), params)


@pytest.fixture
def server(bad_version: int | str, pool: ServerPool) -> Iterator[Server]:
    major = pool.external.major if bad_version == "url" and pool.external else int(bad_version)
    got = pool.get(major)
    if isinstance(got, str):
        if major in _required():
            pytest.fail(f"PostgreSQL {major} is required (RECONCILE_TEST_REQUIRE_VERSIONS) but: {got}")
        pytest.skip(got)
    try:
        yield got
    finally:
        got.drop_created()


# --- generated inputs -------------------------------------------------------------------------


def _big_statements(schema: Path) -> None:
    """10 MB of small statements, then transaction control at the end: every statement is split
    and located before the refusal (a quadratic line count would hang here)."""
    lines = ["create table public.big_base (id int primary key);"]
    size, n = 0, 0
    while size < TEN_MB:
        line = f"comment on table public.big_base is 'comment number {n}: {'lorem ipsum ' * 10}';"
        lines.append(line)
        size += len(line) + 1
        n += 1
    lines.append("COMMIT;")
    (schema / "10_big.sql").write_text("\n".join(lines) + "\n")


def _big_file_plans(schema: Path) -> None:
    """A 10 MB file that is valid: a few tables whose comments and a view carry most of the bytes."""
    per = TEN_MB // 4
    parts = []
    for i in range(4):
        text = ("lorem ipsum dolor sit amet; -- $$ ' " * (per // 36 + 1))[:per].replace("'", "''")
        parts.append(f"create table public.big_{i} (id int primary key, note text);")
        parts.append(f"comment on table public.big_{i} is '{text}';")
    (schema / "10_big.sql").write_text("\n".join(parts) + "\n")


def _non_utf8(schema: Path) -> None:
    (schema / "10_latin1.sql").write_bytes(
        b"create table public.ok (id int);\n-- caf\xe9 in Latin-1, not UTF-8\ncreate table public.b (id int);\n"
    )


def _utf8_bom(schema: Path) -> None:
    (schema / "10_bom.sql").write_bytes(
        b"\xef\xbb\xbfcreate table public.a (id int);\ncreate tabel public.b (id int);\n"
    )


GENERATORS: dict[str, Callable[[Path], None]] = {
    "big_statements": _big_statements,
    "big_file_plans": _big_file_plans,
    "non_utf8": _non_utf8,
    "utf8_bom": _utf8_bom,
}


# --- targets ----------------------------------------------------------------------------------


def _password_role(server: Server) -> None:
    """A role that must log in with a password (the test clusters trust everyone else)."""
    with connection(server.dsn) as conn:
        row = fetch_one(conn, "SELECT current_setting('hba_file'), rolsuper FROM pg_roles WHERE rolname = current_user")
        assert row is not None
        hba, superuser = Path(row[0]), row[1]
        if not superuser or not hba.is_file():
            pytest.skip(f"{server.label}: cannot require a password for a role here (no superuser or pg_hba.conf)")
        if fetch_one(conn, "SELECT 1 FROM pg_roles WHERE rolname = %s", (PASSWORD_ROLE,)) is None:
            execute(
                conn, "CREATE ROLE {} LOGIN PASSWORD %s".format(ident(PASSWORD_ROLE).as_string(conn)), (RIGHT_PASSWORD,)
            )
        rule = f"local all {PASSWORD_ROLE} scram-sha-256\nhost all {PASSWORD_ROLE} all scram-sha-256\n"
        text = hba.read_text()
        if not text.startswith(rule):
            hba.write_text(rule + text)  # first match wins: only this role is affected
            execute(conn, "SELECT pg_reload_conf()")


def _readonly_role(server: Server, target: Dsn) -> Dsn:
    name = f"ro_{secrets.token_hex(4)}"
    with connection(target) as conn:
        q = ident(name).as_string(conn)
        execute(conn, f"CREATE ROLE {q} LOGIN")
        execute(conn, f"GRANT USAGE ON SCHEMA public TO {q}")
        execute(conn, f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {q}")
        execute(conn, f"GRANT SELECT ON ALL SEQUENCES IN SCHEMA public TO {q}")
        if fetch_one(conn, "SELECT to_regnamespace('reconcile') IS NOT NULL") == (True,):
            execute(conn, f"GRANT USAGE ON SCHEMA reconcile TO {q}")
            execute(conn, f"GRANT SELECT ON ALL TABLES IN SCHEMA reconcile TO {q}")
    return target.with_params(user=name)


def _silent_server(stack: contextlib.ExitStack, monkeypatch: pytest.MonkeyPatch) -> str:
    """A TCP port that takes connections and never answers (a hung host): libpq would wait for it
    without end; reconcile gives up after db.CONNECT_TIMEOUT (1 s here instead of 10)."""
    sock = stack.enter_context(socket.socket())
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)  # the kernel completes the handshakes; nobody ever reads or writes
    monkeypatch.setattr(db, "CONNECT_TIMEOUT", 1)
    monkeypatch.delenv("PGCONNECT_TIMEOUT", raising=False)
    return f"host=127.0.0.1 port={sock.getsockname()[1]} dbname=app user=postgres"


def _target_for(kind: str, server: Server, target: Dsn) -> str:
    if kind == "normal":
        return target.conninfo
    if kind == "unreachable":
        # Nothing listens on port 1 of the loopback: refused at once.
        return f"host=127.0.0.1 port=1 dbname={target.dbname} user=postgres connect_timeout=3"
    if kind in ("wrong_password", "wrong_password_url"):
        _password_role(server)
        dsn = target.with_params(user=PASSWORD_ROLE, password=WRONG_PASSWORD)
        if kind == "wrong_password":
            return dsn.conninfo
        p = dsn.params()
        return (
            f"postgresql://{PASSWORD_ROLE}:{WRONG_PASSWORD}@/{p['dbname']}?host={p['host']}&port={p.get('port', 5432)}"
        )
    if kind == "readonly":
        return _readonly_role(server, target).conninfo
    raise AssertionError(f"unknown target kind {kind!r}")


# --- the test ---------------------------------------------------------------------------------


def _scratch_leftovers(server: Server) -> list[str]:
    with connection(server.dsn) as conn:
        return [r[0] for r in fetch_all(conn, "SELECT datname FROM pg_database WHERE datname LIKE %s", (PREFIX + "%",))]


@contextlib.contextmanager
def _private_tmp(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Embedded clusters are made under tempfile's folder: give this case its own, to count them
    (outside pytest's private tmp_path, which the cluster's unprivileged user cannot reach)."""
    folder = Path(tempfile.mkdtemp(prefix="reconcile-bad-inputs-"))
    folder.chmod(0o755)
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    try:
        yield folder
    finally:
        monkeypatch.undo()
        shutil.rmtree(folder, ignore_errors=True)


def test_bad_input(bad_case: str, server: Server, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    meta = _meta(bad_case)
    src = CASES_DIR / bad_case
    schema = tmp_path / "schema"
    if (src / "schema").is_dir():
        shutil.copytree(src / "schema", schema)
    else:
        schema.mkdir()
    if meta.get("generate"):
        GENERATORS[meta["generate"]](schema)
    target_sql = (src / "target.sql").read_text() if (src / "target.sql").exists() else ""
    target = server.create_db(target_sql)
    if meta.get("history"):
        with connection(target) as conn:
            history.ensure(conn)
    stack = contextlib.ExitStack()
    if meta.get("target") == "silent_server":
        target_arg = _silent_server(stack, monkeypatch)
    else:
        target_arg = _target_for(meta.get("target", "normal"), server, target)
    before = fp(target)  # after the read-only role's grants
    scratch = ["--scratch", server.url()] if meta.get("scratch", "url") == "url" else ["--scratch", "embedded"]
    outputs: list[str] = []
    files: dict[str, str] = {}
    with stack, _private_tmp(monkeypatch) as tmp:
        for n, step in enumerate(meta["steps"], 1):
            argv = [str(a).format(**files) for a in step["command"]]
            debug = argv[:1] == ["--debug"]  # a global option goes before the command
            command = argv[1:] if debug else argv
            defaults = ["--target", target_arg]
            if command[0] in ("plan", "drift"):
                defaults += ["--schema-dir", "schema", *scratch]
            if command[0] == "plan":
                defaults += ["--out", "plans"]
            r: CliResult = cli(*argv[:1] if debug else [], command[0], *defaults, *command[1:])
            outputs += [r.out, r.err]
            where = f"{bad_case} step {n} ({' '.join(command[:1])}): exit {r.code}\nstdout:\n{r.out}\nstderr:\n{r.err}"
            assert r.code == step["exit"], where
            for text in step.get("stdout", []):
                assert text in r.out, f"{text!r} not in stdout; {where}"
            for text in step.get("stderr", []):
                assert text in r.err, f"{text!r} not in stderr; {where}"
            for text in step.get("absent", []):
                assert text not in r.out + r.err, f"{text!r} printed; {where}"
            assert "internal error" not in r.err, where
            assert debug or "Traceback" not in r.out + r.err, where
            if command[0] == "plan" and "--format" in command and r.out.strip():
                with contextlib.suppress(ValueError):
                    last = json.loads(r.out.strip().splitlines()[-1])
                    files = {k: str(last[k]) for k in ("migration", "rollback") if last.get(k)}
            assert _scratch_leftovers(server) == [], f"{where}\na scratch database was left behind"
            assert not list(tmp.glob("reconcile-pg-*")), f"{where}\nan embedded scratch cluster was left behind"
    for o in outputs + [p.read_text() for p in (tmp_path / "plans").glob("*.sql")]:
        assert WRONG_PASSWORD not in o and RIGHT_PASSWORD not in o, "a password was printed or written"
    assert fp(target) == before, "the target's schema changed"
    if meta.get("target_after_sql"):
        with connection(target) as conn:
            row = fetch_one(conn, meta["target_after_sql"])
        assert row is not None and row[0] is True, f"target_after_sql is not true: {meta['target_after_sql']}"
