"""`reconcile plan --targets targets.yaml`: one proven plan per group of targets in the same state.

A use case: returns a FleetPlanResult, never prints. Every target (a database, or a tenant schema
of one, seen in schema/'s names) is fingerprinted; targets of one server major version and one
fingerprint form a group, and each group gets one plan (`make_plan` against its first target; with
the cache on, schema/ is built once for all of them). A group of tenant schemas is planned against
a copy of its first tenant's database with that schema renamed to schema/'s, and the plan in
schema/'s names is then proven on a copy of that tenant as it will run there (names mapped:
forward, re-run, rollback, each to the promised fingerprint). The fleet plan file
(`<stamp>_<name>.fleet.json`) lists the groups, their targets, plan files and checksums; it holds
no URL. Imports `compare`, `config`, `db`, `errors`, `fingerprint`, `fleet`, `model`, `plan`,
`runner`, `scratch`, `tenants`.
"""

from __future__ import annotations

import contextlib
import dataclasses
import json
import tempfile
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ...core.config import Config
from ...core.errors import ConfigError, ReconcileError
from ...core.model import Plan, PlanResult
from ...engine.compare import scratch_server, target_version
from ...engine.fingerprint import compare, fingerprint
from ...engine.planfile import read
from ...engine.scratch.copy import copy_schema
from ...engine.scratch.roles import stub_roles
from ...pg import runner
from ...pg.db import Dsn, connect, connection, execute, ident, major_of, redact
from .. import settings
from ..plan import make_plan
from ..plan import slug as plan_slug
from .targets import Fleet, Member, members, shaped_config

FLEET_FORMAT = 1
FLEET_SUFFIX = ".fleet.json"


@dataclass(frozen=True, slots=True)
class FleetGroup:
    number: int
    fingerprint: str  # the state its targets are in (schema/'s names)
    major: int
    targets: tuple[str, ...]
    planned_against: str  # the target the plan was made against
    plan: PlanResult | None = None
    error: str | None = None
    mapping: str | None = None  # tenant schemas: how the plan was proven with their names


@dataclass(frozen=True, slots=True)
class FleetPlanResult:
    path: Path | None
    groups: tuple[FleetGroup, ...]
    unplanned: tuple[tuple[str, str], ...]  # (target, why): unreachable, not listed, …

    @property
    def ok(self) -> bool:
        return not self.unplanned and all(g.error is None for g in self.groups)


def plan_fleet(
    config: Config,
    fleet: Fleet,
    *,
    name: str | None = None,
    out_dir: Path | None = None,
    allow_destructive: bool = False,
    skip_proof: bool = False,
    allow_hazards: tuple[str, ...] = (),
    now: datetime | None = None,
) -> FleetPlanResult:
    now = now or datetime.now(UTC)
    with contextlib.ExitStack() as stack:
        if not config.cache:
            # No cache (--no-cache, `cache: false`): one of this run's own, so schema/ is still built
            # once for every group (the first group's plan builds it, the others read it).
            own = stack.enter_context(tempfile.TemporaryDirectory(prefix="reconcile-fleet-cache-"))
            config = dataclasses.replace(config, cache=True, cache_dir=Path(own))
        return _plan_fleet(config, fleet, name, out_dir, allow_destructive, skip_proof, allow_hazards, now)


