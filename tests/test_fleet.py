"""Fleets on real PostgreSQL (issue 17): `plan --targets` (one proven plan per group of targets in
one state), `apply --targets` in waves (canary, stop after a failing wave, resume), `fleet matrix`
and `--only`/`--index` shares, schema-per-tenant targets (names mapped).

The data is in tests/fleet/: schema/ (one schema, `app`), the two states the targets start from
(state_a.sql, state_b.sql; `{schema}` is the schema's name) and mapping.yaml (the name mapping's
cases, INPUT = EXPECTED both ways). The behaviour does not depend on the server version, so it runs
on one server (the first of 15/16/18 this machine has).
"""

from __future__ import annotations

import collections
import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import psycopg2
import pytest
import yaml

from conftest import Server
from reconciler.core.model import SchemaFilter
from reconciler.engine.fingerprint import fingerprint
from reconciler.engine.planfile import read
from reconciler.engine.tenants import SchemaMap

DATA = Path(__file__).parent / "fleet"
MAPPING = yaml.safe_load((DATA / "mapping.yaml").read_text())
TENANTS = ("tenant_a", "tenant_b", "tenant_c")
APP = SchemaFilter(include=("app",))

# The shape GitHub Actions accepts as `strategy.matrix` from fromJSON(): an object whose keys are
# lists of values, or `include`/`exclude` lists of objects with scalar values; at most 256 jobs.
GITHUB_MATRIX = {
    "type": "object",
    "minProperties": 1,
    "properties": {
        "include": {
            "type": "array",
            "minItems": 1,
            "maxItems": 256,
            "items": {
                "type": "object",
                "minProperties": 1,
                "additionalProperties": {"type": ["string", "number", "boolean"]},
            },
        },
        "exclude": {"type": "array", "items": {"type": "object"}},
    },
    "additionalProperties": {"type": "array", "items": {"type": ["string", "number", "boolean", "object"]}},
}


def _state(name: str, schema: str) -> str:
    return (DATA / f"state_{name}.sql").read_text().replace("{schema}", schema)


def _fleet(one_pg: Server, tmp_path: Path, states: list[tuple[str, str]], tenant_state: str = "a") -> dict[str, Any]:
    """Databases named and in the states given, one schema-per-tenant database (`shared`, three
    tenants), schema/ and reconcile.yaml in tmp_path; returns {name: dsn}."""
    dbs = {name: one_pg.create_db(_state(state, "app")) for name, state in states}
    shared = one_pg.create_db("".join(_state(tenant_state, t) for t in TENANTS))
    shutil.copytree(DATA / "schema", tmp_path / "schema")
    (tmp_path / "reconcile.yaml").write_text(yaml.safe_dump({"include_schemas": ["app"], "scratch": one_pg.url()}))
    targets = [{"name": n, "url": d.conninfo} for n, d in dbs.items()]
    targets.append({"name": "shared", "url": shared.conninfo, "schemas": "tenant_*"})
    (tmp_path / "targets.yaml").write_text(yaml.safe_dump({"targets": targets}))
    return {**dbs, **{f"shared/{t}": (shared, t) for t in TENANTS}}


def _fp(where: Any) -> str:
    """A target's fingerprint in schema/'s names."""
    if isinstance(where, tuple):
        dsn, schema = where
        return SchemaMap(schema, "app").fingerprint(dsn, APP).digest
    return fingerprint(where, APP).digest


def _plan(cli: Any, *extra: str) -> tuple[Path, dict[str, Any]]:
    r = cli("plan", "--targets", "targets.yaml", "--out", "plans", "--name", "fleet", "--format", "json", *extra)
    assert r.code == 0, r.out + r.err
    data = r.last_json
    return Path(data["fleet_plan"]), data


def _statuses(report: dict[str, Any]) -> dict[str, tuple[str, int | None]]:
    return {t["name"]: (t["status"], t["wave"]) for t in report["targets"]}


