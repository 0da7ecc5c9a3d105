"""The archive: what a plan drops is kept in schema `reconcile_archive`, so its rollback brings it back.

A dropped table is moved there (`ALTER TABLE … SET SCHEMA`, metadata only, renamed to
`<plan stamp>__<schema>__<table>`, its indexes and owned sequences renamed alike so names stay
unique); the rollback moves it back. A dropped column is first copied there with the table's
primary key (`CREATE TABLE … AS SELECT pk, col`); the rollback re-adds the column, refills it
(`UPDATE … FROM` on the key, with the table's triggers and rules off meanwhile) and drops the copy
(its values are live again; a kept copy would also stop the next forward run from archiving
afresh). Each archived table carries a `COMMENT` holding a small JSON record (plan, archived_at,
kind, schema, table, column, the table's own comment, renamed parts): `list` and `prune` read it.
Returns data, never prints. Imports db, model, errors, fingerprint, sql.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from ..core.errors import ConfigError, ReconcileError
from ..core.model import ARCHIVE_SCHEMA, ObjectChange
from ..pg.db import Dsn, connection, execute, fetch_all, fetch_one, query
from ..sql.guard import guarded, guarded_block, guarded_block_without_hooks, ident, literal, qualified, regclass
from ..sql.identifiers import quote_ident
from ..sql.tables import added_columns, created_sequence, created_table, dropped_table, part_of, without_not_null
from .fingerprint import split_name, table_of

MAX_NAME = 63  # NAMEDATALEN - 1 bytes: longer identifiers are silently truncated by PostgreSQL
_MARK = "reconcile_archive"  # the key that tells our comments from anyone else's


def archive_name(stamp: str, *parts: str) -> str:
    """`<stamp>__<part>__<part>`, at most 63 bytes: a longer one keeps its start and ends in a hash."""
    name = "__".join((stamp, *parts))
    if len(name.encode()) <= MAX_NAME:
        return name
    digest = "__" + hashlib.sha256(name.encode()).hexdigest()[:10]
    head = name.encode()[: MAX_NAME - len(digest)].decode(errors="ignore")
    return head + digest


@dataclass(frozen=True, slots=True)
class TableArchive:
    """A dropped table moved to the archive as `name`; `parts` are (kind, old, new) renames."""

    schema: str
    table: str
    name: str
    parts: tuple[tuple[str, str, str], ...]
    item: str  # as the plan's removed items name it: "table public.t"
    fks: tuple[str, ...] = ()  # its foreign keys: the plan drops them (the rollback adds them back)

    @property
    def sequences(self) -> tuple[str, ...]:
        """Removed items its owned sequences are (they move with it, next value and all)."""
        return tuple(
            f"sequence {ident_name(self.schema)}.{ident_name(old)}" for k, old, _ in self.parts if k == "sequence"
        )


@dataclass(frozen=True, slots=True)
class ColumnArchive:
    """A dropped column whose values are copied to the archive table `name` with the key `pk`."""

    schema: str
    table: str
    column: str
    name: str
    pk: tuple[str, ...]
    item: str
    as_text: bool = False  # its type goes with the plan: kept as text (the archive must not hold the type back)
    table_pk: tuple[str, ...] = ()  # the key as the table names it when it differs from `pk` (renamed back)
    # no primary key: `pk` are the table's other columns the plan keeps, and rows are found by
    # their values (as text, NULLs alike) and their rank among rows that have the same ones
    by_row: bool = False

    @property
    def table_key(self) -> tuple[str, ...]:
        """The key's columns on the table (the archive's copy keeps the names it was made with)."""
        return self.table_pk or self.pk


@dataclass(frozen=True, slots=True)
class Archiving:
    """What a plan archives, and why the other drops stay lossy (item -> reason)."""

    tables: tuple[TableArchive, ...] = ()
    columns: tuple[ColumnArchive, ...] = ()
    lossy: tuple[tuple[str, str], ...] = ()

    @property
    def items(self) -> tuple[str, ...]:
        """Removed items the archive keeps: tables, their owned sequences, columns."""
        return tuple(i for a in self.tables for i in (a.item, *a.sequences)) + tuple(a.item for a in self.columns)

    def names(self) -> tuple[tuple[str, str], ...]:
        """(item, archive table name) of each archived table and column."""
        return tuple((a.item, a.name) for a in self.tables) + tuple((a.item, a.name) for a in self.columns)

    def described(self) -> tuple[str, ...]:
        """The header's `archived` list: "table public.t -> reconcile_archive.<name>"."""
        return tuple(f"{item} -> {ARCHIVE_SCHEMA}.{name}" for item, name in self.names())


