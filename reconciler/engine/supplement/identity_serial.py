"""A serial column turned into an identity column (and back), keeping the next value.

The diff engine drops the column's default, adds the identity (which starts at 1) and drops the
old sequence: the next insert collides with existing rows. Before its statements (which then find
nothing left to do) this part does the conversion in one DO block that reads the old sequence's
next value when it runs (it cannot be known when planning), drops it and adds the identity under
the name its sequence has in the desired schema, RESTARTed there; the way back drops the identity,
creates the sequence, sets it to the identity's next value (`setval`), and sets the default and
OWNED BY. Imports `db`, `model`, `sql.guard`, `sequences`,
`identity_options`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...core.model import SchemaFilter
from ...pg.db import fetch_all, query
from ...sql.guard import ident, literal, qualified
from ..fingerprint import split_name
from . import identity_options, sequences

PHASE = "pre"


@dataclass(frozen=True, slots=True)
class Serial:
    schema: str
    relation: str  # quoted and qualified
    column: str
    sequence_schema: str
    sequence: str
    default: str

    @property
    def sequence_qname(self) -> str:
        return qualified(self.sequence_schema, self.sequence)


@dataclass(frozen=True, slots=True)
class Snapshot:
    serials: dict[tuple[str, str], Serial]
    identities: dict[tuple[str, str], identity_options.Identity]
    sequences: dict[tuple[str, str], sequences.SequenceOptions]


def read(conn: Any, schema_filter: SchemaFilter) -> Snapshot:
    serials = (Serial(*r) for r in fetch_all(conn, query("serial_columns")))
    return Snapshot(
        {
            (s.relation, s.column): s
            for s in serials
            if schema_filter.manages_object("column", s.schema, ".".join((*split_name(s.relation), s.column)))
        },
        identity_options.read(conn, schema_filter),
        sequences.read(conn, schema_filter),
    )


def statements(source: Snapshot, target: Snapshot) -> tuple[str, ...]:
    out = []
    for key, serial in sorted(source.serials.items()):
        identity = target.identities.get(key)
        if identity is not None and key not in source.identities:
            out.append(_to_identity(serial, identity))
    for key, serial in sorted(target.serials.items()):
        identity = source.identities.get(key)
        seq = target.sequences.get((serial.sequence_schema, serial.sequence))
        if identity is not None and key not in target.identities and seq is not None:
            out.append(_to_serial(identity, serial, seq))
    return tuple(out)


def _column(relation: str, column: str, cond: str) -> str:
    return (
        f"EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE a.attrelid = pg_catalog.to_regclass({literal(relation)}) "
        f"AND a.attname = {literal(column)} AND NOT a.attisdropped AND {cond})"
    )


# The value nextval() returns next, read from the sequence named by the text in `seq` (PL/pgSQL).
_NEXT = (
    "EXECUTE pg_catalog.format('SELECT CASE WHEN q.is_called THEN q.last_value + s.seqincrement "
    "ELSE q.last_value END FROM %s q, pg_catalog.pg_sequence s WHERE s.seqrelid = %L::pg_catalog.regclass', "
    "seq, seq) INTO next_value;"
)


def _block(needed: str, body: list[str]) -> str:
    lines = "\n".join(f"    {b}" for b in body)
    return (
        "DO $serial$\nDECLARE\n  seq text;\n  next_value bigint;\nBEGIN\n"
        f"  IF {needed} THEN\n{lines}\n  END IF;\nEND\n$serial$"
    )


def _to_identity(serial: Serial, identity: identity_options.Identity) -> str:
    alter = f"ALTER TABLE {serial.relation} ALTER COLUMN {ident(serial.column)}"
    generated = "ALWAYS" if identity.generated == "a" else "BY DEFAULT"
    needed = (
        f"{_column(serial.relation, serial.column, 'a.attidentity = ' + literal(''))} "
        f"AND pg_catalog.to_regclass({literal(serial.sequence_qname)}) IS NOT NULL"
    )
    # Named as the desired schema names it (a serial's `<table>_<column>_seq` is usually the name
    # the identity gets there): without SEQUENCE NAME, PostgreSQL would pick `…_seq1` while the
    # serial's sequence still holds the name. With its options: `identity_options` then finds
    # nothing to do (and restarts nothing).
    options = f"SEQUENCE NAME {identity.sequence_qname} {identity_options.sequence_options(identity)}"
    return _block(
        needed,
        [
            f"seq := {literal(serial.sequence_qname)};",
            _NEXT,
            f"EXECUTE {literal(alter + ' DROP DEFAULT')};",
            f"EXECUTE {literal('DROP SEQUENCE ' + serial.sequence_qname)};",
            f"EXECUTE {literal(f'{alter} ADD GENERATED {generated} AS IDENTITY ({options})')};",
            f"EXECUTE pg_catalog.format({literal(alter + ' RESTART WITH %s')}, next_value);",
        ],
    )


def taken_over(source: Snapshot, target: Snapshot) -> set[tuple[str, str]]:
    """(schema, name) of the serials' sequences whose name the identity that replaces them takes:
    the engine's DROP SEQUENCE of that name (which would find the identity's) is left out."""
    out = set()
    for key, serial in source.serials.items():
        identity = target.identities.get(key)
        name = (serial.sequence_schema, serial.sequence)
        if identity is not None and key not in source.identities and (identity.schema, identity.sequence) == name:
            out.add(name)
    return out


def _to_serial(identity: identity_options.Identity, serial: Serial, seq: sequences.SequenceOptions) -> str:
    alter = f"ALTER TABLE {serial.relation} ALTER COLUMN {ident(serial.column)}"
    owner = f"{serial.relation}.{ident(serial.column)}"
    return _block(
        _column(serial.relation, serial.column, "a.attidentity <> ''"),
        [
            f"seq := pg_catalog.pg_get_serial_sequence({literal(identity.relation)}, {literal(identity.column)});",
            _NEXT,
            f"EXECUTE {literal(alter + ' DROP IDENTITY')};",
            f"EXECUTE {literal(seq.create_sql().rstrip(';'))};",
            f"PERFORM pg_catalog.setval({literal(serial.sequence_qname)}, next_value, false);",
            f"EXECUTE {literal(f'{alter} SET DEFAULT {serial.default}')};",
            f"EXECUTE {literal(f'ALTER SEQUENCE {serial.sequence_qname} OWNED BY {owner}')};",
        ],
    )