def test_fleet_plans_once_per_state_applies_in_waves_stops_on_a_failure_and_resumes(
    one_pg: Server, cli: Any, tmp_path: Path
) -> None:
    where = _fleet(one_pg, tmp_path, [("a1", "a"), ("b1", "b"), ("a2", "a"), ("a3", "a"), ("b2", "b")])
    fleet_plan, data = _plan(cli, "--no-cache")  # the run's own cache still builds schema/ once
    assert fleet_plan.name.endswith("_fleet.fleet.json") and not data["unplanned"]
    groups = {tuple(g["targets"]): g for g in data["groups"]}
    # two states, two plans: the tenants are in state A, and read in schema/'s names they are A too
    assert set(groups) == {("a1", "a2", "a3", *(f"shared/{t}" for t in TENANTS)), ("b1", "b2")}
    produced = set()
    for g in groups.values():
        assert g["error"] is None and g["changes"] > 0 and g["proof"].startswith("passed")
        plan = read(fleet_plan.parent / g["plan"])
        assert plan.header.checksum == g["checksum"]
        assert (fleet_plan.parent / g["rollback"]).is_file()
        produced.add(g["produces"])
    assert len(produced) == 1  # both plans end at schema/
    # schema/ was built once: the other group's plan read it from the cache
    assert sorted("schema/ was not built" in g["proof"] for g in groups.values()) == [False, True]
    tenant_group = groups[("a1", "a2", "a3", *(f"shared/{t}" for t in TENANTS))]
    assert tenant_group["mapping_proof"].startswith("passed on a copy of shared/tenant_a")
    before = {name: _fp(w) for name, w in where.items()}

    # b1 (wave 2 with a2) cannot be read or changed: another session holds its table's lock
    blocker = psycopg2.connect(where["b1"].conninfo)
    try:
        blocker.cursor().execute("LOCK TABLE app.users IN ACCESS EXCLUSIVE MODE")
        r = cli(
            "apply", "--targets", "targets.yaml", str(fleet_plan), "--canary", "1", "--wave-size", "2",
            "--yes", "--lock-timeout", "0.2", "--lock-retries", "1", "--format", "json",
        )  # fmt: skip
    finally:
        blocker.rollback()
        blocker.close()
    assert r.code == 1, r.out + r.err
    report = r.last_json
    assert report["stopped_after_wave"] == 2 and report["waves"] == 5
    assert _statuses(report) == {
        "a1": ("applied", 1),
        "b1": ("failed", 2),
        "a2": ("applied", 2),
        "a3": ("not-reached", 3),
        "b2": ("not-reached", 3),
        "shared/tenant_a": ("not-reached", 4),
        "shared/tenant_b": ("not-reached", 4),
        "shared/tenant_c": ("not-reached", 5),
    }
    failed = next(t for t in report["targets"] if t["name"] == "b1")
    assert "lock_timeout" in failed["reason"] and "nothing was changed" in failed["reason"]
    for name in ("b1", "a3", "b2", *(f"shared/{t}" for t in TENANTS)):
        assert _fp(where[name]) == before[name], f"{name} was changed"
    # the reports next to the fleet plan say the same
    stem = fleet_plan.name.removesuffix(".fleet.json")
    assert json.loads((fleet_plan.parent / f"{stem}.apply.json").read_text()) == report
    markdown = (fleet_plan.parent / f"{stem}.apply.md").read_text()
    assert "| b1 | failed | 2 | " in markdown and "| shared/tenant_c | not-reached | 5 |" in markdown

    # the lock is gone: a re-run finishes the rest and skips what is done
    r = cli("apply", "--targets", "targets.yaml", str(fleet_plan), "--canary", "1", "--yes", "--format", "json")
    assert r.code == 0, r.out + r.err
    statuses = {n: s for n, (s, _) in _statuses(r.last_json).items()}
    assert statuses == {
        "a1": "already-applied",
        "a2": "already-applied",
        **{n: "applied" for n in ("b1", "a3", "b2", *(f"shared/{t}" for t in TENANTS))},
    }
    assert {_fp(w) for w in where.values()} == produced
    # the tenants' rows are still there, in their own schemas
    with psycopg2.connect(where["shared/tenant_b"][0].conninfo) as conn, conn.cursor() as cur:
        cur.execute("SELECT count(*), bool_and(NOT pinned) FROM tenant_b.notes")
        assert cur.fetchone() == (1, True)
        cur.execute("SELECT tenant_b.note_count(id) FROM tenant_b.users")
        assert cur.fetchone() == (1,)
    r = cli("drift", "--targets", "targets.yaml")
    assert r.code == 0, r.out + r.err
    assert "8 target(s): 8 without drift" in r.out