def _removed_keys(changes: tuple[ObjectChange, ...]) -> set[str]:
    """Removed objects as archive_facts.sql names what a table uses."""
    keys = set()
    for c in changes:
        if c.change != "removed":
            continue
        if c.kind in ("enum", "domain", "composite type", "range type"):
            keys.add(f"type {c.name}")
        elif c.kind in ("function", "procedure", "aggregate"):
            keys.add(f"function {c.name.split('(', 1)[0]}(")
        elif c.kind in ("table", "foreign table", "view", "materialized view", "sequence"):
            keys.add(f"relation {c.name}")
    return keys


# What follows a column's type in its fingerprint description (fingerprint.sql).
_AFTER_TYPE = re.compile(r" (?:NOT NULL|CONSTRAINT |IDENTITY |GENERATED |DEFAULT |COLLATE ).*$", re.S)


def _values_kept(before: str, after: str) -> bool:
    """Whether a column changed from description `before` to `after` keeps its values: same type,
    not generated."""
    return _AFTER_TYPE.sub("", before) == _AFTER_TYPE.sub("", after) and " GENERATED " not in f" {after}"


def decide(
    source: Dsn,
    changes: tuple[ObjectChange, ...],
    stamp: str,
    recreated: frozenset[tuple[str, str]] = frozenset(),
    column_hints: frozenset[str] = frozenset(),
) -> Archiving:
    """Which removed tables and columns of `changes` can be archived, read from `source`
    (the target, or its renamed copy): tables that are plain (no partitions, no inheritance)
    and use nothing else the plan drops or re-creates (`recreated`: (schema, name) of the types
    the plan re-creates, an enum losing labels and what holds it); columns of tables with a
    primary key that the plan keeps (kept as text when their type is re-created)."""
    removed_tables = [c for c in changes if c.change == "removed" and c.kind == "table"]
    removed_table_names = {c.name for c in removed_tables}
    columns = [
        c for c in changes if c.change == "removed" and c.kind == "column" and table_of(c) not in removed_table_names
    ]
    if not removed_tables and not columns:
        return Archiving()
    # A key column keeps its values when its type stays: an identity, a default, NOT NULL (or, on
    # PostgreSQL 18, its constraint's name after a rename hint) or a collation may change around them.
    touched_columns = {
        c.name
        for c in changes
        if c.kind == "column"
        and (c.change == "removed" or (c.change == "changed" and not _values_kept(c.before or "", c.after or "")))
    }
    recreated_names = {f"{quote_ident(s)}.{quote_ident(n)}" for s, n in recreated}
    # A table moved to the archive keeps the old version of a type the plan re-creates alive.
    removed = _removed_keys(changes) | {f"type {t}" for t in recreated_names}
    facts: dict[str, tuple[Any, ...]] = {}
    with connection(source, purpose="archive facts") as conn:
        for name in sorted({*removed_table_names, *(str(table_of(c)) for c in columns)}):
            row = fetch_one(conn, query("archive_facts"), {"table": name})
            if row is not None:
                facts[name] = row
    lossy: dict[str, str] = {}
    movable: dict[str, tuple[Any, ...]] = {}
    for c in removed_tables:
        row = facts.get(c.name)
        if row is None or row[0] != "r":
            lossy[f"table {c.name}"] = "not a plain table"
        elif row[1]:
            lossy[f"table {c.name}"] = "partitioned or inherited: moving it would change what its relatives hold"
        else:
            movable[c.name] = row
    # A table that stays in the archive keeps alive what it uses: dropping that would fail.
    changed = True
    while changed:
        changed = False
        for name, row in list(movable.items()):
            blockers = [u for u in row[6] if u in removed and u.split(" ", 1)[1] not in movable]
            if blockers:
                del movable[name]
                lossy[f"table {name}"] = "it uses what the plan drops: " + ", ".join(blockers)
                changed = True
    tables = []
    for name, row in movable.items():
        schema, table = split_name(name)[:2]
        parts = tuple(
            (kind, old, archive_name(stamp, schema, table, old))
            for kind, names in (("index", row[3]), ("sequence", row[4]))
            for old in names
        )
        tables.append(
            TableArchive(schema, table, archive_name(stamp, schema, table), parts, f"table {name}", tuple(row[5]))
        )
    # Types the plan drops or re-creates (an enum losing a label): an archive of that type would hold it back.
    removed_types = recreated_names | {
        c.name
        for c in changes
        if c.change in ("removed", "changed") and c.kind in ("enum", "domain", "composite type", "range type")
    }
    cols = []
    for c in columns:
        item = f"column {c.name}"
        schema, table, column = split_name(c.name)[:3]
        row = facts.get(str(table_of(c)))
        definition = c.before or ""
        pk = tuple(row[2]) if row is not None else ()
        by_row = not pk
        if by_row and row is not None:
            # no primary key: the rows are found again by the columns the plan keeps as they are
            # (by its own only where a column of an ancestor is renamed by a hint (`column_hints`:
            # the tables of those): it renames the one the table holds through it)
            renamed_above = bool(set(row[10]) & column_hints)
            keys = row[7] if renamed_above else row[8]
            pk = tuple(k for k in keys if f"{table_of(c)}.{ident_name(k)}" not in touched_columns)
        # the table's only column: its rows are its values, refilled in any order
        sole = by_row and row is not None and row[9] == 1
        if " GENERATED " in f" {definition} " or "IDENTITY " in definition:
            lossy[item] = "a generated or identity column cannot be refilled"
        elif not pk and not sole:
            lossy[item] = "its table has no primary key, nor another column the plan keeps, to find its rows by"
        elif column in pk or any(f"{table_of(c)}.{ident_name(k)}" in touched_columns for k in pk):
            lossy[item] = "the plan changes its table's primary key"
        else:
            as_text = any(definition == t or definition.startswith((t + " ", t + "[")) for t in removed_types)
            name = archive_name(stamp, schema, table, column)
            cols.append(ColumnArchive(schema, table, column, name, pk, item, as_text, by_row=by_row))
    return Archiving(tuple(tables), tuple(cols), tuple(sorted(lossy.items())))


