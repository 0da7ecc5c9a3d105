"""Typed hazards of one statement, from its AST and facts about the target (sizes, types, volatility).

A statement about an object the target does not have yet (a table the plan creates) risks nothing
on a live database; the same statement about an existing table may lock it, rewrite it, scan it,
or lose its data. Kinds and their meaning: `model.HAZARD_KINDS`. Imports pglast, `model`,
`sql.guard_read` (a guard is judged by the statement it executes).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from pglast import ast, parser
from pglast.enums import AlterTableType, ConstrType, NullTestType, ObjectType

from ..core.model import Hazard
from .guard_read import guarded_statement
from .parse import walk


@dataclass(frozen=True, slots=True)
class Facts:
    """The target as hazards see it; names unquoted and qualified ("schema.name")."""

    relations: Mapping[str, tuple[str, int]] = field(default_factory=dict)  # name -> (relkind, estimated rows)
    columns: Mapping[str, str] = field(default_factory=dict)  # "schema.table.column" -> format_type
    indexes: Mapping[str, str] = field(default_factory=dict)  # index -> its table
    volatile: frozenset[str] = frozenset()  # functions that are VOLATILE
    existing: frozenset[str] = frozenset()  # functions, types and schemas the target has
    bodies: Mapping[str, str] = field(default_factory=dict)  # function -> its body, lowercased
    dropping: frozenset[str] = frozenset()  # tables the plan drops: what else it does to them risks nothing
    # "schema.table.column"s a statement of the plan (the online rewrite puts it first) proves NOT NULL with a validated
    # CHECK (col IS NOT NULL): SET NOT NULL then skips its scan (PostgreSQL 12+).
    proven_not_null: frozenset[str] = frozenset()

    def rows(self, table: str) -> int | None:
        found = self.relations.get(table)
        return found[1] if found and found[1] > 0 else None

    def has_table(self, name: str | None) -> bool:
        return self.existed(name) and name not in self.dropping

    def existed(self, name: str | None) -> bool:
        return name is not None and self.relations.get(name, ("", 0))[0] in ("r", "p", "m", "f")


# Functions that make an added column's default volatile (PostgreSQL then rewrites the table).
_VOLATILE = frozenset(
    {"random", "clock_timestamp", "timeofday", "gen_random_uuid", "uuid_generate_v1", "uuid_generate_v4", "nextval"}
)
# ALTER TABLE subcommands that take less than ACCESS EXCLUSIVE.
_WEAKER_LOCK = {
    AlterTableType.AT_ValidateConstraint,
    AlterTableType.AT_SetStatistics,
    AlterTableType.AT_SetOptions,  # a column's attribute options (n_distinct)
    AlterTableType.AT_ResetOptions,
    AlterTableType.AT_ClusterOn,
    AlterTableType.AT_SetRelOptions,
    AlterTableType.AT_ResetRelOptions,
    AlterTableType.AT_EnableTrig,
    AlterTableType.AT_DisableTrig,
    AlterTableType.AT_EnableAlwaysTrig,
    AlterTableType.AT_EnableReplicaTrig,
    AlterTableType.AT_AttachPartition,
    AlterTableType.AT_AddIndexConstraint,
}
_AUTHZ = {
    AlterTableType.AT_DisableRowSecurity: "turns row level security off: the grants alone decide",
    AlterTableType.AT_NoForceRowSecurity: "the table owner no longer obeys its policies",
    AlterTableType.AT_EnableRowSecurity: "turns row level security on: rows no policy allows become invisible",
    AlterTableType.AT_ForceRowSecurity: "the table owner must now obey its policies",
}


def classify(sql: str, facts: Facts) -> tuple[Hazard, ...]:
    """The hazards of one planned statement (a guard: of the statement it runs)."""
    try:
        parsed = parser.parse_sql(sql)
    except parser.ParseError:
        return ()
    out: list[Hazard] = []
    for raw in parsed:
        node = raw.stmt
        if isinstance(node, ast.DoStmt):
            node = guarded_statement(node) or node
        if node is not None:
            out += _classify(node, facts)
    return tuple(dict.fromkeys(out))


def dropped_tables(sql: str) -> frozenset[str]:
    """Tables (and materialized views) a statement drops."""
    try:
        parsed = parser.parse_sql(sql)
    except parser.ParseError:
        return frozenset()
    out = set()
    for raw in parsed:
        node = raw.stmt
        if isinstance(node, ast.DoStmt):
            node = guarded_statement(node) or node
        if isinstance(node, ast.DropStmt) and node.removeType in (ObjectType.OBJECT_TABLE, ObjectType.OBJECT_MATVIEW):
            for obj in node.objects or ():
                name = _name(obj)
                if name:
                    out.add(name if "." in name else f"public.{name}")
    return frozenset(out)


def proven_not_null(sqls: Iterable[str]) -> frozenset[str]:
    """Columns ("schema.table.column") that a validated CHECK (col IS NOT NULL) of the sequence
    proves: added (NOT VALID or not) and, if NOT VALID, validated by a later statement."""
    checks: dict[tuple[str, str], tuple[str, bool]] = {}  # (table, constraint) -> (column, valid)
    for sql in sqls:
        try:
            parsed = parser.parse_sql(sql)
        except parser.ParseError:
            continue
        for raw in parsed:
            node = raw.stmt
            if isinstance(node, ast.DoStmt):
                node = guarded_statement(node) or node
            if not isinstance(node, ast.AlterTableStmt) or (table := _rel(node.relation)) is None:
                continue
            for cmd in node.cmds or ():
                if not isinstance(cmd, ast.AlterTableCmd):
                    continue
                con = cmd.def_
                if (
                    cmd.subtype == AlterTableType.AT_AddConstraint
                    and isinstance(con, ast.Constraint)
                    and con.contype == ConstrType.CONSTR_CHECK
                    and con.conname
                    and isinstance(test := con.raw_expr, ast.NullTest)
                    and test.nulltesttype == NullTestType.IS_NOT_NULL
                    and isinstance(ref := test.arg, ast.ColumnRef)
                    and len(fields := ref.fields or ()) == 1
                    and isinstance(fields[0], ast.String)
                ):
                    checks[(table, con.conname)] = (f"{table}.{fields[0].sval}", not con.skip_validation)
                elif cmd.subtype == AlterTableType.AT_ValidateConstraint and (table, cmd.name) in checks:
                    checks[(table, str(cmd.name))] = (checks[(table, str(cmd.name))][0], True)
    return frozenset(column for column, valid in checks.values() if valid)


def _name(names: object) -> str | None:
    parts = [str(n.sval) for n in names or () if isinstance(n, ast.String)]  # type: ignore[attr-defined]
    return ".".join(parts) if parts else None


def _rel(rv: ast.RangeVar | None) -> str | None:
    if rv is None or not rv.relname:
        return None
    return f"{rv.schemaname or 'public'}.{rv.relname}"


def _classify(node: ast.Node, facts: Facts) -> Iterator[Hazard]:
    if isinstance(node, ast.DropStmt):
        yield from _drop(node, facts)
    elif isinstance(node, ast.AlterTableStmt):
        yield from _alter_table(node, facts)
    elif isinstance(node, ast.IndexStmt):
        table = _rel(node.relation)
        if facts.has_table(table) and not node.concurrent:
            yield Hazard(
                "INDEX_BUILD",
                f"builds index {node.idxname} on {table} without CONCURRENTLY: writes wait until it is built",
                facts.rows(table or ""),
            )
    elif isinstance(node, ast.CreatePolicyStmt | ast.AlterPolicyStmt):
        table = _rel(node.table)
        if facts.has_table(table):
            verb = "adds" if isinstance(node, ast.CreatePolicyStmt) else "changes"
            yield Hazard("AUTHZ_CHANGE", f"{verb} policy {node.policy_name} on {table}: who sees which rows changes")
            yield Hazard("ACCESS_EXCLUSIVE_LOCK", f"locks {table} (ACCESS EXCLUSIVE) while the policy changes")
    elif isinstance(node, ast.GrantStmt):
        yield from _grant(node, facts)
    elif isinstance(node, ast.AlterDefaultPrivilegesStmt):
        yield Hazard("AUTHZ_CHANGE", "changes the privileges future objects get (ALTER DEFAULT PRIVILEGES)")
    elif isinstance(node, ast.AlterExtensionStmt):
        yield Hazard("EXTENSION_VERSION_CHANGE", f"updates extension {node.extname}")
    elif isinstance(node, ast.RenameStmt):
        yield from _rename(node, facts)


def _drop(node: ast.DropStmt, facts: Facts) -> Iterator[Hazard]:
    kind = node.removeType
    for obj in node.objects or ():
        name = _name(
            obj.objname if isinstance(obj, ast.ObjectWithArgs) else obj.names if isinstance(obj, ast.TypeName) else obj
        )
        if name is None:
            continue
        qualified = name if "." in name else f"public.{name}"
        if kind in (ObjectType.OBJECT_TABLE, ObjectType.OBJECT_MATVIEW, ObjectType.OBJECT_FOREIGN_TABLE):
            if facts.existed(qualified):
                rows = facts.rows(qualified)
                yield Hazard("DELETES_DATA", f"drops table {qualified} and its rows", rows)
                yield Hazard("ACCESS_EXCLUSIVE_LOCK", f"locks {qualified} (ACCESS EXCLUSIVE) to drop it")
                yield from _untrackable(qualified.rsplit(".", 1)[-1], f"table {qualified}", facts)
        elif kind == ObjectType.OBJECT_INDEX and not node.concurrent:
            table = facts.indexes.get(qualified)
            if table is not None and facts.has_table(table):
                yield Hazard("ACCESS_EXCLUSIVE_LOCK", f"drops index {qualified} without CONCURRENTLY: locks {table}")
        elif kind == ObjectType.OBJECT_POLICY:
            table = qualified.rsplit(".", 1)[0]
            if facts.has_table(table if table.count(".") == 1 else f"public.{table}"):
                yield Hazard("AUTHZ_CHANGE", f"drops policy {qualified}: who sees which rows changes")
        elif kind == ObjectType.OBJECT_EXTENSION:
            yield Hazard("EXTENSION_VERSION_CHANGE", f"drops extension {name} and what it provides")
        elif kind == ObjectType.OBJECT_TYPE and name.endswith("__old_version_to_be_dropped"):
            yield Hazard(
                "ENUM_RECREATE",
                f"drops the old version of re-created type {name.removesuffix('__old_version_to_be_dropped')}",
            )


def _alter_table(node: ast.AlterTableStmt, facts: Facts) -> Iterator[Hazard]:
    table = _rel(node.relation)
    if not facts.has_table(table):
        return
    assert table is not None
    rows = facts.rows(table)
    exclusive = False
    for cmd in node.cmds or ():
        if not isinstance(cmd, ast.AlterTableCmd):
            continue
        st = cmd.subtype
        exclusive = exclusive or st not in _WEAKER_LOCK
        col = f"{table}.{cmd.name}" if cmd.name else None
        if st == AlterTableType.AT_DropColumn:
            yield Hazard("DELETES_DATA", f"drops column {col} and its values", rows)
            yield from _untrackable(cmd.name or "", f"column {col}", facts)
        elif st == AlterTableType.AT_AlterColumnType and isinstance(cmd.def_, ast.ColumnDef):
            old = facts.columns.get(col or "")
            new = cmd.def_.typeName
            if cmd.def_.raw_default is not None or not _binary_coercible(old, new):
                yield Hazard(
                    "TABLE_REWRITE", f"changes the type of {col} ({old} → {_type_text(new)}): rewrites the table", rows
                )
        elif st == AlterTableType.AT_AddColumn and isinstance(cmd.def_, ast.ColumnDef):
            yield from _add_column(cmd.def_, table, rows, facts)
        elif st == AlterTableType.AT_SetNotNull and col not in facts.proven_not_null:
            yield Hazard(
                "VALIDATES_EXISTING_ROWS", f"SET NOT NULL on {col} scans every row under ACCESS EXCLUSIVE", rows
            )
        elif st == AlterTableType.AT_AddConstraint and isinstance(cmd.def_, ast.Constraint):
            yield from _add_constraint(cmd.def_, table, rows)
        elif st == AlterTableType.AT_ValidateConstraint:
            yield Hazard(
                "VALIDATES_EXISTING_ROWS",
                f"validates {cmd.name} on {table}: scans the rows (SHARE UPDATE EXCLUSIVE: reads and writes go on)",
                rows,
            )
        elif st in _AUTHZ:
            yield Hazard("AUTHZ_CHANGE", f"{table}: {_AUTHZ[st]}")
        elif st in (AlterTableType.AT_SetLogged, AlterTableType.AT_SetUnLogged):
            yield Hazard("TABLE_REWRITE", f"SET LOGGED/UNLOGGED rewrites {table}", rows)
    if exclusive:
        yield Hazard("ACCESS_EXCLUSIVE_LOCK", f"locks {table} (ACCESS EXCLUSIVE): reads and writes wait", rows)


def _add_column(col: ast.ColumnDef, table: str, rows: int | None, facts: Facts) -> Iterator[Hazard]:
    name = f"{table}.{col.colname}"
    expr = col.raw_default
    for c in col.constraints or ():
        if isinstance(c, ast.Constraint) and c.contype == ConstrType.CONSTR_GENERATED:
            yield Hazard("TABLE_REWRITE", f"adds stored generated column {name}: computes it for every row", rows)
        elif isinstance(c, ast.Constraint) and c.contype == ConstrType.CONSTR_IDENTITY:
            yield Hazard("TABLE_REWRITE", f"adds identity column {name}: fills it for every row", rows)
        elif isinstance(c, ast.Constraint) and c.contype == ConstrType.CONSTR_DEFAULT:
            expr = c.raw_expr
        elif isinstance(c, ast.Constraint) and c.contype in (ConstrType.CONSTR_CHECK, ConstrType.CONSTR_FOREIGN):
            yield Hazard("VALIDATES_EXISTING_ROWS", f"a constraint on new column {name} checks every row", rows)
        elif isinstance(c, ast.Constraint) and c.contype in (ConstrType.CONSTR_UNIQUE, ConstrType.CONSTR_PRIMARY):
            yield Hazard("INDEX_BUILD", f"new column {name} builds a unique index on {table}", rows)
    if expr is not None:
        called = {n for f in walk(expr) if isinstance(f, ast.FuncCall) and (n := _name(f.funcname))}
        volatile = {n for n in called if n.rsplit(".", 1)[-1] in _VOLATILE or n in facts.volatile}
        if volatile:
            yield Hazard(
                "TABLE_REWRITE",
                f"adds {name} with a volatile default ({', '.join(sorted(volatile))}): rewrites the table",
                rows,
            )


def _add_constraint(c: ast.Constraint, table: str, rows: int | None) -> Iterator[Hazard]:
    what = f"constraint {c.conname or ''} on {table}".replace("  ", " ")
    if c.contype in (ConstrType.CONSTR_CHECK, ConstrType.CONSTR_FOREIGN) and not c.skip_validation:
        yield Hazard("VALIDATES_EXISTING_ROWS", f"adds {what} without NOT VALID: checks every row while locked", rows)
    elif c.contype in (ConstrType.CONSTR_UNIQUE, ConstrType.CONSTR_PRIMARY) and not c.indexname:
        yield Hazard("INDEX_BUILD", f"adds {what}: builds its unique index while writes wait", rows)
        yield Hazard("VALIDATES_EXISTING_ROWS", f"adds {what}: fails on duplicate values", rows)
    elif c.contype == ConstrType.CONSTR_EXCLUSION:
        yield Hazard("INDEX_BUILD", f"adds exclusion {what}: builds its index while writes wait", rows)


def _grant(node: ast.GrantStmt, facts: Facts) -> Iterator[Hazard]:
    verb = "grants" if node.is_grant else "revokes"
    existing = []
    for obj in node.objects or ():
        if isinstance(obj, ast.RangeVar):
            name = _rel(obj)
            if name is not None and name in facts.relations:
                existing.append(name)
        else:
            # a routine; a type or domain (a list of names); a schema
            name = _name(
                obj.objname
                if isinstance(obj, ast.ObjectWithArgs)
                else obj
                if isinstance(obj, tuple)
                else obj.names
                if isinstance(obj, ast.TypeName)
                else [obj]
            )
            if name is not None and name in facts.existing:
                existing.append(name)
    if existing:
        to = ", ".join(_role(r) for r in node.grantees or ())
        yield Hazard(
            "AUTHZ_CHANGE", f"{verb} privileges on {', '.join(existing)} {'to' if node.is_grant else 'from'} {to}"
        )


def _role(r: object) -> str:
    if isinstance(r, ast.RoleSpec):
        return str(r.rolename) if r.rolename else "PUBLIC"
    return "?"


def _rename(node: ast.RenameStmt, facts: Facts) -> Iterator[Hazard]:
    if node.renameType == ObjectType.OBJECT_TYPE and str(node.newname or "").endswith("__old_version_to_be_dropped"):
        yield Hazard("ENUM_RECREATE", f"re-creates type {_name(node.object) or ''}: every column using it is re-typed")
        return
    table = _rel(node.relation)
    if not facts.has_table(table):
        return
    if node.renameType == ObjectType.OBJECT_COLUMN and node.subname:
        yield from _untrackable(node.subname, f"column {table}.{node.subname}", facts)
    elif node.renameType == ObjectType.OBJECT_TABLE and table:
        yield from _untrackable(table.rsplit(".", 1)[-1], f"table {table}", facts)


def _untrackable(word: str, what: str, facts: Facts) -> Iterator[Hazard]:
    """Function bodies are text to PostgreSQL: a body naming what goes away is not a dependency it tracks."""
    word = word.lower()
    users = sorted(f for f, body in facts.bodies.items() if _mentions(body, word))
    if users:
        shown = ", ".join(users[:3]) + (f" and {len(users) - 3} more" if len(users) > 3 else "")
        yield Hazard("UNTRACKABLE_DEPENDENCY", f"{what} goes away but the body of {shown} names it")


def _mentions(body: str, word: str) -> bool:
    start = body.find(word)
    while start >= 0:
        before = body[start - 1] if start else " "
        after = body[start + len(word)] if start + len(word) < len(body) else " "
        if not (before.isalnum() or before == "_") and not (after.isalnum() or after == "_"):
            return True
        start = body.find(word, start + 1)
    return False


def _type_text(t: ast.TypeName | None) -> str:
    if t is None:
        return "?"
    name = _name(t.names) or "?"
    mods = [str(m.val.ival) for m in t.typmods or () if isinstance(m, ast.A_Const) and isinstance(m.val, ast.Integer)]
    dims = "[]" * len(t.arrayBounds or ())
    return name.removeprefix("pg_catalog.") + (f"({','.join(mods)})" if mods else "") + dims


# Type changes PostgreSQL makes without rewriting (binary coercible, or a wider limit).
_SAME_STORAGE = {
    ("character varying", "text"),
    ("varchar", "text"),
    ("text", "varchar"),
    ("cidr", "inet"),
}
_ALIASES = {
    "character varying": "varchar",
    "int4": "integer",
    "int8": "bigint",
    "int2": "smallint",
    "bpchar": "character",
}


def _binary_coercible(old: str | None, new: ast.TypeName | None) -> bool:
    if old is None or new is None:
        return False
    new_text = _type_text(new)
    old_base, _, old_mods = old.partition("(")
    new_base, _, new_mods = new_text.partition("(")
    old_base, new_base = _ALIASES.get(old_base, old_base), _ALIASES.get(new_base, new_base)
    if (old_base, new_base) in _SAME_STORAGE and not (new_base == "varchar" and new_mods):
        return True
    if old_base != new_base:
        return False
    if not new_mods:
        return old_base in ("varchar", "numeric", "bit varying")  # dropping the limit
    if not old_mods:
        return False
    try:
        o = [int(x) for x in old_mods.rstrip(")").split(",")]
        n = [int(x) for x in new_mods.rstrip(")").split(",")]
    except ValueError:
        return False
    if old_base == "varchar":
        return n[0] >= o[0]
    if old_base == "numeric" and len(o) == len(n) == 2:
        return n[1] == o[1] and n[0] >= o[0]
    return False
