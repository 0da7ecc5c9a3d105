"""Scratch provider on Docker through testcontainers (imported lazily; an optional extra).

The image defaults to `postgres:<target major>`; set `docker_image` (e.g. a pgvector or
Supabase image) for extensions the official image lacks.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from ...core.errors import ScratchError
from ...pg.db import Dsn
from .handle import Scratch


@contextlib.contextmanager
def docker_scratch(image: str) -> Iterator[Scratch]:
    try:
        from testcontainers.postgres import PostgresContainer
    except ImportError:
        raise ScratchError(
            "--scratch docker needs testcontainers", hint="pip install 'reconcile[docker]', or use --scratch embedded"
        ) from None
    container = PostgresContainer(image, username="postgres", password="postgres", dbname="scratch", driver=None)
    try:
        container.start()
    except Exception as exc:
        raise ScratchError(
            f"cannot start Docker image {image}: {str(exc).strip().splitlines()[0] if str(exc).strip() else exc!r}",
            hint="is a Docker engine running? Otherwise use --scratch embedded or --scratch URL",
        ) from None
    try:
        host = container.get_container_host_ip()
        port = container.get_exposed_port(5432)
        yield Scratch(
            Dsn(f"host={host} port={port} user=postgres password=postgres dbname=scratch"),
            f"docker {image}",
            disposable=True,
        )
    finally:
        with contextlib.suppress(Exception):
            container.stop()
