"""Types: enums, ranges, domains and composite types created, enum labels added."""

from __future__ import annotations

from pglast import ast

from .core import Names, _Context, _lit, _names, _qualified, _rv_names, _Stmt
from .guards import _enum_label, _Guard
from .slices import _type_text


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
