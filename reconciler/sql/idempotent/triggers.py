"""Triggers: whether one exists, and already has the definition a statement creates."""

from __future__ import annotations

from pglast import ast

from .core import _Context, _lit, _rv_names, _Stmt
from .guards import _Guard, _same_text, _trigger
from .tables import _TRIGGER_STATE, _later_commands


def _need_create_trigger(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.CreateTrigStmt)
    if node.replace or node.relation is None or not node.trigname:
        return None  # OR REPLACE: an existence check cannot tell whether there is anything to replace
    return f"NOT {_trigger(g, _rv_names(node.relation), node.trigname)}"


def _def_trigger(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.CreateTrigStmt)
    if node.relation is None or not node.trigname:
        return None
    rel = _rv_names(node.relation)
    # CREATE TRIGGER makes an enabled trigger; a later ALTER TABLE … ENABLE/DISABLE TRIGGER (or a
    # guard running one) gives it its final state, which pg_get_triggerdef() does not show.
    state = "O"
    for cmd in _later_commands(ctx, stmt, rel):
        if cmd.subtype in _TRIGGER_STATE and cmd.name == node.trigname:
            state = _TRIGGER_STATE[cmd.subtype]
    g.prints()  # the diff's statement is pg_get_triggerdef()
    same = _same_text("pg_catalog.pg_get_triggerdef(t.oid)", stmt.text)
    return _trigger(g, rel, node.trigname, f"t.tgenabled = {_lit(state)}", same)
