"""ALTER TABLE: columns, their types, defaults and options, constraints, triggers' state, RLS,
inheritance and partitions; whether a table command already holds."""

from __future__ import annotations

from typing import Any

from pglast import ast
from pglast.enums.parsenodes import (
    AlterTableType,
    ConstrType,
)

from ..guard_read import guarded_statement
from ..parse import without_concurrently
from .core import Names, _Context, _ident, _lit, _names, _rv_names, _single_table_cmd, _Stmt
from .guards import (
    _column,
    _constraint,
    _default_is,
    _enum_labels_are,
    _Guard,
    _inherits,
    _relation,
    _same_text,
    _trigger,
    _where,
)
from .slices import _after, _expression_text, _find, _parens_after, _parses_to, _tokens, _type_text

_TRIGGER_STATE = {
    AlterTableType.AT_EnableTrig: "O",
    AlterTableType.AT_EnableAlwaysTrig: "A",
    AlterTableType.AT_EnableReplicaTrig: "R",
    AlterTableType.AT_DisableTrig: "D",
}


_TABLE_STATE = {
    AlterTableType.AT_EnableRowSecurity: "c.relrowsecurity",
    AlterTableType.AT_DisableRowSecurity: "NOT c.relrowsecurity",
    AlterTableType.AT_ForceRowSecurity: "c.relforcerowsecurity",
    AlterTableType.AT_NoForceRowSecurity: "NOT c.relforcerowsecurity",
    AlterTableType.AT_SetLogged: "c.relpersistence = 'p'",
    AlterTableType.AT_SetUnLogged: "c.relpersistence = 'u'",
}


def _need_alter_table(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.AlterTableStmt)
    cmd = _single_table_cmd(node)
    if cmd is None:
        return None
    rel, col, sub, arg = _rv_names(node.relation), cmd.name, cmd.subtype, cmd.def_
    if sub == AlterTableType.AT_AddColumn and isinstance(arg, ast.ColumnDef) and arg.colname:
        return f"NOT {_column(g, rel, arg.colname)}"
    if sub == AlterTableType.AT_AddConstraint and isinstance(arg, ast.Constraint) and arg.conname:
        return f"NOT {_constraint(g, rel, arg.conname)}"
    if sub == AlterTableType.AT_AttachPartition and isinstance(arg, ast.PartitionCmd):
        return f"NOT {_inherits(g, _rv_names(arg.name), rel)}"
    if sub == AlterTableType.AT_DetachPartition and isinstance(arg, ast.PartitionCmd) and not arg.concurrent:
        return _inherits(g, _rv_names(arg.name), rel)  # DETACH … CONCURRENTLY cannot run in a DO block
    if sub == AlterTableType.AT_AddInherit and isinstance(arg, ast.RangeVar):
        return f"NOT {_inherits(g, rel, _rv_names(arg))}"
    if sub == AlterTableType.AT_DropInherit and isinstance(arg, ast.RangeVar):
        return _inherits(g, rel, _rv_names(arg))
    if sub in _TABLE_STATE:
        return f"NOT {_relation(g, rel, _TABLE_STATE[sub])}"
    if not col:
        return None
    if sub == AlterTableType.AT_DropColumn:
        return _column(g, rel, col)
    if sub == AlterTableType.AT_SetNotNull:
        return f"NOT {_column(g, rel, col, 'a.attnotnull')}"
    if sub == AlterTableType.AT_DropNotNull:
        return f"NOT {_column(g, rel, col, 'NOT a.attnotnull')}"
    if sub == AlterTableType.AT_ColumnDefault and arg is None:
        return _column(g, rel, col, "a.atthasdef")
    if sub == AlterTableType.AT_ColumnDefault and isinstance(arg, ast.Node):
        text = _expression_text(_after(stmt.text, ("DEFAULT",)), arg)
        return f"NOT {_default_is(g, rel, col, text)}" if text else None
    if sub == AlterTableType.AT_AlterColumnType and isinstance(arg, ast.ColumnDef):
        reached = _column_type(g, stmt.text, ctx, rel, col, arg)
        return g.negate(reached) if reached else None
    if sub == AlterTableType.AT_DropExpression:
        return _column(g, rel, col, "a.attgenerated <> ''")
    if sub == AlterTableType.AT_AddIdentity and isinstance(arg, ast.Constraint) and arg.generated_when:
        return f"NOT {_column(g, rel, col, 'a.attidentity = ' + _lit(arg.generated_when))}"
    if sub == AlterTableType.AT_SetIdentity and isinstance(arg, tuple):
        opts = {d.defname: d.arg for d in arg if isinstance(d, ast.DefElem)}
        when = opts.get("generated")
        if set(opts) == {"generated"} and isinstance(when, ast.Integer) and when.ival:
            return f"NOT {_column(g, rel, col, 'a.attidentity = ' + _lit(chr(when.ival)))}"
        return None
    if sub == AlterTableType.AT_DropIdentity:
        return _column(g, rel, col, "a.attidentity <> ''")
    if sub == AlterTableType.AT_ValidateConstraint:
        return _constraint(g, rel, col, "NOT c.convalidated")
    if sub == AlterTableType.AT_DropConstraint:
        return _constraint(g, rel, col)
    if sub in _TRIGGER_STATE:
        return f"NOT {_trigger(g, rel, col, 't.tgenabled = ' + _lit(_TRIGGER_STATE[sub]))}"
    return None


