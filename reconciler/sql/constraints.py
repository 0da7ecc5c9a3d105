"""Constraint definitions compared on the parse tree, for the diff module.

Owns the question "do two `pg_get_constraintdef()` texts differ only in NOT VALID?". Imports
pglast (which lives under `sql/`) only.
"""

from __future__ import annotations

from typing import Any

from pglast import ast, parser


def _constraint(definition: str) -> Any | None:
    try:
        stmts = parser.parse_sql(f"ALTER TABLE x ADD CONSTRAINT c {definition}")
    except parser.ParseError:
        return None
    node = stmts[0].stmt if len(stmts) == 1 else None
    if not isinstance(node, ast.AlterTableStmt) or not node.cmds or len(node.cmds) != 1:
        return None
    con = node.cmds[0].def_
    return con if isinstance(con, ast.Constraint) else None


def same_but_validity(a: str, b: str) -> bool:
    """True when constraint definitions `a` and `b` are the same constraint, validated or not."""
    ca, cb = _constraint(a), _constraint(b)
    if ca is None or cb is None:
        return False
    cb.skip_validation, cb.initially_valid = ca.skip_validation, ca.initially_valid
    return bool(ca == cb)