def renamed_back(arch: Archiving, home: Callable[[str, str, str | None], tuple[str, str, str | None]]) -> Archiving:
    """`arch` for a rollback that undoes the plan's renames before it restores: each archived
    column's table (and key) under the name `home` gives (the target's own), the archive's names kept."""
    cols = []
    for a in arch.columns:
        schema, table, _ = home(a.schema, a.table, None)
        key = tuple(str(home(a.schema, a.table, k)[2]) for k in a.pk)
        cols.append(replace(a, schema=schema, table=table, table_pk=key if key != a.pk else ()))
    return replace(arch, columns=tuple(cols))


def ident_name(name: str) -> str:
    """A name as the fingerprint prints it (quote_ident: quoted only when it must be)."""
    if re.fullmatch(r"[a-z_][a-z0-9_$]*", name):
        return name
    return '"' + name.replace('"', '""') + '"'


# ---- statements ---------------------------------------------------------------------------------


def _record(plan: str, kind: str, schema: str, table: str, column: str | None, extra: str) -> str:
    """SQL expression: the JSON record of one archived table, stamped when the statement runs."""
    return (
        f"pg_catalog.json_build_object({literal(_MARK)}, 1, 'plan', {literal(plan)}, "
        f"'archived_at', pg_catalog.now(), 'kind', {literal(kind)}, 'schema', {literal(schema)}, "
        f"'table', {literal(table)}, 'column', {literal(column)}{extra})::text"
    )


