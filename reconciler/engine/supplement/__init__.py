"""The supplementary differ: what migra does not diff, from our own catalog queries.

Each module of this package is one concern and exposes:
  PHASE: "pre" (statements run before migra's) or "post" (after migra's);
  read(conn, schema_filter) -> snapshot   (conn: psycopg2, search_path = pg_catalog);
  statements(source_snapshot, target_snapshot) -> tuple[str, ...]   (turn source into target).
A part that needs the database's address (to run pg_dump) has read_dsn(conn, dsn, schema_filter)
instead of read; a part with statements in both phases sets PHASES = ("pre", "post") and has
phase_statements(phase, source_snapshot, target_snapshot).
Modules are discovered by name (sorted), so adding a concern touches no shared file; a module
may set ORDER (default 0) to run after the parts of lower ORDER of its phase.
Statements must be silent when re-run (guarded), or be made so by `sql.idempotent`.
"""

from __future__ import annotations

import importlib
import pickle
import pkgutil
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

import psycopg2.extensions

from ...core.model import SchemaFilter
from ...pg.db import Dsn, connection, execute, query
from ...sql.identifiers import qualified
from ..fingerprint import INSPECT_SETTINGS
from . import _relations
from ._relations import ENGINE_RECREATED, ENGINE_RECREATED_CATALOG, ENGINE_RECREATED_TYPES, ENGINE_SWAPPED_TYPES

__all__ = [
    "ENGINE_RECREATED",
    "ENGINE_RECREATED_CATALOG",
    "ENGINE_RECREATED_TYPES",
    "ENGINE_SWAPPED_TYPES",
    "Catalog",
    "parts",
    "read_catalog",
    "record_catalog",
    "replay_catalog",
    "statements",
]


