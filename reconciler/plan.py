"""`reconcile plan`: diff target against schema/, write the forward plan and its rollback.

A use case: returns a PlanResult, never prints. Imports the layers below (compare, diff,
fingerprint, planfile, sql, model, errors).
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from . import __version__
from .compare import Sides, open_sides
from .config import Config
from .diff import engine_version, inspect, statements
from .errors import DestructiveChangeError, ReconcileError
from .fingerprint import compare, fold_parts, table_of
from .model import ObjectChange, Plan, PlanHeader, PlannedStatement, PlanResult
from .planfile import FORMAT_VERSION, write
from .sql.parse import split

# Kinds whose removal loses nothing a re-creation cannot restore.
_LOSSLESS = ("comment",)


def summarize(changes: tuple[ObjectChange, ...]) -> tuple[str, ...]:
    """One line per object: + added, - removed, ~ changed; parts of an added/removed table fold in."""
    sign = {"added": "+", "removed": "-", "changed": "~"}
    return tuple(f"{sign[c.change]} {c.kind} {c.name}" for c in fold_parts(changes))


def _enum_labels(definition: str | None) -> list[str]:
    # The fingerprint describes an enum as its labels, each printed by quote_literal().
    return [m.replace("''", "'") for m in re.findall(r"'((?:[^']|'')*)'", definition or "")]


def removed_items(changes: tuple[ObjectChange, ...]) -> tuple[str, ...]:
    """What a plan making these changes drops: objects, columns and enum values the target loses."""
    removed_tables = {c.name for c in changes if c.change == "removed" and c.kind in ("table", "foreign table")}
    items = []
    for c in changes:
        if c.change == "removed" and c.kind not in _LOSSLESS and table_of(c) not in removed_tables:
            items.append(f"{c.kind} {c.name}")
        elif c.change == "changed" and c.kind == "enum":
            # Rows holding a removed label cannot be cast to the new type.
            kept = set(_enum_labels(c.after))
            items += [f"enum value {c.name} '{v}'" for v in _enum_labels(c.before) if v not in kept]
    return tuple(items)


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return slug or "migration"


def _planned(sqls: tuple[str, ...]) -> tuple[PlannedStatement, ...]:
    out: list[PlannedStatement] = []
    for sql in sqls:
        for st in split(sql):
            out.append(PlannedStatement(st.text, st.transactional))
    return tuple(out)


def _flip(changes: tuple[ObjectChange, ...]) -> tuple[ObjectChange, ...]:
    back = {"added": "removed", "removed": "added", "changed": "changed"}
    return tuple(ObjectChange(c.kind, c.name, back[c.change], c.after, c.before) for c in changes)


def make_plan(
    config: Config,
    *,
    name: str | None = None,
    out_dir: Path | None = None,
    allow_destructive: bool = False,
    now: datetime | None = None,
) -> PlanResult:
    with open_sides(config) as sides:
        if sides.in_sync:
            return PlanResult(None, None, 0, (), (), None, None, sides.target_label, sides.scratch_label)
        return _plan(config, sides, name, out_dir, allow_destructive, now or datetime.now(UTC))


def _plan(
    config: Config, sides: Sides, name: str | None, out_dir: Path | None, allow_destructive: bool, now: datetime
) -> PlanResult:
    changes = compare(sides.target_fp, sides.desired_fp)
    i_target = inspect(sides.target, config.schema_filter, "target")
    i_desired = inspect(sides.scratch, config.schema_filter, "scratch")
    forward = _planned(statements(i_target, i_desired))
    backward = _planned(statements(i_desired, i_target))
    if not forward:
        raise ReconcileError(
            f"the target differs from schema/ in {len(changes)} object(s) that the diff engine "
            f"({engine_version()}) produces no statements for:\n"
            + "\n".join(f"  {line}" for line in summarize(changes)),
            hint="these differences are reported, not ignored: change them by hand or in schema/; "
            "`reconcile drift` shows each definition",
        )
    destructive = removed_items(changes)
    if destructive and not allow_destructive:
        raise DestructiveChangeError(
            f"the plan removes {len(destructive)} item(s) that hold data or that other objects may rely on:\n"
            + "\n".join(f"  - {d}" for d in destructive),
            items=destructive,
            hint="review them; re-run with --allow-destructive to write the plan anyway",
        )
    stamp = now.strftime("%Y%m%d%H%M%S")
    base = f"{stamp}_{_slug(name or 'migration')}"
    out = out_dir or config.migrations_dir
    common = {
        "format": FORMAT_VERSION,
        "created_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tool_version": __version__,
        "engine": engine_version(),
        "server_version": sides.server_version,
        "schema_digest": sides.source.digest,
        "include_schemas": config.schema_filter.include,
        "exclude_schemas": config.schema_filter.exclude,
    }
    fwd = Plan(
        PlanHeader(
            kind="forward",
            name=base,
            expects_fingerprint=sides.target_fp.digest,
            produces_fingerprint=sides.desired_fp.digest,
            statement_count=len(forward),
            destructive=destructive,
            allow_destructive=allow_destructive,
            **common,  # type: ignore[arg-type]
        ),
        summarize(changes),
        forward,
    )
    back_changes = _flip(changes)
    rev = Plan(
        PlanHeader(
            kind="rollback",
            name=base + ".rollback",
            expects_fingerprint=sides.desired_fp.digest,
            produces_fingerprint=sides.target_fp.digest,
            statement_count=len(backward),
            destructive=removed_items(back_changes),
            allow_destructive=False,
            **common,  # type: ignore[arg-type]
        ),
        summarize(back_changes),
        backward,
    )
    migration, rollback = out / f"{base}.sql", out / f"{base}.rollback.sql"
    write(fwd, migration)
    write(rev, rollback)
    return PlanResult(
        migration, rollback, len(forward), destructive, fwd.summary, fwd, rev, sides.target_label, sides.scratch_label
    )
