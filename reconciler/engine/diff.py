"""The diff engine: the one module that imports migra, schemainspect and sqlbag.

migra is frozen upstream; swapping the engine must touch this file only. Each side is inspected
once and the inspections are reused for the forward and the rollback diff (the rollback is the
same comparison with the sides swapped). Where PostgreSQL refuses what migra emits, the
inspections are adjusted before migra reads them (dependents re-created, drop/create spans
nested; partitions' keys, indexes and constraints before their parents', which take them over).
Imports `db`, `errors`, `fingerprint`, `model`, `sql` (constraints, guard, idempotent, indexes,
order), `supplement`.
"""

from __future__ import annotations

import contextlib
import contextvars
import copy
import inspect as pyinspect
import itertools
import os
import pickle
import re
import sqlite3
import sys
import threading
import warnings
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextvars import ContextVar
from dataclasses import dataclass, field, fields, replace
from importlib import metadata
from operator import itemgetter
from pathlib import Path
from types import FrameType, ModuleType, SimpleNamespace
from typing import Any

from ..core import progress
from ..core.errors import DatabaseError
from ..core.model import OLD_SUFFIX, SchemaFilter
from ..pg.db import Dsn, connection, execute, fetch_all, query, redact
from ..sql.constraints import same_but_validity
from ..sql.created import created as created_object
from ..sql.guard import guarded, guarded_block, ident, literal, regclass, text_array
from ..sql.idempotent import partition_bound_guard
from ..sql.identifiers import qualified, qualified_names, quote_ident
from ..sql.indexes import without_only
from ..sql.order import Facts, Key, User, order
from .fingerprint import INSPECT_SETTINGS
from .supplement import (
    ENGINE_RECREATED,
    ENGINE_RECREATED_CATALOG,
    ENGINE_RECREATED_TYPES,
    ENGINE_SWAPPED_TYPES,
    Catalog,
    domains,
    identity_serial,
    not_null_names,
    read_catalog,
    record_catalog,
    replay_catalog,
    table_options,
)
from .supplement import statements as supplementary_statements


@contextlib.contextmanager
def _frames_only_stack() -> Iterator[None]:
    """schemainspect finds the module that loads each of its .sql files with `inspect.stack()`,
    which reads the source lines of every frame: ~2 s of every command's start-up (bench). Its
    caller only needs the frames."""
    full = pyinspect.stack

    def frames(context: int = 1) -> list[tuple[FrameType]]:
        out, frame = [], sys._getframe(1)
        while frame is not None:
            out.append((frame,))
            frame = frame.f_back  # type: ignore[assignment]
        return out

    pyinspect.stack = frames  # type: ignore[assignment]
    try:
        yield
    finally:
        pyinspect.stack = full


@contextlib.contextmanager
def _light_pkg_resources() -> Iterator[None]:
    """schemainspect imports pkg_resources (70 ms of every command's start-up, and a warning under
    setuptools>=67) for one function, `resource_stream`, that reads its own .sql files: while it is
    imported, a module with that function alone stands in (unless pkg_resources is loaded already)."""
    if "pkg_resources" in sys.modules:
        yield
        return

    def resource_stream(module: str, path: str) -> Any:
        """pkg_resources' meaning: `path` in the folder of the module named (being imported);
        the caller closes it."""
        return open(Path(str(sys.modules[module].__file__)).parent / path, "rb")

    shim = ModuleType("pkg_resources")
    shim.resource_stream = resource_stream  # type: ignore[attr-defined]
    sys.modules["pkg_resources"] = shim
    try:
        yield
    finally:
        if sys.modules.get("pkg_resources") is shim:
            del sys.modules["pkg_resources"]


with warnings.catch_warnings(), _frames_only_stack(), _light_pkg_resources():
    warnings.simplefilter("ignore")
    import migra.changes
    import migra.statements
    from migra import Migration
    from schemainspect.inspected import ColumnInfo
    from schemainspect.misc import quoted_identifier
    from schemainspect.pg import obj as _pg_obj
    from schemainspect.pg.obj import InspectedConstraint, InspectedEnum, InspectedFunction, InspectedSelectable

# schemainspect leaves out every function in C or internal (it takes them for the server's or a
# library's): a user's own, outside extensions, is schema/'s like any other (a transform's functions
# take `internal`, which only C and internal functions may; LANGUAGE internal over a built-in symbol).
# Those PostgreSQL makes itself stay out: a range type's constructors (CREATE TYPE … AS RANGE makes
# them, and creating one first would leave a shell type in the range's way).
_SKIP_C_AND_INTERNAL = "-- SKIP_INTERNAL and p.external_language not in ('C', 'INTERNAL')"
_SKIP_GENERATED = (
    "and not exists (select from pg_depend d where d.classid = 'pg_proc'::regclass "
    "and d.objid = p.oid and d.deptype = 'i')"
)
assert _SKIP_C_AND_INTERNAL in _pg_obj.FUNCTIONS_QUERY, "schemainspect's functions query changed"
_pg_obj.FUNCTIONS_QUERY = _pg_obj.FUNCTIONS_QUERY.replace(_SKIP_C_AND_INTERNAL, _SKIP_GENERATED)

# schemainspect reads a table's parent with a scalar subquery over pg_inherits, which fails on a
# table with two parents (INHERITS (a, b)): it reads the first (by inhseqno), and `_inspect` adds
# the others (`parents`).
_ONE_PARENT = "where child.oid = c.oid)"
assert _pg_obj.ALL_RELATIONS_QUERY.count(_ONE_PARENT) == 1, "schemainspect's relations query changed"
_pg_obj.ALL_RELATIONS_QUERY = _pg_obj.ALL_RELATIONS_QUERY.replace(
    _ONE_PARENT, "where child.oid = c.oid order by pg_inherits.inhseqno limit 1)"
)

# schemainspect writes enum labels between quotes without doubling the quotes inside them
# (`'it's'`): a label is a string literal like any other.
InspectedEnum.quoted_elements = property(lambda self: ", ".join(_literal(e) for e in self.elements))

_can_replace = InspectedFunction.can_replace


def _function_can_replace(self: Any, other: Any) -> bool:
    # CREATE OR REPLACE cannot change a function's return type or turn a function into a
    # procedure ("cannot change return type of existing function"): migra must drop and create.
    if (self.result_string, self.kind) != (other.result_string, other.kind):
        return False
    return bool(_can_replace(self, other))


InspectedFunction.can_replace = _function_can_replace

_function_eq = InspectedFunction.__eq__


def _function_equal(self: Any, other: Any) -> bool:
    # schemainspect compares prosrc (empty for a SQL-standard BEGIN ATOMIC body) and neither
    # PARALLEL, COST, ROWS, LEAKPROOF nor SET: pg_get_functiondef prints them all, so a routine
    # that changes only those is replaced too (CREATE OR REPLACE keeps its OID, grants, dependents).
    return bool(_function_eq(self, other)) and self.full_definition == other.full_definition


InspectedFunction.__eq__ = _function_equal


def _parents(table: Any) -> tuple[str, ...]:
    """A table's parents (quoted qualified names) in INHERITS order: one for a partition."""
    parent = getattr(table, "parent_table", None)
    return tuple(getattr(table, "parents", None) or ((parent,) if parent else ()))


def _inherit_statement(child: str, parent: str) -> str:
    return f"alter table {child} inherit {parent};"


def _no_inherit_statement(child: str, parent: str) -> str:
    return f"alter table {child} no inherit {parent};"


def _parent_changes(old: Any, new: Any) -> tuple[list[str], list[str]]:
    """(NO INHERIT / DETACH, INHERIT / ATTACH) turning `old`'s parents into `new`'s. An inheritance
    child keeps the parents it has in the order it wants them (NO INHERIT keeps the others' order,
    INHERIT appends): the longest prefix of the wanted ones that it has in that order stays."""
    if old.partition_def or new.partition_def:
        if old.parent_table == new.parent_table:
            return [], []
        detach = [str(old.detach_statement).strip()] if old.parent_table else []
        return detach, [str(new.attach_statement).strip()] if new.parent_table else []
    have, want = _parents(old), _parents(new)
    kept, at = 0, 0
    for parent in want:
        if parent not in have[at:]:
            break
        at = have.index(parent, at) + 1
        kept += 1
    stays = want[:kept]
    child = new.quoted_full_name
    # One that is inherited again after (to come after others) is let go only while the parents
    # are not in the wanted order yet: on a re-run it has its place (INHERIT's own guard holds).
    out_of_order = (
        "ARRAY(SELECT i.inhparent::pg_catalog.regclass FROM pg_catalog.pg_inherits i "
        f"WHERE i.inhrelid = {regclass(child)} ORDER BY i.inhseqno) IS DISTINCT FROM "
        f"ARRAY[{', '.join(regclass(p) for p in want)}]"
    )
    detach = [
        _no_inherit_statement(child, p)
        if p not in want
        else guarded(
            "EXISTS (SELECT FROM pg_catalog.pg_inherits i "
            f"WHERE i.inhrelid = {regclass(child)} AND i.inhparent = {regclass(p)}) AND {out_of_order}",
            _no_inherit_statement(child, p).rstrip(";"),
        )
        for p in have
        if p not in stays
    ]
    return detach, [_inherit_statement(child, p) for p in want[kept:]]


def _attach_detach_statements(self: Any, before: Any) -> list[str]:
    detach, attach = _parent_changes(before, self)
    return [*detach, *attach]


InspectedSelectable.attach_detach_statements = _attach_detach_statements

_selectable_eq = InspectedSelectable.__eq__


def _selectable_equal(self: Any, other: Any) -> bool:
    # schemainspect compares the first parent only (`parents` holds them all).
    return bool(_selectable_eq(self, other)) and _parents(self) == _parents(other)


InspectedSelectable.__eq__ = _selectable_equal

_get_table_changes = migra.changes.get_table_changes


def _table_changes(tables_from: Any, tables_target: Any, *args: Any, **kwargs: Any) -> Any:
    # migra writes INHERIT / NO INHERIT only where the (first) parent changes: a table that gains
    # or loses another parent gets them here (`_attachments_around_constraints` places them).
    statements = _get_table_changes(tables_from, tables_target, *args, **kwargs)
    for key, new in tables_target.items():
        old = tables_from.get(key)
        if old is None or old.parent_table != new.parent_table or _parents(old) == _parents(new):
            continue
        if old.is_partitioned == new.is_partitioned:
            statements += new.attach_detach_statements(old)
    return statements


migra.changes.get_table_changes = _table_changes


def _attach_statement(self: Any) -> str | None:
    # schemainspect's reads a `partition_spec` it never sets and swaps the parent and the
    # partition: ATTACH PARTITION is an ALTER of the parent.
    if not self.parent_table:
        return None
    if self.partition_def:
        return f"alter table {self.parent_table} attach partition {self.quoted_full_name} {self.partition_def};"
    return f"alter table {self.quoted_full_name} inherit {self.parent_table};"


InspectedSelectable.attach_statement = property(_attach_statement)


def _alter_rls_statement(self: Any) -> str:
    # schemainspect refuses every ALTER of a partition (NotImplementedError: its columns are
    # the parent's), but a partition's row level security is its own.
    return f"alter table {self.quoted_full_name} {self.alter_rls_clause};"


InspectedSelectable.alter_rls_statement = property(_alter_rls_statement)

_create_statement = InspectedSelectable.create_statement.fget


def _create_statement_of_sub_partitions(self: Any) -> str:
    # A partition that is partitioned itself: schemainspect has its bound where the key would be.
    key = getattr(self, "sub_partition_key", None)
    if self.relationtype == "p" and self.parent_table and key:
        return (
            f"create {self.persistence_modifier}table {self.quoted_full_name} partition of {self.parent_table} "
            f"{self.partition_def} partition by {key};\n"
        )
    if len(parents := _parents(self)) > 1 and not self.partition_def:
        # INHERITS (a, b): schemainspect prints its one parent in the list.
        every = copy.copy(self)
        every.parent_table = ", ".join(parents)
        return str(_create_statement(every))
    return str(_create_statement(self))


InspectedSelectable.create_statement = property(_create_statement_of_sub_partitions)

_creation_clause = ColumnInfo.creation_clause.fget


def _creation_clause_with_collation(self: Any) -> str:
    # migra's CREATE TABLE leaves out the columns' COLLATE (only ADD COLUMN and ALTER … TYPE
    # have it): the clause goes right after the type.
    clause = str(_creation_clause(self))
    head = f"{self.quoted_name} {self.dbtypestr}"
    if not self.collation or not clause.startswith(head):
        return clause
    return f"{head}{self.collation_subclause}{clause[len(head) :]}"


ColumnInfo.creation_clause = property(_creation_clause_with_collation)

# Schema of each user collation (by name) of the diff in progress, set by `statements`.
_COLLATION_SCHEMAS: ContextVar[dict[str, str] | None] = ContextVar("_COLLATION_SCHEMAS", default=None)


def _collation_subclause(self: Any) -> str:
    # migra prints the bare name, which resolves only where the plan's search_path reaches:
    # a user collation is qualified (built-in ones live in pg_catalog, always on the path).
    if not self.collation:
        return ""
    schema = (_COLLATION_SCHEMAS.get() or {}).get(self.collation)
    return f" collate {ident(schema) + '.' if schema else ''}{ident(self.collation)}"


ColumnInfo.collation_subclause = property(_collation_subclause)
ColumnInfo.add_column_clause = property(lambda self: f"add column {self.creation_clause}")

_alter_clauses = ColumnInfo.alter_clauses


def _alter_clauses_default_around_type(self: Any, other: Any) -> list[str]:
    # ALTER … TYPE casts the column's default to the new type and fails where no assignment
    # cast exists ('{}'::text to jsonb); migra sets the new default first, which fails the same
    # way the other way round (also where the column had none: '' is no integer). A default that
    # changes with the type is dropped before the type changes and set after it.
    clauses = list(_alter_clauses(self, other))
    typed = self.dbtypestr != other.dbtypestr or self.collation != other.collation
    if not typed or self.default == other.default or self.is_generated or other.is_generated:
        return clauses
    default = self.alter_default_clause_or_generated(other)
    rest = [c for c in clauses if c != default]
    drop = [f"alter column {self.quoted_name} drop default"] if other.default else []
    return [*drop, *rest, *([default] if self.default else [])]


ColumnInfo.alter_clauses = _alter_clauses_default_around_type

_alter_data_type_clause = ColumnInfo.alter_data_type_clause.fget


def _alter_data_type_clause_no_truncation(self: Any) -> str:
    # migra re-types with `USING col::newtype`: an explicit cast to a length-limited character type
    # truncates what does not fit, silently (data lost without permission). Without USING the
    # assignment cast (which every type has to a string type) fails on a value that does not fit.
    if _TRUNCATING_TYPE.match(str(self.dbtypestr)):
        return f"alter column {self.quoted_name} set data type {self.dbtypestr}{self.collation_subclause}"
    return str(_alter_data_type_clause(self))


_TRUNCATING_TYPE = re.compile(r"^(?:character varying|varchar|character|char|bpchar)\s*\(\d+\)$")
ColumnInfo.alter_data_type_clause = property(_alter_data_type_clause_no_truncation)

# Statements that run inside migra's enum re-creation, after the new type exists and before the
# old one is dropped (array columns of the enum), set by `statements` for one diff at a time.
_ENUM_EXTRA: ContextVar[tuple[str, ...]] = ContextVar("_ENUM_EXTRA", default=())
_get_enum_modifications = migra.changes.get_enum_modifications


def _enum_modifications(*args: Any, return_tuple: bool = False, **kwargs: Any) -> Any:
    pre, post = _get_enum_modifications(*args, return_tuple=True, **kwargs)
    tables_from, tables_target = [*args, kwargs.get("tables_from"), kwargs.get("tables_target")][:2]
    inherited = _inherited_recasts(tables_from or {}, tables_target or {})
    post = type(post)([*_ENUM_EXTRA.get(), *(sql for sql in post if sql not in inherited)])
    return (pre, post) if return_tuple else pre + post


def _inherited_recasts(tables_from: Any, tables_target: Any) -> set[str]:
    """migra's re-typing of a partition's or an inheritance child's column of a re-created enum
    where its parent has the column: PostgreSQL refuses it ("cannot alter inherited column"), the
    parent's recurses to it."""
    out = set()
    for key, new in tables_target.items():
        old = tables_from.get(key)
        parent = tables_from.get(getattr(old, "parent_table", None) or "")
        if old is None or parent is None:
            continue
        for name, c in new.columns.items():
            if name in parent.columns and name in old.columns and c.is_enum:
                out.add(str(c.change_enum_statement(new.quoted_full_name)))
    return out


migra.changes.get_enum_modifications = _enum_modifications

_statements_from_differences = migra.changes.statements_from_differences


