"""The proof: replay a plan on a scratch copy of the target's schema before anyone sees it.

forward → desired; forward again → no DDL, still desired; rollback → original; rollback again
→ no DDL; forward once more → desired. The files' own text is what runs (parsed back from the
rendered plan), through the same runner as `apply`. A failure names the step, the file, the
statement (its number there) and its object; a failure in a step of the rollback can be returned
instead of raised (`plan --allow-unproven-rollback`). Imports compare-level modules and `sql.objects`.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core import progress
from ..core.errors import ReconcileError
from ..core.model import OLD_SUFFIX, Fingerprint, ObjectChange, Plan, PlannedStatement, SchemaFilter
from ..core.progress import first_line
from ..pg import runner
from ..pg.db import Dsn, Error, connection, execute, fetch_all, query
from ..pg.runner import steps
from ..sql.objects import executed_text, named_object
from .catalog_kinds import secrets_asked
from .fingerprint import INSPECT_SETTINGS, compare, fingerprint, fold_parts, of_objects
from .planfile import parse, render
from .scratch.copy import copy_schema
from .scratch.handle import Scratch

# The steps that run the rollback or depend on it: when only these fail, the forward plan is
# proven (`plan --allow-unproven-rollback` writes it with its rollback marked unavailable).
ROLLBACK_STEPS = ("rollback", "rollback again", "forward once more")
FORWARD_HINT = (
    "nothing was written; this is a gap in the diff engine or the idempotency rewriter — "
    "report it with the case; --skip-proof writes the plan unproven (apply will warn)"
)
ROLLBACK_HINT = (
    "nothing was written; the forward plan proved (forward, forward again), only its rollback fails: "
    "--allow-unproven-rollback (config `allow_unproven_rollback`) writes the forward plan with its rollback "
    "marked unavailable, and apply then needs --backup DIR or --allow-unproven-rollback"
)


NO_CAST = "PostgreSQL has no cast for "


class ProofFailed(ReconcileError):
    """A generated plan did not do what it promises on the scratch copy of the target: `step` is
    the proof step, `message` names the file, the statement (its number in the file) and its object."""

    def __init__(self, step: str, message: str, differences: tuple[ObjectChange, ...] = ()) -> None:
        lines = [f"proof failed at step `{step}`: {message}"]
        if differences:
            lines.append("remaining differences:")
            for c in fold_parts(differences)[:40]:
                lines.append(f"  {c.kind} {c.name}: {c.change}")
                if c.change == "changed":
                    lines.append(f"      now:      {_one_line(c.before)}")
                    lines.append(f"      expected: {_one_line(c.after)}")
        hint = ROLLBACK_HINT if step in ROLLBACK_STEPS else FORWARD_HINT
        if NO_CAST in message:  # not the engine's gap: what the values need is said above
            hint = "nothing was written; the change needs a step of your own (above)"
        super().__init__("\n".join(lines), hint=hint)
        self.step = step
        self.differences = differences

    @property
    def rollback_only(self) -> bool:
        """Whether the forward steps proved and a step of the rollback failed."""
        return self.step in ROLLBACK_STEPS


def _one_line(text: str | None, width: int = 150) -> str:
    s = " ".join((text or "").split())
    return s if len(s) <= width else s[: width - 1] + "…"


@dataclass(frozen=True, slots=True)
class RememberedFailure:
    """A `ProofFailed` of the rollback as a remembered proof kept it (`step`, the whole `message`)."""

    step: str
    message: str


@dataclass(frozen=True, slots=True)
class ProofReport:
    copy_method: str
    steps: tuple[str, ...]  # the steps that passed
    # with allow_unproven_rollback: why the rollback is unavailable
    rollback_failure: ProofFailed | RememberedFailure | None = None


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
    built: bool = False,
    allow_unproven_rollback: bool = False,
    before_changes: Callable[[], object] | None = None,
) -> ProofReport:
    """`invalid`: (schema, index, definition) of the target's INVALID indexes, which the copy
    gets INVALID too; `original`: what the rollback restores (the target, those indexes valid);
    `copied`: a copy of the target made already by `copy_target` (plan makes it while the scratch
    database is built when the proof cannot start from that); `built`: the scratch database holds
    schema/ as built (`desired_fp`) and is the proof's to change: without `copied`, the proof runs
    on it once the rollback took it back to the target (`_taken_back`), else, saying why, on a full
    copy by `copy_target`; `allow_unproven_rollback`: a failure in a step of the rollback (after
    the forward steps proved) is returned in the report instead of raised; `before_changes`: called
    before the proof first changes the built scratch database (plan waits there for the cache's
    reading of it)."""
    original = original or target_fp
    # Run the text of the files, exactly as written to disk.
    fwd = parse(render(forward)).statements
    back = parse(render(rollback)).statements
    fwd_file, back_file = f"{forward.header.name}.sql", f"{rollback.header.name}.sql"
    taken: tuple[Dsn, str, Fingerprint | None] | str = "schema/ was not built" if copied is None and not built else ""
    if copied is None and built:
        taken = _taken_back(
            scratch, target, schema_filter, back_file, back, target_fp, desired_fp, invalid, original, before_changes
        )
    state: Fingerprint | None  # the copy's whole fingerprint as it stands (what `_run_step` reads against)
    if isinstance(taken, tuple):
        copy, method, state = taken
    else:
        copy, method = copied or copy_target(scratch, target, target_version_num, schema_filter, why=taken or None)
        if invalid:
            method += _make_invalid(copy, invalid)
        start = fingerprint(copy, schema_filter)
        if start.digest not in (target_fp.digest, original.digest):
            raise ProofFailed(
                "copy the target's schema",
                f"the copy made with {method} does not match the target",
                compare(start, target_fp),
            )
        with connection(copy, purpose="proof") as conn:
            execute(conn, query("proof_install"))
        state = start
    steps = (
        ("forward", fwd_file, fwd, desired_fp, False),
        ("forward again", fwd_file, fwd, desired_fp, True),
        ("rollback", back_file, back, original, False),
        ("rollback again", back_file, back, original, True),
        ("forward once more", fwd_file, fwd, desired_fp, False),
    )
    done: list[str] = []
    for name, file, statements, want, silent in steps:
        try:
            with progress.step(f"proof: {name}"):
                state = _run_step(copy, name, file, statements, schema_filter, want, silent, state)
        except ProofFailed as failed:
            if allow_unproven_rollback and failed.rollback_only:
                return ProofReport(method, tuple(done), failed)
            raise
        done.append(name)
    return ProofReport(method, tuple(done))


TAKEN_BACK = "the scratch database (schema/ as built) that the rollback took back to the target"


def _taken_back(
    scratch: Scratch,
    target: Dsn,
    schema_filter: SchemaFilter,
    back_file: str,
    back: tuple[PlannedStatement, ...],
    target_fp: Fingerprint,
    desired_fp: Fingerprint,
    invalid: tuple[tuple[str, str, str], ...],
    original: Fingerprint,
    before_changes: Callable[[], object] | None = None,
) -> tuple[Dsn, str, Fingerprint | None] | str:
    """A copy of the target made of the built scratch database itself (far cheaper than reproducing
    the target's schema, and no copy of its files): the rollback run on it; with how it was made
    and its fingerprint. Or why not (the proof then copies the target whole).

    It is a copy of the target as far as the proof can tell only when it fingerprints exactly like
    the target and holds nothing else a statement could trip over: the objects outside the managed
    schemas (no fingerprint of the schema filter describes them) must be the same as the target's,
    and the tool's own schemas of the target must use nothing of the rest (an archived table with a
    column of a managed type keeps that type from being dropped)."""
    if invalid:
        return "the target has INVALID indexes, which the rollback leaves valid"
    if original.digest != target_fp.digest:
        return "the rollback does not restore the target exactly (an extension it leaves updated)"
    with progress.step("proof: comparing what the fingerprint leaves out"):
        outside = _outside_differences(scratch.dsn, target, schema_filter, target_fp, desired_fp)
        if outside:
            c = outside[0]
            where = {"removed": "only on the target", "added": "only in schema/"}.get(c.change, "defined otherwise")
            first = f"{c.kind} {c.name} {where}"
            return f"{len(outside)} object(s) outside the managed schemas differ from the target's ({first}, …)"
        used = _tool_schema_uses(target)
        if used:
            first = f"{used[0][0]} uses {used[0][1]}"
            return f"the target's own reconcile schemas use {len(used)} object(s) outside them ({first}, …)"
    if before_changes is not None:
        before_changes()
    with connection(scratch.dsn, purpose="proof") as conn:
        execute(conn, query("proof_install"))
    try:
        with progress.step("proof: the rollback on the scratch database"):
            # the scratch database as built: `desired_fp` describes it whole
            back_step = ("rollback on the scratch database", back_file, back, schema_filter, target_fp, False)
            state = _run_step(scratch.dsn, *back_step, desired_fp)
    except ProofFailed as failed:
        if failed.differences:
            n = len(fold_parts(failed.differences))
            return f"the rollback left {n} difference(s) from the target on the scratch database"
        lines = [line.strip() for line in failed.message.splitlines()]
        where = lines[0].split("`: ", 1)[-1]  # after "proof failed at step `…`: "
        error = next((line for line in lines if line.startswith("ERROR:")), "")
        return f"the rollback failed on the scratch database: {where}; {error}"
    return scratch.dsn, TAKEN_BACK, state


def _outside_differences(
    desired: Dsn, target: Dsn, schema_filter: SchemaFilter, target_fp: Fingerprint, desired_fp: Fingerprint
) -> tuple[ObjectChange, ...]:
    """How the objects the schema filter leaves out (excluded schemas, object rules) differ between
    the scratch database and the target: pg_dump copied the target's, the built database holds schema/'s."""
    if _manages_everything(schema_filter):
        return ()
    theirs, mine = _left_out_of(target, schema_filter, target_fp), _left_out_of(desired, schema_filter, desired_fp)
    return fold_parts(compare(theirs, mine))


def _manages_everything(schema_filter: SchemaFilter) -> bool:
    return schema_filter == SchemaFilter(privileges=schema_filter.privileges)


def _left_out_of(dsn: Dsn, schema_filter: SchemaFilter, managed: Fingerprint) -> Fingerprint:
    """The fingerprint of the objects the schema filter leaves out (`managed`: of those it keeps)."""
    mine = set(managed.objects)
    everything = fingerprint(dsn, SchemaFilter(privileges=schema_filter.privileges))
    return of_objects(tuple(o for o in everything.objects if o not in mine))


def _tool_schema_uses(target: Dsn) -> list[tuple[Any, ...]]:
    """What the target's own reconcile schemas use of the rest (queries/tool_schema_dependencies.sql)."""
    with connection(target, purpose="proof") as conn:
        return fetch_all(conn, query("tool_schema_dependencies"))


