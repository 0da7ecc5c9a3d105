"""The on-disk plan format: plain SQL that psql and SQL editors run, with a verifiable header.

A plan file is human summary (comments), one machine-readable header line, then the body:
transactional statements grouped in BEGIN/COMMIT blocks, non-transactional ones on their own.
The header's checksum covers the body. Imports `errors`, `model`, `sql`.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from pathlib import Path
from typing import Any

from ..core.errors import PlanFileError
from ..core.model import Hazard, Plan, PlanHeader, PlannedStatement
from ..pg.runner import steps
from ..sql.parse import SqlParseError, split

FORMAT_VERSION = 1
HEADER_PREFIX = "-- reconcile:header "
BODY_MARKER = "-- reconcile:body"


def _terminated(sql: str) -> str:
    return sql if sql.rstrip().endswith(";") else sql.rstrip() + ";"


def render_body(statements: tuple[PlannedStatement, ...]) -> str:
    parts = []
    for n, (transactional, group) in enumerate(steps(statements), 1):
        if transactional:
            parts.append(
                f"-- step {n}: one transaction\nBEGIN;\n\n" + "\n\n".join(map(_terminated, group)) + "\n\nCOMMIT;"
            )
        else:
            # CONCURRENTLY and ADD VALUE must; a VALIDATE runs after the NOT VALID add committed.
            parts.append(
                f"-- step {n}: alone, outside a transaction block (commits by itself)\n{_terminated(group[0])}"
            )
    return "\n\n".join(parts) + "\n" if parts else ""


def checksum(body: str) -> str:
    return "sha256:" + hashlib.sha256(body.encode("utf-8")).hexdigest()


def render(plan: Plan) -> str:
    body = render_body(plan.statements)
    header = dataclasses.replace(plan.header, checksum=checksum(body))
    h = header
    lines = [
        f"-- reconcile {h.kind} plan: {h.name}",
        f"-- created {h.created_at} by reconcile {h.tool_version} ({h.engine}) on PostgreSQL {h.server_version}",
        "--",
        "-- What changes:",
        *(f"--   {line}" for line in plan.summary),
        "--",
        "-- Destructive: " + ("none" if not h.destructive else f"{len(h.destructive)} item(s), data may be lost:"),
        *(f"--   ! {d}" for d in h.destructive),
        *(
            ["-- Lossy: running the rollback afterwards cannot bring back:", *(f"--   ~ {d}" for d in h.lossy)]
            if h.lossy
            else []
        ),
        *(
            ["-- Archived in reconcile_archive (the rollback brings them back):", *(f"--   > {d}" for d in h.archived)]
            if h.archived
            else []
        ),
        *(
            [
                "-- This rollback restores the schema, NOT the data the forward plan removed:",
                *(f"--   x {d}" for d in h.cannot_restore),
            ]
            if h.cannot_restore
            else []
        ),
        *(
            [
                "-- NOT diffed (kinds reconcile cannot express; allowed by --allow-unmodeled):",
                *(f"--   ? {u}" for u in h.unmodeled),
            ]
            if h.unmodeled
            else []
        ),
        *(
            [
                "-- Unmanaged, unchanged (kinds reconcile cannot express, identical on both sides):",
                *(f"--   = {u}" for u in h.unmanaged),
            ]
            if h.unmanaged
            else []
        ),
        *(
            [
                "-- Hazards (statement: kind: why):",
                *(
                    f"--   {r['statement']}: {Hazard(r['kind'], r['reason'], r.get('rows')).describe()}"
                    for r in h.hazards
                ),
            ]
            if h.hazards
            else []
        ),
        f"-- Proof on scratch: {h.proof}",
        *(
            [
                "-- Rollback: UNAVAILABLE, not written: it failed its proof on the copy of the target:",
                *(f"--   {line}" for line in h.rollback_reason.splitlines()),
                "-- `reconcile apply` runs it only with --backup DIR (the way back) or --allow-unproven-rollback.",
            ]
            if not h.rollback_available
            else []
        ),
        "--",
        f"-- Expects the target at fingerprint {h.expects_fingerprint}",
        f"-- Produces fingerprint               {h.produces_fingerprint}",
        "-- Apply with `reconcile apply <this file>` (checks the fingerprint, locks, records history),",
        "-- or run it with `psql -v ON_ERROR_STOP=1 -f <this file>` or in a SQL editor.",
        "--",
        HEADER_PREFIX + json.dumps(_header_dict(header), sort_keys=True, separators=(",", ":")),
        BODY_MARKER,
        "",
    ]
    return "\n".join(lines) + body


def _header_dict(h: PlanHeader) -> dict[str, object]:
    d = dataclasses.asdict(h)
    for k, v in d.items():
        if isinstance(v, tuple):
            d[k] = list(v)
    return d


def write(plan: Plan, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(render(plan), encoding="utf-8")
    tmp.replace(path)


def read(path: Path) -> Plan:
    """Read, parse and verify a plan file: header present, format known, body checksum intact."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise PlanFileError(f"cannot read plan file {path}: {exc.strerror}") from None
    return parse(text, str(path))


