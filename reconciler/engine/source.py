"""Reading schema/ and the scratch prelude: files in lexical path order, split and checked.

Syntax errors, transaction control, data changes, psql meta-commands, identifiers PostgreSQL
would truncate and bytes that are not UTF-8 are reported as `file:line:col` before any database
is touched; so is a schema/ without statements (a plan would drop everything). Takes
`SourceSettings` (what it uses of the configuration); imports `config` (how a path is shown),
`errors`, `model`, `sql`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.config import shown
from ..core.errors import EXIT_BLOCKED, SchemaSourceError
from ..core.model import RenameHint, SchemaSource, SourceStatement
from ..sql.created import created
from ..sql.hints import HintError, hints
from ..sql.identifiers import MAX_IDENTIFIER_BYTES, long_identifiers
from ..sql.parse import SqlParseError, line_col, slices, split


@dataclass(frozen=True, slots=True)
class SourceSettings:
    """What reading schema/ uses of the configuration (built by `commands.settings.source`)."""

    schema_dir: Path
    prelude: tuple[Path, ...] = ()  # scratch_prelude: loaded before schema/, on scratch only
    root: Path = Path()  # paths are shown relative to it (the project root)
    allow_empty_schema: bool = False

    def display(self, path: Path) -> str:
        return shown(path, self.root)


# Statements that change rows, not structure: schema/ declares the schema, the scratch database
# is thrown away, and the plan never carries them to the target.
_DATA_CHANGES = {
    "InsertStmt": "INSERT",
    "UpdateStmt": "UPDATE",
    "DeleteStmt": "DELETE",
    "MergeStmt": "MERGE",
    "CopyStmt": "COPY",
    "TruncateStmt": "TRUNCATE",
}


# CREATE OR REPLACE and CREATE … IF NOT EXISTS succeed when the object exists: a second
# definition elsewhere silently replaces the first or is silently skipped.
_SOFT = re.compile(r"\bor\s+replace\b|\bif\s+not\s+exists\b", re.IGNORECASE)
# Only narrows the statements worth parsing (the name a CREATE gives, unqualified); which
# object a statement defines is read from its parse tree (`sql.created`).
_IDENT = r'"(?:[^"]|"")*"|[\w$]+'
_NAMED = re.compile(
    r"^\s*create\s+(?:or\s+replace\s+)?(?:\w+\s+){0,2}?"
    r"(?:table|view|function|procedure|index|type|sequence|trigger|policy|schema|extension|domain)\s+"
    r"(?:concurrently\s+)?(?:if\s+not\s+exists\s+)?"
    rf"(?:(?:{_IDENT})\s*\.\s*)*({_IDENT})",
    re.IGNORECASE,
)
_HEAD = 400  # a CREATE names its object within its first characters


def _guess(text: str) -> str | None:
    m = _NAMED.match(text[:_HEAD])
    if m is None:
        return None
    name = m.group(1)
    return name[1:-1].replace('""', '"') if name.startswith('"') else name.lower()


def _defined_twice(statements: list[SourceStatement]) -> None:
    """Refuse an object defined in two files when one definition is CREATE OR REPLACE or IF NOT
    EXISTS (the server would keep one of them without a word; plain duplicates fail the build,
    which names both). Identical texts are harmless; within one file a stub and its real
    definition (breaking a dependency cycle) are allowed."""
    if not any(_SOFT.search(st.text[:_HEAD]) for st in statements):
        return
    groups: dict[str, list[SourceStatement]] = {}
    for st in statements:
        name = _guess(st.text)
        if name is not None:
            groups.setdefault(name, []).append(st)
    for group in groups.values():
        if len({st.path for st in group}) < 2 or not any(_SOFT.search(st.text[:_HEAD]) for st in group):
            continue
        first: dict[tuple[str, str, str], SourceStatement] = {}
        for st in group:
            key = created(st.text)
            if key is None:
                continue
            earlier = first.setdefault(key, st)
            if earlier.path == st.path or " ".join(earlier.text.split()) == " ".join(st.text.split()):
                continue
            what = f"{'function' if key[0] == 'routine' else key[0]} {key[1] + '.' if key[1] else ''}{key[2]}"
            raise SchemaSourceError(
                f"{st.display}:{st.line}:{st.col}: {what} is defined again (first at "
                f"{earlier.display}:{earlier.line}:{earlier.col}); with OR REPLACE / IF NOT EXISTS one of "
                "the two definitions would silently win",
                hint="define each object once (a stub that breaks a dependency cycle goes in the same file "
                "as its real definition)",
            )


class EmptySchemaError(SchemaSourceError):
    """schema/ declares nothing: planning it would drop every managed object (exit 3, like a
    destructive plan), unless `allow_empty_schema`."""

    exit_code = EXIT_BLOCKED


def read_text(path: Path, display: str) -> str:
    """A schema file's text; bytes that are not UTF-8 are reported with their line and byte offset."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        raise SchemaSourceError(
            f"{display}:{line}:{col}: not valid UTF-8 (byte 0x{data[exc.start]:02x} at byte offset {exc.start})",
            hint="schema files are read as UTF-8: convert the file (e.g. `iconv -f LATIN1 -t UTF-8`)",
        ) from None
    # A byte order mark (some Windows editors write one) is no SQL: read as a space, so every
    # column stays where the editor shows it.
    return " " + text[1:] if text.startswith("\ufeff") else text


