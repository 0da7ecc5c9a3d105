"""End-to-end convergence for every case folder, through the CLI, on each PostgreSQL version.

Each `tests/cases/<name>/` has `from.sql` (the target's state), `to.sql` (schema/) and
`case.yaml` (expectations). The loop: plan → apply → the target's fingerprint equals a database
built from to.sql → drift exits 0 → apply again is a no-op → apply the rollback → the target's
fingerprint equals the original.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import CliResult, Server, fp, incremental_differs
from reconciler.commands.settings import source as source_settings
from reconciler.core.config import load_config
from reconciler.core.model import SchemaFilter
from reconciler.engine.fingerprint import fingerprint
from reconciler.engine.scratch.build import build
from reconciler.engine.source import load_source

CASES_DIR = Path(__file__).parent / "cases"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "case.yaml").is_file())
KNOWN_KEYS = {
    "description",
    "destructive",
    "rollback_destructive",
    "hazards",
    "rollback_hazards",
    "requires",
    "min_version",
    "changes",
    "lossy",
    "known_gap",
    "keeps_rows",
    "config",
    "after_apply_sql",
    "after_rollback_sql",
    "roles",
    "requires_sql",
    "plan_contains",
    "plan_lacks",
    "rollback_contains",
    "rollback_leaves_sql",
    "env",
}


def load_case(name: str) -> dict[str, Any]:
    meta = yaml.safe_load((CASES_DIR / name / "case.yaml").read_text()) or {}
    unknown = set(meta) - KNOWN_KEYS
    assert not unknown, f"{name}/case.yaml: unknown keys {unknown}"
    return meta


def test_there_are_enough_cases() -> None:
    assert len(CASES) >= 25


def _params() -> list[Any]:
    """A case with `known_gap: <why>` must still fail (strict xfail): when the gap closes, the suite says so."""
    out = []
    for name in CASES:
        gap = (yaml.safe_load((CASES_DIR / name / "case.yaml").read_text()) or {}).get("known_gap")
        out.append(pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=gap)) if gap else name)
    return out


@pytest.mark.parametrize("case", _params())
def test_case_converges(case: str, pg: Server, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    meta = load_case(case)
    for var, value in (meta.get("env") or {}).items():  # e.g. a secret option's value for apply
        monkeypatch.setenv(var, str(value))
    for ext in meta.get("requires", []):
        if not pg.has_extension(ext):
            pytest.skip(f"{pg.label} has no extension {ext!r}")
    if meta.get("requires_sql") and not _rows(pg.dsn, meta["requires_sql"])[0][0]:
        pytest.skip(f"{pg.label} lacks what the case needs: {meta['requires_sql']}")
    if pg.major < int(meta.get("min_version", 0)):
        pytest.skip(f"case needs PostgreSQL >= {meta['min_version']}")
    src = CASES_DIR / case
    if "config" in meta:  # reconcile.yaml settings (the CLI runs in tmp_path, where it finds them)
        (tmp_path / "reconcile.yaml").write_text(yaml.safe_dump(meta["config"]))
    managed = load_config(cwd=tmp_path).schema_filter if "config" in meta else SchemaFilter()
    schema = tmp_path / "schema"
    schema.mkdir()
    shutil.copy(src / "to.sql", schema / "to.sql")
    for role in meta.get("roles", []):  # cluster-wide: created once per server, NOLOGIN
        pg.create_role(role)
    if "profile" in meta.get("config", {}):
        # A platform's target has the profile's prelude (Supabase's roles, auth, storage) under
        # from.sql; the desired state is to.sql built as a plan builds schema/, over that prelude.
        cfg = load_config(cwd=tmp_path)
        prelude = "".join(p.read_text() + "\n;\n" for p in cfg.scratch_prelude)
        target = pg.create_db(prelude + (src / "from.sql").read_text())
        expected = pg.create_db()
        build(expected, load_source(source_settings(cfg)))
    else:
        target = pg.create_db((src / "from.sql").read_text())
        expected = pg.create_db((src / "to.sql").read_text())
    original_fp, expected_fp = fingerprint(target, managed), fingerprint(expected, managed)
    original = original_fp.digest
    # The plan below inspects both sides restricted to what differs: the same statements as whole;
    # also from the cache's stored rows (version-independent code: checked on 16, the CI's middle group).
    rows = tmp_path / "rows" if pg.major == 16 else None
    why = incremental_differs(target, expected, managed, rows, (original_fp, expected_fp))
    assert why is None, why
    # {before: query on from.sql's names, after: the same rows under to.sql's (omitted when the
    # migration archives them: only the rollback must bring them back)}
    keeps = meta.get("keeps_rows")
    rows_before = _rows(target, keeps["before"]) if keeps else None
    common = ("--target", target.conninfo, "--scratch", pg.url())
    out = tmp_path / "plans"

    def plan(*extra: str) -> CliResult:
        return cli("plan", *common, "--schema-dir", str(schema), "--out", str(out), "--format", "json", *extra)

    if meta.get("changes", True) is False:
        r = plan("--detailed-exitcode")
        assert r.code == 0, r.err
        assert r.last_json["changes"] == 0 and r.last_json["migration"] is None
        assert not out.exists()
        return

    r = plan("--detailed-exitcode")
    # `hazards`: kinds besides DELETES_DATA (`destructive`) the default policy stops the plan for.
    if meta["destructive"] or meta.get("hazards"):
        assert r.code == 3, f"plan not blocked by its hazards: {r.code}\n{r.err}"
        assert bool(r.last_json["destructive"]) == bool(meta["destructive"]), r.out
        for kind in meta.get("hazards", []):
            assert kind in r.err, f"{kind} not named:\n{r.err}"
        assert not out.exists(), "a blocked plan must not write files"
        r = plan("--detailed-exitcode", *_allowing(meta["destructive"], meta.get("hazards")))
    assert r.code == 2, f"plan exit {r.code}\n{r.out}\n{r.err}"
    result = r.last_json
    blocking = {h["kind"] for h in result["hazards"]} & {"AUTHZ_CHANGE"}
    assert blocking <= set(meta.get("hazards", [])), f"undeclared blocking hazards {blocking}: {result['hazards']}"
    assert bool(result["destructive"]) == bool(meta["destructive"]), result["destructive"]
    # The plan was replayed on a copy of the target: forward, again (no DDL), rollback, again, forward.
    assert str(result["proof"]).startswith("passed"), result["proof"]
    if "lossy" in meta:
        assert list(result["lossy"]) == list(meta["lossy"]), result["lossy"]
    migration, rollback = Path(str(result["migration"])), Path(str(result["rollback"]))
    assert migration.is_file() and rollback.is_file()
    # Text the migration (or its rollback) must or must not hold, e.g. CONCURRENTLY for an index
    # on an existing table (case-insensitive: the diff engine writes lower-case SQL).
    for key, path, present in (
        ("plan_contains", migration, True),
        ("plan_lacks", migration, False),
        ("rollback_contains", rollback, True),
    ):
        text = path.read_text()
        for needle in meta.get(key, []):
            assert (needle.lower() in text.lower()) == present, f"{key}: {needle!r}\n{text}"

    r = cli("apply", str(migration), "--target", target.conninfo, "--yes")
    assert r.code == 0, f"apply failed\n{r.err}\n{migration.read_text()}"
    assert fp(target, managed) == expected_fp.digest, "the target did not converge to to.sql"
    if keeps and "after" in keeps:
        assert _rows(target, keeps["after"]) == rows_before, "the migration lost or changed rows"
    if meta.get("after_apply_sql"):
        _try(target, meta["after_apply_sql"])

    r = cli("drift", *common, "--schema-dir", str(schema))
    assert r.code == 0, f"drift after apply: {r.out}{r.err}"

    r = cli("apply", str(migration), "--target", target.conninfo, "--yes")
    assert r.code == 0 and "already applied" in r.out, r.out + r.err

    back = ("apply", str(rollback), "--target", target.conninfo, "--yes")
    if meta.get("rollback_destructive") or meta.get("rollback_hazards"):
        r = cli(*back)
        assert r.code == 3, f"rollback not blocked by its hazards: {r.code} {r.err}"
        back = (*back, *_allowing(meta.get("rollback_destructive"), meta.get("rollback_hazards")))
    r = cli(*back)
    assert r.code == 0, f"rollback failed\n{r.err}\n{rollback.read_text()}"
    if meta.get("rollback_leaves_sql"):
        # What the rollback cannot undo (the plan names it in `lossy`): it returns to from.sql
        # followed by this SQL, built on a database of its own.
        original = fp(pg.create_db((src / "from.sql").read_text() + "\n" + meta["rollback_leaves_sql"]), managed)
    assert fp(target, managed) == original, "the rollback did not return the target to its original state"
    if keeps:
        assert _rows(target, keeps["before"]) == rows_before, "the rollback lost or changed rows"
    if meta.get("after_rollback_sql"):
        _try(target, meta["after_rollback_sql"])


def _allowing(destructive: object, kinds: list[str] | None) -> tuple[str, ...]:
    flags = ("--allow-destructive",) if destructive else ()
    return (*flags, "--allow-hazards", ",".join(kinds)) if kinds else flags


def _rows(dsn: Any, sql: str) -> list[tuple[Any, ...]]:
    from reconciler.pg.db import connection, fetch_all

    with connection(dsn) as conn:
        return fetch_all(conn, sql)


def _try(dsn: Any, sql: str) -> None:
    """Run `sql` (e.g. an insert that must not collide) in a transaction that is rolled back."""
    from reconciler.pg.db import connection, execute

    with connection(dsn, autocommit=False) as conn:
        try:
            execute(conn, sql)
        finally:
            conn.rollback()