def _type_conds(g: _Guard, text: str, type_name: ast.TypeName) -> list[str]:
    """Conditions on `a` (pg_attribute) meaning: the column has the type the diff printed as `text`."""
    conds = [f"a.atttypid = {g.typ(text)}"]
    if type_name.typmods:
        # The diff printed the type with format_type(): compare the typmod the same way.
        g.prints()
        conds.append(f"pg_catalog.format_type(a.atttypid, a.atttypmod) = {_lit(text)}")
    else:
        conds.append("a.atttypmod = -1")
    return conds


def _collation_cond(g: _Guard, clause: ast.CollateClause | None) -> str:
    if clause is not None:
        return f"a.attcollation = {g.coll(_names(clause.collname))}"
    return "a.attcollation = (SELECT t.typcollation FROM pg_catalog.pg_type t WHERE t.oid = a.atttypid)"


def _column_type(g: _Guard, text: str, ctx: _Context, rel: Names, col: str, coldef: ast.ColumnDef) -> str | None:
    """The column already has the type and collation `ALTER COLUMN … TYPE` gives it."""
    if coldef.typeName is None:
        return None
    type_text = _type_text(text, coldef.typeName)
    if type_text is None:
        return None
    conds = [*_type_conds(g, type_text, coldef.typeName), _collation_cond(g, coldef.collClause)]
    labels = None if coldef.typeName.arrayBounds else ctx.recreated_enum(_names(coldef.typeName.names))
    if labels is not None:
        # Before an enum's rename its name still means the old type: compare the labels too.
        conds.append(_enum_labels_are("a.atttypid", labels))
    return _column(g, rel, col, *conds)


def _later_commands(ctx: _Context, stmt: _Stmt, rel: Names) -> list[ast.AlterTableCmd]:
    """The ALTER TABLE `rel` commands after `stmt`, also those a guard made earlier runs."""
    k = next(i for i, s in enumerate(ctx.stmts) if s is stmt)
    out = []
    for later in ctx.stmts[k + 1 :]:
        node = guarded_statement(later.node) if isinstance(later.node, ast.DoStmt) else later.node
        cmd = _single_table_cmd(node) if node is not None else None
        if cmd is not None and isinstance(node, ast.AlterTableStmt) and _rv_names(node.relation) == rel:
            out.append(cmd)
    return out


def _def_alter_table(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.AlterTableStmt)
    cmd = _single_table_cmd(node)
    if cmd is None:
        return None
    rel = _rv_names(node.relation)
    if cmd.subtype == AlterTableType.AT_AddConstraint and isinstance(cmd.def_, ast.Constraint):
        return _def_constraint(g, stmt, ctx, rel, cmd.def_)
    if cmd.subtype == AlterTableType.AT_AddColumn and isinstance(cmd.def_, ast.ColumnDef):
        return _def_column(g, stmt, rel, cmd.def_)
    if cmd.subtype == AlterTableType.AT_ColumnDefault and isinstance(cmd.def_, ast.Node) and cmd.name:
        text = _expression_text(_after(stmt.text, ("DEFAULT",)), cmd.def_)
        return _default_is(g, rel, cmd.name, text) if text else None
    return None


_CONSTRAINT_TYPES = {ConstrType.CONSTR_PRIMARY: "p", ConstrType.CONSTR_UNIQUE: "u"}


