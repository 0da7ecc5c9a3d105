"""Backups around `apply`: `pg_dump -Fc` of the tables a plan touches, and `reconcile restore`.

Finds pg_dump/pg_restore like the proof's copy does (a matching or newer major version); the
password goes through PGPASSWORD, never the command line. Imports `db`, `errors`, `scratch.cluster`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from ..core.errors import ReconcileError
from .binaries import available_binaries
from .db import APP_NAME, Dsn, connection, describe, major_of, redact, server_version_num


class BackupError(ReconcileError):
    """The dump before an apply, or a restore, could not be made."""


def _tool(name: str, min_major: int, *, newest: bool = False) -> str | None:
    """The matching (or, with `newest`, the newest) client of at least `min_major`; else PATH's."""
    usable = sorted((b for b in available_binaries() if b.major >= min_major), key=lambda b: b.major, reverse=newest)
    for b in usable:
        exe = b.bindir / name
        if exe.exists():
            return str(exe)
    found = shutil.which(name)
    return found


def _conninfo(dsn: Dsn, purpose: str) -> tuple[str, dict[str, str]]:
    """A key=value conninfo without the password, and the environment that carries it."""
    params = dict(dsn.params()) if dsn.conninfo else {}
    password = params.pop("password", None)
    params["application_name"] = f"{APP_NAME} {purpose}"
    env = dict(os.environ)
    if password:
        env["PGPASSWORD"] = password  # never on the command line, where `ps` would show it

    def quoted(v: str) -> str:
        return "'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'"

    return " ".join(f"{k}={quoted(v)}" for k, v in params.items() if v is not None), env


def _pattern(schema: str, table: str) -> str:
    return '"' + schema.replace('"', '""') + '"."' + table.replace('"', '""') + '"'


def dump(dsn: Dsn, tables: tuple[tuple[str, str], ...], directory: Path, plan_name: str) -> Path | None:
    """Dump `tables` (schema and data, custom format) into `directory`; None when there are none.

    Raises BackupError when the dump cannot be written: the caller must not apply then."""
    if not tables:
        return None
    with connection(dsn, purpose="backup") as conn:
        major = major_of(server_version_num(conn))
    pg_dump = _tool("pg_dump", major)
    if pg_dump is None:
        raise BackupError(
            f"--backup needs pg_dump {major} or newer, and none was found; nothing was applied",
            hint="install postgresql-client-<major> (or put its bin directory on PATH)",
        )
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = directory.resolve() / f"{plan_name}.{stamp}.dump"
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"--backup: cannot create {directory}: {exc.strerror}; nothing was applied") from None
    conninfo, env = _conninfo(dsn, "backup")
    args = [pg_dump, "-Fc", "-f", str(path), *(a for s, t in tables for a in ("-t", _pattern(s, t))), "-d", conninfo]
    try:
        res = subprocess.run(args, capture_output=True, text=True, env=env, timeout=24 * 3600)
    except OSError as exc:
        raise BackupError(f"--backup: cannot run {pg_dump}: {exc.strerror}; nothing was applied") from None
    if res.returncode != 0:
        path.unlink(missing_ok=True)
        raise BackupError(
            f"--backup: pg_dump of {len(tables)} table(s) from {describe(dsn)} failed; nothing was applied\n"
            f"  {redact(res.stderr.strip())}",
            hint="fix the backup directory or permissions, or apply without --backup",
        )
    return path


@dataclass(frozen=True, slots=True)
class RestorePlan:
    """What `reconcile restore` runs: the command (password-free) and the dump's table entries."""

    command: tuple[str, ...]
    contents: tuple[str, ...]  # "TABLE public.users", "TABLE DATA public.users", …
    target: str


def restore_plan(dump_file: Path, dsn: Dsn) -> RestorePlan:
    with connection(dsn, purpose="restore") as conn:
        major = major_of(server_version_num(conn))
    # The target's own major reads the dumps `apply --backup` writes (a pg_dump of that major when
    # there is one); a newer pg_restore may SET parameters an older server does not know.
    pg_restore = _tool("pg_restore", major) or _tool("pg_restore", 0, newest=True)
    if pg_restore is None:
        raise BackupError("no pg_restore on this machine", hint="install postgresql-client (the dump's version)")
    if not dump_file.is_file():
        raise BackupError(f"{dump_file}: no such dump file")
    listed = subprocess.run([pg_restore, "-l", str(dump_file)], capture_output=True, text=True)
    if listed.returncode != 0:
        raise BackupError(f"{dump_file} is not a pg_dump custom-format file: {listed.stderr.strip()}")
    contents = []
    for line in listed.stdout.splitlines():
        if line.startswith(";") or not line.strip():
            continue
        # "215; 1259 16390 TABLE public users owner": kind words, then schema, name, owner.
        words = line.split(";", 1)[1].split()[2:]
        if len(words) >= 3:
            kind, rest = " ".join(words[:-3]), words[-3:]
            contents.append(f"{kind} {rest[0]}.{rest[1]}" if kind not in ("SCHEMA",) else f"{kind} {rest[1]}")
    conninfo, _ = _conninfo(dsn, "restore")
    command = (pg_restore, "--clean", "--if-exists", "--single-transaction", "-d", conninfo, str(dump_file))
    return RestorePlan(command, tuple(contents), describe(dsn))


def restore(plan: RestorePlan, dsn: Dsn) -> None:
    _, env = _conninfo(dsn, "restore")
    res = subprocess.run(list(plan.command), capture_output=True, text=True, env=env)
    if res.returncode != 0:
        raise BackupError(
            f"pg_restore into {plan.target} failed; --single-transaction: nothing was restored\n"
            f"  {redact(res.stderr.strip())}"
        )
