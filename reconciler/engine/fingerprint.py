"""Fingerprints: a stable hash of the canonical description of a database's managed schema.

Two databases built separately from the same SQL get the same fingerprint: the description is
independent of OIDs, creation order and physical column order. Catalog SQL lives in
`queries/fingerprint.sql`. Imports `db`, `model`.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import sys
from collections.abc import Iterable

from ..core import progress
from ..core.model import PRINT_SETTINGS, TABLE_PARTS, Fingerprint, ObjectChange, ObjectDef, SchemaFilter
from ..pg.db import Dsn, connection, execute, fetch_all, fetch_iter, query
from . import catalog_kinds

# Kinds fingerprint.sql lists already (by name, columns, return type), as it names them.
_LISTED_AS = {"type": "range type"}
_EXTENDED = frozenset({"aggregate", "range type", "foreign table"})

# Every inspecting session prints names the same way, whatever the server's defaults.
# JIT off: the catalog queries are big for the planner but read few rows; a server built with LLVM
# (Debian's packages) compiled each of them, which took longer than running it (a small database's
# diff engine inspection on PostgreSQL 15: 3.4 s with JIT, a tenth of that without).
INSPECT_SETTINGS = "; ".join(f"SET {k} = '{v}'" for k, v in PRINT_SETTINGS) + "; SET jit = off"


# The kinds of the rows a relation owns (fingerprint.sql's `rel`), by how their names name it:
# the relation itself, or the relation and one part more.
_RELATIONS = frozenset({"table", "foreign table", "view", "materialized view", "sequence"})
_RELATION_PARTS = frozenset({"column", "index", "constraint", "trigger", "policy"})


def relation_of(o: ObjectDef) -> str | None:
    """The relation (its qualified name) whose rows `o` is one of (its privileges and its columns'
    too), or None for a row that describes no relation's own part (functions, types, comments)."""
    if o.kind in _RELATIONS:
        return o.name
    if o.kind in _RELATION_PARTS:
        return parent_of(o.name)
    granted = _granted_on(o)
    if granted is not None:
        kind, name = granted
        if kind in _RELATIONS:
            return name
        if kind == "column":
            return parent_of(name)
    return None


def _granted_on(o: ObjectDef) -> tuple[str, str] | None:
    """(kind, name) of the object a privilege row describes: "public.t.c (column)" -> ("column",
    "public.t.c"); None for any other row."""
    if o.kind != "privilege" or not o.name.endswith(")") or " (" not in o.name:
        return None
    name, _, kind = o.name[:-1].rpartition(" (")
    return kind, name


