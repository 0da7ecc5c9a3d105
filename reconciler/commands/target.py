"""The target database a command runs against, as configured (the command's edge). Imports `config`,
`db`, `errors`."""

from __future__ import annotations

import os

from ..core.config import Config
from ..core.errors import ConfigError
from ..pg.db import Dsn


def configured_target(config: Config) -> Dsn:
    """The target DSN: target key/flag, else DATABASE_URL, else libpq's PG* variables."""
    if config.target_spec:
        return Dsn(config.target_spec)
    if os.environ.get("DATABASE_URL"):
        return Dsn(os.environ["DATABASE_URL"])
    if any(os.environ.get(v) for v in ("PGHOST", "PGDATABASE", "PGSERVICE", "PGPORT", "PGUSER")):
        return Dsn("")
    raise ConfigError(
        "no target database",
        hint="pass --target URL, set `target:` in reconcile.yaml or RECONCILE_TARGET, "
        "or set DATABASE_URL or PGHOST/PGDATABASE",
    )
