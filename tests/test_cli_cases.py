"""Data-driven CLI behaviours: one folder per behaviour in tests/cli_cases/.

Each folder has `schema/` (the desired SQL), an optional `target.sql` (the target's state), an
optional `reconcile.yaml` (the settings the command runs with) and
`case.yaml`: `command` (argv after `reconcile`, before the defaults --target/--schema-dir/
--scratch/--out that point at a fresh database, the folder's schema/ and a plans folder; apply and
restore get --target only),
`exit`, and substrings expected in `stdout`/`stderr` (and `absent` from both); `no_plan_files: true` asserts nothing
was written; `requires` lists extensions the case skips without; `migration_contains`: substrings of the newest
plan written (not its rollback), `rollback_file`: whether its `.rollback.sql` exists. `then`: further commands on
the same target and folder, each a mapping of those keys; `{migration}` in a command is the newest plan written so
far, `{tmp}` the case's folder.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import Server
from reconciler.engine.scratch.databases import PREFIX
from reconciler.pg.db import Dsn, connection, fetch_all

CASES_DIR = Path(__file__).parent / "cli_cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "case.yaml").is_file())
STEP_KEYS = {"command", "exit", "stdout", "stderr", "absent", "no_plan_files", "migration_contains", "rollback_file"}
KNOWN = {"description", "then", "requires", *STEP_KEYS}


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
    steps = [meta, *meta.get("then", [])]
    for n, step in enumerate(steps):
        assert not set(step) - STEP_KEYS - ({"description", "then", "requires"} if n == 0 else set()), (
            f"{case}: step {n}"
        )
        _run_step(f"{case}, command {n + 1} ({' '.join(map(str, step['command']))})", step, pg, target, cli, tmp_path)


def _newest_plan(plans: Path) -> Path | None:
    found = sorted(p for p in plans.glob("*.sql") if not p.name.endswith(".rollback.sql")) if plans.is_dir() else []
    return found[-1] if found else None


def _run_step(label: str, step: dict[str, Any], pg: Server, target: Dsn, cli: Any, tmp_path: Path) -> None:
    plans = tmp_path / "plans"
    newest = _newest_plan(plans)
    command = [
        str(a).replace("{migration}", str(newest or "<no plan written>")).replace("{tmp}", str(tmp_path))
        for a in step["command"]
    ]
    defaults = ["--target", target.conninfo, "--schema-dir", "schema", "--scratch", pg.url()]
    if command[0] == "plan":
        defaults += ["--out", "plans"]
    if command[0] in ("apply", "restore"):
        defaults = defaults[:2]  # they take a target only (a later --target in the case wins)
    r = cli(command[0], *defaults, *command[1:])
    with connection(pg.dsn) as conn:
        leftovers = fetch_all(conn, "select datname from pg_database where datname like %s", (PREFIX + "%",))
    assert leftovers == [], f"{label}: a scratch database was left behind"
    shown = f"stdout:\n{r.out}\nstderr:\n{r.err}"
    assert r.code == step["exit"], f"{label}: exit {r.code}, expected {step['exit']}\n{shown}"
    for text in step.get("stdout", []):
        assert text in r.out, f"{label}: {text!r} not in stdout:\n{r.out}\nstderr:\n{r.err}"
    for text in step.get("stderr", []):
        assert text in r.err, f"{label}: {text!r} not in stderr:\n{r.err}"
    for text in step.get("absent", []):
        assert text not in r.out + r.err, f"{label}: {text!r} printed:\nstdout:\n{r.out}\nstderr:\n{r.err}"
    if step.get("no_plan_files"):
        assert _newest_plan(plans) == newest, f"{label}: a plan was written"
    written = _newest_plan(plans)
    if "migration_contains" in step or "rollback_file" in step:
        assert written is not None, f"{label}: no plan written"
        text = written.read_text()
        for needle in step.get("migration_contains", []):
            assert needle in text, f"{label}: {needle!r} not in {written.name}:\n{text}"
    if "rollback_file" in step:
        assert written is not None
        rollback = written.with_name(written.name.removesuffix(".sql") + ".rollback.sql")
        assert rollback.is_file() == step["rollback_file"], f"{label}: {rollback.name} exists: {rollback.is_file()}"
