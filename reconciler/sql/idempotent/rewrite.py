"""The rewrite: for each statement the guard that makes it re-runnable (PostgreSQL's own IF [NOT]
EXISTS where doing nothing logs no DDL, else the need of its statement family, with the spans
of drops the sequence undoes later), and the check that the result is the original plus a guard."""

from __future__ import annotations

from pglast import ast, parser
from pglast.enums.parsenodes import (
    AlterTableType,
    ObjectType,
)

from ..guard_read import do_condition, guard_shape, guarded_statement
from ..parse import IndentedStream, same_tree
from .core import _NOT_DDL, RewriteError, _Context, _Stmt
from .drops import _need_define, _need_drop, _need_rename
from .guards import Need, _Guard
from .policies import _def_policy, _need_alter_policy, _need_create_policy
from .relations import _def_index, _def_table, _def_view, _need_create_relation
from .routines import _def_function
from .schemas import _need_alter_extension, _need_create_extension, _need_create_schema
from .sequences import _need_alter_sequence
from .slices import _parses_to, _tokens
from .tables import _def_alter_table, _need_alter_table
from .triggers import _def_trigger, _need_create_trigger
from .types import _def_composite, _need_alter_enum, _need_create_type


def _need(g: _Guard, ctx: _Context, k: int, within: int | None = None) -> str | None:
    """SQL that is true while statement `k` still has something to do (None: no guard known).

    A drop that the sequence undoes later (`ctx.recreation`) has work to do while its object
    exists and differs from the re-creation, or while a statement in between that the object
    could block (`_may_be_blocked`) has work to do. Inside another drop's span (`within`), such a
    drop counts only its own object: the statements of its span are in the outer span too.
    """
    if isinstance(ctx.stmts[k].node, _NOT_DDL):
        return "false"
    m = ctx.recreation(k)
    key = (k, None if within is None else m is not None and m < within)
    if key not in ctx.needs:
        sub = _Guard()
        ctx.needs[key] = (_own_or_span_need(sub, ctx, k, within), sub.printing)
    need, printing = ctx.needs[key]
    if need is not None and printing:
        g.prints()
    return need


def _own_or_span_need(g: _Guard, ctx: _Context, k: int, within: int | None) -> str | None:
    stmt = ctx.stmts[k]
    handler = _NEEDS.get(type(stmt.node))
    own = handler(g, stmt, ctx) if handler else None
    if isinstance(stmt.node, ast.DoStmt):  # a guard made earlier: its own condition
        own = do_condition(stmt.node)
    pair = _recreated(g, ctx, k) if own is not None else None
    if own is None or pair is None:
        return own
    m, reached = pair
    if within is not None:
        return f"{own} AND {g.negate(reached)}" if m < within else None
    between = []
    for x in range(k + 1, m):
        if _may_be_blocked(ctx.stmts[x].node):
            inner = _need(g, ctx, x, within=m)
            if inner != "false":
                between.append(f"({inner})" if inner else "true")
    return f"{own} AND ({g.negate(reached)}{''.join(' OR ' + b for b in between)})"


_BLOCKABLE_COMMANDS = (
    AlterTableType.AT_AlterColumnType,
    AlterTableType.AT_DropColumn,
    AlterTableType.AT_DropConstraint,
    AlterTableType.AT_DropExpression,
)


def _may_be_blocked(node: ast.Node) -> bool:
    """Whether an object the statement does not name can make it fail by existing (a dependent).

    Drops, column type changes and replacements of views and functions can be refused while a
    dependent exists; creations and the other changes cannot. Unknown statements are assumed to.
    """
    if isinstance(node, _NOT_DDL):
        return False
    if isinstance(node, ast.DoStmt) and (inner := guarded_statement(node)) is not None:
        return _blockable_kind(inner)
    return _blockable_kind(node) or type(node) not in _NEEDS


def _blockable_kind(node: ast.Node) -> bool:
    if isinstance(node, ast.DropStmt | ast.ViewStmt | ast.CreateFunctionStmt):
        return True
    if isinstance(node, ast.AlterTableStmt):
        return any(not isinstance(c, ast.AlterTableCmd) or c.subtype in _BLOCKABLE_COMMANDS for c in node.cmds or ())
    return False


def _recreated(g: _Guard, ctx: _Context, k: int) -> tuple[int, str] | None:
    """Where the sequence creates again what statement `k` drops, and SQL true once it has."""
    if k not in ctx.recreated:
        m = ctx.recreation(k)
        definition = _DEFINITIONS.get(type(ctx.stmts[m].node)) if m is not None else None
        sub = _Guard()
        reached = definition(sub, ctx.stmts[m], ctx) if m is not None and definition else None
        ctx.recreated[k] = (m, reached, sub.printing) if m is not None and reached else None
    hit = ctx.recreated[k]
    if hit is None:
        return None
    m, reached, printing = hit
    if printing:
        g.prints()
    return m, reached


