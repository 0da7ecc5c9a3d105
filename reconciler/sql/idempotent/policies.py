"""Row-level security policies: created, altered, and whether one already is what a statement says."""

from __future__ import annotations

from typing import Any

from pglast import ast
from pglast.enums.parsenodes import (
    RoleSpecType,
)

from .core import _Context, _lit, _rv_names, _Stmt
from .guards import _Guard, _policy
from .slices import _expression_text, _parens_after


def _need_create_policy(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.CreatePolicyStmt)
    return f"NOT {_policy(g, _rv_names(node.table), node.policy_name)}" if node.policy_name else None


_POLICY_COMMANDS = {"all": "*", "select": "r", "insert": "a", "update": "w", "delete": "d"}


def _def_policy(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.CreatePolicyStmt)
    command = _POLICY_COMMANDS.get(str(node.cmd_name))
    if not node.policy_name or command is None:
        return None
    conds = [f"p.polpermissive = {'true' if node.permissive else 'false'}", f"p.polcmd = {_lit(command)}"]
    more = _policy_conds(stmt, node.roles, node.qual, node.with_check, absent_is_null=True)
    if more is None:
        return None
    g.prints()
    return _policy(g, _rv_names(node.table), node.policy_name, *conds, *more)


def _policy_conds(
    stmt: _Stmt, role_specs: Any, qual: Any, with_check: Any, *, absent_is_null: bool
) -> list[str] | None:
    """Conditions on `p` (pg_policy): the policy has these roles and expressions (None: unknown).

    CREATE POLICY without USING/WITH CHECK means none (`absent_is_null`); ALTER POLICY without
    one (or without TO) leaves it as it is.
    """
    conds = []
    if role_specs or absent_is_null:
        roles = []
        for r in role_specs or ():
            if r.roletype == RoleSpecType.ROLESPEC_PUBLIC:
                roles.append("public")
            elif r.roletype == RoleSpecType.ROLESPEC_CSTRING and r.rolename:
                roles.append(r.rolename)
            else:
                return None
        # As pg_policies prints polroles (and so the diff): {public}, else the role names in order.
        conds.append(
            "CASE WHEN p.polroles = '{0}' THEN ARRAY['public'] ELSE ARRAY(SELECT r.rolname::pg_catalog.text "
            "FROM pg_catalog.pg_roles r WHERE r.oid = ANY (p.polroles) ORDER BY r.rolname) END = "
            f"ARRAY[{', '.join(_lit(r) for r in sorted(roles or ['public']))}]::pg_catalog.text[]"
        )
    for column, expr, keywords in (
        ("polqual", qual, ("USING",)),
        ("polwithcheck", with_check, ("WITH", "CHECK")),
    ):
        if expr is None:
            if absent_is_null:
                conds.append(f"p.{column} IS NULL")
            continue
        text = _expression_text(_parens_after(stmt.text, keywords), expr)
        if text is None:
            return None
        conds.append(f"pg_catalog.pg_get_expr(p.{column}, p.polrelid) = {_lit(text)}")
    return conds


def _need_alter_policy(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    """ALTER POLICY … TO/USING/WITH CHECK: work to do while the policy differs (it logs DDL always)."""
    node = stmt.node
    assert isinstance(node, ast.AlterPolicyStmt)
    if not node.policy_name or node.table is None:
        return None
    conds = _policy_conds(stmt, node.roles, node.qual, node.with_check, absent_is_null=False)
    if not conds:
        return None
    g.prints()
    rel = _rv_names(node.table)
    return f"{_policy(g, rel, node.policy_name)} AND NOT {_policy(g, rel, node.policy_name, *conds)}"
