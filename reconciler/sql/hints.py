"""Rename hints in schema/: `-- reconcile:renamed-from OLD` right above (or before) a definition.

Turns what would be a drop + add into a rename that keeps the data. Found with PostgreSQL's own
scanner (comments are tokens) and parser (which object the next token starts): a table, view,
index or type statement, or a column, constraint or enum label inside one.
"""

from __future__ import annotations

from typing import Any

from pglast import ast, parser

from ..core.model import RenameHint as Hint

MARK = "reconcile:renamed-from"


class HintError(Exception):
    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


def _comment_text(raw: str) -> str:
    if raw.startswith("--"):
        return raw[2:].strip()
    return raw[2:-2].strip() if raw.startswith("/*") else raw.strip()


def _unquote_ident(raw: str) -> str:
    return raw[1:-1].replace('""', '"') if raw.startswith('"') else raw.lower()


def _old_name(rest: str, where: int) -> str:
    """The (possibly qualified) name a hint starts with, read by PostgreSQL's scanner: a quoted
    part may hold dots and spaces (`"sensor.old"` is one column name); a space ends the name."""
    try:
        toks = parser.scan(rest)
    except parser.ParseError:
        toks = []
    parts: list[str] = []
    dangling = False  # the name read so far ends with a dot
    for i, tok in enumerate(toks):
        if i and tok.start != toks[i - 1].end + 1:
            break
        if i % 2 == 1:
            if tok.name != "ASCII_46":
                break
            dangling = True
        elif tok.name == "IDENT" or tok.kind != "NO_KEYWORD":
            parts.append(_unquote_ident(rest[tok.start : tok.end + 1]))
            dangling = False
        else:
            break
    if not parts or dangling:
        raise HintError(f"`{MARK}` needs the old name (an identifier, double-quoted if it holds a dot)", where)
    return ".".join(parts)


def hints(text: str) -> tuple[Hint, ...]:
    # pglast gives character offsets (of tokens and statements), not libpg_query's bytes
    if MARK not in text:
        return ()
    raws = parser.parse_sql(text)
    spans = []
    for raw in raws:
        start = raw.stmt_location or 0
        end = start + raw.stmt_len if raw.stmt_len else len(text)
        spans.append((start, end, raw.stmt))
    tokens = parser.scan(text)
    out: list[Hint] = []
    for i, tok in enumerate(tokens):
        if tok.name not in ("SQL_COMMENT", "C_COMMENT"):
            continue
        body = _comment_text(text[tok.start : tok.end + 1])
        if not body.startswith(MARK):
            continue
        where = tok.start
        old = _old_name(body[len(MARK) :], where)
        nxt = next((t for t in tokens[i + 1 :] if t.name not in ("SQL_COMMENT", "C_COMMENT")), None)
        if nxt is None:
            raise HintError(f"`{MARK} {old}` is not followed by a definition", where)
        at = nxt.start
        stmt = next(((s, n) for s, e, n in spans if s <= at < e), None)
        if stmt is None:
            raise HintError(f"`{MARK} {old}` is not followed by a definition", where)
        start, node = stmt
        assert node is not None
        token_text = text[nxt.start : nxt.end + 1]
        out.append(_hint_for(node, at == start, nxt.name, token_text, tokens, tokens.index(nxt), text, old, where))
    return tuple(out)


def _rv(rv: ast.RangeVar | None) -> tuple[str, str]:
    assert rv is not None and rv.relname
    return (rv.schemaname or "public", str(rv.relname))


def _qualified(names: Any) -> tuple[str, str]:
    parts = [str(n.sval) for n in names or ()]
    return ("public", parts[-1]) if len(parts) == 1 else (parts[-2], parts[-1])


def _is_matview(node: ast.CreateTableAsStmt) -> bool:
    return getattr(node.objtype, "name", str(node.objtype)).endswith("MATVIEW")


def _hint_for(
    node: ast.Node,
    at_start: bool,
    tok_name: str,
    tok_text: str,
    tokens: list[Any],
    k: int,
    text: str,
    old: str,
    where: int,
) -> Hint:
    if at_start:
        if isinstance(node, ast.CreateStmt):
            schema, name = _rv(node.relation)
            return Hint("table", schema, None, name, old, where)
        if isinstance(node, ast.ViewStmt):
            schema, name = _rv(node.view)
            return Hint("view", schema, None, name, old, where)
        if isinstance(node, ast.CreateTableAsStmt) and node.into is not None and _is_matview(node):
            schema, name = _rv(node.into.rel)
            return Hint("materialized view", schema, None, name, old, where)
        if isinstance(node, ast.IndexStmt) and node.idxname:
            return Hint("index", _rv(node.relation)[0], None, node.idxname, old, where)
        if isinstance(node, ast.CreateEnumStmt | ast.CreateDomainStmt):
            schema, name = _qualified(node.typeName if isinstance(node, ast.CreateEnumStmt) else node.domainname)
            return Hint("type", schema, None, name, old, where)
        if isinstance(node, ast.CompositeTypeStmt):
            schema, name = _rv(node.typevar)
            return Hint("type", schema, None, name, old, where)
    else:
        if isinstance(node, ast.CreateStmt):
            schema, table = _rv(node.relation)
            if tok_name == "CONSTRAINT":
                name_tok = tokens[k + 1]
                name = _unquote_ident(text[name_tok.start : name_tok.end + 1])
                return Hint("constraint", schema, table, name, old, where)
            column = _unquote_ident(tok_text)
            if any(isinstance(e, ast.ColumnDef) and e.colname == column for e in node.tableElts or ()):
                return Hint("column", schema, table, column, old, where)
        if isinstance(node, ast.CreateEnumStmt) and tok_name == "SCONST":
            schema, name = _qualified(node.typeName)
            label = tok_text[1:-1].replace("''", "'")
            return Hint("enum value", schema, name, label, old, where)
    raise HintError(
        f"`{MARK} {old}` must stand right before a table, view, materialized view, index or type definition, "
        "or before a column, constraint or enum label inside one",
        where,
    )
