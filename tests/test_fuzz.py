"""The schema fuzzer (fuzz/): its generator's output loads, its comparator tells schemas apart,
and a fixed set of seeds holds reconcile's invariant on every PostgreSQL version.

A pair holds the invariant when `plan` writes a proven plan or refuses with a reason, and after
`apply` the target equals `to` by pg_dump, re-running executes no DDL, the rollback returns to
`from` and the rows both sides keep survive (fuzz/run.py: run_pair). `./dev fuzz` runs more.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import Server
from fuzz import compare
from fuzz.generate import make_pair, rows
from fuzz.run import CONVERGED, REFUSED, WRONG, prepare, record, run_pair

# CI's fixed seeds: 50 pairs per major (issue: at least 50 in CI; longer runs are `./dev fuzz`).
CI_SEEDS = range(1000, 1050)
LOAD_SEEDS = range(0, 40)
COMPARATOR = yaml.safe_load((Path(__file__).parent / "fuzz" / "comparator.yaml").read_text())


def _fuzz_server(pg: Server) -> Any:
    srv = prepare(pg.major, pg.dsn)
    if isinstance(srv, str):
        pytest.skip(srv)
    return srv


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """reconcile runs in-process: no RECONCILE_ setting of the caller's may reach it."""
    for var in list(os.environ):
        if var.startswith("RECONCILE_") and not var.startswith(("RECONCILE_TEST", "RECONCILE_CACHE_DIR")):
            monkeypatch.delenv(var)
    monkeypatch.delenv("DATABASE_URL", raising=False)


def test_generator_is_deterministic() -> None:
    features = frozenset({"citext", "vector"})
    for seed in (1, 7, 42):
        a, b = make_pair(seed, features), make_pair(seed, features)
        assert (a.before.render(), a.after.render(hints=True), a.edits) == (
            b.before.render(),
            b.after.render(hints=True),
            b.edits,
        )
    assert make_pair(1, features).before.render() != make_pair(2, features).before.render()


def test_generator_output_loads(pg: Server) -> None:
    """Both sides of every pair of a seed range load (with from's rows) on this major."""
    srv = _fuzz_server(pg)
    failures = []
    for seed in LOAD_SEEDS:
        pair = make_pair(seed, srv.features)
        for label, sql in (("from", pair.before.render() + "\n" + rows(pair.before)), ("to", pair.after.render())):
            try:
                srv.create_db(sql)
            except Exception as exc:
                failures.append(f"seed {seed} {label}: {str(exc).strip().splitlines()[0]}")
        srv.drop_created()
    assert not failures, "\n".join(failures)


@pytest.mark.parametrize("entry", COMPARATOR, ids=[e["name"].replace(" ", "_") for e in COMPARATOR])
def test_comparator(pg: Server, entry: dict[str, Any]) -> None:
    srv = _fuzz_server(pg)
    try:
        a, b = srv.dump(srv.create_db(entry["a"])), srv.dump(srv.create_db(entry["b"]))
    finally:
        srv.drop_created()
    assert compare.same(a, b) is entry["same"], a.diff(b)


@pytest.mark.parametrize("seed", CI_SEEDS)
def test_fuzz_pair(pg: Server, seed: int, tmp_path: Path, clean_env: None) -> None:
    srv = _fuzz_server(pg)
    pair = make_pair(seed, srv.features)
    try:
        outcome = run_pair(srv, pair, tmp_path / "pair")
    finally:
        srv.drop_created()
    assert outcome.status in (CONVERGED, REFUSED, WRONG)
    if outcome.status == WRONG:
        folder = record(Path(__file__).resolve().parent.parent / "fuzz-failures", pg.major, pair, outcome)
        pytest.fail(
            f"seed {seed} on PostgreSQL {pg.major}: {outcome.reason} (case folder: {folder}; "
            f"`./dev fuzz --pairs 1 --seed {seed} --pg {pg.major}` shrinks it)\n{outcome.detail[:4000]}"
        )
    if outcome.status == REFUSED:
        # a refusal is allowed, but must say why: a reason line, never an empty one
        assert outcome.reason.strip() and outcome.reason != "no message", outcome.detail
