"""Guarded statements for the supplementary differ and renames: DDL that runs only while the catalogs say its
change is missing, so a plan run twice executes no DDL the second time.

Owns the quoting of the literals and identifiers the supplement modules write into SQL text;
imports only `model` (PRINT_SETTINGS) from reconciler (statement kinds the idempotency rewriter does not know, such as
COMMENT ON or ALTER VIEW … SET, pass through it unchanged and must be silent by themselves).
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.model import PRINT_SETTINGS


def ident(name: str) -> str:
    """A quoted identifier (always quoted: no keyword or case surprises)."""
    return '"' + name.replace('"', '""') + '"'


def qualified(schema: str, name: str) -> str:
    return f"{ident(schema)}.{ident(name)}"


def literal(value: str | None) -> str:
    """A string constant that reads the same whatever standard_conforming_strings is."""
    if value is None:
        return "NULL"
    text = value.replace("'", "''")
    if "\\" in text:
        return "E'" + text.replace("\\", "\\\\") + "'"
    return "'" + text + "'"


def text_array(values: Iterable[str]) -> str:
    return "ARRAY[" + ", ".join(literal(v) for v in values) + "]::pg_catalog.text[]"


def regclass(qname: str) -> str:
    """The relation `qname` (already quoted and qualified), resolved when the guard runs."""
    return f"pg_catalog.to_regclass({literal(qname)})"


def _dollar_quote(body: str, tag: str) -> str:
    n = 0
    while f"${tag}{n or ''}$" in body:
        n += 1
    mark = f"${tag}{n or ''}$"
    return f"{mark}{body}{mark}"


def guarded(needed: str, ddl: str) -> str:
    """`ddl`, run only while the SQL boolean `needed` holds.

    `needed` must name catalogs and functions with `pg_catalog.` (the plan may run under any
    search_path) and must be false once `ddl` has run.
    """
    body = f"\nBEGIN\n  IF {needed} THEN\n    EXECUTE {literal(ddl)};\n  END IF;\nEND\n"
    return f"DO {_dollar_quote(body, 'guard')}"


def guarded_printing(needed: str, ddl: str, *, expression: bool = False) -> str:
    """Like `guarded`, for a `needed` that compares definitions printed by pg_get_*def or
    pg_get_expr with the diff's text: it is evaluated under PRINT_SETTINGS (those the diff read
    definitions under), then the session's settings are restored before `ddl` runs. Names in
    `needed` must be schema-qualified (they resolve with search_path = pg_catalog). `expression`:
    `ddl` is a SQL expression yielding the statement's text when it runs."""
    saved = ", ".join(f"pg_catalog.current_setting({literal(k)})" for k, _ in PRINT_SETTINGS)
    switch = ", ".join(f"pg_catalog.set_config({literal(k)}, {literal(v)}, true)" for k, v in PRINT_SETTINGS)
    restore = ", ".join(
        f"pg_catalog.set_config({literal(k)}, saved[{i}], true)" for i, (k, _) in enumerate(PRINT_SETTINGS, 1)
    )
    body = (
        f"\nDECLARE\n  saved text[] := ARRAY[{saved}];\n  needed boolean;\nBEGIN\n"
        f"  PERFORM {switch};\n  needed := {needed};\n  PERFORM {restore};\n"
        f"  IF needed THEN\n    EXECUTE {ddl if expression else literal(ddl)};\n  END IF;\nEND\n"
    )
    return f"DO {_dollar_quote(body, 'guard')}"


def guarded_block(needed: str, *commands: str) -> str:
    """Like `guarded`, for several commands in one block; each command is a SQL *expression*
    yielding the statement's text (so it may embed values computed when it runs, e.g. now())."""
    lines = "".join(f"    EXECUTE {c};\n" for c in commands)
    body = f"\nBEGIN\n  IF {needed} THEN\n{lines}  END IF;\nEND\n"
    return f"DO {_dollar_quote(body, 'guard')}"


def guarded_block_without_hooks(needed: str, table: str, *commands: str, replica_identity: bool = False) -> str:
    """Like `guarded_block`, with the own triggers and rules of `table` (qualified) and of the
    tables that inherit from it switched off while the commands run, each put back as it was after
    (enabled, ALWAYS or REPLICA): a refill by UPDATE (which reaches the children) must write the
    values it restores, not what an `ON UPDATE DO INSTEAD` rule or a trigger that stamps rows makes
    of it. `replica_identity`: those without one (DEFAULT without a key, NOTHING) are under
    REPLICA IDENTITY FULL meanwhile (PostgreSQL refuses UPDATE where a publication publishes it)."""
    down = (
        f"WITH RECURSIVE down(oid) AS (SELECT {regclass(table)} UNION SELECT i.inhrelid "
        "FROM pg_catalog.pg_inherits i JOIN down ON i.inhparent = down.oid) SELECT oid FROM down"
    )
    mode = "CASE {} WHEN 'A' THEN 'ENABLE ALWAYS' WHEN 'R' THEN 'ENABLE REPLICA' ELSE 'ENABLE' END"
    # (table, what switches it off, what puts it back)
    hooks = [
        "SELECT tgrelid, pg_catalog.format('DISABLE TRIGGER %I', tgname), "
        f"pg_catalog.format('%s TRIGGER %I', {mode.format('tgenabled')}, tgname) FROM pg_catalog.pg_trigger "
        f"WHERE tgrelid IN ({down}) AND NOT tgisinternal AND tgenabled <> 'D'",
        "SELECT ev_class, pg_catalog.format('DISABLE RULE %I', rulename), "
        f"pg_catalog.format('%s RULE %I', {mode.format('ev_enabled')}, rulename) FROM pg_catalog.pg_rewrite "
        f"WHERE ev_class IN ({down}) AND rulename <> '_RETURN' AND ev_enabled <> 'D'",
    ]
    if replica_identity:
        hooks.append(
            "SELECT oid, 'REPLICA IDENTITY FULL', 'REPLICA IDENTITY ' || "
            "CASE relreplident WHEN 'd' THEN 'DEFAULT' ELSE 'NOTHING' END FROM pg_catalog.pg_class "
            f"WHERE oid IN ({down}) AND relreplident IN ('d', 'n')"
        )

    def each(column: str) -> str:
        clause = f"pg_catalog.format('ALTER TABLE %s %s', h.rel::pg_catalog.regclass, h.{column})"
        rows = f"({' UNION ALL '.join(hooks)}) h(rel, off, back)"
        return f"COALESCE((SELECT pg_catalog.string_agg({clause}, '; ') FROM {rows}), 'SELECT')"

    lines = "".join(f"    EXECUTE {c};\n" for c in commands)
    # No DECLARE (a guard's condition is read only from blocks without one): what puts the hooks
    # back is kept in a setting of the transaction while they are off.
    body = (
        f"\nBEGIN\n  IF {needed} THEN\n"
        f"    PERFORM pg_catalog.set_config('reconcile.hooks_back', {each('back')}, true);\n"
        f"    EXECUTE {each('off')};\n"
        f"{lines}"
        "    EXECUTE pg_catalog.current_setting('reconcile.hooks_back');\n"
        "  END IF;\nEND\n"
    )
    return f"DO {_dollar_quote(body, 'guard')}"
