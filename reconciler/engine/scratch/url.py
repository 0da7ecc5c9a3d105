"""Scratch provider on an existing server (`--scratch postgresql://…`): a temporary database,
created and always dropped, with the extra databases made beside it (`databases.py` names and
marks them). Imports `db` and the scratch modules.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from ...pg.db import Dsn, describe
from .databases import create_marked, drop_databases
from .handle import Scratch


@contextlib.contextmanager
def url_scratch(server: Dsn) -> Iterator[Scratch]:
    name = create_marked(server)
    scratch = Scratch(server.with_params(dbname=name), f"temporary database {name} on {describe(server)}")
    try:
        yield scratch
    finally:
        drop_databases(server, (*scratch.extras, name))
