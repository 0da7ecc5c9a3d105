"""`reconcile pull` round trips, against real PostgreSQL.

The guarantee: right after `pull`, `reconcile drift` against the same target exits 0 with
`"drift": false`. Checked on every case folder's `to.sql` database (tests/cases/, with its roles,
config and requirements, alternating the two layouts so that each is exercised on half of them),
on the app's schema/ (both layouts) and on a generated 500-table schema (bench/generate.py).
`pull` twice gives byte-identical files. The round trips run on PostgreSQL 16 by default;
RECONCILE_PULL_VERSIONS=15,16,18 runs them on those versions.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_cases import CASES, CASES_DIR, load_case

from conftest import REPO, CliResult, Server, ServerPool, _required

PULL_VERSIONS = tuple(int(v) for v in os.environ.get("RECONCILE_PULL_VERSIONS", "16").split(",") if v.strip())

# Case folders whose to.sql database genuinely cannot round-trip through pull, and why (strict
# xfail: when one starts to pass, the suite says so).
KNOWN_GAPS: dict[str, str] = {}


@pytest.fixture(params=PULL_VERSIONS, ids=[f"pg{v}" for v in PULL_VERSIONS])
def server(request: pytest.FixtureRequest, pool: ServerPool) -> Iterator[Server]:
    major = int(request.param)
    if pool.external is not None:
        major = pool.external.major
    found = pool.get(major)
    if isinstance(found, str):
        if major in _required():
            pytest.fail(f"PostgreSQL {major} is required (RECONCILE_TEST_REQUIRE_VERSIONS) but: {found}")
        pytest.skip(found)
    try:
        yield found
    finally:
        found.drop_created()


def _pull(cli: Any, server: Server, target: Any, schema: str, *extra: str) -> CliResult:
    return cli(
        "pull",
        "--target",
        target.conninfo,
        "--scratch",
        server.url(),
        "--schema-dir",
        schema,
        "--format",
        "json",
        *extra,
    )


def _assert_no_drift(cli: Any, server: Server, target: Any, schema: str) -> None:
    r = cli("drift", "--target", target.conninfo, "--scratch", server.url(), "--schema-dir", schema, "--format", "json")
    files = "\n".join(f"== {p}\n{p.read_text()}" for p in sorted(Path(schema).rglob("*.sql")))
    assert r.code == 0, f"drift after pull exited {r.code}\n{r.out}\n{r.err}\n{files}"
    assert r.last_json["drift"] is False, r.out


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _case_params() -> list[Any]:
    out = []
    for i, name in enumerate(CASES):
        layout = ("by-kind", "by-table")[i % 2]
        marks = [pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[name])] if name in KNOWN_GAPS else []
        out.append(pytest.param(name, layout, marks=marks, id=f"{name}-{layout}"))
    return out


@pytest.mark.parametrize(("case", "layout"), _case_params())
def test_pull_round_trips_case(case: str, layout: str, server: Server, cli: Any, tmp_path: Path) -> None:
    meta = load_case(case)
    for ext in meta.get("requires", []):
        if not server.has_extension(ext):
            pytest.skip(f"{server.label} has no extension {ext!r}")
    if _lacks(server, meta):
        pytest.skip(f"{server.label} lacks what the case needs: {meta['requires_sql']}")
    if server.major < int(meta.get("min_version", 0)):
        pytest.skip(f"case needs PostgreSQL >= {meta['min_version']}")
    if "config" in meta:  # schema filters and object rules, as plan and drift read them
        (tmp_path / "reconcile.yaml").write_text(yaml.safe_dump(meta["config"]))
    for role in meta.get("roles", []):
        server.create_role(role)
    target = server.create_db((CASES_DIR / case / "to.sql").read_text())
    r = _pull(cli, server, target, "schema", "--layout", layout)
    assert r.code == 0, f"pull exited {r.code}\n{r.out}\n{r.err}"
    assert r.last_json["layout"] == layout
    _assert_no_drift(cli, server, target, "schema")


def _lacks(server: Server, meta: dict[str, Any]) -> bool:
    sql = meta.get("requires_sql")
    if not sql:
        return False
    from reconciler.db import connection, fetch_all

    with connection(server.dsn) as conn:
        return not fetch_all(conn, sql)[0][0]


def _app_target(server: Server) -> Any:
    """A database holding the app's schema/ (with its Supabase auth prelude, whose schema the
    repository's reconcile.yaml excludes)."""
    sql = (REPO / "prelude" / "supabase_auth.sql").read_text()
    sql += "".join(p.read_text() for p in sorted((REPO / "schema").glob("*.sql")))
    return server.create_db(sql)


@pytest.mark.parametrize("layout", ["by-kind", "by-table"])
def test_pull_app_schema_round_trips_and_is_deterministic(
    layout: str, server: Server, cli: Any, tmp_path: Path
) -> None:
    shutil.copy(REPO / "reconcile.yaml", tmp_path / "reconcile.yaml")
    (tmp_path / "prelude").mkdir()
    shutil.copy(REPO / "prelude" / "supabase_auth.sql", tmp_path / "prelude" / "supabase_auth.sql")
    target = _app_target(server)
    assert _pull(cli, server, target, "first", "--layout", layout).code == 0
    r = _pull(cli, server, target, "second", "--layout", layout)
    assert r.code == 0, r.err
    first, second = _files(tmp_path / "first"), _files(tmp_path / "second")
    assert first == second, "pull is not deterministic"
    expected = {"by-kind": "20_tables.sql", "by-table": "20_tables/users.sql"}[layout]
    assert expected in first, sorted(first)
    _assert_no_drift(cli, server, target, "first")


def test_pull_refuses_a_non_empty_folder_unless_forced(server: Server, cli: Any, tmp_path: Path) -> None:
    target = server.create_db("create table notes (id int primary key, body text);")
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "mine.sql").write_text("create table mine (id int);\n")
    r = _pull(cli, server, target, "schema")
    assert r.code == 64, r.out + r.err
    assert "--force" in r.err and "not empty" in r.err
    assert (tmp_path / "schema" / "mine.sql").is_file(), "a refused pull must not touch the folder"
    r = _pull(cli, server, target, "schema", "--force")
    assert r.code == 0, r.err
    assert sorted(_files(tmp_path / "schema")) == ["20_tables.sql"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".schema.")], "temporary folders left behind"
    _assert_no_drift(cli, server, target, "schema")


def test_pull_generated_500_table_schema(server: Server, cli: Any, tmp_path: Path) -> None:
    generated = tmp_path / "generated"
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate.py"), "500", str(generated)], check=True, capture_output=True
    )
    target = server.create_db("".join(p.read_text() for p in sorted(generated.rglob("*.sql"))))
    r = _pull(cli, server, target, "schema", "--layout", "by-table")
    assert r.code == 0, r.err
    assert len([f for f in r.last_json["files"] if str(f).startswith("20_tables/")]) == 500  # type: ignore[union-attr]
    _assert_no_drift(cli, server, target, "schema")
    r = _pull(cli, server, target, "again", "--layout", "by-table")
    assert r.code == 0, r.err
    assert _files(tmp_path / "schema") == _files(tmp_path / "again"), "pull is not deterministic"
