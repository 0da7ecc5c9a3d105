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

from ...core.config import Config
from ...core.errors import ConfigError, DatabaseError, ReconcileError
from ...core.model import DriftResult, Fingerprint, FleetEntry, SchemaFilter
from ...engine.compare import Sides, open_sides, target_version
from ...engine.coverage import UnmodeledObjects, inventory
from ...engine.fingerprint import fingerprint
from ...engine.source import load_source
from ...engine.tenants import SchemaMap, matching, schema_names
from ...pg.db import Dsn, describe, major_of, redact
from .. import settings
from ..drift import Provenance, baseline, classify

DEFAULT_PARALLEL = 4
_VARIABLE = re.compile(r"\$\{(\w+)\}")  # `${VAR}`, as in reconcile.yaml's target


@dataclass(frozen=True, slots=True)
class FleetTarget:
    name: str
    spec: str  # a URL or key=value string, ${VAR} expanded
    error: str | None = None  # known before connecting (an unset variable): reported, never connected
    schemas: str | None = None  # a glob (tenant_*): each matching schema of the database is a target
    shaped_like: str | None = None  # with `schemas`: schema/'s schema the tenants are shaped like


@dataclass(frozen=True, slots=True)
class Fleet:
    targets: tuple[FleetTarget, ...]
    parallel: int = DEFAULT_PARALLEL
    # apply --targets' waves, as keys (the flags win): the first `canary` targets form the first
    # wave, then waves of `wave_size` ("N" or "P%" of the targets), `max_parallel` at a time
    canary: int | None = None
    wave_size: str | None = None
    max_parallel: int | None = None


@dataclass(frozen=True, slots=True)
class Member:
    """One target of a fleet: a database, or one tenant schema of a database (`db/schema`)."""

    name: str
    target: FleetTarget
    schema_map: SchemaMap | None = None
    error: str | None = None

    @property
    def dsn(self) -> Dsn:
        return Dsn(self.target.spec)

    def filter(self, base: SchemaFilter) -> SchemaFilter:
        return self.schema_map.schema_filter(base) if self.schema_map else base

    def fingerprint(self, base: SchemaFilter, lock_timeout: float | None = None) -> Fingerprint:
        """In schema/'s names (a tenant's schema written as the template's)."""
        if self.schema_map:
            return self.schema_map.fingerprint(self.dsn, base, lock_timeout=lock_timeout)
        return fingerprint(self.dsn, base, lock_timeout=lock_timeout)

    @property
    def label(self) -> str:
        where = _label(self.target)
        return f"{where}, schema {self.schema_map.schema}" if self.schema_map else where


