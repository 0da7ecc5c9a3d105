"""`reconcile drift`: does the target match schema/? Object by object, for CI.

A use case: returns a DriftResult, never prints. Fast path: equal fingerprints mean no drift
without running the full diff.
"""

from __future__ import annotations

from .compare import open_sides
from .config import Config
from .diff import inspect, statements
from .fingerprint import compare
from .model import DriftResult


def check_drift(config: Config) -> DriftResult:
    with open_sides(config) as sides:
        if sides.in_sync:
            return DriftResult(
                False, (), (), sides.target_fp.digest, sides.desired_fp.digest, sides.target_label, sides.unmodeled
            )
        changes = compare(sides.target_fp, sides.desired_fp)
        stmts = statements(
            inspect(sides.target, config.schema_filter, "target"),
            inspect(sides.scratch, config.schema_filter, "scratch"),
        )
        return DriftResult(
            True, changes, stmts, sides.target_fp.digest, sides.desired_fp.digest, sides.target_label, sides.unmodeled
        )
