"""Target versus desired: build the scratch database from schema/ and look at both sides.

The shared first half of `plan` and `drift`. Returns data; imports `cache`, `closure`, `config`,
`coverage`, `db`, `diff`, `fingerprint`, `model`, `scratch`, `source`, `sql`.
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import threading
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

from . import cache
from .closure import restriction
from .config import Config
from .coverage import Coverage, UnmodeledObjects, inventory, split
from .db import Dsn, connection, describe, fetch_one, major_of, server_version_num
from .diff import Edges, Inspection, inspect, inspect_stored, read_edges
from .fingerprint import fingerprint
from .model import Fingerprint, ObjectChange, SchemaFilter, SchemaSource
from .scratch import Scratch, open_scratch
from .scratch.build import build
from .scratch.roles import stub_roles
from .source import load_source
from .sql.parse import extensions_created_by


@dataclass(frozen=True, slots=True)
class Sides:
    source: SchemaSource
    target: Dsn
    target_label: str
    scratch: Dsn
    scratch_label: str
    scratch_handle: Scratch
    server_version_num: int
    server_version: str
    target_fp: Fingerprint
    desired_fp: Fingerprint
    unmodeled: tuple[str, ...]  # objects of kinds the diff cannot express that differ (coverage guard)
    unmanaged: tuple[str, ...]  # such objects identical on both sides: unmanaged, unchanged
    # What `open_sides(alongside=…)` started while the scratch database was built, by name.
    early: Mapping[str, Future[Any]] = field(default_factory=dict)
    desired_side: cache.DesiredSide | None = None  # what plan reads from the scratch, from the cache
    cache_key: cache.CacheKey | None = None  # the cache entry the built scratch was stored under
    extensions: tuple[str, ...] = ()  # the extensions schema/ creates

    @property
    def in_sync(self) -> bool:
        return self.target_fp.digest == self.desired_fp.digest


def target_version(dsn: Dsn) -> tuple[int, str]:
    with connection(dsn, purpose="version") as conn:
        row = fetch_one(conn, "SHOW server_version")
        return server_version_num(conn), str(row[0]).split()[0] if row else "?"


@dataclass(frozen=True, slots=True)
class Building:
    """What a job started alongside the scratch build gets: the scratch (still being loaded), the
    target's server version and schema/ as read."""

    scratch: Scratch
    server_version_num: int
    source: SchemaSource
    # Set when the sides are closed: a job still running may stop early (its result is not used).
    stop: threading.Event = field(default_factory=threading.Event)
    # Whether schema/ is built into `scratch` (not when plan reads the desired side from the cache).
    built: bool = True


@contextlib.contextmanager
def open_sides(
    config: Config,
    *,
    alongside: Mapping[str, Callable[[Building], Any]] | None = None,
    desired_side: bool = False,
    scratch_for_cached: bool = True,
) -> Iterator[Sides]:
    """Parse schema/ first (no database touched on a syntax error), then build and fingerprint.

    `alongside`: jobs that need only the target (and a database of their own on the scratch
    server) run on the second core while the scratch database is built; their futures are
    `Sides.early` (an error is raised by `.result()`, so a job the caller ends up not needing costs
    nothing but its time). They are not run when the sides are in sync by the cache.

    Fast paths, when the cache has the desired fingerprint of schema/ exactly as it is on disk
    (files, settings, tool, server major); schema/ is then not parsed again (it parsed and built
    when the entry was written):
    - the target matches it: the sides are in sync, no scratch database at all;
    - `desired_side` and the cache has what plan reads from a built scratch (`cache.DesiredSide`):
      `Sides.desired_side` holds it and `scratch` is an empty database (for the proof's copy), or
      none with `scratch_for_cached=False`."""
    key = cache.key(config)
    if key is not None and cache.known(config, key):
        target = config.target()
        version_num, version = target_version(target)
        entry = cache.load(config, key, major_of(version_num))
        if entry is not None:
            target_fp = fingerprint(target, config.schema_filter)
            side = None
            if target_fp.digest != entry.fingerprint.digest and desired_side:
                side = cache.load_side(config, key, major_of(version_num))
            if target_fp.digest == entry.fingerprint.digest or side is not None:
                source = SchemaSource((), (), key.files_list, key.schema_digest)
                coverage = _checked(config, inventory(target, config.schema_filter, "target") + entry.inventory)
                label = "none: schema/ is unchanged since its desired fingerprint was cached"
                cached = Sides(
                    source=source,
                    target=target,
                    target_label=describe(target),
                    scratch=Dsn(""),
                    scratch_label=label,
                    scratch_handle=Scratch(Dsn(""), label),
                    server_version_num=version_num,
                    server_version=version,
                    target_fp=target_fp,
                    desired_fp=entry.fingerprint,
                    unmodeled=coverage.differing,
                    unmanaged=coverage.unchanged,
                )
                if side is None or not scratch_for_cached:
                    yield dataclasses.replace(cached, desired_side=side)
                    return
                with _scratch(config, version_num, side.extensions) as scratch:
                    # The proof's copy of the target restores its grants: its roles must exist there.
                    stub_roles(target, scratch.dsn)
                    with _alongside(alongside, Building(scratch, version_num, source, built=False)) as early:
                        yield dataclasses.replace(
                            cached,
                            scratch=scratch.dsn,
                            scratch_label=f"{scratch.description} (schema/ not built: unchanged since it was cached)",
                            scratch_handle=scratch,
                            early=early,
                            desired_side=side,
                            extensions=side.extensions,
                        )
                return
    source = load_source(config)
    target = config.target()
    version_num, version = target_version(target)
    extensions = extensions_created_by(st.text for st in source.statements)
    with contextlib.ExitStack() as stack:
        scratch = stack.enter_context(_scratch(config, version_num, extensions))
        # GRANT … TO a role of the target's cluster must load on scratch (roles are cluster-wide):
        # schema/ and the proof's copy of the target both need them.
        stub_roles(target, scratch.dsn)
        pool = stack.enter_context(ThreadPoolExecutor(max_workers=2, thread_name_prefix="reconcile-target"))
        early = stack.enter_context(_alongside(alongside, Building(scratch, version_num, source)))
        # The target's side runs on a second core while the scratch database is built.
        target_side = pool.submit(fingerprint, target, config.schema_filter)
        target_inventory = pool.submit(inventory, target, config.schema_filter, "target")
        build(scratch.dsn, source)
        desired_inventory = pool.submit(inventory, scratch.dsn, config.schema_filter, "schema/")
        desired_fp = fingerprint(scratch.dsn, config.schema_filter)
        desired = cache.Entry(desired_fp, desired_inventory.result())
        stored = key is not None and key.schema_digest == source.digest  # unchanged while it was read
        if stored:
            assert key is not None
            cache.store(config, key, major_of(version_num), desired)
        coverage = _checked(config, target_inventory.result() + desired.inventory)
        yield Sides(
            source=source,
            target=target,
            target_label=describe(target),
            scratch=scratch.dsn,
            scratch_label=scratch.description,
            scratch_handle=scratch,
            server_version_num=version_num,
            server_version=version,
            target_fp=target_side.result(),
            desired_fp=desired_fp,
            unmodeled=coverage.differing,
            unmanaged=coverage.unchanged,
            early=early,
            cache_key=key if stored else None,
            extensions=extensions,
        )


