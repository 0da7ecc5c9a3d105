"""Connections: libpq DSNs, redaction and psycopg2 connections.

Owns psycopg2; imports only `errors` (and the package version). Every DSN shown to a human goes
through `redact()`; SQL text comes from `reconciler/queries/*.sql` via `query()`.
"""

from __future__ import annotations

import contextlib
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import psycopg2
import psycopg2.extensions
from psycopg2 import sql as pgsql

from .. import __version__
from ..core.errors import DatabaseError

# Every session shows as `reconcile/<version> <purpose>` in pg_stat_activity (DBAs can find and end it).
APP_NAME = f"reconcile/{__version__}"


@dataclass(frozen=True, slots=True)
class Dsn:
    """A libpq connection string (URL or key=value); empty means libpq's PG* env and .pgpass."""

    conninfo: str

    def params(self) -> dict[str, str]:
        try:
            return dict(psycopg2.extensions.parse_dsn(self.conninfo))
        except psycopg2.ProgrammingError as exc:
            raise DatabaseError(
                f"invalid connection string {redact(self.conninfo)!r}: {str(exc).strip()}",
                hint="use a libpq URL such as postgresql://user@host:5432/dbname",
            ) from None

    def with_params(self, **overrides: str) -> Dsn:
        return Dsn(psycopg2.extensions.make_dsn(self.conninfo, **overrides))

    @property
    def dbname(self) -> str | None:
        return self.params().get("dbname")

    @property
    def password(self) -> str | None:
        return self.params().get("password")

    def redacted(self) -> str:
        return redact(self.conninfo)

    def __repr__(self) -> str:  # never leak the password through a repr
        return f"Dsn({self.redacted()!r})"


_URL_PW = re.compile(r"(?P<pre>postgres(?:ql)?://[^:/@?#\s]*):[^@/?#\s]*@")
_KV_PW = re.compile(r"(?P<pre>\bpassword\s*=\s*)('(?:[^'\\]|\\.)*'|[^\s&]+)", re.IGNORECASE)


def redact(text: str, secrets: tuple[str, ...] = ()) -> str:
    """Remove passwords from URLs, key=value DSNs and any known secret inside `text`."""
    out = _URL_PW.sub(r"\g<pre>:***@", text)
    out = _KV_PW.sub(r"\g<pre>***", out)
    for secret in secrets:
        if secret and len(secret) >= 3:
            out = out.replace(secret, "***")
    return out


def describe(dsn: Dsn) -> str:
    """A short human description of where a DSN points, without the password."""
    p = dsn.params() if dsn.conninfo else {}
    host = p.get("host") or "(PGHOST/socket)"
    port = f":{p['port']}" if p.get("port") else ""
    user = f"{p['user']}@" if p.get("user") else ""
    db = p.get("dbname") or "(default db)"
    return f"postgresql://{user}{host}{port}/{db}"


# libpq waits without end for a server that takes the connection but never answers (a hung host,
# a proxy with nothing behind it): give up after this many seconds unless the DSN's
# connect_timeout or PGCONNECT_TIMEOUT says otherwise.
CONNECT_TIMEOUT = 10


def connect(dsn: Dsn, *, autocommit: bool = True, purpose: str = "") -> psycopg2.extensions.connection:
    app = f"{APP_NAME} {purpose}".strip()[:63]
    extra = {"application_name": app}
    if not os.environ.get("PGCONNECT_TIMEOUT") and "connect_timeout" not in (dsn.params() if dsn.conninfo else {}):
        extra["connect_timeout"] = str(CONNECT_TIMEOUT)
    try:
        conn = psycopg2.connect(dsn.with_params(**extra).conninfo)
    except psycopg2.Error as exc:
        message = redact(str(exc).strip(), _secrets(dsn))
        waited = " (gave up waiting: connect_timeout, PGCONNECT_TIMEOUT)" if "timeout expired" in message else ""
        raise DatabaseError(
            f"cannot connect to {describe(dsn)}: {message}{waited}",
            hint="check --target / DATABASE_URL / PGHOST…, and that the server is running",
        ) from None
    conn.autocommit = autocommit
    return conn


def _secrets(dsn: Dsn) -> tuple[str, ...]:
    try:
        pw = dsn.password
    except DatabaseError:
        return ()
    return (pw,) if pw else ()


@contextlib.contextmanager
def connection(dsn: Dsn, *, autocommit: bool = True, purpose: str = "") -> Iterator[psycopg2.extensions.connection]:
    conn = connect(dsn, autocommit=autocommit, purpose=purpose)
    try:
        yield conn
    finally:
        conn.close()


@cache
def query(name: str) -> str:
    """The text of `reconciler/queries/<name>.sql`."""
    return resources.files("reconciler").joinpath("queries", f"{name}.sql").read_text(encoding="utf-8")


def fetch_all(conn: psycopg2.extensions.connection, sql: str, params: Any = None) -> list[tuple[Any, ...]]:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        return list(cur.fetchall()) if cur.description else []


def fetch_iter(
    conn: psycopg2.extensions.connection, sql: str, params: Any = None, size: int = 5000
) -> Iterator[tuple[Any, ...]]:
    """The rows of a big result, `size` at a time from a cursor on the server: neither the whole
    result nor a list of all its rows is ever held here (a whole-catalog reading of a large schema)."""
    cur = conn.cursor(f"reconcile_rows_{id(conn):x}", withhold=conn.autocommit)
    cur.itersize = size
    try:
        cur.execute(sql, params)
        yield from cur
    finally:
        # After a failed DECLARE (a lock timeout) there is no cursor to close: the error that
        # ended the reading is the one to report.
        with contextlib.suppress(psycopg2.Error):
            cur.close()


def fetch_one(conn: psycopg2.extensions.connection, sql: str, params: Any = None) -> tuple[Any, ...] | None:
    with conn.cursor() as cur:
        cur.execute(sql, params)
        return cur.fetchone() if cur.description else None


def execute(conn: psycopg2.extensions.connection, sql: str | pgsql.Composable, params: Any = None) -> None:
    with conn.cursor() as cur:
        cur.execute(sql, params)


def ident(*parts: str) -> pgsql.Composable:
    """The one quoting helper for identifiers (schema-qualified when given several parts)."""
    return pgsql.Identifier(*parts)


def server_version_num(conn: psycopg2.extensions.connection) -> int:
    return int(conn.server_version)


def major_of(version_num: int) -> int:
    return version_num // 10000


def pg_error_fields(exc: BaseException) -> dict[str, Any]:
    """PostgreSQL's message, detail, hint, SQLSTATE and cursor position of a psycopg2 error."""
    diag = getattr(exc, "diag", None)
    if diag is None:
        return {"message": str(exc).strip()}
    pos = diag.statement_position
    return {
        "message": (diag.message_primary or str(exc)).strip(),
        "detail": diag.message_detail,
        "hint": diag.message_hint,
        "sqlstate": diag.sqlstate,
        "position": int(pos) if pos else None,
        "context": diag.context,
    }


Error = psycopg2.Error
