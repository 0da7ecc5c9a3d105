"""The idempotency rewriter: each statement of a diff made safe to run again, and silent when it does.

Owns the guards: `IF [NOT] EXISTS` where PostgreSQL has a form that logs no DDL when it does
nothing, else a `DO` block that `EXECUTE`s the statement only while a catalog check says its change
is missing. Every rewrite is re-parsed and checked against the original statement's tree.
Imports pglast (which lives under `sql/`), `errors` and `sql.parse`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pglast import ast, parse_plpgsql, parser
from pglast.enums.parsenodes import (
    AlterTableType,
    ConstrType,
    FunctionParameterMode,
    ObjectType,
    RoleSpecType,
)
from pglast.stream import maybe_double_quote_name

from ..errors import ReconcileError
from ..model import OLD_SUFFIX, PRINT_SETTINGS
from .online import without_concurrently
from .parse import IndentedStream, RawStream, is_non_transactional, same_tree

# pg_catalog.to_regcollation and ALTER COLUMN … DROP EXPRESSION appeared in PostgreSQL 13;
# ALTER TYPE … ADD VALUE may run inside a DO block (a transaction) since 12.
MIN_SERVER_MAJOR = 13

# The settings under which the diff read definitions (reconciler.fingerprint.INSPECT_SETTINGS).
# pg_get_expr, pg_get_*def and format_type qualify a name only when it is not visible on the
# search_path and print constants in the session's TimeZone and DateStyle: a guard that compares
# a printed definition with the diff's text prints it under these settings, then restores them.

# Both sides of a printed-definition comparison are trimmed of these before hashing: the diff's
# text and pg_get_functiondef/pg_get_viewdef differ at most by a final newline and semicolon.
_TRIM = " \t\r\n;"
_TRIM_SQL = "E' \\t\\r\\n;'"

# Statements that change no schema object: they run again unchanged and are not reported.
_NOT_DDL = (ast.VariableSetStmt, ast.VariableShowStmt, ast.SelectStmt)


class RewriteError(ReconcileError):
    """The rewriter produced a statement that is not the original plus a guard (a bug in reconcile)."""


@dataclass(frozen=True, slots=True)
class Guarded:
    """One statement made re-runnable (no trailing semicolon)."""

    sql: str
    transactional: bool  # False when the original must run outside a transaction block


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


# --- statements and what guards may know about the rest of the sequence --------------------------


@dataclass(frozen=True, slots=True)
class _Stmt:
    text: str  # source text, without the terminating semicolon
    node: ast.Node


def _split_all(statements: Sequence[str]) -> list[_Stmt]:
    out = []
    for text in statements:
        for raw in parser.parse_sql(text):
            start = raw.stmt_location or 0
            end = start + raw.stmt_len if raw.stmt_len else len(text)
            assert raw.stmt is not None
            out.append(_Stmt(text[start:end].strip(), raw.stmt))
    return out


Names = tuple[str, ...]
Key = tuple[Any, ...]


@dataclass
class _Context:
    stmts: list[_Stmt]
    enum_labels: dict[Names, tuple[str, ...]] = field(default_factory=dict)
    renamed_types: set[Names] = field(default_factory=set)
    creates: dict[Key, list[int]] = field(default_factory=dict)
    indexes: dict[Names, _Stmt] = field(default_factory=dict)
    # Memos: a statement's need is computed once and reused in the guards of other statements.
    needs: dict[tuple[int, bool | None], tuple[str | None, bool]] = field(default_factory=dict)
    recreated: dict[int, tuple[int, str, bool] | None] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for k, s in enumerate(self.stmts):
            node = s.node
            if isinstance(node, ast.CreateEnumStmt):
                self.enum_labels[_names(node.typeName)] = tuple(str(v.sval) for v in node.vals or ())
            elif isinstance(node, ast.RenameStmt) and node.renameType == ObjectType.OBJECT_TYPE:
                self.renamed_types.add(_names(node.object))
            elif isinstance(node, ast.IndexStmt) and node.idxname:
                self.indexes[_index_names(node)] = s
            key = _created_key(node)
            if key is not None:
                self.creates.setdefault(key, []).append(k)

    def recreated_enum(self, type_names: Names) -> tuple[str, ...] | None:
        """Labels of an enum the sequence renames away and creates again (migra's enum change)."""
        if type_names in self.renamed_types and type_names in self.enum_labels:
            return self.enum_labels[type_names]
        return None

    def recreation(self, k: int) -> int | None:
        """Where the sequence creates again what statement `k` drops."""
        key = _dropped_key(self.stmts[k].node)
        later = [m for m in self.creates.get(key, ()) if m > k] if key else []
        return later[0] if later else None


# --- names and quoting ---------------------------------------------------------------------------


def _ident(name: str) -> str:
    return str(maybe_double_quote_name(name))


def _lit(value: str) -> str:
    return str(RawStream()(ast.A_Const(val=ast.String(sval=value))))


def _qualified(names: Sequence[str]) -> str:
    return ".".join(_ident(n) for n in names)


def _names(nodes: Any) -> Names:
    return tuple(str(n.sval) for n in nodes or ())


def _rv_names(rv: ast.RangeVar | None) -> Names:
    return tuple(p for p in (rv.catalogname, rv.schemaname, rv.relname) if p) if rv is not None else ()


def _index_names(node: ast.IndexStmt) -> Names:
    schema = node.relation.schemaname if node.relation is not None else None
    return (schema, str(node.idxname)) if schema else (str(node.idxname),)


def _printed(node: ast.Node) -> str:
    return str(RawStream()(node))


def _signature_args(params: Any, is_procedure: bool) -> tuple[str, ...] | None:
    """Argument types that identify a routine (a procedure's OUT arguments too, PostgreSQL 14+)."""
    modes = {FunctionParameterMode.FUNC_PARAM_IN, FunctionParameterMode.FUNC_PARAM_INOUT}
    modes |= {FunctionParameterMode.FUNC_PARAM_VARIADIC, FunctionParameterMode.FUNC_PARAM_DEFAULT}
    if is_procedure:
        modes.add(FunctionParameterMode.FUNC_PARAM_OUT)
    args = []
    for p in params or ():
        if p.mode in modes:
            if p.argType is None or p.argType.pct_type:
                return None
            args.append(_printed(p.argType))
    return tuple(args)


def _signature(names: Names, args: tuple[str, ...]) -> str:
    return f"{_qualified(names)}({', '.join(args)})"


def _md5(text: str) -> str:
    return hashlib.md5(text.strip(_TRIM).encode("utf-8")).hexdigest()


def _dollar_quote(text: str, base: str) -> str:
    """`text` between dollar quotes whose tag neither occurs in it nor straddles its end."""
    n = 0
    while True:
        tag = f"${base}{'_' + str(n) if n else ''}$"
        if (text + tag).find(tag) == len(text):
            return f"{tag}{text}{tag}"
        n += 1


# --- guards --------------------------------------------------------------------------------------


class _Guard:
    """Builds a guard's condition; `prints()` marks one that compares printed definitions.

    A name lookup is written as a placeholder until the guard is rendered: inline as
    `pg_catalog.to_regclass('…')`, or, in a printing guard, as a variable set in DECLARE. Either
    way names resolve under the session's settings (those the statement itself runs under),
    before a printing guard switches to PRINT_SETTINGS. Placeholders name their lookup, so a
    condition built once can be reused in the guards of other statements.
    """

    def __init__(self) -> None:
        self.printing = False

    def prints(self) -> None:
        self.printing = True

    def _lookup(self, fn: str, name: str) -> str:
        return f"\x00{fn}\x01{name}\x00"  # no SQL text can hold a NUL

    def rel(self, names: Names) -> str:
        return self._lookup("to_regclass", _qualified(names))

    def typ(self, text: str) -> str:
        return self._lookup("to_regtype", text)

    def proc(self, signature: str) -> str:
        return self._lookup("to_regprocedure", signature)

    def coll(self, names: Names) -> str:
        return self._lookup("to_regcollation", _qualified(names))

    def negate(self, sql: str) -> str:
        """NOT `sql`, parenthesized when `sql` is an AND or OR (decided on its parse tree)."""
        parsed = parser.parse_sql(f"SELECT {self._resolve(sql, inline=True)[0]}")[0].stmt
        assert isinstance(parsed, ast.SelectStmt) and parsed.targetList
        return f"NOT ({sql})" if isinstance(parsed.targetList[0].val, ast.BoolExpr) else f"NOT {sql}"

    @staticmethod
    def _resolve(sql: str, inline: bool) -> tuple[str, list[tuple[str, str]]]:
        """`sql` with its placeholders replaced, and the lookups in order of first use."""
        parts = sql.split("\x00")
        lookups: dict[tuple[str, str], int] = {}
        for i in range(1, len(parts), 2):
            fn, _, name = parts[i].partition("\x01")
            n = lookups.setdefault((fn, name), len(lookups) + 1)
            parts[i] = f"pg_catalog.{fn}({_lit(name)})" if inline else f"oid{n}"
        return "".join(parts), list(lookups)

    def render(self, need: str, ddl: str) -> str:
        inline, lookups = self._resolve(need, inline=True)
        _check_expression(inline)
        execute = f"EXECUTE {_dollar_quote(ddl, 'ddl')};"
        if not self.printing:
            body = f"\nBEGIN\n  IF {inline} THEN\n    {execute}\n  END IF;\nEND\n"
        else:
            need, _ = self._resolve(need, inline=False)
            declare = [f"  oid{n} oid := pg_catalog.{fn}({_lit(name)});" for n, (fn, name) in enumerate(lookups, 1)]
            saved = ", ".join(f"pg_catalog.current_setting({_lit(k)})" for k, _ in PRINT_SETTINGS)
            declare += [f"  saved text[] := ARRAY[{saved}];", "  needed boolean;"]
            switch = ", ".join(f"pg_catalog.set_config({_lit(k)}, {_lit(v)}, true)" for k, v in PRINT_SETTINGS)
            restore = ", ".join(
                f"pg_catalog.set_config({_lit(k)}, saved[{i}], true)" for i, (k, _) in enumerate(PRINT_SETTINGS, 1)
            )
            body = (
                "\nDECLARE\n" + "\n".join(declare) + "\nBEGIN\n"
                f"  PERFORM {switch};\n"
                f"  needed := {need};\n"
                f"  PERFORM {restore};\n"
                f"  IF needed THEN\n    {execute}\n  END IF;\nEND\n"
            )
        return f"DO {_dollar_quote(body, 'guard')}"


def _check_expression(sql: str) -> None:
    try:
        parser.parse_sql(f"SELECT {sql}")
    except parser.ParseError as exc:  # pragma: no cover - a bug in a guard template
        raise RewriteError(f"a guard does not parse: {exc}", detail=sql) from None


def _where(*conds: str) -> str:
    return " AND ".join(conds)


def _column(g: _Guard, rel: Names, column: str, *conds: str) -> str:
    where = _where(f"a.attrelid = {g.rel(rel)}", f"a.attname = {_lit(column)}", "NOT a.attisdropped", *conds)
    return f"EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE {where})"


def _relation(g: _Guard, rel: Names, *conds: str) -> str:
    return f"EXISTS (SELECT FROM pg_catalog.pg_class c WHERE {_where(f'c.oid = {g.rel(rel)}', *conds)})"


def _constraint(g: _Guard, rel: Names, name: str, *conds: str) -> str:
    where = _where(f"c.conrelid = {g.rel(rel)}", f"c.conname = {_lit(name)}", *conds)
    return f"EXISTS (SELECT FROM pg_catalog.pg_constraint c WHERE {where})"


def _trigger(g: _Guard, rel: Names, name: str, *conds: str) -> str:
    where = _where(f"t.tgrelid = {g.rel(rel)}", f"t.tgname = {_lit(name)}", *conds)
    return f"EXISTS (SELECT FROM pg_catalog.pg_trigger t WHERE {where})"


def _policy(g: _Guard, rel: Names, name: str, *conds: str) -> str:
    where = _where(f"p.polrelid = {g.rel(rel)}", f"p.polname = {_lit(name)}", *conds)
    return f"EXISTS (SELECT FROM pg_catalog.pg_policy p WHERE {where})"


def _inherits(g: _Guard, child: Names, parent: Names) -> str:
    return (
        "EXISTS (SELECT FROM pg_catalog.pg_inherits i "
        f"WHERE i.inhrelid = {g.rel(child)} AND i.inhparent = {g.rel(parent)})"
    )


def _enum_label(g: _Guard, type_text: str, label: str) -> str:
    where = _where(f"e.enumtypid = {g.typ(type_text)}", f"e.enumlabel = {_lit(label)}")
    return f"EXISTS (SELECT FROM pg_catalog.pg_enum e WHERE {where})"


def _enum_labels_are(type_oid: str, labels: Sequence[str]) -> str:
    expected = f"ARRAY[{', '.join(_lit(v) for v in labels)}]::pg_catalog.text[]"
    return (
        "ARRAY(SELECT e.enumlabel::pg_catalog.text FROM pg_catalog.pg_enum e "
        f"WHERE e.enumtypid = {type_oid} ORDER BY e.enumsortorder) = {expected}"
    )


def _same_text(printed: str, text: str) -> str:
    return f"pg_catalog.md5(pg_catalog.btrim({printed}, {_TRIM_SQL})) = {_lit(_md5(text))}"


def _default_is(g: _Guard, rel: Names, column: str, expr_text: str) -> str:
    g.prints()
    where = _where(
        f"d.adrelid = {g.rel(rel)}",
        f"a.attname = {_lit(column)}",
        f"pg_catalog.pg_get_expr(d.adbin, d.adrelid) = {_lit(expr_text)}",
    )
    return (
        "EXISTS (SELECT FROM pg_catalog.pg_attrdef d JOIN pg_catalog.pg_attribute a "
        f"ON a.attrelid = d.adrelid AND a.attnum = d.adnum WHERE {where})"
    )


# --- source slices: the diff's own text of a clause, each checked against its tree ---------------


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int  # exclusive
    name: str
    depth: int  # parentheses and brackets around the token


_OPEN = ("ASCII_40", "ASCII_91")
_CLOSE = ("ASCII_41", "ASCII_93")


def _tokens(text: str) -> list[_Token]:
    depth = 0
    out = []
    for tok in parser.scan(text):
        if tok.name in _CLOSE:
            depth -= 1
        out.append(_Token(tok.start, tok.end + 1, tok.name, depth))
        if tok.name in _OPEN:
            depth += 1
    return out


def _find(tokens: Sequence[_Token], names: Sequence[str]) -> int | None:
    """Index of the first run of top-level tokens named `names`."""
    for i in range(len(tokens) - len(names) + 1):
        run = tokens[i : i + len(names)]
        if all(t.name == n and t.depth == 0 for t, n in zip(run, names, strict=True)):
            return i
    return None


def _parens_after(text: str, names: Sequence[str]) -> str | None:
    """The text inside the parentheses that follow the top-level keywords `names`."""
    toks = _tokens(text)
    i = _find(toks, names)
    if i is None or i + len(names) >= len(toks) or toks[i + len(names)].name != "ASCII_40":
        return None
    opening = toks[i + len(names)]
    closing = next((t for t in toks[i + len(names) + 1 :] if t.name == "ASCII_41" and t.depth == 0), None)
    return text[opening.end : closing.start].strip() if closing else None


def _after(text: str, names: Sequence[str], stops: Sequence[str] = ()) -> str | None:
    """The text after the top-level keywords `names`, up to a top-level token in `stops` or the end."""
    toks = _tokens(text)
    i = _find(toks, names)
    if i is None:
        return None
    begin = toks[i + len(names) - 1].end
    end = next((t.start for t in toks[i + len(names) :] if t.depth == 0 and t.name in stops), len(text))
    return text[begin:end].strip()


def _parses_to(sql: str, pick: Callable[[Any], Any], expected: Any) -> bool:
    try:
        parsed = parser.parse_sql(sql)
    except parser.ParseError:
        return False
    try:
        return len(parsed) == 1 and same_tree(pick(parsed[0].stmt), expected)
    except (AttributeError, IndexError, TypeError):
        return False


def _expression_text(text: str | None, expr: Any) -> str | None:
    if text and _parses_to(f"SELECT {text}", lambda s: s.targetList[0].val if len(s.targetList) == 1 else None, expr):
        return text
    return None


_COLUMN_CLAUSES = (
    "GENERATED",
    "NOT",
    "NULL_P",
    "DEFAULT",
    "COLLATE",
    "CONSTRAINT",
    "CHECK",
    "REFERENCES",
    "UNIQUE",
    "PRIMARY",
    "USING",
)


def _type_text(text: str, type_name: ast.TypeName) -> str | None:
    """The text of a type name: from its location to the clause, comma or parenthesis after it."""
    start = type_name.location
    if start is None or start < 0:
        return None
    toks = [t for t in _tokens(text) if t.start >= start]
    if not toks:
        return None
    depth = toks[0].depth
    end = len(text)
    for t in toks:
        if t.depth < depth or (t.depth == depth and (t.name in _COLUMN_CLAUSES or t.name in ("ASCII_44", "ASCII_59"))):
            end = t.start
            break
    found = text[start:end].strip()
    ok = _parses_to(f"SELECT NULL::{found}", lambda s: s.targetList[0].val.typeName, type_name)
    return found if ok else None


def _query_text(text: str, query: Any) -> str | None:
    """The query of CREATE [MATERIALIZED] VIEW … AS <query>."""
    found = _after(text, ("AS",))
    return found if found and _parses_to(found, lambda s: s, query) else None


# --- statement keys: what a drop removes and a later statement creates again ---------------------


def _single_table_cmd(node: ast.Node) -> ast.AlterTableCmd | None:
    if (
        isinstance(node, ast.AlterTableStmt)
        and node.objtype == ObjectType.OBJECT_TABLE
        and node.relation is not None
        and len(cmds := node.cmds or ()) == 1
        and isinstance(cmds[0], ast.AlterTableCmd)
    ):
        return cmds[0]
    return None


def _created_key(node: ast.Node) -> Key | None:
    if isinstance(node, ast.CreateStmt | ast.ViewStmt):
        return ("relation", _rv_names(node.relation if isinstance(node, ast.CreateStmt) else node.view))
    if isinstance(node, ast.CreateTableAsStmt) and node.into is not None:
        return ("relation", _rv_names(node.into.rel))
    if isinstance(node, ast.IndexStmt) and node.idxname:
        return ("index", _index_names(node))
    if isinstance(node, ast.CreateFunctionStmt):
        args = _signature_args(node.parameters, bool(node.is_procedure))
        return ("routine", _names(node.funcname), args) if args is not None else None
    if isinstance(node, ast.CreateTrigStmt) and not node.replace:
        return ("trigger", _rv_names(node.relation), node.trigname)
    if isinstance(node, ast.CreatePolicyStmt):
        return ("policy", _rv_names(node.table), node.policy_name)
    if isinstance(node, ast.CompositeTypeStmt):
        return ("type", _rv_names(node.typevar))
    cmd = _single_table_cmd(node)
    if cmd is not None and isinstance(node, ast.AlterTableStmt):
        rel = _rv_names(node.relation)
        if cmd.subtype == AlterTableType.AT_AddConstraint and isinstance(cmd.def_, ast.Constraint):
            return ("constraint", rel, cmd.def_.conname)
        if cmd.subtype == AlterTableType.AT_AddColumn and isinstance(cmd.def_, ast.ColumnDef):
            return ("column", rel, cmd.def_.colname)
        if cmd.subtype == AlterTableType.AT_ColumnDefault and cmd.def_ is not None:
            return ("default", rel, cmd.name)
    return None


_RELATION_KINDS = (ObjectType.OBJECT_TABLE, ObjectType.OBJECT_VIEW, ObjectType.OBJECT_MATVIEW)
_ROUTINE_KINDS = (ObjectType.OBJECT_FUNCTION, ObjectType.OBJECT_PROCEDURE, ObjectType.OBJECT_ROUTINE)


def _dropped_key(node: ast.Node) -> Key | None:
    if isinstance(node, ast.DropStmt) and len(objs := node.objects or ()) == 1:
        obj, kind = objs[0], node.removeType
        if kind in _RELATION_KINDS:
            return ("relation", _names(obj))
        if kind == ObjectType.OBJECT_INDEX:
            return ("index", _names(obj))
        if kind in _ROUTINE_KINDS and isinstance(obj, ast.ObjectWithArgs) and not obj.args_unspecified:
            args = _signature_args(obj.objfuncargs, kind == ObjectType.OBJECT_PROCEDURE)
            return ("routine", _names(obj.objname), args) if args is not None else None
        if kind in (ObjectType.OBJECT_TRIGGER, ObjectType.OBJECT_POLICY):
            names = _names(obj)
            return ("trigger" if kind == ObjectType.OBJECT_TRIGGER else "policy", names[:-1], names[-1])
        if kind == ObjectType.OBJECT_TYPE and isinstance(obj, ast.TypeName):
            return ("type", _names(obj.names))
        return None
    cmd = _single_table_cmd(node)
    if cmd is not None and isinstance(node, ast.AlterTableStmt):
        rel = _rv_names(node.relation)
        if cmd.subtype == AlterTableType.AT_DropConstraint:
            return ("constraint", rel, cmd.name)
        if cmd.subtype == AlterTableType.AT_DropColumn:
            return ("column", rel, cmd.name)
        if cmd.subtype == AlterTableType.AT_ColumnDefault and cmd.def_ is None:
            return ("default", rel, cmd.name)
    return None


# --- needs: when a statement still has work to do ------------------------------------------------

Need = Callable[[_Guard, _Stmt, _Context], "str | None"]


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
        own = _do_condition(stmt.node)
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


def _need_create_schema(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.CreateSchemaStmt)
    if node.schemaElts or not node.schemaname:
        return None
    return f"NOT EXISTS (SELECT FROM pg_catalog.pg_namespace n WHERE n.nspname = {_lit(node.schemaname)})"


def _extension(name: str, *conds: str) -> str:
    where = _where(f"x.extname = {_lit(name)}", *conds)
    return f"EXISTS (SELECT FROM pg_catalog.pg_extension x WHERE {where})"


def _need_create_extension(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.CreateExtensionStmt)
    return f"NOT {_extension(node.extname)}" if node.extname else None


def _need_define(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.DefineStmt)
    if node.kind == ObjectType.OBJECT_COLLATION:
        return f"{g.coll(_names(node.defnames))} IS NULL"
    return None


def _exists(g: _Guard, kind: Any, obj: Any) -> str | None:
    """SQL true while the object a DROP names exists."""
    if kind in (*_RELATION_KINDS, ObjectType.OBJECT_INDEX, ObjectType.OBJECT_SEQUENCE):
        return f"{g.rel(_names(obj))} IS NOT NULL"
    if kind in (ObjectType.OBJECT_TYPE, ObjectType.OBJECT_DOMAIN) and isinstance(obj, ast.TypeName):
        return f"{g.typ(_qualified(_names(obj.names)))} IS NOT NULL"
    if kind in (*_ROUTINE_KINDS, ObjectType.OBJECT_AGGREGATE) and isinstance(obj, ast.ObjectWithArgs):
        args = _signature_args(obj.objfuncargs, kind == ObjectType.OBJECT_PROCEDURE)
        if obj.args_unspecified or args is None:
            return None
        return f"{g.proc(_signature(_names(obj.objname), args))} IS NOT NULL"
    if kind == ObjectType.OBJECT_SCHEMA and isinstance(obj, ast.String):
        return f"EXISTS (SELECT FROM pg_catalog.pg_namespace n WHERE n.nspname = {_lit(str(obj.sval))})"
    if kind == ObjectType.OBJECT_EXTENSION and isinstance(obj, ast.String):
        return _extension(str(obj.sval))
    if kind == ObjectType.OBJECT_COLLATION:
        return f"{g.coll(_names(obj))} IS NOT NULL"
    if kind == ObjectType.OBJECT_TRIGGER:
        names = _names(obj)
        return _trigger(g, names[:-1], names[-1])
    if kind == ObjectType.OBJECT_POLICY:
        names = _names(obj)
        return _policy(g, names[:-1], names[-1])
    return None


def _need_drop(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.DropStmt)
    parts = [p for obj in node.objects or () if (p := _exists(g, node.removeType, obj)) is not None]
    if not parts or len(parts) != len(node.objects or ()):
        return None
    if node.removeType == ObjectType.OBJECT_TYPE and len(parts) == 1:
        # An enum's old version (migra's enum change) has work to do from the start of the swap:
        # before the rename the enum lacks its new labels. What must go before it (a function
        # over the enum, dropped and created again around the swap) reads this as its own need.
        obj = (node.objects or (None,))[0]
        names = _names(obj.names) if isinstance(obj, ast.TypeName) else ()
        if names and names[-1].endswith(OLD_SUFFIX):
            enum = (*names[:-1], names[-1].removesuffix(OLD_SUFFIX))
            labels = ctx.recreated_enum(enum)
            if labels is not None:
                return f"({parts[0]} OR NOT ({_enum_labels_are(g.typ(_qualified(enum)), labels)}))"
    return parts[0] if len(parts) == 1 else "(" + " OR ".join(parts) + ")"


def _type_names(node: ast.Node) -> Names | None:
    if isinstance(node, ast.CreateEnumStmt | ast.CreateRangeStmt):
        return _names(node.typeName)
    if isinstance(node, ast.CreateDomainStmt):
        return _names(node.domainname)
    if isinstance(node, ast.CompositeTypeStmt):
        return _rv_names(node.typevar)
    return None


def _need_create_type(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    names = _type_names(stmt.node)
    return f"{g.typ(_qualified(names))} IS NULL" if names else None


def _need_alter_enum(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.AlterEnumStmt)
    type_text = _qualified(_names(node.typeName))
    if node.oldVal is None and node.newVal is not None:
        # ADD VALUE IF NOT EXISTS logs DDL even when the label exists; BEFORE/AFTER is kept.
        return f"NOT {_enum_label(g, type_text, node.newVal)}"
    if node.oldVal is not None and node.newVal is not None:
        return f"{_enum_label(g, type_text, node.oldVal)} AND NOT {_enum_label(g, type_text, node.newVal)}"
    return None


def _need_rename(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.RenameStmt)
    if not node.newname:
        return None
    if node.renameType == ObjectType.OBJECT_TYPE:
        old = _names(node.object)
        new = (*old[:-1], node.newname)
        labels = ctx.recreated_enum(old)
        if labels is not None:
            # migra's enum change renames X away, creates X anew, recasts the columns and drops
            # the old one: rename only while X does not have the labels of the X created next.
            return f"{g.typ(_qualified(new))} IS NULL AND NOT ({_enum_labels_are(g.typ(_qualified(old)), labels)})"
        return f"{g.typ(_qualified(old))} IS NOT NULL AND {g.typ(_qualified(new))} IS NULL"
    if node.renameType == ObjectType.OBJECT_TABLE and node.relation is not None:
        old = _rv_names(node.relation)
        return f"{g.rel(old)} IS NOT NULL AND {g.rel((*old[:-1], node.newname))} IS NULL"
    if node.renameType == ObjectType.OBJECT_COLUMN and node.relation is not None and node.subname:
        rel = _rv_names(node.relation)
        return f"{_column(g, rel, node.subname)} AND NOT {_column(g, rel, node.newname)}"
    return None


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


def _number(arg: Any) -> str | None:
    if isinstance(arg, ast.Integer):
        return str(arg.ival)
    if isinstance(arg, ast.Float):
        try:
            return str(int(str(arg.fval)))
        except ValueError:
            return None
    return None


_SEQUENCE_COLUMNS = {
    "increment": "s.seqincrement",
    "minvalue": "s.seqmin",
    "maxvalue": "s.seqmax",
    "start": "s.seqstart",
    "cache": "s.seqcache",
}


def _need_alter_sequence(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.AlterSeqStmt)
    if node.for_identity or node.sequence is None:
        return None
    seq = _rv_names(node.sequence)
    conds: list[str] = []
    owner: Names | None = None
    for opt in node.options or ():
        name, arg = opt.defname, opt.arg
        if name == "as" and isinstance(arg, ast.TypeName):
            conds.append(f"s.seqtypid = {g.typ(_printed(arg))}")
        elif name in _SEQUENCE_COLUMNS and (value := _number(arg)) is not None:
            conds.append(f"{_SEQUENCE_COLUMNS[name]} = {value}")
        elif name == "cycle" and isinstance(arg, ast.Boolean):
            conds.append("s.seqcycle" if arg.boolval else "NOT s.seqcycle")
        elif name == "owned_by" and isinstance(arg, tuple) and owner is None:
            owner = _names(arg)
        else:
            return None  # RESTART, NO MINVALUE …: nothing to compare with
    reached = []
    if conds:
        where = _where(f"s.seqrelid = {g.rel(seq)}", *conds)
        reached.append(f"EXISTS (SELECT FROM pg_catalog.pg_sequence s WHERE {where})")
    if owner == ("none",):
        if not reached:
            return _owned(g, seq)
        reached.append(f"NOT {_owned(g, seq)}")
    elif owner is not None:
        reached.append(_owned(g, seq, owner))
    if not reached:
        return None
    return f"NOT ({' AND '.join(reached)})" if len(reached) > 1 else f"NOT {reached[0]}"


def _owned(g: _Guard, seq: Names, by: Names | None = None) -> str:
    """The sequence is owned by a column (by `by`): OWNED BY records an automatic dependency."""
    deps = _where(
        "d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass",
        f"d.objid = {g.rel(seq)}",
        "d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass",
        "d.deptype = 'a'",
        "d.refobjsubid > 0",
    )
    if by is None:
        return f"EXISTS (SELECT FROM pg_catalog.pg_depend d WHERE {deps})"
    column = _where("a.attrelid = d.refobjid", "a.attnum = d.refobjsubid", f"a.attname = {_lit(by[-1])}")
    return (
        f"EXISTS (SELECT FROM pg_catalog.pg_depend d WHERE {deps} AND d.refobjid = {g.rel(by[:-1])} "
        f"AND EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE {column}))"
    )


def _need_alter_extension(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.AlterExtensionStmt)
    opts = {d.defname: d.arg for d in node.options or ()}
    version = opts.get("new_version")
    if set(opts) != {"new_version"} or not isinstance(version, ast.String) or not node.extname:
        return None
    return f"NOT {_extension(node.extname, f'x.extversion = {_lit(str(version.sval))}')}"


def _need_by_definition(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    """For CREATE OR REPLACE: work to do while the definition differs from the statement's."""
    reached = _DEFINITIONS[type(stmt.node)](g, stmt, ctx)
    return g.negate(reached) if reached else None


def _need_create_trigger(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.CreateTrigStmt)
    if node.replace or node.relation is None or not node.trigname:
        return None  # OR REPLACE: an existence check cannot tell whether there is anything to replace
    return f"NOT {_trigger(g, _rv_names(node.relation), node.trigname)}"


def _need_create_policy(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.CreatePolicyStmt)
    return f"NOT {_policy(g, _rv_names(node.table), node.policy_name)}" if node.policy_name else None


# --- definitions: the object already is what a statement creates ---------------------------------


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


def _def_composite(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.CompositeTypeStmt)
    expected = []
    for col in node.coldeflist or ():
        if not isinstance(col, ast.ColumnDef) or col.typeName is None or not col.colname or col.collClause:
            return None
        text = _type_text(stmt.text, col.typeName)
        if text is None:
            return None
        expected.append(f"{col.colname} {text}")
    g.prints()
    typ = g.typ(_qualified(_rv_names(node.typevar)))
    return (
        "ARRAY(SELECT a.attname::pg_catalog.text || ' ' || pg_catalog.format_type(a.atttypid, a.atttypmod) "
        "FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.typrelid = a.attrelid "
        f"WHERE t.oid = {typ} AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum) = "
        f"ARRAY[{', '.join(_lit(e) for e in expected)}]::pg_catalog.text[]"
    )


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


# --- the rewrite ---------------------------------------------------------------------------------


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


# --- verification --------------------------------------------------------------------------------


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
    executed = _guard_shape(node)
    if executed is None:
        raise RewriteError("a guard must be IF <condition> THEN EXECUTE <one constant string>", detail=sql)
    return executed


def guarded_statement(node: ast.DoStmt) -> ast.Node | None:
    """The statement a DO block that already is a guard executes (None: not a guard)."""
    executed = _guard_shape(node)
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
    wrapper = f"CREATE FUNCTION pg_temp.guard() RETURNS void LANGUAGE plpgsql AS {_dollar_quote(body.sval, 'body')}"
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


def _do_condition(node: ast.DoStmt) -> str | None:
    """The condition of a DO block that is one IF without ELSE and declares nothing (a guard
    written by the supplementary differ, the archive or a rename): SQL true while it has work."""
    found = _do_body(node)
    if found is None or found[1] != 0 or len(found[0]) != 1:
        return None
    branch = found[0][0].get("PLpgSQL_stmt_if")
    if not isinstance(branch, dict) or set(branch) - {"lineno", "cond", "then_body"}:
        return None
    cond = str(branch["cond"]["PLpgSQL_expr"]["query"])
    try:
        _check_expression(cond)
    except RewriteError:
        return None
    return f"({cond})"


def _guard_shape(node: ast.DoStmt) -> str | None:
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