def _scratch(
    config: Config, version_num: int, extensions: tuple[str, ...]
) -> contextlib.AbstractContextManager[Scratch]:
    return open_scratch(
        config.scratch,
        target_version_num=version_num,
        extensions=extensions,
        allow_version_mismatch=config.allow_version_mismatch,
        docker_image=config.docker_image,
    )


@contextlib.contextmanager
def _alongside(
    jobs: Mapping[str, Callable[[Building], Any]] | None, building: Building
) -> Iterator[Mapping[str, Future[Any]]]:
    """Start `jobs` (each on its own thread, in a copy of the context so its progress shows)."""
    with ThreadPoolExecutor(max_workers=max(1, len(jobs or ())), thread_name_prefix="reconcile-alongside") as pool:
        try:
            yield {
                name: pool.submit(contextvars.copy_context().run, job, building) for name, job in (jobs or {}).items()
            }
        finally:
            # An error or an in-sync result: jobs not yet started never start, running ones are
            # told to stop and end before the scratch is dropped.
            building.stop.set()
            pool.shutdown(wait=True, cancel_futures=True)


def _checked(config: Config, items: tuple[str, ...]) -> Coverage:
    """Fail on objects the diff cannot express that differ between the sides, unless allowed
    (allowed ones are returned to record); identical ones are returned as unchanged."""
    found = split(items)
    if found.differing and not config.allow_unmodeled:
        raise UnmodeledObjects(found.differing)
    return found


def inspect_sides(
    sides: Sides, schema_filter: SchemaFilter, changes: tuple[ObjectChange, ...]
) -> tuple[Inspection, Inspection]:
    """Both sides as the diff engine reads them, restricted to what differs and what depends on it
    (`closure.restriction`): the target, and the built scratch or the cache's reading of it
    (`Sides.desired_side`). The target's edges come from `Sides.early["target edges"]` when started."""
    side = sides.desired_side
    early = sides.early.get("target edges")
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="reconcile-inspect") as pool:
        desired_edges = pool.submit(read_edges, sides.scratch, schema_filter) if side is None else None
        target_edges: Edges = early.result() if early is not None else read_edges(sides.target, schema_filter)
        d_edges = side.stored.edges if side is not None else desired_edges.result()  # type: ignore[union-attr]
        only = restriction(changes, (target_edges, d_edges))
        if side is not None:
            desired = pool.submit(inspect_stored, side.stored, schema_filter, "schema/ (cached)", only)
        else:
            desired = pool.submit(inspect, sides.scratch, schema_filter, "scratch", only=only)
        source = inspect(sides.target, schema_filter, "target", only=only)
        return source, desired.result()
