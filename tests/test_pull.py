"""`reconcile pull` round trips, against real PostgreSQL.

The guarantee: right after `pull`, `reconcile drift` against the same target exits 0 with
`"drift": false`. Checked on every case folder's `to.sql` database (tests/cases/, with its roles,
config and requirements, alternating the two layouts so that each is exercised on half of them),
on the app's schema/ (both layouts) and on a generated 500-table schema (bench/generate.py).
`pull` twice gives byte-identical files. The round trips run on PostgreSQL 16 by default (a case
16 cannot load runs on 15 or 18: one run per case, to stay within the CI time budget);
`--pg 15,16,18` (or RECONCILE_PULL_VERSIONS=15,16,18) runs every case on each of those versions.
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

from conftest import REPO, CliResult, Server, ServerPool, _required, selected_versions
from reconciler.commands.settings import source as source_settings
from reconciler.core.config import load_config
from reconciler.engine.scratch.build import build
from reconciler.engine.source import load_source

# Unset: each case on PostgreSQL 16, or, when 16 lacks what the case needs (citext, hstore,
# pg_trgm, ICU in the pgserver build), on the first of 15 and 18 that has it.
FALLBACK = (16, 15, 18)


def _versions(config: pytest.Config) -> tuple[int | str, ...]:
    """--pg VERSIONS, else RECONCILE_PULL_VERSIONS, else "auto" (16, falling back per case)."""
    if config.getoption("--pg"):
        return selected_versions(config)
    raw = os.environ.get("RECONCILE_PULL_VERSIONS", "")
    return tuple(int(v) for v in raw.split(",") if v.strip()) or ("auto",)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "version" in metafunc.fixturenames:
        versions = _versions(metafunc.config)
        metafunc.parametrize("version", versions, ids=[v if v == "auto" else f"pg{v}" for v in map(str, versions)])


FALLBACK = (16, 15, 18)

# Case folders whose to.sql database genuinely cannot round-trip through pull, and why (strict
# xfail: when one starts to pass, the suite says so).
KNOWN_GAPS: dict[str, str] = {}


def _server(pool: ServerPool, major: int) -> Server | str:
    if pool.external is not None:
        return pool.external
    return pool.get(major)


def _usable(pool: ServerPool, version: int | str, meta: dict[str, Any]) -> Server:
    """The server for `version` ("auto": the first of FALLBACK that can load the case), or skip/fail with why."""
    why = ""
    for major in FALLBACK if version == "auto" else (int(version),):
        found = _server(pool, major)
        if isinstance(found, str):
            if major in _required():
                pytest.fail(f"PostgreSQL {major} is required (RECONCILE_TEST_REQUIRE_VERSIONS) but: {found}")
            why = why or found
            continue
        missing = _missing(found, meta)
        if missing is None:
            return found
        why = why or missing
    pytest.skip(why)


@pytest.fixture
def server(request: pytest.FixtureRequest, pool: ServerPool) -> Iterator[Server]:
    """PostgreSQL 16 when selected (it has pgvector, which the app's schema/ needs), else the first
    of --pg / RECONCILE_PULL_VERSIONS (RECONCILE_TEST_URL's server) for the tests that are not per case."""
    versions = _versions(request.config)
    first = 16 if versions == ("auto",) or 16 in versions else versions[0]
    found = _usable(pool, first, {})
    try:
        yield found
    finally:
        found.drop_created()


def _pull(cli: Any, server: Server, target: Any, schema: str, *extra: str) -> CliResult:
    r: CliResult = cli(
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
    return r


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
def test_pull_round_trips_case(
    version: int | str, case: str, layout: str, pool: ServerPool, cli: Any, tmp_path: Path
) -> None:
    meta = load_case(case)
    server = _usable(pool, version, meta)
    try:
        if "config" in meta:  # schema filters and object rules, as plan and drift read them
            (tmp_path / "reconcile.yaml").write_text(yaml.safe_dump(meta["config"]))
        for role in meta.get("roles", []):
            server.create_role(role)
        if "profile" in meta.get("config", {}):  # to.sql over the profile's prelude, as a plan builds it
            desired = tmp_path / "desired"
            desired.mkdir()
            shutil.copy(CASES_DIR / case / "to.sql", desired / "to.sql")
            target = server.create_db()
            build(target, load_source(source_settings(load_config({"schema_dir": str(desired)}, cwd=tmp_path))))
        else:
            target = server.create_db((CASES_DIR / case / "to.sql").read_text())
        r = _pull(cli, server, target, "schema", "--layout", layout)
        assert r.code == 0, f"pull exited {r.code}\n{r.out}\n{r.err}"
        assert r.last_json["layout"] == layout
        _assert_no_drift(cli, server, target, "schema")
    finally:
        server.drop_created()


def _missing(server: Server, meta: dict[str, Any]) -> str | None:
    """Why `server` cannot load the case (None: it can)."""
    for ext in meta.get("requires", []):
        if not server.has_extension(ext):
            return f"{server.label} has no extension {ext!r}"
    if server.major < int(meta.get("min_version", 0)):
        return f"case needs PostgreSQL >= {meta['min_version']}"
    sql = meta.get("requires_sql")
    if sql:
        from reconciler.pg.db import connection, fetch_all

        with connection(server.dsn) as conn:
            if not fetch_all(conn, sql)[0][0]:
                return f"{server.label} lacks what the case needs: {sql}"
    return None


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
    if not server.has_extension("vector"):
        pytest.skip(f"{server.label} has no extension vector, which the app's schema/ creates")
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
    """The benchmark's generator (enums, stacked views, trigger functions, policies, comments):
    every table gets its file and drift is clean. (Determinism: the app-schema test.)"""
    generated = tmp_path / "generated"
    subprocess.run(
        [sys.executable, str(REPO / "bench" / "generate.py"), "500", str(generated)], check=True, capture_output=True
    )
    target = server.create_db("".join(p.read_text() for p in sorted(generated.rglob("*.sql"))))
    r = _pull(cli, server, target, "schema", "--layout", "by-table")
    assert r.code == 0, r.err
    files = r.last_json["files"]
    assert isinstance(files, list)
    assert len([f for f in files if str(f).startswith("20_tables/")]) == 500, files
    _assert_no_drift(cli, server, target, "schema")


PLACEMENTS = yaml.safe_load((Path(__file__).parent / "pull" / "placements.yaml").read_text())


@pytest.mark.parametrize("entry", PLACEMENTS, ids=[e["name"][:60] for e in PLACEMENTS])
def test_pull_places_dependencies_in_loadable_order(
    entry: dict[str, Any], server: Server, cli: Any, tmp_path: Path
) -> None:
    if "config" in entry:
        (tmp_path / "reconcile.yaml").write_text(yaml.safe_dump(entry["config"]))
    for role in entry.get("roles", []):
        server.create_role(role)
    target = server.create_db(entry["sql"])
    r = _pull(cli, server, target, "schema", "--layout", entry["layout"])
    assert r.code == 0, r.err
    written = {k: v.decode() for k, v in _files(tmp_path / "schema").items()}
    for name, needles in entry["files"].items():
        assert name in written, f"{name} not written: {sorted(written)}"
        text, at = written[name].lower(), 0
        for needle in needles:
            found = text.find(needle.lower(), at)
            assert found >= 0, f"{needle!r} not in {name} (after offset {at}):\n{written[name]}"
            at = found + len(needle)
    for name in entry.get("absent", []):
        assert name not in written, f"{name} written:\n{written[name]}"
    moved = r.last_json["moved"]
    assert isinstance(moved, list) and len(moved) == entry["moved"], moved
    _assert_no_drift(cli, server, target, "schema")


def test_pull_of_a_database_without_managed_objects_writes_nothing(server: Server, cli: Any, tmp_path: Path) -> None:
    target = server.create_db("create schema other; create table other.t (id int);")
    (tmp_path / "reconcile.yaml").write_text("exclude_schemas: [other]\n")
    r = _pull(cli, server, target, "schema")
    assert r.code == 1, r.out + r.err
    assert "no managed objects" in r.err and "exclude_schemas" in r.err, r.err
    assert not (tmp_path / "schema").exists()
