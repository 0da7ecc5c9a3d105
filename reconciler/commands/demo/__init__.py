"""`reconcile demo`: the whole loop on an embedded "production" database, no server needed.

Starts PostgreSQL 16 (pgvector) as production, loads the app as it stood after migrations
001–004 plus a few rows, then drift → plan → apply → drift against this repository's schema/.
Yields (title, text) pairs; the CLI prints them.
"""

from __future__ import annotations

import dataclasses
import tempfile
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

from ...core.config import Config
from ...core.errors import DestructiveChangeError, ReconcileError, ScratchError
from ...core.model import SchemaSource
from ...engine.scratch.build import build
from ...engine.scratch.cluster import local_cluster
from ...engine.source import read_statements
from ...pg.binaries import find_binaries
from ...render.drift import drift_text
from ...render.results import apply_text, plan_text
from ..apply import apply_plan
from ..drift import check_drift
from ..plan import make_plan
from ..target import configured_target

DEMO_MAJOR = 16


def _demo_file(name: str) -> Path:
    return Path(str(resources.files("reconciler").joinpath("commands", "demo", name)))


def run_demo(config: Config, out_dir: Path | None = None) -> Iterator[tuple[str, str]]:
    if not config.schema_dir.is_dir():
        raise ReconcileError(
            f"no schema directory at {config.schema_dir}",
            hint="run `reconcile demo` from the repository root (it uses the repository's schema/)",
        )
    binaries = find_binaries(DEMO_MAJOR, extensions=("vector",))
    if binaries is None or not binaries.has_extension("vector"):
        raise ScratchError("the demo needs PostgreSQL 16 with pgvector", hint="pip install pgserver (it ships both)")
    with local_cluster(binaries) as production, tempfile.TemporaryDirectory(prefix="reconcile-demo-") as tmp:
        files = [*config.scratch_prelude, _demo_file("production.sql"), _demo_file("sample_data.sql")]
        statements = tuple(st for f in files for st in read_statements(f, config.display(f), data=True))
        build(production, SchemaSource((), statements, (), ""))
        yield (
            "1. production",
            f"Started an embedded PostgreSQL {binaries.version} ({binaries.origin}) as 'production' and loaded the app "
            "as it stood after migrations 001–004 (no scheduled messages, messaging windows or dead-letter queue; "
            "msg_type still has the invalid 'voice', which no row uses), with a few rows.",
        )
        cfg = dataclasses.replace(config, target_spec=production.conninfo, scratch="embedded")
        yield "2. reconcile drift (production vs schema/)", drift_text(check_drift(cfg))
        out = out_dir or Path(tmp)
        try:
            make_plan(cfg, name="catch_up_with_schema", out_dir=out)
            raise ReconcileError("the demo expected the plan to be blocked: schema/ removes msg_type's 'voice'")
        except DestructiveChangeError as blocked:
            yield "3. reconcile plan (blocked: exit 3, nothing written)", blocked.render()
        result = make_plan(cfg, name="catch_up_with_schema", out_dir=out, allow_destructive=True)
        assert result.migration is not None and result.rollback is not None
        yield "3b. reconcile plan --allow-destructive", plan_text(result)
        yield f"4. the migration: {result.migration.name}", result.migration.read_text(encoding="utf-8")
        yield f"5. its rollback: {result.rollback.name}", result.rollback.read_text(encoding="utf-8")
        applied = apply_plan(cfg, result.migration, target=configured_target(cfg))
        yield "6. reconcile apply --yes", apply_text(applied)
        again = apply_plan(cfg, result.migration, target=configured_target(cfg))
        yield "7. reconcile apply again (re-running is a no-op)", apply_text(again)
        after = check_drift(cfg)
        yield "8. reconcile drift", drift_text(after)
        if after.drift:
            raise ReconcileError("the demo ended with drift: this is a bug, please report it")
