"""The migration checklist as lint rules, decided on PostgreSQL's parse tree (pglast), and their fixes.

Owns what `reconcile lint` knows about hand-written SQL: which statements fail when a migration
runs twice, which PostgreSQL refuses outright, and the idempotent forms that replace them.
Returns plain values with character offsets into the text; imports only `.parse` (positions).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from enum import IntEnum
from itertools import pairwise
from typing import Any, TypeVar

import pglast
from pglast import ast, parser
from pglast.enums.parsenodes import (
    AlterTableType,
    ConstrType,
    DiscardMode,
    ObjectType,
    ReindexObjectType,
    TransactionStmtKind,
)
from pglast.stream import maybe_double_quote_name

from .parse import line_col


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    name: str
    summary: str


RULES: tuple[Rule, ...] = (
    Rule("RL000", "syntax-error", "the file does not parse with PostgreSQL's grammar"),
    Rule("RL001", "create-table", "CREATE TABLE without IF NOT EXISTS"),
    Rule("RL002", "create-index", "CREATE INDEX without IF NOT EXISTS (or without a name)"),
    Rule("RL003", "add-column", "ALTER TABLE … ADD COLUMN without IF NOT EXISTS"),
    Rule("RL004", "create-type", "CREATE TYPE/DOMAIN outside a DO block with an exception handler or a catalog guard"),
    Rule("RL005", "create-policy", "CREATE POLICY without a preceding DROP POLICY IF EXISTS"),
    Rule("RL006", "add-constraint", "ADD CONSTRAINT without a preceding DROP CONSTRAINT IF EXISTS or a guard"),
    Rule("RL007", "create-function", "CREATE FUNCTION/PROCEDURE without OR REPLACE"),
    Rule("RL008", "create-trigger", "CREATE TRIGGER without a preceding DROP TRIGGER IF EXISTS or OR REPLACE"),
    Rule("RL009", "add-enum-value", "ALTER TYPE … ADD VALUE without IF NOT EXISTS"),
    Rule("RL010", "create-other", "CREATE SCHEMA/EXTENSION/SEQUENCE/… without IF NOT EXISTS, VIEW without OR REPLACE"),
    Rule("RL011", "drop", "DROP … (and ALTER TABLE … DROP COLUMN/CONSTRAINT) without IF EXISTS"),
    Rule("RL012", "trigger-before-function", "a trigger created before the function it executes"),
    Rule("RL013", "drop-enum-value", "ALTER TYPE … DROP VALUE (PostgreSQL cannot remove enum values)"),
    Rule("RL014", "no-transaction-block", "a statement that cannot run in a transaction block, inside BEGIN … COMMIT"),
)


@dataclass(frozen=True, slots=True)
class Hit:
    """One finding: `offset` is the statement's first token (a syntax error's own position for RL000)."""

    offset: int
    rule: str
    message: str
    fixable: bool = False


def check(text: str) -> tuple[Hit, ...]:
    """Every finding in `text`, in file order."""
    return _Analyzer(text).run().sorted_hits()


def fix(text: str) -> str:
    """`text` with its fixable statements rewritten to their idempotent forms; everything else byte for byte.

    A file that does not parse is returned unchanged (its statements cannot be located reliably).
    """
    for _ in range(3):  # one pass fixes everything known; the loop only guards against a fix enabling another
        analysis = _Analyzer(text).run()
        if analysis.broken or not analysis.edits:
            break
        new = text
        for edit in sorted(analysis.edits, key=lambda e: e.start, reverse=True):
            new = new[: edit.start] + edit.text + new[edit.end :]
        if _Analyzer(new).run().broken:  # never hand back a file that no longer parses
            break
        text = new
    return text


# --- statements and tokens -------------------------------------------------------------------

_COMMENTS = frozenset({"SQL_COMMENT", "C_COMMENT"})
_SEMICOLON = "ASCII_59"


@dataclass(frozen=True, slots=True)
class _Stmt:
    node: ast.Node
    start: int  # first token
    end: int  # just past the last token (the terminating semicolon excluded)
    base: int = 0  # what to add to the tree's locations to make them offsets into the file


@dataclass(frozen=True, slots=True)
class _Parsed:
    statements: tuple[_Stmt, ...]
    errors: tuple[Hit, ...]


def _tokens(text: str) -> list[parser.Token]:
    return [t for t in parser.scan(text) if t.name not in _COMMENTS]


def _error_location(exc: parser.ParseError) -> int | None:
    return int(exc.args[1]) if len(exc.args) > 1 and exc.args[1] is not None else None


def _one_line(message: object) -> str:
    """PostgreSQL quotes the offending text, which may span lines; a finding is one line."""
    return str(message).replace("\r", "").replace("\n", "\\n")


def _parse(text: str) -> _Parsed:
    try:
        tokens = _tokens(text)
    except parser.ParseError as exc:  # an unterminated string or comment: nothing can be located after it
        return _Parsed((), (Hit(_error_location(exc) or 0, "RL000", _one_line(exc.args[0])),))
    try:
        raws = parser.parse_sql(text)
    except parser.ParseError:
        return _parse_piecewise(text, tokens)
    starts = [t.start for t in tokens]
    out = []
    for raw in raws:
        assert raw.stmt is not None
        lo = raw.stmt_location or 0
        hi = lo + raw.stmt_len if raw.stmt_len else len(text)
        toks = tokens[bisect_left(starts, lo) : bisect_left(starts, hi)]
        while toks and toks[-1].name == _SEMICOLON:
            toks.pop()
        if toks:
            out.append(_Stmt(raw.stmt, toks[0].start, toks[-1].end + 1))
    return _Parsed(tuple(out), ())


def _pieces(tokens: Sequence[parser.Token]) -> Iterator[tuple[list[parser.Token], int]]:
    """Statements by the scanner alone, each with the offset just past its semicolon (or its last token).

    Semicolons end statements, except inside BEGIN ATOMIC … END bodies.
    """
    piece: list[parser.Token] = []
    depth, previous = 0, ""
    for t in tokens:
        if t.name == _SEMICOLON and depth == 0:
            if piece:
                yield piece, t.end + 1
            piece, previous = [], ""
            continue
        if t.name == "ATOMIC" and previous == "BEGIN_P":
            depth += 1
        elif depth and t.name == "CASE":
            depth += 1
        elif depth and t.name == "END_P":
            depth -= 1
        piece.append(t)
        previous = t.name
    if piece:
        yield piece, piece[-1].end + 1


def _parse_piecewise(text: str, tokens: Sequence[parser.Token]) -> _Parsed:
    """Parse statement by statement, so one bad statement does not hide what is wrong with the others."""
    statements, errors = [], []
    for piece, stop in _pieces(tokens):
        start, end = piece[0].start, piece[-1].end + 1
        try:
            # The semicolon is kept so that an unfinished statement is reported at it, as PostgreSQL would.
            raws = parser.parse_sql(text[start:stop])
        except parser.ParseError as exc:
            location = _error_location(exc)
            location = None if location is None else start + location
            if _is_drop_value(piece, location):
                errors.append(Hit(start, "RL013", _DROP_VALUE_MESSAGE))
            else:
                errors.append(Hit(location if location is not None else end, "RL000", _one_line(exc.args[0])))
            continue
        statements += [_Stmt(raw.stmt, start, end, base=start) for raw in raws if raw.stmt is not None]
    return _Parsed(tuple(statements), tuple(errors))


_DROP_VALUE_MESSAGE = (
    "ALTER TYPE … DROP VALUE is not supported by PostgreSQL; recreate the type instead "
    "(RENAME it, CREATE TYPE without the value, ALTER COLUMN … TYPE … USING, DROP the old type)"
)


def _is_drop_value(piece: Sequence[parser.Token], location: int | None) -> bool:
    """The grammar rejects ALTER TYPE … DROP VALUE at its DROP token ("not implemented")."""
    names = [t.name for t in piece]
    if names[:2] != ["ALTER", "TYPE_P"]:
        return False
    return any(
        a.name == "DROP" and b.name == "VALUE_P" and (location is None or a.start == location)
        for a, b in pairwise(piece)
    )


def _parse_one(text: str) -> ast.Node | None:
    try:
        raws = parser.parse_sql(text)
    except parser.ParseError:
        return None
    return raws[0].stmt if len(raws) == 1 else None


# --- names -----------------------------------------------------------------------------------

Key = tuple[str, ...]
_SUB_OBJECTS = frozenset({"policy", "trigger", "constraint", "column"})


def _ident(name: str | None) -> str:
    return str(maybe_double_quote_name(name or ""))


_E = TypeVar("_E", bound=IntEnum)


def _enum(cls: type[_E], value: int | None) -> _E:
    """pglast types enum fields as optional; in a parsed tree they are always set."""
    assert value is not None
    return cls(value)


def _sql_name(*parts: str | None) -> str:
    return ".".join(_ident(p) for p in parts if p)


def _strings(nodes: Sequence[Any] | None) -> tuple[str, ...]:
    return tuple(str(n.sval) for n in nodes or () if isinstance(n, ast.String))


def _qualified(names: Sequence[str]) -> tuple[str, str]:
    # Unqualified names are taken to be in public, the default search_path's first schema.
    return (names[-2] if len(names) > 1 else "public", names[-1])


def _rel(rv: ast.RangeVar) -> tuple[str, str]:
    return (rv.schemaname or "public", str(rv.relname))


def _rv_sql(rv: ast.RangeVar) -> str:
    return _sql_name(rv.catalogname, rv.schemaname, rv.relname)


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


_OBJECT_WORDS = {
    ObjectType.OBJECT_MATVIEW: "MATERIALIZED VIEW",
    ObjectType.OBJECT_FOREIGN_TABLE: "FOREIGN TABLE",
    ObjectType.OBJECT_FDW: "FOREIGN DATA WRAPPER",
    ObjectType.OBJECT_FOREIGN_SERVER: "SERVER",
    ObjectType.OBJECT_ACCESS_METHOD: "ACCESS METHOD",
    ObjectType.OBJECT_EVENT_TRIGGER: "EVENT TRIGGER",
    ObjectType.OBJECT_OPCLASS: "OPERATOR CLASS",
    ObjectType.OBJECT_OPFAMILY: "OPERATOR FAMILY",
    ObjectType.OBJECT_STATISTIC_EXT: "STATISTICS",
    ObjectType.OBJECT_TSCONFIGURATION: "TEXT SEARCH CONFIGURATION",
    ObjectType.OBJECT_TSDICTIONARY: "TEXT SEARCH DICTIONARY",
    ObjectType.OBJECT_TSPARSER: "TEXT SEARCH PARSER",
    ObjectType.OBJECT_TSTEMPLATE: "TEXT SEARCH TEMPLATE",
}
_RELATION_KINDS = frozenset(
    {
        ObjectType.OBJECT_TABLE,
        ObjectType.OBJECT_VIEW,
        ObjectType.OBJECT_MATVIEW,
        ObjectType.OBJECT_INDEX,
        ObjectType.OBJECT_SEQUENCE,
        ObjectType.OBJECT_FOREIGN_TABLE,
    }
)


def _object_word(kind: ObjectType) -> str:
    return _OBJECT_WORDS.get(kind) or kind.name.removeprefix("OBJECT_").replace("_", " ")


def _drop_targets(node: ast.DropStmt) -> list[tuple[Key | None, str]]:
    """(state key or None when not tracked, SQL name) of each object a DROP names."""
    out: list[tuple[Key | None, str]] = []
    kind = _enum(ObjectType, node.removeType)
    for obj in node.objects or ():
        if isinstance(obj, ast.String):
            name = str(obj.sval)
            tracked = kind in (ObjectType.OBJECT_SCHEMA, ObjectType.OBJECT_EXTENSION)
            out.append(((kind.name.removeprefix("OBJECT_").lower(), name) if tracked else None, _ident(name)))
        elif isinstance(obj, ast.TypeName):
            names = _strings(obj.names)
            out.append((("type", *_qualified(names)), _sql_name(*names)))
        elif isinstance(obj, ast.ObjectWithArgs):
            out.append((None, _sql_name(*_strings(obj.objname))))
        elif isinstance(obj, tuple):
            names = _strings(obj)
            if kind in _RELATION_KINDS:
                out.append((("rel", *_qualified(names)), _sql_name(*names)))
            elif kind in (ObjectType.OBJECT_POLICY, ObjectType.OBJECT_TRIGGER) and len(names) >= 2:
                sub = "policy" if kind == ObjectType.OBJECT_POLICY else "trigger"
                key = (sub, *_qualified(names[:-1]), names[-1])
                out.append((key, f"{_ident(names[-1])} ON {_sql_name(*names[:-1])}"))
            else:
                out.append((None, _sql_name(*names)))
        else:
            out.append((None, ""))
    return out


# --- what the file has done so far ------------------------------------------------------------


@dataclass(slots=True)
class _State:
    """What the statements before this one guarantee, on every run: an object exists, or is absent.

    A DROP … IF EXISTS (or a RENAME away) makes a name free, so a plain CREATE right after it is
    idempotent; a table created after such a drop is new, so none of its policies, triggers,
    constraints or columns exist yet.
    """

    known: dict[Key, bool] = field(default_factory=dict)
    fresh: set[Key] = field(default_factory=set)

    def get(self, key: Key) -> bool | None:
        if key in self.known:
            return self.known[key]
        if key[0] in _SUB_OBJECTS and ("rel", key[1], key[2]) in self.fresh:
            return False
        return None

    def created(self, key: Key) -> None:
        if key[0] == "rel" and self.get(key) is False:
            self.fresh.add(key)
        self.known[key] = True

    def removed(self, key: Key) -> None:
        if key[0] == "rel":
            self.fresh.discard(key)
            for k in [k for k in self.known if k[0] in _SUB_OBJECTS and ("rel", k[1], k[2]) == key]:
                del self.known[k]
        self.known[key] = False

    def is_fresh(self, rel: tuple[str, str]) -> bool:
        return ("rel", *rel) in self.fresh


# --- fixes -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Flag:
    """Insert `phrase` (e.g. IF NOT EXISTS) where the re-parsed tree equals the tree `mutate` makes."""

    phrase: str
    mutate: Callable[[Any], None]


@dataclass(frozen=True, slots=True)
class _Before:
    """Put this statement (a DROP … IF EXISTS) before the one being fixed.

    `template` holds only keywords and `{}` for the (already quoted) `names`, so that the keywords
    can follow the author's case.
    """

    template: str
    names: tuple[str, ...]

    @property
    def sql(self) -> str:
        return self.template.format(*self.names)


@dataclass(frozen=True, slots=True)
class _WrapDuplicate:
    """DO $$ BEGIN <stmt>; EXCEPTION WHEN duplicate_object THEN NULL; END $$ (for CREATE TYPE)."""


@dataclass(frozen=True, slots=True)
class _WrapConstraintGuard:
    """DO $$ BEGIN IF NOT EXISTS (<pg_constraint lookup>) THEN <stmt>; END IF; END $$."""

    conname: str
    relation: str  # as SQL, e.g. public."Users"


_Action = _Flag | _Before | _WrapDuplicate | _WrapConstraintGuard


@dataclass(frozen=True, slots=True)
class _Issue:
    rule: str
    message: str
    action: _Action | None = None


@dataclass(frozen=True, slots=True)
class _Edit:
    start: int
    end: int
    text: str


def _set(path: Callable[[Any], Any], attr: str) -> Callable[[Any], None]:
    def mutate(root: Any) -> None:
        setattr(path(root), attr, True)

    return mutate


def _root(node: Any) -> Any:
    return node


class _Rewriter:
    """Builds the replacement of one statement's span; every step is checked by re-parsing."""

    def __init__(self, text: str, stmt: _Stmt) -> None:
        self.text = text
        self.stmt = stmt
        self.src = text[stmt.start : stmt.end]
        first = self.src.split(None, 1)[0] if self.src.strip() else ""
        self.lower = first.islower()
        line_start = text.rfind("\n", 0, stmt.start) + 1
        lead = text[line_start : stmt.start]
        self.indent = lead if not lead.strip() else ""

    def kw(self, sql: str) -> str:
        """Keywords in the case the author writes them."""
        return sql.lower() if self.lower else sql

    def rewrite(self, actions: Sequence[_Action]) -> str | None:
        src: str | None = self.src
        for action in actions:
            if isinstance(action, _Flag) and src is not None:
                src = self._insert(src, self.kw(action.phrase), action.mutate)
        if src is None:
            return None
        before = [self.kw(a.template).format(*a.names) for a in actions if isinstance(a, _Before)]
        if any(_parse_one(sql) is None for sql in before):
            return None
        for action in actions:
            if isinstance(action, _WrapDuplicate | _WrapConstraintGuard):
                src = self._wrap(src, action)
                if src is None:
                    return None
        return "".join(sql + ";\n" + self.indent for sql in before) + src

    @staticmethod
    def _insert(src: str, phrase: str, mutate: Callable[[Any], None]) -> str | None:
        expected = _parse_one(src)
        if expected is None:
            return None
        mutate(expected)
        for token in _tokens(src)[1:]:
            candidate = src[: token.start] + phrase + " " + src[token.start :]
            got = _parse_one(candidate)
            if got is not None and got == expected:  # pglast compares trees ignoring locations
                return candidate
        return None

    def _wrap(self, src: str, action: _WrapDuplicate | _WrapConstraintGuard) -> str | None:
        tag = "$$"
        n = 0
        while tag in src:
            tag, n = f"$lint{n or ''}$", n + 1
        multiline_token = any("\n" in src[t.start : t.end + 1] for t in _tokens(src))
        ind = self.indent
        if isinstance(action, _WrapDuplicate):
            inner = src if multiline_token else src.replace("\n", "\n  ")
            wrapped = (
                f"{self.kw('DO')} {tag} {self.kw('BEGIN')}\n{ind}  {inner};\n"
                f"{ind}{self.kw('EXCEPTION WHEN duplicate_object THEN NULL; END')} {tag}"
            )
        else:
            inner = src if multiline_token else src.replace("\n", "\n    ")
            lookup = (
                f"{self.kw('SELECT 1 FROM pg_catalog.pg_constraint WHERE conname =')} {_literal(action.conname)}"
                f" {self.kw('AND conrelid = pg_catalog.to_regclass(')}{_literal(action.relation)})"
            )
            wrapped = (
                f"{self.kw('DO')} {tag} {self.kw('BEGIN')}\n"
                f"{ind}  {self.kw('IF NOT EXISTS')} ({lookup}) {self.kw('THEN')}\n"
                f"{ind}    {inner};\n"
                f"{ind}  {self.kw('END IF;')}\n"
                f"{ind}{self.kw('END')} {tag}"
            )
        original = _parse_one(src)
        if not isinstance(_parse_one(wrapped), ast.DoStmt) or original is None:
            return None
        try:
            body = pglast.parse_plpgsql(wrapped)
        except parser.ParseError:
            return None
        if not any(_parse_one(query) == original for _, query, _ in _execsql(body)):
            return None
        return wrapped


