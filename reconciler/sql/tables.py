"""Which table (or column) a single diff statement drops, creates or adds: what the archive
(reconciler/archive.py) replaces or follows in a plan. Owns nothing but these readings of the AST.
"""

from __future__ import annotations

from pglast import ast, parser
from pglast.enums.parsenodes import AlterTableType, ConstrType, ObjectType

from .parse import RawStream


def _one(sql: str) -> ast.Node | None:
    try:
        stmts = parser.parse_sql(sql)
    except parser.ParseError:
        return None
    return stmts[0].stmt if len(stmts) == 1 else None


def dropped_table(sql: str) -> tuple[str, str] | None:
    """(schema, table) of a `DROP TABLE` of exactly one table; unqualified means public."""
    node = _one(sql)
    if not isinstance(node, ast.DropStmt) or node.removeType != ObjectType.OBJECT_TABLE:
        return None
    objects = tuple(node.objects or ())
    if len(objects) != 1:
        return None
    parts = [str(p.sval) for p in objects[0] if isinstance(p, ast.String)]
    if not parts:
        return None
    return (parts[-2], parts[-1]) if len(parts) >= 2 else ("public", parts[-1])


def created_table(sql: str) -> tuple[str, str] | None:
    """(schema, table) of a `CREATE TABLE`."""
    node = _one(sql)
    if not isinstance(node, ast.CreateStmt) or node.relation is None:
        return None
    return (node.relation.schemaname or "public", str(node.relation.relname))


def added_columns(sql: str) -> tuple[tuple[str, str, str], ...]:
    """(schema, table, column) of each `ALTER TABLE … ADD COLUMN` in the statement."""
    node = _one(sql)
    if not isinstance(node, ast.AlterTableStmt) or node.relation is None:
        return ()
    schema, table = node.relation.schemaname or "public", str(node.relation.relname)
    return tuple(
        (schema, table, str(cmd.def_.colname))
        for cmd in node.cmds or ()
        if isinstance(cmd, ast.AlterTableCmd)
        and cmd.subtype == AlterTableType.AT_AddColumn
        and isinstance(cmd.def_, ast.ColumnDef)
    )


def part_of(sql: str) -> tuple[str, str, str, str | None] | None:
    """What a statement that alters or drops part of a table acts on:
    ("table", schema, table, the constraint it drops or None) for `ALTER TABLE`, `DROP TRIGGER`,
    `DROP POLICY`, `DROP RULE`; ("index" | "sequence", schema, name, None) for their drops."""
    node = _one(sql)
    if isinstance(node, ast.AlterTableStmt) and node.relation is not None:
        if node.objtype != ObjectType.OBJECT_TABLE:
            return None
        dropped = [
            str(c.name)
            for c in node.cmds or ()
            if isinstance(c, ast.AlterTableCmd) and c.subtype == AlterTableType.AT_DropConstraint
        ]
        return ("table", node.relation.schemaname or "public", str(node.relation.relname), ",".join(dropped) or None)
    if not isinstance(node, ast.DropStmt):
        return None
    objects = tuple(node.objects or ())
    if len(objects) != 1:
        return None
    names = [str(p.sval) for p in objects[0] if isinstance(p, ast.String)] if isinstance(objects[0], tuple) else []
    if (
        node.removeType in (ObjectType.OBJECT_TRIGGER, ObjectType.OBJECT_POLICY, ObjectType.OBJECT_RULE)
        and len(names) >= 2
    ):
        table = names[:-1]
        return ("table", table[-2] if len(table) >= 2 else "public", table[-1], None)
    kinds = {ObjectType.OBJECT_INDEX: "index", ObjectType.OBJECT_SEQUENCE: "sequence"}
    if node.removeType in kinds and names:
        return (kinds[node.removeType], names[-2] if len(names) >= 2 else "public", names[-1], None)
    return None


def without_not_null(sql: str, column: str) -> str | None:
    """The `ALTER TABLE … ADD COLUMN` statement without NOT NULL on `column`, or None when it has
    none: a column re-added to a table holding rows must be refilled before it can be NOT NULL."""
    node = _one(sql)
    if not isinstance(node, ast.AlterTableStmt):
        return None
    found = False
    for cmd in node.cmds or ():
        if (
            isinstance(cmd, ast.AlterTableCmd)
            and cmd.subtype == AlterTableType.AT_AddColumn
            and isinstance(cmd.def_, ast.ColumnDef)
            and cmd.def_.colname == column
        ):
            kept = tuple(
                c
                for c in cmd.def_.constraints or ()
                if not (isinstance(c, ast.Constraint) and c.contype == ConstrType.CONSTR_NOTNULL)
            )
            found = found or kept != tuple(cmd.def_.constraints or ()) or bool(cmd.def_.is_not_null)
            cmd.def_.constraints = kept or None
            cmd.def_.is_not_null = False
    return str(RawStream()(node)) if found else None


def created_sequence(sql: str) -> tuple[str, str] | None:
    """(schema, sequence) of a `CREATE SEQUENCE`."""
    node = _one(sql)
    if not isinstance(node, ast.CreateSeqStmt) or node.sequence is None:
        return None
    return (node.sequence.schemaname or "public", str(node.sequence.relname))
