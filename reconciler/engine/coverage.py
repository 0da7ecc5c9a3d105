"""The coverage guard: object kinds the diff cannot express are reported, never skipped.

Inventories both sides (`queries/inventory.sql`: base types; `inventory_parts.sql`: policies and
triggers on tables of excluded schemas), each object with a canonical definition. One identical
on both sides is *unmanaged, unchanged*: listed, and the plan goes on. One that differs (or exists
on one side only) fails `plan` and `drift`, named, unless `--allow-unmodeled`, which `plan` records
in the header. Imports `db`, `fingerprint`, `model`.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from ..core.errors import ReconcileError
from ..core.model import SchemaFilter, is_system_schema
from ..pg.db import Dsn, connection, execute, fetch_all, query
from .fingerprint import INSPECT_SETTINGS, identified_address


class UnmodeledObjects(ReconcileError):
    """The target or schema/ has objects of kinds the diff cannot express."""

    def __init__(self, items: tuple[str, ...]) -> None:
        shown = "\n".join(f"  {i}" for i in items[:50]) + (
            f"\n  … and {len(items) - 50} more" if len(items) > 50 else ""
        )
        super().__init__(
            f"{len(items)} object(s) of kinds reconcile cannot diff differ between the target and schema/:\n{shown}",
            hint="base types need a C library (their input and output functions) and shell types are never "
            "complete, so SQL cannot create them; they would be silently ignored otherwise: make them the same "
            "on both sides (they are then listed as unmanaged, unchanged), or pass --allow-unmodeled to go on "
            "without them "
            "(the plan header records the list), exclude their schema, or name them in an object rule "
            "(include_objects manages them, exclude_objects leaves them alone: e.g. 'trigger auth.users.*')",
        )
        self.items = items


def inventory(dsn: Dsn, schema_filter: SchemaFilter, side: str) -> tuple[str, ...]:
    include, exclude = schema_filter.read_schemas()
    with connection(dsn, purpose="inventory") as conn:
        execute(conn, INSPECT_SETTINGS)
        rows = fetch_all(conn, query("inventory"), {"include": list(include), "exclude": list(exclude)})
        parts = fetch_all(conn, query("inventory_parts"))
    if schema_filter.by_object:
        rows = [(k, i, d) for k, i, d in rows if schema_filter.manages_object(*identified_address(k, i))]
    out = [f"{kind} {identity} ({side}) {_digest(d)}" for kind, identity, d in rows]
    for kind, identity, table_schema, function_schema, definition in parts:
        # Policies on tables of excluded schemas, and triggers calling a managed function on
        # tables of unmanaged ones (their own triggers, calling their own functions, are theirs).
        if schema_filter.manages(table_schema) or is_system_schema(table_schema):
            continue
        if kind == "trigger" and not schema_filter.manages(function_schema):
            continue
        if kind == "policy" and table_schema not in schema_filter.exclude:
            continue
        address = identified_address(kind, identity)
        if schema_filter.manages_object(*address) or schema_filter.excludes(*address):
            continue  # an object rule says what to do with it
        out.append(f"{kind} {identity} ({side}; on a table of an excluded schema) {_digest(definition)}")
    return tuple(out)


def _digest(definition: str | None) -> str:
    return "#" + hashlib.sha256((definition or "").encode()).hexdigest()[:16]


@dataclass(frozen=True, slots=True)
class Coverage:
    """What the coverage guard found: objects that differ (or exist on one side), and unchanged ones."""

    differing: tuple[str, ...]
    unchanged: tuple[str, ...]


def split(items: tuple[str, ...]) -> Coverage:
    """Pair the two sides' inventory items (`inventory`): an object on both with one definition
    is unchanged ("kind identity"); the others are listed with their side."""
    by_object: dict[str, dict[str, str]] = {}
    for item in items:
        head, _, digest = item.rpartition(" ")
        name, _, side = head.partition(" (")
        by_object.setdefault(name, {})[side.split(";")[0].rstrip(")")] = digest
    differing, unchanged = [], []
    for item in items:
        head = item.rpartition(" ")[0]
        name = head.partition(" (")[0]
        sides = by_object[name]
        if len(sides) == 2 and len(set(sides.values())) == 1:
            if name not in unchanged:
                unchanged.append(name)
        else:
            differing.append(head)
    return Coverage(tuple(differing), tuple(unchanged))


def unmodeled(target: Dsn, desired: Dsn, schema_filter: SchemaFilter) -> tuple[str, ...]:
    """Objects of kinds the diff cannot express that differ between `target` and `desired`."""
    return split(inventory(target, schema_filter, "target") + inventory(desired, schema_filter, "schema/")).differing
