"""Drift reports for people and CI: text, JSON, markdown, GitHub workflow commands, SARIF 2.1.0.

Pure functions from a DriftResult (or a fleet's entries) to a string; the CLI decides where each
goes (`--format`, `--output FORMAT=PATH`) and whether text is coloured. The JSON report's shape is
`docs/drift.schema.json` (`version` changes when a key changes meaning or goes away).
Imports `model` and the package version only.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from .. import __version__
from ..core.model import DRIFT_CLASSES, DriftDifference, DriftResult, FleetEntry

FORMATS = ("text", "json", "markdown", "github", "sarif")
JSON_VERSION = 1
# GitHub refuses a step summary over 1 MiB; stay below with room for what the job adds.
MARKDOWN_LIMIT = 1_000_000
# GitHub shows at most 10 annotations per level and step.
ANNOTATIONS_PER_LEVEL = 10
ANNOTATION_DIFF = 4000  # characters of diff an annotation carries
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_WHY = {
    "pending": "pending: the target is as last applied; schema/ moved on (run `reconcile plan`, then apply)",
    "out-of-band": "out-of-band: the target was changed outside reconcile since the last apply",
    "both": "both: changed on the target since the last apply, and schema/ changed it too",
    "unknown": "unknown: no apply history, so pending and out-of-band cannot be told apart",
}
_CHANGE = {"added": "missing in target", "removed": "not in schema/", "changed": "differs"}
_LEVEL = {"out-of-band": "error", "both": "error", "pending": "warning", "unknown": "warning"}


def render(result: DriftResult, fmt: str, *, color: bool = False) -> str:
    if fmt == "json":
        return drift_json(result)
    if fmt == "markdown":
        return drift_markdown(result)
    if fmt == "github":
        return drift_github(result)
    if fmt == "sarif":
        return drift_sarif(result)
    return drift_text(result, color=color)


def counts(result: DriftResult) -> dict[str, int]:
    out = dict.fromkeys(DRIFT_CLASSES, 0)
    for d in result.differences:
        out[d.classification] += 1
    return out


def _tally(result: DriftResult) -> str:
    c = counts(result)
    parts = [f"{c[k]} {k}" for k in DRIFT_CLASSES if c[k]]
    return ", ".join(parts)


def _mode(result: DriftResult) -> str:
    if result.three_way:
        return f"three-way: compared with the snapshot of {result.baseline}"
    return "two-way: no apply history, pending and out-of-band changes cannot be told apart"


# ---- text ---------------------------------------------------------------------------------


def _paint(text: str, code: str, color: bool) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if color and text else text


def _one_line(text: str | None, width: int = 160) -> str:
    s = " ".join((text or "").split())
    return s if len(s) <= width else s[: width - 1] + "…"


def drift_text(result: DriftResult, *, color: bool = False) -> str:
    lines: list[str] = []
    if not result.drift:
        lines.append(f"No drift: {result.target} matches schema/ ({result.target_fingerprint[:19]}…).")
    else:
        lines.append(
            f"Drift: {result.target} differs from schema/ in {len(result.differences)} object(s): {_tally(result)}"
        )
        lines.append(f"({_mode(result)})")
        for d in result.differences:
            where = f"  {d.location}" if d.location and d.declared else ""
            cls = _paint(d.classification, "31" if _LEVEL[d.classification] == "error" else "33", color)
            lines.append(f"  {d.kind} {d.name}: {_CHANGE[d.change]} [{cls}]{where}")
            if d.change != "changed":
                continue
            if len(" ".join((d.target or "").split())) <= 160 and len(" ".join((d.desired or "").split())) <= 160:
                lines.append(_paint(f"      target:  {_one_line(d.target)}", "31", color))
                lines.append(_paint(f"      schema/: {_one_line(d.desired)}", "32", color))
            else:
                for line in d.diff.splitlines():
                    code = "1" if line.startswith(("---", "+++")) else "31" if line[:1] == "-" else "32"
                    code = "36" if line.startswith("@@") else code if line[:1] in "-+@" else ""
                    lines.append("      " + _paint(line, code, color) if code else "      " + line)
        if result.statements:
            lines.append(
                f"{len(result.statements)} statement(s) would reconcile it; run `reconcile plan` to write them."
            )
        else:
            lines.append("The diff engine has no statements for these differences: change them by hand or in schema/.")
    for note in result.notes:
        lines.append(f"note: {note}")
    if result.unmodeled:
        lines.append("Not diffed (allowed by --allow-unmodeled):")
        lines += [f"  ? {u}" for u in result.unmodeled]
    return "\n".join(lines)


# ---- JSON ---------------------------------------------------------------------------------


def _location_json(d: DriftDifference) -> dict[str, Any] | None:
    if not d.location:
        return None
    path, _, line = d.location.rpartition(":")
    return {"path": path, "line": int(line), "declared": d.declared}


def difference_json(d: DriftDifference) -> dict[str, Any]:
    return {
        "kind": d.kind,
        "name": d.name,
        "change": d.change,
        "classification": d.classification,
        "target": d.target,
        "desired": d.desired,
        "applied": d.applied,
        "diff": d.diff,
        "location": _location_json(d),
    }


def result_json(result: DriftResult) -> dict[str, Any]:
    return {
        "version": JSON_VERSION,
        "drift": result.drift,
        "exit_code": result.exit_code,
        "mode": "three-way" if result.three_way else "two-way",
        "baseline": result.baseline,
        "target": result.target,
        "target_fingerprint": result.target_fingerprint,
        "desired_fingerprint": result.desired_fingerprint,
        "schema_digest": result.schema_digest,
        "counts": counts(result),
        "differences": [difference_json(d) for d in result.differences],
        "statements": list(result.statements),
        "unmodeled": list(result.unmodeled),
        "notes": list(result.notes),
    }


def drift_json(result: DriftResult) -> str:
    """One line: the versioned report (`docs/drift.schema.json`)."""
    return json.dumps(result_json(result), sort_keys=True)


# ---- markdown -----------------------------------------------------------------------------


def _code(text: str) -> str:
    """`text` as an inline code span that survives backticks and table pipes."""
    text = " ".join(text.split()).replace("|", "\\|")
    fence = "``" if "`" in text else "`"
    return f"{fence} {text} {fence}" if fence == "``" else f"`{text}`"


def _fenced(body: str) -> str:
    fence = "```"
    while fence in body:
        fence += "`"
    return f"{fence}diff\n{body}\n{fence}"


_ICON = {"out-of-band": "🔴", "both": "🔴", "pending": "🟡", "unknown": "🟠"}


def drift_markdown(result: DriftResult, limit: int = MARKDOWN_LIMIT) -> str:
    """A PR comment or `$GITHUB_STEP_SUMMARY`: which objects, why, where; under `limit` bytes."""
    if not result.drift:
        return f"### ✅ No schema drift\n\n`{result.target}` matches `schema/` (`{result.target_fingerprint[:19]}…`).\n"
    head = [
        f"### Schema drift: {len(result.differences)} object(s) differ — {_tally(result)}",
        "",
        f"Target `{result.target}`; {_mode(result)}.",
        "",
        "* **pending**: the target is as reconcile last applied it and `schema/` moved on: "
        "run `reconcile plan` and apply it.",
        "* **out-of-band**: the target was changed outside reconcile since the last apply: "
        "find who changed it; put the change in `schema/` or plan it away.",
        "* **both**: both of the above for the same object.",
        "",
    ]
    head += [f"> note: {n}" for n in result.notes]
    if result.notes:
        head.append("")
    table = ["| why | object | change | declared at |", "|---|---|---|---|"]
    details: list[str] = []
    tail_note = (
        "\n_Truncated to stay under GitHub's 1 MiB summary limit: {n} more difference(s) not shown; "
        "`reconcile drift --format json` has them all._\n"
    )
    budget = limit - len("\n".join(head).encode()) - len(tail_note.encode()) - 200
    shown = 0
    for d in result.differences:
        where = _code(d.location) if d.location and d.declared else "—"
        what = _code(f"{d.kind} {d.name}")
        row = f"| {_ICON[d.classification]} {d.classification} | {what} | {_CHANGE[d.change]} | {where} |"
        diff = d.diff if len(d.diff) <= 20_000 else d.diff[:20_000] + "\n… (diff cut at 20 kB)"
        block = f"<details><summary>{d.kind} {_html(d.name)}</summary>\n\n{_fenced(diff)}\n\n</details>"
        cost = len(row.encode()) + len(block.encode()) + 2
        if cost > budget:
            break
        budget -= cost
        table.append(row)
        details.append(block)
        shown += 1
    out = "\n".join(head + table) + "\n\n" + "\n".join(details) + "\n"
    if shown < len(result.differences):
        out += tail_note.format(n=len(result.differences) - shown)
    return out


def _html(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


# ---- GitHub workflow commands -------------------------------------------------------------


def escape_data(text: str) -> str:
    """A workflow command's message: %, CR and LF are escaped (GitHub's toolkit `escapeData`)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A workflow command's property value: also `:` and `,` (GitHub's toolkit `escapeProperty`)."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _command(level: str, message: str, **props: str | int | None) -> str:
    given = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items() if v is not None)
    return f"::{level}{' ' + given if given else ''}::{escape_data(message)}"


