"""Progress lines: on stderr when it is a terminal (a real pty here), never with --format json or
without a terminal. RECONCILE_PROGRESS_AFTER=0 shows every step (by default only those running
longer than half a second), so nothing here depends on timing. One table row per situation;
`reconcile` runs as a subprocess so that its stderr really is (or is not) a terminal.
"""

from __future__ import annotations

import os
import pty
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import Server, ServerPool, _required, selected_versions

# (id, command after `reconcile`, stderr is a pty, lines expected on stderr, lines that must not appear)
ROWS = [
    (
        "plan-on-a-terminal",
        ["plan", "--no-cache"],  # every step: the cache would skip the build
        True,
        [
            "… loading schema/ into the scratch database (2 statements)",
            "✓ loading schema/ into the scratch database (",
            "✓ inspecting the target database (",
            "… proof: forward",
            "  … step 1/",
            "✓ proof: forward once more (",
        ],
        [],
    ),
    ("plan-json-on-a-terminal", ["plan", "--format", "json"], True, [], ["…", "✓"]),
    (
        "apply-on-a-terminal",
        ["apply", "{migration}", "--yes"],
        True,
        ["… step 1/1: CREATE TABLE IF NOT EXISTS public.b", "✓ step 1/1: CREATE TABLE IF NOT EXISTS public.b ("],
        [],
    ),
    ("apply-without-a-terminal", ["apply", "{migration}", "--yes"], False, [], ["✓ step"]),
]


@pytest.fixture(scope="module")
def server(pool: ServerPool, pytestconfig: pytest.Config) -> Iterator[Server]:
    """One version (the newest selected): progress does not depend on it."""
    major = pool.external.major if pool.external else selected_versions(pytestconfig)[-1]
    got = pool.get(major)
    if isinstance(got, str):
        if major in _required():
            pytest.fail(got)
        pytest.skip(got)
    yield got
    got.drop_created()


def _run(args: list[str], cwd: Path, tty: bool) -> tuple[int, str, str]:
    """`reconcile ARGS` with stderr on a pty (or a pipe); stdout is always a pipe."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("RECONCILE_") or k.startswith("RECONCILE_TEST")}
    env["RECONCILE_PROGRESS_AFTER"] = "0"  # show every step, however quick (no timing in the test)
    cmd = [sys.executable, "-m", "reconciler", *args]
    if not tty:
        r = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)
        return r.returncode, r.stdout, r.stderr
    master, slave = pty.openpty()
    chunks: list[bytes] = []

    def drain() -> None:  # read while it runs: a full pty buffer would block the writer
        while True:
            try:
                data = os.read(master, 4096)
            except OSError:  # EIO once the last writer closed its end
                return
            if not data:
                return
            chunks.append(data)

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    try:
        proc = subprocess.run(cmd, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=slave, timeout=300)
    finally:
        os.close(slave)
    reader.join(timeout=30)
    os.close(master)
    # The terminal turns \n into \r\n.
    return proc.returncode, proc.stdout.decode(), b"".join(chunks).decode(errors="replace").replace("\r\n", "\n")


TARGET = "create table public.a (id int primary key);"


@pytest.fixture(scope="module")
def workdir(server: Server, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """schema/ adds a table; plans/ holds the plan for it (made once, without a terminal: it applies
    to every fresh target, which all start with the same schema)."""
    work = tmp_path_factory.mktemp("progress")
    (work / "schema").mkdir()
    (work / "schema" / "10_a.sql").write_text(f"{TARGET}\ncreate table public.b (id int primary key);\n")
    target = server.create_db(TARGET)
    code, _, err = _run(
        ["plan", "--target", target.conninfo, "--schema-dir", "schema", "--scratch", server.url(), "--out", "plans"],
        work,
        False,
    )
    assert code == 0, err
    return work


@pytest.mark.parametrize(("row", "command", "tty", "expected", "absent"), ROWS, ids=[r[0] for r in ROWS])
def test_progress(
    row: str, command: list[str], tty: bool, expected: list[str], absent: list[str], server: Server, workdir: Path
) -> None:
    target = server.create_db(TARGET)
    common = ["--target", target.conninfo]
    if command[0] == "apply":
        plan = next(p for p in (workdir / "plans").glob("*.sql") if not p.name.endswith(".rollback.sql"))
        args = [a.format(migration=plan) for a in command] + common
    else:
        args = [*command, *common, "--schema-dir", "schema", "--scratch", server.url(), "--out", f"plans_{row}"]
    code, out, err = _run(args, workdir, tty)
    assert code == 0, f"exit {code}\nstdout:\n{out}\nstderr:\n{err}"
    for line in expected:
        assert line in err, f"{line!r} not on stderr:\n{err}"
    for text in absent:
        assert text not in err, f"{text!r} on stderr:\n{err}"
    assert "…" not in out and "✓" not in out, f"progress on stdout:\n{out}"