# --- DO blocks -------------------------------------------------------------------------------


def _execsql(tree: Any) -> Iterator[tuple[int, str, bool]]:
    """(line in the body, SQL, guarded) of each static SQL statement of a PL/pgSQL body.

    Guarded: under a block with an exception handler, or any IF/CASE/loop (a catalog guard such as
    IF NOT EXISTS (SELECT …) THEN). Dynamic EXECUTE strings are not seen.
    """

    def walk(obj: Any, guarded: bool) -> Iterator[tuple[int, str, bool]]:
        if isinstance(obj, list):
            for item in obj:
                yield from walk(item, guarded)
        elif isinstance(obj, dict):
            for key, value in obj.items():
                if key == "PLpgSQL_stmt_execsql":
                    query = (value.get("sqlstmt") or {}).get("PLpgSQL_expr", {}).get("query")
                    if query:
                        yield int(value.get("lineno", 1)), str(query), guarded
                elif key.startswith("PLpgSQL_stmt_"):
                    plain_block = key == "PLpgSQL_stmt_block" and "exceptions" not in value
                    yield from walk(value, guarded or not plain_block)
                else:
                    yield from walk(value, guarded)

    yield from walk(tree, False)


def _body_offset(text: str, location: int | None, body: str) -> int | None:
    """Where the DO body's first character is in the file (dollar- or plainly quoted), if it is verbatim."""
    if location is None or location >= len(text):
        return None
    if text[location] == "$":
        close = text.find("$", location + 1)
        start = close + 1 if close >= 0 else -1
    elif text[location] == "'":
        start = location + 1
    else:
        return None
    return start if start > 0 and text.startswith(body, start) else None


