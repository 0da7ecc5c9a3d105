"""The command's edge: the small frozen settings each stage takes, built from `Config`.

A stage (engine/, pg/) never sees the whole configuration: reading schema/ takes `SourceSettings`,
a scratch database `ScratchSettings`, the cache `CacheSettings`, opening both sides
`SidesSettings`, running statements `Timeouts`. The use cases build them here, once per command.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from ..core.config import Config
from ..engine.cache import CacheSettings
from ..engine.compare import SidesSettings
from ..engine.scratch import ScratchSettings
from ..engine.source import SourceSettings
from ..pg.runner import Timeouts
from .target import configured_target


def source(config: Config) -> SourceSettings:
    return SourceSettings(config.schema_dir, config.scratch_prelude, config.root, config.allow_empty_schema)


def scratch(config: Config) -> ScratchSettings:
    return ScratchSettings(config.scratch, config.allow_version_mismatch, config.docker_image)


def cache_folder(config: Config) -> Path | None:
    """Where the cache's entries live, or None when it is off (`cache`, `cache_dir`)."""
    if not config.cache:
        return None
    if config.cache_dir is not None:
        return config.cache_dir
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "reconcile"


def cache(config: Config) -> CacheSettings:
    return CacheSettings(cache_folder(config), source(config), config.schema_filter, scratch(config))


def sides(config: Config) -> SidesSettings:
    return SidesSettings(
        functools.partial(configured_target, config),
        config.schema_filter,
        source(config),
        scratch(config),
        cache(config),
        config.allow_unmodeled,
    )


def timeouts(config: Config) -> Timeouts:
    """The timeouts and retries configured (flags, RECONCILE_*, reconcile.yaml), per kind included."""
    return Timeouts(
        config.lock_timeout,
        config.statement_timeout,
        config.lock_retries,
        lock_by_kind=config.lock_timeouts,
        statement_by_kind=config.statement_timeouts,
    )
