"""Online-safe statements: a diff's DDL on tables that exist (and hold rows) rewritten so that it
neither blocks writes for a whole index build nor scans a table under ACCESS EXCLUSIVE.

Runs before the idempotency rewriter, on single statements; decides on pglast's AST and edits
the text at token positions, then checks that it re-parses to what was meant. Tables the same
plan creates are left alone (nobody uses them yet). Imports pglast, `sql.guard`, `sql.idempotent`
(the guard of an index swap), `sql.parse`.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field

from pglast import ast, parser
from pglast.enums.parsenodes import AlterTableType, ConstrType, DropBehavior, ObjectType

from .guard import guarded, ident, literal, qualified, regclass
from .idempotent import index_swap_guard
from .parse import same_tree

Rel = tuple[str, str]  # (schema, name); unqualified names in a diff mean public


class OnlineRewriteError(Exception):
    """A rewrite did not re-parse to the statement it meant to produce (a bug in reconcile)."""


@dataclass(frozen=True, slots=True)
class OnlineFacts:
    """What the rewriter needs to know about the database the statements run on."""

    partitioned: frozenset[Rel] = frozenset()  # CONCURRENTLY is not supported on partitioned tables
    index_tables: Mapping[Rel, Rel] = field(default_factory=dict)  # index -> its table
    # False on PostgreSQL 14.0–14.3, where a concurrent build can silently corrupt the index.
    concurrent_indexes: bool = True

    def table_of(self, index: Rel) -> Rel | None:
        return self.index_tables.get(index)


@dataclass(frozen=True, slots=True)
class OnlineStatement:
    sql: str
    alone: bool = False  # runs and commits by itself (a VALIDATE after its NOT VALID add committed)


def make_online(statements: Sequence[str], facts: OnlineFacts) -> tuple[OnlineStatement, ...]:
    """Each statement (one per string), rewritten where it touches a table that already exists:

    * CREATE [UNIQUE] INDEX → CREATE … INDEX CONCURRENTLY (its own step), preceded by a guard that
      renames an INVALID index of that name (left by a failed concurrent build) out of the way and
      a `DROP INDEX CONCURRENTLY IF EXISTS` of the renamed leftover;
    * DROP INDEX of an index whose table stays (and that the sequence does not create again)
      → DROP INDEX CONCURRENTLY;
    * an index the sequence drops and creates again (re-defined) → a guard renames the old one
      to `reconcile_old_<hash>` (only while it differs from the new definition; it keeps serving
      queries), the new one is built concurrently under the name, then the old one is dropped
      concurrently: the table is never without the index;
    * ADD CONSTRAINT … CHECK / FOREIGN KEY → … NOT VALID, then VALIDATE CONSTRAINT alone (its own
      transaction, taking only SHARE UPDATE EXCLUSIVE while it scans); a VALIDATE the diff wrote
      runs alone too;
    * ALTER COLUMN … SET NOT NULL → CHECK (col IS NOT NULL) NOT VALID, VALIDATE alone, SET NOT NULL
      (PostgreSQL 12+ proves it from the validated check without a scan), drop the check.

    UNIQUE and PRIMARY KEY constraints come from the diff as CREATE UNIQUE INDEX + ADD CONSTRAINT
    … USING INDEX, so they are attached to a concurrently built index. A partitioned table has no
    USING INDEX: its key comes as ADD CONSTRAINT … (columns) after its partitions' keys (built
    concurrently like any other), which PostgreSQL attaches instead of building them again.
    Partitioned tables and the tables this sequence creates are left as they are.
    """
    nodes = [_one(s) for s in statements]
    new = {r for n in nodes if (r := _created_table(n)) is not None}
    dropped = {r for n in nodes if (r := _dropped_table(n)) is not None}
    created = {
        _index_rel(n): t.strip().rstrip(";").rstrip()
        for t, n in zip(statements, nodes, strict=True)
        if isinstance(n, ast.IndexStmt) and _is_named_index(n)
    }
    # Re-defined indexes of tables that stay: rename-build-swap instead of drop-then-build, so the
    # table is never without the index while the new one builds. Not where a column of the table
    # changes type or goes (an enum re-created, say): the diff drops the index because the kept
    # old one could not survive that change.
    reshaped = {r for n in nodes if (r := _reshaped_table(n)) is not None}
    swapped = {
        index: created[index]
        for n in nodes
        if isinstance(n, ast.DropStmt)
        and _droppable_concurrently(n)
        and (index := _names((n.objects or ())[0])) in created
        and (table := facts.table_of(index)) is not None
        and table not in dropped
        and table not in new
        and table not in facts.partitioned
        and table not in reshaped
        and facts.concurrent_indexes
    }
    out: list[OnlineStatement] = []
    for text, node in zip(statements, nodes, strict=True):
        text = text.strip().rstrip(";").rstrip()
        if isinstance(node, ast.DropStmt) and _droppable_concurrently(node):
            index = _names((node.objects or ())[0])
            if index in swapped:
                out.append(OnlineStatement(_swap_guard(index, swapped[index])))
                continue
        out.extend(_rewrite(text, node, facts, new, dropped, set(created)))
        if isinstance(node, ast.IndexStmt) and _is_named_index(node) and (index := _index_rel(node)) in swapped:
            out.append(OnlineStatement(f"DROP INDEX CONCURRENTLY IF EXISTS {qualified(index[0], parked_name(index))}"))
    return tuple(out)


def parked_name(index: Rel) -> str:
    """Where a re-defined index waits (still used by queries) while its successor builds."""
    return "reconcile_old_" + hashlib.md5(f"{index[0]}.{index[1]}".encode()).hexdigest()[:16]


def _swap_guard(index: Rel, definition: str) -> str:
    return index_swap_guard(index, definition, parked_name(index))


def _droppable_concurrently(node: ast.DropStmt) -> bool:
    return (
        node.removeType == ObjectType.OBJECT_INDEX
        and not node.concurrent
        and node.behavior != DropBehavior.DROP_CASCADE
        and len(node.objects or ()) == 1
    )


def rebuild_invalid(
    statements: Sequence[str], invalid: Mapping[Rel, str], partitioned: Collection[Rel] = (), *, online: bool = True
) -> tuple[str, ...]:
    """Statements that rebuild INVALID indexes (`invalid`: index -> the definition schema/ wants)
    the diff leaves alone, since their definitions are the same: a guarded rename, a concurrent
    drop of the leftover and a concurrent build (all silent on re-run); without `online`, or on a
    partitioned table, a guarded DROP INDEX and a plain build in the transaction."""
    touched = set()
    for text in statements:
        node = _one(text)
        if isinstance(node, ast.IndexStmt) and _is_named_index(node):
            touched.add(_index_rel(node))
        elif isinstance(node, ast.DropStmt) and node.removeType == ObjectType.OBJECT_INDEX:
            touched.update(_names(o) for o in node.objects or ())
    out: list[str] = []
    for index, definition in sorted(invalid.items()):
        if index in touched:
            continue
        node = _one(definition)
        if not _is_named_index(node):
            continue
        assert isinstance(node, ast.IndexStmt) and node.relation is not None
        if not online or _rel(node.relation.schemaname, node.relation.relname) in partitioned:
            out.append(guarded(_is_invalid(index), f"DROP INDEX {qualified(*index)}"))
            out.append(definition)
            continue
        out.extend(_leftover_guard(index))
        out.append(_concurrently(definition))
    return tuple(out)


# --- the rewrite ---------------------------------------------------------------------------------


def _rewrite(
    text: str,
    node: ast.Node,
    facts: OnlineFacts,
    new: set[Rel],
    dropped: set[Rel],
    created_indexes: set[Rel],
) -> list[OnlineStatement]:
    def existing(rv: ast.RangeVar | None) -> Rel | None:
        if rv is None or not rv.relname:
            return None
        rel = _rel(rv.schemaname, rv.relname)
        return None if rel in new or rel in facts.partitioned else rel

    if isinstance(node, ast.IndexStmt) and _is_named_index(node) and not node.concurrent:
        if existing(node.relation) is None or not facts.concurrent_indexes:
            return [OnlineStatement(text)]
        assert node.relation is not None
        index = _rel(node.relation.schemaname, str(node.idxname))
        return [*(OnlineStatement(s) for s in _leftover_guard(index)), OnlineStatement(_concurrently(text))]
    if isinstance(node, ast.DropStmt) and _droppable_concurrently(node):
        index = _names((node.objects or ())[0])
        table = facts.table_of(index)
        # Dropped and created again by this sequence: the drop stays in a transaction, where its
        # guard can tell the old definition from the new one (a DO block cannot run CONCURRENTLY).
        if (
            table is None
            or table in dropped
            or table in facts.partitioned
            or index in created_indexes
            or not facts.concurrent_indexes
        ):
            return [OnlineStatement(text)]
        return [OnlineStatement(_concurrently(text))]
    if isinstance(node, ast.AlterTableStmt) and len(cmds := node.cmds or ()) == 1:
        cmd = cmds[0]
        rel = existing(node.relation) if node.objtype == ObjectType.OBJECT_TABLE else None
        if rel is None or not isinstance(cmd, ast.AlterTableCmd):
            return [OnlineStatement(text)]
        con = cmd.def_
        if (
            cmd.subtype == AlterTableType.AT_AddConstraint
            and isinstance(con, ast.Constraint)
            and con.conname
            and con.contype in (ConstrType.CONSTR_CHECK, ConstrType.CONSTR_FOREIGN)
            and not con.skip_validation
        ):
            # NOT VALID: the constraint holds for new rows at once; the existing ones are checked
            # by VALIDATE, which takes SHARE UPDATE EXCLUSIVE (reads and writes go on).
            added = _checked(f"{text} NOT VALID", lambda n: _with(n, skip_validation=True, initially_valid=False), text)
            return [OnlineStatement(added), OnlineStatement(_validate(rel, str(con.conname)), alone=True)]
        if cmd.subtype == AlterTableType.AT_ValidateConstraint:
            return [OnlineStatement(text, alone=True)]
        if cmd.subtype == AlterTableType.AT_SetNotNull and cmd.name:
            return _set_not_null(text, rel, str(cmd.name))
    return [OnlineStatement(text)]


def _is_invalid(index: Rel) -> str:
    return (
        "EXISTS (SELECT FROM pg_catalog.pg_index i WHERE i.indexrelid = "
        f"{regclass(qualified(*index))} AND NOT i.indisvalid)"
    )


def _set_not_null(text: str, rel: Rel, column: str) -> list[OnlineStatement]:
    """SET NOT NULL scans the table under ACCESS EXCLUSIVE unless a validated CHECK (col IS NOT
    NULL) proves it (PostgreSQL 12+): add that check NOT VALID, validate it in a transaction of
    its own, set NOT NULL, drop the check."""
    check = NN_PREFIX + hashlib.md5(f"{rel[0]}.{rel[1]}.{column}".encode()).hexdigest()[:16]
    table = qualified(*rel)
    add = f"ALTER TABLE {table} ADD CONSTRAINT {ident(check)} CHECK ({ident(column)} IS NOT NULL) NOT VALID"
    # Added only while the column still allows NULL: after the last step the check is gone again,
    # and a re-run must not bring it back.
    needed = " AND ".join(
        (
            f"{regclass(table)} IS NOT NULL",
            "NOT EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = "
            f"{regclass(table)} AND a.attname = {literal(column)} AND a.attnotnull)",
            "NOT EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = "
            f"{regclass(table)} AND c.conname = {literal(check)})",
        )
    )
    return [
        OnlineStatement(guarded(needed, add)),
        OnlineStatement(_validate(rel, check), alone=True),
        OnlineStatement(text),
        OnlineStatement(f"ALTER TABLE {table} DROP CONSTRAINT {ident(check)}"),
    ]


NN_PREFIX = "reconcile_nn_"  # the SET NOT NULL helper checks' names (`_set_not_null`)
# how `_set_not_null` adds one, wherever the idempotency rewriter put it
_NN_HELPER = re.compile(rf"ALTER TABLE (.+?) ADD CONSTRAINT \"?({NN_PREFIX}[0-9a-f]{{16}})\"? CHECK \(")


def helper_cleanup(statements: Sequence[str]) -> tuple[str, ...]:
    """For a rollback: drop the `reconcile_nn_…` checks these (forward) statements add on the way to
    SET NOT NULL, should the forward plan have stopped between adding and dropping one (apply's
    undo then runs the rollback on a target holding it). Silent where there is none."""
    out = []
    for sql in statements:
        for table, check in _NN_HELPER.findall(sql.replace("''", "'")):
            exists = (
                "EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE c.conrelid = "
                f"{regclass(table)} AND c.conname = {literal(check)})"
            )
            drop = guarded(exists, f"ALTER TABLE {table} DROP CONSTRAINT {ident(check)}")
            if drop not in out:
                out.append(drop)
    return tuple(out)


def _validate(rel: Rel, name: str) -> str:
    return f"ALTER TABLE {qualified(*rel)} VALIDATE CONSTRAINT {ident(name)}"


def leftover_name(index: Rel) -> str:
    """Where the guard before a concurrent build moves an INVALID index of the same name."""
    return "reconcile_invalid_" + hashlib.md5(f"{index[0]}.{index[1]}".encode()).hexdigest()[:16]


def _leftover_guard(index: Rel) -> tuple[str, str]:
    """A failed CREATE INDEX CONCURRENTLY leaves an INVALID index that IF NOT EXISTS would keep.
    DROP INDEX CONCURRENTLY cannot run in a DO block, so a guard renames the leftover (only while
    it is INVALID) and a plain `DROP … IF EXISTS` of the new name, silent when there is none,
    removes it without blocking the table."""
    name = qualified(*index)
    leftover = leftover_name(index)
    return (
        guarded(_is_invalid(index), f"ALTER INDEX {name} RENAME TO {ident(leftover)}"),
        f"DROP INDEX CONCURRENTLY IF EXISTS {qualified(index[0], leftover)}",
    )


# --- text edits, checked on the tree -------------------------------------------------------------


def _concurrently(text: str) -> str:
    """`text` (CREATE … INDEX / DROP INDEX) with CONCURRENTLY right after its INDEX keyword."""
    index = next(t for t in parser.scan(text) if t.name == "INDEX")
    out = f"{text[: index.end + 1]} CONCURRENTLY{text[index.end + 1 :]}"
    return _checked(out, lambda n: _with(n, concurrent=True), text)


def _with(node: ast.Node, **values: object) -> ast.Node:
    for k, v in values.items():
        setattr(node, k, v)
    return node


def _checked(out: str, change: Callable[[ast.Node], object], original: str) -> str:
    """`out` must parse to `original` changed by `change` (which edits the parsed tree)."""
    expected = _one(original)
    if isinstance(expected, ast.AlterTableStmt):
        cmd = (expected.cmds or ())[0]
        assert isinstance(cmd, ast.AlterTableCmd) and isinstance(cmd.def_, ast.Node)
        change(cmd.def_)
    else:
        change(expected)
    if not same_tree(_one(out), expected):
        raise OnlineRewriteError(f"online rewrite changed more than intended: {out}")
    return out


# --- names ---------------------------------------------------------------------------------------


def _one(text: str) -> ast.Node:
    parsed = parser.parse_sql(text)
    if len(parsed) != 1 or parsed[0].stmt is None:
        raise OnlineRewriteError(f"expected one statement: {text[:200]}")
    return parsed[0].stmt


def _rel(schema: str | None, name: str | None) -> Rel:
    return (schema or "public", name or "")


def _index_rel(node: ast.IndexStmt) -> Rel:
    return _rel(node.relation.schemaname if node.relation is not None else None, node.idxname)


def _names(obj: object) -> Rel:
    parts = tuple(str(p.sval) for p in obj) if isinstance(obj, tuple | list) else ()
    return _rel(parts[-2] if len(parts) >= 2 else None, parts[-1] if parts else "")


def _is_named_index(node: ast.Node) -> bool:
    return isinstance(node, ast.IndexStmt) and bool(node.idxname) and node.relation is not None


def _created_table(node: ast.Node) -> Rel | None:
    if isinstance(node, ast.CreateStmt) and node.relation is not None:
        return _rel(node.relation.schemaname, node.relation.relname)
    if isinstance(node, ast.CreateTableAsStmt) and node.into is not None and node.into.rel is not None:
        return _rel(node.into.rel.schemaname, node.into.rel.relname)
    return None


def _reshaped_table(node: ast.Node) -> Rel | None:
    """The table whose columns a statement changes the type of or drops."""
    if not isinstance(node, ast.AlterTableStmt) or node.relation is None:
        return None
    reshaping = (AlterTableType.AT_AlterColumnType, AlterTableType.AT_DropColumn)
    if any(isinstance(c, ast.AlterTableCmd) and c.subtype in reshaping for c in node.cmds or ()):
        return _rel(node.relation.schemaname, node.relation.relname)
    return None


def _dropped_table(node: ast.Node) -> Rel | None:
    if isinstance(node, ast.DropStmt) and node.removeType in (ObjectType.OBJECT_TABLE, ObjectType.OBJECT_MATVIEW):
        objs = node.objects or ()
        return _names(objs[0]) if len(objs) == 1 else None
    return None
