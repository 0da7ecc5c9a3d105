"""bench/generate.py: the same N, K and seed give the same schema/; K changes change it; it parses.

No database: loading and planning generated schemas is what `just bench` does.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from reconciler.sql.parse import split

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
import generate


def _read(folder: Path) -> dict[str, str]:
    return {p.name: p.read_text() for p in sorted(folder.glob("*.sql"))}


@pytest.mark.parametrize(("n", "k"), [(30, 0), (30, 8), (120, 3)])
def test_generated_schema_is_deterministic_and_parses(n: int, k: int, tmp_path: Path) -> None:
    a = _read(generate.write(n, tmp_path / "a", variant=k))
    b = _read(generate.write(n, tmp_path / "b", variant=k))
    assert a == b
    statements = [st for text in a.values() for st in split(text)]
    nodes = {st.node for st in statements}
    assert {"CreateStmt", "IndexStmt", "ViewStmt", "CreateFunctionStmt", "CreateTrigStmt", "CreatePolicyStmt"} <= nodes
    assert sum(st.node == "CreateStmt" for st in statements) == n + (k // len(generate.KINDS))


def test_variant_applies_k_changes(tmp_path: Path) -> None:
    base = _read(generate.write(60, tmp_path / "base"))
    changed = _read(generate.write(60, tmp_path / "k8", variant=len(generate.KINDS)))
    differing = [name for name in base if base[name] != changed[name]]
    # One change of each kind: types (enum label), functions, tables, indexes and views all move.
    assert {"10_types.sql", "20_functions.sql", "30_tables.sql", "40_indexes.sql", "60_views.sql"} <= set(differing)
    assert _read(generate.write(60, tmp_path / "seed2", seed=2)) != base
