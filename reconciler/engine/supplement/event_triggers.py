"""Event triggers (CREATE / ALTER … ENABLE|DISABLE / DROP EVENT TRIGGER), which migra ignores.

After the engine's statements (the trigger's function exists by then): creates what is new or
changed (`event_triggers_drop` dropped the changed ones before the engine ran: an event trigger
cannot change its event, tags or function in place) and sets every enabled state that differs.
Event triggers are database-wide: those whose function lives in a managed schema are managed.
The proof's own (`reconcile_*`) never are. Imports `db`, `model`, `sql.guard`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.model import SchemaFilter
from ...pg.db import fetch_all, query
from ...sql.guard import guarded, ident, literal, text_array

PHASE = "post"

# pg_event_trigger.evtenabled -> the ALTER EVENT TRIGGER action that sets it ('O' is CREATE's).
_ACTION = {"O": "ENABLE", "D": "DISABLE", "R": "ENABLE REPLICA", "A": "ENABLE ALWAYS"}


@dataclass(frozen=True, slots=True)
class EventTrigger:
    name: str
    event: str
    tags: tuple[str, ...]
    function: str  # regprocedure text, qualified (read under search_path = pg_catalog)
    enabled: str
    function_schema: str | None

    def definition(self) -> tuple[str, tuple[str, ...], str]:
        return (self.event, self.tags, self.function)

    def same_definition(self) -> str:
        """SQL true while the event trigger exists with this event, tag filter and function."""
        return (
            f"EXISTS (SELECT FROM pg_catalog.pg_event_trigger e WHERE e.evtname = {literal(self.name)} "
            f"AND e.evtevent = {literal(self.event)} "
            f"AND e.evtfoid = pg_catalog.to_regprocedure({literal(self.function)}) "
            f"AND ARRAY(SELECT t FROM pg_catalog.unnest(e.evttags) AS t ORDER BY 1)::pg_catalog.text[] "
            f"IS NOT DISTINCT FROM {text_array(self.tags) if self.tags else 'NULL::pg_catalog.text[]'})"
        )


def exists(name: str) -> str:
    return f"EXISTS (SELECT FROM pg_catalog.pg_event_trigger e WHERE e.evtname = {literal(name)})"


def read(conn: Any, schema_filter: SchemaFilter) -> dict[str, EventTrigger]:
    out = {}
    for name, event, tags, function, enabled, schema in fetch_all(conn, query("event_triggers")):
        if schema_filter.manages(schema):
            out[name] = EventTrigger(name, event, tuple(tags or ()), function, enabled, schema)
    return out


def statements(source: dict[str, EventTrigger], target: dict[str, EventTrigger]) -> tuple[str, ...]:
    out = []
    for name, want in sorted(target.items()):
        have = source.get(name)
        renewed = have is None or have.definition() != want.definition()
        if renewed:
            out.append(guarded(f"NOT {exists(name)}", _create(want)))
        if (have is not None and not renewed and have.enabled != want.enabled) or (renewed and want.enabled != "O"):
            current = f"(SELECT e.evtenabled FROM pg_catalog.pg_event_trigger e WHERE e.evtname = {literal(name)})"
            out.append(
                guarded(
                    f"{current} IS DISTINCT FROM {literal(want.enabled)}",
                    f"ALTER EVENT TRIGGER {ident(name)} {_ACTION[want.enabled]}",
                )
            )
    return tuple(out)


def _create(t: EventTrigger) -> str:
    tags = f" WHEN TAG IN ({', '.join(literal(x) for x in t.tags)})" if t.tags else ""
    return f"CREATE EVENT TRIGGER {ident(t.name)} ON {ident(t.event)}{tags} EXECUTE FUNCTION {t.function}"
