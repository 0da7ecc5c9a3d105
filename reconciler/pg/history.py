"""The history table `reconcile.history`: one row per apply, committed as `running` first.

A row still `running` whose stepping session is gone was left by a killed process: `recover`
marks it `aborted` and lists what such a run can leave behind. A successful apply stores the
canonical snapshot it left (`drift`'s baseline). Imports `db`, `model`.
SQL lives in `queries/history_*.sql`.
"""

from __future__ import annotations

import getpass
import json
import socket
from dataclasses import dataclass
from datetime import datetime

from .. import __version__
from ..core.errors import DatabaseError, ReconcileError
from ..core.model import Fingerprint, ObjectDef, PlanHeader, SchemaFilter
from .db import Dsn, Error, connection, execute, fetch_all, fetch_one, pg_error_fields, query

# The apply lock: pg_try_advisory_lock(int4, int4) of "reco" and 1; pg_locks shows them as
# classid/objid, objsubid 2. Held by `apply` for its whole run.
LOCK_CLASSID = 0x7265636F
LOCK_OBJID = 1


def ensure(conn: object) -> None:
    try:
        execute(conn, query("history_schema"))  # type: ignore[arg-type]
    except Error as exc:
        f = pg_error_fields(exc)
        user = fetch_one(conn, "SELECT current_user")  # type: ignore[arg-type]
        raise DatabaseError(
            f"cannot create or update the history table reconcile.history as user {user[0] if user else '?'}: "
            f"{f['message']}; nothing was changed",
            hint="apply runs DDL and records each run: use a role that owns the schema's objects and may "
            "CREATE in the database (--target / DATABASE_URL); a read-only role can still run `plan` and `drift`"
            if f.get("sqlstate") == "42501"
            else f.get("hint"),
        ) from None


def start(conn: object, header: PlanHeader, *, pid: int, backup: str | None = None, rollback: str | None = None) -> int:
    """Insert the `running` row; `pid` is the backend that runs the steps, `rollback` the text of
    the plan's rollback file (kept so a run killed between steps can be undone)."""
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
            "pid": pid,
            "backup": backup,
            "rollback": rollback,
        },
    )
    assert row is not None
    return int(row[0])


def finish(conn: object, run_id: int, status: str, result: str | None, error: str | None = None) -> None:
    execute(conn, query("history_finish"), {"id": run_id, "status": status, "result": result, "error": error})  # type: ignore[arg-type]


def store_snapshot(conn: object, run_id: int, fp: Fingerprint, schema_filter: SchemaFilter) -> None:
    """Keep the canonical rows a successful apply left: `drift`'s third side (pending vs out-of-band),
    with the filter they were read under."""
    snapshot = {
        "version": 1,
        "filter": filter_key(schema_filter),
        "objects": [[o.kind, o.name, o.definition] for o in fp.objects],
    }
    execute(conn, query("history_snapshot"), {"id": run_id, "snapshot": json.dumps(snapshot)})  # type: ignore[arg-type]


