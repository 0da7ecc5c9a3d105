"""`reconcile apply --targets targets.yaml FLEET_PLAN` and `reconcile fleet matrix`: a fleet in waves.

A use case: returns a FleetApplyResult, never prints. The targets (targets.yaml's order, a
database's tenant schemas in its place) are cut into waves: the first `canary` targets, then waves
of `wave_size` (N, or P% of the targets), `max_parallel` targets at a time (tenant schemas of one
database one after another: one apply lock per database). Each target is applied with the
single-target apply (`apply_plan`: checksum, lock, stale refusal, timeouts, undo, history) and
its group's plan; a wave with a failure stops the run, later waves are left untouched and
reported as not reached. A re-run resumes: a target already at its plan's result is skipped as
already applied. `only` (names) runs one share of the fleet, as a matrix job or an indexed Job
does (`fleet matrix` prints the shares); `render.fleet` reports the result. Imports `apply`,
`config`, `errors`, `fleet`, `model`.
"""

from __future__ import annotations

import dataclasses
import json
import math
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...core.config import Config
from ...core.errors import ConfigError, PlanFileError, ReconcileError, StalePlanError
from ...core.model import (
    ALREADY,
    APPLIED,
    FAILED,
    FLEET_OK,
    NOT_PLANNED,
    NOT_REACHED,
    STALE,
    FleetApplyResult,
    TargetOutcome,
)
from ...engine.planfile import read
from ..apply import apply_plan
from .plan import FLEET_FORMAT, FLEET_SUFFIX
from .targets import Fleet, Member, members, parse_wave_size


@dataclass(frozen=True, slots=True)
class Waves:
    canary: int = 0
    wave_size: str | None = None  # "N" or "P%"; None: everything after the canary in one wave
    max_parallel: int = 1

    @staticmethod
    def of(fleet: Fleet, canary: int | None, wave_size: str | None, max_parallel: int | None) -> Waves:
        """Flags over targets.yaml's keys over the defaults (no canary, one wave, one at a time)."""
        size = wave_size if wave_size is not None else fleet.wave_size
        if size is not None:
            parse_wave_size(size)
        parallel = max_parallel if max_parallel is not None else (fleet.max_parallel or 1)
        if parallel < 1:
            raise ConfigError(f"--max-parallel {parallel}: expected at least 1")
        first = canary if canary is not None else (fleet.canary or 0)
        if first < 0:
            raise ConfigError(f"--canary {first}: expected 0 or more")
        return Waves(first, size, parallel)

    def cut(self, names: list[str]) -> list[list[str]]:
        """`names` (in order) as waves."""
        out: list[list[str]] = []
        rest = list(names)
        if self.canary:
            out.append(rest[: self.canary])
            rest = rest[self.canary :]
        if rest:
            if self.wave_size is None:
                out.append(rest)
            else:
                n, percent = parse_wave_size(self.wave_size)
                step = max(1, math.ceil(len(names) * n / 100)) if percent else n
                out += [rest[i : i + step] for i in range(0, len(rest), step)]
        return [w for w in out if w]


@dataclass(frozen=True, slots=True)
class _Group:
    number: int
    plan: Path | None  # None: the group was in sync (nothing to apply)
    produces: str
    error: str | None
    checksum: str | None = None


def read_fleet_plan(path: Path) -> tuple[dict[str, _Group], list[dict[str, Any]]]:
    """(group of each target name, unplanned entries) of a fleet plan file."""
    where = str(path)
    if not path.name.endswith(FLEET_SUFFIX) or not path.is_file():
        raise PlanFileError(
            f"{where} is not a fleet plan (a `*{FLEET_SUFFIX}` file written by `reconcile plan --targets`)"
        )
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise PlanFileError(f"{where}: cannot be read as a fleet plan ({exc})") from None
    if not isinstance(data, dict) or data.get("format") != FLEET_FORMAT:
        raise PlanFileError(f"{where}: fleet plan format {data.get('format') if isinstance(data, dict) else None!r} "
                            f"is not supported (expected {FLEET_FORMAT})")  # fmt: skip
    by_name: dict[str, _Group] = {}
    for g in data.get("groups", []):
        plan = path.parent / g["plan"] if g.get("plan") else None
        produces = str(g.get("produces") or g["fingerprint"])
        group = _Group(int(g["group"]), plan, produces, g.get("error"), g.get("checksum"))
        for name in g["targets"]:
            by_name[name] = group
    return by_name, list(data.get("unplanned", []))


