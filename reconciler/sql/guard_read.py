"""Reading a guard back: the statement a guard's DO block EXECUTEs, and the condition it tests.

A guard (what `idempotent` writes, and the supplement, the archive and renames) is a DO block of
one IF without ELSE whose only statement EXECUTEs a constant string, after PERFORMs and
assignments (a printing guard's settings). Every module that reads statements (parse, kinds,
objects, order, hazards, idempotent itself) reads guards through this one. Imports only pglast.
"""

from __future__ import annotations

from typing import Any

from pglast import ast, parse_plpgsql, parser


def dollar_quoted(text: str, base: str) -> str:
    """`text` between dollar quotes whose tag neither occurs in it nor straddles its end."""
    n = 0
    while True:
        tag = f"${base}{'_' + str(n) if n else ''}$"
        if (text + tag).find(tag) == len(text):
            return f"{tag}{text}{tag}"
        n += 1


def parses_as_expression(sql: str) -> bool:
    try:
        parser.parse_sql(f"SELECT {sql}")
    except parser.ParseError:
        return False
    return True


def guarded_statement(node: ast.DoStmt) -> ast.Node | None:
    """The statement a DO block that already is a guard executes (None: not a guard)."""
    executed = guard_shape(node)
    if executed is None:
        return None
    try:
        parsed = parser.parse_sql(executed)
    except parser.ParseError:
        return None
    return parsed[0].stmt if len(parsed) == 1 else None


# A guard's body: PERFORM and assignments (a printing guard's settings), then one IF without
# ELSE whose only statement EXECUTEs a constant string (PL/pgSQL adds the final RETURN).
_GUARD_PREAMBLE = ("PLpgSQL_stmt_perform", "PLpgSQL_stmt_assign")


def _do_body(node: ast.DoStmt) -> tuple[list[dict[str, Any]], int] | None:
    """The PL/pgSQL statements of a DO block (without the final RETURN) and how many variables
    it declares (None: not a PL/pgSQL block that parses)."""
    opts = {d.defname: d.arg for d in node.args or ()}
    body, language = opts.get("as"), opts.get("language")
    if not isinstance(body, ast.String) or not body.sval:
        return None
    if language is not None and not (isinstance(language, ast.String) and language.sval == "plpgsql"):
        return None
    wrapper = f"CREATE FUNCTION pg_temp.guard() RETURNS void LANGUAGE plpgsql AS {dollar_quoted(body.sval, 'body')}"
    try:
        tree = parse_plpgsql(wrapper)
        function = tree[0]["PLpgSQL_function"]
        stmts = function["action"]["PLpgSQL_stmt_block"]["body"]
        declared = len(function.get("datums") or ()) - 1  # PL/pgSQL's own FOUND
    except (parser.ParseError, KeyError, IndexError, TypeError):
        return None
    if stmts and next(iter(stmts[-1])) == "PLpgSQL_stmt_return" and not stmts[-1]["PLpgSQL_stmt_return"]:
        stmts = stmts[:-1]
    return stmts, declared


def do_condition(node: ast.DoStmt) -> str | None:
    """The condition of a DO block that is one IF without ELSE and declares nothing (a guard
    written by the supplementary differ, the archive or a rename): SQL true while it has work."""
    found = _do_body(node)
    if found is None or found[1] != 0 or len(found[0]) != 1:
        return None
    branch = found[0][0].get("PLpgSQL_stmt_if")
    if not isinstance(branch, dict) or set(branch) - {"lineno", "cond", "then_body"}:
        return None
    cond = str(branch["cond"]["PLpgSQL_expr"]["query"])
    return f"({cond})" if parses_as_expression(cond) else None


def guard_shape(node: ast.DoStmt) -> str | None:
    """The constant string a DO block of a guard's shape EXECUTEs."""
    found = _do_body(node)
    if found is None:
        return None
    stmts = found[0]
    if not stmts or any(next(iter(s)) not in _GUARD_PREAMBLE for s in stmts[:-1]):
        return None
    branch = stmts[-1].get("PLpgSQL_stmt_if")
    if not isinstance(branch, dict) or set(branch) - {"lineno", "cond", "then_body"}:
        return None
    then = branch.get("then_body") or []
    if len(then) != 1 or "PLpgSQL_stmt_dynexecute" not in then[0]:
        return None
    dynexecute = then[0]["PLpgSQL_stmt_dynexecute"]
    if set(dynexecute) - {"lineno", "query"}:
        return None  # INTO / USING
    return _string_constant(dynexecute["query"]["PLpgSQL_expr"]["query"])


def _string_constant(expr: str) -> str | None:
    parsed = parser.parse_sql(f"SELECT {expr}")
    select = parsed[0].stmt
    targets = select.targetList or () if isinstance(select, ast.SelectStmt) else ()
    const = targets[0].val if len(parsed) == 1 and len(targets) == 1 else None
    if isinstance(const, ast.A_Const) and isinstance(const.val, ast.String):
        return str(const.val.sval)
    return None
