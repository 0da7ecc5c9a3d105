"""Data-driven CLI behaviours: one folder per behaviour in tests/cli_cases/.

Each folder has `schema/` (the desired SQL), an optional `target.sql` (the target's state), an
optional `reconcile.yaml` (the settings the command runs with) and
`case.yaml`: `command` (argv after `reconcile`, before the defaults --target/--schema-dir/
--scratch/--out that point at a fresh database, the folder's schema/ and a plans folder; apply and
restore get --target only),
`exit`, and substrings expected in `stdout`/`stderr` (and `absent` from both); `no_plan_files: true` asserts nothing
was written; `requires` lists extensions the case skips without.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import Server
from reconciler.db import connection, fetch_all
from reconciler.scratch.url import PREFIX

CASES_DIR = Path(__file__).parent / "cli_cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "case.yaml").is_file())
KNOWN = {"description", "command", "exit", "stdout", "stderr", "absent", "no_plan_files", "requires"}


@pytest.mark.parametrize("case", CASES)
def test_cli_case(case: str, pg: Server, cli: Any, tmp_path: Path) -> None:
    src = CASES_DIR / case
    meta = yaml.safe_load((src / "case.yaml").read_text())
    assert not set(meta) - KNOWN, f"{case}: unknown keys {set(meta) - KNOWN}"
    for ext in meta.get("requires", []):
        if not pg.has_extension(ext):
            pytest.skip(f"{pg.label} has no extension {ext!r}")
    shutil.copytree(src / "schema", tmp_path / "schema")
    if (src / "reconcile.yaml").is_file():
        shutil.copy(src / "reconcile.yaml", tmp_path / "reconcile.yaml")
    target_sql = (src / "target.sql").read_text() if (src / "target.sql").exists() else ""
    target = pg.create_db(target_sql)
    command = [str(a) for a in meta["command"]]
    defaults = ["--target", target.conninfo, "--schema-dir", "schema", "--scratch", pg.url()]
    if command[0] == "plan":
        defaults += ["--out", "plans"]
    if command[0] in ("apply", "restore"):
        defaults = defaults[:2]  # they take a target only (a later --target in the case wins)
    r = cli(command[0], *defaults, *command[1:])
    with connection(pg.dsn) as conn:
        leftovers = fetch_all(conn, "select datname from pg_database where datname like %s", (PREFIX + "%",))
    assert leftovers == [], "a scratch database was left behind"
    assert r.code == meta["exit"], f"exit {r.code}, expected {meta['exit']}\nstdout:\n{r.out}\nstderr:\n{r.err}"
    for text in meta.get("stdout", []):
        assert text in r.out, f"{text!r} not in stdout:\n{r.out}\nstderr:\n{r.err}"
    for text in meta.get("stderr", []):
        assert text in r.err, f"{text!r} not in stderr:\n{r.err}"
    for text in meta.get("absent", []):
        assert text not in r.out + r.err, f"{text!r} printed:\nstdout:\n{r.out}\nstderr:\n{r.err}"
    if meta.get("no_plan_files"):
        assert not (tmp_path / "plans").exists() or not any((tmp_path / "plans").iterdir())
