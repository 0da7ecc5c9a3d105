"""Event triggers that schema/ no longer declares, or whose event, tag filter or function
changes (no ALTER changes those): dropped before the engine's statements, which may drop
their function. `event_triggers` creates them again. Imports `model`, `sql.guard`."""

from __future__ import annotations

from typing import Any

from ...core.model import SchemaFilter
from ...sql.guard import guarded, ident
from . import event_triggers

PHASE = "pre"


def read(conn: Any, schema_filter: SchemaFilter) -> dict[str, event_triggers.EventTrigger]:
    return event_triggers.read(conn, schema_filter)


def statements(
    source: dict[str, event_triggers.EventTrigger], target: dict[str, event_triggers.EventTrigger]
) -> tuple[str, ...]:
    out = []
    for name, have in sorted(source.items()):
        want = target.get(name)
        if want is None:
            out.append(guarded(event_triggers.exists(name), f"DROP EVENT TRIGGER {ident(name)}"))
        elif have.definition() != want.definition():
            # Dropped only while it is still the old one: a re-run finds the new one and leaves it.
            needed = f"{event_triggers.exists(name)} AND NOT {want.same_definition()}"
            out.append(guarded(needed, f"DROP EVENT TRIGGER {ident(name)}"))
    return tuple(out)
