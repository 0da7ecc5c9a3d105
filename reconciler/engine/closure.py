"""Which objects a diff must inspect when a few differ: the restriction of an incremental inspection.

The fingerprints name the objects that differ. A diff of only those, plus what uses them (views
over a changed table, a column of a changed enum, a foreign key on a changed key, transitively)
and what they use (a table's enums, parents and referenced tables), gives the statements a diff of
the whole schema gives: objects outside it are identical on both sides, and nothing the diff
re-creates or orders depends on them. Pure: reads dependency edges both sides have already read
(`diff.Edges`), returns names. Imports `diff` (its `Dep` value) and `fingerprint`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from ..core.model import ObjectChange
from .diff import Edges
from .fingerprint import object_address, split_name

Owner = tuple[str, str]  # (schema, name): a relation, type or routine (all its overloads), as inspected

# A dependent whose re-creation changes nothing that depends on it in turn: its table is inspected,
# what uses the table is not (a foreign key on a changed key is dropped and added again, alone).
_LEAF = frozenset({"constraint", "index", "trigger", "policy", "default"})
# What an object needs inspected with it, whatever changes: the types of its columns and of what
# it is defined over (schemainspect reads a column's enum from the same inspection).
_STRUCTURAL = frozenset({"column", "typed table", "domain", "range", "multirange"})
# Kinds whose rows name no object of a schema (the supplement reads them whole, every time).
_NO_OWNER = frozenset(
    {
        "schema", "extension", "publication", "event trigger", "cast", "foreign-data wrapper", "server",
        "language", "transform", "access method", "default privilege", "role", "user mapping",
    }
)  # fmt: skip


def _routine(name: str) -> str:
    """`f(integer, text)` -> `f`: a routine's name without its argument list."""
    if not name.endswith(")"):
        return name
    depth = 0
    for i in range(len(name) - 1, -1, -1):
        depth += {")": 1, "(": -1}.get(name[i], 0)
        if depth == 0:
            return name[:i]
    return name


def owner_of(change: ObjectChange) -> Owner | bool | None:
    """The object a fingerprint row belongs to; None when it belongs to none (a schema, an extension,
    …); False when its name cannot be read unambiguously (the caller inspects everything)."""
    kind, name = change.kind, change.name
    if kind in _NO_OWNER:
        return None
    if kind == "privilege" and name.endswith(")") and " (" in name:
        name, _, kind = name[:-1].rpartition(" (")  # "public.t.c (column)"
        if kind in _NO_OWNER:
            return None
    if kind == "comment":
        akind, schema, dotted = object_address(kind, name)
        if schema is None or akind in _NO_OWNER:
            return None
        # pg_identify_object's identity, unquoted: the object is what follows the schema, up to
        # its first dot (a column's table) or parenthesis (a routine's arguments)
        rest = dotted[len(schema) + 1 :] if dotted.startswith(schema + ".") else ""
        owner = re.split(r"[.(]", rest, maxsplit=1)[0]
        return (schema, owner) if owner else False
    parts = split_name(name)
    if len(parts) < 2:
        return None
    return (parts[0], _routine(parts[1]))


def restriction(changes: Iterable[ObjectChange], sides: Iterable[Edges]) -> frozenset[Owner] | None:
    """The objects both sides are inspected with, or None for all of them (a name not read)."""
    seeds: set[Owner] = set()
    for c in changes:
        owner = owner_of(c)
        if owner is False:
            return None
        if owner:
            seeds.add(owner)  # type: ignore[arg-type]
    indexes: dict[Owner, Owner] = {}  # an index (by its relation name) -> its table
    used_by: dict[Owner, set[tuple[Owner, str]]] = {}
    uses: dict[Owner, set[tuple[Owner, str]]] = {}
    children: dict[Owner, set[Owner]] = {}
    parents: dict[Owner, set[Owner]] = {}
    edges = tuple(sides)
    for side in edges:
        for schema, name, kind, index, _, _, _ in side.links:
            if kind == "index" and index:
                indexes[(schema, index)] = (schema, name)
        for child, parent in side.inheritance:
            children.setdefault(parent, set()).add(child)
            parents.setdefault(child, set()).add(parent)
    for side in edges:
        for schema, name, kind, _, ref_kind, ref_schema, ref_name in side.links:
            ref = (ref_schema, ref_name)
            ref = indexes.get(ref, ref) if ref_kind == "relation" else ref
            if (schema, name) == ref:
                continue
            used_by.setdefault(ref, set()).add(((schema, name), kind))
            uses.setdefault((schema, name), set()).add((ref, kind))
    included = set(seeds)
    spreading, frontier = set(seeds), list(seeds)
    while frontier:
        o = frontier.pop()
        reached = [*used_by.get(o, ()), *((c, "table") for c in children.get(o, ()))]
        for dependent, kind in reached:
            included.add(dependent)
            if kind not in _LEAF and dependent not in spreading:
                spreading.add(dependent)
                frontier.append(dependent)
    # what the changed objects use, one step (a referenced table, a trigger's function, …); what
    # changes with them only needs itself read
    for o in seeds:
        included.update(ref for ref, _ in uses.get(o, ()))
    # and what each of those needs to be read at all: ancestors, column types, transitively
    frontier = list(included)
    while frontier:
        o = frontier.pop()
        needed = [*parents.get(o, ()), *(ref for ref, kind in uses.get(o, ()) if kind in _STRUCTURAL)]
        for ref in needed:
            if ref not in included:
                included.add(ref)
                frontier.append(ref)
    return frozenset(included)
