"""Functions and procedures: whether one already has the definition a statement creates."""

from __future__ import annotations

from pglast import ast

from .core import _Context, _names, _signature, _signature_args, _Stmt
from .guards import _Guard, _same_text, _where


def _def_function(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.CreateFunctionStmt)
    args = _signature_args(node.parameters, bool(node.is_procedure))
    if args is None:
        return None
    g.prints()
    # The diff's statement is pg_get_functiondef() plus ";": equal texts, nothing to replace.
    same = _same_text("pg_catalog.pg_get_functiondef(p.oid)", stmt.text)
    oid = g.proc(_signature(_names(node.funcname), args))
    return f"EXISTS (SELECT FROM pg_catalog.pg_proc p WHERE {_where(f'p.oid = {oid}', same)})"