def apply_fleet(
    config: Config,
    fleet: Fleet,
    fleet_plan: Path,
    waves: Waves,
    *,
    only: tuple[str, ...] = (),
    apply_one: Callable[..., Any] = apply_plan,
    **apply_kwargs: Any,
) -> FleetApplyResult:
    """`apply_kwargs` go to every target's `apply_plan` (backup_dir, allow_destructive, …)."""
    by_name, unplanned = read_fleet_plan(fleet_plan)
    every = members(fleet, config.schema_filter, fleet.parallel)
    if only:
        known = {m.name for m in every} | {t.name for t in fleet.targets}
        unknown = [n for n in only if n not in known]
        if unknown:
            raise ConfigError(
                f"--only {', '.join(unknown)}: no such target in targets.yaml",
                hint="use the names `reconcile fleet matrix` prints (a tenant schema is DATABASE/SCHEMA)",
            )
        every = tuple(m for m in every if m.name in only or m.target.name in only)
    outcomes: dict[str, TargetOutcome] = {}
    runnable: list[Member] = []
    why_unplanned = {u.get("target"): u.get("reason") for u in unplanned}
    for m in every:
        group = by_name.get(m.name)
        if m.error or group is None or group.error:
            reason = m.error or (group.error if group else None) or why_unplanned.get(m.name)
            reason = reason or "not in the fleet plan (added since it was made): re-run `reconcile plan --targets`"
            outcomes[m.name] = TargetOutcome(m.name, m.label, NOT_PLANNED, None, group.number if group else None,
                                             None, reason)  # fmt: skip
        else:
            runnable.append(m)
    cut = waves.cut([m.name for m in runnable])
    by = {m.name: m for m in runnable}
    stopped = None
    for number, wave in enumerate(cut, 1):
        if stopped is not None:
            for name in wave:
                m, g = by[name], by_name[name]
                outcomes[name] = TargetOutcome(
                    name, m.label, NOT_REACHED, number, g.number, _plan_name(g),
                    f"wave {stopped} had a failure; this wave was not started",
                )  # fmt: skip
            continue
        # tenant schemas of one database one after another (one apply lock per database)
        lanes: dict[str, list[Member]] = {}
        for name in wave:
            lanes.setdefault(by[name].target.spec, []).append(by[name])

        def lane(ms: list[Member], wave_number: int = number) -> list[TargetOutcome]:
            return [_apply(config, m, by_name[m.name], wave_number, apply_one, apply_kwargs) for m in ms]

        with ThreadPoolExecutor(max_workers=max(1, min(waves.max_parallel, len(lanes)))) as pool:
            for results in pool.map(lane, lanes.values()):
                for o in results:
                    outcomes[o.name] = o
        if any(outcomes[n].status not in FLEET_OK for n in wave):
            stopped = number
    ordered = tuple(outcomes[m.name] for m in every)
    return FleetApplyResult(fleet_plan, ordered, len(cut), stopped)


def _plan_name(g: _Group) -> str | None:
    return g.plan.name if g.plan else None


def _apply(
    config: Config, m: Member, g: _Group, wave: int, apply_one: Callable[..., Any], kwargs: dict[str, Any]
) -> TargetOutcome:
    base = TargetOutcome(m.name, m.label, FAILED, wave, g.number, _plan_name(g))
    try:
        if g.plan is None:  # the group was in sync: nothing to run, but say where the target is now
            now = m.fingerprint(config.schema_filter, config.lock_timeout).digest
            if now == g.produces:
                return dataclasses.replace(base, status=ALREADY)
            return dataclasses.replace(
                base, status=STALE, reason=f"no longer in the state it was planned in (found {now[:19]}…)"
            )
        if g.checksum and read(g.plan).header.checksum != g.checksum:
            return dataclasses.replace(
                base, reason=f"{g.plan.name} is not the plan the fleet plan names (its checksum differs)"
            )
        if kwargs.get("backup_dir") is not None:  # one folder per target: their dumps share the plan's name
            kwargs = {**kwargs, "backup_dir": kwargs["backup_dir"] / re.sub(r"[^A-Za-z0-9_.-]+", "_", m.name)}
        result = apply_one(config, g.plan, target=m.dsn, schema_map=m.schema_map, confirm=lambda plan: True, **kwargs)
        status = ALREADY if result.status == "already-applied" else APPLIED
        return dataclasses.replace(
            base, status=status, statements=result.statements, duration_s=result.duration_s,
            warnings=tuple(result.warnings),
        )  # fmt: skip
    except StalePlanError as exc:
        return dataclasses.replace(base, status=STALE, reason=_one_line(exc))
    except ReconcileError as exc:
        return dataclasses.replace(base, status=FAILED, reason=_one_line(exc))
    except Exception as exc:  # a bug on one target: reported with it, the wave still stops the run
        return dataclasses.replace(base, status=FAILED, reason=f"internal error: {type(exc).__name__}: {exc}")


def _one_line(exc: ReconcileError) -> str:
    from ...pg.db import redact

    text = exc.message + (f" ({exc.hint})" if exc.hint else "")
    return redact(" ".join(text.split()))


# ---- the matrix: shares of the fleet for an orchestrator -------------------------------------


def matrix_entries(
    fleet: Fleet, config: Config, waves: Waves, per: str, fleet_plan: Path | None
) -> list[dict[str, Any]]:
    """One entry per target (`per` "target") or per group and wave ("group": needs the fleet
    plan), in apply order: {name, only, wave, group}. `only` is what `apply --only` takes."""
    every = [m for m in members(fleet, config.schema_filter, fleet.parallel)]
    by_name = read_fleet_plan(fleet_plan)[0] if fleet_plan is not None else {}
    if per == "group" and fleet_plan is None:
        raise ConfigError("--per group needs the fleet plan (--plan FLEET_PLAN): groups are its", hint=None)
    names = [m.name for m in every]
    wave_of = {n: i for i, wave in enumerate(waves.cut(names), 1) for n in wave}
    entries: list[dict[str, Any]] = []
    if per == "target":
        for n in names:
            g = by_name.get(n)
            entries.append({"name": n, "only": n, "wave": wave_of[n], "group": g.number if g else None})
        return entries
    shares: dict[tuple[int, int | None], list[str]] = {}
    for n in names:
        g = by_name.get(n)
        shares.setdefault((wave_of[n], g.number if g else None), []).append(n)
    for (wave, group), ns in shares.items():
        label = f"group{group}" if group is not None else "not-planned"
        entries.append({"name": f"wave{wave}-{label}", "only": ",".join(ns), "wave": wave, "group": group})
    return entries


def github_matrix(entries: list[dict[str, Any]]) -> dict[str, Any]:
    """GitHub Actions `strategy.matrix` (use with fromJSON): `include` of the entries (a value
    that is unknown, such as the group without a fleet plan, is left out)."""
    return {"include": [{k: v for k, v in e.items() if v is not None} for e in entries]}