@cache
def parts() -> tuple[ModuleType, ...]:
    names = sorted(m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_"))
    modules = [importlib.import_module(f"{__name__}.{name}") for name in names]
    return tuple(sorted(modules, key=lambda m: getattr(m, "ORDER", 0)))


@dataclass(frozen=True, slots=True)
class Catalog:
    """One database as every supplementary part sees it: part name -> snapshot."""

    snapshots: dict[str, Any]


def read_catalog(dsn: Dsn, schema_filter: SchemaFilter, only: Iterable[tuple[str, str]] | None = None) -> Catalog:
    """Every part's snapshot of `dsn`. `only`: the relations (schema, name) whose rows the
    per-relation catalog queries read (filtered on the server; `_ROW_OWNERS`), None for all."""
    with connection(dsn, purpose="inspect") as conn:
        if only is not None:
            conn.cursor_factory = _restricting(_qualified(only))
        execute(conn, INSPECT_SETTINGS)
        with _relations.shared():
            return Catalog({p.__name__: _read_part(p, conn, dsn, schema_filter) for p in parts()})


def _read_part(p: ModuleType, conn: Any, dsn: Dsn, schema_filter: SchemaFilter) -> Any:
    return p.read_dsn(conn, dsn, schema_filter) if hasattr(p, "read_dsn") else p.read(conn, schema_filter)


@dataclass(frozen=True, slots=True)
class _Owner:
    """The columns naming the relation a catalog query's row belongs to: a pair (schema, name) or
    one column holding its qualified name (as regclass prints it)."""

    columns: tuple[str, ...]
    # Rows on no relation (owner NULL) are read too: the comments and privileges of routines,
    # types, schemas and the other kinds (few; a restricted reading cannot tell which it needs).
    unowned_kept: bool = False


# The catalog queries whose rows belong to one relation each.
_ROW_OWNERS: dict[str, _Owner] = {
    "relations": _Owner(("schema", "name")),
    "column_settings": _Owner(("schema", "parent")),  # an index's columns belong to its table
    "not_null_names": _Owner(("nspname", "relname")),
    "identity_columns": _Owner(("relation",)),
    "serial_columns": _Owner(("relation",)),
    "triggers": _Owner(("relation",)),
    "privileges": _Owner(("relation",), unowned_kept=True),
}


@cache
def _owned_queries() -> dict[str, _Owner]:
    """`_ROW_OWNERS` by the queries' text, with the comments query (`comments.query_text`)."""
    from .comments import query_text

    owned = {query(name): owner for name, owner in _ROW_OWNERS.items()}
    owned[query_text()] = _Owner(("relation",), unowned_kept=True)
    return owned


def _qualified(only: Iterable[tuple[str, str]]) -> list[str]:
    return sorted(qualified(s, n) for s, n in only)


def _owner_test(columns: tuple[str, ...]) -> str:
    name = f"pg_catalog.format('%%I.%%I', q.{columns[0]}, q.{columns[1]})" if len(columns) == 2 else f"q.{columns[0]}"
    return f"{name} = ANY(%(reconcile_only)s::text[])"


def _restricting(only: list[str]) -> type:
    class Restricting(psycopg2.extensions.cursor):
        """Wraps the per-relation catalog queries in a filter on the relation they belong to."""

        def execute(self, sql: Any, params: Any = None) -> Any:
            owner = _owned_queries().get(sql) if isinstance(sql, str) else None
            if owner is None or not (params is None or isinstance(params, dict)):
                return super().execute(sql, params)
            body = (sql if params else sql.replace("%", "%%")).strip().rstrip(";")
            test = _owner_test(owner.columns)
            if owner.unowned_kept:
                test = f"q.{owner.columns[0]} IS NULL OR {test}"
            wrapped = f"SELECT * FROM ({body}\n) AS q WHERE {test}"
            return super().execute(wrapped, {**(params or {}), "reconcile_only": only})

    return Restricting


def record_catalog(dsn: Dsn, schema_filter: SchemaFilter, store: sqlite3.Connection) -> None:
    """Read every part whole and write what it read to `store` (`replay_catalog` reads it back,
    restricted): each query's rows, those of a per-relation query with the relation they belong
    to; a part that reads more than queries (pg_dump) keeps its snapshot whole."""
    store.execute(
        "CREATE TABLE catalog_calls (part TEXT, call INTEGER, sql TEXT, columns BLOB, PRIMARY KEY (part, call))"
    )
    store.execute("CREATE TABLE catalog_rows (seq INTEGER PRIMARY KEY, part TEXT, call INTEGER, k TEXT, data BLOB)")
    store.execute("CREATE TABLE catalog_snapshots (part TEXT PRIMARY KEY, data BLOB)")
    with connection(dsn, purpose="inspect") as conn:
        execute(conn, INSPECT_SETTINGS)
        with _relations.shared():
            for p in parts():
                if hasattr(p, "read_dsn"):
                    snapshot = p.read_dsn(conn, dsn, schema_filter)
                    store.execute("INSERT INTO catalog_snapshots VALUES (?, ?)", (p.__name__, pickle.dumps(snapshot)))
                    continue
                conn.cursor_factory = _recording(store, p.__name__)
                p.read(conn, schema_filter)
                conn.cursor_factory = psycopg2.extensions.cursor
    store.execute("CREATE INDEX catalog_rows_k ON catalog_rows (part, call, k)")


def _recording(store: sqlite3.Connection, part: str) -> type:
    calls = [0]

    class Recording(psycopg2.extensions.cursor):
        def execute(self, sql: Any, params: Any = None) -> Any:
            result = super().execute(sql, params)
            call, calls[0] = calls[0], calls[0] + 1
            text = sql if isinstance(sql, str) else sql.as_string(self)
            names = tuple(d[0] for d in self.description) if self.description else None
            store.execute("INSERT INTO catalog_calls VALUES (?, ?, ?, ?)", (part, call, text, pickle.dumps(names)))
            if names is not None:
                rows = super().fetchall()
                owner = _owned_queries().get(text) if params is None or isinstance(params, dict) else None
                at = [names.index(c) for c in owner.columns] if owner else []
                store.executemany(
                    "INSERT INTO catalog_rows (part, call, k, data) VALUES (?, ?, ?, ?)",
                    ((part, call, _key(row, at), pickle.dumps(row)) for row in rows),
                )
                self._recorded = rows
            return result

        def fetchall(self) -> list[Any]:
            return list(self._recorded)

        def fetchone(self) -> Any:
            return self._recorded[0] if self._recorded else None

    return Recording


def _key(row: tuple[Any, ...], at: list[int]) -> str | None:
    if len(at) == 2 and row[at[0]] is not None and row[at[1]] is not None:
        return qualified(row[at[0]], row[at[1]])
    return str(row[at[0]]) if len(at) == 1 and row[at[0]] is not None else None


def replay_catalog(
    store: sqlite3.Connection, schema_filter: SchemaFilter, only: Iterable[tuple[str, str]] | None
) -> Catalog:
    """`read_catalog` of the database `record_catalog` read, as it was then, without it."""
    wanted = None if only is None else _qualified(only)
    if wanted is not None:
        store.execute("CREATE TEMP TABLE IF NOT EXISTS catalog_wanted (k TEXT PRIMARY KEY)")
        store.execute("DELETE FROM catalog_wanted")
        store.executemany("INSERT OR IGNORE INTO catalog_wanted VALUES (?)", ((k,) for k in wanted))
    snapshots: dict[str, Any] = {}
    with _relations.shared():
        for p in parts():
            found = store.execute("SELECT data FROM catalog_snapshots WHERE part = ?", (p.__name__,)).fetchone()
            if found is not None:
                snapshots[p.__name__] = pickle.loads(found[0])
            else:
                snapshots[p.__name__] = p.read(_Replayed(store, p.__name__, wanted is not None), schema_filter)
    return Catalog(snapshots)


class _Replayed:
    """A connection answering a part's queries with what `record_catalog` recorded for it, in order."""

    def __init__(self, store: sqlite3.Connection, part: str, restricted: bool) -> None:
        self.store, self.part, self.restricted, self.call = store, part, restricted, 0

    def cursor(self) -> _ReplayedCursor:
        return _ReplayedCursor(self)


class _ReplayedCursor:
    def __init__(self, conn: _Replayed) -> None:
        self.conn = conn
        self.description: tuple[tuple[str], ...] | None = None
        self.rows: list[Any] = []

    def __enter__(self) -> _ReplayedCursor:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def execute(self, sql: Any, params: Any = None) -> None:
        c, store = self.conn, self.conn.store
        call, c.call = c.call, c.call + 1
        found = store.execute(
            "SELECT sql, columns FROM catalog_calls WHERE part = ? AND call = ?", (c.part, call)
        ).fetchone()
        if found is None or (isinstance(sql, str) and found[0] != sql):
            raise LookupError(f"{c.part} asked the stored catalog for a query it did not record")
        names = pickle.loads(found[1])
        self.description = None if names is None else tuple((n,) for n in names)
        owner = _owned_queries().get(sql) if c.restricted and isinstance(sql, str) else None
        where = " AND k IN (SELECT k FROM catalog_wanted)" if owner else ""
        if owner and owner.unowned_kept:
            where = " AND (k IS NULL OR k IN (SELECT k FROM catalog_wanted))"
        cur = store.execute(
            f"SELECT data FROM catalog_rows WHERE part = ? AND call = ?{where} ORDER BY seq", (c.part, call)
        )
        self.rows = [pickle.loads(data) for (data,) in cur]

    def fetchall(self) -> list[Any]:
        return self.rows

    def fetchone(self) -> Any:
        return self.rows[0] if self.rows else None


def statements(source: Catalog, target: Catalog, phase: str) -> tuple[str, ...]:
    """Statements of every part of `phase` that bring `source` to `target`."""
    out: list[str] = []
    for p in parts():
        src, tgt = source.snapshots[p.__name__], target.snapshots[p.__name__]
        if phase in getattr(p, "PHASES", ()):
            out += p.phase_statements(phase, src, tgt)
        elif getattr(p, "PHASE", "post") == phase and not hasattr(p, "PHASES"):
            out += p.statements(src, tgt)
    return tuple(out)