def _drop_order(removed: Any, modified: Any, replaceable: set[Any], dependency_ordering: bool) -> list[Any]:
    """The keys migra's `statements_from_differences` drops, in the order it drops them."""
    pending = set(removed) | (set(modified) - replaceable)
    order: list[Any] = []
    while pending:
        before = set(pending)
        for items in (removed, modified):
            for k, v in items.items():
                if k in pending and not (dependency_ordering and set(v.dependents) & pending):
                    order.append(k)
                    pending.remove(k)
        if pending == before:
            break
    return order


def _statements_from_differences_nested(
    added: Any,
    removed: Any,
    modified: Any,
    replaceable: Any = None,
    creations_only: bool = False,
    dependency_ordering: bool = False,
    old: Any = None,
    **kwargs: Any,
) -> Any:
    """migra's, except that what is dropped and created again is created in reverse drop order.

    The re-run guards prove a drop silent only when the drop/create spans nest (a drop whose
    object is created again before another one inside its span is re-created counts as work):
    creating in reverse drop order nests them. Dependencies still come first.
    """
    plain = kwargs.get("modifications", True) and not kwargs.get("modifications_as_alters")
    if not creations_only or not plain or kwargs.get("drops_only") or kwargs.get("modifications_only"):
        return _statements_from_differences(
            added,
            removed,
            modified,
            replaceable=replaceable,
            creations_only=creations_only,
            dependency_ordering=dependency_ordering,
            old=old,
            **kwargs,
        )
    dropped = _drop_order(removed, modified, set(replaceable or ()), dependency_ordering)
    rank = {k: i for i, k in enumerate(dropped)}
    things = {**added, **modified}
    pending = set(things)
    statements = migra.statements.Statements()
    while pending:
        ready = sorted(k for k in pending if not (dependency_ordering and set(things[k].dependent_on) & pending))
        if not ready:
            raise ValueError("cannot resolve dependencies")  # as migra: a cycle
        free = [k for k in ready if k not in rank]
        k = free[0] if free else max(ready, key=rank.__getitem__)
        v = things[k]
        statements += v.safer_create_statements if hasattr(v, "safer_create_statements") else [v.create_statement]
        pending.remove(k)
    return statements


migra.changes.statements_from_differences = _statements_from_differences_nested


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
    deps: tuple[Dep, ...] = ()  # pg_depend edges (queries/dependents.sql)
    not_valid: frozenset[tuple[str, str, str]] = frozenset()  # (schema, table, constraint)
    attached_indexes: frozenset[tuple[str, str]] = frozenset()  # partition indexes (schema, name)
    # (schema, table, constraint) a child holds only through its parent -> the parent's constraint
    inherited: tuple[tuple[tuple[str, str, str], tuple[str, str, str]], ...] = ()
    index_parents: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = ()  # attached index -> its parent's
    inherited_columns: frozenset[tuple[str, str, str]] = frozenset()  # an inheritance child's, not its own


Owner = tuple[str, str]  # (schema, name) of a relation, type or routine


@dataclass(frozen=True, slots=True)
class Edges:
    """One side's dependency edges by owner (`read_dependencies`): (schema, owner, kind, index name,
    ref_kind, ref_schema, ref_name), and (child, parent) inheritance."""

    links: tuple[tuple[str, str, str, str | None, str, str, str], ...]
    inheritance: tuple[tuple[Owner, Owner], ...]


def read_dependencies(
    dsn: Dsn,
    schema_filter: SchemaFilter,
    *,
    watch: Callable[[Any], contextlib.AbstractContextManager[None]] | None = None,
) -> tuple[Edges, tuple[Dep, ...]]:
    """One side's dependency edges read whole, once: the edges by owner that an incremental
    inspection's restriction (`closure.restriction`) follows, and the rows they are folded from
    (what `inspect(deps=…)` keeps of them for the objects it reads, without reading them again).
    `watch(conn)`: held while the connection is in use (what may cancel its queries; it may close it)."""
    with connection(dsn, purpose="inspect") as conn, (watch or _unwatched)(conn):
        execute(conn, DEPENDENTS_SESSION)
        rows = fetch_all(conn, query("dependents"))
        parents = fetch_all(conn, query("inheritance"))
    deps = _managed_deps(rows, schema_filter)
    del rows
    inheritance = tuple(((sys.intern(a), sys.intern(b)), (sys.intern(c), sys.intern(d))) for a, b, c, d, _ in parents)
    # folded to one row per owner, kind and referenced object; an index keeps its name (a foreign
    # key references it)
    links = tuple(dict.fromkeys(_link(d) for d in deps))
    return Edges(links, inheritance), deps


def _unwatched(conn: Any) -> contextlib.AbstractContextManager[None]:
    return contextlib.nullcontext()


def _link(d: Dep) -> tuple[str, str, str, str | None, str, str, str]:
    index = d.name if d.kind == "index" else None
    return *d.owner, d.kind, index, d.ref_kind, *d.ref_owner


def _managed_deps(rows: Iterable[tuple[Any, ...]], schema_filter: SchemaFilter) -> tuple[Dep, ...]:
    """queries/dependents.sql's rows of managed schemas (the same names over and over: one string each)."""
    return tuple(Dep(*_interned(r)) for r in rows if schema_filter.manages(r[1]))


def _interned(row: tuple[Any, ...]) -> Any:
    return [sys.intern(v) if isinstance(v, str) else v for v in row]


def _deps_of(deps: Iterable[Dep], only: frozenset[Owner]) -> tuple[Dep, ...]:
    """The rows whose dependent or referenced object is read (what `_dependents(only)` selects)."""
    return tuple(d for d in deps if d.owner in only or d.ref_owner in only)


def inspect(
    dsn: Dsn,
    schema_filter: SchemaFilter,
    where: str,
    *,
    only: frozenset[Owner] | None = None,
    deps: tuple[Dep, ...] | None = None,
) -> Inspection:
    """The diff engine's view of a database. `only`: the relations, types and routines to read
    (by schema and name; `closure.restriction`): the engine's catalog queries are filtered to
    them on the server (schemas, extensions and collations are read whole); None reads all.
    `deps`: the database's dependency rows as `read_dependencies` read them (not read again)."""
    label = f"inspecting the {where} database" + (f" ({len(only)} objects)" if only is not None else "")
    with progress.step(label):
        return _inspect(dsn, schema_filter, where, only, deps)


# The inspection's catalog queries join many catalogs; on large catalogs the planner's nested
# loops (row estimates off after autovacuum re-analyses them) made it slower: 2,000 tables, 8.0-8.5 s
# with nested loops, 5.2-6.1 s without (bench). The fingerprint query is faster with them: not here.
INSPECT_SESSION = INSPECT_SETTINGS + "; SET enable_nestloop = off"
# The dependents query without parallel workers: at 20,000 tables (bench) its parallel plan took
# 42 s alone and 150 s beside other work (a parallel hash join over pg_depend), 6.4 s without; at
# 10,000 tables the parallel plan was faster (2.1 s, 3.4 s without), at 5,000 and below there is none.
DEPENDENTS_SESSION = INSPECT_SESSION + "; SET max_parallel_workers_per_gather = 0"


def with_extension_versions(inspection: Inspection, versions: dict[str, str]) -> Inspection:
    """`inspection` with these extensions (name -> version) at other versions: what a rollback
    that cannot update an extension back is diffed against (it leaves the version alone)."""
    inspector = copy.copy(inspection.inspector)
    extensions = type(inspector.extensions)()
    for key, ext in inspector.extensions.items():
        if ext.name in versions:
            ext = copy.copy(ext)
            ext.version = versions[ext.name]
        extensions[key] = ext
    inspector.extensions = extensions
    return replace(inspection, inspector=inspector)


def _inspect(
    dsn: Dsn, schema_filter: SchemaFilter, where: str, only: frozenset[Owner] | None, deps: tuple[Dep, ...] | None
) -> Inspection:
    # The supplement's catalog and the extras are read on connections of their own meanwhile (the
    # server's second core).
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="reconcile-catalog") as pool:
        catalog = pool.submit(contextvars.copy_context().run, read_catalog, dsn, schema_filter, only)
        extras_read = pool.submit(_read_extras, dsn, schema_filter, only, deps)
        try:
            with connection(dsn, purpose="inspect") as conn:
                execute(conn, INSPECT_SESSION)
                inspector = _Restricted(_DirectConnection(conn), only)
        except Exception as exc:
            raise DatabaseError(f"inspecting the {where} database failed: {redact(str(exc).strip())}") from None
        extras, read = extras_read.result()
        return _assembled(inspector, extras, read, catalog.result(), schema_filter, where)


@dataclass(frozen=True, slots=True)
class _Extras:
    """What an inspection reads besides the engine's catalog queries (whole: a few rows per object)."""

    parents: tuple[tuple[str, str, str, str], ...]  # children of several parents: `_several_parents`
    not_valid: frozenset[tuple[str, str, str]]
    derived: frozenset[tuple[str, str, str]]
    index_parents: tuple[tuple[tuple[str, str], tuple[str, str]], ...]
    sub_partitions: tuple[tuple[str, str, str], ...]
    inherited: tuple[tuple[tuple[str, str, str], tuple[str, str, str]], ...]
    inherited_columns: frozenset[tuple[str, str, str]]


def _dependents(only: frozenset[Owner] | None) -> tuple[str, dict[str, Any] | None]:
    """The dependents query, restricted to the rows whose dependent or referenced object is read."""
    if only is None:
        return query("dependents"), None
    body = query("dependents").strip().rstrip(";").replace("%", "%%")
    test = "pg_catalog.format('%%I.%%I', {}, {}) = ANY(%(only)s::text[])"
    cond = f"{test.format('d.schema', 'coalesce(d.table_name, d.name)')} OR {test.format('d.ref_schema', 'd.ref_name')}"
    names = sorted(qualified(s, n) for s, n in only)
    return f"SELECT * FROM ({body}\n) AS d WHERE {cond} ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9", {"only": names}


def _several_parents(rows: Iterable[tuple[Any, ...]]) -> tuple[tuple[str, str, str, str], ...]:
    """The inheritance children (not partitions) of more than one parent, with their parents in
    INHERITS order (queries/inheritance.sql's rows)."""
    edges = [(str(a), str(b), str(c), str(d)) for a, b, c, d, partition in rows if not partition]
    count: dict[tuple[str, str], int] = {}
    for a, b, _, _ in edges:
        count[(a, b)] = count.get((a, b), 0) + 1
    return tuple(e for e in edges if count[(e[0], e[1])] > 1)


def _read_extras(
    dsn: Dsn, schema_filter: SchemaFilter, only: frozenset[Owner] | None, known: tuple[Dep, ...] | None = None
) -> tuple[_Extras, tuple[Dep, ...]]:
    """The extras and the dependency rows (of `only`): from `known` (all of them) when given."""
    with connection(dsn, purpose="inspect") as conn:
        execute(conn, DEPENDENTS_SESSION)
        parents = _several_parents(fetch_all(conn, query("inheritance")))
        if known is None:
            deps = _managed_deps(fetch_all(conn, *_dependents(only)), schema_filter)
        else:
            deps = known if only is None else _deps_of(known, only)
        not_valid = frozenset((str(a), str(b), str(c)) for a, b, c in fetch_all(conn, query("not_valid_constraints")))
        derived = frozenset((str(a), str(b), str(c)) for a, b, c in fetch_all(conn, query("derived_foreign_keys")))
        index_parents = tuple(((r[0], r[1]), (r[2], r[3])) for r in fetch_all(conn, query("attached_indexes")))
        sub_partitions = tuple((str(a), str(b), str(c)) for a, b, c in fetch_all(conn, query("sub_partitions")))
        inherited = tuple(
            ((r[0], r[1], r[2]), (r[3], r[4], r[5])) for r in fetch_all(conn, query("inherited_constraints"))
        )
        inherited_columns = frozenset(
            (str(a), str(b), str(c)) for a, b, c in fetch_all(conn, query("inherited_columns"))
        )
    extras = _Extras(parents, not_valid, derived, index_parents, sub_partitions, inherited, inherited_columns)
    return extras, deps


def _assembled(
    inspector: Any, extras: _Extras, deps: tuple[Dep, ...], catalog: Catalog, schema_filter: SchemaFilter, where: str
) -> Inspection:
    _with_every_parent(inspector, extras.parents)
    # Detached from its closed connection: nothing after loading uses it, and without it the
    # inspection can be cached (cache.DesiredSide). "postgresql" is schemainspect's own no-engine value.
    inspector.c, inspector.engine, inspector.dialect = None, None, "postgresql"
    _filter(inspector, schema_filter)
    if extras.derived:
        inspector.constraints = type(inspector.constraints)(
            (k, c) for k, c in inspector.constraints.items() if (c.schema, c.table_name, c.name) not in extras.derived
        )
    for schema, name, key in extras.sub_partitions:
        table = inspector.relations.get(f"{quoted_identifier(schema)}.{quoted_identifier(name)}")
        if table is not None:
            table.sub_partition_key = key
    attached = frozenset(child for child, _ in extras.index_parents)
    _without_enum_domains(inspector, catalog)
    return Inspection(
        inspector,
        catalog,
        where,
        deps,
        extras.not_valid,
        attached,
        extras.inherited,
        extras.index_parents,
        extras.inherited_columns,
    )


# Which columns of each of schemainspect's catalog queries name the object a row belongs to: the
# restricted inspection keeps the rows whose (schema, name) it reads. Unlisted queries (schemas,
# extensions, collations) are read whole.
_ROW_OWNERS = {
    "ALL_RELATIONS_QUERY": (("schema", "name"),),
    "INDEXES_QUERY": (("schema", "table_name"),),
    "SEQUENCES_QUERY": (("schema", "name"), ("schema", "table_name")),
    "CONSTRAINTS_QUERY": (("schema", "table_name"),),
    "FUNCTIONS_QUERY": (("schema", "name"),),
    "TYPES_QUERY": (("schema", "name"),),
    "DOMAINS_QUERY": (("schema", "name"),),
    "ENUMS_QUERY": (("schema", "name"),),
    "PRIVILEGES_QUERY": (("schema", "name"),),
    "TRIGGERS_QUERY": (("schema", "table_name"),),
    "RLSPOLICIES_QUERY": (("schema", "table_name"),),
}
# A view's dependency is kept when both ends are read (schemainspect resolves each it reads).
_DEPS_ENDS = (("schema", "name"), ("schema_dependent_on", "name_dependent_on"))


def _owned_by(columns: tuple[tuple[str, str], ...], *, every: bool = False) -> str:
    tests = [
        f"pg_catalog.format('%I.%I', reconcile_only.{s}, reconcile_only.{n}) = ANY(CAST(:reconcile_only AS text[]))"
        for s, n in columns
    ]
    return (" AND " if every else " OR ").join(f"({t})" for t in tests)


def _query_name(inspector: Any, q: Any) -> str | None:
    """Which of schemainspect's catalog queries `q` is (they are attributes of the inspector)."""
    for attr in (*_ROW_OWNERS, "DEPS_QUERY", "SCHEMAS_QUERY", "EXTENSIONS_QUERY", "COLLATIONS_QUERY"):
        if q is getattr(inspector, attr, None):
            return attr
    return None


def _owners_of(attr: str) -> tuple[tuple[str, str], ...]:
    return _DEPS_ENDS if attr == "DEPS_QUERY" else _ROW_OWNERS.get(attr, ())


class _Restricted(_pg_obj.PostgreSQL):  # type: ignore[misc]
    """schemainspect's PostgreSQL inspector reading only the rows of some objects: each catalog
    query is wrapped in a filter on its owner columns (PostgreSQL pushes it down to the catalog
    scans, so what is left out is neither printed nor sent), keeping the query's own order.
    With `store` (a `StoredSide`'s rows), the same rows come from the file instead."""

    def __init__(self, c: Any, only: frozenset[Owner] | None, store: sqlite3.Connection | None = None) -> None:
        self._only = None if only is None else sorted(qualified(s, n) for s, n in only)
        self._store = store
        super().__init__(c)

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        q = args[0]
        attr = _query_name(self, q)
        if self._store is not None:
            return _stored_rows(self._store, attr or "", self._only)
        columns = _owners_of(attr or "")
        if self._only is None or not columns:
            return super().execute(*args, **kwargs)
        cond = _owned_by(columns, every=attr == "DEPS_QUERY")
        body = q.text.strip().rstrip(";")
        # the same kind of clause (SQLAlchemy's text(), as schemainspect made it)
        wrapped = type(q)(f"SELECT * FROM ({body}\n) AS reconcile_only WHERE {cond}")
        return self.c.execute(wrapped, {"reconcile_only": self._only})


