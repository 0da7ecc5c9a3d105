"""The proof: replay a plan on a scratch copy of the target's schema before anyone sees it.

forward → desired; forward again → no DDL, still desired; rollback → original; rollback again
→ no DDL; forward once more → desired. The files' own text is what runs (parsed back from the
rendered plan), through the same runner as `apply`. Imports compare-level modules only.
"""

from __future__ import annotations

from dataclasses import dataclass

from . import runner
from .db import Dsn, connection, execute, fetch_all, query
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
) -> ProofReport:
    copy = scratch.extra_database()
    method = copy_schema(target, copy, target_version_num, schema_filter)
    start = fingerprint(copy, schema_filter)
    if start.digest != target_fp.digest:
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
        ("rollback", back, target_fp, False),
        ("rollback again", back, target_fp, True),
        ("forward once more", fwd, desired_fp, False),
    )
    done = []
    for name, statements, want, silent in steps:
        _run_step(copy, name, statements, schema_filter, want, silent)
        done.append(name)
    return ProofReport(method, tuple(done))


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
