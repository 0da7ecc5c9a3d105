"""Target versus desired: build the scratch database from schema/ and look at both sides.

The shared first half of `plan` and `drift`. Takes `SidesSettings` (what it uses of the
configuration); returns data; imports `cache`, `closure`, `coverage`, `db`, `diff`, `fingerprint`,
`model`, `scratch`, `source`, `sql`.
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

from ..core.model import Fingerprint, ObjectChange, SchemaFilter, SchemaSource
from ..pg.db import Dsn, connection, describe, fetch_one, major_of, server_version_num
from ..sql.parse import extensions_created_by
from . import cache
from .closure import restriction
from .coverage import Coverage, UnmodeledObjects, inventory, split
from .diff import Dep, Edges, Inspection, inspect, inspect_stored, read_dependencies
from .fingerprint import fingerprint
from .scratch import ScratchSettings, open_scratch
from .scratch.build import build
from .scratch.handle import Scratch
from .scratch.roles import stub_roles
from .source import SourceSettings, load_source


@dataclass(frozen=True, slots=True)
class SidesSettings:
    """What opening both sides uses of the configuration (built by `commands.settings.sides`)."""

    target: Callable[[], Dsn]  # resolved when needed: schema/ is read (and may fail) first
    schema_filter: SchemaFilter
    source: SourceSettings
    scratch: ScratchSettings
    cache: cache.CacheSettings
    allow_unmodeled: bool = False


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
    # The target's dependencies (`diff.read_dependencies`), read while the sides were opened:
    # what `inspect_sides` restricts the inspection with when the sides differ.
    dependencies: Future[tuple[Edges, tuple[Dep, ...]]] | None = None
    # The built scratch database's, read beside its fingerprint (a plan): `inspect_sides` restricts
    # with them and the cache's reading of the scratch database keeps them, neither reads them again.
    scratch_dependencies: Future[tuple[Edges, tuple[Dep, ...]]] | None = None
    desired_side: cache.DesiredSide | None = None  # what plan reads from the scratch, from the cache
    # The cache entry the built scratch was stored under, or that schema/'s side was read from.
    cache_key: cache.CacheKey | None = None
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


class _Ahead:
    """The target's dependencies, read from before it is known whether they are needed (the sides
    differ) until they are: `cancel()` stops the query on the server when they are not. The
    reading runs on a daemon thread; once it is cancelled, only its connection's end is waited for
    (its query may have ended already: what it still makes of the rows is not waited for)."""

    def __init__(self, target: Dsn, schema_filter: SchemaFilter) -> None:
        self._lock = threading.Lock()
        self._conn: Any = None
        self._cancelled = False
        self.disconnected = threading.Event()  # its connection is closed (or was never made)
        self.future: Future[tuple[Edges, tuple[Dep, ...]]] = Future()
        run = contextvars.copy_context().run
        threading.Thread(
            target=run, args=(self._read, target, schema_filter), name="reconcile-dependencies", daemon=True
        ).start()

    def _read(self, target: Dsn, schema_filter: SchemaFilter) -> None:
        if not self.future.set_running_or_notify_cancel():
            return
        try:
            self.future.set_result(read_dependencies(target, schema_filter, watch=self._watch))
        except BaseException as exc:  # handed to whoever asks for the result
            self.future.set_exception(exc)
        finally:
            self.disconnected.set()

    @contextlib.contextmanager
    def _watch(self, conn: Any) -> Iterator[None]:
        try:
            with self._lock:
                if self._cancelled:
                    raise _NotNeeded
                self._conn = conn
            yield
        finally:
            # closed here, under the lock: `cancel` never meets a connection being closed
            with self._lock:
                self._conn = None
                with contextlib.suppress(Exception):
                    conn.close()
            self.disconnected.set()

    def cancel(self) -> None:
        with self._lock:
            self._cancelled = True
            if self._conn is not None:
                with contextlib.suppress(Exception):
                    self._conn.cancel()


class _NotNeeded(Exception):
    """The dependencies were not needed after all (the sides are in sync)."""


@contextlib.contextmanager
def _reading_ahead(target: Dsn, schema_filter: SchemaFilter, wanted: bool) -> Iterator[_Ahead | None]:
    """`_Ahead` while the block runs (none unless `wanted`); cancelled when the block ends, so a
    reading nobody took holds neither the server nor the command's end."""
    if not wanted:
        yield None
        return
    ahead = _Ahead(target, schema_filter)
    try:
        yield ahead
    finally:
        ahead.cancel()
        # its session is gone when the command goes on (a caller may drop the database next)
        ahead.disconnected.wait(timeout=30)


