"""Hazards of a plan and the policy that governs them.

Each planned statement is classified (`sql/hazards.py`) with facts read from the target
(`queries/hazard_facts.sql`). The policy (`hazards:` in reconcile.yaml: KIND -> error|warn|allow,
defaults in `model.DEFAULT_HAZARD_POLICY`) makes a kind stop the plan (exit 3) unless allowed for
the run (`--allow-hazards KIND[,KIND]` or `all`; `--allow-destructive` is DELETES_DATA) or, at
apply time, by an approval committed next to the plan (`<plan>.approval.yaml`: the kinds and the
plan's checksum; an approval of another plan does not count). Returns data; imports `db`,
`errors`, `model`, `sql`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import yaml

from ..core.errors import ConfigError, DestructiveChangeError, PlanFileError
from ..core.model import DEFAULT_HAZARD_POLICY, HAZARD_KINDS, HAZARD_LEVELS, Hazard, Plan, PlannedStatement
from ..pg.db import Dsn, connection, execute, fetch_iter, query
from ..sql.hazards import Facts, classify, dropped_tables, proven_not_null
from .fingerprint import INSPECT_SETTINGS

APPROVAL_SUFFIX = ".approval.yaml"


def read_facts(dsn: Dsn) -> Facts:
    relations: dict[str, tuple[str, int]] = {}
    columns: dict[str, str] = {}
    indexes: dict[str, str] = {}
    volatile: set[str] = set()
    existing: set[str] = set()
    bodies: dict[str, str] = {}
    with connection(dsn, purpose="hazard facts") as conn:
        execute(conn, INSPECT_SETTINGS)
        for what, name, detail, n in fetch_iter(conn, query("hazard_facts")):
            if what == "relation":
                relations[name] = (detail, int(n or 0))
            elif what == "column":
                columns[name] = detail
            elif what == "index":
                indexes[name] = detail
            elif what == "body":
                bodies[name] = detail or ""
            else:
                existing.add(name)
                if what == "function" and detail == "v":
                    volatile.add(name)
    return Facts(relations, columns, indexes, frozenset(volatile), frozenset(existing), bodies)


def classified(statements: Iterable[PlannedStatement], facts: Facts) -> tuple[PlannedStatement, ...]:
    """The statements with their hazards (judged knowing which tables the plan drops)."""
    statements = tuple(statements)
    dropping = frozenset(t for st in statements for t in dropped_tables(st.sql))
    facts = dataclasses.replace(facts, dropping=dropping, proven_not_null=proven_not_null(st.sql for st in statements))
    return tuple(dataclasses.replace(st, hazards=classify(st.sql, facts)) for st in statements)


def as_records(statements: Iterable[PlannedStatement]) -> tuple[dict[str, Any], ...]:
    """The plan header's `hazards`: one record per hazard, with its 1-based statement number."""
    return tuple(
        {"statement": n, "kind": h.kind, "reason": h.reason, "rows": h.rows}
        for n, st in enumerate(statements, 1)
        for h in st.hazards
    )


def from_records(records: Iterable[Mapping[str, Any]]) -> tuple[tuple[int, Hazard], ...]:
    return tuple(
        (int(r.get("statement", 0)), Hazard(str(r["kind"]), str(r.get("reason", "")), r.get("rows"))) for r in records
    )


def policy(configured: Mapping[str, str] | None) -> dict[str, str]:
    """The level of every kind: the defaults, overridden by `hazards:` in reconcile.yaml."""
    out = dict(DEFAULT_HAZARD_POLICY)
    for kind, level in (configured or {}).items():
        if kind not in HAZARD_KINDS:
            raise ConfigError(f"`hazards`: unknown hazard kind {kind!r}", hint=f"kinds: {', '.join(HAZARD_KINDS)}")
        if level not in HAZARD_LEVELS:
            raise ConfigError(f"`hazards`: {kind} must be one of {', '.join(HAZARD_LEVELS)}, not {level!r}")
        out[kind] = level
    return out