def drift_github(result: DriftResult) -> str:
    """Annotations on the schema/ lines that declare each object: errors for out-of-band, warnings
    for pending; at most 10 per level, the tenth summarising the rest."""
    if not result.drift:
        return _command("notice", f"No schema drift: {result.target} matches schema/", title="reconcile drift")
    lines: list[str] = []
    for level in ("error", "warning"):
        items = [d for d in result.differences if _LEVEL[d.classification] == level]
        keep = items if len(items) <= ANNOTATIONS_PER_LEVEL else items[: ANNOTATIONS_PER_LEVEL - 1]
        for d in keep:
            path, line = _path_line(d)
            message = f"{d.kind} {d.name}: {_CHANGE[d.change]} — {_WHY[d.classification]}"
            if d.diff:  # an annotation shows a few lines: the full diff is in the summary and JSON
                cut = d.diff if len(d.diff) <= ANNOTATION_DIFF else d.diff[:ANNOTATION_DIFF] + "\n… (cut)"
                message += "\n" + cut
            lines.append(
                _command(level, message, file=path, line=line, title=f"schema drift ({d.classification}): {d.name}")
            )
        rest = items[len(keep) :]
        if rest:
            names = ", ".join(f"{d.kind} {d.name}" for d in rest[:50]) + (" …" if len(rest) > 50 else "")
            lines.append(
                _command(
                    level,
                    f"and {len(rest)} more {level}-level differences not annotated: {names}",
                    title=f"schema drift: {len(rest)} more",
                )
            )
    return "\n".join(lines)


