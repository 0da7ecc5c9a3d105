"""Splitting and classifying SQL with pglast (the real PostgreSQL grammar, never regexes).

Owns pglast. Returns plain values; imports nothing else from the package.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from pglast import ast, parser
from pglast.enums.parsenodes import ObjectType


class SqlParseError(Exception):
    """A syntax error at character `offset` of the parsed text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(frozen=True, slots=True)
class SqlStatement:
    text: str
    offset: int  # character offset of the statement in the text it was split from
    node: str  # PostgreSQL's node tag, e.g. "CreateStmt"
    transaction_control: bool  # BEGIN / COMMIT / ROLLBACK / SAVEPOINT …
    transactional: bool  # False: must run outside a transaction block (its own step)


def is_non_transactional(node: ast.Node) -> bool:
    if isinstance(node, ast.IndexStmt) and node.concurrent:
        return True
    if isinstance(node, ast.DropStmt) and node.concurrent:
        return True
    if isinstance(node, ast.ReindexStmt) and any(
        getattr(p, "defname", None) == "concurrently" for p in (node.params or ())
    ):
        return True
    # ADD VALUE: the new label cannot be used until the transaction that added it commits,
    # so it gets a step of its own, committed before anything that uses it.
    if isinstance(node, ast.AlterEnumStmt) and node.newVal is not None and node.oldVal is None:
        return True
    return isinstance(
        node,
        (
            ast.VacuumStmt,
            ast.CreatedbStmt,
            ast.DropdbStmt,
            ast.AlterSystemStmt,
            ast.CreateTableSpaceStmt,
            ast.DropTableSpaceStmt,
        ),
    )


def split(text: str) -> tuple[SqlStatement, ...]:
    """Split `text` into statements, keeping each one's source text and position."""
    try:
        raws = parser.parse_sql(text)
    except parser.ParseError as exc:
        message, offset = exc.args[0], (exc.args[1] if len(exc.args) > 1 else 0)
        raise SqlParseError(str(message), int(offset)) from None
    out = []
    for raw in raws:
        start = raw.stmt_location or 0
        end = start + raw.stmt_len if raw.stmt_len else len(text)
        node = raw.stmt
        assert node is not None
        out.append(
            SqlStatement(
                text=text[start:end].strip(),
                offset=start,
                node=type(node).__name__,
                transaction_control=isinstance(node, ast.TransactionStmt),
                transactional=not is_non_transactional(node),
            )
        )
    return tuple(out)


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    offset = max(0, min(offset, len(text)))
    line = text.count("\n", 0, offset) + 1
    col = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return line, col


def _qualified(rv: ast.RangeVar | None) -> tuple[str, str] | None:
    if rv is None or not rv.relname:
        return None
    return (rv.schemaname or "public", rv.relname)


def _executed_nodes(text: str) -> list[ast.Node]:
    """The statements of `text`, with a guard's DO block read as the statement it EXECUTEs."""
    from .idempotent import guarded_statement  # idempotent imports this module

    out = []
    for raw in parser.parse_sql(text):
        node = raw.stmt
        if isinstance(node, ast.DoStmt):
            node = guarded_statement(node)
        if node is not None:
            out.append(node)
    return out


def touched_tables(text: str) -> tuple[tuple[str, str], ...]:
    """Tables a statement creates or alters (to ANALYZE them afterwards), guarded ones included;
    unqualified means public."""
    found: list[tuple[str, str]] = []
    for node in _executed_nodes(text):
        rel = None
        if isinstance(node, ast.CreateStmt | ast.IndexStmt | ast.CreateTrigStmt):
            rel = node.relation
        elif isinstance(node, ast.AlterTableStmt) and node.objtype in _ALTERED_TABLE_KINDS:
            rel = node.relation
        elif isinstance(node, ast.CreateTableAsStmt) and node.into is not None:
            rel = node.into.rel
        q = _qualified(rel)
        if q and q not in found:
            found.append(q)
    return tuple(found)


_ALTERED_TABLE_KINDS = (ObjectType.OBJECT_TABLE, ObjectType.OBJECT_MATVIEW)


def dropped_or_renamed_tables(text: str) -> tuple[tuple[str, str], ...]:
    """Tables a statement drops or renames (what `apply --backup` dumps besides touched_tables)."""
    found: list[tuple[str, str]] = []
    for node in _executed_nodes(text):
        names: list[tuple[str, str] | None] = []
        if isinstance(node, ast.DropStmt) and node.removeType in _ALTERED_TABLE_KINDS:
            for obj in node.objects or ():
                parts = [str(p.sval) for p in obj if isinstance(p, ast.String)]
                names.append((parts[-2], parts[-1]) if len(parts) >= 2 else ("public", parts[-1]) if parts else None)
        elif isinstance(node, ast.RenameStmt) and node.renameType in _ALTERED_TABLE_KINDS:
            names.append(_qualified(node.relation))
        for q in names:
            if q and q not in found:
                found.append(q)
    return tuple(found)


def concurrent_index(text: str) -> tuple[str, str] | None:
    """(schema, name) of the index a `CREATE INDEX CONCURRENTLY` statement builds, else None."""
    try:
        stmts = parser.parse_sql(text)
    except parser.ParseError:
        return None
    if len(stmts) != 1:
        return None
    node = stmts[0].stmt
    if not isinstance(node, ast.IndexStmt) or not node.concurrent or not node.idxname:
        return None
    q = _qualified(node.relation)
    return (q[0], str(node.idxname)) if q else None


def created_extensions(text: str) -> tuple[str, ...]:
    """Names of extensions that `CREATE EXTENSION` statements in `text` create."""
    return tuple(
        str(raw.stmt.extname) for raw in parser.parse_sql(text) if isinstance(raw.stmt, ast.CreateExtensionStmt)
    )


_DUMP_META = ("\\restrict ", "\\unrestrict ", "\\connect ")


def without_meta_commands(script: str) -> str:
    """Drop the psql meta-command lines pg_dump writes (`\\restrict KEY`, `\\unrestrict KEY`,
    `\\connect`) so the script runs through a driver; nothing else is touched."""
    return "".join(line for line in script.splitlines(keepends=True) if not line.startswith(_DUMP_META))


def walk(node: object) -> Iterator[object]:
    """Every AST node under `node` (itself included), in no particular order."""
    stack = [node]
    while stack:
        n = stack.pop()
        if isinstance(n, tuple | list):
            stack.extend(n)
        elif isinstance(n, ast.Node):
            yield n
            stack.extend(getattr(n, attr) for attr in getattr(n, "__slots__", ()) if attr != "location")