def excerpt(text: str, line: int, col: int) -> str:
    """The offending line with a caret under the column."""
    lines = text.splitlines()
    if not 1 <= line <= len(lines):
        return ""
    src = lines[line - 1].expandtabs(1)
    gutter = f"{line:>5} | "
    return f"{gutter}{src}\n{' ' * (len(gutter) - 2)}| {' ' * (col - 1)}^"


def _schema_files(schema_dir: Path) -> list[Path]:
    if not schema_dir.is_dir():
        raise SchemaSourceError(
            f"schema directory {schema_dir} does not exist",
            hint="pass --schema-dir DIR or set `schema_dir:` in reconcile.yaml",
        )
    return sorted(
        (p for p in schema_dir.rglob("*.sql") if p.is_file()), key=lambda p: p.relative_to(schema_dir).as_posix()
    )


def read_statements(
    path: Path, display: str, text: str | None = None, *, data: bool = False
) -> tuple[SourceStatement, ...]:
    """The statements of one file; `data` allows INSERT/UPDATE/DELETE… (a scratch prelude's stub
    rows, the demo's sample data), which schema files never hold."""
    text = read_text(path, display) if text is None else text
    try:
        parsed = split(text)
    except SqlParseError as exc:
        line, col = line_col(text, exc.offset)
        bad_line = text.splitlines()[line - 1] if text.splitlines() else ""
        if bad_line.lstrip().startswith("\\"):
            raise SchemaSourceError(
                f"{display}:{line}:{col}: psql meta-command `{bad_line.strip()}` is not allowed in schema files",
                detail=excerpt(text, line, col),
                hint="schema files are plain SQL loaded in lexical order; move the content into its own .sql file",
            ) from None
        raise SchemaSourceError(f"{display}:{line}:{col}: {exc.message}", detail=excerpt(text, line, col)) from None
    for offset, name, size in long_identifiers(text):
        line, col = line_col(text, offset)
        raise SchemaSourceError(
            f"{display}:{line}:{col}: identifier {name} is {size} bytes; PostgreSQL keeps only the first "
            f"{MAX_IDENTIFIER_BYTES} and would silently truncate it",
            detail=excerpt(text, line, col),
            hint=f"shorten the name to at most {MAX_IDENTIFIER_BYTES} bytes (UTF-8)",
        )
    out = []
    for st in parsed:
        line, col = line_col(text, st.offset)
        if st.node in _DATA_CHANGES and not data:
            raise SchemaSourceError(
                f"{display}:{line}:{col}: {_DATA_CHANGES[st.node]} is not allowed in schema files "
                "(they declare structure; rows are never planned)",
                detail=excerpt(text, line, col),
                hint="remove it: load data with a migration or seed script outside schema/ "
                "(a stub the scratch database needs goes into `scratch_prelude:`)",
            )
        if st.transaction_control:
            raise SchemaSourceError(
                f"{display}:{line}:{col}: transaction control (`{st.text.split()[0].upper()}`) "
                "is not allowed in schema files",
                detail=excerpt(text, line, col),
                hint="remove it: reconcile decides how statements are grouped into transactions",
            )
        out.append(SourceStatement(path, display, line, col, st.text, st.transactional))
    return tuple(out)


