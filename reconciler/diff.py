"""The diff engine: the one module that imports migra, schemainspect and sqlbag.

migra is frozen upstream; swapping the engine must touch this file only. Each side is inspected
once and the inspections are reused for the forward and the rollback diff (the rollback is the
same comparison with the sides swapped). Imports `db`, `errors`, `fingerprint`, `model`.
"""

from __future__ import annotations

import copy
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


def _literal(label: str) -> str:
    return "'" + label.replace("'", "''") + "'"


def _enum_additions(source: Any, target: Any) -> tuple[list[str], Any]:
    """ADD VALUE (with BEFORE/AFTER) for enums that only gain labels, order kept.

    migra re-creates the type for any change (rename, create, re-type every column, drop), which
    fails when views, array columns or functions use the type and locks every table that uses it;
    adding labels in place needs none of that. Returns the statements and a copy of `source`
    in which those enums already look like the target's, so migra leaves them alone.
    """
    statements: list[str] = []
    enums = dict(source.enums)
    for key, new in target.enums.items():
        old = enums.get(key)
        if old is None or old.elements == new.elements or not old.elements:
            continue
        if [e for e in new.elements if e in old.elements] != list(old.elements):
            continue  # a label is removed or moved: only a re-creation can do that
        previous = None
        for label in new.elements:
            if label not in old.elements:
                where = f"AFTER {_literal(previous)}" if previous else f"BEFORE {_literal(old.elements[0])}"
                statements.append(f"ALTER TYPE {new.quoted_full_name} ADD VALUE {_literal(label)} {where}")
            previous = label
        enums[key] = new
    if not statements:
        return [], source
    patched = copy.copy(source)
    patched.enums = type(source.enums)(enums)
    # Columns compare their enum too: give the columns of the changed enums the new one.
    changed = {k for k in enums if enums[k] is not source.enums.get(k)}
    tables: dict[str, Any] = {}
    for key, table in source.selectables.items():
        cols = getattr(table, "columns", None) or {}
        if not any(getattr(c, "enum", None) is not None and c.enum.quoted_full_name in changed for c in cols.values()):
            continue
        new_table = copy.copy(table)
        new_table.columns = type(cols)(
            (
                name,
                _with_enum(c, enums[c.enum.quoted_full_name])
                if getattr(c, "enum", None) is not None and c.enum.quoted_full_name in changed
                else c,
            )
            for name, c in cols.items()
        )
        tables[key] = new_table
    for attr in ("tables", "relations", "selectables"):
        original = getattr(source, attr, None)
        if isinstance(original, dict):
            setattr(patched, attr, type(original)((k, tables.get(k, v)) for k, v in original.items()))
    return statements, patched


def _with_enum(column: Any, enum: Any) -> Any:
    new = copy.copy(column)
    new.enum = enum
    return new


def statements(source: Inspection, target: Inspection) -> tuple[str, ...]:
    """The statements that turn `source` into `target`: migra's, then the supplementary differ's."""
    additions, source_inspector = _enum_additions(source.inspector, target.inspector)
    migration = Migration(source_inspector, target.inspector)
    migration.set_safety(False)  # destructive changes are governed by our own policy
    migration.add_all_changes()
    engine = tuple(s.strip() for s in migration.statements if s and s.strip())
    return (
        *additions,
        *supplementary_statements(source.catalog, target.catalog, "pre"),
        *engine,
        *supplementary_statements(source.catalog, target.catalog, "post"),
    )