@contextlib.contextmanager
def open_sides(
    settings: SidesSettings,
    *,
    alongside: Mapping[str, Callable[[Building], Any]] | None = None,
    desired_side: bool = False,
    scratch_for_cached: bool | Callable[[cache.CacheKey, int, Fingerprint], bool] = True,
    statements: bool = True,
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
      none with `scratch_for_cached=False` (or a function of the cache key, the server's major
      version and the target's fingerprint that says False: `scratch_for` makes one later).

    `statements` False: `Sides.source` without its statements once schema/ is built (a plan reads
    its files, digest and rename hints only; at 5,000 tables the statements are tens of MB)."""
    key = cache.key(settings.cache)
    if key is not None and cache.known(settings.cache, key):
        target = settings.target()
        version_num, version = target_version(target)
        entry = cache.load(settings.cache, key, major_of(version_num))
        if entry is not None:
            # A plan or drift that finds differences needs the target's dependencies: read on the
            # second core while the target is fingerprinted, cancelled when the sides are in sync.
            with (
                _reading_ahead(target, settings.schema_filter, desired_side) as ahead,
                ThreadPoolExecutor(max_workers=1, thread_name_prefix="reconcile-cached") as loading,
            ):
                # the cached desired side, read meanwhile: wanted when the sides differ (a file read
                # for nothing when they do not)
                cached = (
                    loading.submit(cache.load_side, settings.cache, key, major_of(version_num))
                    if desired_side
                    else None
                )
                target_fp = fingerprint(target, settings.schema_filter)
                side = None
                if target_fp.digest != entry.fingerprint.digest and cached is not None:
                    side = cached.result()
                if side is None and ahead is not None:
                    ahead.cancel()
                if target_fp.digest == entry.fingerprint.digest or side is not None:
                    yield from _cached_sides(
                        settings, target, version_num, version, key, entry, target_fp, side,
                        ahead.future if ahead is not None and side is not None else None,
                        alongside=alongside, scratch_for_cached=scratch_for_cached,
                    )  # fmt: skip
                    return
    source = load_source(settings.source)
    target = settings.target()
    version_num, version = target_version(target)
    extensions = extensions_created_by(st.text for st in source.statements)
    with contextlib.ExitStack() as stack:
        scratch = stack.enter_context(scratch_server(settings.scratch, version_num, extensions))
        # GRANT … TO a role of the target's cluster must load on scratch (roles are cluster-wide):
        # schema/ and the proof's copy of the target both need them.
        stub_roles(target, scratch.dsn)
        pool = stack.enter_context(ThreadPoolExecutor(max_workers=2, thread_name_prefix="reconcile-target"))
        light = dataclasses.replace(source, prelude=(), statements=())  # what the jobs alongside read
        early = stack.enter_context(_alongside(alongside, Building(scratch, version_num, light)))
        # With rename hints the diff starts from a renamed copy of the target instead.
        # Read while schema/ is built, for a plan (which has jobs alongside already); not with rename
        # hints (the diff starts from a renamed copy), nor for drift (without drift, the reading
        # would take the second core from the build for nothing; with it, it is read then).
        wanted = alongside is not None and not source.renames
        ahead = stack.enter_context(_reading_ahead(target, settings.schema_filter, wanted))
        # The target's side runs on a second core while the scratch database is built.
        target_side = pool.submit(fingerprint, target, settings.schema_filter)
        target_inventory = pool.submit(inventory, target, settings.schema_filter, "target")
        build(scratch.dsn, source)
        if not statements:
            source = light
        desired_inventory = pool.submit(inventory, scratch.dsn, settings.schema_filter, "schema/")
        # A plan restricts its inspection of schema/ with them (no wait once the sides are known to differ).
        scratch_deps = pool.submit(read_dependencies, scratch.dsn, settings.schema_filter) if wanted else None
        desired_fp = fingerprint(scratch.dsn, settings.schema_filter)
        desired = cache.Entry(desired_fp, desired_inventory.result())
        stored = key is not None and key.schema_digest == source.digest  # unchanged while it was read
        if stored:
            assert key is not None
            cache.store(settings.cache, key, major_of(version_num), desired)
        coverage = _checked(settings, target_inventory.result() + desired.inventory)
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
            dependencies=ahead.future if ahead is not None else None,
            scratch_dependencies=scratch_deps,
            cache_key=key if stored else None,
            extensions=extensions,
        )


def _cached_sides(
    settings: SidesSettings,
    target: Dsn,
    version_num: int,
    version: str,
    key: cache.CacheKey,
    entry: cache.Entry,
    target_fp: Fingerprint,
    side: cache.DesiredSide | None,
    dependencies: Future[tuple[Edges, tuple[Dep, ...]]] | None,
    *,
    alongside: Mapping[str, Callable[[Building], Any]] | None,
    scratch_for_cached: bool | Callable[[cache.CacheKey, int, Fingerprint], bool],
) -> Iterator[Sides]:
    """`open_sides`' sides when the cache knows schema/ (see there)."""
    source = SchemaSource((), (), key.files_list, key.schema_digest)
    coverage = _checked(settings, inventory(target, settings.schema_filter, "target") + entry.inventory)
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
        dependencies=dependencies,
        cache_key=key,
    )
    if callable(scratch_for_cached):
        scratch_for_cached = scratch_for_cached(key, major_of(version_num), target_fp)
    if side is None or not scratch_for_cached:
        yield dataclasses.replace(cached, desired_side=side, extensions=side.extensions if side else ())
        return
    with scratch_server(settings.scratch, version_num, side.extensions) as scratch:
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


@contextlib.contextmanager
def scratch_for(settings: ScratchSettings, sides: Sides) -> Iterator[Scratch]:
    """`sides`' scratch, or a new empty one when they were opened without one (the cached desired
    side, `scratch_for_cached` False): for a proof that turns out to be needed after all."""
    if sides.scratch.conninfo:
        yield sides.scratch_handle
        return
    with scratch_server(settings, sides.server_version_num, sides.extensions) as scratch:
        stub_roles(sides.target, scratch.dsn)  # the copy of the target restores its grants
        yield scratch


def scratch_server(
    settings: ScratchSettings, version_num: int, extensions: tuple[str, ...] = ()
) -> contextlib.AbstractContextManager[Scratch]:
    """An empty scratch database as configured (`scratch`, version mismatch, Docker image)."""
    return open_scratch(
        settings.spec,
        target_version_num=version_num,
        extensions=extensions,
        allow_version_mismatch=settings.allow_version_mismatch,
        docker_image=settings.docker_image,
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


def _checked(settings: SidesSettings, items: tuple[str, ...]) -> Coverage:
    """Fail on objects the diff cannot express that differ between the sides, unless allowed
    (allowed ones are returned to record); identical ones are returned as unchanged."""
    found = split(items)
    if found.differing and not settings.allow_unmodeled:
        raise UnmodeledObjects(found.differing)
    return found


def inspect_sides(
    sides: Sides, schema_filter: SchemaFilter, changes: tuple[ObjectChange, ...]
) -> tuple[Inspection, Inspection]:
    """Both sides as the diff engine reads them, restricted to what differs and what depends on it
    (`closure.restriction`): the target, and the built scratch or the cache's reading of it
    (`Sides.desired_side`). The target's dependencies come from `Sides.dependencies` when read ahead."""
    side = sides.desired_side
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="reconcile-inspect") as pool:
        scratch_read = (
            (sides.scratch_dependencies or pool.submit(read_dependencies, sides.scratch, schema_filter))
            if side is None
            else None
        )
        ahead = sides.dependencies
        target_edges, target_deps = (
            ahead.result() if ahead is not None else read_dependencies(sides.target, schema_filter)
        )
        if side is not None:
            only = restriction(changes, (target_edges, side.stored.edges))
            desired = pool.submit(inspect_stored, side.stored, schema_filter, "schema/ (cached)", only)
        else:
            assert scratch_read is not None
            scratch_edges, scratch_deps = scratch_read.result()
            only = restriction(changes, (target_edges, scratch_edges))
            desired = pool.submit(inspect, sides.scratch, schema_filter, "scratch", only=only, deps=scratch_deps)
        source = inspect(sides.target, schema_filter, "target", only=only, deps=target_deps)
        return source, desired.result()