class _Recording(_pg_obj.PostgreSQL):  # type: ignore[misc]
    """Runs schemainspect's catalog queries and writes their rows to `store` (each with the
    object it belongs to), streamed from the server; inspects nothing (every query reads empty)."""

    def __init__(self, c: Any, store: sqlite3.Connection) -> None:
        self._store = store
        super().__init__(c)

    def execute(self, *args: Any, **kwargs: Any) -> Any:
        attr = _query_name(self, args[0])
        if attr is None:
            raise DatabaseError("schemainspect ran a catalog query the row store does not know")
        names, parts = self.c.stream(*args, **kwargs)
        self._store.execute("INSERT INTO meta VALUES (?, ?)", (attr, pickle.dumps(names)))
        ends = [tuple(names.index(c) for c in pair) for pair in _owners_of(attr)]

        def keys(row: Any) -> list[str | None]:
            found = [qualified(row[i], row[j]) if row[i] is not None and row[j] is not None else None for i, j in ends]
            return [*found, None, None][:2]

        for part in parts:
            self._store.executemany(
                "INSERT INTO rows (query, k1, k2, data) VALUES (?, ?, ?, ?)",
                ((attr, *keys(row), pickle.dumps(tuple(row), protocol=pickle.HIGHEST_PROTOCOL)) for row in part),
            )
        return []


_STORE_TABLES = (
    "CREATE TABLE rows (seq INTEGER PRIMARY KEY, query TEXT NOT NULL, k1 TEXT, k2 TEXT, data BLOB NOT NULL)",
    "CREATE TABLE meta (name TEXT PRIMARY KEY, data BLOB NOT NULL)",
    "CREATE TABLE deps (seq INTEGER PRIMARY KEY, k1 TEXT, k2 TEXT, data BLOB NOT NULL)",
)
_STORE_INDEXES = (
    "CREATE INDEX rows_k1 ON rows (query, k1)",
    "CREATE INDEX rows_k2 ON rows (query, k2)",
    "CREATE INDEX deps_k1 ON deps (k1)",
    "CREATE INDEX deps_k2 ON deps (k2)",
)


