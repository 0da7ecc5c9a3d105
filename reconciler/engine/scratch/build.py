"""Loading the prelude and schema/ into a scratch database, errors mapped back to file:line:col.

Statements go in batches (one round trip and one commit each, under the lock limit). A schema or
function of schema/ that the prelude created first is created over it (`_over_prelude`). Imports
`db`, `errors`, `model`, `source`, `sql`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from ...core import progress
from ...core.errors import SchemaSourceError
from ...core.model import SchemaSource, SourceStatement
from ...pg.db import Dsn, Error, connection, pg_error_fields
from ...sql.created import created, replacing
from ...sql.parse import created_extensions
from ..source import excerpt

# duplicate_table, duplicate_object, duplicate_function, duplicate_schema: "… already exists".
_DUPLICATE = ("42P07", "42710", "42723", "42P06")
# duplicate_function, duplicate_schema: what schema/ may define over the prelude (`_over_prelude`).
_REDEFINABLE = ("42723", "42P06")


def _position(st: SourceStatement, pos: int | None) -> tuple[int, int]:
    if not pos or pos < 1:
        return st.line, st.col
    before = st.text[: pos - 1]
    newlines = before.count("\n")
    if newlines == 0:
        return st.line, st.col + len(before)
    return st.line + newlines, len(before) - before.rfind("\n")


# Statements sent in one round trip (one implicit transaction). Each takes a few locks until the
# batch commits: 100 stays far below the lock table's default size (max_locks_per_transaction 64
# times max_connections), so large schemas never fail with "out of shared memory".
BATCH = 100
BATCH_CHARS = 256 * 1024
T = TypeVar("T")


def build(dsn: Dsn, source: SchemaSource) -> None:
    """Run every statement in order, in batches of up to BATCH statements, one transaction each.

    A batch that fails is rolled back whole and re-run one statement at a time, so the error
    names its own statement (and statements that need a committed predecessor, like a label
    added to an enum and used next, still load). Statements that cannot run in a transaction
    block run alone."""
    with connection(dsn, purpose="scratch build") as conn:
        loaded = (*source.prelude, *source.statements)
        with progress.step(f"loading schema/ into the scratch database ({len(loaded)} statements)"):
            for start, batch in _batches(loaded, lambda st: st.text, lambda st: st.transactional):
                if len(batch) > 1:
                    try:
                        with conn.cursor() as cur:
                            # A newline ends a trailing line comment before the separator.
                            cur.execute("\n;\n".join(st.text for st in batch))
                        continue
                    except Error:
                        pass  # rolled back: find the statement, one at a time
                for n, st in enumerate(batch, start):
                    try:
                        with conn.cursor() as cur:
                            cur.execute(st.text)
                    except Error as exc:
                        again = _over_prelude(st, exc, loaded[len(source.prelude) : n]) if source.prelude else None
                        if again is None:
                            raise _mapped(st, exc, loaded[:n]) from None
                        try:
                            with conn.cursor() as cur:
                                cur.execute(again)
                        except Error as exc2:
                            raise _mapped(st, exc2, loaded[:n], replaced=True) from None


def load_script(conn: Any, statements: Sequence[str], stop: threading.Event | None = None) -> None:
    """Run transactional statements in order, batched as `build` batches (one implicit transaction
    each: a large script in one transaction fails with "out of shared memory" at the default lock
    limit). The first error is raised as the driver reports it, its batch rolled back. `stop` set:
    returns before the next batch (the caller no longer needs the result)."""
    for _, batch in _batches(statements, text=lambda st: st, transactional=lambda _: True):
        if stop is not None and stop.is_set():
            return
        with conn.cursor() as cur:
            cur.execute("\n;\n".join(batch))


def _over_prelude(st: SourceStatement, exc: Exception, schema_before: tuple[SourceStatement, ...]) -> str | None:
    """`st` in its OR REPLACE / IF NOT EXISTS form when it creates a schema or function the
    database had before schema/ began (a profile's prelude, e.g. Supabase's `auth` and
    auth.uid(), which projects also keep in schema/ to load on a bare server): schema/'s own
    definition wins. None when the duplicate is another one of schema/'s (still an error)."""
    if pg_error_fields(exc).get("sqlstate") not in _REDEFINABLE or _first_definition(st, schema_before):
        return None
    return replacing(st.text)


def _first_definition(st: SourceStatement, earlier: tuple[SourceStatement, ...]) -> SourceStatement | None:
    """The earlier statement that created what `st` creates again."""
    mine = created(st.text)
    if mine is None:
        return None
    return next((e for e in earlier if created(e.text) == mine), None)


def _batches(
    statements: Sequence[T],
    text: Callable[[T], str],
    transactional: Callable[[T], bool],
) -> list[tuple[int, list[T]]]:
    """(index of the first statement, statements) of each batch."""
    out: list[tuple[int, list[T]]] = []
    cur: list[T] = []
    size = 0
    for n, st in enumerate(statements):
        if cur and (not transactional(st) or len(cur) >= BATCH or size + len(text(st)) > BATCH_CHARS):
            out.append((n - len(cur), cur))
            cur, size = [], 0
        if not transactional(st):
            out.append((n, [st]))
            continue
        cur.append(st)
        size += len(text(st))
    if cur:
        out.append((len(statements) - len(cur), cur))
    return out


def _mapped(
    st: SourceStatement, exc: Exception, earlier: tuple[SourceStatement, ...] = (), replaced: bool = False
) -> SchemaSourceError:
    """`replaced`: the error is of `st` re-run over the prelude's object (its position is in that text)."""
    f = pg_error_fields(exc)
    line, col = _position(st, None if replaced else f.get("position"))
    try:
        text = st.path.read_text(encoding="utf-8")
        shown = excerpt(text, line, col)
    except OSError:
        shown = ""
    details = [shown] if shown else []
    if f.get("detail"):
        details.append(f"DETAIL: {f['detail']}")
    if f.get("context"):
        details.append(f"CONTEXT: {f['context']}")
    if replaced:
        details.append(
            "the scratch prelude created it first; schema/'s definition ran as CREATE OR REPLACE / IF NOT EXISTS"
        )
    hint = f.get("hint")
    ext = created_extensions(st.text)
    if ext and f.get("sqlstate") in ("58P01", "0A000", "22023", "42704"):
        hint = (
            f"the scratch server has no extension {ext[0]!r}: pass --scratch URL of a server that has it, "
            "or --scratch docker with an image that has it; for pgvector, the `pgserver` wheel's "
            "PostgreSQL 16 has it"
        )
    if f.get("sqlstate") == "42704" and str(f.get("message", "")).startswith("role "):
        hint = (
            "create the role on the target: roles are cluster-wide and schema/ does not create them; "
            "the scratch server gets a NOLOGIN stand-in for every role the target has, and neither has this one"
        )
    first = _first_definition(st, earlier) if f.get("sqlstate") in _DUPLICATE else None
    if first is not None:
        details.insert(0, f"first defined at {first.display}:{first.line}:{first.col}")
        hint = f"define each object once: remove or rename one of the definitions ({first.display}, {st.display})"
    return SchemaSourceError(
        f"{st.display}:{line}:{col}: {f['message']} (while loading the scratch database)",
        detail="\n".join(details) or None,
        hint=hint,
    )
