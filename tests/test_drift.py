"""Drift for CI on real PostgreSQL: pending vs out-of-band vs both (three-way, from the snapshot each
apply stores), two-way without history, provenance, every report format, fleets.

Cases are data (tests/drift_cases/cases.yaml). The behaviour does not depend on the server version,
so these run on one server (the first of 15/16/18 this machine has), to keep CI time down.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

from conftest import REPO, Server, ServerPool, plan_json
from reconciler.core.model import DriftDifference, DriftResult
from reconciler.pg.db import connection, fetch_all
from reconciler.render import drift as drift_report

CASES = {
    k: v
    for k, v in yaml.safe_load((Path(__file__).parent / "drift_cases" / "cases.yaml").read_text()).items()
    if not k.startswith("_")
}
SCHEMA = json.loads((REPO / "docs" / "drift.schema.json").read_text())
FORMATS = ("json", "markdown", "github", "sarif")


def _write_schema(tmp_path: Path, sql: str) -> None:
    (tmp_path / "schema").mkdir(exist_ok=True)
    (tmp_path / "schema" / "10_items.sql").write_text(sql)


def _plan_and_apply(cli: Any, pg: Server, target: Any) -> dict[str, Any]:
    plan = plan_json(cli, pg, target, "--skip-proof")
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes")
    assert r.code == 0, r.err
    return plan


def _drift(cli: Any, pg: Server, target: Any, *extra: str) -> Any:
    return cli("drift", "--target", target.conninfo, "--schema-dir", "schema", "--scratch", pg.url(), *extra)


def _unescape(text: str) -> str:
    return text.replace("%3A", ":").replace("%2C", ",").replace("%0D", "\r").replace("%0A", "\n").replace("%25", "%")


def _annotations(text: str) -> list[tuple[str, dict[str, str], str]]:
    out = []
    for line in text.splitlines():
        m = re.fullmatch(r"::(error|warning|notice)(?: ([^:]*))?::(.*)", line)
        assert m, f"not a workflow command: {line!r}"
        props = dict(p.split("=", 1) for p in m.group(2).split(",")) if m.group(2) else {}
        for v in (*props.values(), m.group(3)):
            assert "\n" not in v and "\r" not in v
            assert not re.search(r"%(?!25|0D|0A|3A|2C)", v), f"unescaped % in {v!r}"
        for v in props.values():
            assert ":" not in v and "," not in v, f"unescaped property {v!r}"
        out.append((m.group(1), {k: _unescape(v) for k, v in props.items()}, _unescape(m.group(3))))
    return out


def _check_formats(tmp_path: Path, exit_code: int) -> dict[str, Any]:
    """Every --output file: JSON against its schema, SARIF's 2.1.0 structure, annotations, markdown."""
    report = json.loads((tmp_path / "drift.json").read_text())
    jsonschema.validate(report, SCHEMA)
    assert report["exit_code"] == exit_code
    diffs = report["differences"]

    sarif = json.loads((tmp_path / "drift.sarif").read_text())
    assert sarif["version"] == "2.1.0" and sarif["$schema"].endswith("sarif-2.1.0.json")
    (run,) = sarif["runs"]
    assert run["tool"]["driver"]["name"] == "reconcile"
    rules = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert len(run["results"]) == len(diffs), "one SARIF result per difference"
    for res, d in zip(run["results"], diffs, strict=True):
        assert res["message"]["text"].startswith(f"{d['kind']} {d['name']}")
        assert rules[res["ruleIndex"]] == res["ruleId"] == f"drift/{d['classification']}"
        assert res["level"] in ("none", "note", "warning", "error")
        (loc,) = res["locations"]
        phys = loc["physicalLocation"]
        assert phys["artifactLocation"]["uri"] == d["location"]["path"]
        assert phys["artifactLocation"]["uri"].startswith("schema/")
        assert phys["region"]["startLine"] == d["location"]["line"] >= 1

    notes = _annotations((tmp_path / "drift.github").read_text())
    if diffs:
        for level in ("error", "warning"):
            assert sum(1 for n in notes if n[0] == level) <= drift_report.ANNOTATIONS_PER_LEVEL
        annotated = {
            n[1]["title"].split(": ", 1)[1]: n for n in notes if "title" in n[1] and "drift (" in n[1]["title"]
        }
        for d in diffs:
            level, props, message = annotated[d["name"]]
            assert props["file"] == d["location"]["path"] and int(props["line"]) == d["location"]["line"]
            assert level == ("error" if d["classification"] in ("out-of-band", "both") else "warning")
            assert d["classification"] in message and d["diff"] in message
    else:
        assert [n[0] for n in notes] == ["notice"]

    md = (tmp_path / "drift.markdown").read_text()
    assert len(md.encode()) < drift_report.MARKDOWN_LIMIT
    for d in diffs:
        assert f"{d['kind']} {d['name']}" in md and d["classification"] in md
        if d["location"]["declared"]:
            assert f"{d['location']['path']}:{d['location']['line']}" in md
    return report