def inputs_digest(
    forward: Plan,
    rollback: Plan,
    target_fp: Fingerprint,
    desired_fp: Fingerprint,
    *,
    original: Fingerprint,
    invalid: tuple[tuple[str, str, str], ...],
    target_left_out: str,
    target_version_num: int,
    allow_unproven_rollback: bool,
) -> str:
    """Everything `prove`'s outcome depends on, as one digest: the statements it runs (the files'
    text as read back, headers aside), the fingerprints it starts from and must reach, the INVALID
    indexes, what the fingerprint leaves out of the target (`left_out`), the server and whether a
    failed rollback is allowed. A proof that passed with the same digest passes again."""
    h = hashlib.sha256()
    for plan in (forward, rollback):
        h.update(repr(parse(render(plan)).statements).encode() + b"\0")
    parts = (target_fp.digest, desired_fp.digest, original.digest, repr(invalid), target_left_out)
    h.update("\0".join((*parts, str(target_version_num), str(allow_unproven_rollback))).encode())
    return h.hexdigest()


def left_out(target: Dsn, schema_filter: SchemaFilter, target_fp: Fingerprint) -> str:
    """A digest of what a proof's outcome depends on in the target besides its fingerprint (what
    `_taken_back` compares): the objects the schema filter leaves out, and what the target's own
    reconcile schemas use of the rest."""
    h = hashlib.sha256()
    if not _manages_everything(schema_filter):
        h.update(_left_out_of(target, schema_filter, target_fp).digest.encode())
    h.update(repr(sorted(_tool_schema_uses(target))).encode())
    return h.hexdigest()


