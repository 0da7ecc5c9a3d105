"""Source slices: the diff's own text of a clause (a column's type, a view's query, a default),
each checked against its parse tree before a guard compares it with the catalog's printing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from pglast import ast, parser

from ..parse import same_tree


@dataclass(frozen=True, slots=True)
class _Token:
    start: int
    end: int  # exclusive
    name: str
    depth: int  # parentheses and brackets around the token


_OPEN = ("ASCII_40", "ASCII_91")


_CLOSE = ("ASCII_41", "ASCII_93")


def _tokens(text: str) -> list[_Token]:
    depth = 0
    out = []
    for tok in parser.scan(text):
        if tok.name in _CLOSE:
            depth -= 1
        out.append(_Token(tok.start, tok.end + 1, tok.name, depth))
        if tok.name in _OPEN:
            depth += 1
    return out


def _find(tokens: Sequence[_Token], names: Sequence[str]) -> int | None:
    """Index of the first run of top-level tokens named `names`."""
    for i in range(len(tokens) - len(names) + 1):
        run = tokens[i : i + len(names)]
        if all(t.name == n and t.depth == 0 for t, n in zip(run, names, strict=True)):
            return i
    return None


def _parens_after(text: str, names: Sequence[str]) -> str | None:
    """The text inside the parentheses that follow the top-level keywords `names`."""
    toks = _tokens(text)
    i = _find(toks, names)
    if i is None or i + len(names) >= len(toks) or toks[i + len(names)].name != "ASCII_40":
        return None
    opening = toks[i + len(names)]
    closing = next((t for t in toks[i + len(names) + 1 :] if t.name == "ASCII_41" and t.depth == 0), None)
    return text[opening.end : closing.start].strip() if closing else None


def _after(text: str, names: Sequence[str], stops: Sequence[str] = ()) -> str | None:
    """The text after the top-level keywords `names`, up to a top-level token in `stops` or the end."""
    toks = _tokens(text)
    i = _find(toks, names)
    if i is None:
        return None
    begin = toks[i + len(names) - 1].end
    end = next((t.start for t in toks[i + len(names) :] if t.depth == 0 and t.name in stops), len(text))
    return text[begin:end].strip()


def _parses_to(sql: str, pick: Callable[[Any], Any], expected: Any) -> bool:
    try:
        parsed = parser.parse_sql(sql)
    except parser.ParseError:
        return False
    try:
        return len(parsed) == 1 and same_tree(pick(parsed[0].stmt), expected)
    except (AttributeError, IndexError, TypeError):
        return False


def _expression_text(text: str | None, expr: Any) -> str | None:
    if text and _parses_to(f"SELECT {text}", lambda s: s.targetList[0].val if len(s.targetList) == 1 else None, expr):
        return text
    return None


_COLUMN_CLAUSES = (
    "GENERATED",
    "NOT",
    "NULL_P",
    "DEFAULT",
    "COLLATE",
    "CONSTRAINT",
    "CHECK",
    "REFERENCES",
    "UNIQUE",
    "PRIMARY",
    "USING",
)


def _type_text(text: str, type_name: ast.TypeName) -> str | None:
    """The text of a type name: from its location to the clause, comma or parenthesis after it."""
    start = type_name.location
    if start is None or start < 0:
        return None
    toks = [t for t in _tokens(text) if t.start >= start]
    if not toks:
        return None
    depth = toks[0].depth
    end = len(text)
    for t in toks:
        if t.depth < depth or (t.depth == depth and (t.name in _COLUMN_CLAUSES or t.name in ("ASCII_44", "ASCII_59"))):
            end = t.start
            break
    found = text[start:end].strip()
    ok = _parses_to(f"SELECT NULL::{found}", lambda s: s.targetList[0].val.typeName, type_name)
    return found if ok else None


def _query_text(text: str, query: Any) -> str | None:
    """The query of CREATE [MATERIALIZED] VIEW … AS <query>."""
    found = _after(text, ("AS",))
    return found if found and _parses_to(found, lambda s: s, query) else None