@pytest.mark.parametrize("case", sorted(CASES))
def test_drift_case(case: str, one_pg: Server, cli: Any, tmp_path: Path) -> None:
    meta = CASES[case]
    if meta.get("no_history"):
        target = one_pg.create_db(meta["applied"])
    else:
        target = one_pg.create_db()
        _write_schema(tmp_path, meta["applied"])
        _plan_and_apply(cli, one_pg, target)
    if meta.get("by_hand"):
        with connection(target) as conn, conn.cursor() as cur:
            cur.execute(meta["by_hand"])
    _write_schema(tmp_path, meta.get("schema", meta["applied"]))
    if meta.get("drift_as_role"):
        role = meta["drift_as_role"]
        with connection(one_pg.dsn) as conn, conn.cursor() as cur:  # roles are cluster-wide
            cur.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", (role,))
            if cur.fetchone() is None:
                cur.execute(f'CREATE ROLE "{role}" LOGIN')
        target = target.with_params(user=role)
    outputs = [f"--output={f}=drift.{f}" for f in FORMATS]
    r = _drift(cli, one_pg, target, *meta.get("drift_args", []), *outputs)
    assert r.code == meta["exit"], f"exit {r.code}, expected {meta['exit']}\n{r.out}\n{r.err}"
    report = _check_formats(tmp_path, meta["exit"])
    assert report["mode"] == meta["mode"]
    for note in meta.get("notes", []):
        assert any(note in n for n in report["notes"]), report["notes"]
        assert note in r.out
    if meta["mode"] == "two-way":
        assert "two-way" in r.out
    got = {}
    for d in report["differences"]:
        loc = d["location"]
        where = str(loc["line"]) if loc["declared"] else "-"
        assert loc["path"] == "schema/10_items.sql"
        got[f"{d['kind']} {d['name']}"] = f"{d['classification']} @ {where}"
    assert got == meta["expect"]
    for name, expected in meta["expect"].items():  # the text report says the same, line by line
        line = next(x for x in r.out.splitlines() if x.startswith(f"  {name}: "))
        assert f"[{expected.split(' @ ')[0]}]" in line
        if not expected.endswith("-"):
            assert line.endswith(f"schema/10_items.sql:{expected.split(' @ ')[1]}")
    assert "\x1b[" not in r.out, "no colour when stdout is not a terminal"


def test_snapshot_survives_a_rollback(one_pg: Server, cli: Any, tmp_path: Path) -> None:
    """The rollback's apply stores its own snapshot: afterwards the old schema/ shows no drift and
    the new one shows pending changes, never out-of-band ones."""
    base, grown = CASES["pending_only"]["applied"], CASES["pending_only"]["schema"]
    target = one_pg.create_db(base)
    _write_schema(tmp_path, grown)
    plan = _plan_and_apply(cli, one_pg, target)
    r = cli("apply", plan["rollback"], "--target", target.conninfo, "--yes", "--allow-destructive")
    assert r.code == 0, r.err
    with connection(target) as conn:
        rows = fetch_all(
            conn,
            "SELECT plan_kind, snapshot IS NOT NULL, result_fingerprint FROM reconcile.history "
            "WHERE status = 'succeeded' ORDER BY id",
        )
    assert [(k, s) for k, s, _ in rows] == [("forward", True), ("rollback", True)]
    assert rows[1][2] == plan["expects_fingerprint"]
    r = _drift(cli, one_pg, target, "--format", "json")
    assert r.code == 2, r.err
    report = r.last_json
    assert report["mode"] == "three-way" and "(rollback)" in report["baseline"]
    assert {d["classification"] for d in report["differences"]} == {"pending"}
    _write_schema(tmp_path, base)
    r = _drift(cli, one_pg, target)
    assert r.code == 0, r.out + r.err