def _body_position(base: int, body: str, lineno: int, query: str) -> int:
    line_start = 0
    for _ in range(max(lineno - 1, 0)):
        nxt = body.find("\n", line_start)
        if nxt < 0:
            break
        line_start = nxt + 1
    found = body.find(query, line_start)
    if found < 0:
        line = body[line_start:].split("\n", 1)[0]
        found = line_start + len(line) - len(line.lstrip())
    return base + found


# --- the rules -------------------------------------------------------------------------------


def _non_transactional(node: ast.Node) -> str | None:
    """What PostgreSQL refuses to run inside a transaction block (PreventInTransactionBlock)."""
    if isinstance(node, ast.IndexStmt) and node.concurrent:
        return "CREATE INDEX CONCURRENTLY"
    if isinstance(node, ast.DropStmt) and node.concurrent:
        return "DROP INDEX CONCURRENTLY"
    if isinstance(node, ast.ReindexStmt):
        if any(isinstance(p, ast.DefElem) and p.defname == "concurrently" for p in node.params or ()):
            return "REINDEX CONCURRENTLY"
        kind = _enum(ReindexObjectType, node.kind)
        if kind in (
            ReindexObjectType.REINDEX_OBJECT_SCHEMA,
            ReindexObjectType.REINDEX_OBJECT_SYSTEM,
            ReindexObjectType.REINDEX_OBJECT_DATABASE,
        ):
            return "REINDEX " + kind.name.removeprefix("REINDEX_OBJECT_")
    if isinstance(node, ast.VacuumStmt) and node.is_vacuumcmd:
        return "VACUUM"
    if isinstance(node, ast.ClusterStmt) and node.relation is None:
        return "CLUSTER without a table"
    if isinstance(node, ast.DiscardStmt) and _enum(DiscardMode, node.target) == DiscardMode.DISCARD_ALL:
        return "DISCARD ALL"
    if isinstance(node, ast.AlterDatabaseStmt) and any(
        isinstance(o, ast.DefElem) and o.defname == "tablespace" for o in node.options or ()
    ):
        return "ALTER DATABASE … SET TABLESPACE"
    if isinstance(node, ast.AlterTableStmt) and any(
        isinstance(c, ast.AlterTableCmd)
        and c.subtype == AlterTableType.AT_DetachPartition
        and isinstance(c.def_, ast.PartitionCmd)
        and c.def_.concurrent
        for c in node.cmds or ()
    ):
        return "DETACH PARTITION CONCURRENTLY"
    if isinstance(node, ast.CreateSubscriptionStmt) and not any(
        isinstance(o, ast.DefElem)
        and o.defname == "create_slot"
        and isinstance(o.arg, ast.Boolean | ast.String)
        and str(getattr(o.arg, "boolval", getattr(o.arg, "sval", ""))).lower() in ("false", "off", "0")
        for o in node.options or ()
    ):
        return "CREATE SUBSCRIPTION (creating a replication slot)"
    labels = {
        ast.CreatedbStmt: "CREATE DATABASE",
        ast.DropdbStmt: "DROP DATABASE",
        ast.AlterSystemStmt: "ALTER SYSTEM",
        ast.CreateTableSpaceStmt: "CREATE TABLESPACE",
        ast.DropTableSpaceStmt: "DROP TABLESPACE",
    }
    return labels.get(type(node))