def members(fleet: Fleet, schema_filter: SchemaFilter, parallel: int | None = None) -> tuple[Member, ...]:
    """Every target of the fleet in targets.yaml's order, a database's tenant schemas (by name)
    in its place. A database that cannot be listed is one member with the error."""

    def expand(t: FleetTarget) -> list[Member]:
        if t.schemas is None or t.error:
            return [Member(t.name, t, error=t.error)]
        template = t.shaped_like or (schema_filter.include[0] if len(schema_filter.include) == 1 else None)
        if template is None:
            return [
                Member(
                    t.name,
                    t,
                    error=f"target {t.name!r} lists tenant schemas ({t.schemas}) but not which schema of schema/ "
                    "they are shaped like: add `shaped_like: SCHEMA` to it (or manage one schema: include_schemas)",
                )
            ]
        try:
            names = schema_names(Dsn(t.spec))
            found = matching(names, t.schemas)
            if template in names and template not in found:
                raise ConfigError(
                    f"the database has a schema {template!r} itself, the name its tenants are mapped to: "
                    "a plan in schema/'s names could not tell the two apart",
                    hint="declare the tenants' shape in schema/ under a schema name the database does not use "
                    "(e.g. tenant_template), and name it with `shaped_like:`",
                )
        except ReconcileError as exc:
            return [Member(t.name, t, error=_message(exc) + (f"; {exc.hint}" if exc.hint else ""))]
        if not found:
            return [Member(t.name, t, error=f"no schema of the database matches {t.schemas!r}")]
        return [Member(f"{t.name}/{schema}", t, SchemaMap(schema, template)) for schema in found]

    workers = max(1, min(parallel or DEFAULT_PARALLEL, len(fleet.targets)))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        return tuple(m for ms in pool.map(expand, fleet.targets) for m in ms)


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
    unknown = set(data) - {"targets", "parallel", "canary", "wave_size", "max_parallel"}
    if unknown:
        raise ConfigError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}", hint=_EXAMPLE)
    raw = data["targets"]
    items: list[tuple[Any, Any]]
    tenants: dict[str, tuple[Any, Any]] = {}
    if isinstance(raw, dict):
        items = list(raw.items())
    elif isinstance(raw, list):
        items = []
        for i, t in enumerate(raw, 1):
            if not isinstance(t, dict) or set(t) - {"name", "url", "schemas", "shaped_like"} or "url" not in t:
                raise ConfigError(
                    f"{where}: target #{i} must be a mapping with `url` (and `name`, `schemas`, `shaped_like`)",
                    hint=_EXAMPLE,
                )
            items.append((t.get("name") or f"target-{i}", t["url"]))
            tenants[str(items[-1][0])] = (t.get("schemas"), t.get("shaped_like"))
    else:
        raise ConfigError(f"{where}: `targets:` must be a list or a mapping", hint=_EXAMPLE)
    targets = []
    for name, url in items:
        if not isinstance(url, str) or not url.strip():
            raise ConfigError(f"{where}: target {name!r} has no url", hint=_EXAMPLE)
        unset = sorted({v for v in _VARIABLE.findall(url) if v not in os.environ})
        error = f"environment variable {', '.join(unset)} is not set (in {path})" if unset else None
        schemas, shaped_like = tenants.get(str(name), (None, None))
        for key, value in (("schemas", schemas), ("shaped_like", shaped_like)):
            if value is not None and (not isinstance(value, str) or not value.strip()):
                raise ConfigError(f"{where}: target {name!r}: `{key}:` must be a schema name or pattern")
        targets.append(FleetTarget(str(name), os.path.expandvars(url), error, schemas, shaped_like))
    if not targets:
        raise ConfigError(f"{where}: `targets:` is empty", hint=_EXAMPLE)
    names = [t.name for t in targets]
    if len(set(names)) != len(names):
        raise ConfigError(f"{where}: target names must be unique", hint=_EXAMPLE)
    counts: dict[str, int | None] = {}
    for key in ("parallel", "canary", "max_parallel"):
        value = data.get(key)
        if value is not None and (not isinstance(value, int) or isinstance(value, bool) or value < (key != "canary")):
            raise ConfigError(f"{where}: `{key}:` must be a whole number of at least {int(key != 'canary')}")
        counts[key] = value
    wave_size = data.get("wave_size")
    if wave_size is not None:
        wave_size = str(wave_size)
        parse_wave_size(wave_size, f"{where}: `wave_size:`")
    return Fleet(
        tuple(targets),
        counts["parallel"] or DEFAULT_PARALLEL,
        counts["canary"],
        wave_size,
        counts["max_parallel"],
    )


def parse_wave_size(text: str, where: str = "--wave-size") -> tuple[int, bool]:
    """ "N" -> (N, False); "P%" -> (P, True)."""
    percent = text.strip().endswith("%")
    number = text.strip().removesuffix("%").strip()
    if not number.isdigit() or int(number) < 1 or (percent and int(number) > 100):
        raise ConfigError(f"{where} {text!r}: expected a number of targets (5) or a percentage of them (25%)")
    return int(number), percent


_EXAMPLE = (
    "e.g.\n  parallel: 4\n  targets:\n    - name: tenant-a\n      url: ${TENANT_A_DATABASE_URL}\n"
    "    - name: shared\n      url: ${SHARED_DATABASE_URL}\n      schemas: tenant_*\n      shaped_like: tenant"
)


