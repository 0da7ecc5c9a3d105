"""Relations created: tables, sequences, indexes, views and materialized views (whether they
exist, and whether they already are what the statement creates)."""

from __future__ import annotations

from pglast import ast
from pglast.enums.parsenodes import (
    ObjectType,
)

from ..parse import without_concurrently
from .core import _Context, _index_names, _lit, _rv_names, _Stmt
from .guards import _Guard, _inherits, _relation, _same_text, _where
from .slices import _after, _parses_to, _query_text


def _need_create_relation(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    if isinstance(node, ast.CreateStmt | ast.CreateSeqStmt):
        rel = _rv_names(node.relation if isinstance(node, ast.CreateStmt) else node.sequence)
    elif isinstance(node, ast.CreateTableAsStmt) and node.into is not None:
        rel = _rv_names(node.into.rel)
    elif isinstance(node, ast.IndexStmt) and node.idxname:
        rel = _index_names(node)
    else:
        return None
    return f"{g.rel(rel)} IS NULL"


def _def_index(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.IndexStmt)
    if not node.idxname:
        return None
    g.prints()
    # pg_get_indexdef never prints the CONCURRENTLY an online plan builds the index with.
    same = _same_text("pg_catalog.pg_get_indexdef(i.indexrelid)", without_concurrently(stmt.text))
    where = _where(f"i.indexrelid = {g.rel(_index_names(node))}", same)
    return f"EXISTS (SELECT FROM pg_catalog.pg_index i WHERE {where})"


def _def_view(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    if isinstance(node, ast.ViewStmt):
        if node.aliases or node.options or node.withCheckOption or node.view is None:
            return None  # only the query is compared
        rel, kind, query = _rv_names(node.view), "v", node.query
    elif isinstance(node, ast.CreateTableAsStmt) and node.into is not None:
        if node.objtype != ObjectType.OBJECT_MATVIEW or node.into.colNames or node.into.options:
            return None
        rel, kind, query = _rv_names(node.into.rel), "m", node.query
    else:  # pragma: no cover
        return None
    text = _query_text(stmt.text, query)
    if text is None:
        return None
    g.prints()
    return _relation(g, rel, f"c.relkind = {_lit(kind)}", _same_text("pg_catalog.pg_get_viewdef(c.oid)", text))


def _def_table(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    """A table of the same kind: migra drops and creates a table only when partitioning changes."""
    node = stmt.node
    assert isinstance(node, ast.CreateStmt)
    rel = _rv_names(node.relation)
    if node.partbound is not None:
        if len(node.inhRelations or ()) != 1:
            return None
        values = _after(stmt.text, ("FOR", "VALUES"))
        text = f"FOR VALUES {values}" if values else "DEFAULT"
        if not _parses_to(f"CREATE TABLE x PARTITION OF y {text}", lambda s: s.partbound, node.partbound):
            return None
        g.prints()
        parent = _rv_names((node.inhRelations or (None,))[0])
        return _relation(
            g,
            rel,
            "c.relispartition",
            _inherits(g, rel, parent),
            f"pg_catalog.pg_get_expr(c.relpartbound, c.oid) = {_lit(text)}",
        )
    if node.partspec is not None:
        key = _after(stmt.text, ("PARTITION", "BY"))
        if not key or not _parses_to(f"CREATE TABLE x () PARTITION BY {key}", lambda s: s.partspec, node.partspec):
            return None
        g.prints()
        return _relation(g, rel, "c.relkind = 'p'", f"pg_catalog.pg_get_partkeydef(c.oid) = {_lit(key)}")
    return _relation(g, rel, "c.relkind = 'r'", "NOT c.relispartition")
