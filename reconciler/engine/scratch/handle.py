"""A scratch database as every provider hands it out (`Scratch`). Imports `db` and `databases`."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

from ...pg.db import Dsn
from .databases import create_marked


@dataclass(frozen=True, slots=True)
class Scratch:
    """A scratch database; `extra_database()` adds more on the same server (dropped at exit)."""

    dsn: Dsn
    description: str  # shown to humans, no password
    cleanup: contextlib.ExitStack = field(default_factory=contextlib.ExitStack, compare=False, repr=False)
    # The whole server is thrown away at exit (embedded cluster, container): its extra databases
    # need no DROP DATABASE, which costs a checkpoint (seconds on a large schema).
    disposable: bool = False
    # Extra databases a non-disposable provider drops at exit (url_scratch: all at once, so their
    # checkpoints coincide). Appended from worker threads too (list.append is atomic).
    extras: list[str] = field(default_factory=list, compare=False, repr=False)

    def extra_database(self) -> Dsn:
        """A new empty database on this scratch's server, dropped at exit (or with the server)."""
        name = create_marked(self.dsn)
        if not self.disposable:
            self.extras.append(name)
        return self.dsn.with_params(dbname=name)
