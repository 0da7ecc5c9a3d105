"""Which objects a statement of schema/ declares, and where: the provenance of a drift report.

Read from PostgreSQL's own parse tree (never regexes): a CREATE TABLE declares the table, its
columns and its named constraints, each at its own offset; an index, view, routine, type, trigger,
policy, sequence, schema or extension statement declares that object; ALTER TABLE … ADD declares
the added column or constraint. Returns plain values; imports nothing else from the package.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pglast import ast, parser
from pglast.enums.parsenodes import AlterTableType, ObjectType


@dataclass(frozen=True, slots=True)
class Declared:
    """An object a statement declares: kind as the fingerprint names it, unquoted dotted name
    (`schema.table.column`; routines without their argument list), character offset in the text."""

    kind: str
    name: str
    offset: int


def declared(text: str) -> tuple[Declared, ...]:
    """Objects declared by the statements of `text` (a whole file); unparsable text declares none."""
    try:
        raws = parser.parse_sql(text)
    except parser.ParseError:
        return ()
    out: list[Declared] = []
    for raw in raws:
        start = raw.stmt_location or 0  # pglast's offsets count characters (libpg_query's, bytes)
        for kind, name, loc in _objects(raw.stmt):
            out.append(Declared(kind, name, loc if loc is not None and loc >= 0 else start))
    return tuple(out)


def _rv(rv: ast.RangeVar | None) -> str:
    assert rv is not None
    return f"{rv.schemaname or 'public'}.{rv.relname}"


def _qualified(names: Any) -> str:
    parts = [str(n.sval) for n in names or () if isinstance(n, ast.String)]
    return ".".join(parts) if len(parts) > 1 else f"public.{parts[-1]}" if parts else ""


_DEFINED = {
    ObjectType.OBJECT_AGGREGATE: "aggregate",
    ObjectType.OBJECT_OPERATOR: "operator",
    ObjectType.OBJECT_TSCONFIGURATION: "text search configuration",
    ObjectType.OBJECT_TSDICTIONARY: "text search dictionary",
    ObjectType.OBJECT_TSPARSER: "text search parser",
    ObjectType.OBJECT_TSTEMPLATE: "text search template",
}


def _objects(node: Any) -> Iterator[tuple[str, str, int | None]]:
    here = None  # the statement's own start
    if isinstance(node, ast.CreateStmt):
        table = _rv(node.relation)
        yield "table", table, here
        for elt in node.tableElts or ():
            if isinstance(elt, ast.ColumnDef):
                yield "column", f"{table}.{elt.colname}", elt.location
                for c in elt.constraints or ():
                    if isinstance(c, ast.Constraint) and c.conname:
                        yield "constraint", f"{table}.{c.conname}", c.location
            elif isinstance(elt, ast.Constraint) and elt.conname:
                yield "constraint", f"{table}.{elt.conname}", elt.location
    elif isinstance(node, ast.ViewStmt):
        yield "view", _rv(node.view), here
    elif isinstance(node, ast.CreateTableAsStmt) and node.into is not None:
        kind = "materialized view" if node.objtype == ObjectType.OBJECT_MATVIEW else "table"
        yield kind, _rv(node.into.rel), here
    elif isinstance(node, ast.IndexStmt) and node.idxname:
        rel = node.relation
        assert rel is not None
        yield "index", f"{rel.schemaname or 'public'}.{rel.relname}.{node.idxname}", here
    elif isinstance(node, ast.CreateFunctionStmt):
        yield ("procedure" if node.is_procedure else "function"), _qualified(node.funcname), here
    elif isinstance(node, ast.CreateTrigStmt):
        yield "trigger", f"{_rv(node.relation)}.{node.trigname}", here
    elif isinstance(node, ast.CreatePolicyStmt):
        yield "policy", f"{_rv(node.table)}.{node.policy_name}", here
    elif isinstance(node, ast.CreateEnumStmt):
        yield "enum", _qualified(node.typeName), here
    elif isinstance(node, ast.CreateDomainStmt):
        yield "domain", _qualified(node.domainname), here
    elif isinstance(node, ast.CompositeTypeStmt):
        yield "composite type", _rv(node.typevar), here
    elif isinstance(node, ast.CreateRangeStmt):
        yield "range type", _qualified(node.typeName), here
    elif isinstance(node, ast.CreateSeqStmt):
        yield "sequence", _rv(node.sequence), here
    elif isinstance(node, ast.CreateSchemaStmt) and node.schemaname:
        yield "schema", str(node.schemaname), here
    elif isinstance(node, ast.CreateExtensionStmt):
        yield "extension", str(node.extname), here
    # catalog_objects' kinds, named as the fingerprint names them (catalog_kinds' labels)
    elif isinstance(node, ast.DefineStmt) and node.kind in _DEFINED:
        yield _DEFINED[node.kind], _qualified(node.defnames), here
    elif isinstance(node, ast.RuleStmt) and node.relation is not None:
        yield "rule", f"{_rv(node.relation)}.{node.rulename}", here
    elif isinstance(node, ast.CreateStatsStmt) and node.defnames:
        yield "statistics object", _qualified(node.defnames), here
    elif isinstance(node, ast.CreateForeignTableStmt) and node.base is not None:
        yield "foreign table", _rv(node.base.relation), here
    elif isinstance(node, ast.CreateForeignServerStmt):
        yield "server", str(node.servername), here
    elif isinstance(node, ast.CreateFdwStmt):
        yield "foreign-data wrapper", str(node.fdwname), here
    elif isinstance(node, ast.CreateOpClassStmt):
        yield "operator class", _qualified(node.opclassname), here
    elif isinstance(node, ast.CreateOpFamilyStmt):
        yield "operator family", _qualified(node.opfamilyname), here
    elif isinstance(node, ast.CreatePLangStmt):
        yield "language", str(node.plname), here
    elif isinstance(node, ast.CreateAmStmt):
        yield "access method", str(node.amname), here
    elif isinstance(node, ast.AlterTableStmt) and node.relation is not None:
        table = _rv(node.relation)
        for cmd in node.cmds or ():
            if not isinstance(cmd, ast.AlterTableCmd):
                continue
            if cmd.subtype == AlterTableType.AT_AddColumn and isinstance(cmd.def_, ast.ColumnDef):
                yield "column", f"{table}.{cmd.def_.colname}", cmd.def_.location
            elif (
                cmd.subtype == AlterTableType.AT_AddConstraint
                and isinstance(cmd.def_, ast.Constraint)
                and cmd.def_.conname
            ):
                yield "constraint", f"{table}.{cmd.def_.conname}", cmd.def_.location