def parse_allowed(values: Iterable[str]) -> frozenset[str]:
    """`--allow-hazards` values: kinds separated by commas, or `all`."""
    out: set[str] = set()
    for value in values:
        for item in value.split(","):
            kind = item.strip().upper()
            if not kind:
                continue
            if kind == "ALL":
                return frozenset(HAZARD_KINDS)
            if kind not in HAZARD_KINDS:
                raise ConfigError(
                    f"--allow-hazards: unknown hazard kind {item.strip()!r}",
                    hint=f"kinds: {', '.join(HAZARD_KINDS)}, all",
                )
            out.add(kind)
    return frozenset(out)


def errors(
    hazards: Iterable[tuple[int, Hazard]], levels: Mapping[str, str], allowed: frozenset[str]
) -> tuple[str, ...]:
    """`step N: KIND: reason` for each hazard the policy makes an error and nothing allowed."""
    return tuple(
        f"statement {n}: {h.describe()}" for n, h in hazards if levels.get(h.kind) == "error" and h.kind not in allowed
    )


def warnings(hazards: Iterable[tuple[int, Hazard]], levels: Mapping[str, str]) -> tuple[str, ...]:
    return tuple(f"statement {n}: {h.describe()}" for n, h in hazards if levels.get(h.kind) == "warn")


def check(
    configured: Mapping[str, str],
    destructive: tuple[str, ...],
    found: tuple[tuple[int, Hazard], ...],
    allowed: frozenset[str] | set[str],
    *,
    when: str,
) -> tuple[str, ...]:
    """Raise (exit 3) on what the policy makes an error and nothing allowed; return the warnings.

    DELETES_DATA covers every removed item the summary lists as destructive (a dropped view or
    function too: other objects may rely on it), not only the statements that lose rows."""
    levels = policy(configured)
    allowed = frozenset(allowed)
    others = errors(((n, h) for n, h in found if h.kind != "DELETES_DATA"), levels, allowed)
    items = list(others)
    kinds = {
        h.kind for n, h in found if levels.get(h.kind) == "error" and h.kind not in allowed and h.kind != "DELETES_DATA"
    }
    if destructive and levels["DELETES_DATA"] == "error" and "DELETES_DATA" not in allowed:
        items = [*destructive, *items]
        kinds.add("DELETES_DATA")
    if items:
        raise blocked(tuple(items), kinds, when=when, hazards=others)
    return warnings(found, levels)


def blocked(
    items: tuple[str, ...], kinds: Iterable[str], *, when: str, hazards: tuple[str, ...] = ()
) -> DestructiveChangeError:
    names = sorted(set(kinds))
    return DestructiveChangeError(
        f"{when} has {len(items)} hazard(s) the policy does not allow:\n" + "\n".join(f"  - {i}" for i in items),
        items=tuple(i for i in items if i not in hazards),
        hazards=hazards,
        hint=f"review them; re-run with --allow-hazards {','.join(names)}"
        + (" (or --allow-destructive)" if names == ["DELETES_DATA"] else "")
        + ", set `hazards: {KIND: warn}` in reconcile.yaml, or commit an approval "
        "(`reconcile approve <plan> --allow KIND`) next to the plan",
    )


def approval_path(plan_path: Path) -> Path:
    return plan_path.with_name(plan_path.name.removesuffix(".sql") + APPROVAL_SUFFIX)


def write_approval(plan_path: Path, plan: Plan, kinds: frozenset[str], by: str | None) -> Path:
    path = approval_path(plan_path)
    data = {"plan": plan.header.name, "checksum": plan.header.checksum, "allow": sorted(kinds)}
    if by:
        data["approved_by"] = by
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def read_approval(plan_path: Path, plan: Plan) -> frozenset[str]:
    """Kinds an approval next to the plan allows; none without one. An approval whose checksum is
    another plan's is refused (it was given for different statements)."""
    path = approval_path(plan_path)
    if not path.is_file():
        return frozenset()
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise PlanFileError(f"{path}: invalid YAML: {exc}") from None
    if not isinstance(data, dict) or data.get("checksum") != plan.header.checksum:
        raise PlanFileError(
            f"{path} approves another plan (checksum {data.get('checksum') if isinstance(data, dict) else '?'}, "
            f"this plan is {plan.header.checksum})",
            hint="approvals name the plan they were given for; review this plan and approve it again "
            "with `reconcile approve`",
        )
    return parse_allowed(str(k) for k in data.get("allow") or ())