def _need_by_definition(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    """For CREATE OR REPLACE: work to do while the definition differs from the statement's."""
    reached = _DEFINITIONS[type(stmt.node)](g, stmt, ctx)
    return g.negate(reached) if reached else None


_NEEDS: dict[type[ast.Node], Need] = {
    ast.CreateStmt: _need_create_relation,
    ast.CreateSeqStmt: _need_create_relation,
    ast.CreateTableAsStmt: _need_create_relation,
    ast.IndexStmt: _need_create_relation,
    ast.CreateSchemaStmt: _need_create_schema,
    ast.CreateExtensionStmt: _need_create_extension,
    ast.DefineStmt: _need_define,
    ast.DropStmt: _need_drop,
    ast.CreateEnumStmt: _need_create_type,
    ast.CreateRangeStmt: _need_create_type,
    ast.CreateDomainStmt: _need_create_type,
    ast.CompositeTypeStmt: _need_create_type,
    ast.AlterEnumStmt: _need_alter_enum,
    ast.RenameStmt: _need_rename,
    ast.AlterTableStmt: _need_alter_table,
    ast.AlterSeqStmt: _need_alter_sequence,
    ast.AlterExtensionStmt: _need_alter_extension,
    ast.CreateFunctionStmt: _need_by_definition,
    ast.ViewStmt: _need_by_definition,
    ast.CreateTrigStmt: _need_create_trigger,
    ast.CreatePolicyStmt: _need_create_policy,
    ast.AlterPolicyStmt: _need_alter_policy,
}


_DEFINITIONS: dict[type[ast.Node], Need] = {
    ast.IndexStmt: _def_index,
    ast.ViewStmt: _def_view,
    ast.CreateTableAsStmt: _def_view,
    ast.CreateStmt: _def_table,
    ast.CreateFunctionStmt: _def_function,
    ast.CreateTrigStmt: _def_trigger,
    ast.CreatePolicyStmt: _def_policy,
    ast.CompositeTypeStmt: _def_composite,
    ast.AlterTableStmt: _def_alter_table,
}


def _silent_flag(node: ast.Node) -> str | None:
    """PostgreSQL's own guard, where doing nothing logs no DDL (no ddl_command_end, no sql_drop)."""
    if isinstance(node, ast.DropStmt):
        return "missing_ok"
    if isinstance(node, ast.IndexStmt):
        return "if_not_exists" if node.idxname else None  # IF NOT EXISTS needs a name to look for
    if isinstance(node, ast.CreateStmt | ast.CreateSeqStmt | ast.CreateExtensionStmt):
        return "if_not_exists"
    if isinstance(node, ast.CreateSchemaStmt):
        return None if node.schemaElts else "if_not_exists"
    if isinstance(node, ast.CreateTableAsStmt):
        return "if_not_exists" if node.objtype == ObjectType.OBJECT_MATVIEW else None
    if isinstance(node, ast.DefineStmt):
        return "if_not_exists" if node.kind == ObjectType.OBJECT_COLLATION else None
    return None


def _rewrite(ctx: _Context, k: int) -> str | None:
    """The guarded SQL for statement `k`, or None when no guard covers it."""
    stmt = ctx.stmts[k]
    if isinstance(stmt.node, _NOT_DDL):
        return None
    if isinstance(stmt.node, ast.DoStmt):
        return stmt.text if guarded_statement(stmt.node) is not None else None
    flag = _silent_flag(stmt.node)
    # CONCURRENTLY cannot run inside a DO block (a transaction): PostgreSQL's own guard only.
    concurrent = isinstance(stmt.node, ast.IndexStmt | ast.DropStmt) and bool(stmt.node.concurrent)
    if flag and (concurrent or _recreated(_Guard(), ctx, k) is None):
        return _with_flag(stmt, flag)
    g = _Guard()
    need = _need(g, ctx, k)
    return g.render(need, stmt.text) if need is not None else None


def _with_flag(stmt: _Stmt, flag: str) -> str:
    """The statement with `flag` set, printed from its tree; where the printer cannot say it
    alike (a constant cast to the quoted type name "bit" prints as the keyword bit, i.e.
    bit(1)), the diff's own text with `IF [NOT] EXISTS` inserted where it parses to that tree."""
    expected = parser.parse_sql(stmt.text)[0].stmt
    assert expected is not None
    had = bool(getattr(expected, flag))
    setattr(expected, flag, True)
    printed = str(IndentedStream()(expected))
    if _parses_to(printed, lambda s: s, expected):
        return printed
    if had:
        return stmt.text
    words = "IF EXISTS" if flag == "missing_ok" else "IF NOT EXISTS"
    for tok in _tokens(stmt.text)[:8]:
        candidate = f"{stmt.text[: tok.end]} {words}{stmt.text[tok.end :]}"
        if _parses_to(candidate, lambda s: s, expected):
            return candidate
    return printed  # _verify names the difference


def _verify(original: _Stmt, sql: str) -> None:
    """`sql` must be the original statement plus a guard, and nothing else."""
    try:
        parsed = parser.parse_sql(sql)
    except parser.ParseError as exc:
        raise RewriteError(f"a guarded statement does not parse: {exc}", detail=sql) from None
    if len(parsed) != 1:
        raise RewriteError("a guarded statement is not one statement", detail=sql)
    node = parsed[0].stmt
    expected = parser.parse_sql(original.text)[0].stmt
    if isinstance(expected, ast.DoStmt):
        if sql != original.text:
            raise RewriteError("a guard made earlier was changed", detail=sql)
        return
    if isinstance(node, ast.DoStmt):
        got = parser.parse_sql(_executed(node, sql))
        if len(got) != 1 or not same_tree(got[0].stmt, expected):
            raise RewriteError("a guard executes something else than the original statement", detail=sql)
        return
    for tree in (node, expected):
        for flag in ("if_not_exists", "missing_ok"):
            if hasattr(tree, flag):
                setattr(tree, flag, False)
    if not same_tree(node, expected):
        raise RewriteError("a rewritten statement differs from the original beyond IF [NOT] EXISTS", detail=sql)


def _executed(node: ast.DoStmt, sql: str) -> str:
    """The one constant string a guard's DO block EXECUTEs."""
    executed = guard_shape(node)
    if executed is None:
        raise RewriteError("a guard must be IF <condition> THEN EXECUTE <one constant string>", detail=sql)
    return executed