def copy_target(
    scratch: Scratch,
    target: Dsn,
    target_version_num: int,
    schema_filter: SchemaFilter,
    stop: threading.Event | None = None,
    *,
    why: str | None = None,
) -> tuple[Dsn, str]:
    """A new database on the scratch server with the target's schema: (its DSN, how it was made);
    `stop` set ends it early, with a copy nobody may use. `why`: why the proof does not start from a
    scratch database taken back instead (said in how it was made)."""
    copy = scratch.extra_database()
    with progress.step("proof: copying the target's schema"):
        method = copy_schema(target, copy, target_version_num, schema_filter, stop)
    return copy, method + (f" of the whole target, not the scratch database taken back: {why}" if why else "")


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


# DDL that fires no event trigger, so the log cannot vouch for it (event triggers themselves).
_UNLOGGED = re.compile(r"\bevent\s+trigger\b", re.IGNORECASE)


# What a step's statements must say (in any case, in a DO block's text too) for it to change a name
# another object prints (renames, a schema moved, an extension's script), or to drop something
# (a relation's rows then leave the fingerprint): what proof_touched.sql follows dependencies for,
# and what needs the relations' names taken before the step (proof_owners.sql).
_RENAMES = re.compile(r"\b(rename|set\s+schema|extension)\b", re.IGNORECASE)
_DROPS_OR_RENAMES = re.compile(r"\b(drop|rename|set\s+schema|extension)\b", re.IGNORECASE)
# Roles: a renamed one changes the privileges printed for relations that nothing else touched.
_ROLES = re.compile(r"\b(role|user|group)\b", re.IGNORECASE)
# Logged commands that name no object: they change privileges, a relation's in its catalog row
# (which proof_touched.sql sees written), the others' read whole.
_PRIVILEGE_TAGS = frozenset({"GRANT", "REVOKE", "ALTER DEFAULT PRIVILEGES"})
_XID = 1 << 32