def _static(sql: str) -> str:
    return literal(sql)


def ensure_schema() -> str:
    return guarded(
        f"NOT EXISTS (SELECT FROM pg_catalog.pg_namespace WHERE nspname = {literal(ARCHIVE_SCHEMA)})",
        f"CREATE SCHEMA {ident(ARCHIVE_SCHEMA)}",
    )


def _rename(kind: str, schema: str, old: str, new: str) -> str:
    return f"ALTER {kind.upper()} {qualified(schema, old)} RENAME TO {ident(new)}"


def move_out(a: TableArchive, plan: str) -> str:
    """Forward: record, rename (table and parts, in place), then move to the archive."""
    here = qualified(a.schema, a.table)
    parts = ", ".join(f"{literal(new)}, {literal(old)}" for _, old, new in a.parts)
    extra = (
        f", 'comment', pg_catalog.obj_description({regclass(here)}, 'pg_class')"
        f", 'parts', pg_catalog.json_build_object({parts})"
    )
    return guarded_block(
        f"{regclass(here)} IS NOT NULL",
        f"{_static(f'COMMENT ON TABLE {here} IS ')} || pg_catalog.quote_literal("
        f"{_record(plan, 'table', a.schema, a.table, None, extra)})",
        *(_static(_rename(kind, a.schema, old, new)) for kind, old, new in a.parts),
        _static(_rename("table", a.schema, a.table, a.name)),
        _static(f"ALTER TABLE {qualified(a.schema, a.name)} SET SCHEMA {ident(ARCHIVE_SCHEMA)}"),
    )


def move_back(a: TableArchive) -> str:
    """Rollback: the table's own comment back, then home and its names back."""
    there = qualified(ARCHIVE_SCHEMA, a.name)
    return guarded_block(
        f"{regclass(there)} IS NOT NULL AND {regclass(qualified(a.schema, a.table))} IS NULL",
        f"{_static(f'COMMENT ON TABLE {there} IS ')} || pg_catalog.quote_nullable("
        f"pg_catalog.obj_description({regclass(there)}, 'pg_class')::pg_catalog.json ->> 'comment')",
        _static(f"ALTER TABLE {there} SET SCHEMA {ident(a.schema)}"),
        _static(_rename("table", a.schema, a.name, a.table)),
        *(_static(_rename(kind, a.schema, new, old)) for kind, old, new in a.parts),
    )


def _column_exists(a: ColumnArchive) -> str:
    return (
        "EXISTS (SELECT FROM pg_catalog.pg_attribute WHERE attrelid = "
        f"{regclass(qualified(a.schema, a.table))} AND attname = {literal(a.column)} AND NOT attisdropped)"
    )


# Settings a row's values print under as text (by_row archives compare them so): the same when
# the archive is made and when the rollback refills from it, whatever the sessions' own are.
_ROW_SETTINGS = (
    ("search_path", "pg_catalog"),  # a table's name as text: qualified
    ("TimeZone", "UTC"),
    ("DateStyle", "ISO, MDY"),
    ("IntervalStyle", "postgres"),
    ("extra_float_digits", "1"),
)


