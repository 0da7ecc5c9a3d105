"""bench/generate.py: the same N, K and seed give the same schema/; K changes change it; it parses.

Loading and planning generated schemas at scale is what `just bench` does; here, small ones show
that the incremental inspection gives the statements a whole one gives on the bench's variants.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import pytest

from conftest import Server, incremental_differs
from reconciler.core.model import SchemaFilter
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


@pytest.mark.parametrize("k", [1, 3, 8, 16])
def test_incremental_inspection_equals_whole_on_variants(k: int, pg: Server, tmp_path: Path) -> None:
    def loaded(variant: int) -> Any:
        folder = generate.write(80, tmp_path / f"v{variant}", variant=variant)
        return pg.create_db("".join(p.read_text() for p in sorted(folder.glob("*.sql"))))

    production, desired = loaded(0), loaded(k)
    why = incremental_differs(production, desired, SchemaFilter(), tmp_path / "rows")
    assert why is None, why
