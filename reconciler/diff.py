"""The diff engine: the one module that imports migra, schemainspect and sqlbag.

migra is frozen upstream; swapping the engine must touch this file only. Each side is inspected
once and the inspections are reused for the forward and the rollback diff (the rollback is the
same comparison with the sides swapped). Imports `db`, `errors`, `fingerprint`, `model`.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass
from importlib import metadata
from typing import Any

from .db import Dsn, engine, redact
from .errors import DatabaseError
from .fingerprint import INSPECT_SETTINGS
from .model import SchemaFilter
from .supplement import Catalog, read_catalog
from .supplement import statements as supplementary_statements

with warnings.catch_warnings():
    # schemainspect imports pkg_resources, which warns on every import under setuptools>=67.
    warnings.simplefilter("ignore")
    from migra import Migration
    from schemainspect import get_inspector
    from schemainspect.pg.obj import InspectedFunction

_can_replace = InspectedFunction.can_replace


def _function_can_replace(self: Any, other: Any) -> bool:
    # CREATE OR REPLACE cannot change a function's return type or turn a function into a
    # procedure ("cannot change return type of existing function"): migra must drop and create.
    if (self.result_string, self.kind) != (other.result_string, other.kind):
        return False
    return bool(_can_replace(self, other))


InspectedFunction.can_replace = _function_can_replace


ENGINE_NAME = "migra"


def engine_version() -> str:
    try:
        return f"{ENGINE_NAME} {metadata.version('migra')}"
    except metadata.PackageNotFoundError:  # pragma: no cover
        return ENGINE_NAME


@dataclass(frozen=True, slots=True)
class Inspection:
    """An inspected database (opaque outside this module)."""

    inspector: Any
    catalog: Catalog  # what the supplementary differ reads
    where: str


def inspect(dsn: Dsn, schema_filter: SchemaFilter, where: str) -> Inspection:
    eng = engine(dsn)
    try:
        with eng.connect() as conn:
            conn.exec_driver_sql(INSPECT_SETTINGS)
            inspector = get_inspector(conn)
    except Exception as exc:
        raise DatabaseError(f"inspecting the {where} database failed: {redact(str(exc).strip())}") from None
    finally:
        eng.dispose()
    _filter(inspector, schema_filter)
    return Inspection(inspector, read_catalog(dsn, schema_filter), where)


def _filter(inspector: Any, schema_filter: SchemaFilter) -> None:
    """Keep only managed schemas, in every collection the inspector holds."""
    for name, value in list(vars(inspector).items()):
        if not isinstance(value, dict) or not value:
            continue
        sample = next(iter(value.values()))
        if not hasattr(sample, "schema"):
            continue
        setattr(inspector, name, type(value)((k, v) for k, v in value.items() if schema_filter.manages(v.schema)))


def statements(source: Inspection, target: Inspection) -> tuple[str, ...]:
    """The statements that turn `source` into `target`: migra's, then the supplementary differ's."""
    migration = Migration(source.inspector, target.inspector)
    migration.set_safety(False)  # destructive changes are governed by our own policy
    migration.add_all_changes()
    engine = tuple(s.strip() for s in migration.statements if s and s.strip())
    return engine + supplementary_statements(source.catalog, target.catalog)