def test_fleet_matrix_is_a_github_matrix_whose_shares_cover_every_target_once(
    one_pg: Server, cli: Any, tmp_path: Path
) -> None:
    _fleet(one_pg, tmp_path, [("a1", "a"), ("b1", "b"), ("a2", "a")], tenant_state="b")
    fleet_plan, data = _plan(cli)
    assert len(data["groups"]) == 2
    members = ["a1", "b1", "a2", *(f"shared/{t}" for t in TENANTS)]
    matrices = {}
    for per in ("target", "group"):
        r = cli("fleet", "matrix", "--targets", "targets.yaml", "--format", "github", "--per", per,
                "--plan", str(fleet_plan), "--canary", "1")  # fmt: skip
        assert r.code == 0, r.out + r.err
        matrix = json.loads(r.out)
        jsonschema.validate(matrix, GITHUB_MATRIX)
        shares = [e["only"].split(",") for e in matrix["include"]]
        assert collections.Counter(n for s in shares for n in s) == collections.Counter(members), per
        assert len({e["name"] for e in matrix["include"]}) == len(matrix["include"])  # job names differ
        matrices[per] = matrix["include"]
    assert [e["wave"] for e in matrices["target"]] == [1, 2, 2, 2, 2, 2]
    # one group's share per job and wave (group 1: state A, group 2: state B and the tenants)
    assert [(e["wave"], e["group"], e["only"]) for e in matrices["group"]] == [
        (1, 1, "a1"),
        (2, 2, "b1,shared/tenant_a,shared/tenant_b,shared/tenant_c"),
        (2, 1, "a2"),
    ]
    # each job applies its share (as a matrix job would): together, every target exactly once
    seen: list[str] = []
    for entry in matrices["group"]:
        r = cli("apply", "--targets", "targets.yaml", str(fleet_plan), "--only", entry["only"], "--yes",
                "--format", "json")  # fmt: skip
        assert r.code == 0, r.out + r.err
        assert {t["status"] for t in r.last_json["targets"]} == {"applied"}
        seen += [t["name"] for t in r.last_json["targets"]]
    assert sorted(seen) == sorted(members)
    # an indexed Job: entry k of the per-target matrix; all done already
    for k, entry in enumerate(matrices["target"]):
        r = cli("apply", "--targets", "targets.yaml", str(fleet_plan), "--index", str(k), "--canary", "1",
                "--yes", "--format", "json")  # fmt: skip
        assert r.code == 0, r.out + r.err
        assert _statuses(r.last_json) == {entry["only"]: ("already-applied", 1)}
    # a Job per wave: entry 0 of wave 2 is wave 2's first target
    r = cli("apply", "--targets", "targets.yaml", str(fleet_plan), "--index", "0", "--wave", "2", "--canary", "1",
            "--yes", "--format", "json")  # fmt: skip
    assert r.code == 0 and _statuses(r.last_json) == {"b1": ("already-applied", 1)}, r.out + r.err
    r = cli("apply", "--targets", "targets.yaml", str(fleet_plan), "--only", "nosuch", "--yes")
    assert r.code != 0 and "--only nosuch: no such target" in r.err


def test_targets_that_cannot_be_planned_are_reported_and_the_rest_planned(
    one_pg: Server, cli: Any, tmp_path: Path
) -> None:
    _fleet(one_pg, tmp_path, [("a1", "a")])
    listed = yaml.safe_load((tmp_path / "targets.yaml").read_text())
    shared = listed["targets"][-1]["url"]
    # tenants cannot be mapped onto a schema their database has itself
    with psycopg2.connect(shared) as conn, conn.cursor() as cur:
        cur.execute("CREATE SCHEMA app")
    listed["targets"].append(
        {"name": "gone", "url": "host=127.0.0.1 port=1 dbname=x password=s3cret connect_timeout=3"}
    )
    (tmp_path / "targets.yaml").write_text(yaml.safe_dump(listed))
    r = cli("drift", "--targets", "targets.yaml")
    assert r.code == 1, r.out + r.err
    line = next(ln for ln in r.out.splitlines() if ln.startswith("shared:"))
    assert "has a schema 'app' itself" in line and "shaped_like" in line
    r = cli("plan", "--targets", "targets.yaml", "--out", "plans", "--format", "json")
    assert r.code == 1, r.out + r.err
    data = r.last_json
    assert [g["targets"] for g in data["groups"]] == [["a1"]] and data["groups"][0]["plan"]
    reasons = {u["target"]: u["reason"] for u in data["unplanned"]}
    assert list(reasons) == ["shared", "gone"] and "has a schema 'app' itself" in reasons["shared"]
    assert "s3cret" not in r.out + r.err + Path(data["fleet_plan"]).read_text()


@pytest.mark.parametrize("case", sorted(MAPPING))
def test_tenant_names_map_both_ways(case: str) -> None:
    c = MAPPING[case]
    m = SchemaMap(c["schema"], c["template"])
    assert m.to_tenant(c["template_text"]) == c["tenant_text"]
    assert m.to_template(c["tenant_text"]) == c["template_text"]
