"""Roles on scratch: a NOLOGIN stand-in for every role of the target that the scratch cluster lacks.

Roles are cluster-wide, so schema/ (GRANT … TO anon, CREATE POLICY … TO anon) names roles it does not
create. Imports `db` and `errors`.
"""

from __future__ import annotations

import contextlib

from ...pg.db import Dsn, Error, connection, execute, fetch_all, ident, query


def stub_roles(target: Dsn, scratch: Dsn) -> tuple[str, ...]:
    """Create the target's roles that `scratch`'s cluster lacks (NOLOGIN, no membership, no
    attributes); returns their names. On a `--scratch URL` server these roles are created too and
    stay (roles are cluster-wide; only missing ones are created, nothing is changed or dropped).
    A role the scratch user may not create is left out: the build then names it, if schema/ uses it."""
    with connection(target, purpose="roles") as conn:
        wanted = [r[0] for r in fetch_all(conn, query("roles"))]
    created = []
    with connection(scratch, purpose="scratch roles") as conn:
        have = {r[0] for r in fetch_all(conn, query("roles"))}
        for name in wanted:
            if name in have:
                continue
            # Another run may create it at the same moment (duplicate_object): fine either way.
            with contextlib.suppress(Error):
                execute(conn, "CREATE ROLE {} NOLOGIN".format(ident(name).as_string(conn)))
                created.append(name)
    return tuple(created)
