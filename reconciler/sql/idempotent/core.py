"""Statements, names and what a guard may know about the rest of the sequence (`_Context`): the
rewriter's shared ground, with the keys that tell what a drop removes and a later statement
creates again."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from pglast import ast, parser
from pglast.enums.parsenodes import (
    AlterTableType,
    FunctionParameterMode,
    ObjectType,
)
from pglast.stream import maybe_double_quote_name

from ...core.errors import ReconcileError
from ..parse import RawStream

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
