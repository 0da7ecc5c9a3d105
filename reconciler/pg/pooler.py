"""Transaction poolers: a command that needs one server session refuses one before connecting.
Imports `db` and `errors`."""

from __future__ import annotations

import os

from ..core.errors import ReconcileError
from .db import Dsn, describe

# Supabase's transaction pooler (Supavisor): each transaction may land on another server session, so
# session settings (search_path, timeouts), advisory locks and temporary objects do not hold.
TRANSACTION_POOLER_PORT = "6543"


class TransactionPoolerError(ReconcileError):
    """The target is reached through a transaction pooler, where one command's session does not hold."""


def refuse_transaction_pooler(
    dsn: Dsn, command: str, needs: str = "the settings reconcile reads the catalog with"
) -> None:
    """Refuse port 6543 before connecting: `command` needs one server session for `needs` (e.g.
    search_path = pg_catalog while it reads the catalog, so every name prints qualified; apply's
    lock and timeouts), which a transaction pooler may drop between two statements."""
    params = dsn.params() if dsn.conninfo else {}
    ports = (params.get("port") or os.environ.get("PGPORT") or "").split(",")
    if TRANSACTION_POOLER_PORT not in (p.strip() for p in ports):
        return
    host = (params.get("host") or os.environ.get("PGHOST") or "the same host").split(",")[0]
    raise TransactionPoolerError(
        f"refusing to {command} through a transaction pooler ({describe(dsn)}: port {TRANSACTION_POOLER_PORT} is "
        f"Supabase's transaction pooler): it keeps no session, so {needs} would not hold",
        hint=f"use the session pooler (port 5432 on {host}) "
        "or the direct connection (db.<project-ref>.supabase.co:5432)",
    )
