"""Extension versions a plan changes: the target's server must have an update path to schema/'s
version (else the plan is refused), and one back for the rollback (else the rollback leaves the
new version and the plan says so). Catalog SQL in `queries/extension_update_paths.sql`.
Imports `db`, `errors`, `fingerprint`, `model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..core.errors import ReconcileError
from ..core.model import Fingerprint, ObjectChange, ObjectDef
from ..pg.db import Dsn, connection, fetch_all, query
from .fingerprint import of_objects, split_name


@dataclass(frozen=True, slots=True)
class VersionChange:
    name: str
    have: str  # the target's version
    want: str  # schema/'s

    def lossy(self) -> str:
        return f"extension {self.name} version {self.have} (the server has no update path from {self.want} back to it)"


def _version(definition: str) -> tuple[str, str]:
    # The fingerprint describes an extension as "schema=<schema> version=<version>".
    schema, _, version = definition.rpartition(" version=")
    return schema, version


def version_changes(changes: tuple[ObjectChange, ...]) -> tuple[VersionChange, ...]:
    """Extensions whose version differs (in the same schema) between the target and schema/."""
    out = []
    for c in changes:
        if c.kind == "extension" and c.change == "changed" and c.before and c.after:
            (s1, v1), (s2, v2) = _version(c.before), _version(c.after)
            if s1 == s2 and v1 != v2:
                out.append(VersionChange(split_name(c.name)[0], v1, v2))
    return tuple(out)


def one_way(target: Dsn, changes: tuple[ObjectChange, ...]) -> tuple[VersionChange, ...]:
    """The version changes the rollback cannot undo (the target's server has no update path
    back). Raises when the server cannot make one at all: ALTER EXTENSION … UPDATE TO would fail."""
    found = version_changes(changes)
    if not found:
        return ()
    out = []
    with connection(target, purpose="extension versions") as conn:
        for c in found:
            forward = _reachable(conn, c.name, c.have)
            if c.want not in forward:
                can = f"from {c.have} it can update to {', '.join(forward)}" if forward else "none at all"
                raise ReconcileError(
                    f"extension {c.name}: the target has version {c.have}, schema/ asks for {c.want}, and the "
                    f"target's server has no update path from {c.have} to {c.want} ({can})",
                    hint=f"write CREATE EXTENSION {c.name} VERSION '{c.have}' (or a version it can update to) in "
                    f"schema/, or install the extension's scripts for {c.want} on the target's server",
                )
            if c.have not in _reachable(conn, c.name, c.want):
                out.append(c)
    return tuple(out)


def _reachable(conn: Any, name: str, version: str) -> list[str]:
    rows = fetch_all(conn, query("extension_update_paths"), {"name": name, "version": version})
    return [str(r[0]) for r in rows]


def kept_by_rollback(changes: tuple[ObjectChange, ...], one_way: tuple[VersionChange, ...]) -> tuple[ObjectChange, ...]:
    """A rollback's `changes` without the version changes it leaves alone."""
    names = {c.name for c in one_way}
    return tuple(c for c in changes if not (c.kind == "extension" and split_name(c.name)[0] in names))


def left_by_rollback(original: Fingerprint, one_way: tuple[VersionChange, ...]) -> Fingerprint:
    """The state a rollback returns to when it keeps these extensions at schema/'s versions."""
    want = {c.name: c for c in one_way}
    objects = []
    for o in original.objects:
        c = want.get(split_name(o.name)[0]) if o.kind == "extension" else None
        if c is not None:
            schema, _ = _version(o.definition)
            o = ObjectDef(o.kind, o.name, f"{schema} version={c.want}")
        objects.append(o)
    return of_objects(tuple(objects))
