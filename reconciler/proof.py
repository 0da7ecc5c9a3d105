"""The proof: replay a plan on a scratch copy of the target's schema before anyone sees it.

forward → desired; forward again → no DDL, still desired; rollback → original; rollback again
→ no DDL; forward once more → desired. The files' own text is what runs (parsed back from the
rendered plan), through the same runner as `apply`. Imports compare-level modules only.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from . import progress, runner
from .catalog_kinds import secrets_asked
from .db import Dsn, Error, connection, execute, fetch_all, query
from .errors import ReconcileError
from .fingerprint import compare, fingerprint, fold_parts
from .model import Fingerprint, ObjectChange, Plan, PlannedStatement, SchemaFilter
from .planfile import parse, render
from .scratch import Scratch
from .scratch.copy import copy_schema


class ProofFailed(ReconcileError):
    """A generated plan did not do what it promises on the scratch copy of the target."""

    def __init__(self, step: str, message: str, differences: tuple[ObjectChange, ...] = ()) -> None:
        lines = [f"proof failed at step `{step}`: {message}"]
        if differences:
            lines.append("remaining differences:")
            for c in fold_parts(differences)[:40]:
                lines.append(f"  {c.kind} {c.name}: {c.change}")
                if c.change == "changed":
                    lines.append(f"      now:      {_one_line(c.before)}")
                    lines.append(f"      expected: {_one_line(c.after)}")
        super().__init__(
            "\n".join(lines),
            hint="nothing was written; this is a gap in the diff engine or the idempotency rewriter — "
            "report it with the case; --skip-proof writes the plan unproven (apply will warn)",
        )
        self.step = step
        self.differences = differences


def _one_line(text: str | None, width: int = 150) -> str:
    s = " ".join((text or "").split())
    return s if len(s) <= width else s[: width - 1] + "…"


@dataclass(frozen=True, slots=True)
class ProofReport:
    copy_method: str
    steps: tuple[str, ...]


def prove(
    scratch: Scratch,
    target: Dsn,
    target_version_num: int,
    schema_filter: SchemaFilter,
    forward: Plan,
    rollback: Plan,
    target_fp: Fingerprint,
    desired_fp: Fingerprint,
    *,
    invalid: tuple[tuple[str, str, str], ...] = (),
    original: Fingerprint | None = None,
    copied: tuple[Dsn, str] | None = None,
) -> ProofReport:
    """`invalid`: (schema, index, definition) of the target's INVALID indexes, which the copy
    gets INVALID too; `original`: what the rollback restores (the target, those indexes valid);
    `copied`: a copy of the target made already by `copy_target` (plan makes it while the scratch
    database is built)."""
    copy, method = copied or copy_target(scratch, target, target_version_num, schema_filter)
    if invalid:
        method += _make_invalid(copy, invalid)
    start = fingerprint(copy, schema_filter)
    original = original or target_fp
    if start.digest not in (target_fp.digest, original.digest):
        raise ProofFailed(
            "copy the target's schema",
            f"the copy made with {method} does not match the target",
            compare(start, target_fp),
        )
    with connection(copy, purpose="proof") as conn:
        execute(conn, query("proof_install"))
    # Run the text of the files, exactly as written to disk.
    fwd = parse(render(forward)).statements
    back = parse(render(rollback)).statements
    steps = (
        ("forward", fwd, desired_fp, False),
        ("forward again", fwd, desired_fp, True),
        ("rollback", back, original, False),
        ("rollback again", back, original, True),
        ("forward once more", fwd, desired_fp, False),
    )
    done = []
    for name, statements, want, silent in steps:
        with progress.step(f"proof: {name}"):
            _run_step(copy, name, statements, schema_filter, want, silent)
        done.append(name)
    return ProofReport(method, tuple(done))


def copy_target(
    scratch: Scratch,
    target: Dsn,
    target_version_num: int,
    schema_filter: SchemaFilter,
    stop: threading.Event | None = None,
) -> tuple[Dsn, str]:
    """A new database on the scratch server with the target's schema: (its DSN, how it was made);
    `stop` set ends it early, with a copy nobody may use."""
    copy = scratch.extra_database()
    with progress.step("proof: copying the target's schema"):
        return copy, copy_schema(target, copy, target_version_num, schema_filter, stop)


def _make_invalid(copy: Dsn, invalid: tuple[tuple[str, str, str], ...]) -> str:
    """Give the copy the target's INVALID indexes (pg_dump leaves them out), so the plan's rebuild
    runs on the proof as it will on the target. Marking an index INVALID takes a superuser; without
    one the copy keeps them valid (the plan then starts from what its rollback restores)."""
    with connection(copy, purpose="proof copy") as conn:
        try:
            for schema, name, definition in invalid:
                regclass = "pg_catalog.to_regclass(pg_catalog.format('%%I.%%I', %(s)s, %(n)s))"
                row = fetch_all(conn, f"SELECT {regclass} IS NULL", {"s": schema, "n": name})
                if row and row[0][0]:
                    execute(conn, definition)
                execute(
                    conn,
                    f"UPDATE pg_catalog.pg_index SET indisvalid = false WHERE indexrelid = {regclass}",
                    {"s": schema, "n": name},
                )
        except Error:
            return "; its INVALID indexes rebuilt valid (marking them INVALID needs a superuser)"
    return "; INVALID indexes marked INVALID on the copy"


def _run_step(
    dsn: Dsn,
    name: str,
    statements: tuple[PlannedStatement, ...],
    schema_filter: SchemaFilter,
    want: Fingerprint,
    silent: bool,
) -> None:
    with connection(dsn, autocommit=True, purpose=f"proof {name}") as conn:
        execute(conn, "TRUNCATE reconcile.proof_ddl_log")
        # a secret option's value is the user's to give when applying; the copy gets a stand-in
        for setting in secrets_asked(tuple(s.sql for s in statements)):
            execute(conn, f"SET {setting} = 'reconcile-proof'")
        try:
            runner.run(conn, statements)
        except runner.StepFailure as failure:
            raise ProofFailed(name, failure.describe("the plan")) from None
        ddl = fetch_all(conn, "SELECT tag, object FROM reconcile.proof_ddl_log ORDER BY logged_at")
    got = fingerprint(dsn, schema_filter)
    if got.digest != want.digest:
        raise ProofFailed(name, "the result is not the promised schema", compare(got, want))
    if silent and ddl:
        listed = "; ".join(f"{tag} {obj}" for tag, obj in ddl[:10])
        raise ProofFailed(name, f"re-running executed {len(ddl)} DDL command(s): {listed}")
