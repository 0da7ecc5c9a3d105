"""Renderers: pure functions from result values to text or JSON strings. Never print."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..core.model import LintResult
    from ..engine.archive import ArchivedTable
from ..core.model import ApplyResult, PlanResult


def _path(p: Path | None) -> str | None:
    return str(p) if p is not None else None


def plan_text(r: PlanResult) -> str:
    if not r.changes:
        return f"No changes: {r.target} matches schema/."
    lines = [f"Planned {r.changes} statement(s) against {r.target} (scratch: {r.scratch}):"]
    lines += [f"  {s}" for s in r.summary]
    if r.destructive:
        lines.append(f"Destructive ({len(r.destructive)}), allowed by --allow-destructive:")
        lines += [f"  ! {d}" for d in r.destructive]
    if r.forward and r.forward.header.lossy:
        lines.append("Lossy (running the rollback afterwards cannot bring these back):")
        lines += [f"  ~ {d}" for d in r.forward.header.lossy]
    if r.forward and r.forward.header.archived:
        lines.append("Archived (in reconcile_archive; the rollback brings them back):")
        lines += [f"  > {d}" for d in r.forward.header.archived]
    if r.forward and r.forward.header.hazards:
        lines.append("Hazards (statement: kind: why):")
        lines += [
            f"  {h['statement']}: {h['kind']}: {h['reason']}" + (f" (~{h['rows']:,} rows)" if h.get("rows") else "")
            for h in r.forward.header.hazards
        ]
    if r.forward and r.forward.header.unmodeled:
        lines.append("Not diffed (kinds reconcile cannot express; allowed by --allow-unmodeled):")
        lines += [f"  ? {u}" for u in r.forward.header.unmodeled]
    if r.forward and r.forward.header.unmanaged:
        lines.append("Unmanaged, unchanged (kinds reconcile cannot express, identical on both sides):")
        lines += [f"  = {u}" for u in r.forward.header.unmanaged]
    lines.append(f"Proof on scratch: {r.proof}")
    if r.forward and not r.forward.header.rollback_available:
        lines += [
            f"Migration: {r.migration}",
            "Rollback:  UNAVAILABLE, not written: it failed its proof on the copy of the target:",
            *(f"  {line}" for line in r.forward.header.rollback_reason.splitlines()),
            "  apply needs --backup DIR (a dump of the tables the plan touches: the way back) "
            "or --allow-unproven-rollback",
            f"Next: reconcile apply {r.migration} --backup DIR",
        ]
        return "\n".join(lines)
    lines += [f"Migration: {r.migration}", f"Rollback:  {r.rollback}", f"Next: reconcile apply {r.migration}"]
    return "\n".join(lines)


def plan_json(r: PlanResult) -> str:
    data: dict[str, Any] = {
        "migration": _path(r.migration),
        "rollback": _path(r.rollback),
        "changes": r.changes,
        "destructive": list(r.destructive),
        "summary": list(r.summary),
        "expects_fingerprint": r.forward.header.expects_fingerprint if r.forward else None,
        "produces_fingerprint": r.forward.header.produces_fingerprint if r.forward else None,
        "lossy": list(r.forward.header.lossy) if r.forward else [],
        "archived": list(r.forward.header.archived) if r.forward else [],
        "proof": r.proof if r.forward else None,
        "hazards": list(r.forward.header.hazards) if r.forward else [],
        "unmodeled": list(r.forward.header.unmodeled) if r.forward else [],
        "unmanaged": list(r.forward.header.unmanaged) if r.forward else [],
        "scratch": r.scratch,  # where schema/ was built, or why it was not (the cache)
        # "unavailable" (--allow-unproven-rollback): the rollback failed its proof, `rollback_reason` says where
        "rollback_status": r.forward.header.rollback if r.forward else None,
        "rollback_reason": (r.forward.header.rollback_reason or None) if r.forward else None,
    }
    return json.dumps(data, sort_keys=True)


def apply_text(r: ApplyResult) -> str:
    if r.status == "already-applied":
        return f"{r.name}: already applied (the target is at the plan's result {r.fingerprint[:19]}…); nothing to do."
    if r.status == "dry-run":
        lines = [f"Dry run of {r.name}: {r.statements} statement(s) would run; nothing was changed."]
        for n, (transactional, group) in enumerate(r.steps, 1):
            lines.append(f"-- step {n}: {'one transaction' if transactional else 'outside a transaction'}")
            lines += [s if s.rstrip().endswith(";") else s + ";" for s in group]
        return "\n".join(lines)
    lines = [f"Applied {r.name}: {r.statements} statement(s) in {r.duration_s:.2f}s; fingerprint verified."]
    if r.retries:
        lines.append(f"Retried {len(r.retries)} time(s) after lock timeouts or deadlocks.")
    if r.backup:
        lines.append(f"Backup: {r.backup} (restore with `reconcile restore {r.backup}`)")
    if r.analyzed:
        lines.append("ANALYZE: " + ", ".join(r.analyzed))
    return "\n".join(lines)


def apply_json(r: ApplyResult) -> str:
    return json.dumps(
        {
            "plan": str(r.plan_path),
            "status": r.status,
            "statements": r.statements,
            "duration_s": round(r.duration_s, 3),
            "fingerprint": r.fingerprint,
            "fingerprint_ok": r.fingerprint_ok,
            "analyzed": list(r.analyzed),
            "retries": list(r.retries),
            "backup": r.backup,
        },
        sort_keys=True,
    )


def lint_text(result: LintResult) -> str:
    """One `path:line:col: RULE message` line per finding, then one line per rewritten file."""
    lines = [str(f) for f in result.findings]
    lines += [f"{path}: fixed" for path in result.fixed]
    return "\n".join(lines)


def lint_json(result: LintResult) -> str:
    """One JSON object: {"findings": [{path, line, col, rule, message, fixable}], "fixed": [paths]}."""
    return json.dumps(
        {
            "findings": [
                {
                    "path": f.path,
                    "line": f.line,
                    "col": f.col,
                    "rule": f.rule,
                    "message": f.message,
                    "fixable": f.fixable,
                }
                for f in result.findings
            ],
            "fixed": list(result.fixed),
        },
        sort_keys=True,
    )


def _size(n: int) -> str:
    size = float(n)
    for unit in ("B", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"


def archive_text(items: tuple[ArchivedTable, ...], *, verb: str = "") -> str:
    """`archive list` (verb "") and `archive prune` (verb "dropped" / "would drop")."""
    if not items:
        return "reconcile_archive is empty" if not verb else "nothing to prune"
    lines = []
    for a in items:
        when = a.archived_at.strftime("%Y-%m-%d %H:%M:%SZ") if a.archived_at else "unknown time"
        what = f"{a.kind} {a.source}" if a.source else "(no record: not archived by reconcile)"
        lines.append(
            f"{verb + ' ' if verb else ''}reconcile_archive.{a.name}: {what}, plan {a.plan or '?'}, "
            f"archived {when}, {a.rows} row(s), {_size(a.size_bytes)}"
        )
    return "\n".join(lines)


def archive_json(items: tuple[ArchivedTable, ...], *, key: str = "archived") -> str:
    return json.dumps({key: [a.as_dict() for a in items]}, sort_keys=True)
