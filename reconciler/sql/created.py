"""What a CREATE statement names, read from PostgreSQL's parse tree: to find the earlier
definition when the server says an object "already exists", and the form of a CREATE that
replaces or keeps what exists. Imports pglast only.
"""

from __future__ import annotations

from typing import Any

from pglast import ast, parser

# Where PostgreSQL looks for a duplicate: tables, views, sequences, indexes and types share one
# namespace per schema (a table has a row type of its name); the other kinds have their own.
Created = tuple[str, str, str]  # (namespace kind, schema or "", name)


def _rv(kind: str, rv: ast.RangeVar | None) -> Created | None:
    if rv is None or not rv.relname:
        return None
    return (kind, rv.schemaname or "public", rv.relname)


def _names(kind: str, names: Any) -> Created | None:
    parts = [str(n.sval) for n in names or () if isinstance(n, ast.String)]
    if not parts:
        return None
    return (kind, parts[-2] if len(parts) > 1 else "public", parts[-1])


def _arguments(node: ast.CreateFunctionStmt) -> str:
    """The input argument types (what tells overloads apart), bare type names: int and integer
    are both int4; OUT and TABLE parameters are not part of the signature."""
    out = []
    for p in node.parameters or ():
        if not isinstance(p, ast.FunctionParameter) or getattr(p.mode, "value", p.mode) in ("o", "t"):
            continue
        names = [str(n.sval) for n in (p.argType.names if p.argType else ()) or () if isinstance(n, ast.String)]
        out.append((names[-1] if names else "?") + ("[]" if p.argType and p.argType.arrayBounds else ""))
    return ",".join(out)


def created(text: str) -> Created | None:
    """The object one statement creates, or None (not a CREATE, or unparsable)."""
    try:
        raws = parser.parse_sql(text)
    except parser.ParseError:
        return None
    if len(raws) != 1:
        return None
    node = raws[0].stmt
    if isinstance(node, ast.CreateStmt | ast.CreateSeqStmt):
        return _rv("relation", node.relation if isinstance(node, ast.CreateStmt) else node.sequence)
    if isinstance(node, ast.ViewStmt):
        return _rv("relation", node.view)
    if isinstance(node, ast.CreateTableAsStmt):
        return _rv("relation", node.into.rel if node.into else None)
    if isinstance(node, ast.IndexStmt) and node.idxname:
        return ("relation", node.relation.schemaname or "public" if node.relation else "public", node.idxname)
    if isinstance(node, ast.CompositeTypeStmt):
        return _rv("relation", node.typevar)
    if isinstance(node, ast.CreateEnumStmt | ast.CreateRangeStmt):
        return _names("relation", node.typeName)
    if isinstance(node, ast.CreateDomainStmt):
        return _names("relation", node.domainname)
    if isinstance(node, ast.CreateFunctionStmt):
        named = _names("routine", node.funcname)
        return (named[0], named[1], f"{named[2]}({_arguments(node)})") if named else None
    if isinstance(node, ast.CreateSchemaStmt) and node.schemaname:
        return ("schema", "", node.schemaname)
    if isinstance(node, ast.CreateExtensionStmt):
        return ("extension", "", str(node.extname))
    if isinstance(node, ast.CreateTrigStmt):
        table = _rv("trigger", node.relation)
        return ("trigger", f"{table[1]}.{table[2]}" if table else "", str(node.trigname))
    if isinstance(node, ast.CreatePolicyStmt):
        table = _rv("policy", node.table)
        return ("policy", f"{table[1]}.{table[2]}" if table else "", str(node.policy_name))
    return None


def replacing(text: str) -> str | None:
    """`text` as CREATE OR REPLACE FUNCTION/PROCEDURE or CREATE SCHEMA IF NOT EXISTS, when it is
    the plain form of one of them; else None. The clause goes in after the CREATE (SCHEMA)
    keyword, the rest of the text unchanged."""
    try:
        raws = parser.parse_sql(text)
    except parser.ParseError:
        return None
    if len(raws) != 1:
        return None
    node = raws[0].stmt
    if isinstance(node, ast.CreateFunctionStmt) and not node.replace:
        after, clause = "CREATE", " OR REPLACE"
    elif isinstance(node, ast.CreateSchemaStmt) and not node.if_not_exists and not node.schemaElts:
        after, clause = "SCHEMA", " IF NOT EXISTS"  # IF NOT EXISTS refuses schema elements
    else:
        return None
    token = next(t for t in parser.scan(text) if t.name == after)
    return text[: token.end + 1] + clause + text[token.end + 1 :]
