"""Reading schema/ and the scratch prelude: files in lexical path order, split and checked.

Syntax errors, transaction control and psql meta-commands are reported as `file:line:col`
before any database is touched. Imports `config`, `errors`, `model`, `sql`.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from .config import Config
from .errors import SchemaSourceError
from .model import RenameHint, SchemaSource, SourceStatement
from .sql.hints import HintError, hints
from .sql.parse import SqlParseError, line_col, split


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


def read_statements(path: Path, display: str) -> tuple[SourceStatement, ...]:
    text = path.read_text(encoding="utf-8")
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
    out = []
    for st in parsed:
        line, col = line_col(text, st.offset)
        if st.transaction_control:
            raise SchemaSourceError(
                f"{display}:{line}:{col}: transaction control (`{st.text.split()[0].upper()}`) "
                "is not allowed in schema files",
                detail=excerpt(text, line, col),
                hint="remove it: reconcile decides how statements are grouped into transactions",
            )
        out.append(SourceStatement(path, display, line, col, st.text, st.transactional))
    return tuple(out)


def load_source(config: Config) -> SchemaSource:
    """Read and check every schema and prelude file; digest them (paths and contents)."""
    h = hashlib.sha256()
    prelude: list[SourceStatement] = []
    for path in config.scratch_prelude:
        if not path.is_file():
            raise SchemaSourceError(
                f"scratch prelude file {path} does not exist", hint="fix `scratch_prelude:` in reconcile.yaml"
            )
        display = config.display(path)
        prelude.extend(read_statements(path, display))
        h.update(b"prelude\0" + display.encode() + b"\0" + path.read_bytes() + b"\0")
    statements: list[SourceStatement] = []
    files = []
    renames: list[RenameHint] = []
    for path in _schema_files(config.schema_dir):
        display = config.display(path)
        files.append(display)
        statements.extend(read_statements(path, display))
        renames.extend(_hints(path, display))
        h.update(
            b"schema\0" + path.relative_to(config.schema_dir).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
        )
    if not files:
        raise SchemaSourceError(
            f"no *.sql files under {config.display(config.schema_dir)}",
            hint="write the desired schema there, or point --schema-dir at it",
        )
    return SchemaSource(tuple(prelude), tuple(statements), tuple(files), "sha256:" + h.hexdigest(), tuple(renames))


def _hints(path: Path, display: str) -> tuple[RenameHint, ...]:
    text = path.read_text(encoding="utf-8")
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
