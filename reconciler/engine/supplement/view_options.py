"""View options (security_invoker, security_barrier, check_option), which the diff engine
neither reads nor keeps: CREATE OR REPLACE VIEW without WITH (…) resets them.

After the engine's statements; the options of every view the engine re-creates are set again.
Imports `model` and `_relations`.
"""

from __future__ import annotations

from typing import Any

from ...core.model import SchemaFilter
from . import _relations

PHASE = "post"

VIEW_OPTIONS = frozenset({"security_invoker", "security_barrier", "check_option"})


def read(conn: Any, schema_filter: SchemaFilter) -> dict[str, _relations.Relation]:
    return _relations.read(conn, schema_filter)


def statements(source: _relations.Relations, target: _relations.Relations) -> tuple[str, ...]:
    """ALTER VIEW … SET (…) / RESET (…), guarded by the options each view must have."""
    recreated = _relations.recreated(source, target)
    out: list[str] = []
    for qname, want in sorted(target.items()):
        if want.kind != "v":
            continue
        have = source.get(qname)
        old = have.options if have is not None and have.kind == "v" else ()
        out += _relations.option_statements(old, want, VIEW_OPTIONS, force=qname in recreated)
    return tuple(out)
