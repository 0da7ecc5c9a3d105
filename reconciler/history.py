"""The history table `reconcile.history`: one row per apply, committed as `running` first.

Imports `db`. SQL lives in `queries/history_*.sql`.
"""

from __future__ import annotations

import getpass
import socket

from . import __version__
from .db import execute, fetch_one, query
from .model import PlanHeader


def ensure(conn: object) -> None:
    execute(conn, query("history_schema"))  # type: ignore[arg-type]


def start(conn: object, header: PlanHeader) -> int:
    try:
        client = f"{getpass.getuser()}@{socket.gethostname()}"
    except Exception:  # getpass fails without a passwd entry
        client = socket.gethostname()
    row = fetch_one(
        conn,  # type: ignore[arg-type]
        query("history_start"),
        {
            "name": header.name,
            "kind": header.kind,
            "checksum": header.checksum,
            "digest": header.schema_digest,
            "expects": header.expects_fingerprint,
            "produces": header.produces_fingerprint,
            "client": client,
            "tool": __version__,
        },
    )
    assert row is not None
    return int(row[0])


def finish(conn: object, run_id: int, status: str, result: str | None, error: str | None = None) -> None:
    execute(conn, query("history_finish"), {"id": run_id, "status": status, "result": result, "error": error})  # type: ignore[arg-type]
