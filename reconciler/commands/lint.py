"""`reconcile lint`: hand-written migration files against the migration checklist, offline.

Use case: reads (and with `fix`, rewrites) files and returns findings; never prints. The rules and
their fixes live in `sql/lint_rules.py` (pglast); this module owns files, positions and rendering.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..core.errors import ConfigError, ReconcileError
from ..core.model import Finding, LintResult
from ..sql import lint_rules
from ..sql.lint_rules import RULES, Rule
from ..sql.parse import line_col

__all__ = ["RULES", "Finding", "LintResult", "Rule", "lint_files", "lint_text"]


def lint_text(text: str, path: str = "<stdin>") -> tuple[Finding, ...]:
    """The findings of one file's text, reported against `path`."""
    out = []
    for hit in lint_rules.check(text):
        line, col = line_col(text, hit.offset)
        out.append(Finding(path, line, col, hit.rule, hit.message, hit.fixable))
    return tuple(out)


def _expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given; a directory stands for the *.sql files under it, in path order."""
    out: list[Path] = []
    for p in paths:
        if p.is_dir():
            out += sorted(q for q in p.rglob("*.sql") if q.is_file())
        elif p.is_file():
            out.append(p)
        else:
            raise ConfigError(f"{p}: no such file or directory", hint="pass migration .sql files or a directory")
    return out


def _read(path: Path) -> str:
    try:
        # Bytes, not read_text(): CRLF files keep their line endings when --fix writes them back.
        return path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ReconcileError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    except OSError as exc:
        raise ReconcileError(f"{path}: cannot read: {exc.strerror}") from None


def lint_files(paths: Sequence[Path], *, fix: bool = False) -> LintResult:
    """Lint each file; with `fix`, first rewrite its fixable statements in place (only their spans).

    With `fix`, the findings are what is left after fixing (rules without an automatic fix, and
    files that do not parse, which are never rewritten).
    """
    findings: list[Finding] = []
    fixed: list[str] = []
    for path in _expand(paths):
        text = _read(path)
        if fix:
            new = lint_rules.fix(text)
            if new != text:
                try:
                    path.write_bytes(new.encode("utf-8"))
                except OSError as exc:
                    raise ReconcileError(f"{path}: cannot write the fix: {exc.strerror}") from None
                fixed.append(str(path))
                text = new
        findings += lint_text(text, str(path))
    return LintResult(tuple(findings), tuple(fixed))