def fingerprint(
    dsn: Dsn,
    schema_filter: SchemaFilter,
    *,
    relations: frozenset[str] | None = None,
    rest: Fingerprint | None = None,
    lock_timeout: float | None = None,
) -> Fingerprint:
    """The fingerprint of `dsn`'s managed schema. With `relations` (qualified names) and `rest`:
    only these relations' own rows are read (every other row still is), the other relations' rows
    are `rest`'s. It is the whole fingerprint when no other relation's rows changed since `rest` was
    taken (the proof knows which relations its statements touched). `lock_timeout` (seconds): a
    reading that waits longer for a lock (a table locked ACCESS EXCLUSIVE) fails with 55P03."""
    if (relations is None) != (rest is None):
        raise ValueError("relations and rest go together")
    include, exclude = schema_filter.read_schemas()
    shown = f"fingerprinting {dsn.dbname or 'the database'}"
    if relations is not None:
        shown += f" ({len(relations)} relation(s) read again)"
    with connection(dsn, purpose="fingerprint") as conn, progress.step(shown):
        execute(conn, INSPECT_SETTINGS)
        if lock_timeout is not None:
            execute(
                conn,
                "SELECT pg_catalog.set_config('lock_timeout', %s, false)",
                (f"{max(1, round(lock_timeout * 1000))}ms",),
            )
        params = {
            "include": list(include),
            "exclude": list(exclude),
            "privileges": schema_filter.privileges,
            "rels": sorted(relations) if relations is not None else None,
        }
        # kinds and definitions repeat (a third of them are distinct): one string each
        listed = [[sys.intern(k), n, sys.intern(d or "")] for k, n, d in fetch_iter(conn, query("fingerprint"), params)]
        kinds = fetch_all(conn, catalog_kinds.query())
    # aggregates, range types, rules, operators, text search, statistics, foreign objects, …: a
    # kind fingerprint.sql lists already gets the description added to its row
    at = {(k, n): i for i, (k, n, _) in enumerate(listed) if k in _EXTENDED}
    for t, _c, _o, _identity, schema, description, _id, _bare, _drop, label in kinds:
        if schema_filter.manages(schema):
            key = (_LISTED_AS.get(t, t), label)
            if relations is not None and key[0] in _RELATIONS and label not in relations:
                continue  # a relation not read again: its row, this description added, is `rest`'s
            if key in at:
                listed[at[key]][2] += " " + description
            else:
                listed.append([key[0], label, description])
    defs: Iterable[ObjectDef] = (ObjectDef(k, n, d) for k, n, d in listed)
    if schema_filter.by_object:
        defs = (o for o in defs if schema_filter.manages_object(*_address(o)))
    if relations is not None and rest is not None:
        read = [o for o in defs if (r := relation_of(o)) is None or r in relations]
        kept = (o for o in rest.objects if (r := relation_of(o)) is not None and r not in relations)
        defs = itertools.chain(read, kept)
    objects = tuple(sorted(defs, key=lambda o: (o.kind, o.name, o.definition)))
    return Fingerprint(_digest(objects), objects)


def _address(o: ObjectDef) -> tuple[str, str | None, str]:
    granted = _granted_on(o)
    if granted is not None:  # the privileges of an object are managed with it
        return object_address(*granted)
    kind, schema, name = object_address(o.kind, o.name)
    if kind == "extension":  # an extension's schema is where it installed its objects
        schema = split_name(o.definition.removeprefix("schema="))[0]
    return kind, schema, name


# pg_identify_object's types as comments name them -> the kind an object rule names.
_COMMENTED = {
    "table column": "column",
    "table constraint": "constraint",
    "domain constraint": "domain",
    "materialized view": "materialized view",
    "foreign table": "foreign table",
    "event trigger": "event trigger",
    "view column": "column",
    "materialized view column": "column",
    "foreign table column": "column",
    "composite type column": "column",
}


# Kinds that live outside schemas (database- or cluster-wide).
_NO_SCHEMA = (
    "extension", "publication", "event trigger", "cast", "foreign-data wrapper", "server", "language",
    "transform", "access method", "default privilege", "role", "user mapping",
)  # fmt: skip


def object_address(kind: str, name: str) -> tuple[str, str | None, str]:
    """(kind, schema, unquoted dotted name) of a fingerprint row, as `SchemaFilter.manages_object` takes them."""
    if kind == "comment":
        # types of more than one word ("foreign-data wrapper", "access method") first
        for typ in sorted({*_COMMENTED, *catalog_kinds.BY_TYPE}, key=len, reverse=True):
            if name.startswith(typ + " "):
                return identified_address(typ, name[len(typ) + 1 :])
        typ, _, identity = name.partition(" ")
        return identified_address(typ, identity)
    if kind == "domain constraint":
        kind, name = "domain", name.rsplit(".", 1)[0]
    parts = split_name(name)
    if kind in _NO_SCHEMA:
        return kind, None, ".".join(parts)
    return kind, parts[0], ".".join(parts)


def identified_address(typ: str, identity: str) -> tuple[str, str | None, str]:
    """`object_address` of what pg_identify_object calls (type, identity), e.g. ("trigger", "t on s.x")."""
    kind = _COMMENTED.get(typ, typ)
    if " on " in identity and kind in ("trigger", "policy", "constraint", "rule", "domain"):
        part, _, owner = identity.partition(" on ")
        identity = owner if kind == "domain" else f"{owner}.{part}"
    return object_address(kind, identity)