def filter_key(schema_filter: SchemaFilter) -> dict[str, object]:
    """What a snapshot records of the filter it was read under (compared by `drift`)."""
    return {**schema_filter.as_dict(), "privileges": schema_filter.privileges}


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The managed schema as the last successful apply left it."""

    run_id: int
    plan_name: str
    plan_kind: str
    finished_at: datetime
    schema_digest: str | None  # of the schema/ the plan was made from
    fingerprint: str  # the result fingerprint recorded with it
    objects: tuple[ObjectDef, ...]
    later_run: str | None  # "failed <plan>" / "aborted <plan>": a run after it that did not succeed
    schema_filter: dict[str, object] | None = None  # `filter_key` of the plan's filter


class HistoryUnreadable(ReconcileError):
    """The history table exists but this session may not read it (drift falls back to two-way)."""


def last_snapshot(dsn: Dsn) -> Snapshot | None:
    """The last successful apply's snapshot; None without a history table or a snapshot in it.
    Raises HistoryUnreadable when the table is there but the role may not read it."""
    with connection(dsn, purpose="drift history") as conn:
        access = fetch_one(conn, query("history_snapshot_access"))
        assert access is not None
        has_table, schema_usage, table_select, has_snapshot = access
        if not has_table:
            return None
        if not (schema_usage and table_select):
            missing = "USAGE on schema reconcile" if not schema_usage else "SELECT on reconcile.history"
            raise HistoryUnreadable(
                f"this role may not read reconcile.history (it lacks {missing})",
                hint="GRANT USAGE ON SCHEMA reconcile, SELECT ON reconcile.history to the role drift runs as",
            )
        if not has_snapshot:
            return None  # a history table of an older version, never upgraded by an apply
        found = fetch_one(conn, query("history_snapshot_last"))
    if found is None:
        return None
    run_id, name, kind, finished, digest, result, snapshot, later = found
    rows = snapshot.get("objects", []) if isinstance(snapshot, dict) else snapshot
    objects = tuple(sorted((ObjectDef(k, n, d) for k, n, d in rows), key=lambda o: (o.kind, o.name, o.definition)))
    recorded = snapshot.get("filter") if isinstance(snapshot, dict) else None
    return Snapshot(int(run_id), name, kind, finished, digest, result or "", objects, later, recorded)


def last_aborted(conn: object) -> tuple[int, str, str] | None:
    """(id, plan name, rollback plan text) of the newest run when it was aborted with its rollback
    stored and no apply has dealt with it since; None otherwise (or without a history table)."""
    row = fetch_one(conn, "SELECT to_regclass('reconcile.history') IS NOT NULL")  # type: ignore[arg-type]
    if not row or not row[0]:
        return None
    ensure(conn)
    found = fetch_one(conn, query("history_last_aborted"))  # type: ignore[arg-type]
    return (int(found[0]), str(found[1]), str(found[2])) if found else None


def mark_recovered(conn: object, run_id: int, note: str) -> None:
    execute(conn, "UPDATE reconcile.history SET recovery = %s WHERE id = %s", (note, run_id))  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class Recovery:
    """What `recover` found: runs it marked aborted, runs whose statement still executes, leftovers."""

    aborted: tuple[str, ...] = ()
    still_running: tuple[tuple[int, str], ...] = ()  # (backend pid, description)
    leftovers: tuple[str, ...] = ()

    def notes(self) -> tuple[str, ...]:
        if not self.aborted:
            return ()
        out = [f"{a}: marked aborted (its process was killed or lost its connection)" for a in self.aborted]
        out.append(
            "if it committed some of its steps, the next `reconcile apply` undoes them first with the rollback "
            "stored in the history (never left between two schemas); `--no-undo` keeps them"
        )
        if self.leftovers:
            out.append("left behind on the target (the next `reconcile plan` shows what remains to do):")
            out += [f"  {item}" for item in self.leftovers]
        return tuple(out)


def recover(conn: object) -> Recovery:
    """Mark `running` rows of dead sessions `aborted`. Call it holding the apply lock (no live apply
    can own a `running` row then); without the history table there is nothing to recover."""
    row = fetch_one(conn, "SELECT to_regclass('reconcile.history') IS NOT NULL")  # type: ignore[arg-type]
    if not row or not row[0]:
        return Recovery()
    ensure(conn)  # older tables gain the columns read below
    aborted, alive = [], []
    for run_id, name, started, pid, backup, is_alive in fetch_all(conn, query("history_abandoned")):  # type: ignore[arg-type]
        what = f"apply #{run_id} of {name} (started {started:%Y-%m-%d %H:%M:%S %Z}, backend pid {pid})"
        if backup:
            what += f", backup {backup}"
        if is_alive:
            alive.append((int(pid), what))
            continue
        execute(conn, query("history_abort"), {"id": run_id, "error": "aborted: the applying process died mid-run"})  # type: ignore[arg-type]
        aborted.append(what)
    leftovers: tuple[str, ...] = ()
    if aborted:
        leftovers = tuple(f"{kind} {name}" for kind, name in fetch_all(conn, query("leftovers")))  # type: ignore[arg-type]
    return Recovery(tuple(aborted), tuple(alive), leftovers)


def recover_if_idle(dsn: Dsn) -> tuple[str, ...]:
    """For `plan`: when no apply holds the apply lock, mark abandoned `running` rows aborted and
    return what to tell the user; while an apply runs, leave its row alone."""
    with connection(dsn, purpose="recover") as conn:
        row = fetch_one(conn, "SELECT pg_try_advisory_lock(%s, %s)", (LOCK_CLASSID, LOCK_OBJID))
        if not row or not row[0]:
            return ()
        try:
            found = recover(conn)
        except DatabaseError as exc:
            # A role that may only read can still plan; it cannot upgrade or update the history.
            return (f"reconcile.history was not checked for applies left running: {exc.message}",)
        finally:
            execute(conn, "SELECT pg_advisory_unlock(%s, %s)", (LOCK_CLASSID, LOCK_OBJID))
    return found.notes()