def _pinned(commands: tuple[str, ...]) -> tuple[str, ...]:
    """`commands` (statement-text expressions) run under _ROW_SETTINGS, the session's put back after
    (kept in settings of the transaction: a guard's block declares no variables)."""
    save = ", ".join(
        f"pg_catalog.set_config('reconcile.saved_{k.lower()}', pg_catalog.current_setting({literal(k)}), true)"
        for k, _ in _ROW_SETTINGS
    )
    pin = ", ".join(f"pg_catalog.set_config({literal(k)}, {literal(v)}, true)" for k, v in _ROW_SETTINGS)
    back = ", ".join(
        f"pg_catalog.set_config({literal(k)}, pg_catalog.current_setting('reconcile.saved_{k.lower()}'), true)"
        for k, _ in _ROW_SETTINGS
    )
    return (literal(f"SELECT {save}"), literal(f"SELECT {pin}"), *commands, literal(f"SELECT {back}"))


def _row_keys(a: ColumnArchive, names: tuple[str, ...]) -> list[str]:
    """The by_row key: the table's row (by table) and its kept columns as text, under the archive's names."""
    return [
        "tableoid::pg_catalog.regclass::pg_catalog.text AS reconcile_table",
        *(f"{ident(c)}::pg_catalog.text AS {ident(k)}" for c, k in zip(names, a.pk, strict=True)),
    ]


def copy_out(a: ColumnArchive, plan: str) -> str:
    """Forward, before the column is dropped: its values with the primary key, into the archive."""
    there = qualified(ARCHIVE_SCHEMA, a.name)
    value = f"{ident(a.column)}::pg_catalog.text AS {ident(a.column)}" if a.as_text else ident(a.column)
    comment = (
        f"{_static(f'COMMENT ON TABLE {there} IS ')} || pg_catalog.quote_literal("
        f"{_record(plan, 'column', a.schema, a.table, a.column, '')})"
    )
    needed = f"{regclass(there)} IS NULL AND {_column_exists(a)}"
    if not a.by_row:
        cols = ", ".join((*(ident(c) for c in a.pk), value))
        create = _static(f"CREATE TABLE {there} AS SELECT {cols} FROM {qualified(a.schema, a.table)}")
        return guarded_block(needed, create, comment)
    keys = _row_keys(a, a.pk)
    group = ", ".join(k.rsplit(" AS ", 1)[0] for k in keys)
    rank = f"pg_catalog.row_number() OVER (PARTITION BY {group} ORDER BY {ident(a.column)}::pg_catalog.text)"
    cols = ", ".join((*keys, f"{rank} AS reconcile_n", value))
    create = _static(f"CREATE TABLE {there} AS SELECT {cols} FROM {qualified(a.schema, a.table)}")
    return guarded_block(needed, *_pinned((create,)), comment)


def refill(a: ColumnArchive) -> str:
    """Rollback, once the column is back: its values from the archive, then the copy goes."""
    there = qualified(ARCHIVE_SCHEMA, a.name)
    on = " AND ".join(f"t.{ident(t)} = a.{ident(k)}" for t, k in zip(a.table_key, a.pk, strict=True))
    # Cast to the column's type as re-created (a value archived as text goes back through its input function).
    column_type = (
        "(SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute WHERE attrelid = "
        f"{regclass(qualified(a.schema, a.table))} AND attname = {literal(a.column)})"
    )
    needed = f"{regclass(there)} IS NOT NULL AND {_column_exists(a)}"
    table = qualified(a.schema, a.table)
    set_value = f"{_static(f'UPDATE {table} AS t SET {ident(a.column)} = a.{ident(a.column)}::')} || {column_type}"
    if not a.by_row:
        update = f"{set_value} || {_static(f' FROM {there} AS a WHERE {on}')}"
        return guarded_block_without_hooks(needed, table, update, _static(f"DROP TABLE {there}"))
    keys = _row_keys(a, a.table_key)
    group = ", ".join(k.rsplit(" AS ", 1)[0] for k in keys)
    rows = (
        f"SELECT tableoid AS reconcile_oid, ctid AS reconcile_ctid, {', '.join(keys)}, "
        f"pg_catalog.row_number() OVER (PARTITION BY {group} ORDER BY ctid) AS reconcile_n FROM {table}"
    )
    match = " AND ".join(
        f"a.{ident(k)} IS NOT DISTINCT FROM m.{ident(k)}" for k in ("reconcile_table", "reconcile_n", *a.pk)
    )
    update = (
        f"{set_value} || {_static(f' FROM ({rows}) AS m JOIN {there} AS a ON {match}')}"
        f" || {_static(' WHERE t.tableoid = m.reconcile_oid AND t.ctid = m.reconcile_ctid')}"
    )
    # without a key the table has no replica identity, and UPDATE is refused where it is published
    return guarded_block_without_hooks(
        needed, table, *_pinned((update,)), _static(f"DROP TABLE {there}"), replica_identity=True
    )