def _path_line(d: DriftDifference) -> tuple[str | None, int | None]:
    if not d.location:
        return None, None
    path, _, line = d.location.rpartition(":")
    return path, int(line)


# ---- SARIF 2.1.0 --------------------------------------------------------------------------

_RULES = (
    ("drift/out-of-band", "out-of-band", "error", "The target was changed outside reconcile since the last apply."),
    ("drift/both", "both", "error", "Changed on the target since the last apply, and in schema/ too."),
    ("drift/pending", "pending", "warning", "schema/ changed and the change has not been applied to the target."),
    ("drift/unknown", "unknown", "warning", "The target differs from schema/ (no apply history to say why)."),
)


def drift_sarif(result: DriftResult) -> str:
    """SARIF 2.1.0: one result per difference, located at its declaration in schema/."""
    rule_index = {cls: i for i, (_, cls, _, _) in enumerate(_RULES)}
    results = []
    for d in result.differences:
        rule_id, _, level, _ = _RULES[rule_index[d.classification]]
        text = f"{d.kind} {d.name}: {_CHANGE[d.change]} — {_WHY[d.classification]}"
        res: dict[str, Any] = {
            "ruleId": rule_id,
            "ruleIndex": rule_index[d.classification],
            "level": level,
            "message": {"text": text + (f"\n{d.diff}" if d.diff else "")},
            "partialFingerprints": {"reconcileObject/v1": hashlib.sha256(f"{d.kind}\t{d.name}".encode()).hexdigest()},
            "properties": {"kind": d.kind, "name": d.name, "change": d.change, "classification": d.classification},
        }
        path, line = _path_line(d)
        if path:
            res["locations"] = [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": path, "uriBaseId": "%SRCROOT%"},
                        "region": {"startLine": line or 1},
                    }
                }
            ]
        results.append(res)
    log = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "reconcile",
                        "version": __version__,
                        "rules": [
                            {
                                "id": rid,
                                "name": cls.title().replace("-", ""),
                                "shortDescription": {"text": f"Schema drift ({cls})"},
                                "fullDescription": {"text": desc},
                                "defaultConfiguration": {"level": level},
                            }
                            for rid, cls, level, desc in _RULES
                        ],
                    }
                },
                "automationDetails": {"id": f"reconcile/drift/{result.target}"},
                "results": results,
            }
        ],
    }
    return json.dumps(log, indent=2, sort_keys=True)


# ---- fleet --------------------------------------------------------------------------------


def fleet_line(e: FleetEntry) -> str:
    if e.result is None:
        return f"{e.name}: error ({e.target}): {e.error}"
    r = e.result
    if not r.drift:
        return f"{e.name}: no drift ({e.target})"
    mode = "" if r.three_way else "; two-way, no apply history"
    return f"{e.name}: drift, {_tally(r)} ({e.target}{mode})"


def fleet_text(entries: tuple[FleetEntry, ...], exit_code: int) -> str:
    lines = [fleet_line(e) for e in entries]
    n_err = sum(1 for e in entries if e.result is None)
    n_oob = sum(1 for e in entries if e.result is not None and e.result.drift and e.result.out_of_band)
    n_drift = sum(1 for e in entries if e.result is not None and e.result.drift)
    lines.append(
        f"{len(entries)} target(s): {len(entries) - n_drift - n_err} without drift, {n_drift} drifted "
        f"({n_oob} out-of-band), {n_err} not checked (error); exit {exit_code}"
    )
    return "\n".join(lines)


def fleet_json(entries: tuple[FleetEntry, ...], exit_code: int) -> str:
    return json.dumps(
        {
            "version": JSON_VERSION,
            "exit_code": exit_code,
            "targets": [
                {
                    "name": e.name,
                    "target": e.target,
                    "exit_code": e.exit_code,
                    "error": e.error,
                    "report": result_json(e.result) if e.result is not None else None,
                }
                for e in entries
            ],
        },
        sort_keys=True,
    )


def fleet_markdown(entries: tuple[FleetEntry, ...], exit_code: int) -> str:
    rows = ["| target | result |", "|---|---|"]
    for e in entries:
        what = fleet_line(e).split(": ", 1)[1].replace("|", "\\|")
        rows.append(f"| {_code(e.name)} | {what} |")
    return "### Schema drift across targets\n\n" + "\n".join(rows) + f"\n\nexit code {exit_code}\n"
