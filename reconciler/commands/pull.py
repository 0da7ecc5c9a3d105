"""`reconcile pull`: write schema/ from a live database, one file per object kind or per table.

A use case: returns a PullResult, never prints. The statements are the diff engine's from an
EMPTY database to the target (what a plan would run: tables, constraints, functions, views,
policies, triggers, and the supplement's comments, privileges, options, identities, collations,
event triggers, publications), already in dependency order. Each is classified (`sql.objects`)
and placed in its kind's file; files load in lexical path order (`source.py`), so a statement
whose dependency lands in a later file is moved: a function that a table, type or trigger uses
goes to an early file before them (`19_functions_early.sql`), anything else goes to a file right
after what it needs (`21_after_tables.sql`, `31_after_functions.sql`). Every move is reported.
Imports `compare`, `config`, `coverage`, `db`, `diff`, `errors`, `fingerprint`, `model`, `profiles`,
`scratch`, `sql`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import hashlib
import heapq
import json
import os
import re
import shutil
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..core.config import Config
from ..core.errors import ConfigError, ReconcileError
from ..core.model import SchemaFilter, is_system_schema
from ..engine.compare import scratch_server, target_version
from ..engine.coverage import UnmodeledObjects, unmodeled
from ..engine.diff import inspect, statements
from ..engine.fingerprint import INSPECT_SETTINGS
from ..pg.db import Dsn, connection, describe, execute, fetch_all, major_of, query
from ..pg.pooler import refuse_transaction_pooler
from ..sql.guard import ident
from ..sql.objects import (
    ObjectStatement,
    describe_statement,
    folded_key_constraint,
    is_trigger_clone,
    seed_style,
    with_valid_constraint,
)
from ..sql.parse import split
from . import settings
from .target import configured_target

LAYOUTS = ("by-kind", "by-table")

# Where each kind of statement goes (by-kind). Tables keep their constraints, the indexes backing
# them, comments, grants and options; by-table also keeps indexes, triggers and policies with them.
_BY_KIND = {
    "schema": "00_schemas.sql",
    "extension": "01_extensions.sql",
    "type": "10_types.sql",
    "sequence": "15_sequences.sql",
    "table": "20_tables.sql",
    "function": "30_functions.sql",
    "view": "40_views.sql",
    "trigger": "45_triggers.sql",
    "index": "50_indexes.sql",
    "policy": "60_policies.sql",
    "event trigger": "70_event_triggers.sql",
    "publication": "80_publications.sql",
    "other": "85_other.sql",
    # Default privileges last: loaded earlier, they would grant on every object created after them,
    # which the target's objects created before them do not have.
    "default privileges": "90_default_privileges.sql",
}
_STUBS = "02_unmanaged_stand_ins.sql"
_HOME_SPACE_KIND = {
    "schema": "schema",
    "extension": "extension",
    "type": "type",
    "collation": "type",
    "function": "function",
    "event trigger": "event trigger",
    "publication": "publication",
}


@dataclass(frozen=True, slots=True)
class PulledFile:
    path: str  # relative to the schema directory, with forward slashes
    statements: int


@dataclass(frozen=True, slots=True)
class PullResult:
    schema_dir: Path
    layout: str
    files: tuple[PulledFile, ...]
    statements: int
    moved: tuple[str, ...]  # statements placed outside their kind's file, and why
    stand_ins: tuple[str, ...]  # tables of unmanaged schemas written as stand-ins
    target_label: str
    unmodeled: tuple[str, ...] = ()


def pull(config: Config, *, layout: str = "by-kind", force: bool = False) -> PullResult:
    """Write every managed object of the target into config.schema_dir (a fresh folder, or a
    non-empty one replaced only with `force`), atomically."""
    if layout not in LAYOUTS:
        raise ConfigError(f"unknown layout {layout!r}", hint="pass --layout by-kind or --layout by-table")
    out_dir = config.schema_dir
    if out_dir.exists() and not out_dir.is_dir():
        raise ConfigError(f"{config.display(out_dir)} is not a directory", hint="pass --schema-dir DIR")
    if out_dir.is_dir() and any(out_dir.iterdir()) and not force:
        raise ConfigError(
            f"{config.display(out_dir)} is not empty: pull writes a complete schema folder",
            hint="pass --force to replace its contents, or --schema-dir DIR to write a new folder",
        )
    target = configured_target(config)
    # search_path = pg_catalog must hold while the catalog is read: one real session.
    refuse_transaction_pooler(target, "pull schema/")
    version_num, _ = target_version(target)
    sql, stand_ins, items = _creating_statements(config, target, version_num)
    if not sql:
        include, exclude = config.schema_filter.include, config.schema_filter.exclude
        raise ReconcileError(
            f"{describe(target)} has no managed objects to pull (include_schemas: {list(include) or 'all'}, "
            f"exclude_schemas: {list(exclude)})",
            hint="check --target and the schema filters (`include_schemas`, `exclude_schemas`, object rules "
            "in reconcile.yaml); nothing was written",
        )
    files, moved = arrange(sql, layout, server_major=major_of(version_num))
    if stand_ins:
        files = {_STUBS: list(stand_ins), **files}
    _write_atomically(out_dir, {path: _render(path, layout, stmts) for path, stmts in files.items()})
    return PullResult(
        out_dir,
        layout,
        tuple(PulledFile(p, len(files[p])) for p in sorted(files)),
        sum(len(v) for v in files.values()),
        moved,
        tuple(s.split("\n", 1)[0] for s in stand_ins if s.startswith("CREATE TABLE")),
        describe(target),
        items,
    )


def _creating_statements(
    config: Config, target: Dsn, version_num: int
) -> tuple[list[ObjectStatement], tuple[str, ...], tuple[str, ...]]:
    """The diff from an empty scratch database to the target, one statement per string; the
    stand-ins for tables of unmanaged schemas they need; the unmodeled objects allowed."""
    with scratch_server(settings.scratch(config), version_num) as scratch:
        items = unmodeled(target, scratch.dsn, config.schema_filter)
        if items and not config.allow_unmodeled:
            raise UnmodeledObjects(items)
        empty = inspect(scratch.dsn, config.schema_filter, "empty scratch")
        wanted = inspect(target, config.schema_filter, "target")
        raw = statements(empty, wanted)
    sql = [describe_statement(_without_secrets(st.text)) for text in raw for st in split(text)]
    outside = sorted(
        {
            name
            for s in sql
            for space, name in s.uses
            if space == "relation"
            and "." in name
            and not config.schema_filter.manages(name.split(".", 1)[0])
            and not is_system_schema(name.split(".", 1)[0])
        }
    )
    return sql, _stand_ins(target, outside, config.schema_filter) if outside else (), items


_SECRET_READ = re.compile(
    r"pg_catalog\.quote_literal\(pg_catalog\.current_setting\('(reconcile\.secret_[a-z0-9_]+)'\)\)"
)


def _without_secrets(sql: str) -> str:
    """A secret option's value is never written into schema/: a statement that would read it from
    a setting when it runs gets a placeholder (the fingerprint compares no secret's value)."""
    return _SECRET_READ.sub(lambda m: f"/* {m.group(1)} */ '''REPLACE_ME'''", sql)


def _stand_in_type(type_name: str, managed: SchemaFilter) -> str:
    """A column type of a stand-in: as it is, unless it lives in an unmanaged schema (auth.aal_level),
    which the scratch database does not have: text (of the same array depth)."""
    schema = type_name.split(".", 1)[0].strip('"') if "." in type_name.split("(", 1)[0] else None
    if schema is None or managed.manages(schema) or is_system_schema(schema):
        return type_name
    return "text" + "[]" * type_name.count("[]")


def _stand_ins(target: Dsn, names: list[str], managed: SchemaFilter) -> tuple[str, ...]:
    """CREATE TABLE IF NOT EXISTS of each unmanaged table (columns and keys) that managed objects
    use: what a trigger, foreign key or policy on it needs to load into an empty scratch database.
    Unmanaged objects are never compared, so the stand-in only has to exist (a scratch prelude or
    `profile: supabase` that creates the real shape first makes it a no-op)."""
    with connection(target, purpose="pull") as conn:
        execute(conn, INSPECT_SETTINGS)
        rows = fetch_all(conn, query("pull_stub_tables"), {"names": names})
    out: list[str] = []
    for schema in sorted({r[0] for r in rows}):
        out.append(f"CREATE SCHEMA IF NOT EXISTS {ident(schema)}")
    for schema, table, columns, keys in rows:
        cols = json.loads(columns) if isinstance(columns, str) else columns
        defs = [f"  {ident(c)} {_stand_in_type(t, managed)}" for c, t in cols] + [
            f"  {k}" for k in (json.loads(keys) if isinstance(keys, str) else keys)
        ]
        out.append(f"CREATE TABLE IF NOT EXISTS {ident(schema)}.{ident(table)} (\n" + ",\n".join(defs) + "\n)")
    return tuple(out)


def _file_safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


def _table_files(tables: Sequence[str]) -> dict[str, str]:
    """ "schema.table" -> its by-table file: `20_tables/<table>.sql` in public, else
    `<schema>.<table>.sql`; names that would share a file (also on case-insensitive file systems)
    get a short hash of the exact name."""
    wanted = {t: _file_safe(t.split(".", 1)[1] if t.startswith("public.") else t) for t in tables}
    seen: dict[str, int] = {}
    for name in wanted.values():
        seen[name.lower()] = seen.get(name.lower(), 0) + 1
    out = {}
    for t, name in wanted.items():
        if seen[name.lower()] > 1:
            name = f"{name}-{hashlib.sha256(t.encode()).hexdigest()[:8]}"
        out[t] = f"20_tables/{name}.sql"
    return out


def _prefix(path: str) -> int:
    m = re.match(r"(\d+)_", path)
    return int(m.group(1)) if m else 99


def _group(path: str) -> str:
    """`20_tables` of `20_tables/users.sql` or of `20_tables.sql`."""
    return path.split("/", 1)[0].removesuffix(".sql")


def _late(path: str) -> str:
    """The file right after `path`'s group, for statements that need what that group creates."""
    if "_after_" in path:
        return path
    group = _group(path)
    return f"{_prefix(path) + 1:02d}_after_{group.split('_', 1)[1] if '_' in group else group}.sql"


def _early(path: str) -> str | None:
    """The file right before `path`'s group, for functions that group uses."""
    n = _prefix(path)
    return f"{n - 1:02d}_functions_early.sql" if n > 1 else None


def arrange(
    sql: Sequence[ObjectStatement], layout: str, *, server_major: int
) -> tuple[dict[str, list[str]], tuple[str, ...]]:
    """Place the statements (dependency-ordered, one per string) into files; returns
    {relative path: statements in load order (seed style)} and what was moved out of its kind's
    file, and why. Every dependency `sql.objects` reads is met in lexical path order."""
    infos = _not_valid_after_descendants(
        _folded_keys(_without_repeats(_without_trigger_clones(_merged_validation(list(sql)))))
    )
    creators: dict[tuple[str, str], list[int]] = {}
    for i, info in enumerate(infos):
        for key in info.creates:
            creators.setdefault(key, []).append(i)
    deps = [sorted({j for key in info.uses for j in creators.get(key, ()) if j < i}) for i, info in enumerate(infos)]
    relation_kind = {
        info.home: info.kind for info in infos if info.home and info.home[0] == "relation" and info.home in info.creates
    }
    # ALTER SEQUENCE … OWNED BY table.column (kind "table", home the table): a serial's sequence.
    owned_by = {
        u: info.home
        for info in infos
        if info.kind == "table" and info.home and info.sql.lstrip().lower().startswith("alter sequence")
        for u in info.uses
        if relation_kind.get(u) == "sequence"
    }
    # An index's comment or ALTER INDEX goes where the index goes: with its table.
    index_table = {
        key: info.home
        for info in infos
        if info.home is not None and info.home[0] == "relation"
        for key in info.creates
        if key[0] == "index"
    }
    infos_placed = [
        dataclasses.replace(info, home=index_table[info.home]) if info.home in index_table else info for info in infos
    ]
    tables = {
        i.home[1]
        for i in infos_placed
        if i.home and i.home[0] == "relation" and relation_kind.get(i.home, "table") == "table"
    }
    table_files = _table_files(sorted(tables))
    files = [_preferred(info, layout, relation_kind, owned_by, table_files) for info in infos_placed]
    moved: dict[int, str] = {}
    _functions_earlier(infos, deps, files, moved)
    _later_where_needed(infos, deps, files, moved)
    pretty = seed_style([i.sql for i in infos], server_major=server_major)
    out: dict[str, list[str]] = {}
    for i in _table_by_table(infos, deps, files, _BY_KIND["table"]):
        if infos[i].kind == "setting":
            continue  # SET check_function_bodies: written at the top of each file with functions
        out.setdefault(files[i], []).append(pretty[i])
    notes = tuple(sorted({f"{_label(infos[i])} -> {files[i]} ({why})" for i, why in moved.items()}))
    return out, notes


def _table_by_table(infos: list[ObjectStatement], deps: list[list[int]], files: list[str], name: str) -> list[int]:
    """Statement order, except that in the file `name` (by-kind's tables) each table is followed by
    its own constraints, comments and grants, in table name order, and foreign keys come last; a
    statement still never comes before one it needs (a topological order, ties by that key)."""
    members = [i for i, f in enumerate(files) if f == name]
    if not members:
        return list(range(len(infos)))
    inside = set(members)

    def key(i: int) -> tuple[bool, str, int]:
        home = infos[i].home
        foreign = any(k[0] == "keys of" for k in infos[i].uses)
        return (foreign, home[1] if home is not None else "", i)

    waiting = {i: {d for d in deps[i] if d in inside} for i in members}
    users: dict[int, list[int]] = {}
    for i, ds in waiting.items():
        for d in ds:
            users.setdefault(d, []).append(i)
    ready = [key(i) for i, ds in waiting.items() if not ds]
    heapq.heapify(ready)
    ordered: list[int] = []
    while ready:
        i = heapq.heappop(ready)[2]
        ordered.append(i)
        for u in users.get(i, ()):
            waiting[u].discard(i)
            if not waiting[u]:
                heapq.heappush(ready, key(u))
    if len(ordered) != len(members):  # a cycle among known dependencies: keep the diff's order
        return list(range(len(infos)))
    slots = iter(ordered)
    return [next(slots) if i in inside else i for i in range(len(infos))]


def _folded_keys(infos: list[ObjectStatement]) -> list[ObjectStatement]:
    """The diff's `CREATE UNIQUE INDEX x` + `ADD CONSTRAINT x PRIMARY KEY USING INDEX x` as the one
    `ADD CONSTRAINT x PRIMARY KEY (columns)` a person writes, where that builds the same index and
    nothing in between needs the index."""
    by_index = {
        k[1]: i for i, info in enumerate(infos) if info.kind == "index" for k in info.creates if k[0] == "index"
    }
    users: dict[tuple[str, str], list[int]] = {}
    for i, info in enumerate(infos):
        for key in info.uses:
            users.setdefault(key, []).append(i)
    out, folded = list(infos), set()
    for b, info in enumerate(infos):
        a = by_index.get(info.backing_index or "")
        if a is None or a > b:
            continue
        index = infos[a]
        if any(a < c < b for key in index.creates for c in users.get(key, ())):
            continue
        sql = folded_key_constraint(index.sql, info.sql)
        if sql is None:
            continue
        creates = info.creates | index.creates
        out[b] = dataclasses.replace(
            info, sql=sql, creates=creates, uses=(info.uses | index.uses) - creates, backing_index=None
        )
        folded.add(a)
    return [info for i, info in enumerate(out) if i not in folded]


def _without_repeats(infos: list[ObjectStatement]) -> list[ObjectStatement]:
    """The engine creates a serial's sequence twice (with its options, then plain) and sets its
    OWNED BY twice: the first of each is kept."""
    created: set[tuple[str, str]] = set()
    owned: set[tuple[object, ...]] = set()
    out = []
    for info in infos:
        text = info.sql.lstrip().lower()
        if info.kind == "sequence" and text.startswith("create sequence") and info.home in created:
            continue
        if text.startswith("alter sequence") and " owned by " in text:
            key = (info.home, *sorted(info.uses))
            if key in owned:
                continue
            owned.add(key)
        if info.home is not None and info.home in info.creates:
            created.add(info.home)
        out.append(info)
    return out


def _merged_validation(infos: list[ObjectStatement]) -> list[ObjectStatement]:
    """ADD CONSTRAINT … NOT VALID followed by its VALIDATE CONSTRAINT: one plain ADD CONSTRAINT."""
    validated = {i.validates for i in infos if i.validates is not None}
    merged: set[tuple[str, str]] = set()
    out = []
    for info in infos:
        if info.not_valid and validated & info.creates:
            plain = with_valid_constraint(info.sql)
            if plain is not None:
                merged |= validated & info.creates
                info = dataclasses.replace(info, sql=plain, not_valid=False)
        out.append(info)
    return [i for i in out if i.validates is None or i.validates not in merged]


def _without_trigger_clones(infos: list[ObjectStatement]) -> list[ObjectStatement]:
    """A row-level trigger on a partitioned table is cloned onto each partition, by CREATE TRIGGER
    and by CREATE TABLE … PARTITION OF alike; the diff lists each clone as a trigger of its own,
    which cannot be dropped (`DROP TRIGGER IF EXISTS` before re-creating it fails). Clones are
    left out; their enabled state (ALTER TABLE … DISABLE TRIGGER) stays."""
    parent_of = {child: parent for info in infos if info.partition for child, parent in info.inherits}
    if not parent_of:
        return infos
    triggers = {k[1]: info.sql for info in infos if info.kind == "trigger" for k in info.creates if k[0] == "trigger"}

    def clone(info: ObjectStatement) -> bool:
        for space, key in info.creates:
            if space != "trigger":
                continue
            table, name = key.rsplit(".", 1)
            seen = {table}
            while (table := parent_of.get(table, "")) and table not in seen:
                seen.add(table)
                parent = triggers.get(f"{table}.{name}")
                if parent is not None:
                    return is_trigger_clone(info.sql, parent)
        return False

    return [info for info in infos if not (info.kind == "trigger" and clone(info))]


def _not_valid_after_descendants(infos: list[ObjectStatement]) -> list[ObjectStatement]:
    """A constraint added NOT VALID to a table with partitions or inheritance children goes after
    them and after their own statements for a constraint of that name, as pg_dump orders it.
    `ALTER TABLE parent ADD CONSTRAINT … NOT VALID` reaches every descendant: it adds the
    constraint NOT VALID where there is none and merges with one already there, whose validity it
    keeps; a table created after it takes the check valid (an empty new table's inherited checks
    are valid) or, on 18, the foreign key not valid, whatever the target's table has."""
    children: dict[str, set[str]] = {}
    for info in infos:
        for child, parent in info.inherits:
            children.setdefault(parent, set()).add(child)
    if not children:
        return infos

    def below(rel: str) -> set[str]:
        out: set[str] = set()
        todo = [rel]
        while todo:
            for child in children.get(todo.pop(), ()):
                if child not in out and child != rel:
                    out.add(child)
                    todo.append(child)
        return out

    moving: list[tuple[int, ObjectStatement, frozenset[tuple[str, str]]]] = []
    for info in infos:
        home = info.home
        if not info.not_valid or home is None or home[0] != "relation" or not (descendants := below(home[1])):
            continue
        names = {k[1][len(home[1]) + 1 :] for k in info.creates if k[0] == "constraint"}
        keys = frozenset(
            {("relation", d) for d in descendants} | {("constraint", f"{d}.{n}") for d in descendants for n in names}
        )
        moving.append((len(descendants), info, keys))
    out = list(infos)
    created = {k for o in infos for k in o.creates}

    def inherited_validation(o: ObjectStatement, keys: frozenset[tuple[str, str]]) -> bool:
        # VALIDATE of a copy a descendant holds only through the parent (one created after the
        # parent's NOT VALID check has it valid): it needs the parent's constraint first.
        return o.validates is not None and o.validates in keys and o.validates not in created

    # The fewest descendants first: a sub-partitioned partition's constraint before its parent's.
    for _, info, keys in sorted(moving, key=lambda m: m[0]):
        at = next(i for i, other in enumerate(out) if other is info)
        last = max(
            (
                i
                for i, o in enumerate(out)
                if keys & o.creates or (o.validates is not None and o.validates in keys and o.validates in created)
            ),
            default=-1,
        )
        placed = dataclasses.replace(info, uses=info.uses | keys)
        if last > at:
            between = out[at + 1 : last + 1]
            users = [o for o in between if o.uses & info.creates]  # its comment goes along
            others = [o for o in between if not o.uses & info.creates]
            out = out[:at] + others + [placed] + users + out[last + 1 :]
        else:
            out[at] = placed
        # ... and uses it, so that arranging the files keeps it after
        early = [dataclasses.replace(o, uses=o.uses | info.creates) for o in out if inherited_validation(o, keys)]
        if early:
            rest = [o for o in out if not inherited_validation(o, keys)]
            at = next(i for i, other in enumerate(rest) if other is placed)
            out = [*rest[: at + 1], *early, *rest[at + 1 :]]
    return out


def _preferred(
    info: ObjectStatement,
    layout: str,
    relation_kind: dict[tuple[str, str], str],
    owned_by: dict[tuple[str, str], tuple[str, str]],
    table_files: dict[str, str],
) -> str:
    kind, home = info.kind, info.home
    if home is not None and home in owned_by and kind in ("sequence", "attached"):
        home, kind = owned_by[home], "table"  # a serial's sequence lives with its table
    if kind == "attached":
        if home is None:
            return _BY_KIND["other"]
        space = home[0]
        if space == "relation":
            kind = relation_kind.get(home, "table")
        elif space in ("constraint", "trigger", "policy"):
            table = ("relation", home[1].rsplit(".", 1)[0])
            kind = {"constraint": "table", "trigger": "trigger", "policy": "policy"}[space]
            if relation_kind.get(table, "table") == "view":
                kind = "view"
            home = table
        else:
            kind = _HOME_SPACE_KIND.get(space, "other")
    if kind == "index" and home is not None and home[0] == "relation" and relation_kind.get(home) == "view":
        kind = "view"
    if kind in ("trigger", "policy") and home is not None and relation_kind.get(home) == "view":
        kind = "view"
    if kind == "index" and info.creates and any(k[0] == "keys of" for k in info.creates):
        kind = "table"  # a unique index: constraints and foreign keys are added using it
    by_table = layout == "by-table" and kind in ("table", "index", "trigger", "policy")
    if by_table and home is not None and home[0] == "relation" and home[1] in table_files:
        return table_files[home[1]]
    return _BY_KIND.get(kind, _BY_KIND["other"])


def _label(info: ObjectStatement) -> str:
    first = info.sql.strip().splitlines()[0]
    return first if len(first) <= 100 else first[:97] + "..."


def _functions_earlier(
    infos: list[ObjectStatement], deps: list[list[int]], files: list[str], moved: dict[int, str]
) -> None:
    """A function used by a statement in an earlier file (a table default, a check, a domain, a
    trigger in by-table) moves, with its comments and grants, to the early file before that file's
    group, when what it needs itself loads before that."""
    users: dict[int, list[int]] = {}
    for i, ds in enumerate(deps):
        for j in ds:
            users.setdefault(j, []).append(i)
    units: dict[tuple[str, str], list[int]] = {}
    for i, info in enumerate(infos):
        if info.home is not None and info.home[0] == "function":
            units.setdefault(info.home, []).append(i)
    for home, members in sorted(units.items(), key=lambda kv: -min(kv[1])):
        mine = set(members)
        outside_users = [u for m in members for u in users.get(m, ()) if u not in mine]
        if not outside_users:
            continue
        first_use = min(files[u] for u in outside_users)
        here = files[members[0]]
        if first_use >= here:
            continue
        early = _early(first_use)
        if early is None:
            continue
        needs = [files[d] for m in members for d in deps[m] if d not in mine]
        if all(n < early or n == early for n in needs):
            user = min(outside_users, key=lambda u: (files[u], u))
            for m in members:
                files[m] = early
                moved[m] = f"{_label(infos[user])} in {files[user]} uses {home[1]}"


def _later_where_needed(
    infos: list[ObjectStatement], deps: list[list[int]], files: list[str], moved: dict[int, str]
) -> None:
    """A statement that needs what a later file creates moves to the file right after that one."""
    for i, ds in enumerate(deps):
        late = [files[d] for d in ds if files[d] > files[i]]
        if not late:
            continue
        need = max(ds, key=lambda d: files[d])
        files[i] = max(_late(f) for f in late)
        moved[i] = f"needs {_label(infos[need])} from {files[need]}"


def _render(path: str, layout: str, stmts: list[str]) -> str:
    head = [
        f"-- {path}: written by `reconcile pull` (layout {layout}). Files load in lexical path order;",
        "-- each statement can be run again by hand. Edit freely: `reconcile plan` diffs this folder.",
    ]
    if path == _STUBS:
        head.append("-- Stand-ins for tables of unmanaged schemas that managed objects refer to: never compared;")
        head.append("-- a scratch prelude (or profile: supabase) that creates the real ones first makes them no-ops.")
    body = []
    if any(_is_function(s) for s in stmts):
        # Function bodies may name objects of later files; PostgreSQL checks them at call time.
        body.append("SET check_function_bodies = off;")
    body += [f"{s};" for s in stmts]
    return "\n".join(head) + "\n\n" + "\n\n".join(body) + "\n"


def _is_function(sql: str) -> bool:
    return bool(re.match(r"(?is)\s*create\s+(or\s+replace\s+)?(function|procedure)\b", sql))


def _write_atomically(out_dir: Path, files: dict[str, str]) -> None:
    """Write the files into a fresh folder beside `out_dir`, then swap it into place: a reader
    sees the old folder or the new one, never a half-written one."""
    parent = out_dir.resolve().parent
    parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.pull-", dir=parent))
    try:
        for rel, text in files.items():
            path = fresh / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        os.chmod(fresh, 0o755)
        with _moved_aside(out_dir) as _:
            os.replace(fresh, out_dir)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise


@contextlib.contextmanager
def _moved_aside(out_dir: Path) -> Iterator[None]:
    """Move an existing folder aside while the new one takes its name; removed afterwards, put
    back if the swap fails."""
    if not out_dir.exists():
        yield
        return
    aside = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.old-", dir=out_dir.resolve().parent))
    aside.rmdir()
    os.replace(out_dir, aside)
    try:
        yield
    except BaseException:
        os.replace(aside, out_dir)
        raise
    shutil.rmtree(aside, ignore_errors=True)


def render_text(result: PullResult) -> str:
    lines = [
        f"Wrote {result.statements} statement(s) into {len(result.files)} file(s) under {result.schema_dir} "
        f"(layout {result.layout}) from {result.target_label}:"
    ]
    lines += [f"  {f.path} ({f.statements})" for f in result.files]
    if result.moved:
        lines.append("Placed outside their kind's file so that every file loads in lexical order:")
        lines += [f"  {m}" for m in result.moved]
    if result.stand_ins:
        lines.append(f"Stand-ins for tables of unmanaged schemas (never compared): {_STUBS}")
    if result.unmodeled:
        lines.append("Not written (kinds reconcile cannot diff yet, --allow-unmodeled):")
        lines += [f"  {u}" for u in result.unmodeled]
    lines.append("Next: commit the folder, then `reconcile drift` shows no drift against this target.")
    return "\n".join(lines)


def render_json(result: PullResult) -> str:
    return json.dumps(
        {
            "schema_dir": str(result.schema_dir),
            "layout": result.layout,
            "files": [f.path for f in result.files],
            "statements": result.statements,
            "moved": list(result.moved),
            "stand_ins": list(result.stand_ins),
            "unmodeled": list(result.unmodeled),
        },
        sort_keys=True,
    )
