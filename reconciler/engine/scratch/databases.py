"""The scratch databases reconcile makes on a server: created empty and marked as ours (a name
prefix and a comment), dropped at exit, and the leftovers of killed runs found and dropped
(`reconcile scratch clean`). Imports `db` and `errors`.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import socket
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import Any

from ...core.errors import DatabaseError, ScratchError
from ...pg.db import Dsn, connection, describe, execute, fetch_all, ident, query

PREFIX = "reconcile_scratch_"
MARKER = "reconcile scratch database"


def create_marked(server: Dsn) -> str:
    """Create an empty `reconcile_scratch_<random>` database marked as ours; returns its name."""
    name = PREFIX + secrets.token_hex(6)
    with connection(server, purpose="scratch admin") as admin:
        try:
            execute(admin, "CREATE DATABASE {} TEMPLATE template0".format(ident(name).as_string(admin)))
        except Exception as exc:  # psycopg2.Error, mapped with the server's message
            raise ScratchError(
                f"cannot create a scratch database on {describe(server)}: {str(exc).strip()}",
                hint="the --scratch server's user needs CREATEDB; or use --scratch embedded",
            ) from None
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        execute(
            admin,
            "COMMENT ON DATABASE {} IS %s".format(ident(name).as_string(admin)),
            (f"{MARKER} (created {stamp} by pid {os.getpid()} on {socket.gethostname()})",),
        )
    return name


def drop_database(server: Dsn, name: str) -> None:
    with contextlib.suppress(Exception), connection(server, purpose="scratch admin") as admin:
        _drop(admin, name)


def drop_databases(server: Dsn, names: tuple[str, ...]) -> None:
    """Drop them concurrently: each DROP DATABASE waits for a checkpoint (seconds after a large
    build), and requests that arrive together are served by one."""
    with ThreadPoolExecutor(max_workers=max(1, len(names)), thread_name_prefix="reconcile-drop") as pool:
        list(pool.map(lambda name: drop_database(server, name), names))


def clean(server: Dsn) -> tuple[str, ...]:
    """Drop every leftover scratch database (name prefix and marker comment) on `server`."""
    with connection(server, purpose="scratch clean") as admin:
        try:
            rows = fetch_all(admin, query("scratch_leftovers"), (PREFIX + "%", MARKER + "%"))
        except Exception as exc:
            raise DatabaseError(f"cannot list databases on {describe(server)}: {str(exc).strip()}") from None
        names = tuple(r[0] for r in rows)
        for name in names:
            _drop(admin, name)
    return names


def _drop(admin: Any, name: str) -> None:
    with contextlib.suppress(Exception):
        force = " WITH (FORCE)" if admin.server_version >= 130000 else ""
        execute(admin, "DROP DATABASE IF EXISTS {}{}".format(ident(name).as_string(admin), force))