def load_source(settings: SourceSettings) -> SchemaSource:
    """Read and check every schema and prelude file; digest them (paths and contents)."""
    h = hashlib.sha256()
    prelude: list[SourceStatement] = []
    for path in settings.prelude:
        if not path.is_file():
            raise SchemaSourceError(
                f"scratch prelude file {path} does not exist", hint="fix `scratch_prelude:` in reconcile.yaml"
            )
        display = settings.display(path)
        text = read_text(path, display)
        prelude.extend(read_statements(path, display, text, data=True))
        h.update(b"prelude\0" + display.encode() + b"\0" + path.read_bytes() + b"\0")
    statements: list[SourceStatement] = []
    files = []
    renames: list[RenameHint] = []
    for path in _schema_files(settings.schema_dir):
        display = settings.display(path)
        files.append(display)
        text = read_text(path, display)
        statements.extend(read_statements(path, display, text))
        renames.extend(_hints(text, display))
        h.update(
            b"schema\0" + path.relative_to(settings.schema_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
        )
    _defined_twice(statements)
    if not statements and not settings.allow_empty_schema:
        where = settings.display(settings.schema_dir)
        found = f"{len(files)} file(s) without a statement" if files else "no *.sql files"
        raise EmptySchemaError(
            f"{where}/ holds no statements ({found}): a plan would drop every managed object of the target",
            hint="write the desired schema there or point --schema-dir at it; to really plan dropping "
            "everything, pass --allow-empty-schema (`allow_empty_schema: true`, RECONCILE_ALLOW_EMPTY_SCHEMA=1)",
        )
    return SchemaSource(tuple(prelude), tuple(statements), tuple(files), "sha256:" + h.hexdigest(), tuple(renames))


_LEADING_SPACE = re.compile(r"\s*")


def located(settings: SourceSettings, digest: str, names: Iterable[str]) -> SchemaSource:
    """schema/'s statements with where each starts, split by the scanner alone: for a schema/ whose
    digest (`digest`) the cache knows, read, parsed and checked before (what `drift` shows each
    difference's place in schema/ with, without parsing it all again). Only the files whose text
    mentions one of `names` (any case) are split: a declaration names its object."""
    wanted = {n.lower() for n in names if n}
    statements: list[SourceStatement] = []
    files = []
    for path in _schema_files(settings.schema_dir):
        display = settings.display(path)
        files.append(display)
        text = read_text(path, display)
        lowered = text.lower()
        if not any(n in lowered for n in wanted):
            continue
        for offset, body in slices(text):
            line, col = line_col(text, _LEADING_SPACE.match(text, offset).end())  # type: ignore[union-attr]
            statements.append(SourceStatement(path, display, line, col, body))
    return SchemaSource((), tuple(statements), tuple(files), digest)


def _hints(text: str, display: str) -> tuple[RenameHint, ...]:
    try:
        found = hints(text)
    except HintError as exc:
        line, col = line_col(text, exc.offset)
        raise SchemaSourceError(f"{display}:{line}:{col}: {exc.message}", detail=excerpt(text, line, col)) from None
    out = []
    for h in found:
        line, col = line_col(text, h.offset)
        out.append(dataclasses.replace(h, where=f"{display}:{line}:{col}"))
    return tuple(out)