def _def_constraint(g: _Guard, stmt: _Stmt, ctx: _Context, rel: Names, con: ast.Constraint) -> str | None:
    if not con.conname:
        return None
    g.prints()
    if con.indexname:
        # … PRIMARY KEY USING INDEX i: the constraint's index is the one the sequence creates.
        index = ctx.indexes.get((*rel[:-1], con.indexname))
        kind = _CONSTRAINT_TYPES.get(con.contype) if con.contype is not None else None
        if index is None or kind is None:
            return None
        return _constraint(
            g,
            rel,
            con.conname,
            f"c.contype = {_lit(kind)}",
            f"c.condeferrable = {'true' if con.deferrable else 'false'}",
            f"c.condeferred = {'true' if con.initdeferred else 'false'}",
            _same_text("pg_catalog.pg_get_indexdef(c.conindid)", without_concurrently(index.text)),
        )
    # The diff's text after the name is pg_get_constraintdef(), then migra's "not valid".
    toks = _tokens(stmt.text)
    i = _find(toks, ("CONSTRAINT",))
    if i is None or i + 2 >= len(toks):
        return None
    end = len(stmt.text)
    top = [t for t in toks if t.depth == 0]
    if len(top) >= 2 and (top[-2].name, top[-1].name) == ("NOT", "VALID"):
        end = top[-2].start
    text = stmt.text[toks[i + 2].start : end].strip()
    rebuilt = f"ALTER TABLE x ADD CONSTRAINT {_ident(con.conname)} {text}"

    def constraint(s: Any) -> Any:
        c = s.cmds[0].def_
        c.skip_validation, c.initially_valid = con.skip_validation, con.initially_valid
        return c

    if not _parses_to(rebuilt, constraint, con):
        return None
    # pg_get_constraintdef() ends with NOT VALID until the constraint is validated: by this
    # statement (no NOT VALID) or by a VALIDATE CONSTRAINT later in the sequence.
    validated = not con.skip_validation or any(
        c.subtype == AlterTableType.AT_ValidateConstraint and c.name == con.conname
        for c in _later_commands(ctx, stmt, rel)
    )
    final = text if validated else f"{text} NOT VALID"
    return _constraint(g, rel, con.conname, f"pg_catalog.pg_get_constraintdef(c.oid) = {_lit(final)}")


def _def_column(g: _Guard, stmt: _Stmt, rel: Names, col: ast.ColumnDef) -> str | None:
    """The column as ADD COLUMN makes it: type, collation, identity, generation, not null, default."""
    if not col.colname or col.typeName is None:
        return None
    type_text = _type_text(stmt.text, col.typeName)
    if type_text is None:
        return None
    g.prints()
    conds = [*_type_conds(g, type_text, col.typeName), _collation_cond(g, col.collClause)]
    constraints = {c.contype: c for c in col.constraints or () if isinstance(c, ast.Constraint)}
    known = {ConstrType.CONSTR_IDENTITY, ConstrType.CONSTR_GENERATED, ConstrType.CONSTR_NOTNULL}
    if set(constraints) - known - {ConstrType.CONSTR_DEFAULT}:
        return None
    identity = constraints.get(ConstrType.CONSTR_IDENTITY)
    conds.append(f"a.attidentity = {_lit(identity.generated_when or '') if identity else _lit('')}")
    generated = constraints.get(ConstrType.CONSTR_GENERATED)
    default = constraints.get(ConstrType.CONSTR_DEFAULT)
    conds.append(f"a.attgenerated = {_lit('s' if generated else '')}")
    not_null = ConstrType.CONSTR_NOTNULL in constraints or identity is not None
    conds.append("a.attnotnull" if not_null else "NOT a.attnotnull")
    expr_text = None
    if generated is not None:
        expr_text = _expression_text(_parens_after(stmt.text, ("GENERATED", "ALWAYS", "AS")), generated.raw_expr)
    elif default is not None:
        expr_text = _expression_text(_after(stmt.text, ("DEFAULT",), ("COLLATE",)), default.raw_expr)
    if (generated or default) and expr_text is None:
        return None
    if expr_text is None:
        conds.append("NOT a.atthasdef")
    else:
        printed = _where(
            "d.adrelid = a.attrelid",
            "d.adnum = a.attnum",
            f"pg_catalog.pg_get_expr(d.adbin, d.adrelid) = {_lit(expr_text)}",
        )
        conds.append(f"EXISTS (SELECT FROM pg_catalog.pg_attrdef d WHERE {printed})")
    return _column(g, rel, col.colname, *conds)