def _moves_with(sql: str, moves: dict[tuple[str, str], TableArchive]) -> bool:
    """Whether `sql` drops a part of a table that moves to the archive whole (its indexes,
    constraints, triggers, policies, owned sequences): it moves with the table instead. Its
    foreign keys are the exception: dropped, so it holds back no row of a table that stays."""
    part = part_of(sql)
    if part is None:
        return False
    kind, schema, name, dropped = part
    if kind == "table":
        a = moves.get((schema, name))
        return a is not None and not (dropped and set(dropped.split(",")) <= set(a.fks))
    return any(a.schema == schema and (kind, name) in {(k, old) for k, old, _ in a.parts} for a in moves.values())


def set_not_null(a: ColumnArchive) -> str:
    """Rollback, after the refill: the NOT NULL the column was re-added without."""
    return guarded(
        "NOT (SELECT attnotnull FROM pg_catalog.pg_attribute WHERE attrelid = "
        f"{regclass(qualified(a.schema, a.table))} AND attname = {literal(a.column)})",
        f"ALTER TABLE {qualified(a.schema, a.table)} ALTER COLUMN {ident(a.column)} SET NOT NULL",
    )


def forward(sqls: tuple[str, ...], arch: Archiving, plan: str) -> tuple[str, ...]:
    """The diff's forward statements with archiving: column copies first (every column still
    there), each `DROP TABLE` of an archived table replaced by its move, the drops of its parts
    left out."""
    if not arch.items:
        return sqls
    moves = {(a.schema, a.table): a for a in arch.tables}
    out = [ensure_schema(), *(copy_out(c, plan) for c in arch.columns)]
    for sql in sqls:
        dropped = dropped_table(sql)
        if dropped in moves:
            out.append(move_out(moves[dropped], plan))
        elif not _moves_with(sql, moves):
            out.append(sql)
    return tuple(out)


def backward(sqls: tuple[str, ...], arch: Archiving) -> tuple[str, ...]:
    """The diff's rollback statements with the archive restored: a moved table comes back where
    the diff would create it (the `CREATE TABLE … IF NOT EXISTS` and what re-creates its parts then
    find it there and do nothing; after a prune they create it empty), a column is refilled right
    after it is added back (a NOT NULL column is added without it, refilled, then made NOT NULL)."""
    if not arch.items:
        return sqls
    # A table comes back before the diff creates it or one of its owned sequences.
    moves = {(a.schema, a.table): a for a in arch.tables}
    moves |= {(a.schema, old): a for a in arch.tables for kind, old, _ in a.parts if kind == "sequence"}
    fills = {(a.schema, a.table, a.column): a for a in arch.columns}
    out: list[str] = []
    done = set()
    back: set[str] = set()
    for sql in sqls:
        created = created_table(sql) or created_sequence(sql)
        if created in moves and moves[created].name not in back:
            out.append(move_back(moves[created]))
            back.add(moves[created].name)
        keys = [k for k in added_columns(sql) if k in fills]
        nullable = sql
        not_null = []
        for key in keys:
            relaxed = without_not_null(nullable, key[2])
            if relaxed is not None:
                nullable = relaxed
                not_null.append(set_not_null(fills[key]))
        out.append(nullable)
        out += [refill(fills[k]) for k in keys]
        out += not_null
        done.update(keys)
    out += [refill(a) for k, a in fills.items() if k not in done]
    return tuple(out)