def _run_step(
    dsn: Dsn,
    name: str,
    file: str,
    statements: tuple[PlannedStatement, ...],
    schema_filter: SchemaFilter,
    want: Fingerprint,
    silent: bool,
    state: Fingerprint | None = None,
) -> Fingerprint | None:
    """Run `statements` on `dsn`: they must produce `want`; `silent`: they repeat the step before
    (which produced `want`) and must execute no DDL. `state`: the copy's whole fingerprint before
    the step, or None; returns its fingerprint after the step (None when none was taken).

    With `state`, only the rows of the relations the step may have touched are read again
    (`queries/proof_touched.sql`: what its event triggers logged, the catalog rows its transactions
    wrote, and what depends on either); the other relations' rows are `state`'s. A result that is
    not `want` is read again whole before the step is said to fail."""
    unlogged = any(_UNLOGGED.search(st.sql) for st in statements)
    restrict = state is not None and not silent and not unlogged and not any(_ROLES.search(st.sql) for st in statements)
    relations: frozenset[str] | None = None
    with connection(dsn, autocommit=True, purpose=f"proof {name}") as conn:
        execute(conn, "TRUNCATE reconcile.proof_ddl_log, reconcile.proof_owners")
        renames = any(_RENAMES.search(st.sql) for st in statements)
        if restrict:
            if renames or any(_DROPS_OR_RENAMES.search(st.sql) for st in statements):
                # names printed as the fingerprint prints them; the statements then run as they would have
                execute(conn, INSPECT_SETTINGS)
                execute(conn, _with_owned("proof_owners"))
                execute(conn, "RESET ALL")
            x0 = _xid(conn)
        # a secret option's value is the user's to give when applying; the copy gets a stand-in
        for setting in secrets_asked(tuple(s.sql for s in statements)):
            execute(conn, f"SET {setting} = 'reconcile-proof'")
        try:
            runner.run(conn, statements)
        except runner.StepFailure as failure:
            raise ProofFailed(name, _failed_statement(file, statements, failure)) from None
        logged = fetch_all(
            conn, "SELECT tag, object, statement, classid FROM reconcile.proof_ddl_log ORDER BY logged_at"
        )
        ddl = [(tag, obj, sql) for tag, obj, sql, _ in logged]
        if restrict:
            execute(conn, "RESET ALL")
            # hash joins over the catalogs (not sorts of them) and no parallel workers for small scans
            execute(conn, f"{INSPECT_SETTINGS}; SET enable_mergejoin = off; SET max_parallel_workers_per_gather = 0")
            x1 = _xid(conn)
            named = all(classid is not None or tag in _PRIVILEGE_TAGS for tag, _, _, classid in logged)
            if named and x0 % _XID <= x1 % _XID:  # not across the wrap of 32-bit transaction ids
                touched = fetch_all(
                    conn,
                    _with_owned("proof_touched"),
                    {"x0": x0 % _XID, "x1": x1 % _XID, "expand": renames},
                )
                relations = frozenset(r for (r,) in touched)
    if silent and not ddl and not unlogged:
        # Nothing was created, altered or dropped: the schema is as the step before left it, which
        # produced `want` (a silent step repeats the step before it), with no fingerprint to take.
        return state
    if relations is not None and state is not None:
        got = fingerprint(dsn, schema_filter, relations=relations, rest=state)
        checked = bool(os.environ.get(CHECK_READS))
        whole = fingerprint(dsn, schema_filter) if checked or got.digest != want.digest else None
        if checked and whole is not None:
            _check_restricted(got, whole, name, relations)
        got = whole or got
    else:
        got = fingerprint(dsn, schema_filter)
    if got.digest != want.digest:
        raise ProofFailed(
            name,
            f"{file} ran all its {len(statements)} statement(s), but the result is not the promised schema",
            compare(got, want),
        )
    if silent and ddl:
        numbers = {st.sql: n for n, st in enumerate(statements, 1)}
        listed = "".join(
            f"\n  {tag} {obj}, by statement {numbers.get(sql, '?')}: {first_line(executed_text(sql or ''), 200)}"
            for tag, obj, sql in ddl[:10]
        )
        raise ProofFailed(name, f"re-running {file} executed {len(ddl)} DDL command(s):{listed}")
    return got