_OTHER_DROPS: dict[type[ast.Node], str] = {
    ast.DropRoleStmt: "ROLE",
    ast.DropdbStmt: "DATABASE",
    ast.DropTableSpaceStmt: "TABLESPACE",
    ast.DropSubscriptionStmt: "SUBSCRIPTION",
    ast.DropUserMappingStmt: "USER MAPPING",
}
_GUARDED_CONSTRAINTS = frozenset({ConstrType.CONSTR_PRIMARY, ConstrType.CONSTR_UNIQUE, ConstrType.CONSTR_EXCLUSION})
_CONSTRAINT_WORDS = {
    ConstrType.CONSTR_CHECK: "CHECK",
    ConstrType.CONSTR_PRIMARY: "PRIMARY KEY",
    ConstrType.CONSTR_UNIQUE: "UNIQUE",
    ConstrType.CONSTR_EXCLUSION: "EXCLUDE",
    ConstrType.CONSTR_FOREIGN: "FOREIGN KEY",
    ConstrType.CONSTR_NOTNULL: "NOT NULL",
}


@dataclass(slots=True)
class _Analyzer:
    text: str
    state: _State = field(default_factory=_State)
    hits: list[Hit] = field(default_factory=list)
    edits: list[_Edit] = field(default_factory=list)
    broken: bool = False
    begin: int | None = None  # offset of the open BEGIN, if any
    functions: set[tuple[str, str]] = field(default_factory=set)  # created so far
    functions_later: dict[tuple[str, str], int] = field(default_factory=dict)  # first creation in the file

    def run(self) -> _Analyzer:
        parsed = _parse(self.text)
        self.broken = bool(parsed.errors)
        self.hits += parsed.errors
        for st in parsed.statements:
            if isinstance(st.node, ast.CreateFunctionStmt):
                self.functions_later.setdefault(_qualified(_strings(st.node.funcname)), st.start)
        for st in parsed.statements:
            self._statement(st)
        return self

    def sorted_hits(self) -> tuple[Hit, ...]:
        return tuple(sorted(self.hits, key=lambda h: (h.offset, h.rule)))

    def _line(self, offset: int) -> int:
        return line_col(self.text, offset)[0]

    def _statement(self, st: _Stmt) -> None:
        node = st.node
        if isinstance(node, ast.TransactionStmt):
            self._transaction(node, st.start)
            return
        what = _non_transactional(node)
        if what and self.begin is not None:
            self.hits.append(
                Hit(
                    st.start,
                    "RL014",
                    f"{what} cannot run inside a transaction block (BEGIN at line {self._line(self.begin)}); "
                    "run it outside BEGIN … COMMIT",
                )
            )
        if isinstance(node, ast.DoStmt):
            self._do(st, node)
            return
        issues = self._check(node, st.start)
        actions = [i.action for i in issues if i.action is not None]
        fixed = False
        if actions and not self.broken:
            replacement = _Rewriter(self.text, st).rewrite(actions)
            if replacement is not None:
                self.edits.append(_Edit(st.start, st.end, replacement))
                fixed = True
        self.hits += [Hit(st.start, i.rule, i.message, fixed and i.action is not None) for i in issues]

    def _transaction(self, node: ast.TransactionStmt, offset: int) -> None:
        kind = _enum(TransactionStmtKind, node.kind)
        if kind in (TransactionStmtKind.TRANS_STMT_BEGIN, TransactionStmtKind.TRANS_STMT_START):
            if self.begin is None:
                self.begin = offset
        elif (
            kind
            in (
                TransactionStmtKind.TRANS_STMT_COMMIT,
                TransactionStmtKind.TRANS_STMT_ROLLBACK,
                TransactionStmtKind.TRANS_STMT_PREPARE,
            )
            and not node.chain
        ):
            self.begin = None

    def _do(self, st: _Stmt, node: ast.DoStmt) -> None:
        body, language, location = None, "plpgsql", None
        for arg in node.args or ():
            if isinstance(arg, ast.DefElem) and isinstance(arg.arg, ast.String):
                if arg.defname == "as":
                    body = str(arg.arg.sval)
                    location = None if arg.arg_location is None else arg.arg_location + st.base
                elif arg.defname == "language":
                    language = str(arg.arg.sval)
        if body is None or language.lower() != "plpgsql":
            return
        try:
            tree = pglast.parse_plpgsql(self.text[st.start : st.end])
        except parser.ParseError as exc:
            self.hits.append(Hit(st.start, "RL000", f"in DO block: {_one_line(exc.args[0])}"))
            return
        base = _body_offset(self.text, location, body)
        for lineno, query, guarded in _execsql(tree):
            offset = _body_position(base, body, lineno, query) if base is not None else st.start
            inner = _parse_one(query)
            if inner is None:
                continue
            what = _non_transactional(inner)
            if what:
                self.hits.append(
                    Hit(offset, "RL014", f"{what} cannot run inside a DO block (it runs in a transaction)")
                )
            if guarded:
                continue
            for issue in self._check(inner, offset):
                where = " (in a DO block without an exception handler or IF guard)"
                self.hits.append(Hit(offset, issue.rule, issue.message + where))

    def _check(self, node: ast.Node, offset: int) -> list[_Issue]:
        """The issues of one statement, updating what the file guarantees afterwards."""
        s = self.state
        out: list[_Issue] = []
        key: Key
        if isinstance(node, ast.CreateStmt) and node.relation is not None:
            key = ("rel", *_rel(node.relation))
            if not node.if_not_exists and s.get(key) is not False:
                msg = (
                    f"CREATE TABLE {_rv_sql(node.relation)} fails when the table exists; use CREATE TABLE IF NOT EXISTS"
                )
                out.append(_Issue("RL001", msg, _Flag("IF NOT EXISTS", _set(_root, "if_not_exists"))))
            s.created(key)
        elif isinstance(node, ast.CreateTableAsStmt) and node.into is not None and node.into.rel is not None:
            rv = node.into.rel
            key = ("rel", *_rel(rv))
            if not node.if_not_exists and s.get(key) is not False:
                action = _Flag("IF NOT EXISTS", _set(_root, "if_not_exists"))
                if _enum(ObjectType, node.objtype) == ObjectType.OBJECT_MATVIEW:
                    msg = (
                        f"CREATE MATERIALIZED VIEW {_rv_sql(rv)} fails when it exists; "
                        "use CREATE MATERIALIZED VIEW IF NOT EXISTS"
                    )
                    out.append(_Issue("RL010", msg, action))
                else:
                    msg = f"CREATE TABLE {_rv_sql(rv)} AS fails when the table exists; use CREATE TABLE IF NOT EXISTS"
                    out.append(_Issue("RL001", msg, None if node.is_select_into else action))
            s.created(key)
        elif isinstance(node, ast.IndexStmt) and node.relation is not None:
            rel = _rel(node.relation)
            if node.idxname is None:
                if not node.if_not_exists and not s.is_fresh(rel):
                    msg = (
                        f"CREATE INDEX without a name on {_rv_sql(node.relation)} adds another index on every run; "
                        "name it and use CREATE INDEX IF NOT EXISTS"
                    )
                    out.append(_Issue("RL002", msg))
            else:
                key = ("rel", rel[0], str(node.idxname))
                # A table created in this file after being dropped has no indexes yet.
                new_table = s.is_fresh(rel) and s.get(key) is None
                if not node.if_not_exists and not new_table and s.get(key) is not False:
                    msg = (
                        f"CREATE INDEX {_ident(node.idxname)} fails when the index exists; "
                        "use CREATE INDEX IF NOT EXISTS"
                    )
                    out.append(_Issue("RL002", msg, _Flag("IF NOT EXISTS", _set(_root, "if_not_exists"))))
                s.created(key)
        elif isinstance(node, ast.AlterTableStmt) and node.relation is not None:
            out += self._alter_table(node, node.relation)
        elif isinstance(node, ast.CreateEnumStmt | ast.CreateRangeStmt | ast.CreateDomainStmt | ast.CompositeTypeStmt):
            out += self._create_type(node)
        elif isinstance(node, ast.CreatePolicyStmt) and node.table is not None:
            key = ("policy", *_rel(node.table), str(node.policy_name))
            if s.get(key) is not False:
                drop = _Before("DROP POLICY IF EXISTS {} ON {}", (_ident(node.policy_name), _rv_sql(node.table)))
                msg = (
                    f"CREATE POLICY {_ident(node.policy_name)} fails when the policy exists (there is no "
                    f"IF NOT EXISTS); precede it with {drop.sql}"
                )
                out.append(_Issue("RL005", msg, drop))
            s.created(key)
        elif isinstance(node, ast.CreateFunctionStmt):
            name = _qualified(_strings(node.funcname))
            if not node.replace:
                word = "PROCEDURE" if node.is_procedure else "FUNCTION"
                msg = (
                    f"CREATE {word} {_sql_name(*_strings(node.funcname))} fails when it exists; "
                    f"use CREATE OR REPLACE {word}"
                )
                out.append(_Issue("RL007", msg, _Flag("OR REPLACE", _set(_root, "replace"))))
            self.functions.add(name)
        elif isinstance(node, ast.CreateTrigStmt) and node.relation is not None:
            out += self._create_trigger(node, node.relation, offset)
        elif isinstance(node, ast.AlterEnumStmt) and node.newVal is not None and node.oldVal is None:
            if not node.skipIfNewValExists:
                msg = (
                    f"ALTER TYPE {_sql_name(*_strings(node.typeName))} ADD VALUE {_literal(node.newVal)} "
                    "fails when the value exists; use ADD VALUE IF NOT EXISTS"
                )
                out.append(_Issue("RL009", msg, _Flag("IF NOT EXISTS", _set(_root, "skipIfNewValExists"))))
        elif isinstance(node, ast.DropStmt):
            out += self._drop(node)
        elif isinstance(node, ast.RenameStmt):
            self._rename(node)
        elif type(node) in _OTHER_DROPS:
            if not getattr(node, "missing_ok", True):
                word = _OTHER_DROPS[type(node)]
                msg = f"DROP {word} fails when it does not exist; use DROP {word} IF EXISTS"
                out.append(_Issue("RL011", msg, _Flag("IF EXISTS", _set(_root, "missing_ok"))))
        else:
            out += self._create_other(node)
        return out

    def _alter_table(self, node: ast.AlterTableStmt, rv: ast.RangeVar) -> list[_Issue]:
        s = self.state
        out: list[_Issue] = []
        kind = _enum(ObjectType, node.objtype)
        if kind not in (ObjectType.OBJECT_TABLE, ObjectType.OBJECT_FOREIGN_TABLE):
            return out
        rel, table = _rel(rv), _rv_sql(rv)
        cmds = [c for c in node.cmds or () if isinstance(c, ast.AlterTableCmd)]
        for i, cmd in enumerate(cmds):

            def this_cmd(root: Any, i: int = i) -> Any:
                return root.cmds[i]

            subtype = _enum(AlterTableType, cmd.subtype)
            if subtype == AlterTableType.AT_AddColumn and isinstance(cmd.def_, ast.ColumnDef):
                key = ("column", *rel, str(cmd.def_.colname))
                if not cmd.missing_ok and s.get(key) is not False:
                    msg = (
                        f"ADD COLUMN {_ident(cmd.def_.colname)} fails when {table} has the column; "
                        "use ADD COLUMN IF NOT EXISTS"
                    )
                    out.append(_Issue("RL003", msg, _Flag("IF NOT EXISTS", _set(this_cmd, "missing_ok"))))
                s.created(key)
            elif subtype == AlterTableType.AT_AddConstraint and isinstance(cmd.def_, ast.Constraint):
                out += self._add_constraint(node, rv, cmd.def_, alone=len(cmds) == 1)
            elif subtype in (AlterTableType.AT_DropColumn, AlterTableType.AT_DropConstraint) and cmd.name:
                sub = "column" if subtype == AlterTableType.AT_DropColumn else "constraint"
                key = (sub, *rel, str(cmd.name))
                if not cmd.missing_ok and s.get(key) is not True:
                    word = sub.upper()
                    msg = (
                        f"DROP {word} {_ident(cmd.name)} fails when {table} has no such {sub}; "
                        f"use DROP {word} IF EXISTS"
                    )
                    out.append(_Issue("RL011", msg, _Flag("IF EXISTS", _set(this_cmd, "missing_ok"))))
                s.removed(key)
        return out

    def _add_constraint(
        self, node: ast.AlterTableStmt, rv: ast.RangeVar, con: ast.Constraint, *, alone: bool
    ) -> list[_Issue]:
        s = self.state
        rel, table = _rel(rv), _rv_sql(rv)
        contype = _enum(ConstrType, con.contype)
        word = _CONSTRAINT_WORDS.get(contype, "CONSTRAINT")
        if not con.conname:
            if s.is_fresh(rel):
                return []
            msg = (
                f"ADD {word} on {table} without a constraint name cannot be guarded (it fails or adds a "
                "duplicate on the next run); name it: ADD CONSTRAINT <name> …"
            )
            return [_Issue("RL006", msg)]
        key = ("constraint", *rel, str(con.conname))
        known = s.get(key)
        s.created(key)
        if known is False:
            return []
        name = _ident(con.conname)
        if contype in _GUARDED_CONSTRAINTS:
            # Dropping a primary key or unique constraint first fails once a foreign key depends on
            # it (and rebuilds its index on every run), so these get a catalog guard instead.
            msg = (
                f"ADD CONSTRAINT {name} ({word}) fails when {table} has it; guard it: DO $$ BEGIN IF NOT EXISTS "
                "(SELECT 1 FROM pg_constraint …) THEN … END IF; END $$ (dropping it first fails once a foreign "
                "key depends on it)"
            )
            guard = _WrapConstraintGuard(str(con.conname), table) if alone else None
            return [_Issue("RL006", msg, guard)]
        alter = (
            "ALTER FOREIGN TABLE"
            if _enum(ObjectType, node.objtype) == ObjectType.OBJECT_FOREIGN_TABLE
            else "ALTER TABLE"
        )
        only = "" if rv.inh else "ONLY "
        if_exists = "IF EXISTS " if node.missing_ok else ""
        drop = _Before(f"{alter} {if_exists}{only}{{}} DROP CONSTRAINT IF EXISTS {{}}", (table, name))
        msg = f"ADD CONSTRAINT {name} fails when {table} has it (there is no IF NOT EXISTS); precede it with {drop.sql}"
        return [_Issue("RL006", msg, drop)]

    def _create_type(
        self, node: ast.CreateEnumStmt | ast.CreateRangeStmt | ast.CreateDomainStmt | ast.CompositeTypeStmt
    ) -> list[_Issue]:
        if isinstance(node, ast.CompositeTypeStmt):
            if node.typevar is None:
                return []
            names: tuple[str, ...] = tuple(p for p in (node.typevar.schemaname, node.typevar.relname) if p)
            what = "CREATE TYPE {} AS (…)"
        elif isinstance(node, ast.CreateDomainStmt):
            names, what = _strings(node.domainname), "CREATE DOMAIN {}"
        elif isinstance(node, ast.CreateRangeStmt):
            names, what = _strings(node.typeName), "CREATE TYPE {} AS RANGE"
        else:
            names, what = _strings(node.typeName), "CREATE TYPE {} AS ENUM"
        key = ("type", *_qualified(names))
        known = self.state.get(key)
        self.state.created(key)
        if known is False:
            return []
        msg = (
            what.format(_sql_name(*names)) + " fails when the type exists (there is no IF NOT EXISTS); "
            "wrap it in DO $$ BEGIN … EXCEPTION WHEN duplicate_object THEN NULL; END $$"
        )
        return [_Issue("RL004", msg, _WrapDuplicate())]

    def _create_trigger(self, node: ast.CreateTrigStmt, rv: ast.RangeVar, offset: int) -> list[_Issue]:
        out: list[_Issue] = []
        key = ("trigger", *_rel(rv), str(node.trigname))
        if not node.replace and self.state.get(key) is not False:
            drop = _Before("DROP TRIGGER IF EXISTS {} ON {}", (_ident(node.trigname), _rv_sql(rv)))
            msg = f"CREATE TRIGGER {_ident(node.trigname)} fails when the trigger exists; precede it with {drop.sql}"
            out.append(_Issue("RL008", msg, drop))
        self.state.created(key)
        function = _qualified(_strings(node.funcname))
        later = self.functions_later.get(function)
        if function not in self.functions and later is not None and later > offset:
            msg = (
                f"trigger {_ident(node.trigname)} executes {_sql_name(*_strings(node.funcname))}(), which this file "
                f"creates later (line {self._line(later)}); create the function first"
            )
            out.append(_Issue("RL012", msg))
        return out

    def _drop(self, node: ast.DropStmt) -> list[_Issue]:
        targets = _drop_targets(node)
        out: list[_Issue] = []
        all_exist = all(key is not None and self.state.get(key) is True for key, _ in targets)
        if not node.missing_ok and not all_exist:
            word = _object_word(_enum(ObjectType, node.removeType))
            if node.concurrent:
                word += " CONCURRENTLY"
            names = ", ".join(n for _, n in targets if n)
            msg = f"DROP {word} {names} fails when it does not exist; use DROP {word} IF EXISTS"
            out.append(_Issue("RL011", msg, _Flag("IF EXISTS", _set(_root, "missing_ok"))))
        for key, _ in targets:
            if key is not None:
                self.state.removed(key)
        return out

    def _rename(self, node: ast.RenameStmt) -> None:
        kind = _enum(ObjectType, node.renameType)
        new = str(node.newname)
        if kind in (ObjectType.OBJECT_TYPE, ObjectType.OBJECT_DOMAIN) and isinstance(node.object, tuple):
            schema, old = _qualified(_strings(node.object))
            self.state.removed(("type", schema, old))
            self.state.created(("type", schema, new))
        elif kind in _RELATION_KINDS and node.relation is not None:
            schema, old = _rel(node.relation)
            self.state.removed(("rel", schema, old))
            self.state.created(("rel", schema, new))
        elif node.relation is not None and node.subname:
            sub = {
                ObjectType.OBJECT_TABCONSTRAINT: "constraint",
                ObjectType.OBJECT_COLUMN: "column",
                ObjectType.OBJECT_POLICY: "policy",
                ObjectType.OBJECT_TRIGGER: "trigger",
            }.get(kind)
            if sub:
                rel = _rel(node.relation)
                self.state.removed((sub, *rel, str(node.subname)))
                self.state.created((sub, *rel, new))

    def _create_other(self, node: ast.Node) -> list[_Issue]:
        """CREATE … forms that have IF NOT EXISTS (or OR REPLACE) besides the checklist's own."""
        holder: Any = node  # the node carrying the flag
        flag, phrase = "if_not_exists", "IF NOT EXISTS"
        key: Key | None = None
        if isinstance(node, ast.CreateSchemaStmt):
            name = node.schemaname or (node.authrole.rolename if node.authrole else None) or ""
            key, word, shown = ("schema", str(name)), "SCHEMA", _ident(name)
        elif isinstance(node, ast.CreateExtensionStmt):
            key, word, shown = ("extension", str(node.extname)), "EXTENSION", _ident(node.extname)
        elif isinstance(node, ast.CreateSeqStmt) and node.sequence is not None:
            key, word, shown = ("rel", *_rel(node.sequence)), "SEQUENCE", _rv_sql(node.sequence)
        elif isinstance(node, ast.CreateForeignTableStmt) and node.base and node.base.relation:
            holder, rv = node.base, node.base.relation
            key, word, shown = ("rel", *_rel(rv)), "FOREIGN TABLE", _rv_sql(rv)
        elif isinstance(node, ast.CreateStatsStmt) and node.defnames:
            word, shown = "STATISTICS", _sql_name(*_strings(node.defnames))
        elif isinstance(node, ast.CreateForeignServerStmt):
            word, shown = "SERVER", _ident(node.servername)
        elif isinstance(node, ast.ViewStmt) and node.view is not None:
            key, word, shown = ("rel", *_rel(node.view)), "VIEW", _rv_sql(node.view)
            flag, phrase = "replace", "OR REPLACE"
        else:
            return []
        known = self.state.get(key) if key else None
        if key:
            self.state.created(key)
        if getattr(holder, flag) or known is False:
            return []
        fixed = f"CREATE OR REPLACE {word}" if flag == "replace" else f"CREATE {word} IF NOT EXISTS"
        path = (lambda root: root.base) if holder is not node else _root
        msg = f"CREATE {word} {shown} fails when it exists; use {fixed}"
        return [_Issue("RL010", msg, _Flag(phrase, _set(path, flag)))]
