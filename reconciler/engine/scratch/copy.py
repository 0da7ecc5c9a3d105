"""A copy of the target's schema (not its data) on scratch: what the proof replays plans on.

Prefers pg_dump --schema-only of a matching (or newer) major version, each extension created at
the target's version; without one, rebuilds the schema with the diff engine (empty → target).
The caller checks the copy's fingerprint.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import threading
from typing import Any

from ...core.errors import ReconcileError
from ...core.model import SchemaFilter
from ...pg.binaries import available_binaries
from ...pg.db import Dsn, Error, connection, execute, fetch_all, fetch_one, major_of, query
from ...sql.parse import statement_texts, with_extension_versions, without_meta_commands
from .build import load_script


class CopyError(ReconcileError):
    """The target's schema could not be reproduced on scratch."""


def pg_dump_for(target_major: int) -> str | None:
    """A pg_dump that can dump a server of `target_major` (the oldest such on this machine)."""
    usable = sorted((b for b in available_binaries() if b.major >= target_major), key=lambda b: b.major)
    for b in usable:
        exe = b.bindir / "pg_dump"
        if exe.exists():
            return str(exe)
    return None


def copy_schema(
    target: Dsn, into: Dsn, target_version_num: int, schema_filter: SchemaFilter, stop: threading.Event | None = None
) -> str:
    """Reproduce the target's schema in `into`; returns how ("pg_dump 16" or "diff engine").
    `stop` set: the load ends early (the copy is then incomplete; the caller discards it)."""
    pg_dump = pg_dump_for(major_of(target_version_num))
    if pg_dump is not None:
        _dump_and_restore(pg_dump, target, into, schema_filter, stop=stop)
        return f"pg_dump --schema-only ({pg_dump})"
    from ..diff import inspect, statements

    sqls = statements(inspect(into, schema_filter, "proof"), inspect(target, schema_filter, "target"))
    with connection(into, purpose="proof copy") as conn:
        for sql in sqls:
            execute(conn, sql)
    return "the diff engine (no pg_dump of a matching version on this machine)"


def dump_schema(pg_dump: str, target: Dsn, *args: str) -> subprocess.CompletedProcess[str]:
    """`pg_dump --schema-only --no-owner ARGS` of `target` (the password through the environment)."""
    params = target.params() if target.conninfo else {}
    password = params.pop("password", None)
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = password  # never on the command line, where `ps` would show it
    conninfo = " ".join(f"{k}='{v}'" for k, v in params.items() if v is not None)
    return subprocess.run(
        [pg_dump, "--schema-only", "--no-owner", *args, "-d", conninfo],
        capture_output=True,
        text=True,
        env=env,
        timeout=600,
    )


def _dump_and_restore(
    pg_dump: str, target: Dsn, into: Dsn, schema_filter: SchemaFilter, *, stop: threading.Event | None = None
) -> None:
    privileges = schema_filter.privileges
    # Grants come along when privileges are managed (the fingerprint compares them).
    res = dump_schema(pg_dump, target, *(() if privileges else ("--no-privileges",)), "--no-subscriptions")
    if res.returncode != 0:
        raise CopyError(
            f"pg_dump of the target's schema failed: {res.stderr.strip()}",
            hint="the proof needs the target's schema; pass --skip-proof to plan without it",
        )
    # pg_dump writes CREATE EXTENSION without VERSION: the copy would get the server's default.
    with connection(target, purpose="proof copy") as t:
        versions = {str(name): str(version) for name, version in fetch_all(t, query("extension_versions"))}
    script = with_extension_versions(statement_texts(without_meta_commands(res.stdout)), versions)
    try:
        with connection(into, purpose="proof copy") as conn:
            load_script(conn, script, stop)
            _populate_materialized_views(target, conn)
            _validate_inherited_copies(target, conn)
            if privileges:
                _adopt_default_privileges(target, conn)
                _adopt_multirange_privileges(target, conn, schema_filter)
    except Exception as exc:
        raise CopyError(
            f"the target's schema does not load on the scratch server: {str(exc).strip()}",
            hint="give the scratch server what the target has (extensions, roles), or pass --skip-proof",
        ) from None


def _populate_materialized_views(target: Dsn, conn: Any) -> None:
    """pg_dump --schema-only creates materialized views WITH NO DATA (their REFRESH is data): those
    populated on the target are refreshed on the copy, in the order the copy created them (its
    dependencies first), so that a plan's view over one reads it there as on the target."""
    with connection(target, purpose="proof copy") as t:
        populated = {str(name) for name, filled in fetch_all(t, query("materialized_views_populated")) if filled}
    for name, filled in fetch_all(conn, query("materialized_views_populated")) if populated else ():
        if not filled and name in populated:
            # one that cannot be filled on scratch (a foreign table's file, another server) stays
            # unpopulated, as pg_dump left it
            with contextlib.suppress(Error):
                execute(conn, f"REFRESH MATERIALIZED VIEW {name}")


def _validate_inherited_copies(target: Dsn, conn: Any) -> None:
    """pg_dump adds a NOT VALID check to its table after the table's children, which then hold NOT
    VALID copies; a child made after the check holds a valid one: validated on the copy (empty)."""
    with connection(target, purpose="proof copy") as t:
        valid = {(str(a), str(b)) for a, b, ok in fetch_all(t, query("inherited_checks_validity")) if ok}
    for table, name, ok in fetch_all(conn, query("inherited_checks_validity")) if valid else ():
        if not ok and (table, name) in valid:
            execute(conn, f"ALTER TABLE {table} VALIDATE CONSTRAINT {name}")


def _adopt_multirange_privileges(target: Dsn, conn: Any, schema_filter: SchemaFilter) -> None:
    """pg_dump leaves out the privileges PostgreSQL 14 to 16 let a multirange type have apart
    from its range's; the fingerprint compares them."""
    from ..fingerprint import INSPECT_SETTINGS
    from ..supplement.privileges import adopt_multiranges

    with connection(target, purpose="proof copy") as t:
        found = fetch_one(t, query("multirange_privileges"))
        if not (found and found[0]):
            return
        execute(t, INSPECT_SETTINGS)
        execute(conn, INSPECT_SETTINGS)
        adopt_multiranges(t, conn, schema_filter)


def _adopt_default_privileges(target: Dsn, conn: Any) -> None:
    """pg_dump writes the target user's default privileges as FOR ROLE <that user>; the fingerprint
    names the connected user's CURRENT, and on scratch the copy's user may be another one."""
    from ..supplement.privileges import adopt_defaults

    with connection(target, purpose="proof copy") as t:
        row = fetch_one(t, "SELECT current_user")
    mine = fetch_one(conn, "SELECT current_user")
    if row and mine and row[0] != mine[0]:
        adopt_defaults(conn, str(row[0]))
