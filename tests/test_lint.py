"""`reconcile lint`, data-driven: one folder per case in tests/lint_cases/.

Each folder has `input.sql` and `expected.txt` (the exact findings, reported against `input.sql`).
`fixed.sql` is what `--fix` must make of the input, and `fixed.txt` the findings left after fixing
(empty when absent); with no `fixed.sql`, `--fix` must leave the file untouched. `setup.sql` makes
the case run on real PostgreSQL: the fixed SQL (or the input, for a clean case) must run twice in a
row, statement by statement as psql does, and a fixed case's input must fail by its second run.
`requires.txt` lists extensions the run needs (skipped, with the reason, where they are missing).

Regenerate the golden files with `RECONCILE_LINT_REGEN=1 .venv/bin/python -m pytest tests/test_lint.py`
and review them as a diff.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import psycopg2
import pytest

from conftest import Server
from reconciler.commands.lint import RULES, Finding, LintResult, lint_files
from reconciler.pg.db import connection, execute
from reconciler.render.results import lint_json as render_json
from reconciler.render.results import lint_text as render_text
from reconciler.sql.parse import split

CASES_DIR = Path(__file__).parent / "lint_cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "input.sql").is_file())
RUNNABLE = [c for c in CASES if (CASES_DIR / c / "setup.sql").is_file()]
REGEN = os.environ.get("RECONCILE_LINT_REGEN") == "1"


def _read(path: Path) -> str:
    return path.read_text() if path.is_file() else ""


def _lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.strip()]


def _lint(tmp_path: Path, sql: str, *, fix: bool = False) -> tuple[LintResult, str]:
    (tmp_path / "input.sql").write_text(sql)
    result = lint_files([Path("input.sql")], fix=fix)
    return result, (tmp_path / "input.sql").read_text()


def _findings(result: LintResult) -> str:
    return render_text(LintResult(result.findings, ()))


@pytest.mark.parametrize("case", CASES)
def test_lint_case(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = CASES_DIR / case
    monkeypatch.chdir(tmp_path)
    sql = (src / "input.sql").read_text()

    result, _ = _lint(tmp_path, sql)
    fixed_result, fixed_sql = _lint(tmp_path, sql, fix=True)
    if REGEN:
        (src / "expected.txt").write_text(_findings(result) + "\n" if result.findings else "")
        for name in ("fixed.sql", "fixed.txt"):
            (src / name).unlink(missing_ok=True)
        if fixed_sql != sql:
            (src / "fixed.sql").write_text(fixed_sql)
            if fixed_result.findings:
                (src / "fixed.txt").write_text(_findings(fixed_result) + "\n")

    assert _lines(_findings(result)) == _lines(_read(src / "expected.txt"))
    assert result.exit_code == (1 if result.findings else 0)
    assert result.fixed == ()

    if (src / "fixed.sql").is_file():
        assert fixed_sql == (src / "fixed.sql").read_text()
        assert fixed_result.fixed == ("input.sql",)
        assert _lines(_findings(fixed_result)) == _lines(_read(src / "fixed.txt"))
        # Every statement the fix wrote parses, and re-linting finds nothing new to fix.
        assert split(fixed_sql)
        assert not any(f.fixable for f in fixed_result.findings)
        again, refixed = _lint(tmp_path, fixed_sql, fix=True)
        assert refixed == fixed_sql and again.fixed == ()
    else:
        assert fixed_sql == sql, "--fix changed the file: add the expected fixed.sql"
        assert not any(f.fixable for f in result.findings)


def _run(dsn_server: Server, setup: str, sql: str, times: int) -> None:
    dsn = dsn_server.create_db(setup if split(setup) else "")  # a comment alone is an empty query
    statements = [s.text for s in split(sql)]
    with connection(dsn) as conn:
        for _ in range(times):
            for statement in statements:
                execute(conn, statement)


@pytest.mark.parametrize("case", RUNNABLE)
def test_lint_case_runs_twice(case: str, pg: Server) -> None:
    """What lint passes (or --fix writes) converges: it runs twice; a fixed input did not."""
    src = CASES_DIR / case
    for extension in _lines(_read(src / "requires.txt")):
        if not pg.has_extension(extension.strip()):
            pytest.skip(f"{pg.label} has no extension {extension.strip()!r}")
    setup = (src / "setup.sql").read_text()
    has_fix = (src / "fixed.sql").is_file()
    final, left = (src / "fixed.sql", "fixed.txt") if has_fix else (src / "input.sql", "expected.txt")
    assert not _lines(_read(src / left)), f"{case}: setup.sql is for cases whose final SQL is clean"
    _run(pg, setup, final.read_text(), times=2)
    if has_fix:
        with pytest.raises(psycopg2.Error):
            _run(pg, setup, (src / "input.sql").read_text(), times=2)


def test_every_rule_has_a_clean_and_a_dirty_case() -> None:
    for rule in RULES:
        mine = [c for c in CASES if c.startswith(rule.id + "_")]
        dirty = [c for c in mine if rule.id in _read(CASES_DIR / c / "expected.txt")]
        clean = [c for c in mine if not _lines(_read(CASES_DIR / c / "expected.txt"))]
        assert dirty, f"{rule.id}: no case where it is reported"
        assert clean, f"{rule.id}: no clean case"


def test_every_fixable_rule_has_a_case_that_runs_its_fix() -> None:
    ran = " ".join(_read(CASES_DIR / c / "expected.txt") for c in RUNNABLE if (CASES_DIR / c / "fixed.sql").is_file())
    for rule in ("RL001", "RL002", "RL003", "RL004", "RL005", "RL006", "RL007", "RL008", "RL009", "RL010", "RL011"):
        assert rule in ran, f"{rule}: no fixed case runs on PostgreSQL"


def test_render_json_and_directories(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "m").mkdir()
    shutil.copy(CASES_DIR / "RL001_create_table_bad" / "input.sql", tmp_path / "m" / "b.sql")
    (tmp_path / "m" / "a.sql").write_text("CREATE TABLE IF NOT EXISTS t (id int);\n")
    result = lint_files([Path("m")])
    assert {f.path for f in result.findings} == {str(Path("m") / "b.sql")}
    data = json.loads(render_json(result))
    assert data["fixed"] == [] and data["findings"][0]["rule"] == "RL001"
    assert set(data["findings"][0]) == {"path", "line", "col", "rule", "message", "fixable"}
    assert Finding("a.sql", 1, 2, "RL001", "m").__str__() == "a.sql:1:2: RL001 m"
