"""A fleet apply's reports: JSON (`--format json`, `<report>.json`), markdown (`<report>.md`) and
the text the terminal shows. Pure functions from a `FleetApplyResult`; never print."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ..core.model import FleetApplyResult


def report_json(result: FleetApplyResult) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for o in result.outcomes:
        counts[o.status] = counts.get(o.status, 0) + 1
    return {
        "fleet_plan": str(result.fleet_plan),
        "ok": result.ok,
        "waves": result.waves,
        "stopped_after_wave": result.stopped_after,
        "counts": counts,
        "targets": [
            {
                "name": o.name,
                "target": o.label,
                "status": o.status,
                "wave": o.wave,
                "group": o.group,
                "plan": o.plan,
                "reason": o.reason,
                "statements": o.statements,
                "duration_s": round(o.duration_s, 3),
                "warnings": list(o.warnings),
            }
            for o in result.outcomes
        ],
    }


def report_markdown(result: FleetApplyResult) -> str:
    def cell(text: str | None) -> str:
        return (text or "").replace("|", "\\|").replace("\n", " ")

    data = report_json(result)
    lines = [
        f"## reconcile apply --targets: {result.fleet_plan.name}",
        "",
        ", ".join(f"{n} {s}" for s, n in sorted(data["counts"].items()))
        + (f"; stopped after wave {result.stopped_after}" if result.stopped_after else ""),
        "",
        "| target | status | wave | group | plan | reason |",
        "|---|---|---:|---:|---|---|",
    ]
    for o in result.outcomes:
        lines.append(
            f"| {cell(o.name)} | {o.status} | {o.wave or ''} | {o.group or ''} | {cell(o.plan)} | {cell(o.reason)} |"
        )
    return "\n".join(lines) + "\n"


def report_text(result: FleetApplyResult) -> str:
    lines = []
    for o in result.outcomes:
        where = f" (wave {o.wave}, group {o.group})" if o.wave else ""
        lines.append(f"{o.name}: {o.status}{where}" + (f": {o.reason}" if o.reason else ""))
    data = report_json(result)
    summary = ", ".join(f"{n} {s}" for s, n in sorted(data["counts"].items()))
    stop = f"; stopped after wave {result.stopped_after}" if result.stopped_after else ""
    lines.append(f"{len(result.outcomes)} target(s) in {result.waves} wave(s): {summary}{stop}")
    return "\n".join(lines)