def test_fleet_reports_every_target_and_exits_with_the_worst(one_pg: Server, cli: Any, tmp_path: Path) -> None:
    base = CASES["no_drift"]["applied"]
    clean = one_pg.create_db(base)
    drifted = one_pg.create_db(base + "CREATE TABLE public.hotfix (id int);")
    # a shell type: a kind the diff cannot express, so the coverage guard stops this target alone
    unmodeled = one_pg.create_db(base + "CREATE TYPE public.total;")
    _write_schema(tmp_path, base)
    (tmp_path / "targets.yaml").write_text(
        yaml.safe_dump(
            {
                "parallel": 2,
                "targets": [
                    {"name": "clean", "url": clean.conninfo},
                    {"name": "gone", "url": "host=127.0.0.1 port=1 dbname=nowhere password=s3cret connect_timeout=3"},
                    {"name": "drifted", "url": drifted.conninfo},
                    {"name": "unset", "url": "${DRIFT_TEST_UNSET_DATABASE_URL}"},
                    {"name": "unmodeled", "url": unmodeled.conninfo},
                ],
            }
        )
    )
    r = cli(
        "drift", "--targets", "targets.yaml", "--schema-dir", "schema", "--scratch", one_pg.url(),
        "--output", "json=fleet.json",
    )  # fmt: skip
    assert r.code == 1, r.out + r.err
    lines = r.out.strip().splitlines()
    assert lines[0].startswith("clean: no drift")
    assert lines[1].startswith("gone: error (postgresql://127.0.0.1:1/nowhere)")
    assert lines[2].startswith("drifted: drift, 1 unknown")
    assert lines[3].startswith("unset: error") and "DRIFT_TEST_UNSET_DATABASE_URL is not set" in lines[3]
    assert lines[4].startswith("unmodeled: error") and "type public.total (target)" in lines[4]
    assert lines[5].startswith("5 target(s): 1 without drift, 1 drifted (0 out-of-band), 3 not checked")
    assert "s3cret" not in r.out + r.err + (tmp_path / "fleet.json").read_text()
    report = json.loads((tmp_path / "fleet.json").read_text())
    assert [(t["name"], t["exit_code"]) for t in report["targets"]] == [
        ("clean", 0), ("gone", 1), ("drifted", 2), ("unset", 1), ("unmodeled", 1),
    ]  # fmt: skip
    for t in report["targets"]:
        if t["report"] is not None:
            jsonschema.validate(t["report"], SCHEMA)


# ---- renderers alone (no database: what they do with sizes and characters) ----------------

ESCAPES = [
    # (text, as a message, as a property): GitHub's toolkit escapeData / escapeProperty
    ("50%", "50%25", "50%25"),
    ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
    ("schema/x.sql:12", "schema/x.sql:12", "schema/x.sql%3A12"),
    ("a,b", "a,b", "a%2Cb"),
    ("%0A", "%250A", "%250A"),
]


@pytest.mark.parametrize(("text", "data", "prop"), ESCAPES)
def test_workflow_command_escaping(text: str, data: str, prop: str) -> None:
    assert drift_report.escape_data(text) == data
    assert drift_report.escape_property(text) == prop


def _huge(n: int, classification: str = "out-of-band", columns: int = 120) -> DriftResult:
    defs = "CREATE TABLE …(" + ", ".join(f"col_{i} text" for i in range(columns)) + ")"
    diffs = tuple(
        DriftDifference(
            "table", f"public.t{i}", "changed", classification, defs, defs + " x", defs,
            f"--- target\n+++ schema/\n@@ -1 +1 @@\n-{defs}\n+{defs} x", f"schema/t.sql:{i + 1}",
        )
        for i in range(n)
    )  # fmt: skip
    fp = "sha256:" + "0" * 64
    return DriftResult(True, (), (), fp, fp, "postgresql://h/db", differences=diffs, three_way=True, baseline="#1")


def test_markdown_of_a_huge_drift_stays_under_githubs_limit() -> None:
    result = _huge(2_000)  # about 6 MB of diffs
    md = drift_report.drift_markdown(result)
    assert len(md.encode()) < drift_report.MARKDOWN_LIMIT < 1024 * 1024
    shown = md.count("<details>")
    assert 0 < shown < 2_000
    assert f"{2_000 - shown} more difference(s) not shown" in md
    assert md.count("```") % 2 == 0, "no code fence left open"


def test_annotations_are_capped_per_level_and_the_rest_summarised() -> None:
    notes = _annotations(drift_report.drift_github(_huge(25, columns=400)))
    assert [n[0] for n in notes] == ["error"] * drift_report.ANNOTATIONS_PER_LEVEL
    assert notes[-1][2].startswith("and 16 more error-level differences not annotated: table public.t9,")
    assert all(len(n[2]) < drift_report.ANNOTATION_DIFF + 500 for n in notes), "a long diff is cut"
    assert notes[0][2].endswith("… (cut)")


