"""Target versus desired: build the scratch database from schema/ and look at both sides.

The shared first half of `plan` and `drift`. Returns data; imports `config`, `db`, `diff`,
`fingerprint`, `model`, `scratch`, `source`, `sql`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from .config import Config
from .coverage import UnmodeledObjects, unmodeled
from .db import Dsn, connection, describe, fetch_one, server_version_num
from .fingerprint import fingerprint
from .model import Fingerprint, SchemaSource
from .scratch import Scratch, open_scratch
from .scratch.build import build
from .scratch.roles import stub_roles
from .source import load_source
from .sql.parse import created_extensions


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

    @property
    def in_sync(self) -> bool:
        return self.target_fp.digest == self.desired_fp.digest


def target_version(dsn: Dsn) -> tuple[int, str]:
    with connection(dsn, purpose="version") as conn:
        row = fetch_one(conn, "SHOW server_version")
        return server_version_num(conn), str(row[0]).split()[0] if row else "?"


@contextlib.contextmanager
def open_sides(config: Config) -> Iterator[Sides]:
    """Parse schema/ first (no database touched on a syntax error), then build and fingerprint."""
    source = load_source(config)
    target = config.target()
    version_num, version = target_version(target)
    extensions = tuple(sorted({e for st in source.statements for e in created_extensions(st.text)}))
    with open_scratch(
        config.scratch,
        target_version_num=version_num,
        extensions=extensions,
        allow_version_mismatch=config.allow_version_mismatch,
        docker_image=config.docker_image,
    ) as scratch:
        # GRANT … TO a role of the target's cluster must load on scratch (roles are cluster-wide).
        stub_roles(target, scratch.dsn)
        build(scratch.dsn, source)
        yield Sides(
            source=source,
            target=target,
            target_label=describe(target),
            scratch=scratch.dsn,
            scratch_label=scratch.description,
            scratch_handle=scratch,
            server_version_num=version_num,
            server_version=version,
            target_fp=fingerprint(target, config.schema_filter),
            desired_fp=fingerprint(scratch.dsn, config.schema_filter),
            unmodeled=_guard(config, target, scratch.dsn),
        )


def _guard(config: Config, target: Dsn, desired: Dsn) -> tuple[str, ...]:
    """Fail on objects the diff cannot express unless allowed; allowed ones are returned to record."""
    items = unmodeled(target, desired, config.schema_filter)
    if items and not config.allow_unmodeled:
        raise UnmodeledObjects(items)
    return items
