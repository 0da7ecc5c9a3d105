"""Identifiers PostgreSQL would truncate: found with pglast's scanner (the real PostgreSQL lexer).

NAMEDATALEN is 64, so a name keeps at most 63 bytes; longer ones are cut silently (only a NOTICE),
and two long names sharing their first 63 bytes become one object. Also quote_ident() as
PostgreSQL prints names, and a pattern finding printed qualified names. Imports pglast only.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pglast import parser
from pglast.keywords import COL_NAME_KEYWORDS, RESERVED_KEYWORDS, TYPE_FUNC_NAME_KEYWORDS

MAX_IDENTIFIER_BYTES = 63
# In ASCII text a name over 63 bytes is a run of over 63 characters: when there is none, the
# scanner (about 0.2 s per MB) need not run.
_ASCII_CANDIDATE = re.compile(r'[\w$]{64,}|"(?:[^"]|""){64,}"')


_PLAIN = re.compile(r"[a-z_][a-z0-9_$]*")
_QUOTED_KEYWORDS = frozenset((*RESERVED_KEYWORDS, *TYPE_FUNC_NAME_KEYWORDS, *COL_NAME_KEYWORDS))


def quote_ident(name: str) -> str:
    """`name` as PostgreSQL's quote_ident() prints it (and so format_type, regclass and
    pg_identify_object): quoted unless it is plain lower case and no keyword that needs quotes."""
    if _PLAIN.fullmatch(name) and name not in _QUOTED_KEYWORDS:
        return name
    return '"' + name.replace('"', '""') + '"'


def qualified_names(names: Iterable[tuple[str, str]]) -> re.Pattern[str] | None:
    """A pattern finding any of `names` (schema, name) in text that PostgreSQL printed qualified
    (format_type, regtype, pg_identify_object), as a whole name: group 1 is the one found. None
    for no names."""
    alternatives = "|".join(re.escape(f"{quote_ident(s)}.{quote_ident(n)}") for s, n in sorted(set(names)))
    return re.compile(rf'(?<![\w."])({alternatives})(?![\w"])') if alternatives else None


def _name(token_text: str) -> str:
    if token_text.startswith('"') and token_text.endswith('"') and len(token_text) >= 2:
        return token_text[1:-1].replace('""', '"')
    # Unquoted identifiers are folded to lower case before PostgreSQL measures them.
    return token_text.lower()


def long_identifiers(text: str) -> tuple[tuple[int, str, int], ...]:
    """(character offset, identifier as written, bytes) of each identifier over 63 bytes.

    Names inside function bodies and other string constants are not looked at."""
    if text.isascii() and not _ASCII_CANDIDATE.search(text):
        return ()
    out = []
    try:
        tokens = parser.scan(text)
    except parser.ParseError:
        return ()  # the parser reports the syntax error with its position
    for token in tokens:
        if token.name != "IDENT":
            continue
        written = text[token.start : token.end + 1]
        size = len(_name(written).encode("utf-8"))
        if size > MAX_IDENTIFIER_BYTES:
            out.append((token.start, written, size))
    return tuple(out)


def qualified(schema: str, name: str) -> str:
    """`schema.name` as format('%I.%I') prints it: how restricted readings name what they keep."""
    return f"{quote_ident(schema)}.{quote_ident(name)}"
