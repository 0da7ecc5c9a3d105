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
import pkgutil
from dataclasses import dataclass
from functools import cache
from types import ModuleType
from typing import Any

from ..db import Dsn, connection, execute
from ..fingerprint import INSPECT_SETTINGS
from ..model import SchemaFilter
from ._relations import ENGINE_RECREATED, ENGINE_RECREATED_CATALOG, ENGINE_RECREATED_TYPES, ENGINE_SWAPPED_TYPES

__all__ = [
    "ENGINE_RECREATED",
    "ENGINE_RECREATED_CATALOG",
    "ENGINE_RECREATED_TYPES",
    "ENGINE_SWAPPED_TYPES",
    "Catalog",
    "parts",
    "read_catalog",
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


def read_catalog(dsn: Dsn, schema_filter: SchemaFilter) -> Catalog:
    with connection(dsn, purpose="inspect") as conn:
        execute(conn, INSPECT_SETTINGS)
        return Catalog(
            {
                p.__name__: p.read_dsn(conn, dsn, schema_filter)
                if hasattr(p, "read_dsn")
                else p.read(conn, schema_filter)
                for p in parts()
            }
        )


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
