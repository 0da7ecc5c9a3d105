"""Drops, renames and other definitions (DROP, ALTER … RENAME, CREATE AGGREGATE/OPERATOR/…):
whether the object they name still exists, and under which name."""

from __future__ import annotations

from typing import Any

from pglast import ast
from pglast.enums.parsenodes import (
    ObjectType,
)

from ...core.model import OLD_SUFFIX
from .core import (
    _RELATION_KINDS,
    _ROUTINE_KINDS,
    _Context,
    _lit,
    _names,
    _qualified,
    _rv_names,
    _signature,
    _signature_args,
    _Stmt,
)
from .guards import _column, _enum_labels_are, _Guard, _policy, _trigger
from .schemas import _extension


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
