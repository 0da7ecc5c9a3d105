"""Scratch databases: one interface, three providers (embedded cluster, server URL, docker).

`open_scratch()` yields an empty database of the target's major version and always cleans up,
also on Ctrl-C and on errors. `build()` loads the prelude and schema/ into it.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass

from ...core.errors import ConfigError, ScratchError
from ...pg.binaries import available_binaries, find_binaries
from ...pg.db import Dsn, major_of
from .cluster import local_cluster
from .handle import Scratch


@dataclass(frozen=True, slots=True)
class ScratchSettings:
    """What making a scratch database uses of the configuration (`commands.settings.scratch`)."""

    spec: str = "embedded"  # "embedded", "docker" or a PostgreSQL URL (`scratch:`)
    allow_version_mismatch: bool = False
    docker_image: str | None = None


def _describe_available() -> str:
    found = available_binaries()
    if not found:
        return "no PostgreSQL server binaries were found on this machine"
    return "found: " + ", ".join(f"PostgreSQL {b.version} ({b.origin})" for b in found)


@contextlib.contextmanager
def _embedded(major: int, extensions: tuple[str, ...], allow_mismatch: bool) -> Iterator[Scratch]:
    binaries = find_binaries(major, extensions=extensions)
    if binaries is None and allow_mismatch:
        candidates = sorted(available_binaries(), key=lambda b: (abs(b.major - major), -b.major))
        binaries = next((b for b in candidates if all(b.has_extension(e) for e in extensions)), None) or (
            candidates[0] if candidates else None
        )
    if binaries is None:
        raise ScratchError(
            f"no PostgreSQL {major} server binaries for an embedded scratch database ({_describe_available()})",
            hint=f"install PostgreSQL {major}'s server (e.g. `apt-get install postgresql-{major}`), "
            "or pass --scratch URL (a server where the tool may create a database), "
            f"or --scratch docker (postgres:{major}); --allow-version-mismatch accepts another major "
            "version at the risk of false differences",
        )
    missing = [e for e in extensions if not binaries.has_extension(e)]
    if missing:
        raise ScratchError(
            f"PostgreSQL {binaries.version} ({binaries.origin}) lacks the extension(s) {', '.join(missing)} "
            "that schema/ creates",
            hint="install the extension for that server, or pass --scratch URL of a server that has it, or "
            "--scratch docker with an image that has it (e.g. --docker-image pgvector/pgvector:pg"
            f"{major}); the `pgserver` wheel's PostgreSQL 16 ships pgvector",
        )
    with local_cluster(binaries) as dsn:
        yield Scratch(dsn, f"embedded PostgreSQL {binaries.version} ({binaries.origin})", disposable=True)


@contextlib.contextmanager
def open_scratch(
    spec: str,
    *,
    target_version_num: int,
    extensions: tuple[str, ...] = (),
    allow_version_mismatch: bool = False,
    docker_image: str | None = None,
) -> Iterator[Scratch]:
    """An empty scratch database for `spec`: "embedded", "docker" or a PostgreSQL URL."""
    major = major_of(target_version_num)
    with _provider(spec, major, extensions, allow_version_mismatch, docker_image) as scratch, scratch.cleanup:
        _check_version(scratch, major, allow_version_mismatch)
        yield scratch


def _provider(
    spec: str, major: int, extensions: tuple[str, ...], allow_mismatch: bool, docker_image: str | None
) -> contextlib.AbstractContextManager[Scratch]:
    if spec == "embedded":
        return _embedded(major, extensions, allow_mismatch)
    if spec == "docker":
        from .docker import docker_scratch

        return docker_scratch(docker_image or f"postgres:{major}")
    if "://" in spec or "=" in spec:
        from .url import url_scratch

        return url_scratch(Dsn(spec))
    raise ConfigError(
        f"unknown scratch {spec!r}", hint="use --scratch embedded, --scratch docker or --scratch postgresql://…"
    )


def _check_version(scratch: Scratch, major: int, allow: bool) -> None:
    from ...pg.db import connection, server_version_num

    with connection(scratch.dsn, purpose="scratch") as conn:
        got = major_of(server_version_num(conn))
    if got != major and not allow:
        raise ScratchError(
            f"scratch server is PostgreSQL {got} but the target is PostgreSQL {major}: definitions print "
            "differently across major versions, which shows up as false differences",
            hint=f"use a PostgreSQL {major} scratch server, or pass --allow-version-mismatch",
        )