# ---- the composite action's step (action.yml runs .ci/drift-action.sh) ----------------------

ACTION_RUNS = [
    # (fail-on, fail): out-of-band drift fails unless fail-on is never
    ("out-of-band", "true"),
    ("never", "false"),
]


def test_action_step_writes_the_summary_and_fails_on_out_of_band(one_pg: Server, cli: Any, tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    meta = CASES["out_of_band_only"]
    target = one_pg.create_db()
    _write_schema(tmp_path, meta["applied"])
    _plan_and_apply(cli, one_pg, target)
    with connection(target) as conn, conn.cursor() as cur:
        cur.execute(meta["by_hand"])
    for fail_on, fail in ACTION_RUNS:
        summary, outputs, reports = tmp_path / f"summary-{fail_on}.md", tmp_path / f"out-{fail_on}", tmp_path / fail_on
        env = {k: v for k, v in os.environ.items() if not k.startswith(("RECONCILE_", "PG", "DATABASE_URL"))}
        env.update(
            DATABASE_URL=target.conninfo, SCHEMA_DIR="schema", FAIL_ON=fail_on, FORMAT="github",
            SCRATCH=one_pg.url(), REPORT_DIR=str(reports), GITHUB_STEP_SUMMARY=str(summary),
            GITHUB_OUTPUT=str(outputs), RECONCILE=str(Path(sys.executable).parent / "reconcile"),
        )  # fmt: skip
        p = subprocess.run(
            [str(REPO / ".ci" / "drift-action.sh")], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=300
        )
        assert p.returncode == 0, p.stdout + p.stderr
        got = dict(line.split("=", 1) for line in outputs.read_text().splitlines())
        assert got["exit-code"] == "5" and got["fail"] == fail, got
        assert got["sarif-file"] == str(reports / "drift.sarif") and Path(got["sarif-file"]).is_file()
        assert "out-of-band" in summary.read_text() and "schema/10_items.sql:3" in summary.read_text()
        assert [a[0] for a in _annotations(p.stdout)] == ["error"] * 3


@pytest.mark.parametrize(("no_color", "coloured"), [("", True), ("1", False)])
def test_text_is_coloured_only_on_a_terminal_without_no_color(
    one_pg: Server, tmp_path: Path, no_color: str, coloured: bool
) -> None:
    import os
    import pty
    import subprocess
    import sys

    meta = CASES["no_history"]
    target = one_pg.create_db(meta["applied"])
    _write_schema(tmp_path, meta["schema"])
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RECONCILE_", "NO_COLOR"))}
    env["NO_COLOR"] = no_color
    reconcile = str(Path(sys.executable).parent / "reconcile")
    parent, child = pty.openpty()  # stdout is a terminal
    p = subprocess.run(
        [reconcile, "drift", "--target", target.conninfo, "--schema-dir", "schema", "--scratch", one_pg.url()],
        cwd=tmp_path, env=env, stdout=child, stderr=subprocess.PIPE, timeout=300,
    )  # fmt: skip
    os.close(child)
    out = b""
    while True:
        try:
            chunk = os.read(parent, 65536)
        except OSError:  # EIO: the terminal's other end is closed and drained
            break
        if not chunk:
            break
        out += chunk
    os.close(parent)
    assert p.returncode == 2, p.stderr
    text = out.decode()
    assert "column public.items.name: differs" in text
    assert ("\x1b[" in text) is coloured


def test_fleet_of_two_major_versions_builds_schema_once_per_version(pool: ServerPool, cli: Any, tmp_path: Path) -> None:
    """Definitions print differently across majors, so each version gets its own scratch build
    (embedded, of the target's version): neither target is refused as a version mismatch."""
    servers = [s for s in (pool.get(m) for m in pool.versions()) if isinstance(s, Server)][:2]
    if len(servers) < 2:
        pytest.skip("needs servers of two PostgreSQL major versions (RECONCILE_TEST_URL gives one)")
    base = CASES["no_drift"]["applied"]
    _write_schema(tmp_path, base)
    try:
        targets = [{"name": f"pg{s.major}", "url": s.create_db(base).conninfo} for s in servers]
        (tmp_path / "targets.yaml").write_text(yaml.safe_dump({"targets": targets}))
        r = cli("drift", "--targets", "targets.yaml", "--schema-dir", "schema", "--format", "json")
        assert r.code == 0, r.out + r.err
        assert [(t["name"], t["exit_code"]) for t in r.last_json["targets"]] == [(t["name"], 0) for t in targets]
    finally:
        for s in servers:
            s.drop_created()