def _plan_fleet(
    config: Config,
    fleet: Fleet,
    name: str | None,
    out_dir: Path | None,
    allow_destructive: bool,
    skip_proof: bool,
    allow_hazards: tuple[str, ...],
    now: datetime,
) -> FleetPlanResult:
    every = members(fleet, config.schema_filter, fleet.parallel)
    unplanned: list[tuple[str, str]] = [(m.name, m.error) for m in every if m.error]

    def probe(m: Member) -> tuple[Member, int | None, str]:
        try:
            version_num = target_version(m.dsn)[0]
            return m, version_num, m.fingerprint(config.schema_filter).digest
        except ReconcileError as exc:
            return m, None, redact(" ".join(exc.message.split()))

    groups: dict[tuple[int, str], list[tuple[Member, int]]] = {}
    with ThreadPoolExecutor(max_workers=max(1, min(fleet.parallel, len(every)))) as pool:
        for m, version_num, digest in pool.map(probe, [m for m in every if not m.error]):
            if version_num is None:
                unplanned.append((m.name, digest))
            else:
                groups.setdefault((major_of(version_num), digest), []).append((m, version_num))
    slug = name or "migration"
    done = []
    for number, ((major, digest), group) in enumerate(groups.items(), 1):
        plan_name = f"{slug}_group{number}"
        done.append(
            _plan_group(
                config, number, major, digest, group, plan_name, out_dir, allow_destructive, skip_proof,
                allow_hazards, now,
            )
        )  # fmt: skip
    order = {m.name: i for i, m in enumerate(every)}
    unplanned.sort(key=lambda u: order.get(u[0], len(order)))
    result = FleetPlanResult(None, tuple(done), tuple(unplanned))
    folder = out_dir or config.migrations_dir
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{now.strftime('%Y%m%d%H%M%S')}_{plan_slug(slug)}{FLEET_SUFFIX}"
    path.write_text(json.dumps(fleet_json(result, folder, now), indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return dataclasses.replace(result, path=path)


def _plan_group(
    config: Config,
    number: int,
    major: int,
    digest: str,
    group: list[tuple[Member, int]],
    plan_name: str,
    out_dir: Path | None,
    allow_destructive: bool,
    skip_proof: bool,
    allow_hazards: tuple[str, ...],
    now: datetime,
) -> FleetGroup:
    names = tuple(m.name for m, _ in group)
    # A database of the group when it has one (planned as it is), else its first tenant schema.
    lead, version_num = next(((m, v) for m, v in group if m.schema_map is None), group[0])
    base = FleetGroup(number, digest, major, names, lead.name)
    kwargs: dict[str, Any] = {
        "name": plan_name,
        "out_dir": out_dir,
        "allow_destructive": allow_destructive,
        "skip_proof": skip_proof,
        "allow_hazards": allow_hazards,
        "now": now,
    }
    try:
        if lead.schema_map is None:
            result = make_plan(dataclasses.replace(config, target_spec=lead.target.spec), **kwargs)
        else:
            shaped = shaped_config(config, lead.schema_map.template)
            with _renamed_copy(config, lead, version_num) as copy:
                result = make_plan(dataclasses.replace(shaped, target_spec=copy.conninfo), **kwargs)
        mapping = None
        tenant = next(((m, v) for m, v in group if m.schema_map is not None), None)
        if tenant is not None and result.forward is not None:
            mapping = _prove_mapping(config, tenant[0], tenant[1], result)
        return dataclasses.replace(base, plan=result, mapping=mapping)
    except ReconcileError as exc:
        hint = f"; {exc.hint}" if exc.hint else ""
        return dataclasses.replace(base, error=redact(" ".join(exc.message.split()) + hint))


def _copy_of(config: Config, m: Member, version_num: int, scratch: Any) -> Dsn:
    """A copy of `m`'s database schema (every schema it has) on the scratch server."""
    stub_roles(m.dsn, scratch.dsn)
    into: Dsn = scratch.extra_database()
    copy_schema(m.dsn, into, version_num, m.filter(config.schema_filter))
    return into


@contextlib.contextmanager
def _renamed_copy(config: Config, m: Member, version_num: int) -> Iterator[Dsn]:
    """A copy of tenant `m`'s database with its schema renamed to schema/'s: what the group's plan
    is made against. Refused when the copy does not read as the tenant does with its names mapped
    (a definition that names the schema in a way the mapping does not follow)."""
    assert m.schema_map is not None
    smap = m.schema_map
    with scratch_server(settings.scratch(config), version_num) as scratch:
        into = _copy_of(config, m, version_num, scratch)
        with connection(into, purpose="tenant copy") as conn:
            old, new = (ident(n).as_string(conn) for n in (smap.schema, smap.template))
            execute(conn, f"ALTER SCHEMA {old} RENAME TO {new}")
        shaped = shaped_config(config, smap.template).schema_filter
        renamed, mapped = fingerprint(into, shaped), m.fingerprint(config.schema_filter)
        if renamed.digest != mapped.digest:
            differing = ", ".join(f"{c.kind} {c.name}" for c in compare(mapped, renamed)[:5])
            raise ConfigError(
                f"tenant schema {smap.schema} does not read the same renamed as with its name mapped "
                f"(differs: {differing}): a definition names the schema in a way reconcile cannot map",
                hint="qualify names in function bodies and defaults with the schema as an identifier "
                "(tenant_a.t), or plan this tenant as its own target",
            )
        yield into


def _prove_mapping(config: Config, m: Member, version_num: int, result: PlanResult) -> str:
    """Run the group's plan with `m`'s names on a copy of `m`'s database: forward, forward again
    (a no-op), rollback, each to the fingerprint the plan promises (read in schema/'s names)."""
    assert m.schema_map is not None and result.forward is not None
    smap = m.schema_map
    forward = smap.plan(result.forward)
    back = smap.plan(result.reverse) if result.reverse is not None else None
    timeouts = settings.timeouts(config)
    with scratch_server(settings.scratch(config), version_num) as scratch:
        copy = _copy_of(config, m, version_num, scratch)
        on_copy = dataclasses.replace(m, target=dataclasses.replace(m.target, spec=copy.conninfo))
        steps: list[tuple[str, Plan, str]] = [
            ("forward", forward, forward.header.produces_fingerprint),
            ("forward again", forward, forward.header.produces_fingerprint),
        ]
        if back is not None:
            steps.append(("rollback", back, back.header.produces_fingerprint))
        for what, plan, promised in steps:
            conn = connect(copy, autocommit=True, purpose=f"tenant proof: {what}")
            try:
                runner.run(conn, plan.statements, timeouts)
            except runner.StepFailure as failed:
                raise ReconcileError(
                    f"the plan with tenant {smap.schema}'s names failed its proof ({what}): "
                    f"step {failed.step}: {failed.fields.get('message')}",
                    hint="plan this tenant as its own target, or report the schema",
                ) from None
            finally:
                conn.close()
            got = on_copy.fingerprint(config.schema_filter).digest
            if got != promised:
                raise ReconcileError(
                    f"the plan with tenant {smap.schema}'s names failed its proof: after the {what} the "
                    f"copy is at {got[:19]}…, not the promised {promised[:19]}…",
                    hint="plan this tenant as its own target, or report the schema",
                )
    return f"passed on a copy of {m.name} with its names (forward, re-run, rollback)"


def fleet_json(result: FleetPlanResult, folder: Path, now: datetime) -> dict[str, Any]:
    groups = []
    for g in result.groups:
        p = g.plan
        entry: dict[str, Any] = {
            "group": g.number,
            "fingerprint": g.fingerprint,
            "server_major": g.major,
            "targets": list(g.targets),
            "planned_against": g.planned_against,
            "error": g.error,
            "mapping_proof": g.mapping,
            "plan": None,
            "rollback": None,
            "checksum": None,
            "produces": g.fingerprint,
            "changes": 0,
            "in_sync": p is not None and p.migration is None,
        }
        if p is not None and p.forward is not None and p.migration is not None:
            entry.update(
                plan=str(_relative(p.migration, folder)),
                rollback=str(_relative(p.rollback, folder)) if p.rollback else None,
                checksum=read(p.migration).header.checksum,
                produces=p.forward.header.produces_fingerprint,
                changes=p.changes,
                proof=p.proof,
            )
        groups.append(entry)
    return {
        "format": FLEET_FORMAT,
        "created_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "groups": groups,
        "unplanned": [{"target": n, "reason": why} for n, why in result.unplanned],
    }


def _relative(path: Path, folder: Path) -> Path:
    try:
        return path.resolve().relative_to(folder.resolve())
    except ValueError:
        return path.resolve()