def parse(text: str, path: str = "<plan>") -> Plan:
    """Parse and verify the text of a plan file (what `apply` and the proof run)."""
    header_line = next((ln for ln in text.splitlines() if ln.startswith(HEADER_PREFIX)), None)
    marker = f"\n{BODY_MARKER}\n"
    if header_line is None or marker not in text:
        raise PlanFileError(
            f"{path} is not a reconcile plan (no `{HEADER_PREFIX.strip()}` line)",
            hint="apply only files written by `reconcile plan`",
        )
    try:
        raw = json.loads(header_line[len(HEADER_PREFIX) :])
    except json.JSONDecodeError as exc:
        raise PlanFileError(f"{path}: the header is not valid JSON ({exc.msg})") from None
    if raw.get("format") != FORMAT_VERSION:
        raise PlanFileError(
            f"{path}: plan format {raw.get('format')!r} is not supported "
            f"(this reconcile reads format {FORMAT_VERSION})",
            hint="re-run `reconcile plan` with this version of reconcile",
        )
    fields = {f.name for f in dataclasses.fields(PlanHeader)}
    try:
        values: dict[str, Any] = {k: tuple(v) if isinstance(v, list) else v for k, v in raw.items() if k in fields}
        header = PlanHeader(**values)
    except TypeError as exc:
        raise PlanFileError(f"{path}: incomplete header ({exc})") from None
    body = text.split(marker, 1)[1]
    if checksum(body) != header.checksum:
        raise PlanFileError(
            f"{path}: checksum mismatch: the statements were edited after `reconcile plan` wrote them",
            hint="re-run `reconcile plan` (a reviewed plan must not be edited by hand)",
        )
    try:
        parsed = split(body)
    except SqlParseError as exc:
        raise PlanFileError(f"{path}: the body does not parse: {exc.message}") from None
    statements: list[PlannedStatement] = []
    in_block = False
    for st in parsed:
        if st.transaction_control:
            word = st.text.split()[0].upper()
            in_block = word in ("BEGIN", "START")
            continue
        statements.append(PlannedStatement(st.text, transactional=in_block and st.transactional))
    if len(statements) != header.statement_count:
        raise PlanFileError(f"{path}: {len(statements)} statements found, header says {header.statement_count}")
    # The summary is the indented block right under "What changes:", up to the blank "--" line.
    after = text.split(HEADER_PREFIX, 1)[0].split("-- What changes:\n", 1)[-1]
    summary = tuple(ln[len("--   ") :] for ln in after.split("\n--\n", 1)[0].splitlines() if ln.startswith("--   "))
    return Plan(header, summary, tuple(statements))