# Set (the test suite sets it): every fingerprint a proof step reads in part is compared with the
# whole one; a difference is an error (what proof_touched.sql missed).
CHECK_READS = "RECONCILE_TEST_CHECK_PROOF_READS"


def _check_restricted(got: Fingerprint, whole: Fingerprint, step: str, relations: frozenset[str]) -> None:
    if got.digest != whole.digest:
        differences = "\n".join(f"  {c.kind} {c.name}: {c.change}" for c in compare(got, whole)[:20])
        raise ReconcileError(
            f"proof step `{step}`: its fingerprint read again for {len(relations)} relation(s) is not the "
            f"whole one:\n{differences}",
            hint="a relation the step changed is missing from queries/proof_touched.sql's answer",
        )


def _with_owned(name: str) -> str:
    """queries/<name>.sql with the CTE `owned` (queries/proof_owned.sql) it includes."""
    return query(name).format(owned=query("proof_owned"))


def _xid(conn: Any) -> int:
    """A transaction id of its own: every transaction that starts later has a greater one."""
    row = fetch_all(conn, "SELECT txid_current()")
    return int(row[0][0])


def _failed_statement(file: str, statements: tuple[PlannedStatement, ...], failure: runner.StepFailure) -> str:
    """Which statement of `file` failed (its number, as the header's hazards count them, and its
    first line), the object it creates, alters or drops, and PostgreSQL's message and detail."""
    groups = steps(statements)
    before = sum(len(group) for _, group in groups[: failure.step - 1])
    group = groups[failure.step - 1][1] if failure.step <= len(groups) else ()
    if failure.statement in group:
        number = f"statement {before + group.index(failure.statement) + 1}"
        what = named_object(failure.statement)
        text = first_line(executed_text(failure.statement), 200)
    else:  # the COMMIT of a transaction block (a deferred constraint)
        number = f"the COMMIT of statements {before + 1}–{before + len(group)}"
        what, text = None, "COMMIT"
    lines = [
        f"{number} of {file} (its step {failure.step}) failed" + (f", on {what}" if what else ""),
        f"  statement: {text}",
        f"  ERROR: {failure.fields.get('message')}",
    ]
    if failure.fields.get("detail"):
        lines.append(f"  DETAIL: {failure.fields['detail']}")
    swapped = _swapped_type(what)
    if swapped is not None and failure.fields.get("detail"):
        lines.append(
            f"  {swapped} is re-created (an enum that loses or reorders labels, or a domain, composite or "
            "range type holding one), and what DETAIL names still holds the old one: domains, composite and "
            "range types and typed tables are re-created or re-typed with it (and the functions, operators, "
            "casts, aggregates and operator classes over it), not what reconcile does not manage (in an "
            "excluded schema or left out by an object rule; docs/limits.md); change or drop that in a plan "
            "of its own "
            "first, then plan this change again"
        )
    if str(failure.fields.get("sqlstate")) == "42846" and (what or "").startswith("column "):
        # cannot_coerce: no cast between the column's old and new types
        lines.append(
            f"  {NO_CAST}{what}'s new type from its old one, so no plan can convert its values: change it "
            "in steps of your own (add a column of the new type, fill it, drop the old one, then rename the "
            "new one with a `-- reconcile:renamed-from` hint), or drop the column and add it anew (its "
            "values are lost: --allow-destructive)"
        )
    support = _range_support(what, failure.fields.get("detail"))
    if support is not None:
        range_type, kind = support
        role = "its subtype_diff or canonical function" if kind == "function" else "its subtype operator class"
        lines.append(
            f"  the plan drops and creates {what} again (it takes a type the plan re-creates: an enum that loses "
            f"or reorders labels), but range type {range_type} uses it ({role}), and PostgreSQL can neither "
            f"drop it under the range nor point the range at another {kind} (docs/limits.md); re-create the "
            "range without it, or drop the range, in a plan of its own first, then plan this change again"
        )
    return "\n".join(lines)


_RANGE_ON_SUPPORT = re.compile(r"type (\S+) depends on (function|operator class) ")


def _range_support(what: str | None, detail: str | None) -> tuple[str, str] | None:
    """The range type that keeps a function or operator class the plan drops, and which (PostgreSQL's
    DETAIL, in English: `type status_span depends on operator class status_ops …`); else None."""
    if not (what or "").startswith(("function ", "opclass ")) or not detail:
        return None
    found = _RANGE_ON_SUPPORT.match(detail)
    return (found.group(1), found.group(2)) if found else None


def _swapped_type(what: str | None) -> str | None:
    """The type or domain (kind and name) whose old version, renamed aside by an enum's
    re-creation, `what` names (`type public.mood__old_version_to_be_dropped`); else None."""
    kind, _, name = (what or "").partition(" ")
    if kind in ("type", "domain") and name.endswith(OLD_SUFFIX) and len(name) > len(OLD_SUFFIX):
        return f"{kind} {name[: -len(OLD_SUFFIX)]}"
    return None
