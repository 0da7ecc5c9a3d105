"""The idempotency rewriter: each statement of a diff made safe to run again, and silent when it does.

Owns the guards: `IF [NOT] EXISTS` where PostgreSQL has a form that logs no DDL when it does
nothing, else a `DO` block that `EXECUTE`s the statement only while a catalog check says its change
is missing. Every rewrite is re-parsed and checked against the original statement's tree.
Imports pglast (which lives under `sql/`), `errors` and `sql.parse`.

A package by statement family (`tables`, `types`, `policies`, …) over `core`, `slices` and
`guards`; `rewrite` picks a family's guard for each statement."""

from __future__ import annotations

from collections.abc import Sequence

from pglast import ast

from ..guard_read import guarded_statement
from ..parse import is_non_transactional, without_concurrently
from .core import _NOT_DDL, Guarded, RewriteError, _Context, _ident, _lit, _qualified, _split_all
from .guards import _Guard, _same_text, _where
from .rewrite import _rewrite, _verify

# pg_catalog.to_regcollation and ALTER COLUMN … DROP EXPRESSION appeared in PostgreSQL 13;
# ALTER TYPE … ADD VALUE may run inside a DO block (a transaction) since 12.
MIN_SERVER_MAJOR = 13


def make_idempotent(statements: Sequence[str], *, server_major: int) -> tuple[Guarded, ...]:
    """Guard each statement so that running the whole sequence again changes and logs nothing.

    `statements` are the diff's, in order; a string holding several statements yields one
    `Guarded` per statement. Guards look ahead: a drop whose object the sequence creates again
    runs only while the object differs from that re-creation or a statement in between still
    has work to do (so a second run is silent, and a first run still drops a view before the
    column under it changes type). Statements no guard covers pass through unchanged and are
    listed by `unguarded()`. Raises `RewriteError` when a rewrite does not re-parse to the
    original statement plus its guard.
    """
    if server_major < MIN_SERVER_MAJOR:
        raise RewriteError(
            f"idempotent plans need PostgreSQL {MIN_SERVER_MAJOR} or later (the target runs {server_major})"
        )
    ctx = _Context(_split_all(statements))
    out = []
    for k, stmt in enumerate(ctx.stmts):
        sql = _rewrite(ctx, k)
        if sql is not None:
            _verify(stmt, sql)
        # A guard made earlier (by the supplementary differ, or by a previous rewrite) runs
        # where the statement it executes must run.
        inner = guarded_statement(stmt.node) if isinstance(stmt.node, ast.DoStmt) else None
        transactional = not is_non_transactional(inner if inner is not None else stmt.node)
        out.append(Guarded(sql or stmt.text, transactional=transactional))
    return tuple(out)


def index_swap_guard(index: tuple[str, str], definition: str, parked: str) -> str:
    """`ALTER INDEX index RENAME TO parked`, run only while `index` exists with a definition other
    than `definition` (a CREATE INDEX as pg_get_indexdef prints it, CONCURRENTLY or not): the old
    index is moved aside and keeps serving queries while the new one is built concurrently under
    the name, and a re-run (the index already is `definition`) changes nothing."""
    g = _Guard()
    g.prints()
    same = _same_text("pg_catalog.pg_get_indexdef(i.indexrelid)", without_concurrently(definition))
    need = f"EXISTS (SELECT FROM pg_catalog.pg_index i WHERE i.indexrelid = {g.rel(index)} AND NOT ({same}))"
    ddl = f"ALTER INDEX {_qualified(index)} RENAME TO {_ident(parked)}"
    return g.render(need, ddl)


def partition_bound_guard(child: tuple[str, str], bound: str, ddl: str, *, attached: bool) -> str:
    """`ddl` (DETACH, with `attached`, or ATTACH PARTITION of `child`), run only while `child`'s
    bound (as pg_get_expr prints it) is not `bound`: a partition whose bound changes is detached
    and attached again with it, and a re-run changes nothing."""
    g = _Guard()
    g.prints()
    conds = [f"c.oid = {g.rel(child)}", *(["c.relispartition"] if attached else [])]
    conds.append(f"pg_catalog.pg_get_expr(c.relpartbound, c.oid, true) IS DISTINCT FROM {_lit(bound)}")
    return g.render(f"EXISTS (SELECT FROM pg_catalog.pg_class c WHERE {_where(*conds)})", ddl)


def unguarded(statements: Sequence[str]) -> tuple[str, ...]:
    """The statements (split as `make_idempotent` splits them) that pass through without a guard."""
    ctx = _Context(_split_all(statements))
    return tuple(
        s.text for k, s in enumerate(ctx.stmts) if not isinstance(s.node, _NOT_DDL) and _rewrite(ctx, k) is None
    )


__all__ = [
    "MIN_SERVER_MAJOR",
    "Guarded",
    "RewriteError",
    "index_swap_guard",
    "make_idempotent",
    "partition_bound_guard",
    "unguarded",
]
