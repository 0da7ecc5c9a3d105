"""The idempotency rewriter, driven by the case blocks in `tests/rewriter/*.sql`.

Block format (pglast's style). Blocks are separated by a line holding only `;;`:

    -- one line saying what the block covers (the first comment line is its title)
    -- requires: EXTENSION [VERSION]       optional, repeatable: skip where not available
    -- unguarded                           optional: no guard exists, the input is reported
    -- setup:                              optional: SQL that builds the state before INPUT
    <setup SQL>
    -- target:                             optional: SQL of the state INPUT leads to, for INPUT
    <target SQL>                           that cannot run without its guards
    -- input:
    <INPUT: the statements exactly as the diff emits them (migra, then the supplementary differ)>
    =
    <EXPECTED: make_idempotent(INPUT), one statement per entry, each ending with `;`; an entry
     that must run outside a transaction block is preceded by `-- outside a transaction block`>

Test ids are `file:line` of the block's first line. For every block, without a server:
make_idempotent(INPUT) renders to EXPECTED, rewriting EXPECTED again changes nothing, and only
blocks marked `-- unguarded` have statements `unguarded()` reports. Then on each PostgreSQL
version (15, 16, 18):

* database B: setup, EXPECTED runs (as `apply` runs it: consecutive transactional entries in one
  transaction), then runs again with the proof's event triggers installed and logs no DDL;
* database A: setup, INPUT runs unguarded (or A is built from the target section); A and B have
  the same fingerprint (no guard skipped something the statement had to do); EXPECTED on A then
  logs no DDL either;
* a run stopped after any entry of EXPECTED is finished by running EXPECTED again;
* the session's search_path, TimeZone and DateStyle are what they were (guards restore them).

`REWRITER_REGEN=1 pytest tests/test_rewriter.py -k 'not pg'` rewrites the EXPECTED sections;
review the result as a diff.
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pglast
import pytest

from conftest import Server, fp
from reconciler.pg.db import Dsn, connection, execute, fetch_all, query
from reconciler.sql.idempotent import Guarded, RewriteError, make_idempotent, unguarded

CASES = Path(__file__).parent / "rewriter"
REGEN = os.environ.get("REWRITER_REGEN") == "1"
OUTSIDE = "-- outside a transaction block"
SESSION_SETTINGS = ("search_path", "TimeZone", "DateStyle")


@dataclass(frozen=True)
class Block:
    path: Path
    index: int  # position in its file
    line: int
    title: str
    requires: tuple[tuple[str, str | None], ...]
    unguarded: bool
    setup: str
    target: str | None
    input: str
    expected: str

    @property
    def id(self) -> str:
        return f"{self.path.name}:{self.line}"

    def statements(self) -> list[str]:
        return list(pglast.split(self.input, with_parser=True))


def _blocks(path: Path) -> Iterator[Block]:
    lines = path.read_text().splitlines()
    start = 0
    index = 0
    for i, line in enumerate([*lines, ";;"]):
        if line.strip() != ";;":
            continue
        chunk = lines[start:i]
        if any(x.strip() for x in chunk):
            yield _block(path, index, start + 1, chunk)
            index += 1
        start = i + 1


def _block(path: Path, index: int, line: int, chunk: list[str]) -> Block:
    where = f"{path.name}:{line}"
    assert "-- input:" in chunk, f"{where}: a block needs a `-- input:` line"
    assert "=" in chunk, f"{where}: a block needs a lone `=` line between INPUT and EXPECTED"
    sections = [i for i, x in enumerate(chunk) if x in ("-- setup:", "-- target:", "-- input:")]
    head_end = sections[0]
    head = chunk[:head_end]
    assert head and all(x.startswith("--") for x in head), f"{where}: a block opens with comment lines"
    requires: list[tuple[str, str | None]] = []
    for x in head:
        if x.startswith("-- requires:"):
            name, _, version = x.removeprefix("-- requires:").strip().partition(" ")
            requires.append((name, version or None))
    bounds = [*sections, chunk.index("=")]
    parts = {chunk[a]: "\n".join(chunk[a + 1 : b]) for a, b in itertools.pairwise(bounds)}
    expected = "\n".join(chunk[chunk.index("=") + 1 :])
    return Block(
        path,
        index,
        line,
        head[0].removeprefix("-- "),
        tuple(requires),
        "-- unguarded" in head,
        parts.get("-- setup:", ""),
        parts.get("-- target:"),
        parts["-- input:"],
        expected,
    )


BLOCKS = [b for p in sorted(CASES.glob("*.sql")) for b in _blocks(p)]


def render(guarded: tuple[Guarded, ...]) -> str:
    return "\n".join(("" if g.transactional else OUTSIDE + "\n") + g.sql + ";" for g in guarded)


def _regenerate(block: Block, text: str) -> None:
    """Replace the EXPECTED section of `block` (found again by its position) with `text`."""
    lines = block.path.read_text().splitlines()
    seps = [i for i, x in enumerate(lines) if x.strip() == ";;"]
    starts = [0, *(i + 1 for i in seps)]
    begin = starts[block.index]
    end = seps[block.index] if block.index < len(seps) else len(lines)
    eq = lines.index("=", begin)
    assert eq < end
    lines[eq + 1 : end] = text.splitlines()
    block.path.write_text("\n".join(lines) + "\n")


def test_there_is_a_block_per_statement_kind() -> None:
    assert len(BLOCKS) >= 60
    assert len({b.id for b in BLOCKS}) == len(BLOCKS)


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_rewrite(block: Block) -> None:
    statements = block.statements()
    got = render(make_idempotent(statements, server_major=16))
    if REGEN and got != block.expected:
        _regenerate(block, got)
        return
    assert got == block.expected, f"{block.id}: EXPECTED differs (REWRITER_REGEN=1 rewrites it)"
    again = make_idempotent([g.sql for g in make_idempotent(statements, server_major=16)], server_major=16)
    assert render(again) == got, f"{block.id}: rewriting the rewrite changed it"
    reported = unguarded(statements)
    if block.unguarded:
        assert reported, f"{block.id} is marked `-- unguarded` but every statement was guarded"
    else:
        assert reported == (), f"{block.id}: not guarded: {reported}"


def test_several_statements_in_one_string() -> None:
    # schemainspect returns a disabled trigger as one string: CREATE TRIGGER; ALTER TABLE … DISABLE TRIGGER.
    one = (
        "CREATE TRIGGER t BEFORE UPDATE ON public.d FOR EACH ROW EXECUTE FUNCTION public.f();\n"
        'ALTER TABLE "public"."d" DISABLE TRIGGER "t";'
    )
    out = make_idempotent([one], server_major=16)
    assert len(out) == 2 and all(g.sql.startswith("DO $guard$") for g in out)


def test_unknown_statements_pass_through_and_are_reported() -> None:
    stmts = [
        "comment on table public.t is 'x';",
        "set check_function_bodies = off;",
        "grant select on public.t to public;",
    ]
    out = make_idempotent(stmts, server_major=16)
    assert [g.sql for g in out] == [s.rstrip(";") for s in stmts]
    assert unguarded(stmts) == ("comment on table public.t is 'x'", "grant select on public.t to public")


def test_non_transactional_statements_keep_their_flag() -> None:
    stmts = [
        "CREATE INDEX CONCURRENTLY i ON public.t USING btree (a);",
        'drop index concurrently if exists "public"."i";',
        "alter type \"public\".\"e\" add value 'x' after 'w';",
    ]
    out = make_idempotent(stmts, server_major=16)
    assert [g.transactional for g in out] == [False, False, False]
    assert out[0].sql.startswith("CREATE INDEX CONCURRENTLY IF NOT EXISTS")
    # Even when the sequence creates the index again, a concurrent drop stays out of DO blocks.
    again = make_idempotent([stmts[1], "CREATE INDEX CONCURRENTLY i ON public.t USING btree (a, b);"], server_major=16)
    assert [g.sql.split()[:4] for g in again] == [
        ["DROP", "INDEX", "CONCURRENTLY", "IF"],
        ["CREATE", "INDEX", "CONCURRENTLY", "IF"],
    ]


def test_old_servers_are_refused() -> None:
    with pytest.raises(RewriteError, match="PostgreSQL 13"):
        make_idempotent(["create table t (a int);"], server_major=12)


# --- against real PostgreSQL ---------------------------------------------------------------------


def _skip_unless_available(pg: Server, block: Block) -> None:
    with connection(pg.dsn) as conn:
        for name, version in block.requires:
            rows = fetch_all(
                conn,
                "SELECT 1 FROM pg_available_extension_versions WHERE name = %s AND (%s::text IS NULL OR version = %s)",
                (name, version, version),
            )
            if not rows:
                pytest.skip(f"{pg.label} has no extension {name} {version or ''}".rstrip())


def _run(conn: Any, guarded: tuple[Guarded, ...]) -> None:
    """Run as `apply` does: consecutive transactional entries in one transaction, the others alone."""
    batch: list[str] = []

    def flush() -> None:
        if batch:
            execute(conn, "BEGIN;\n" + ";\n".join(batch) + ";\nCOMMIT;")
            batch.clear()

    for g in guarded:
        if g.transactional:
            batch.append(g.sql)
        else:
            flush()
            execute(conn, g.sql)
    flush()


def _settings(conn: Any) -> list[Any]:
    return [fetch_all(conn, "SELECT current_setting(%s)", (s,))[0][0] for s in SESSION_SETTINGS]


def _ddl_logged(conn: Any) -> list[tuple[Any, ...]]:
    return fetch_all(conn, "SELECT tag, object FROM reconcile.proof_ddl_log ORDER BY logged_at")


def _assert_silent(conn: Any, guarded: tuple[Guarded, ...], where: str) -> None:
    execute(conn, query("proof_install"))
    execute(conn, "TRUNCATE reconcile.proof_ddl_log")
    before = _settings(conn)
    _run(conn, guarded)
    assert _settings(conn) == before, f"{where}: a guard left session settings changed"
    assert _ddl_logged(conn) == [], f"{where}: the re-run executed DDL"


@pytest.mark.parametrize("block", BLOCKS, ids=[b.id for b in BLOCKS])
def test_rerun_is_silent(block: Block, pg: Server) -> None:
    _skip_unless_available(pg, block)
    statements = block.statements()
    guarded = make_idempotent(statements, server_major=pg.major)
    assert render(guarded) == block.expected, "the rewrite depends on the server version"
    # Unqualified names in setup and INPUT resolve as they would on a target.
    guarded_db = pg.create_db(block.setup)
    with connection(guarded_db) as conn:
        execute(conn, "SET search_path = \"$user\", public; SET TimeZone = 'America/New_York'; SET DateStyle = 'SQL'")
        before = _settings(conn)
        _run(conn, guarded)
        assert _settings(conn) == before, "a guard left session settings changed"
        if not block.unguarded:
            _assert_silent(conn, guarded, "the second run")
    reference = _reference(pg, block)
    assert fp(reference) == fp(guarded_db), "the guarded statements did not reach the state the statements reach"
    if not block.unguarded:
        with connection(reference) as conn:
            _assert_silent(conn, guarded, "a run after the unguarded statements")


def _reference(pg: Server, block: Block) -> Dsn:
    """The state INPUT leads to: INPUT run unguarded on the setup, or the target section."""
    if block.target is not None:
        return pg.create_db(block.target)
    db = pg.create_db(block.setup)
    with connection(db) as conn:
        for s in block.statements():
            execute(conn, s)
    return db


RESUMABLE = [b for b in BLOCKS if not b.unguarded and len(b.statements()) > 1]


@pytest.mark.parametrize("block", RESUMABLE, ids=[b.id for b in RESUMABLE])
def test_resumes_after_a_partial_run(block: Block, pg: Server) -> None:
    """A run of EXPECTED that stopped after any entry is finished by running EXPECTED again."""
    _skip_unless_available(pg, block)
    guarded = make_idempotent(block.statements(), server_major=pg.major)
    want = fp(_reference(pg, block))
    for done in range(1, len(guarded)):
        db = pg.create_db(block.setup)
        with connection(db) as conn:
            _run(conn, guarded[:done])
            _run(conn, guarded)
        assert fp(db) == want, f"stopped after entry {done}: running EXPECTED again did not finish the job"
