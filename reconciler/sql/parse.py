"""Splitting and classifying SQL with pglast (the real PostgreSQL grammar, never regexes).

Owns pglast. Returns plain values; imports only `sql.guard_read` (a guard read as the statement it
runs).
"""

from __future__ import annotations

import itertools
import json
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import pglast
from pglast import ast, parser, stream
from pglast.enums.parsenodes import ObjectType
from pglast.enums.primnodes import CoercionForm
from pglast.printers import get_special_function, sfuncs

from .guard_read import guarded_statement


def _system_user(node: ast.FuncCall, output: stream.RawStream) -> None:
    output.write("SYSTEM_USER")


class _KeepsSqlSyntax(stream.RawStream):
    """pglast prints a call the parser made from SQL-standard syntax (`x AT TIME ZONE z`,
    `TRIM(BOTH FROM x)`, `SUBSTRING(x FROM n)`, …) as the plain call (`pg_catalog.timezone(z, x)`),
    except EXTRACT and POSITION. PostgreSQL keeps which one was written (`funcformat`) and
    prints it back that way (pg_get_indexdef, pg_get_expr), so a re-printed statement must keep
    it: this prints each call the way it was parsed. (pglast's tree equality ignores `funcformat`.)"""

    def get_printer_for_function(self, name: str, node: ast.FuncCall | None = None) -> Any:
        if node is not None and node.funcformat == CoercionForm.COERCE_SQL_SYNTAX:
            if name == "pg_catalog.system_user" and not node.args:
                return _system_user
            printer = get_special_function(name)
            if printer is not None and sfuncs.can_use_special_syntax(printer, node):
                return printer
        return super().get_printer_for_function(name, node)


class RawStream(_KeepsSqlSyntax):
    """pglast's RawStream, keeping SQL-standard syntax (`_KeepsSqlSyntax`)."""


class IndentedStream(_KeepsSqlSyntax, stream.IndentedStream):
    """pglast's IndentedStream, keeping SQL-standard syntax (`_KeepsSqlSyntax`)."""


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


def slices(text: str) -> tuple[tuple[int, str], ...]:
    """The statements of `text` as (offset, text), split by the scanner alone: no parse tree (cheap
    on a large schema/) and no checks (for text `split` has read and checked before)."""
    try:
        found = parser.split(text, with_parser=False, only_slices=True)
    except parser.ParseError as exc:
        raise _parse_error(exc) from None
    return tuple((s.start, text[s].strip()) for s in found)


def split(text: str) -> tuple[SqlStatement, ...]:
    """Split `text` into statements, keeping each one's source text and position."""
    # The parser splits (slices only), then each statement's libpg_query JSON is read on its own:
    # one JSON tree of a large schema/ file took seconds and hundreds of MB (bench, 5,000 tables:
    # 3.4 s and 250 MB for 30_tables.sql; 0.2 s now); pglast's Python AST is slower still.
    try:
        found = parser.split(text, with_parser=True, only_slices=True)
    except parser.ParseError as exc:
        raise _parse_error(exc) from None
    out = []
    for where in found:
        body = text[where]
        stmts: Any = json.loads(parser.parse_sql_json(body)).get("stmts") or ({"stmt": {"": {}}},)
        (tag, fields), *_ = stmts[0]["stmt"].items()
        out.append(
            SqlStatement(
                text=body,
                offset=where.start,
                node=tag,
                transaction_control=tag == "TransactionStmt",
                transactional=not _non_transactional_json(tag, fields),
            )
        )
    return tuple(out)


def _parse_error(exc: parser.ParseError) -> SqlParseError:
    message, offset = exc.args[0], (exc.args[1] if len(exc.args) > 1 else 0)
    return SqlParseError(str(message), int(offset))


def statement_texts(script: str) -> tuple[str, ...]:
    """The statements of a script known to parse (pg_dump's output), without positions or kinds:
    pglast's splitter, twenty times faster than `split` on a large dump."""
    try:
        return tuple(s.strip() for s in pglast.split(script, with_parser=True))
    except parser.ParseError as exc:
        raise _parse_error(exc) from None


