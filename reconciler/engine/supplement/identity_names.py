"""Identity sequences' names (ALTER SEQUENCE … RENAME TO), as the desired schema names them.

PostgreSQL names an identity's sequence `<table>_<column>_seq` when it creates it, `…_seq1` when a
sequence holds that name at that moment (one the plan drops later, e.g. the old identity's or a
serial's), and never renames it, not with its table or column either. After the engine's
statements this part renames each identity sequence whose name differs from the desired one (or
may: an identity the plan adds while its name is taken), when that name is free by then.
Imports `fingerprint`, `model`, `sql.guard`, `identity_serial`, `not_null_names`.
"""

from __future__ import annotations

from typing import Any

from ...core.model import SchemaFilter
from ...sql.guard import guarded_block, literal
from ..fingerprint import split_name
from . import identity_serial, not_null_names

PHASE = "post"


def read(conn: Any, schema_filter: SchemaFilter) -> identity_serial.Snapshot:
    return identity_serial.read(conn, schema_filter)


def statements(source: identity_serial.Snapshot, target: identity_serial.Snapshot) -> tuple[str, ...]:
    taken = identity_serial.taken_over(source, target)  # named by identity_serial's conversion
    out = []
    for key, want in sorted(target.identities.items()):
        have = source.identities.get(key)
        if have is not None and have.sequence == want.sequence:
            continue
        name = (want.schema, want.sequence)
        default = not_null_names.default_name(split_name(want.relation)[-1], want.column, "seq")
        if have is None and want.sequence == default and (name not in source.sequences or name in taken):
            continue  # a new identity gets its name when it is free (from empty, as `pull` diffs: any other)
        # NULL once the table is gone or renamed (a re-run of a plan that renames it afterwards).
        # In parentheses: PL/pgSQL's IF reads its condition up to the first THEN outside them.
        current = (
            f"(CASE WHEN pg_catalog.to_regclass({literal(want.relation)}) IS NOT NULL THEN "
            f"pg_catalog.pg_get_serial_sequence({literal(want.relation)}, {literal(want.column)}) END)"
        )
        out.append(
            guarded_block(
                f"{current} IS NOT NULL AND pg_catalog.to_regclass({literal(want.sequence_qname)}) IS NULL",
                f"pg_catalog.format('ALTER SEQUENCE %s RENAME TO %I', {current}, {literal(want.sequence)})",
            )
        )
    return tuple(out)