# ---- list and prune ------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ArchivedTable:
    """One table in reconcile_archive and the record its comment holds (None: not ours)."""

    name: str
    kind: str  # "table" (a dropped table) or "column" (a dropped column's values)
    source: str  # schema.table or schema.table.column it came from
    plan: str
    archived_at: datetime | None
    rows: int
    size_bytes: int

    def as_dict(self) -> dict[str, Any]:
        return {
            "name": f"{ARCHIVE_SCHEMA}.{self.name}",
            "kind": self.kind,
            "source": self.source,
            "plan": self.plan,
            "archived_at": self.archived_at.isoformat() if self.archived_at else None,
            "rows": self.rows,
            "size_bytes": self.size_bytes,
        }


def _parse_record(comment: str | None) -> dict[str, Any]:
    try:
        data = json.loads(comment or "")
    except ValueError:
        return {}
    return data if isinstance(data, dict) and _MARK in data else {}


def list_archived(target: Dsn) -> tuple[ArchivedTable, ...]:
    """Every table of reconcile_archive, oldest first (unrecorded ones last)."""
    out = []
    with connection(target, purpose="archive list") as conn:
        for name, comment, size in fetch_all(conn, query("archive_list")):
            (rows,) = fetch_one(conn, f"SELECT count(*) FROM {qualified(ARCHIVE_SCHEMA, name)}") or (0,)
            rec = _parse_record(comment)
            when = None
            if rec.get("archived_at"):
                try:
                    when = datetime.fromisoformat(str(rec["archived_at"]))
                except ValueError:
                    when = None
            source = ".".join(str(rec[k]) for k in ("schema", "table", "column") if rec.get(k))
            out.append(
                ArchivedTable(
                    str(name), str(rec.get("kind", "?")), source, str(rec.get("plan", "")), when, int(rows), int(size)
                )
            )
    return tuple(sorted(out, key=lambda a: (a.archived_at is None, a.archived_at or datetime.min, a.name)))


_AGE = re.compile(r"^\s*(\d+)\s*([hdw])\s*$")


def parse_age(text: str) -> timedelta:
    """`12h`, `30d`, `2w` -> a timedelta."""
    m = _AGE.match(text or "")
    if not m:
        raise ConfigError(
            f"--older-than {text!r} is not an age",
            hint="give a number and a unit: 12h (hours), 30d (days), 2w (weeks)",
        )
    n, unit = int(m.group(1)), m.group(2)
    return {"h": timedelta(hours=n), "d": timedelta(days=n), "w": timedelta(weeks=n)}[unit]


def prune(target: Dsn, older_than: timedelta, now: datetime, *, dry_run: bool = False) -> tuple[ArchivedTable, ...]:
    """Drop the archived tables recorded as archived before `now - older_than`; returns them.
    Tables without our record are never dropped."""
    cutoff = now - older_than
    doomed = tuple(a for a in list_archived(target) if a.archived_at is not None and a.archived_at < cutoff)
    if dry_run or not doomed:
        return doomed
    with connection(target, autocommit=False, purpose="archive prune") as conn:
        try:
            for a in doomed:
                execute(conn, f"DROP TABLE IF EXISTS {qualified(ARCHIVE_SCHEMA, a.name)}")
            conn.commit()
        except Exception as exc:
            conn.rollback()
            raise ReconcileError(f"pruning the archive failed: {exc}") from None
    return doomed