def check_fleet(config: Config, fleet: Fleet) -> tuple[FleetEntry, ...]:
    """Every target's drift, in the file's order; errors are entries, not exceptions. A tenant
    schema is checked against schema/'s schema it is shaped like (its names mapped)."""
    workers = max(1, min(fleet.parallel, len(fleet.targets)))
    every = members(fleet, config.schema_filter, fleet.parallel)
    entries: dict[str, FleetEntry] = {}
    majors: dict[str, int] = {}

    def probe(m: Member) -> tuple[Member, int | None, str | None]:
        if m.error:
            return m, None, m.error
        try:
            return m, target_version(m.dsn)[0], None
        except ReconcileError as exc:
            return m, None, _message(exc)

    with ThreadPoolExecutor(max_workers=workers) as pool:
        for m, version_num, error in pool.map(probe, every):
            if version_num is None:
                entries[m.name] = FleetEntry(m.name, m.label, None, error)
            else:
                majors[m.name] = major_of(version_num)
    groups: dict[tuple[int, str | None], list[Member]] = {}
    for m in every:
        if m.name in majors:
            groups.setdefault((majors[m.name], m.schema_map.template if m.schema_map else None), []).append(m)
    for (_, template), group in groups.items():
        for e in _check_group(shaped_config(config, template), group, workers):
            entries[e.name] = e
    return tuple(entries[m.name] for m in every)


def shaped_config(config: Config, template: str | None) -> Config:
    """`config` for tenants shaped like schema/'s schema `template` (only it managed); as is for None."""
    if template is None:
        return config
    only = dataclasses.replace(config.schema_filter, include=(template,), exclude=())
    return dataclasses.replace(config, schema_filter=only)


def _check_group(config: Config, group: list[Member], workers: int) -> list[FleetEntry]:
    """One scratch build for targets of one major version (opened with the first that can be)."""
    out: list[FleetEntry] = []
    pending = list(group)
    while pending:
        first = pending.pop(0)
        try:
            with open_sides(settings.sides(dataclasses.replace(config, target_spec=first.target.spec))) as sides:
                # schema/'s statements give the locations; the cache's fast path (schema/ unchanged,
                # first target in sync) yields the sides without them, so read them here then.
                source = sides.source if sides.source.statements else load_source(settings.source(config))
                check = functools.partial(_entry, config, sides, Provenance.of(source))
                out.append(check(first, first=first.schema_map is None))
                with ThreadPoolExecutor(max_workers=workers) as pool:
                    out += pool.map(check, pending)
                return out
        except (DatabaseError, UnmodeledObjects) as exc:  # this target's own trouble: build with the next
            if isinstance(exc, UnmodeledObjects) and _desired_items(exc.items):
                raise  # schema/'s own: every target would fail alike
            out.append(FleetEntry(first.name, first.label, None, _message(exc)))
    return out


def _one(config: Config, sides: Sides, provenance: Provenance, m: Member, *, first: bool) -> DriftResult:
    schema_filter = config.schema_filter
    if first:  # open_sides fingerprinted it already
        target_fp, found = sides.target_fp, sides.unmodeled
    else:  # schema/'s side was inventoried with the first target (no scratch database needed)
        target_fp = m.fingerprint(schema_filter)
        found = inventory(m.dsn, m.filter(schema_filter), "target") + _desired_items(sides.unmodeled)
        if found and not config.allow_unmodeled:
            raise UnmodeledObjects(found)
    # a tenant's history is its database's (shared by every tenant): no three-way classification
    snapshot, why_not = baseline(m.dsn) if m.schema_map is None else (None, "a tenant schema: no per-tenant history")
    return classify(
        target_fp,
        sides.desired_fp,
        snapshot,
        provenance,
        schema_filter,
        target_label=m.label,
        unmodeled=found,
        schema_digest=sides.source.digest,
        history_note=why_not,
    )


def _entry(config: Config, sides: Sides, provenance: Provenance, m: Member, first: bool = False) -> FleetEntry:
    try:
        return FleetEntry(m.name, m.label, _one(config, sides, provenance, m, first=first))
    except ReconcileError as exc:
        return FleetEntry(m.name, m.label, None, _message(exc))


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
