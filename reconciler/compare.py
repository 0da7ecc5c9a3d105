"""Target versus desired: build the scratch database from schema/ and look at both sides.

The shared first half of `plan` and `drift`. Returns data; imports `cache`, `config`, `coverage`,
`db`, `fingerprint`, `model`, `scratch`, `source`, `sql`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from . import cache
from .config import Config
from .coverage import UnmodeledObjects, inventory
from .db import Dsn, connection, describe, fetch_one, major_of, server_version_num
from .fingerprint import fingerprint
from .model import Fingerprint, SchemaSource
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
    unmodeled: tuple[str, ...]  # objects of kinds the diff cannot express (coverage guard)
    scratch_built: bool = True  # False: in sync by the cache's fast path, `scratch` is not a database

    @property
    def in_sync(self) -> bool:
        return self.target_fp.digest == self.desired_fp.digest


def target_version(dsn: Dsn) -> tuple[int, str]:
    with connection(dsn, purpose="version") as conn:
        row = fetch_one(conn, "SHOW server_version")
        return server_version_num(conn), str(row[0]).split()[0] if row else "?"


@contextlib.contextmanager
def open_sides(config: Config) -> Iterator[Sides]:
    """Parse schema/ first (no database touched on a syntax error), then build and fingerprint.

    Fast path: when the cache has the desired fingerprint of schema/ exactly as it is on disk
    (files, settings, tool, server major) and the target matches it, no scratch database is built
    and schema/ is not parsed again (it parsed and built when the entry was written): the sides
    are in sync and `scratch_built` is False."""
    key = cache.key(config)
    if key is not None and cache.known(config, key):
        target = config.target()
        version_num, version = target_version(target)
        entry = cache.load(config, key, major_of(version_num))
        if entry is not None:
            target_fp = fingerprint(target, config.schema_filter)
            if target_fp.digest == entry.fingerprint.digest:
                label = "none: schema/ is unchanged since its desired fingerprint was cached"
                yield Sides(
                    source=SchemaSource((), (), key.files_list, key.schema_digest),
                    target=target,
                    target_label=describe(target),
                    scratch=Dsn(""),
                    scratch_label=label,
                    scratch_handle=Scratch(Dsn(""), label),
                    server_version_num=version_num,
                    server_version=version,
                    target_fp=target_fp,
                    desired_fp=entry.fingerprint,
                    unmodeled=_checked(config, inventory(target, config.schema_filter, "target") + entry.inventory),
                    scratch_built=False,
                )
                return
    source = load_source(config)
    target = config.target()
    version_num, version = target_version(target)
    extensions = extensions_created_by(st.text for st in source.statements)
    with open_scratch(
        config.scratch,
        target_version_num=version_num,
        extensions=extensions,
        allow_version_mismatch=config.allow_version_mismatch,
        docker_image=config.docker_image,
    ) as scratch:
        # The target's side runs on a second core while the scratch database is built.
        with ThreadPoolExecutor(max_workers=2, thread_name_prefix="reconcile-target") as pool:
            target_side = pool.submit(fingerprint, target, config.schema_filter)
            target_inventory = pool.submit(inventory, target, config.schema_filter, "target")
            # GRANT … TO a role of the target's cluster must load on scratch (roles are cluster-wide).
            stub_roles(target, scratch.dsn)
            build(scratch.dsn, source)
            desired_inventory = pool.submit(inventory, scratch.dsn, config.schema_filter, "schema/")
            desired_fp = fingerprint(scratch.dsn, config.schema_filter)
            desired = cache.Entry(desired_fp, desired_inventory.result())
            sides = Sides(
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
                unmodeled=_checked(config, target_inventory.result() + desired.inventory),
            )
        if key is not None and key.schema_digest == source.digest:  # unchanged while it was read
            cache.store(config, key, major_of(version_num), desired)
        yield sides


def _checked(config: Config, items: tuple[str, ...]) -> tuple[str, ...]:
    """Fail on objects the diff cannot express unless allowed; allowed ones are returned to record."""
    if items and not config.allow_unmodeled:
        raise UnmodeledObjects(items)
    return items
