"""Hazard classification against real catalogs: one entry of tests/hazards/cases.yaml per behaviour."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import Server
from reconciler.core.model import PlannedStatement
from reconciler.engine.hazards import classified, read_facts
from reconciler.pg.db import connection, execute
from reconciler.sql.hazards import classify

CASES = yaml.safe_load((Path(__file__).parent / "hazards" / "cases.yaml").read_text())


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hazards(case: dict[str, Any], pg: Server) -> None:
    target = pg.create_db(case["target"] or "select 1")
    with connection(target) as conn:
        execute(conn, "ANALYZE")
    facts = read_facts(target)
    if case.get("before"):  # statements of the plan before this one (what they prove counts)
        planned = (*(PlannedStatement(sql) for sql in case["before"]), PlannedStatement(case["statement"]))
        found = classified(planned, facts)[-1].hazards
    else:
        found = classify(case["statement"], facts)
    assert sorted({h.kind for h in found}) == sorted(case["expect"]), [h.describe() for h in found]
    if "rows" in case:
        first = next(h for h in found if h.kind == case["rows_kind"])
        assert first.rows == case["rows"], first.describe()
