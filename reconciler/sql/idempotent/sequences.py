"""ALTER SEQUENCE: its options and ownership as the catalogs hold them."""

from __future__ import annotations

from typing import Any

from pglast import ast

from .core import Names, _Context, _lit, _names, _printed, _rv_names, _Stmt
from .guards import _Guard, _where


def _number(arg: Any) -> str | None:
    if isinstance(arg, ast.Integer):
        return str(arg.ival)
    if isinstance(arg, ast.Float):
        try:
            return str(int(str(arg.fval)))
        except ValueError:
            return None
    return None


_SEQUENCE_COLUMNS = {
    "increment": "s.seqincrement",
    "minvalue": "s.seqmin",
    "maxvalue": "s.seqmax",
    "start": "s.seqstart",
    "cache": "s.seqcache",
}


def _need_alter_sequence(g: _Guard, stmt: _Stmt, ctx: _Context) -> str | None:
    node = stmt.node
    assert isinstance(node, ast.AlterSeqStmt)
    if node.for_identity or node.sequence is None:
        return None
    seq = _rv_names(node.sequence)
    conds: list[str] = []
    owner: Names | None = None
    for opt in node.options or ():
        name, arg = opt.defname, opt.arg
        if name == "as" and isinstance(arg, ast.TypeName):
            conds.append(f"s.seqtypid = {g.typ(_printed(arg))}")
        elif name in _SEQUENCE_COLUMNS and (value := _number(arg)) is not None:
            conds.append(f"{_SEQUENCE_COLUMNS[name]} = {value}")
        elif name == "cycle" and isinstance(arg, ast.Boolean):
            conds.append("s.seqcycle" if arg.boolval else "NOT s.seqcycle")
        elif name == "owned_by" and isinstance(arg, tuple) and owner is None:
            owner = _names(arg)
        else:
            return None  # RESTART, NO MINVALUE …: nothing to compare with
    reached = []
    if conds:
        where = _where(f"s.seqrelid = {g.rel(seq)}", *conds)
        reached.append(f"EXISTS (SELECT FROM pg_catalog.pg_sequence s WHERE {where})")
    if owner == ("none",):
        if not reached:
            return _owned(g, seq)
        reached.append(f"NOT {_owned(g, seq)}")
    elif owner is not None:
        reached.append(_owned(g, seq, owner))
    if not reached:
        return None
    return f"NOT ({' AND '.join(reached)})" if len(reached) > 1 else f"NOT {reached[0]}"


def _owned(g: _Guard, seq: Names, by: Names | None = None) -> str:
    """The sequence is owned by a column (by `by`): OWNED BY records an automatic dependency."""
    deps = _where(
        "d.classid = 'pg_catalog.pg_class'::pg_catalog.regclass",
        f"d.objid = {g.rel(seq)}",
        "d.refclassid = 'pg_catalog.pg_class'::pg_catalog.regclass",
        "d.deptype = 'a'",
        "d.refobjsubid > 0",
    )
    if by is None:
        return f"EXISTS (SELECT FROM pg_catalog.pg_depend d WHERE {deps})"
    column = _where("a.attrelid = d.refobjid", "a.attnum = d.refobjsubid", f"a.attname = {_lit(by[-1])}")
    return (
        f"EXISTS (SELECT FROM pg_catalog.pg_depend d WHERE {deps} AND d.refobjid = {g.rel(by[:-1])} "
        f"AND EXISTS (SELECT FROM pg_catalog.pg_attribute a WHERE {column}))"
    )