def split_name(name: str) -> list[str]:
    """`"My Schema".t.col` -> ['My Schema', 't', 'col']; an argument list stays on the last part.

    Reads quote_ident's output, up to the first space outside quotes."""
    parts: list[str] = []
    cur: list[str] = []
    i, quoted = 0, False
    while i < len(name):
        ch = name[i]
        if quoted:
            if ch == '"' and name[i + 1 : i + 2] == '"':
                cur.append('"')
                i += 1
            elif ch == '"':
                quoted = False
            else:
                cur.append(ch)
        elif ch == '"':
            quoted = True
        elif ch == ".":
            parts.append("".join(cur))
            cur = []
        elif ch == "(":
            cur.append(name[i:])
            break
        elif ch == " ":  # what follows a name (a publication's column list, …) is not part of it
            break
        else:
            cur.append(ch)
        i += 1
    parts.append("".join(cur))
    return parts


def repaired(fp: Fingerprint) -> Fingerprint:
    """`fp` with its INVALID indexes (left by a failed concurrent build) valid: what a plan that
    rebuilds them leaves behind, and what its rollback restores."""
    objects = tuple(
        ObjectDef(o.kind, o.name, o.definition.removesuffix(" INVALID")) if o.kind == "index" else o for o in fp.objects
    )
    objects = tuple(sorted(objects, key=lambda o: (o.kind, o.name, o.definition)))
    return Fingerprint(_digest(objects), objects)


def of_objects(objects: Iterable[ObjectDef]) -> Fingerprint:
    """The fingerprint of these rows (as `fingerprint` sorts and digests them)."""
    ordered = tuple(sorted(objects, key=lambda o: (o.kind, o.name, o.definition)))
    return Fingerprint(_digest(ordered), ordered)


def _digest(objects: tuple[ObjectDef, ...]) -> str:
    h = hashlib.sha256()
    for o in objects:
        h.update(f"{o.kind}\t{o.name}\t{o.definition}\n".encode())
    return "sha256:" + h.hexdigest()


def parent_of(name: str) -> str:
    """`public."t.x"."a.b"` -> `public."t.x"`: a quoted name without its last part (dots inside
    quotes belong to the name: a column may be called "a.b")."""
    if '"' not in name:
        return name[: max(name.rfind("."), 0)]
    cut, quoted = 0, False
    for i, ch in enumerate(name):
        if ch == '"':
            quoted = not quoted  # a doubled quote toggles twice
        elif ch == "." and not quoted:
            cut = i
    return name[:cut]


# A column's "NOT NULL CONSTRAINT <name>" (PostgreSQL 18 names NOT NULL constraints; quote_ident's name).
_NOT_NULL_NAME = re.compile(r'NOT NULL CONSTRAINT (?:"(?:[^"]|"")*"|\S+)')


def without_not_null_name(definition: str) -> str:
    """A column's description with its NOT NULL constraint's name left out."""
    return _NOT_NULL_NAME.sub("NOT NULL", definition)


def table_of(change: ObjectChange) -> str | None:
    return parent_of(change.name) if change.kind in TABLE_PARTS else None


def fold_parts(changes: tuple[ObjectChange, ...]) -> tuple[ObjectChange, ...]:
    """Leave out the parts of tables that are added or removed whole (the table line says it all)."""
    whole = {(c.name, c.change) for c in changes if c.kind in ("table", "foreign table")}
    return tuple(c for c in changes if (table_of(c), c.change) not in whole)


def compare(target: Fingerprint, desired: Fingerprint) -> tuple[ObjectChange, ...]:
    """Objects that differ, in a stable order: what the target has vs what is desired."""
    a, b = target.by_key(), desired.by_key()
    out = []
    for key in sorted(a.keys() | b.keys()):
        before, after = a.get(key), b.get(key)
        if before and after and before.definition == after.definition:
            continue
        change = "added" if before is None else "removed" if after is None else "changed"
        out.append(
            ObjectChange(
                key[0], key[1], change, before.definition if before else None, after.definition if after else None
            )
        )
    return tuple(out)