def _non_transactional_json(tag: str, fields: dict[str, Any]) -> bool:
    """`is_non_transactional` on libpg_query's JSON form of a statement."""
    if tag in ("IndexStmt", "DropStmt"):
        return bool(fields.get("concurrent"))
    if tag == "ReindexStmt":
        return any((p.get("DefElem") or {}).get("defname") == "concurrently" for p in fields.get("params") or ())
    if tag == "AlterEnumStmt":
        return fields.get("newVal") is not None and fields.get("oldVal") is None
    return tag in (
        "VacuumStmt",
        "CreatedbStmt",
        "DropdbStmt",
        "AlterSystemStmt",
        "CreateTableSpaceStmt",
        "DropTableSpaceStmt",
    )


@lru_cache(maxsize=4)
def _newlines(text: str) -> tuple[int, ...]:
    return tuple(m.start() for m in re.finditer("\n", text))


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    offset = max(0, min(offset, len(text)))
    # Called once per statement of a file: counting from the start each time was quadratic.
    newlines = _newlines(text)
    before = bisect_left(newlines, offset)
    col = offset - (newlines[before - 1] + 1 if before else 0) + 1
    return before + 1, col


def _qualified(rv: ast.RangeVar | None) -> tuple[str, str] | None:
    if rv is None or not rv.relname:
        return None
    return (rv.schemaname or "public", rv.relname)


def _executed_nodes(text: str) -> list[ast.Node]:
    """The statements of `text`, with a guard's DO block read as the statement it EXECUTEs."""
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
    """Names of extensions that `CREATE EXTENSION` statements in `text` create. Text that does not
    spell the keyword is not parsed (parsing every statement of a 2,000-table schema took 6 s)."""
    if "extension" not in text.lower():
        return ()
    return tuple(
        str(raw.stmt.extname) for raw in parser.parse_sql(text) if isinstance(raw.stmt, ast.CreateExtensionStmt)
    )


def extensions_created_by(texts: Iterable[str]) -> tuple[str, ...]:
    """The extensions the statements `texts` create, sorted (what a scratch server must have)."""
    return tuple(sorted({e for text in texts for e in created_extensions(text)}))


def with_extension_versions(texts: Iterable[str], versions: Mapping[str, str]) -> tuple[str, ...]:
    """`texts` with each `CREATE EXTENSION` that names no VERSION given the one `versions` maps its
    extension to (pg_dump leaves VERSION out: a restore gets the server's default version)."""
    out = []
    for text in texts:
        node = parser.parse_sql(text)[0].stmt if "extension" in text.lower() else None
        if (
            isinstance(node, ast.CreateExtensionStmt)
            and str(node.extname) in versions
            and not any(o.defname == "new_version" for o in node.options or ())
        ):
            version = ast.DefElem(defname="new_version", arg=ast.String(sval=versions[str(node.extname)]))
            node.options = (*(node.options or ()), version)
            text = str(RawStream()(node))
        out.append(text)
    return tuple(out)


_DUMP_META = ("\\restrict ", "\\unrestrict ", "\\connect ")


def without_meta_commands(script: str) -> str:
    """Drop the psql meta-command lines pg_dump writes (`\\restrict KEY`, `\\unrestrict KEY`,
    `\\connect`) so the script runs through a driver; nothing else is touched."""
    return "".join(line for line in script.splitlines(keepends=True) if not line.startswith(_DUMP_META))


def same_tree(a: object, b: object) -> bool:
    """The two trees are alike apart from locations, as PostgreSQL reads them: pglast's equality,
    plus how each function call was written (`x AT TIME ZONE z` or `timezone(z, x)`), which
    PostgreSQL keeps and prints back and pglast's equality ignores."""
    return bool(a == b) and _call_forms(a) == _call_forms(b)


def _call_forms(node: object) -> list[object]:
    return [n.funcformat for n in walk(node) if isinstance(n, ast.FuncCall)]


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


def without_concurrently(text: str) -> str:
    """A CREATE INDEX without CONCURRENTLY (what pg_get_indexdef prints for the index it built)."""
    toks = parser.scan(text)
    for a, b in itertools.pairwise(toks):
        if a.name == "INDEX" and b.name == "CONCURRENTLY":
            return text[: a.end + 1] + text[b.end + 1 :]
    return text
