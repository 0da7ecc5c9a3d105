"""`reconcile drift --targets targets.yaml`: many databases against one scratch build of schema/.

A use case: returns one FleetEntry per target, never prints. Targets are probed in parallel; the
reachable ones are grouped by server major version (a scratch build must match it) and each group
is checked against one build, in a bounded thread pool (`parallel`, default 4). A target that
cannot be reached or checked is an entry with an error (exit 1); the others are still checked.
Imports `compare`, `config`, `coverage`, `db`, `drift`, `errors`, `fingerprint`, `model`, `source`.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .compare import Sides, open_sides, target_version
from .config import Config
from .coverage import UnmodeledObjects, inventory
from .db import Dsn, describe, major_of, redact
from .drift import Provenance, baseline, classify
from .errors import ConfigError, DatabaseError, ReconcileError
from .fingerprint import fingerprint
from .model import DriftResult, FleetEntry
from .source import load_source

DEFAULT_PARALLEL = 4
_VARIABLE = re.compile(r"\$\{(\w+)\}")  # `${VAR}`, as in reconcile.yaml's target


@dataclass(frozen=True, slots=True)
class FleetTarget:
    name: str
    spec: str  # a URL or key=value string, ${VAR} expanded
    error: str | None = None  # known before connecting (an unset variable): reported, never connected


@dataclass(frozen=True, slots=True)
class Fleet:
    targets: tuple[FleetTarget, ...]
    parallel: int = DEFAULT_PARALLEL


def load_targets(path: Path) -> Fleet:
    """Read targets.yaml: `targets:` a list of {name, url} (or a mapping name: url), `parallel: N`."""
    where = f"--targets {path}"
    if not path.is_file():
        raise ConfigError(f"{where}: no such file", hint="pass a YAML file listing `targets:` (name and url each)")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{where}: not valid YAML: {exc}") from None
    if not isinstance(data, dict) or "targets" not in data:
        raise ConfigError(f"{where}: expected a mapping with a `targets:` key", hint=_EXAMPLE)
    unknown = set(data) - {"targets", "parallel"}
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}", hint=_EXAMPLE)
    raw = data["targets"]
    items: list[tuple[Any, Any]]
    if isinstance(raw, dict):
        items = list(raw.items())
    elif isinstance(raw, list):
        items = []
        for i, t in enumerate(raw, 1):
            if not isinstance(t, dict) or set(t) - {"name", "url"} or "url" not in t:
                raise ConfigError(f"{where}: target #{i} must be a mapping with `url` (and `name`)", hint=_EXAMPLE)
            items.append((t.get("name") or f"target-{i}", t["url"]))
    else:
        raise ConfigError(f"{where}: `targets:` must be a list or a mapping", hint=_EXAMPLE)
    targets = []
    for name, url in items:
        if not isinstance(url, str) or not url.strip():
            raise ConfigError(f"{where}: target {name!r} has no url", hint=_EXAMPLE)
        unset = sorted({v for v in _VARIABLE.findall(url) if v not in os.environ})
        error = f"environment variable {', '.join(unset)} is not set (in {path})" if unset else None
        targets.append(FleetTarget(str(name), os.path.expandvars(url), error))
    if not targets:
        raise ConfigError(f"{where}: `targets:` is empty", hint=_EXAMPLE)
    names = [t.name for t in targets]
    if len(set(names)) != len(names):
        raise ConfigError(f"{where}: target names must be unique", hint=_EXAMPLE)
    parallel = data.get("parallel", DEFAULT_PARALLEL)
    if not isinstance(parallel, int) or parallel < 1:
        raise ConfigError(f"{where}: `parallel:` must be a whole number of at least 1")
    return Fleet(tuple(targets), parallel)


_EXAMPLE = "e.g.\n  parallel: 4\n  targets:\n    - name: tenant-a\n      url: ${TENANT_A_DATABASE_URL}"


def check_fleet(config: Config, fleet: Fleet) -> tuple[FleetEntry, ...]:
    """Every target's drift, in the file's order; errors are entries, not exceptions."""
    workers = max(1, min(fleet.parallel, len(fleet.targets)))
    entries: dict[str, FleetEntry] = {}
    majors: dict[str, int] = {}

    def probe(t: FleetTarget) -> tuple[FleetTarget, int | None, str | None]:
        if t.error:
            return t, None, t.error
        try:
            return t, target_version(Dsn(t.spec))[0], None
        except ReconcileError as exc:
            return t, None, _message(exc)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for t, version_num, error in pool.map(probe, fleet.targets):
            if version_num is None:
                entries[t.name] = FleetEntry(t.name, _label(t), None, error)
            else:
                majors[t.name] = major_of(version_num)
    groups: dict[int, list[FleetTarget]] = {}
    for t in fleet.targets:
        if t.name in majors:
            groups.setdefault(majors[t.name], []).append(t)
    for group in groups.values():
        for e in _check_group(config, group, workers):
            entries[e.name] = e
    return tuple(entries[t.name] for t in fleet.targets)


def _check_group(config: Config, group: list[FleetTarget], workers: int) -> list[FleetEntry]:
    """One scratch build for targets of one major version (opened with the first that can be)."""
    out: list[FleetEntry] = []
    pending = list(group)
    while pending:
        first = pending.pop(0)
        try:
            with open_sides(dataclasses.replace(config, target_spec=first.spec)) as sides:
                # schema/'s statements give the locations; the cache's fast path (schema/ unchanged,
                # first target in sync) yields the sides without them, so read them here then.
                source = sides.source if sides.source.statements else load_source(config)
                check = functools.partial(_entry, config, sides, Provenance.of(source))
                out.append(check(first, first=True))
                with ThreadPoolExecutor(max_workers=workers) as pool:
                    out += pool.map(check, pending)
                return out
        except (DatabaseError, UnmodeledObjects) as exc:  # this target's own trouble: build with the next
            if isinstance(exc, UnmodeledObjects) and _desired_items(exc.items):
                raise  # schema/'s own: every target would fail alike
            out.append(FleetEntry(first.name, _label(first), None, _message(exc)))
    return out


def _one(config: Config, sides: Sides, provenance: Provenance, dsn: Dsn, *, first: bool) -> DriftResult:
    schema_filter = config.schema_filter
    if first:  # open_sides fingerprinted it already
        target_fp, found = sides.target_fp, sides.unmodeled
    else:  # schema/'s side was inventoried with the first target (no scratch database needed)
        target_fp = fingerprint(dsn, schema_filter)
        found = inventory(dsn, schema_filter, "target") + _desired_items(sides.unmodeled)
        if found and not config.allow_unmodeled:
            raise UnmodeledObjects(found)
    snapshot, why_not = baseline(dsn)
    return classify(
        target_fp,
        sides.desired_fp,
        snapshot,
        provenance,
        schema_filter,
        target_label=describe(dsn),
        unmodeled=found,
        schema_digest=sides.source.digest,
        history_note=why_not,
    )


def _entry(config: Config, sides: Sides, provenance: Provenance, t: FleetTarget, first: bool = False) -> FleetEntry:
    try:
        return FleetEntry(t.name, _label(t), _one(config, sides, provenance, Dsn(t.spec), first=first))
    except ReconcileError as exc:
        return FleetEntry(t.name, _label(t), None, _message(exc))


def _desired_items(items: tuple[str, ...]) -> tuple[str, ...]:
    """The coverage guard's items of schema/'s side ("type public.r (schema/)")."""
    return tuple(i for i in items if " (schema/" in i)


def _label(t: FleetTarget) -> str:
    try:
        return describe(Dsn(t.spec))
    except ReconcileError:
        return redact(t.spec)


def _message(exc: ReconcileError) -> str:
    return redact(" ".join(exc.message.split()))