class _DirectConnection:
    """What schemainspect asks of a connection, on psycopg2 itself: its catalog queries (SQLAlchemy
    text() clauses, `:name` parameters) and the server's version. Without an engine, SQLAlchemy's
    PostgreSQL dialect is never imported (0.3 s of a plan's time); its rows are read by column name
    as the cache's stored rows are, and the columns' Python types it would add are compared by
    nothing (schemainspect's equality leaves them out; a stored side has none)."""

    # SQLAlchemy's bind parameter in text(): `:name`, not `::type` nor `\:`.
    _BIND = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")

    def __init__(self, conn: Any) -> None:
        self._conn = conn
        self._cursors = itertools.count()
        self.dialect = SimpleNamespace(server_version_info=(conn.server_version // 10000,))

    def execute(self, clause: Any, params: dict[str, Any] | None = None) -> list[Any]:
        with self._conn.cursor() as cur:
            cur.execute(self._text(clause, params), params or None)
            if cur.description is None:
                return []
            row_type = _row_type(tuple(d[0] for d in cur.description))
            return [row_type(r) for r in cur.fetchall()]

    def stream(
        self, clause: Any, params: dict[str, Any] | None = None, size: int = 2000
    ) -> tuple[tuple[str, ...], Iterator[list[tuple[Any, ...]]]]:
        """(column names, rows in parts of `size`) of a query read through a server-side cursor (the
        connection is in a transaction): a whole database's rows are never all in memory."""
        cur = self._conn.cursor(name=f"reconcile_store_{next(self._cursors)}")
        cur.itersize = size
        cur.execute(self._text(clause, params), params or None)
        first = cur.fetchmany(size)
        names = tuple(d[0] for d in cur.description)

        def parts() -> Iterator[list[tuple[Any, ...]]]:
            with cur:
                part = first
                while part:
                    yield part
                    part = cur.fetchmany(size)

        return names, parts()

    def _text(self, clause: Any, params: dict[str, Any] | None) -> str:
        text = clause.text if hasattr(clause, "text") else str(clause)
        if params:
            text = self._BIND.sub(r"%(\1)s", text.replace("%", "%%"))
        return text.replace("\\:", ":")


def _row_type(names: tuple[str, ...]) -> type:
    """Stored rows as schemainspect reads SQLAlchemy's: by column name (`index` is a column too)."""
    return type("Row", (tuple,), {"__slots__": (), **{n: property(itemgetter(i)) for i, n in enumerate(names)}})


def _stored_rows(store: sqlite3.Connection, attr: str, only: list[str] | None) -> list[Any]:
    found = store.execute("SELECT data FROM meta WHERE name = ?", (attr,)).fetchone()
    if found is None:
        return []
    row_type = _row_type(pickle.loads(found[0]))
    columns = _owners_of(attr)
    if only is None or not columns:
        cur = store.execute("SELECT data FROM rows WHERE query = ? ORDER BY seq", (attr,))
    else:  # `wanted`: the names read (`_want`)
        test = " AND " if attr == "DEPS_QUERY" else " OR "
        cond = test.join(f"{k} IN (SELECT k FROM wanted)" for k in ("k1", "k2")[: len(columns)])
        cur = store.execute(f"SELECT data FROM rows WHERE query = ? AND ({cond}) ORDER BY seq", (attr,))
    return [row_type(pickle.loads(data)) for (data,) in cur]


@dataclass(frozen=True, slots=True)
class StoredSide:
    """A database as the diff engine reads it, kept for later inspections without the database
    (the desired side's cache): the engine's catalog rows in an SQLite file, each with the object
    it belongs to (an inspection restricted to a few objects reads a few rows), and the rest of
    what an inspection reads (a few rows per object) with its dependency edges."""

    rows: str  # the SQLite file
    server_version_num: int
    extras: _Extras
    edges: Edges


def store(
    dsn: Dsn, schema_filter: SchemaFilter, rows: Path, dependencies: tuple[Edges, tuple[Dep, ...]] | None = None
) -> StoredSide:
    """Read `dsn` whole into a `StoredSide` whose rows go to the file `rows` (made anew, in place
    at once when whole: a reader sees the old file or the new one); `dependencies`: its
    `read_dependencies`, when read already."""
    tmp = rows.with_name(f".{rows.name}-{os.getpid()}-{threading.get_ident()}")
    with contextlib.suppress(FileNotFoundError):
        tmp.unlink()
    db = sqlite3.connect(tmp)
    try:
        for statement in _STORE_TABLES:
            db.execute(statement)
        with connection(dsn, autocommit=False, purpose="inspect") as conn:
            execute(conn, INSPECT_SESSION)
            _Recording(_DirectConnection(conn), db)
            version = int(conn.server_version)
        record_catalog(dsn, schema_filter, db)
        edges, known = dependencies or read_dependencies(dsn, schema_filter)
        extras, deps = _read_extras(dsn, schema_filter, None, known)
        db.executemany(
            "INSERT INTO deps (k1, k2, data) VALUES (?, ?, ?)",
            ((qualified(*d.owner), qualified(*d.ref_owner), pickle.dumps(d.values())) for d in deps),
        )
        for statement in _STORE_INDEXES:
            db.execute(statement)
        db.commit()
        db.close()
        os.chmod(tmp, 0o600)
        os.replace(tmp, rows)
    except Exception as exc:
        db.close()
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise DatabaseError(f"reading the scratch database for the cache failed: {redact(str(exc).strip())}") from None
    return StoredSide(str(rows), version, extras, edges)


class _StoredConnection:
    """What schemainspect asks of a connection before reading (the server's version)."""

    def __init__(self, server_version_num: int) -> None:
        self.dialect = SimpleNamespace(server_version_info=(server_version_num // 10000,))


def inspect_stored(
    side: StoredSide, schema_filter: SchemaFilter, where: str, only: frozenset[Owner] | None
) -> Inspection:
    """`inspect` of the database `side` was stored from, as it was then, without it."""
    with progress.step(f"reading the {where} inspection from the cache"):
        db = sqlite3.connect(f"file:{side.rows}?mode=ro", uri=True)
        try:
            if only is not None:
                _want(db, only)
            inspector = _Restricted(_StoredConnection(side.server_version_num), only, db)
            catalog = replay_catalog(db, schema_filter, only)
            deps = _stored_deps(db, only)
        finally:
            db.close()
        return _assembled(inspector, side.extras, deps, catalog, schema_filter, where)


def _want(db: sqlite3.Connection, only: frozenset[Owner]) -> None:
    """The names a restricted reading of stored rows keeps, as the temporary table `wanted`."""
    db.execute("CREATE TEMP TABLE wanted (k TEXT PRIMARY KEY)")
    db.executemany("INSERT OR IGNORE INTO wanted VALUES (?)", ((qualified(s, n),) for s, n in only))


def _stored_deps(db: sqlite3.Connection, only: frozenset[Owner] | None) -> tuple[Dep, ...]:
    if only is None:
        cur = db.execute("SELECT data FROM deps ORDER BY seq")
    else:
        cur = db.execute(
            "SELECT data FROM deps WHERE k1 IN (SELECT k FROM wanted) OR k2 IN (SELECT k FROM wanted) ORDER BY seq"
        )
    return tuple(Dep(*pickle.loads(data)) for (data,) in cur)


def _with_every_parent(inspector: Any, rows: Iterable[tuple[str, str, str, str]]) -> None:
    """Give the tables with more than one parent (rows: child schema and name, parent schema and
    name, in INHERITS order) all of them: `parents`, dependencies, and their columns that a parent
    other than the first has marked inherited (schemainspect reads the first parent only)."""
    found: dict[str, list[str]] = {}
    for schema, name, p_schema, p_name in rows:
        key = f"{quoted_identifier(schema)}.{quoted_identifier(name)}"
        found.setdefault(key, []).append(f"{quoted_identifier(p_schema)}.{quoted_identifier(p_name)}")
    for key, parents in found.items():
        table = inspector.tables.get(key)
        if table is None:
            continue
        table.parents = tuple(parents)
        for parent in parents[1:]:
            p = inspector.tables.get(parent)
            if p is None:
                continue
            table.dependent_on.append(parent)
            p.dependents.append(key)
            for name, c in table.columns.items():
                if name in p.columns:
                    c.is_inherited = True


def _without_enum_domains(inspector: Any, catalog: Catalog) -> None:
    """schemainspect reads a domain over an enum as an enum without labels (it selects types by
    their category, which a domain takes from its base type): migra would create it as
    `enum ()` and drop it with DROP TYPE. Domains are the supplement's (`supplement.domains`)."""
    domains = catalog.snapshots.get(f"{__package__}.supplement.domains", {})
    enums = inspector.enums
    if any((e.schema, e.name) in domains for e in enums.values()):
        inspector.enums = type(enums)((k, e) for k, e in enums.items() if (e.schema, e.name) not in domains)


@dataclass(frozen=True, slots=True)
class Dep:
    """`kind` object (schema, table, name, args) depends on `ref_kind` (ref_schema, ref_name, ref_sub)."""

    kind: str  # view, matview, function, index, constraint, trigger, policy, default, column
    schema: str
    table: str | None
    name: str
    args: str | None
    ref_kind: str  # type, column, relation, function
    ref_schema: str
    ref_name: str
    ref_sub: str | None  # the column, or the function's identity arguments
    ref_array: bool  # the type referenced is the array of ref_name

    def values(self) -> tuple[Any, ...]:
        """The fields in order (`Dep(*d.values())` is `d`): what the cache stores. `astuple` copies
        each field deeply, 1 s of a cold plan's reading at 2000 tables (43,000 rows)."""
        return tuple(getattr(self, name) for name in _DEP_FIELDS)

    @property
    def owner(self) -> tuple[str, str]:
        """The relation, type or routine the dependent belongs to (what a restriction names)."""
        return self.schema, self.table or self.name

    @property
    def ref_owner(self) -> tuple[str, str]:
        return self.ref_schema, self.ref_name


_DEP_FIELDS = tuple(f.name for f in fields(Dep))

# The inspector's collections -> the kind an object rule names (SchemaFilter.manages_object).
_KIND_OF = {
    "schemas": "schema",
    "tables": "table",
    "views": "view",
    "materialized_views": "materialized view",
    "composite_types": "composite type",
    "functions": "function",
    "indexes": "index",
    "sequences": "sequence",
    "constraints": "constraint",
    "extensions": "extension",
    "enums": "enum",
    "domains": "domain",
    "triggers": "trigger",
    "rlspolicies": "policy",
    "collations": "collation",
}
_MIXED = ("selectables", "relations")  # unions of the collections above


def _filter(inspector: Any, schema_filter: SchemaFilter) -> None:
    """Keep only managed objects (by schema, then by object rules), in every collection the inspector holds."""
    kept: dict[str, Any] = {}
    for name, value in list(vars(inspector).items()):
        if not isinstance(value, dict) or not value or name in _MIXED:
            continue
        sample = next(iter(value.values()))
        if not hasattr(sample, "schema"):
            continue
        kind = _KIND_OF.get(name)
        if kind is None or not schema_filter.by_object:
            value = type(value)((k, v) for k, v in value.items() if schema_filter.manages(v.schema))
        else:
            value = type(value)(
                (k, v) for k, v in value.items() if schema_filter.manages_object(kind, *_address(kind, v))
            )
        setattr(inspector, name, value)
        kept.update(value)
    for name in _MIXED:
        value = getattr(inspector, name, None)
        if isinstance(value, dict):
            setattr(inspector, name, type(value)((k, v) for k, v in value.items() if k in kept))


def _address(kind: str, obj: Any) -> tuple[str | None, str]:
    """(schema, unquoted dotted name) of an inspected object, as object rules match it."""
    if kind == "schema":
        return obj.schema, obj.schema
    if kind == "extension":
        return obj.schema, obj.name
    if kind in ("index", "constraint", "trigger", "policy"):
        return obj.schema, f"{obj.schema}.{obj.table_name}.{obj.name}"
    if kind == "function":
        return obj.schema, f"{obj.schema}.{obj.name}({obj.identity_arguments})"
    return obj.schema, f"{obj.schema}.{obj.name}"


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


_CHANGED_CLASSES: dict[tuple[type, bool], type] = {}


def _changed(obj: Any, *, replaceable: bool = True) -> Any:
    """A copy of `obj` that migra sees as modified (so it drops it before and creates it after).

    With `replaceable=False` (a target-side view or function) migra may not CREATE OR REPLACE it
    in place either: it drops it first, with everything that depends on it.
    """
    cls = type(obj)
    key = (cls, replaceable)
    if key not in _CHANGED_CLASSES:
        body: dict[str, Any] = {"__slots__": ()} if hasattr(cls, "__slots__") else {}
        if replaceable:
            body.update(__eq__=lambda self, other: False, __ne__=lambda self, other: True, __hash__=None)
        else:
            body.update(can_replace=lambda self, other: False)
        _CHANGED_CLASSES[key] = type(f"Changed{cls.__name__}", (cls,), body)
    new = copy.copy(obj)
    new.__class__ = _CHANGED_CLASSES[key]
    return new


class _NotValidConstraint(InspectedConstraint):  # type: ignore[misc]
    """A constraint schema/ declares NOT VALID: added as such, never followed by VALIDATE."""

    @property
    def safer_create_statements(self) -> list[str]:
        return [str(self.create_statement)]


class _PartitionedConstraint(InspectedConstraint):  # type: ignore[misc]
    """A constraint of a partitioned table, added in one statement after its partitions' own
    (which PostgreSQL takes over, validated and attached, instead of checking or building them
    again): a key from its definition (there is no ADD CONSTRAINT … USING INDEX on a partitioned
    table), a check or foreign key without NOT VALID (a foreign key cannot be NOT VALID there
    before PostgreSQL 18; the partitions' own were validated online)."""

    @property
    def create_statement(self) -> str:
        if self.index is not None and self.constraint_type != "EXCLUDE":
            return f"alter table {self.quoted_full_table_name} add constraint {self.quoted_name} {self.definition};"
        return str(InspectedConstraint.create_statement.fget(self))

    @property
    def safer_create_statements(self) -> list[str]:
        return [self.create_statement]


def _partitioned_constraints(tgt: Any) -> tuple[set[str], list[tuple[int, str, set[str]]]]:
    """Swap the constraints of partitioned tables in `tgt` for `_PartitionedConstraint`s (but
    those schema/ declares NOT VALID).

    Returns the CREATE INDEX statements of their keys' indexes (the constraint builds them) and,
    for each constraint, (its table's depth among partitioned tables, its ADD CONSTRAINT, the
    statements adding the constraints of the table's partitions at any depth, which run first)."""
    tables = tgt.tables

    def ancestors(key: str) -> list[str]:
        out, parent = [], getattr(tables.get(key), "parent_table", None)
        while parent and parent in tables and parent not in out:
            out.append(parent)
            parent = getattr(tables[parent], "parent_table", None)
        return out

    changes: dict[str, Any] = {}
    skip: set[str] = set()
    for k, c in tgt.constraints.items():
        if not getattr(tables.get(c.quoted_full_table_name), "is_partitioned", False):
            continue
        if type(c) is not _NotValidConstraint:
            changes[k] = copy.copy(c)
            changes[k].__class__ = _PartitionedConstraint
        if c.index is not None and c.constraint_type != "EXCLUDE":
            skip.add(c.index.create_statement.strip())
    _replace(tgt, "constraints", changes)
    below: dict[str, set[str]] = {}
    for c in tgt.constraints.values():
        adds = {str(sql).strip() for sql in (c.create_statement, *c.safer_create_statements)}
        for parent in ancestors(c.quoted_full_table_name):
            below.setdefault(parent, set()).update(adds)
    return skip, [
        (
            len(ancestors(c.quoted_full_table_name)),
            c.create_statement.strip(),
            below.get(c.quoted_full_table_name, set()),
        )
        for c in tgt.constraints.values()
        if getattr(tables.get(c.quoted_full_table_name), "is_partitioned", False)
    ]


def _index_ancestors(
    parent_of: dict[tuple[str, str], tuple[str, str]], index: tuple[str, str]
) -> list[tuple[str, str]]:
    """The indexes `index` is attached to, nearest first (a partition's, its parent's, …)."""
    out, parent = [], parent_of.get(index)
    while parent is not None and parent not in out:
        out.append(parent)
        parent = parent_of.get(parent)
    return out


def _partitioned_indexes(tgt: Any, target: Inspection) -> list[tuple[int, str, set[str]]]:
    """For each index of a partitioned table: (its depth among partitioned indexes, its CREATE
    INDEX, the CREATE INDEXes of the partitions' indexes attached to it at any depth)."""
    parent_of = dict(target.index_parents)
    creates = {(i.schema, i.name): i.create_statement.strip() for i in tgt.indexes.values()}

    def ancestors(index: tuple[str, str]) -> list[tuple[str, str]]:
        return _index_ancestors(parent_of, index)

    below: dict[tuple[str, str], set[str]] = {}
    for index in creates:
        for parent in ancestors(index):
            below.setdefault(parent, set()).add(creates[index])
    return [(len(ancestors(i)), creates[i], s) for i, s in below.items() if i in creates]


def _attached_index_renames(stmts: tuple[str, ...], source: Inspection, target: Inspection) -> tuple[str, ...]:
    """A partition's index attached to a parent index that the plan keeps, named otherwise in
    schema/ (PostgreSQL names one after its columns when the parent's index makes it, and keeps that
    name when a column is renamed): renamed in place. Created under the new name, it would stand
    beside the attached one, which cannot be dropped while its parent's stands."""
    src, tgt = source.inspector.indexes, target.inspector.indexes

    def attached(inspection: Inspection, indexes: Any) -> dict[tuple[str, str, str, str], Any]:
        """(schema, partition, parent index schema, parent index name) -> the partition's index."""
        by_name = {(i.schema, i.name): i for i in indexes.values()}
        out = {}
        for child, parent in inspection.index_parents:
            i = by_name.get(child)
            if i is not None:
                out[(i.schema, i.table_name, *parent)] = i
        return out

    old, new = attached(source, src), attached(target, tgt)
    kept_parents = {
        (i.schema, i.name) for k, i in src.items() if k in tgt and str(i.drop_statement).strip() not in stmts
    }
    parent_of = dict(target.index_parents)

    def depth(index: tuple[str, str]) -> int:
        return len(_index_ancestors(parent_of, index))

    renamed: dict[tuple[str, str], tuple[str, str]] = {}  # target's name -> the source's, renamed here
    out = list(stmts)
    for where, want in sorted(new.items(), key=lambda kv: depth((kv[1].schema, kv[1].name))):
        parent = renamed.get(where[2:], where[2:])
        have = old.get((*where[:2], *parent))
        if have is None or have.name == want.name or (parent not in kept_parents and where[2:] not in renamed):
            continue
        if f"{quoted_identifier(want.schema)}.{quoted_identifier(want.name)}" in src:
            continue  # the name is taken on the target: left to the engine
        create = _whole_partitioned_index(str(want.create_statement).strip())
        if create not in out:
            continue
        name = f"{ident(have.schema)}.{ident(have.name)}"
        exists = f"pg_catalog.to_regclass({literal(name)}) IS NOT NULL"
        out[out.index(create)] = guarded(exists, f"ALTER INDEX {name} RENAME TO {ident(want.name)}")
        renamed[(want.schema, want.name)] = (have.schema, have.name)
    return tuple(out)


def _keys_after_partitions(stmts: tuple[str, ...], keys: list[tuple[int, str, set[str]]]) -> tuple[str, ...]:
    """Each partitioned table's key (or index) right after its partitions' keys (or the indexes
    attached to it), deepest tables first, so that PostgreSQL attaches them (built CONCURRENTLY
    where the partition exists) instead of building its own beside them under lock."""
    out = list(stmts)
    for _, sql, first in sorted(keys, key=lambda k: -k[0]):
        if sql not in out:
            continue
        at = out.index(sql)
        out.pop(at)
        out.insert(max([at, *(i + 1 for i, s in enumerate(out) if s in first)]), sql)
    return tuple(out)


def _attachments_around_constraints(
    stmts: tuple[str, ...], src: Any, tgt: Any, alone: Iterable[str] = ()
) -> tuple[str, ...]:
    """A table that becomes a partition or an inheritance child (of one more parent) is given its
    columns, constraints and indexes first: ATTACH PARTITION and INHERIT require the parent's
    columns and checks on it ("child table is missing constraint"), and attach the keys, indexes
    and foreign keys that match (built online while the table stands alone) instead of building
    them under lock. One that stops being one is detached first: a constraint it holds through its
    parent cannot be dropped before, nor the parent. `alone`: new tables created alone and
    attached (`_created_alone`)."""
    out = list(stmts)
    alone = set(alone)
    for k, new in tgt.tables.items():
        old = src.tables.get(k)
        if old is None and k not in alone:
            continue
        detaches, attaches = _parent_changes(old, new) if old is not None else ([], _attach_statements(new))
        if not detaches and not attaches:  # most tables: nothing to move (what follows scans every constraint)
            continue
        # before the drops of its constraints and of a parent that goes (it refuses while inherited)
        drops = {str(c.drop_statement).strip() for c in src.constraints.values() if c.quoted_full_table_name == k}
        drops |= {str(src.tables[p].drop_statement).strip() for p in _parents(old) if p in src.tables}
        for detach in detaches:
            if detach in out:
                out.remove(detach)
                out.insert(min([i for i, sql in enumerate(out) if sql in drops] or [len(out)]), detach)
        table = (new.schema, new.name)
        creates = set(detaches) | {
            str(sql).strip()
            for c in tgt.constraints.values()
            if c.quoted_full_table_name == k
            for sql in (c.create_statement, *c.safer_create_statements)
        }
        creates |= {
            _whole_partitioned_index(str(i.create_statement).strip())
            for i in tgt.indexes.values()
            if (i.schema, i.table_name) == table
        }
        creates |= {
            str(new.alter_table_statement(c.add_column_clause)).strip()
            for n, c in new.columns.items()
            if old is not None and n not in old.columns and new.is_alterable
        }
        for attach in attaches:  # in the order the parents are wanted
            if attach not in out:
                continue
            at = out.index(attach)
            out.pop(at)
            out.insert(max([at, *(i + 1 for i, sql in enumerate(out) if sql in creates)]), attach)
            creates.add(attach)
    return tuple(out)


def _replace(inspector: Any, attr: str, changes: dict[Any, Any]) -> None:
    """Swap items of one collection of `inspector` (a shallow copy owned by the caller)."""
    if not changes:
        return
    original = getattr(inspector, attr)
    setattr(inspector, attr, type(original)((k, changes.get(k, v)) for k, v in original.items()))
    if attr == "selectables":
        for sub in ("relations", "tables", "views", "materialized_views", "functions"):
            coll = getattr(inspector, sub, None)
            if isinstance(coll, dict):
                setattr(inspector, sub, type(coll)((k, changes.get(k, v)) for k, v in coll.items()))


@dataclass
class _Recreation:
    """What a diff must drop first and create again because PostgreSQL refuses the change otherwise."""

    types: set[tuple[str, str]]  # enums re-created: anything using them must go first
    columns: set[tuple[str, str, str]]  # columns re-typed: views, triggers, policies on them go first
    dropped_columns: set[tuple[str, str, str]]  # columns dropped and added again: all their dependents
    objects: set[tuple[str, str, str, str, str]]  # (kind, schema, table, name, args) to re-create
    indexes: set[tuple[str, str]] = field(default_factory=set)  # (schema, name) changed or dropped

    def blocked(self, d: Dep, relations: set[tuple[str, str]]) -> bool:
        """Whether `d` must be re-created; `relations`: views re-created so far."""
        if d.ref_kind == "type":
            # A view's row type (RETURNS SETOF view) goes with the view.
            return (d.ref_schema, d.ref_name) in self.types or (d.ref_schema, d.ref_name) in relations
        if d.ref_kind == "column":
            col = (d.ref_schema, d.ref_name, d.ref_sub or "")
            if col in self.dropped_columns:
                return True
            if col in self.columns:
                # ALTER COLUMN … TYPE rebuilds indexes and constraints itself, but refuses while
                # a view, trigger or policy uses the column.
                return d.kind in ("view", "matview", "trigger", "policy")
        if d.ref_kind == "relation" and d.kind == "constraint" and (d.ref_schema, d.ref_name) in self.indexes:
            # A foreign key uses the referenced key's index: the key cannot be dropped under it.
            return True
        if d.ref_kind in ("column", "relation"):
            return (d.ref_schema, d.ref_name) in relations
        if d.ref_kind == "function":
            return ("function", d.ref_schema, "", d.ref_name, d.ref_sub or "") in self.objects
        return False

    def close(self, deps: Iterable[Dep]) -> None:
        """Everything that depends on what is re-created is re-created too.

        Columns and defaults are left out: migra re-types the enum's columns (dropping and
        setting their defaults) and `_recast_array` its array columns.
        """
        deps = [d for d in deps if d.kind not in ("column", "default")]
        while True:
            relations = {(o[1], o[3]) for o in self.objects if o[0] in ("view", "matview")}
            more = {(d.kind, d.schema, d.table or "", d.name, d.args or "") for d in deps if self.blocked(d, relations)}
            if more <= self.objects:
                return
            self.objects |= more


def _locate(inspector: Any, obj: tuple[str, str, str, str, str]) -> tuple[str, Any] | None:
    """The collection and key of one `(kind, schema, table, name, args)` in migra's inspection."""
    kind, schema, table, name, args = obj
    if kind in ("view", "matview", "function"):
        for k, v in inspector.selectables.items():
            if (v.schema, v.name) == (schema, name) and (
                v.relationtype in ("v", "m") if kind != "function" else getattr(v, "identity_arguments", None) == args
            ):
                return "selectables", k
        return None
    attr = {"index": "indexes", "constraint": "constraints", "trigger": "triggers", "policy": "rlspolicies"}.get(kind)
    if attr is None:
        return None
    for k, v in getattr(inspector, attr).items():
        if (v.schema, v.name) == (schema, name) and (kind == "index" or v.table_name == table):
            return attr, k
    return None


def _columns(inspector: Any) -> dict[tuple[str, str, str], tuple[str, Any, Any]]:
    out = {}
    for k, t in inspector.selectables.items():
        if getattr(t, "is_table", False):
            for name, c in t.columns.items():
                out[(t.schema, t.name, name)] = (k, t, c)
    return out


def _foreign_keys_on_changed_keys(src: Any, tgt: Any, deps: Iterable[Dep]) -> set[tuple[str, str, str, str, str]]:
    """Foreign keys whose referenced unique index (a primary key's, a unique constraint's or a
    unique index) is dropped or re-created: PostgreSQL refuses to drop the index while they use
    it, so they are dropped before it and added again after."""
    going = {(i.schema, i.name) for k, i in src.indexes.items() if k not in tgt.indexes or i != tgt.indexes[k]}
    going |= {
        (c.schema, c.name) for k, c in src.constraints.items() if k not in tgt.constraints or c != tgt.constraints[k]
    }
    return {
        ("constraint", d.schema, d.table or "", d.name, "")
        for d in deps
        if d.kind == "constraint" and d.ref_kind == "relation" and (d.ref_schema, d.ref_name) in going
    }


def _prepare(
    source: Inspection, src: Any, target: Inspection
) -> tuple[
    Any,
    Any,
    list[str],
    list[str],
    frozenset[tuple[str, str]],
    frozenset[tuple[str, str]],
    frozenset[tuple[str, str]],
    _Swap,
]:
    """Copies of both inspections in which migra sees what PostgreSQL needs, plus extra statements.

    Returns (source, target, statements inside the enum re-creation, statements after migra's,
    the views and materialized views re-created around what changes, the domains and composite
    types re-created around an enum's re-creation, what is renamed aside while it is re-created,
    the swap).
    """
    tgt = target.inspector
    src, tgt = copy.copy(src), copy.copy(tgt)
    rec = _Recreation(set(), set(), set(), set())
    enum_extra: list[str] = []
    after: list[str] = []
    for key, new in tgt.enums.items():
        old = src.enums.get(key)
        if old is not None and old != new:
            rec.types.add((new.schema, new.name))
    src_cols, tgt_cols = _columns(src), _columns(tgt)
    enums = set(rec.types)
    carriers = _carriers(source, src, target, tgt, rec.types)
    labels = {(e.schema, e.name): tuple(e.elements) for e in tgt.enums.values() if (e.schema, e.name) in rec.types}
    pending = _swap_pending(labels, carriers)
    support = {f: _located_create(tgt, ("function", f[0], "", f[1], f[2])) for c in carriers for f in c.support}
    if carriers:
        enum_extra += _carrier_swap(carriers, labels, pending, source.deps, src_cols, tgt_cols, support)
        # What uses them is re-created around them, as around the enum (functions, views).
        rec.types |= {(c.schema, c.name) for c in carriers}
        # migra sees a composite type whose attribute's enum changes as changed: it is ours now.
        swapped = {(c.schema, c.name) for c in carriers if c.kind == "type"}
        for attr in ("composite_types", "selectables"):  # a composite type is a selectable too
            theirs = getattr(tgt, attr)
            _replace(
                src,
                attr,
                {
                    k: theirs[k]
                    for k, t in getattr(src, attr).items()
                    if k in theirs and getattr(t, "relationtype", "c") == "c" and (t.schema, t.name) in swapped
                },
            )
    changed_cols: dict[str, dict[str, Any]] = {}
    for col, (tkey, _, c_old) in src_cols.items():
        if col not in tgt_cols:
            continue
        c_new = tgt_cols[col][2]
        if c_old.is_inherited != c_new.is_inherited:
            # INHERIT / NO INHERIT (which migra emits) keep the child's columns: a column becomes
            # local or inherited in place. migra would drop it and add it again, losing its values.
            c_old = copy.copy(c_old)
            c_old.is_inherited = c_new.is_inherited
            changed_cols.setdefault(tkey, {})[col[2]] = c_old
        if c_old.is_generated and c_new.is_generated and c_old.default != c_new.default:
            # No ALTER changes a stored generated column's expression before PostgreSQL 17 (and
            # the re-run guards do not know SET EXPRESSION): drop the column and add it again;
            # its values are computed again, so nothing is lost.
            plain = copy.copy(c_old)
            plain.is_generated = False
            changed_cols.setdefault(tkey, {})[col[2]] = plain
            rec.dropped_columns.add(col)
        elif c_old.dbtypestr != c_new.dbtypestr or (c_old.is_enum and c_old.enum != c_new.enum):
            rec.columns.add(col)
    rec.indexes = {(i.schema, i.name) for k, i in src.indexes.items() if k not in tgt.indexes or tgt.indexes[k] != i}
    for d in source.deps:
        if d.kind == "column" and d.ref_kind == "type" and (d.ref_schema, d.ref_name) in rec.types:
            col = (d.schema, d.table or "", d.name)
            rec.columns.add(col)
            if d.ref_array and col in tgt_cols and col in src_cols:
                enum_extra += _recast_array(tgt.enums, d, tgt_cols[col], src_cols[col][2])
    rec.objects |= _foreign_keys_on_changed_keys(src, tgt, source.deps)
    rec.close(source.deps)
    # A carrier range's own functions are the swap's (created again inside it, the old ones dropped
    # after the range's old version), not migra's to drop first.
    rec.objects -= {("function", f[0], "", f[1], f[2]) for f in support}
    src_changes: dict[str, dict[Any, Any]] = {}
    tgt_changes: dict[str, dict[Any, Any]] = {}
    for obj in sorted(rec.objects):
        found, there = _locate(src, obj), _locate(tgt, obj)
        if found is None or there is None or found != there:
            continue  # removed or added anyway: migra drops it first or creates it last
        attr, k = found
        src_changes.setdefault(attr, {})[k] = _changed(getattr(src, attr)[k])
        if attr == "selectables":
            tgt_changes.setdefault(attr, {})[k] = _changed(getattr(tgt, attr)[k], replaceable=False)
    for tkey, cols in changed_cols.items():
        table = copy.copy(src_changes.get("selectables", {}).get(tkey, src.selectables[tkey]))
        table.columns = type(table.columns)((n, cols.get(n, c)) for n, c in table.columns.items())
        src_changes.setdefault("selectables", {})[tkey] = table
    for attr in set(src_changes) | set(tgt_changes):
        _replace(src, attr, src_changes.get(attr, {}))
        _replace(tgt, attr, tgt_changes.get(attr, {}))
    _recreate_matview_indexes(src, tgt)
    after += _constraint_validity(src, tgt, source, target)
    after += _policies_in_place(src, tgt, source.deps, rec)
    after += _child_defaults(src, tgt)
    after += _partition_rls(src, tgt)
    after += _bound_changes(src, tgt)
    views = frozenset((o[1], o[3]) for o in rec.objects if o[0] in ("view", "matview"))
    # Renamed aside while they are created anew: the re-created enums and the carriers kept.
    aside = frozenset(enums | {(c.schema, c.name) for c in carriers if c.create is not None})
    swap = _Swap(
        frozenset(enums | {(c.schema, c.name) for c in carriers}),
        pending,
        frozenset(o.key for c in carriers for pair in c.opclasses for o in pair),
    )
    return src, tgt, enum_extra, after, views, _recreated(carriers), aside, swap


@dataclass(frozen=True, slots=True)
class _Swap:
    """The types the diff re-creates by a swap (enums, and what holds them or changes itself):
    (schema, name), and SQL true while the swap is still to run (empty: no swap)."""

    types: frozenset[tuple[str, str]]
    pending: str
    catalog: frozenset[str] = frozenset()  # keys of catalog objects the swap re-creates itself


def _recreated(carriers: Iterable[_Carrier]) -> frozenset[tuple[str, str]]:
    """(schema, name) of the carriers, and of the ranges' multiranges (created again with them)."""
    return frozenset(
        {(c.schema, c.name) for c in carriers} | {(c.schema, c.multirange) for c in carriers if c.multirange}
    )


@dataclass(frozen=True, slots=True)
class _Carrier:
    """A domain, composite type or range type built on an enum the diff re-creates (directly or
    through another carrier), with its definition in the target and the carriers it is built on."""

    kind: str  # "domain", "type" (composite) or "range"
    schema: str
    name: str
    create: str | None  # its CREATE statement in the target (None: the plan drops it)
    inner: frozenset[tuple[str, str]]
    multirange: str | None = None  # a range's multirange in the source (same schema)
    # A range whose own definition changes: SQL true once it is the target's (whatever the
    # search_path); its swap runs until then, and until its old version is gone.
    settled: str | None = None
    subtype: str | None = None  # such a range's subtype in the source (its constructors' arguments)
    # A range's subtype_diff or canonical function of the user's own over a swapped type: PostgreSQL
    # drops neither under the range, nor points the range at another one. (schema, name, identity
    # arguments in the source) of each: created again over the new type (another overload) before
    # the range's new version, the old one dropped after the range's old version.
    support: tuple[tuple[str, str, str], ...] = ()
    # A range's subtype operator class of the user's own over a swapped type (with its family of
    # the same name): (source, target) catalog objects, the family first. Renamed aside (its name
    # is the new one's), created anew before the range's new version, dropped after its old one.
    opclasses: tuple[tuple[Any, Any], ...] = ()

    @property
    def qname(self) -> str:
        return f"{ident(self.schema)}.{ident(self.name)}"

    @property
    def keyword(self) -> str:
        return "DOMAIN" if self.kind == "domain" else "TYPE"

    @property
    def aside(self) -> str:
        return f"{ident(self.schema)}.{ident(self.name + OLD_SUFFIX)}"


_RANGES = f"{__package__}.supplement.catalog_objects"


def _catalog_over_swapped(source: Inspection, swap: _Swap) -> frozenset[str]:
    """Keys of the source's objects of catalog_objects' kinds (not range types: those are
    carriers) that name a type the swap re-creates, in their identity or description (an
    operator, cast, aggregate or rule over an enum that loses a label): PostgreSQL cannot point
    them at the new type, nor drop the old one under them."""
    named = qualified_names(swap.types)
    if not swap.pending or named is None:
        return frozenset()
    objs = source.catalog.snapshots.get(_RANGES, {})
    return frozenset(
        k
        for k, o in objs.items()
        if not (o.type == "type" and o.catalog == "pg_type")
        and k not in swap.catalog
        and (named.search(o.identity) or named.search(o.description))
    )


def _ranges(inspection: Inspection) -> dict[tuple[str, str], Any]:
    """The range types of one side (catalog_objects' snapshot): (schema, name) -> its object."""
    objs = inspection.catalog.snapshots.get(_RANGES, {})
    return {(o.schema, o.bare): o for o in objs.values() if o.type == "type" and o.catalog == "pg_type"}


# A range's description (catalog_kinds), as read under search_path = pg_catalog.
_RANGE_DESCRIPTION = re.compile(
    r"^range subtype=(?P<subtype>.+?) opclass=(?P<opclass>\S+)(?: collation=(?P<collation>\S+))?"
    r" canonical=(?P<canonical>\S+) subtype_diff=(?P<diff>\S+) multirange=(?P<multirange>\S+)$"
)


def _changed_ranges(source: Inspection, target: Inspection) -> dict[tuple[str, str], tuple[str, str]]:
    """The range types on both sides whose own definition changes, with what tells that one is
    the target's (`_range_settled`) and its subtype in the source: those the swap can re-create
    (every one whose descriptions read back)."""
    have, want = _ranges(source), _ranges(target)
    out = {}
    for me, new in want.items():
        old = have.get(me)
        if old is None or old.state() == new.state():
            continue
        settled = _range_settled(f"{ident(me[0])}.{ident(me[1])}", new.description)
        m = _RANGE_DESCRIPTION.match(old.description)
        if settled is not None and m is not None:
            out[me] = (settled, m["subtype"])
    return out


def _range_settled(qname: str, description: str) -> str | None:
    """SQL true when the range `qname` is as `description` says, under any search_path (a
    swap's guards are plain `guarded` ones, which the re-run guards around them read); None when
    the description does not read back."""
    m = _RANGE_DESCRIPTION.match(description)
    if m is None:
        return None

    def proc(column: str, name: str) -> str:
        return f"r.{column} = 0" if name == "-" else f"r.{column} = pg_catalog.to_regproc({literal(name)})"

    opclass = (
        "(SELECT pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(o.opcname) "
        "FROM pg_catalog.pg_opclass o JOIN pg_catalog.pg_namespace n ON n.oid = o.opcnamespace "
        "WHERE o.oid = r.rngsubopc)"
    )
    collation = m["collation"]
    conditions = [
        f"r.rngtypid = {_regtype(qname)}",
        f"r.rngsubtype = {_regtype(m['subtype'])}",
        f"{opclass} = {literal(m['opclass'])}",
        "r.rngcollation = " + (f"pg_catalog.to_regcollation({literal(collation)})" if collation else "0"),
        proc("rngcanonical", m["canonical"]),
        proc("rngsubdiff", m["diff"]),
        f"r.rngmultitypid = {_regtype(m['multirange'])}",
    ]
    return f"EXISTS (SELECT FROM pg_catalog.pg_range r WHERE {' AND '.join(conditions)})"


def _carriers(
    source: Inspection, src: Any, target: Inspection, tgt: Any, enums: set[tuple[str, str]]
) -> tuple[_Carrier, ...]:
    """Domains, composite types and range types that hold a re-created enum, inner ones first.

    The enum's re-creation cannot re-type them: a domain's base type and a range's subtype cannot
    be altered, and ALTER TYPE … ALTER ATTRIBUTE is refused while a table column uses the
    composite type; its old version cannot be dropped while they use it. They are re-created
    around it, as migra re-creates the enum (renamed aside, created anew, columns re-typed, old
    one dropped). A range type is one only when schema/ keeps it as it is and it uses no operator
    class of the source's own (one over the enum takes the old enum, and its name the new one's);
    its own subtype_diff or canonical function is created again over the new enum between the
    range's two versions (`_Carrier.support`).

    A range type whose own definition changes (`_changed_ranges`) is swapped the same way, with
    what holds it: PostgreSQL can neither alter a range nor drop one that columns use."""
    changed = _changed_ranges(source, target)
    if not enums and not changed:
        return ()
    enums = enums | changed.keys()
    key = f"{__package__}.supplement.domains"
    domains_src, domains_tgt = source.catalog.snapshots.get(key, {}), target.catalog.snapshots.get(key, {})
    composites_src = {(t.schema, t.name) for t in src.composite_types.values()}
    composites_tgt = {(t.schema, t.name): t for t in tgt.composite_types.values()}
    ranges_src, ranges_tgt = _ranges(source), _ranges(target)
    own_opclass: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for d in source.deps:
        if d.kind == "range" and d.ref_kind == "opclass":
            own_opclass.setdefault((d.schema, d.name), set()).add((d.ref_schema, d.ref_name))
    opclasses = {me: _opclass_objects(source, target, names) for me, names in own_opclass.items()}
    support: dict[tuple[str, str], set[tuple[str, str, str]]] = {}
    for d in source.deps:
        if d.kind == "range" and d.ref_kind == "function":
            support.setdefault((d.schema, d.name), set()).add((d.ref_schema, d.ref_name, d.ref_sub or ""))
    multiranges = {(d.ref_schema, d.ref_name): d.name for d in source.deps if d.kind == "multirange"}
    found: dict[tuple[str, str], str] = {}
    inner: dict[tuple[str, str], set[tuple[str, str]]] = {}
    grown = True
    while grown:
        grown = False
        for d in source.deps:
            if d.ref_kind != "type":
                continue
            ref = (d.ref_schema, d.ref_name)
            if d.kind == "domain":
                me, kind = (d.schema, d.name), "domain"
            elif d.kind == "column" and (d.schema, d.table or "") in composites_src:
                me, kind = (d.schema, d.table or ""), "type"
            elif d.kind == "range":
                me, kind = (d.schema, d.name), "range"
            else:
                continue
            if me == ref or (ref not in enums and ref not in found):
                continue
            if ref in found or ref in changed:
                inner.setdefault(me, set()).add(ref)
            if me not in found:
                found[me] = kind
                grown = True
    out: dict[tuple[str, str], _Carrier] = {}
    for me, kind in found.items():
        create: str | None = None  # the plan drops it: it goes with the old enum
        if kind == "domain" and me in domains_tgt:
            create = domains.create_statement(domains_tgt[me])
        elif kind == "type" and me in composites_tgt:
            create = composites_tgt[me].create_statement
        elif kind == "range" and me in ranges_tgt:
            create = ";\n".join(ranges_tgt[me].create)
        if kind == "domain" and me not in domains_src:
            continue  # not managed
        if kind == "range" and (
            me not in ranges_src
            or me not in ranges_tgt
            or ranges_src[me].state() != ranges_tgt[me].state()
            or (me in own_opclass and opclasses[me] is None)
            or not all(_managed_function(src, tgt, f) for f in support.get(me, ()))
        ):
            continue  # not managed, dropped or changed (catalog_objects' own), or not re-creatable here
        out[me] = _Carrier(
            kind,
            me[0],
            me[1],
            create,
            frozenset(inner.get(me, ())),
            multiranges.get(me),
            support=tuple(sorted(support.get(me, ()))) if kind == "range" else (),
            opclasses=(opclasses.get(me) or ()) if kind == "range" else (),
        )
    for me, (settled, subtype) in changed.items():
        create = ";\n".join(ranges_tgt[me].create)
        out[me] = _Carrier("range", me[0], me[1], create, frozenset(), multiranges.get(me), settled, subtype)
    ordered: list[_Carrier] = []
    while len(ordered) < len(out):
        done = {(c.schema, c.name) for c in ordered}
        ready = sorted(k for k, c in out.items() if k not in done and (c.inner & out.keys()) <= done)
        ordered += [out[k] for k in ready]
    return tuple(ordered)


def _managed_function(src: Any, tgt: Any, f: tuple[str, str, str]) -> bool:
    """Whether the function (schema, name, identity arguments) is the diff's on both sides (not
    in an excluded schema, nor dropped by the plan): one the swap may create again."""
    key = ("function", f[0], "", f[1], f[2])
    return _locate(src, key) is not None and _locate(tgt, key) is not None


def _opclass_objects(
    source: Inspection, target: Inspection, names: Iterable[tuple[str, str]]
) -> tuple[tuple[Any, Any], ...] | None:
    """The operator classes `names` and their families of the same name, as (source, target)
    catalog objects, families first; None when one is not on both sides (the plan drops or
    changes it: not re-creatable around the swap)."""
    have = source.catalog.snapshots.get(_RANGES, {})
    want = target.catalog.snapshots.get(_RANGES, {})
    out = []
    for schema, name in sorted(names):
        for kind in ("operator family", "operator class"):
            src = [o for o in have.values() if o.type == kind and (o.schema, o.bare) == (schema, name)]
            tgt = [o for o in want.values() if o.type == kind and (o.schema, o.bare) == (schema, name)]
            if len(src) != len(tgt) or len(src) > 1 or (kind == "operator class" and not src):
                return None
            if src and src[0].key != tgt[0].key:
                return None
            out += list(zip(src, tgt, strict=True))
    return tuple(out)


def _opclass_exists(obj: Any, name: str) -> str:
    """SQL: whether the operator class or family `obj` (a catalog object) exists under `name`."""
    table, prefix = ("pg_opclass", "opc") if obj.type == "operator class" else ("pg_opfamily", "opf")
    method = obj.identity.rsplit(" USING ", 1)[1]
    return (
        f"EXISTS (SELECT FROM pg_catalog.{table} o JOIN pg_catalog.pg_am a ON a.oid = o.{prefix}method "
        f"WHERE o.{prefix}namespace = pg_catalog.to_regnamespace({literal(ident(obj.schema))}) "
        f"AND o.{prefix}name = {literal(name)} AND a.amname = {literal(method)})"
    )


def _opclass_sql(obj: Any, verb: str, name: str) -> str:
    """ALTER … RENAME TO / DROP … of the operator class or family `obj` under `name`."""
    keyword = "OPERATOR CLASS" if obj.type == "operator class" else "OPERATOR FAMILY"
    method = obj.identity.rsplit(" USING ", 1)[1]
    if verb == "rename":
        return f"ALTER {keyword} {ident(obj.schema)}.{ident(name)} USING {method} RENAME TO {ident(name + OLD_SUFFIX)}"
    return f"DROP {keyword} IF EXISTS {ident(obj.schema)}.{ident(name)} USING {method}"


def _swap_pending(enums: dict[tuple[str, str], tuple[str, ...]], carriers: Iterable[_Carrier]) -> str:
    """SQL true from the start of the plan until the swap is done: before migra's rename an enum
    (`enums`: the re-created ones and their new labels) does not have its new labels yet, after
    it its old version exists; a range whose own definition changes is not the target's yet, or
    its old version exists. The re-run guards of what is dropped and created around the swap
    (views, functions, catalog objects) look ahead with it; a re-run does nothing. Empty: no swap."""
    return " OR ".join(
        [
            f"pg_catalog.to_regtype({literal(f'{ident(s)}.{ident(n + OLD_SUFFIX)}')}) IS NOT NULL OR "
            "ARRAY(SELECT e.enumlabel::pg_catalog.text FROM pg_catalog.pg_enum e WHERE e.enumtypid = "
            f"pg_catalog.to_regtype({literal(f'{ident(s)}.{ident(n)}')}) ORDER BY e.enumsortorder) "
            f"IS DISTINCT FROM {text_array(labels)}"
            for (s, n), labels in sorted(enums.items())
        ]
        + [f"{_regtype(c.aside)} IS NOT NULL OR NOT {c.settled}" for c in carriers if c.settled is not None]
    )


def _located_create(inspector: Any, obj: tuple[str, str, str, str, str]) -> str | None:
    found = _locate(inspector, obj)
    return str(getattr(inspector, found[0])[found[1]].create_statement) if found is not None else None


def _carrier_swap(
    carriers: tuple[_Carrier, ...],
    enums: Iterable[tuple[str, str]],
    swapping: str,
    deps: Iterable[Dep],
    src_cols: dict[tuple[str, str, str], tuple[str, Any, Any]],
    tgt_cols: dict[tuple[str, str, str], tuple[str, Any, Any]],
    support: dict[tuple[str, str, str], str | None] | None = None,
) -> list[str]:
    """Inside the enum's re-creation (the new enum exists, the old one is renamed aside): each
    carrier renamed aside, created anew (inner ones first), the table columns of a carrier type
    re-typed through text (the defaults using a carrier dropped before and set after), the old
    carriers dropped (outer ones first); a carrier the plan drops goes here, once its columns
    have their new types. `enums`: the re-created enums; `swapping`: `_swap_pending`'s;
    `support`: the ranges' own functions (`_Carrier.support`) and their CREATE in the target
    (None: the plan drops the function)."""
    names = {(c.schema, c.name) for c in carriers}
    enums = set(enums)
    support = support or {}
    # the swapped types under their names aside: what the old support functions take by then
    named = qualified_names(enums | names)
    by_name = {
        f"{quote_ident(s)}.{quote_ident(n)}": f"{quote_ident(s)}.{quote_ident(n + OLD_SUFFIX)}"
        for s, n in enums | names
    }

    def named_aside(m: re.Match[str]) -> str:
        return by_name[m[1]]

    out = []
    kept = [c for c in carriers if c.create is not None]
    for c in kept:
        need = (
            f"pg_catalog.to_regtype({literal(c.qname)}) IS NOT NULL "
            f"AND pg_catalog.to_regtype({literal(c.aside)}) IS NULL AND ({swapping})"
        )
        out.append(guarded(need, f"ALTER {c.keyword} {c.qname} RENAME TO {ident(c.name + OLD_SUFFIX)}"))
        if c.kind == "range" and c.multirange:
            out += _multirange_aside(c)
        if c.subtype is not None:
            out += _constructors_aside(c, c.subtype)
        for have, _ in c.opclasses:  # its own operator class and family: their names are the new ones'
            free = f"NOT {_opclass_exists(have, have.bare + OLD_SUFFIX)}"
            need = f"({swapping}) AND {_opclass_exists(have, have.bare)} AND {free}"
            out.append(guarded(need, _opclass_sql(have, "rename", have.bare)))
    # A typed table (CREATE TABLE … OF) follows its type: its columns cannot be re-typed, nor can
    # it take another type, except by leaving its type (NOT OF) and, its columns re-typed as any
    # table's, becoming a table of the new one (OF, which checks the columns match).
    of_type = {
        (d.schema, d.name): (d.ref_schema, d.ref_name)
        for d in deps
        if d.kind == "typed table" and (d.ref_schema, d.ref_name) in {(c.schema, c.name) for c in kept}
    }
    for (schema, table), (type_schema, type_name) in sorted(of_type.items()):
        qtable = f"{ident(schema)}.{ident(table)}"
        aside = f"{ident(type_schema)}.{ident(type_name + OLD_SUFFIX)}"
        out.append(guarded(f"({swapping}) AND {_of_type(qtable)} = {_regtype(aside)}", f"ALTER TABLE {qtable} NOT OF"))
    # the ranges' own functions over the new types first (another overload of each: the old
    # one takes the types aside), their ranges' new versions use them
    out += [sql.strip().rstrip(";") + ";" for sql in dict.fromkeys(v for v in support.values() if v)]
    for c in kept:  # the ranges' own operator classes (and families) over the new types
        for _, want in c.opclasses:
            need = f"({swapping}) AND NOT {_opclass_exists(want, want.bare)}"
            out.append(guarded_block(need, *(literal(sql) for sql in want.create)))
    out += [c.create.strip().rstrip(";") + ";" for c in kept if c.create is not None]
    dropped = {(c.schema, c.name) for c in carriers if c.create is None}
    typed: dict[tuple[str, str, str], set[tuple[str, str]]] = {}
    defaulted: dict[tuple[str, str, str], set[tuple[str, str]]] = {}
    for d in deps:
        ref = (d.ref_schema, d.ref_name)
        if d.ref_kind != "type" or d.kind not in ("column", "default"):
            continue
        # a typed table's columns of the enum itself too (migra's ALTER … TYPE is refused there)
        if ref in names or (ref in enums and (d.schema, d.table or "") in of_type):
            found = typed if d.kind == "column" else defaulted
            found.setdefault((d.schema, d.table or "", d.name), set()).add(ref)
    parents = {k: t for _, (k, t, _) in src_cols.items()}
    affected = []
    for col in sorted(typed.keys() | defaulted.keys()):
        if col not in src_cols:
            continue  # a view's or a composite type's column
        _, table, old = src_cols[col]
        inherited = any(col[2] in parents[p].columns for p in _parents(table) if p in parents)
        if old.is_inherited or inherited:
            continue  # goes with its parent's (ALTER recurses)
        typ = None
        if col in typed:
            # A carrier the plan keeps keeps its name; one it drops leaves the column with its
            # new type (or text, when the plan drops the column too).
            keeps = not (typed[col] & dropped)
            typ = old.dbtypestr if keeps else tgt_cols[col][2].dbtypestr if col in tgt_cols else "text"
        restore = not ((typed.get(col, set()) | defaulted.get(col, set())) & dropped)
        affected.append((table.quoted_full_name, old, typ, restore))

    def column_is(table: str, old: Any, cond: str) -> str:
        return (
            "EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = "
            f"pg_catalog.to_regclass({literal(table)}) AND a.attname = {literal(old.name)} AND NOT a.attisdropped"
            f"{cond})"
        )

    # Guarded by the swap, not by the column's type or default: before the rename aside, the
    # type's name still means the old one (a check would find nothing to do). A column keeps its
    # type's name (the plan re-types it afterwards if it changes); the default that uses the old
    # type is dropped and set again (the plan changes it afterwards if it changes).
    defaults = [(table, old, restore) for table, old, _, restore in affected if old.default and not old.is_generated]
    for table, old, _ in defaults:
        out.append(
            guarded(
                f"({swapping}) AND {column_is(table, old, ' AND a.atthasdef')}",
                f"ALTER TABLE {table} ALTER COLUMN {old.quoted_name} DROP DEFAULT",
            )
        )
    for table, old, typ, _ in affected:
        if typ is not None:
            name = old.quoted_name
            out.append(
                guarded(
                    f"({swapping}) AND {column_is(table, old, '')}",
                    f"ALTER TABLE {table} ALTER COLUMN {name} TYPE {typ} USING {name}::text::{typ}",
                )
            )
    for (schema, table), (type_schema, type_name) in sorted(of_type.items()):
        qtable, qtype = f"{ident(schema)}.{ident(table)}", f"{ident(type_schema)}.{ident(type_name)}"
        out.append(guarded(f"({swapping}) AND {_of_type(qtable)} = 0", f"ALTER TABLE {qtable} OF {qtype}"))
    for c in reversed(carriers):
        drops = [f"DROP {c.keyword} IF EXISTS {c.aside if c.create is not None else c.qname}"]
        # a range's old support functions with it, in one statement (nothing may come between)
        drops += [
            f"DROP FUNCTION IF EXISTS {ident(schema)}.{ident(name)}({named.sub(named_aside, args) if named else args})"
            for schema, name, args in c.support
        ]
        drops += [_opclass_sql(have, "drop", have.bare + OLD_SUFFIX) for have, _ in reversed(c.opclasses)]
        out.append(guarded(swapping, ";\n".join(drops)))
    for table, old, restore in defaults:
        if not restore:
            continue  # it uses a type the plan drops: the plan sets the column's new default
        out.append(
            guarded(
                f"({swapping}) AND {column_is(table, old, ' AND NOT a.atthasdef')}",
                f"ALTER TABLE {table} ALTER COLUMN {old.quoted_name} SET DEFAULT {old.default}",
            )
        )
    return out


def _regtype(name: str) -> str:
    return f"pg_catalog.to_regtype({literal(name)})"


def _of_type(table: str) -> str:
    """The type a table is a typed table of (0: none), NULL when there is no such table."""
    return f"(SELECT c.reloftype FROM pg_catalog.pg_class c WHERE c.oid = pg_catalog.to_regclass({literal(table)}))"


def _constructors_aside(c: _Carrier, subtype: str) -> list[str]:
    """A range renamed aside keeps its constructors' names (PostgreSQL does not rename them): a
    new version over the same subtype would collide with them. They are renamed aside too (and
    go with the old version)."""
    out = []
    for args in (f"{subtype}, {subtype}", f"{subtype}, {subtype}, text"):
        constructor = f"{c.qname}({args})"
        returns = (
            "(SELECT p.prorettype FROM pg_catalog.pg_proc p WHERE p.oid = "
            f"pg_catalog.to_regprocedure({literal(constructor)}))"
        )
        rename = f"ALTER FUNCTION {constructor} RENAME TO {ident(c.name + OLD_SUFFIX)}"
        out.append(guarded(f"{returns} = {_regtype(c.aside)}", rename))
    return out


def _multirange_aside(c: _Carrier) -> list[str]:
    """A range renamed aside keeps its multirange's name, and the multirange's constructor without
    arguments keeps its own (PostgreSQL renames neither): both are renamed aside too, else the
    new range's multirange and constructors collide with them."""
    assert c.multirange is not None
    multi = f"{ident(c.schema)}.{ident(c.multirange)}"
    aside_name = c.multirange + OLD_SUFFIX
    of_aside = f"(SELECT r.rngmultitypid FROM pg_catalog.pg_range r WHERE r.rngtypid = {_regtype(c.aside)})"
    constructor = f"{multi}()"
    returns = (
        "(SELECT p.prorettype FROM pg_catalog.pg_proc p WHERE p.oid = "
        f"pg_catalog.to_regprocedure({literal(constructor)}))"
    )
    aside = f"{ident(c.schema)}.{ident(aside_name)}"
    return [
        guarded(f"{of_aside} = {_regtype(multi)}", f"ALTER TYPE {multi} RENAME TO {ident(aside_name)}"),
        guarded(f"{returns} = {_regtype(aside)}", f"ALTER FUNCTION {constructor} RENAME TO {ident(aside_name)}"),
    ]


def _policies_in_place(src: Any, tgt: Any, deps: Iterable[Dep], rec: _Recreation) -> list[str]:
    """ALTER POLICY for policies whose roles or expressions change, instead of migra's drop + create
    (which leaves the table without the policy in between).

    Only where ALTER POLICY can say it (same command and permissiveness; USING or WITH CHECK may
    be set but not removed) and nothing the old policy uses goes away or is re-created first
    (PostgreSQL would refuse to drop it while the policy uses it). `src` takes the target's
    policy so migra leaves it alone.
    """
    src_cols, tgt_cols = _columns(src), _columns(tgt)
    uses: dict[tuple[str, str, str], list[Dep]] = {}
    for d in deps:
        if d.kind == "policy":
            uses.setdefault((d.schema, d.table or "", d.name), []).append(d)

    def kept(d: Dep) -> bool:
        if d.ref_kind == "column":
            col = (d.ref_schema, d.ref_name, d.ref_sub or "")
            return col in tgt_cols and col in src_cols and tgt_cols[col][2].dbtypestr == src_cols[col][2].dbtypestr
        if d.ref_kind == "type":
            return (d.ref_schema, d.ref_name) not in rec.types
        found = _locate(src, ("function", d.ref_schema, "", d.ref_name, d.ref_sub or ""))
        if d.ref_kind == "function":
            if found is None or found[1] not in tgt.selectables:
                return False
            old, new = src.selectables[found[1]], tgt.selectables[found[1]]
            return bool(old == new or old.can_replace(new))
        if d.ref_kind == "relation":
            return any((v.schema, v.name) == (d.ref_schema, d.ref_name) for v in tgt.selectables.values())
        return False

    changes, out = {}, []
    for k, new in tgt.rlspolicies.items():
        old = src.rlspolicies.get(k)
        if old is None or old == new or type(old) is not type(new):
            continue  # added, removed, unchanged, or re-created on purpose (`_changed`)
        if (old.permissive, old.commandtype) != (new.permissive, new.commandtype):
            continue
        if (old.qual and not new.qual) or (old.withcheck and not new.withcheck):
            continue
        if ("policy", old.schema, old.table_name, old.name, "") in rec.objects:
            continue
        if not all(kept(d) for d in uses.get((old.schema, old.table_name, old.name), ())):
            continue
        clauses = [f"to {', '.join(r if r == 'public' else ident(r) for r in new.roles)}"]
        clauses += [f"using ({new.qual})"] if new.qual else []
        clauses += [f"with check ({new.withcheck})"] if new.withcheck else []
        out.append(f"alter policy {new.quoted_name} on {new.quoted_full_table_name} {' '.join(clauses)};")
        changes[k] = new
    _replace(src, "rlspolicies", changes)
    return out


def _child_defaults(src: Any, tgt: Any) -> list[str]:
    """SET / DROP DEFAULT on partitions and inheritance children whose default for a column differs
    from the one they get: migra alters no partition's columns, a new child copies its parent's
    default, and a parent's SET DEFAULT (which recurses) overrides its children's own."""
    out = []
    for k, new in tgt.tables.items():
        for name, c in new.columns.items():
            # the (first) parent it takes the column from
            holder = next((p for p in _parents(new) if name in getattr(tgt.tables.get(p), "columns", {})), None)
            if holder is None or c.is_generated or c.is_identity:
                continue
            parent, old, before = tgt.tables[holder], src.tables.get(k), src.tables.get(holder)
            wanted, from_parent = c.default, parent.columns[name].default
            parent_changes = before is None or name not in before.columns or before.columns[name].default != from_parent
            if old is not None and name in old.columns and not parent_changes:
                if new.is_alterable:
                    continue  # migra alters it
                had = old.columns[name].default
            else:
                had = from_parent
            if wanted == had:
                continue
            table = new.quoted_full_name
            out.append(c.add_default_statement(table) if wanted else c.drop_default_statement(table))
    return out


def _partition_rls(src: Any, tgt: Any) -> list[str]:
    """ENABLE / DISABLE ROW LEVEL SECURITY of a partition that stays one: migra alters no
    partition (a new one it creates with its row level security)."""
    return [
        str(new.alter_rls_statement)
        for k, new in tgt.tables.items()
        if not new.is_alterable and (old := src.tables.get(k)) is not None and old.rowsecurity != new.rowsecurity
    ]


def _bound_changes(src: Any, tgt: Any) -> list[str]:
    """A partition whose bound changes is detached and attached again with the new one, keeping
    its rows, indexes and constraints (migra writes nothing for it)."""
    out = []
    for k, new in tgt.tables.items():
        old = src.tables.get(k)
        if old is None or not new.parent_table or old.parent_table != new.parent_table:
            continue
        if not old.partition_def or not new.partition_def or old.partition_def == new.partition_def:
            continue
        child, parent = (new.schema, new.name), new.parent_table
        detach = f"ALTER TABLE {parent} DETACH PARTITION {new.quoted_full_name}"
        attach = f"ALTER TABLE {parent} ATTACH PARTITION {new.quoted_full_name} {new.partition_def}"
        out.append(partition_bound_guard(child, new.partition_def, detach, attached=True))
        out.append(partition_bound_guard(child, new.partition_def, attach, attached=False))
    return out


def _recast_array(enums: Any, d: Dep, new: tuple[str, Any, Any], old: Any) -> list[str]:
    """Re-type an array column of a re-created enum (migra re-types only plain enum columns)."""
    _, table, column = new
    enum = next((e for e in enums.values() if (e.schema, e.name) == (d.ref_schema, d.ref_name)), None)
    if enum is None or column.dbtypestr != old.dbtypestr:
        return []
    name, typ = column.quoted_name, enum.quoted_full_name
    out = [old.drop_default_statement(table.quoted_full_name)] if old.default else []
    out.append(f"alter table {table.quoted_full_name} alter column {name} type {typ}[] using {name}::text[]::{typ}[];")
    if column.default:
        out.append(column.add_default_statement(table.quoted_full_name))
    return out


def _recreate_matview_indexes(src: Any, tgt: Any) -> None:
    """A materialized view that migra re-creates loses its indexes: re-create them too."""
    ordered = OrderedDict
    diff = migra.changes.get_selectable_differences(
        ordered(sorted(src.selectables.items())),
        ordered(sorted(tgt.selectables.items())),
        src.enums,
        tgt.enums,
    )
    modified_other = diff[7]
    views = {(v.schema, v.name) for v in modified_other.values() if v.relationtype == "m"}
    changes = {
        k: _changed(i)
        for k, i in src.indexes.items()
        if (i.schema, i.table_name) in views and k in tgt.indexes and i == tgt.indexes[k]
    }
    _replace(src, "indexes", changes)


def _constraint_validity(src: Any, tgt: Any, source: Inspection, target: Inspection) -> list[str]:
    """Keep NOT VALID constraints unvalidated; validate in place where only validity changes."""
    tgt_changes, src_changes, validate = {}, {}, []
    for k, c in tgt.constraints.items():
        ident = (c.schema, c.table_name, c.name)
        old = src.constraints.get(k)
        if ident in target.not_valid:
            tgt_changes[k] = copy.copy(c)
            tgt_changes[k].__class__ = _NotValidConstraint
        elif (
            old is not None
            and ident in source.not_valid
            and old != c
            and type(old) is type(c)
            and same_but_validity(old.definition, c.definition)
        ):
            # VALIDATE CONSTRAINT checks the rows without dropping and re-adding the constraint.
            same = copy.copy(old)
            same.definition = c.definition
            src_changes[k] = same
            validate.append(c.validate_statement)
    _replace(tgt, "constraints", tgt_changes)
    _replace(src, "constraints", src_changes)
    return validate


def _selectables(changes: Any, *, functions: bool, drops: bool) -> list[str]:
    """Drops or creations of views and materialized views, or of functions (not tables)."""
    ordered = OrderedDict
    frm, to = ordered(sorted(changes.i_from.selectables.items())), ordered(sorted(changes.i_target.selectables.items()))
    diff = migra.changes.get_selectable_differences(frm, to, changes.i_from.enums, changes.i_target.enums, True)
    added, removed, modified, replaceable = diff[5], diff[6], diff[7], diff[8]

    def pick(items: Any) -> Any:
        return ordered((k, v) for k, v in items.items() if (v.relationtype == "f") == functions)

    added, removed, modified = pick(added), pick(removed), pick(modified)
    flags = {"drops_only": True} if drops else {"creations_only": True}
    out = migra.changes.statements_from_differences(
        added, removed, modified, replaceable=replaceable, dependency_ordering=True, old=frm, **flags
    )
    if functions and not drops and (added or modified):
        out = ["set check_function_bodies = off;", *out]
    return list(out)


def _add_all_changes(m: Any) -> None:
    """migra's `add_all_changes` (without privileges), ordered so that drop/create spans nest.

    Views and materialized views are dropped before constraints and functions and created after
    them (migra drops constraints first but creates them first too): a view re-created around
    a constraint or function re-created in its span, never across it. The re-run guards need
    nested spans; PostgreSQL needs views gone before what they use changes. Collations are
    left to `supplement.collations` (migra prints ICU ones with `locale = 'None'`).
    """
    c = m.changes
    for step in (
        c.schemas(creations_only=True),
        c.extensions(creations_only=True, modifications=False),
        c.extensions(modifications_only=True, modifications=True),
        c.enums(creations_only=True, modifications=False),
        c.sequences(creations_only=True),
        c.triggers(drops_only=True),
        c.rlspolicies(drops_only=True),
        c.mv_indexes(drops_only=True),
        _selectables(c, functions=False, drops=True),
        c.non_pk_constraints(drops_only=True),
        _selectables(c, functions=True, drops=True),
        c.pk_constraints(drops_only=True),
        c.non_mv_indexes(drops_only=True),
        c.tables_only_selectables(),
        c.sequences(drops_only=True),
        c.enums(drops_only=True, modifications=False),
        c.extensions(drops_only=True, modifications=False),
        c.non_mv_indexes(creations_only=True),
        c.pk_constraints(creations_only=True),
        _selectables(c, functions=True, drops=False),
        c.non_pk_constraints(creations_only=True),
        _selectables(c, functions=False, drops=False),
        c.mv_indexes(creations_only=True),
        c.rlspolicies(creations_only=True),
        c.triggers(creations_only=True),
        c.schemas(drops_only=True),
    ):
        m.add(step)


def _whole_partitioned_index(sql: str) -> str:
    # `ON ONLY parent` (how pg_get_indexdef prints a partitioned table's index) stays INVALID
    # until every partition's index is attached; without ONLY, PostgreSQL builds them all.
    return without_only(sql) or sql


def _typed_tables(source: Inspection, target: Inspection) -> dict[str, list[tuple[Any, Any]]]:
    """Tables that are typed tables (`CREATE TABLE … OF`) of the same composite type on both sides:
    the type's quoted name -> (source table, target table) as the engine inspected them."""
    have = source.catalog.snapshots[table_options.__name__]
    want = target.catalog.snapshots[table_options.__name__]
    out: dict[str, list[tuple[Any, Any]]] = {}
    for qname, rel in want.items():
        old = have.get(qname)
        if rel.of_type is None or old is None or old.of_type != rel.of_type:
            continue
        key = f"{quoted_identifier(rel.schema)}.{quoted_identifier(rel.name)}"
        src, tgt = source.inspector.tables.get(key), target.inspector.tables.get(key)
        if src is not None and tgt is not None:
            out.setdefault(rel.of_type, []).append((src, tgt))
    return out


def _composite_types_around_tables(
    stmts: tuple[str, ...],
    source: Any,
    target: Any,
    swapped: frozenset[tuple[str, str]] = frozenset(),
    typed: dict[str, list[tuple[Any, Any]]] | None = None,
) -> tuple[str, ...]:
    """Create new composite types before anything else and drop removed ones after everything:
    migra creates them after the columns that use them and drops them before those columns.
    `swapped`: (schema, name) of those re-created around an enum (`_carrier_swap`), left alone.
    `typed`: the typed tables of each composite type (`_typed_tables`), whose columns follow their
    type's attributes (ADD/DROP ATTRIBUTE … CASCADE): the engine's own ADD/DROP COLUMN on them
    ("cannot add column to typed table") give way to the options the new columns declare."""
    creates = {
        t.create_statement.strip()
        for k, t in getattr(target, "composite_types", {}).items()
        if k not in getattr(source, "composite_types", {})
    }
    drops = {
        t.drop_statement.strip()
        for k, t in getattr(source, "composite_types", {}).items()
        if k not in getattr(target, "composite_types", {})
    }
    # A type that only gains or loses attributes is altered in place: migra's drop + create fails
    # as soon as a column uses the type (and would lose the values).
    in_place: dict[str, list[str]] = {}
    replaced: set[str] = set()
    for k, new in getattr(target, "composite_types", {}).items():
        old = getattr(source, "composite_types", {}).get(k)
        if old is None or old == new or (new.schema, new.name) in swapped:
            continue
        alters = _attribute_changes(old, new)
        if alters is not None:
            replaced |= {old.drop_statement.strip(), new.create_statement.strip()}
            for src, tgt in (typed or {}).get(f"{quote_ident(new.schema)}.{quote_ident(new.name)}", []):
                gone, come = src.columns.keys() - tgt.columns.keys(), tgt.columns.keys() - src.columns.keys()
                replaced |= {src.alter_table_statement(src.columns[n].drop_column_clause).strip() for n in gone}
                replaced |= {tgt.alter_table_statement(tgt.columns[n].add_column_clause).strip() for n in come}
                alters = alters + [
                    tgt.alter_table_statement(clause).strip()
                    for n in sorted(come)
                    for clause in _column_options(tgt.columns[n])
                ]
            in_place[new.create_statement.strip()] = alters
    first = [sql for sql in stmts if sql in creates]
    last = [sql for sql in stmts if sql in drops]
    middle: list[str] = []
    for sql in stmts:
        if sql in creates or sql in drops:
            continue
        if sql in replaced:
            middle += in_place.get(sql, [])
            continue
        middle.append(sql)
    return (*first, *middle, *last)


def _column_options(column: Any) -> list[str]:
    """The clauses giving a typed table's column that its type's ADD ATTRIBUTE made the options it
    declares (`WITH OPTIONS`: a default, NOT NULL)."""
    out = [f"alter column {column.quoted_name} set default {column.default}"] if column.default else []
    return out + ([column.alter_not_null_clause] if column.not_null else [])


def _attribute_changes(old: Any, new: Any) -> list[str] | None:
    """ADD/DROP ATTRIBUTE statements (guarded) when only whole attributes come and go; else None."""
    have = {n: c.dbtypestr for n, c in old.columns.items()}
    want = {n: c.dbtypestr for n, c in new.columns.items()}
    if any(have[n] != want[n] for n in have.keys() & want.keys()):
        return None  # ALTER ATTRIBUTE … TYPE is refused while a column uses the type
    typ = new.quoted_full_name
    rel = f"(SELECT t.typrelid FROM pg_catalog.pg_type t WHERE t.oid = pg_catalog.to_regtype({literal(typ)}))"

    def exists(name: str) -> str:
        return (
            f"EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = {rel} "
            f"AND a.attname = {literal(name)} AND NOT a.attisdropped)"
        )

    out = [guarded(exists(n), f"ALTER TYPE {typ} DROP ATTRIBUTE {ident(n)} CASCADE") for n in have if n not in want]
    out += [
        guarded(f"NOT {exists(n)}", f"ALTER TYPE {typ} ADD ATTRIBUTE {ident(n)} {want[n]} CASCADE")
        for n in want
        if n not in have
    ]
    return out


def _inherited_drops(stmts: Iterable[str], source: Inspection) -> set[str]:
    """Drops of constraints a child holds only through its parent, where the parent's or the child
    goes too (it takes them along; on their own they fail: "cannot drop inherited constraint"), and of the
    indexes of partitioned tables' keys that go."""
    cons = {(c.schema, c.table_name, c.name): c for c in source.inspector.constraints.values()}
    drops = {k: c.drop_statement.strip() for k, c in cons.items()}
    planned = {s.strip() for s in stmts if s}
    tables = source.inspector.tables

    def table_goes(key: tuple[str, str, str]) -> bool:
        table = tables.get(cons[key].quoted_full_table_name)
        return table is not None and str(table.drop_statement).strip() in planned

    # A dropped partition or child takes them along too (a new partition's rollback).
    out = {
        drops[child]
        for child, parent in source.inherited
        if child in drops and ((parent in drops and drops[parent] in planned) or table_goes(child))
    }
    # A dropped child's own check that it also holds through its parent (given it before INHERIT)
    # cannot be dropped on its own either ("cannot drop inherited constraint"): it goes with it.
    for key, c in cons.items():
        parent = getattr(tables.get(c.quoted_full_table_name), "parent_table", None)
        if parent and f"{parent}.{quoted_identifier(c.name)}" in source.inspector.constraints and table_goes(key):
            out.add(drops[key])
    # A partitioned table's key takes its index along too (it is not re-created apart from it:
    # `_PartitionedConstraint`).
    for c in source.inspector.constraints.values():
        partitioned = getattr(tables.get(c.quoted_full_table_name), "is_partitioned", False)
        if c.index is not None and partitioned and c.drop_statement.strip() in planned:
            out.add(c.index.drop_statement.strip())
    return out


def _children_under_check_added_again(
    stmts: tuple[str, ...], source: Inspection, target: Inspection
) -> tuple[str, ...]:
    """A new inheritance child that is to hold a NOT VALID copy of its parent's standing NOT VALID
    check only through the parent (as one that existed before the check does): `CREATE TABLE …
    INHERITS` would copy it valid. The parent's check is dropped, the child created and the check
    added again NOT VALID (which gives every child a NOT VALID copy, merging with those a child
    holds as its own); the inherited-only copies that were valid are validated again and the
    check's comment is put back. One block, run only while the child does not exist."""
    src, tgt = source.inspector, target.inspector
    out = list(stmts)
    for key, new in tgt.tables.items():
        if key in src.tables or new.partition_def or not _parents(new):
            continue
        checks = [
            parent
            for child, parent in target.inherited
            if child[:2] == (new.schema, new.name) and child in target.not_valid and parent in target.not_valid
        ]
        standing = [
            src.constraints[k]
            for p in checks
            if (k := ".".join(quoted_identifier(x) for x in p)) in src.constraints and p in source.not_valid
        ]
        create = next((i for i, sql in enumerate(out) if _creates_table(sql, new.schema, new.name)), None)
        if not standing or create is None:
            continue
        commands: list[str] = []
        after: list[str] = []
        for c in standing:
            parent, name = c.quoted_full_table_name, quoted_identifier(c.name)
            setting = literal(f"reconcile.comment_{len(commands)}")
            described = (
                "(SELECT d.description FROM pg_catalog.pg_constraint k JOIN pg_catalog.pg_description d ON "
                f"d.classoid = 'pg_catalog.pg_constraint'::pg_catalog.regclass AND d.objoid = k.oid "
                f"WHERE k.conrelid = {regclass(parent)} AND k.conname = {literal(c.name)})"
            )
            commands.append(literal(f"SELECT pg_catalog.set_config({setting}, COALESCE({described}, ''), true)"))
            commands.append(literal(f"ALTER TABLE {parent} DROP CONSTRAINT {name}"))
            after.append(literal(f"ALTER TABLE {parent} ADD CONSTRAINT {name} {c.definition}"))
            after.append(
                f"CASE pg_catalog.current_setting({setting}) WHEN '' THEN 'SELECT' "
                f"ELSE {literal(f'COMMENT ON CONSTRAINT {name} ON {parent} IS ')} || "
                f"pg_catalog.quote_literal(pg_catalog.current_setting({setting})) END"
            )
            # the other children's inherited-only copies that are valid, at any depth
            pending = {(c.schema, c.table_name, c.name)}
            while pending:
                below = {ch for ch, p in target.inherited if p in pending and ch[:2] != (new.schema, new.name)}
                for ch in sorted(below):
                    if ch not in target.not_valid:
                        table = ".".join(quoted_identifier(x) for x in ch[:2])
                        after.append(literal(f"ALTER TABLE {table} VALIDATE CONSTRAINT {quoted_identifier(ch[2])}"))
                pending = below
        sql = out[create]
        out[create] = guarded_block(f"pg_catalog.to_regclass({literal(key)}) IS NULL", *commands, literal(sql), *after)
    return tuple(out)


def _creates_table(sql: str, schema: str, name: str) -> bool:
    c = created_object(sql)
    return (
        c is not None and c[0] == "relation" and (c[1], c[2]) == (schema, name) and sql[:12].lower() == "create table"
    )


def _generated_dropped_first(stmts: tuple[str, ...], source: Inspection) -> tuple[str, ...]:
    """A generated column the plan drops goes before the other columns of its table the plan
    drops (migra drops in column order): one its expression uses cannot go while it stands."""
    out = list(stmts)
    for table in source.inspector.tables.values():
        if not table.is_alterable or not any(c.is_generated for c in table.columns.values()):
            continue
        drops = {
            str(table.alter_table_statement(c.drop_column_clause)).strip(): bool(c.is_generated)
            for c in table.columns.values()
        }
        at = [i for i, sql in enumerate(out) if sql in drops]
        if not any(drops[out[i]] for i in at):
            continue
        ordered = sorted((out[i] for i in at), key=lambda sql: not drops[sql])
        for i, sql in zip(at, ordered, strict=True):
            out[i] = sql
    return tuple(out)


def _partitions_detached_before_drop(stmts: tuple[str, ...], source: Inspection, target: Inspection) -> tuple[str, ...]:
    """A partition that goes while its partitioned table stays, where a foreign key references
    that table, is detached first: PostgreSQL refuses to drop it attached (the foreign key depends
    on it). Guarded by the partition still being attached, so a re-run does nothing."""
    tables = source.inspector.tables
    referenced = {
        c.quoted_full_foreign_table_name for c in source.inspector.constraints.values() if getattr(c, "is_fk", False)
    }
    out = list(stmts)
    for key, t in tables.items():
        parent = getattr(t, "parent_table", None)
        drop = str(t.drop_statement).strip()
        if not t.partition_def or parent not in referenced or parent not in target.inspector.tables or drop not in out:
            continue
        attached = (
            "EXISTS (SELECT FROM pg_catalog.pg_inherits "
            f"WHERE inhrelid = pg_catalog.to_regclass({literal(key)}) "
            f"AND inhparent = pg_catalog.to_regclass({literal(parent)}))"
        )
        at = out.index(drop)
        out.insert(at, guarded(attached, f"ALTER TABLE {parent} DETACH PARTITION {key}"))
    return tuple(out)


def _inherited_validations(source: Inspection, target: Inspection, skipped: set[str]) -> list[str]:
    """VALIDATE CONSTRAINT for a child's inherited check that is valid where its parent's is NOT
    VALID (a child created after the parent's NOT VALID check gets a valid copy; one created before
    gets a NOT VALID one): the plan creates children first, the parent's check after. `skipped`:
    the adds `_inherited_adds` left out."""
    out = []
    for child, parent in target.inherited:
        c = target.inspector.constraints.get(".".join(quoted_identifier(x) for x in child))
        if c is None or child in target.not_valid or parent not in target.not_valid:
            continue
        # only where the plan creates the child or the parent's check (else the copy stands as it is)
        table = ".".join(quoted_identifier(x) for x in child[:2])
        parent_key = ".".join(quoted_identifier(x) for x in parent)
        fresh = table not in source.inspector.tables or parent_key not in source.inspector.constraints
        if fresh and str(c.create_statement).strip() in skipped:
            out.append(str(c.validate_statement).strip())
    return out


def _inherited_adds(source: Inspection, target: Inspection) -> set[str]:
    """Constraints a child is to hold only through its parent, where the parent gives it them: a
    new child (CREATE TABLE … INHERITS copies the parent's checks) or one that inherits from that
    parent already (ADD CONSTRAINT on the parent recurses). Added on the child too, the constraint
    would become its own (merged), which no SQL undoes. A table that becomes a child must have
    them before INHERIT, so those stay."""
    src, tgt = source.inspector.tables, target.inspector.tables
    out: set[str] = set()
    for (schema, table, name), (p_schema, p_table, _) in target.inherited:
        key = f"{quoted_identifier(schema)}.{quoted_identifier(table)}"
        parent = f"{quoted_identifier(p_schema)}.{quoted_identifier(p_table)}"
        new, old = tgt.get(key), src.get(key)
        if new is None or getattr(new, "partition_def", None):
            continue
        if old is not None and parent not in _parents(old):
            continue
        c = target.inspector.constraints.get(f"{key}.{quoted_identifier(name)}")
        if c is not None:
            out |= {str(sql).strip() for sql in (c.create_statement, *c.safer_create_statements)}
    return out


def _inheriting_children(stmts: tuple[str, ...], source: Inspection, target: Inspection) -> tuple[str, ...]:
    """A new inheritance child is created without the columns it holds only through its parent
    (schemainspect lists every column, which makes them its own), then given the NOT NULL of
    those its parent does not have; defaults are `_child_defaults`'."""
    out = list(stmts)
    for key, new in target.inspector.tables.items():
        if key in source.inspector.tables or not new.parent_table or new.partition_def:
            continue
        only = {c for s, t, c in target.inherited_columns if (s, t) == (new.schema, new.name)}
        parents = [p for name in _parents(new) if (p := target.inspector.tables.get(name)) is not None]
        create = str(new.create_statement).strip()
        if not only or not parents or create not in out:
            continue
        own = copy.copy(new)
        own.columns = type(new.columns)((n, c) for n, c in new.columns.items() if n not in only)
        # a column merged from several parents is NOT NULL where any of them has it so
        extra = [
            f"alter table {new.quoted_full_name} alter column {quoted_identifier(n)} set not null;"
            for n, c in new.columns.items()
            if n in only
            and c.not_null
            and any(n in p.columns for p in parents)
            and not any(p.columns[n].not_null for p in parents if n in p.columns)
        ]
        at = out.index(create)
        out[at : at + 1] = [str(own.create_statement).strip(), *extra]
    return tuple(out)


def _created_alone(source: Inspection, target: Inspection) -> dict[str, tuple[str, str]]:
    """New partitions and inheritance children that hold a NOT VALID copy of a check their parent
    holds before the plan creates them: `CREATE TABLE … PARTITION OF` (or `INHERITS`) would give
    them a valid copy, and no ALTER makes an inherited constraint NOT VALID again. Such a table is
    created alone (its columns in its own order), given its constraints (the copy NOT VALID) and
    attached (ATTACH PARTITION / INHERIT keep a child's NOT VALID copy of a NOT VALID check).

    Returns the table -> (its CREATE TABLE as the engine prints it, the one alone). Left as it is:
    an inheritance child holding columns or constraints only through its parent (alone, they would
    become its own; no SQL makes them inherited-only again)."""
    src, tgt = source.inspector, target.inspector
    inherited = {child for child, _ in target.inherited}
    out: dict[str, tuple[str, str]] = {}
    for key, new in tgt.tables.items():
        parent = getattr(new, "parent_table", None)
        if key in src.tables or not parent or parent not in src.tables:
            continue
        constraints = [c for c in tgt.constraints.values() if c.quoted_full_table_name == key]
        copies = [
            c
            for c in constraints
            if c.constraint_type == "CHECK"
            and (c.schema, c.table_name, c.name) in target.not_valid
            and f"{parent}.{quoted_identifier(c.name)}" in src.constraints
        ]
        if not copies:
            continue
        if not new.partition_def and (
            any((s, t) == (new.schema, new.name) for s, t, _ in target.inherited_columns)
            or any((c.schema, c.table_name, c.name) in inherited for c in constraints)
        ):
            continue
        alone = copy.copy(new)
        alone.parent_table = None
        if new.partition_def:
            # A partition shares its parent's identity columns (PostgreSQL 17+): ATTACH makes them
            # so; a table alone with an identity column of its own cannot be attached.
            alone.columns = type(new.columns)((n, _without_identity(c)) for n, c in new.columns.items())
        # a partition that is partitioned itself: schemainspect has its bound where the key would be
        alone.partition_def = getattr(new, "sub_partition_key", None) if new.relationtype == "p" else None
        out[key] = (str(new.create_statement).strip(), str(alone.create_statement).strip())
    return out


def _attach_statements(table: Any) -> list[str]:
    """ATTACH PARTITION, or INHERIT for each parent in order: what makes `table` (created alone)
    the partition or the child it is."""
    if table.partition_def:
        return [str(table.attach_statement).strip()]
    return [_inherit_statement(table.quoted_full_name, p) for p in _parents(table)]


def _without_identity(column: Any) -> Any:
    if not column.is_identity:
        return column
    plain = copy.copy(column)
    plain.is_identity = False
    return plain


def _tables_alone(stmts: tuple[str, ...], alone: dict[str, tuple[str, str]], target: Inspection) -> tuple[str, ...]:
    """Each table of `alone` (`_created_alone`) created alone and attached right after (moved
    after its constraints and indexes by `_attachments_around_constraints`)."""
    out = list(stmts)
    for key, (create, instead) in alone.items():
        if create not in out:
            continue
        at = out.index(create)
        table = target.inspector.tables[key]
        out[at : at + 1] = [instead, *_not_null_names_alone(table, target), *_attach_statements(table)]
    return tuple(out)


def _not_null_names_alone(table: Any, target: Inspection) -> list[str]:
    """PostgreSQL 18 names a table's NOT NULL constraints after it; a partition made with PARTITION
    OF takes its parent's names, which one made alone is given before it is attached (attached, its
    inherited constraints cannot be renamed)."""
    names = target.catalog.snapshots.get(not_null_names.__name__, {})
    out = []
    for column in table.columns:
        found = names.get((f"{quote_ident(table.schema)}.{quote_ident(table.name)}", column))
        old = not_null_names.default_name(table.name, column)
        if found is not None and found[1] != old:
            out.append(not_null_names.rename(table.quoted_full_name, old, found[1]))
    return out


def _children_dropped_first(stmts: tuple[str, ...], source: Any) -> tuple[str, ...]:
    """Drop inheritance children before their parents (migra drops in name order, which fails)."""
    tables = getattr(source, "tables", {})
    drop_of = {t.drop_statement.strip(): key for key, t in tables.items()}
    slots = [i for i, sql in enumerate(stmts) if sql in drop_of]

    def depth(key: str, seen: frozenset[str] = frozenset()) -> int:
        parents = [p for p in _parents(tables.get(key)) if p in tables and p not in seen]
        return max((1 + depth(p, seen | {key}) for p in parents), default=0)

    ordered = sorted((stmts[i] for i in slots), key=lambda sql: -depth(drop_of[sql]))
    out = list(stmts)
    for i, sql in zip(slots, ordered, strict=True):
        out[i] = sql
    return tuple(out)


def recreated_types(source: Inspection, target: Inspection) -> frozenset[tuple[str, str]]:
    """(schema, name) of the enums the diff from `source` to `target` re-creates (labels removed
    or reordered) and of the domains, composite and range types re-created with them: what keeps their
    old versions (an archived copy of a column of one of these types) makes the plan fail."""
    _, src = _enum_additions(source.inspector, target.inspector)
    enums = {
        (new.schema, new.name)
        for key, new in target.inspector.enums.items()
        if (old := src.enums.get(key)) is not None and old != new
    }
    carriers = _carriers(source, src, target, target.inspector, enums)
    return frozenset(enums | _recreated(carriers))


@contextlib.contextmanager
def _collations_printed_by_schema(schemas: dict[str, str]) -> Iterator[None]:
    """While the engine prints columns: a collation by its schema where only one has that name."""
    token = _COLLATION_SCHEMAS.set(schemas)
    try:
        yield
    finally:
        _COLLATION_SCHEMAS.reset(token)


def statements(source: Inspection, target: Inspection) -> tuple[str, ...]:
    """The statements that turn `source` into `target`: migra's, then the supplementary differ's."""
    additions, source_inspector = _enum_additions(source.inspector, target.inspector)
    src, tgt, enum_extra, after, recreated_views, recreated_types, aside, swap = _prepare(
        source, source_inspector, target
    )
    token = _ENUM_EXTRA.set(tuple(enum_extra))
    schemas: dict[str, set[str]] = {}
    for c in [*source.inspector.collations.values(), *target.inspector.collations.values()]:
        schemas.setdefault(c.name, set()).add(c.schema)
    collation_schemas = {n: next(iter(s)) for n, s in schemas.items() if len(s) == 1}
    key_indexes, partitioned_keys = _partitioned_constraints(tgt)
    try:
        with _collations_printed_by_schema(collation_schemas):
            migration = Migration(src, tgt)
            migration.set_safety(False)  # destructive changes are governed by our own policy
            _add_all_changes(migration)
    finally:
        _ENUM_EXTRA.reset(token)
    # Partition indexes attached to a parent index go with it: their own drops would fail.
    skip = {
        i.drop_statement.strip()
        for i in source.inspector.indexes.values()
        if (i.schema, i.name) in source.attached_indexes
    }
    # A serial's sequence whose name the identity replacing it takes (supplement.identity_serial).
    taken = identity_serial.taken_over(
        source.catalog.snapshots[identity_serial.__name__], target.catalog.snapshots[identity_serial.__name__]
    )
    skip |= {q.drop_statement.strip() for q in source.inspector.sequences.values() if (q.schema, q.name) in taken}
    skip |= key_indexes | _inherited_drops(migration.statements, source)
    inherited_adds = _inherited_adds(source, target)
    skip |= inherited_adds
    engine = _composite_types_around_tables(
        tuple(s.strip() for s in [*migration.statements, *after] if s and s.strip() and s.strip() not in skip),
        source.inspector,
        target.inspector,
        recreated_types,
        _typed_tables(source, target),
    )
    # (a child's CREATE TABLE printed again as the engine printed it: collations by their schemas)
    with _collations_printed_by_schema(collation_schemas):
        alone = _created_alone(source, target)
        engine = (
            *_tables_alone(_inheriting_children(engine, source, target), alone, target),
            *_inherited_validations(source, target, inherited_adds),
        )
    engine = _children_under_check_added_again(engine, source, target)
    engine = _partitions_detached_before_drop(_generated_dropped_first(engine, source), source, target)
    engine = _children_dropped_first(
        tuple(_whole_partitioned_index(sql) for sql in engine),
        source.inspector,
    )
    whole = _whole_partitioned_index
    engine = _attached_index_renames(engine, source, target)
    indexes = [(d, whole(sql), {whole(f) for f in first}) for d, sql, first in _partitioned_indexes(tgt, target)]
    engine = _keys_after_partitions(engine, [*partitioned_keys, *indexes])
    engine = _attachments_around_constraints(engine, src, tgt, alone)
    # Every view the engine's statements create is re-created (migra drops and creates the views
    # over a table whose columns change, though their definitions do not): it comes back without
    # its options, comments, grants and triggers, which the supplement must set again.
    created_relations = {
        (c[1], c[2])
        for sql in engine
        if "view" in sql[:40].lower() and (c := created_object(sql)) is not None and c[0] == "relation"
    }
    token_views = ENGINE_RECREATED.set(frozenset(recreated_views) | created_relations)
    token_types = ENGINE_RECREATED_TYPES.set(recreated_types)
    token_catalog = ENGINE_RECREATED_CATALOG.set((_catalog_over_swapped(source, swap), swap.pending, swap.catalog))
    token_swapped = ENGINE_SWAPPED_TYPES.set(swap.types)
    try:
        pre = supplementary_statements(source.catalog, target.catalog, "pre")
        post = supplementary_statements(source.catalog, target.catalog, "post")
    finally:
        ENGINE_SWAPPED_TYPES.reset(token_swapped)
        ENGINE_RECREATED_CATALOG.reset(token_catalog)
        ENGINE_RECREATED_TYPES.reset(token_types)
        ENGINE_RECREATED.reset(token_views)
    # New schemas first and removed ones last: the supplementary parts create (collations,
    # domains) and drop objects in them outside the engine's own schema steps.
    created = {
        x.create_statement.strip() for k, x in target.inspector.schemas.items() if k not in source.inspector.schemas
    }
    dropped = {
        x.drop_statement.strip() for k, x in source.inspector.schemas.items() if k not in target.inspector.schemas
    }
    first = tuple(sql for sql in engine if sql in created)
    last = tuple(sql for sql in engine if sql in dropped)
    engine = tuple(sql for sql in engine if sql not in created and sql not in dropped)
    return order((*first, *additions, *pre, *engine, *post, *last), _order_facts(source, target, aside))


def _names(inspection: Inspection) -> set[Key]:
    """(space, "schema.name") of what `sql.order` tracks: functions, types and relations."""
    inspector = inspection.inspector
    out: set[Key] = {("function", f"{f.schema}.{f.name}") for f in inspector.functions.values()}
    # migra's inspector reads no domains where they are not in the search path: the supplement's own
    domains = inspection.catalog.snapshots.get(f"{__package__}.supplement.domains", {})
    out |= {("type", f"{schema}.{name}") for schema, name in domains}
    for t in inspector.tables.values():
        out |= {("column", f"{t.schema}.{t.name}.{c}") for c in t.columns}
    for coll in ("relations", "sequences"):
        for r in getattr(inspector, coll, {}).values():
            out |= {("relation", f"{r.schema}.{r.name}"), ("type", f"{r.schema}.{r.name}")}
    for coll in ("enums", "domains", "composite_types"):
        out |= {("type", f"{t.schema}.{t.name}") for t in getattr(inspector, coll, {}).values()}
    # aggregates, range types and foreign tables: the supplement's catalog_objects
    spaces = {
        "aggregate": ("function",),
        "type": ("type",),
        "foreign table": ("relation", "type"),
        "operator class": ("opclass",),
        "text search configuration": ("tsconfig",),
    }
    for o in inspection.catalog.snapshots.get(f"{__package__}.supplement.catalog_objects", {}).values():
        out |= {(space, f"{o.schema}.{o.bare}") for space in spaces.get(o.type, ())}
    return out


def _aside_user(user: User, aside: frozenset[tuple[str, str]]) -> User:
    """`user` under the name it has while it is renamed aside (a domain, composite or range type)."""
    if user.kind in ("domain", "range") and (user.schema, user.name) in aside:
        return replace(user, name=user.name + OLD_SUFFIX)
    if user.kind == "column" and user.table and (user.schema, user.table) in aside:
        return replace(user, table=user.table + OLD_SUFFIX)
    return user


def _order_facts(source: Inspection, target: Inspection, aside: frozenset[tuple[str, str]] = frozenset()) -> Facts:
    users: dict[Key, list[User]] = {}
    # A foreign key uses the index of a unique or primary key constraint (named alike).
    index_table = {(i.schema, i.name): i.table_name for i in source.inspector.indexes.values()}
    for d in source.deps:
        ref = f"{d.ref_schema}.{d.ref_name}"
        key = ("column", f"{ref}.{d.ref_sub}") if d.ref_kind == "column" else (d.ref_kind, ref)
        user = User(d.kind, d.schema, d.table, d.name)
        users.setdefault(key, []).append(user)
        if d.ref_kind == "column":  # what uses a column goes before its relation is dropped
            users.setdefault(("relation", ref), []).append(user)
        if d.ref_kind == "relation" and (table := index_table.get((d.ref_schema, d.ref_name))):
            users.setdefault(("constraint", f"{d.ref_schema}.{table}.{d.ref_name}"), []).append(user)
    # The index of a unique or primary key goes once its constraint has (DROP INDEX IF EXISTS after
    # the constraint's drop, wherever that moved).
    for c in source.inspector.constraints.values():
        table = getattr(c, "table_name", None)
        if table and index_table.get((c.schema, c.name)) == table:
            users.setdefault(("index", f"{c.schema}.{c.name}"), []).append(User("constraint", c.schema, table, c.name))
    # An enum (or a type holding one) re-created is renamed aside first: its old version's drop
    # waits for what the plan drops of its users, and of the old versions of its users renamed
    # aside too (a column of the enum that the plan drops is dropped before the enum's old version).
    for schema, name in sorted(aside):
        users[("type", f"{schema}.{name}{OLD_SUFFIX}")] = [
            _aside_user(u, aside) for u in users.get(("type", f"{schema}.{name}"), ())
        ]
    return Facts(frozenset(_names(target) - _names(source)), {k: tuple(v) for k, v in users.items()})
