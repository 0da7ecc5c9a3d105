"""The coverage guard: object kinds the diff cannot express are reported, never skipped.

Inventories both sides (`queries/inventory.sql`: range and base types, aggregates, foreign
tables, operators, text search objects, statistics objects, rules, casts, …).
`plan` and `drift` fail listing them unless `--allow-unmodeled`, which `plan` records in the
header. Imports `db`, `fingerprint`, `model`.
"""

from __future__ import annotations

from .db import Dsn, connection, execute, fetch_all, query
from .errors import ReconcileError
from .fingerprint import INSPECT_SETTINGS, identified_address
from .model import SchemaFilter, is_system_schema


class UnmodeledObjects(ReconcileError):
    """The target or schema/ has objects of kinds the diff cannot express."""

    def __init__(self, items: tuple[str, ...]) -> None:
        shown = "\n".join(f"  {i}" for i in items[:50]) + (
            f"\n  … and {len(items) - 50} more" if len(items) > 50 else ""
        )
        super().__init__(
            f"{len(items)} object(s) of kinds reconcile cannot diff yet:\n{shown}",
            hint="they would be silently ignored otherwise; pass --allow-unmodeled to go on without them "
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
        rows = [(k, i) for k, i in rows if schema_filter.manages_object(*identified_address(k, i))]
    out = [f"{kind} {identity} ({side})" for kind, identity in rows]
    for kind, identity, table_schema, function_schema in parts:
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
        out.append(f"{kind} {identity} ({side}; on a table of an excluded schema)")
    return tuple(out)


def unmodeled(target: Dsn, desired: Dsn, schema_filter: SchemaFilter) -> tuple[str, ...]:
    return inventory(target, schema_filter, "target") + inventory(desired, schema_filter, "schema/")
