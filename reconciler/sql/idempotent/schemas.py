"""Schemas and extensions: when a CREATE SCHEMA / CREATE or ALTER EXTENSION still has work to do."""

from __future__ import annotations

from pglast import ast

from .core import _Context, _lit, _Stmt
from .guards import _Guard, _where


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


def _need_alter_extension(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.AlterExtensionStmt)
    opts = {d.defname: d.arg for d in node.options or ()}
    version = opts.get("new_version")
    if set(opts) != {"new_version"} or not isinstance(version, ast.String) or not node.extname:
        return None
    return f"NOT {_extension(node.extname, f'x.extversion = {_lit(str(version.sval))}')}"
