"""What a creating statement is about: its kind, the object it belongs to, what it creates and uses.

Used by `reconcile pull` to group a diff-from-empty into files per object kind or per table and
to keep each file loadable in lexical order; names the object of a plan statement and the text a
guard runs, for messages (the proof's). Read from pglast's AST (a guard's DO block: the
statement it executes). Imports pglast, `sql.order` (its dependency reader), `sql.guard_read` and `sql.idempotent`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from pglast import ast, parser
from pglast.enums import AlterTableType, ConstrType, ObjectType

from .guard_read import guard_shape, guarded_statement
from .idempotent import make_idempotent
from .order import Key
from .order import _read as read_dependencies
from .parse import same_tree, walk


@dataclass(frozen=True, slots=True)
class ObjectStatement:
    """One creating statement: `kind` (schema, extension, type, sequence, table, function, view,
    index, trigger, policy, event trigger, publication, default privileges, setting, other), the
    object it belongs to (`home`: a table's parts, comments and grants belong to the table), what
    it creates and what it uses (keys as `sql.order` spells them: (space, "schema.name[.part]"))."""

    sql: str
    kind: str
    home: Key | None
    creates: frozenset[Key] = field(default_factory=frozenset)
    uses: frozenset[Key] = field(default_factory=frozenset)
    backing_index: str | None = None  # "schema.index" a constraint is added USING
    validates: Key | None = None  # ("constraint", "schema.table.name") of a VALIDATE CONSTRAINT
    not_valid: bool = False  # ADD CONSTRAINT … NOT VALID
    # ("schema.child", "schema.parent") of INHERITS, PARTITION OF, ATTACH PARTITION and INHERIT
    inherits: frozenset[tuple[str, str]] = field(default_factory=frozenset)
    partition: bool = False  # the `inherits` pairs are partitions (PARTITION OF, ATTACH PARTITION)


def _names(items: object) -> list[str]:
    return [str(n.sval) for n in items or () if isinstance(n, ast.String)]  # type: ignore[attr-defined]


def _dotted(items: object, default_schema: str = "public") -> str:
    parts = _names(items)
    if len(parts) == 1:
        parts = [default_schema, *parts]
    return ".".join(parts)


def _rel(rv: ast.RangeVar | None) -> str | None:
    if rv is None or not rv.relname:
        return None
    return f"{rv.schemaname or 'public'}.{rv.relname}"


def _qualified(key: Key) -> Key:
    """Keys read by `sql.order` leave unqualified names bare; objects without a schema are in public."""
    space, name = key
    if space in ("function", "type", "relation") and "." not in name:
        return (space, f"public.{name}")
    return key


_RELATION_KINDS = {
    ObjectType.OBJECT_TABLE: "relation",
    ObjectType.OBJECT_VIEW: "relation",
    ObjectType.OBJECT_MATVIEW: "relation",
    ObjectType.OBJECT_SEQUENCE: "relation",
    ObjectType.OBJECT_FOREIGN_TABLE: "relation",
}


_TRIGGER_STATE = (
    AlterTableType.AT_EnableTrig,
    AlterTableType.AT_EnableAlwaysTrig,
    AlterTableType.AT_EnableReplicaTrig,
    AlterTableType.AT_DisableTrig,
)


def _object_key(objtype: ObjectType | None, obj: object) -> Key | None:
    """The key of the object a COMMENT, GRANT or ALTER names."""
    if objtype is None:
        return None
    if isinstance(obj, ast.RangeVar):
        rel = _rel(obj)
        return ("relation", rel) if rel else None
    if objtype in _RELATION_KINDS:
        return ("relation", _dotted(obj))
    if objtype == ObjectType.OBJECT_COLUMN:
        parts = _names(obj)
        return ("relation", ".".join(parts[:-1] if len(parts) > 2 else ["public", *parts[:-1]]))
    if objtype in (ObjectType.OBJECT_TABCONSTRAINT, ObjectType.OBJECT_TRIGGER, ObjectType.OBJECT_POLICY):
        space = {
            ObjectType.OBJECT_TABCONSTRAINT: "constraint",
            ObjectType.OBJECT_TRIGGER: "trigger",
            ObjectType.OBJECT_POLICY: "policy",
        }[objtype]
        return (space, _dotted(obj))
    if objtype == ObjectType.OBJECT_INDEX:
        return ("index", _dotted(obj))
    if objtype in (ObjectType.OBJECT_FUNCTION, ObjectType.OBJECT_PROCEDURE, ObjectType.OBJECT_ROUTINE):
        if isinstance(obj, ast.ObjectWithArgs):
            return ("function", _dotted(obj.objname))
        return None
    if objtype in (ObjectType.OBJECT_TYPE, ObjectType.OBJECT_DOMAIN):
        if isinstance(obj, ast.TypeName):
            return ("type", _dotted(obj.names))
        return ("type", _dotted(obj))
    if objtype == ObjectType.OBJECT_COLLATION:
        return ("collation", _dotted(obj))
    if objtype == ObjectType.OBJECT_SCHEMA:
        return ("schema", str(obj.sval)) if isinstance(obj, ast.String) else None
    if objtype == ObjectType.OBJECT_EXTENSION:
        return ("extension", str(obj.sval)) if isinstance(obj, ast.String) else None
    if objtype == ObjectType.OBJECT_EVENT_TRIGGER:
        return ("event trigger", str(obj.sval)) if isinstance(obj, ast.String) else None
    if objtype == ObjectType.OBJECT_PUBLICATION:
        return ("publication", str(obj.sval)) if isinstance(obj, ast.String) else None
    return None


def describe_statement(sql: str) -> ObjectStatement:
    """Classify one statement (the diff's, one per string)."""
    raws = parser.parse_sql(sql)
    node = raws[0].stmt if raws else None
    if isinstance(node, ast.DoStmt):
        node = guarded_statement(node) or node
    dep = read_dependencies(sql)
    creates = {_qualified(k) for k in dep.creates}
    uses = {_qualified(k) for k in dep.uses}
    kind, home, extra = _classify(node)
    creates |= extra.creates
    uses |= extra.uses | _regclass_literals(node)
    if home is not None and home not in creates:
        uses.add(home)
    return ObjectStatement(
        sql,
        kind,
        home,
        frozenset(creates),
        frozenset(uses - creates),
        extra.backing_index,
        extra.validates,
        extra.not_valid,
        frozenset(extra.inherits),
        extra.partition,
    )


def _regclass_literals(node: object) -> set[Key]:
    """Relations named by `'schema.name'::regclass` (a serial's `nextval('…_seq'::regclass)`
    default needs its sequence first)."""
    out: set[Key] = set()
    for n in walk(node):
        if not isinstance(n, ast.TypeCast) or n.typeName is None:
            continue
        if _names(n.typeName.names)[-1:] != ["regclass"] or not isinstance(n.arg, ast.A_Const):
            continue
        value = getattr(n.arg.val, "sval", None)
        if isinstance(value, str) and value:
            out.add(_qualified(("relation", value.replace('"', ""))))
    return out


@dataclass(slots=True)
class _Extra:
    creates: set[Key] = field(default_factory=set)
    uses: set[Key] = field(default_factory=set)
    backing_index: str | None = None
    validates: Key | None = None
    not_valid: bool = False
    inherits: set[tuple[str, str]] = field(default_factory=set)
    partition: bool = False


# A block that reads a table's identity sequence (supplement.identity_options' restart past the
# rows) names the table in a string only: it goes with the table.
_SERIAL_OF = re.compile(r"pg_get_serial_sequence\('((?:[^']|'')+)'")


def _classify(node: object) -> tuple[str, Key | None, _Extra]:
    x = _Extra()
    if isinstance(node, ast.DoStmt):
        body = next(
            (str(a.arg.sval) for a in node.args or () if a.defname == "as" and isinstance(a.arg, ast.String)), ""
        )
        if found := _SERIAL_OF.search(body):
            key = _qualified(("relation", found.group(1).replace("''", "'").replace('"', "")))
            return "table", key, x
    if isinstance(node, ast.CreateSchemaStmt):
        key = ("schema", str(node.schemaname))
        x.creates.add(key)
        return "schema", key, x
    if isinstance(node, ast.CreateExtensionStmt):
        key = ("extension", str(node.extname))
        x.creates.add(key)
        for opt in node.options or ():
            if opt.defname == "schema" and isinstance(opt.arg, ast.String):
                x.uses.add(("schema", str(opt.arg.sval)))
        return "extension", key, x
    if isinstance(node, ast.CreateEnumStmt | ast.CreateRangeStmt):
        key = ("type", _dotted(node.typeName))
        return "type", key, x
    if isinstance(node, ast.CompositeTypeStmt):
        rel = _rel(node.typevar)
        return "type", ("type", rel) if rel else None, x
    if isinstance(node, ast.CreateDomainStmt):
        return "type", ("type", _dotted(node.domainname)), x
    if isinstance(node, ast.AlterDomainStmt):
        return "type", ("type", _dotted(node.typeName)), x
    if isinstance(node, ast.DefineStmt) and node.kind == ObjectType.OBJECT_COLLATION:
        key = ("collation", _dotted(node.defnames))
        x.creates.add(key)
        return "type", key, x
    if isinstance(node, ast.CreateSeqStmt):
        rel = _rel(node.sequence)
        return "sequence", ("relation", rel) if rel else None, x
    if isinstance(node, ast.AlterSeqStmt):
        rel = _rel(node.sequence)
        for opt in node.options or ():
            if opt.defname == "owned_by":
                parts = _names(opt.arg)
                if len(parts) >= 2:
                    table = ".".join(parts[:-1] if len(parts) > 2 else ["public", parts[0]])
                    # OWNED BY needs the table: the statement belongs with it.
                    x.uses.add(("relation", rel or ""))
                    return "table", ("relation", table), x
        return "sequence", ("relation", rel) if rel else None, x
    if isinstance(node, ast.CreateStmt):
        rel = _rel(node.relation)
        if rel:
            x.inherits |= {(rel, parent) for rv in node.inhRelations or () if (parent := _rel(rv))}
            x.partition = node.partbound is not None
        return "table", ("relation", rel) if rel else None, x
    if isinstance(node, ast.AlterTableStmt):
        rel = _rel(node.relation)
        home = ("relation", rel) if rel else None
        for cmd in node.cmds or ():
            if not isinstance(cmd, ast.AlterTableCmd):
                continue
            con = cmd.def_ if isinstance(cmd.def_, ast.Constraint) else None
            if cmd.subtype == AlterTableType.AT_AddConstraint and con is not None and rel:
                x.creates.add(("constraint", f"{rel}.{con.conname}"))
                if con.indexname:
                    x.backing_index = f"{rel.split('.')[0]}.{con.indexname}"
                    x.uses.add(("index", x.backing_index))
                if con.skip_validation:
                    x.not_valid = True
                if con.contype == ConstrType.CONSTR_FOREIGN and con.pktable is not None:
                    ref = _rel(con.pktable)
                    if ref:
                        x.uses.add(("keys of", ref))
            elif cmd.subtype == AlterTableType.AT_ValidateConstraint and rel and cmd.name:
                x.validates = ("constraint", f"{rel}.{cmd.name}")
                x.uses.add(x.validates)
            elif cmd.subtype == AlterTableType.AT_AttachPartition and isinstance(cmd.def_, ast.PartitionCmd) and rel:
                if child := _rel(cmd.def_.name):
                    x.inherits.add((child, rel))
                    x.partition = True
            elif cmd.subtype == AlterTableType.AT_AddInherit and isinstance(cmd.def_, ast.RangeVar) and rel:
                if parent := _rel(cmd.def_):
                    x.inherits.add((rel, parent))
            elif cmd.subtype in _TRIGGER_STATE and rel and cmd.name:
                x.uses.add(("trigger", f"{rel}.{cmd.name}"))
                if len(node.cmds or ()) == 1:
                    return "trigger", home, x
        if node.objtype in (ObjectType.OBJECT_VIEW, ObjectType.OBJECT_MATVIEW):
            return "view", home, x
        if node.objtype == ObjectType.OBJECT_SEQUENCE:
            return "sequence", home, x
        if node.objtype == ObjectType.OBJECT_INDEX and rel:
            return "index", ("index", rel), x
        if node.objtype == ObjectType.OBJECT_TYPE:
            return "type", ("type", rel) if rel else None, x
        return "table", home, x
    if isinstance(node, ast.IndexStmt):
        rel = _rel(node.relation)
        if rel and node.idxname:
            x.creates.add(("index", f"{rel.split('.')[0]}.{node.idxname}"))
            if node.unique or node.primary:
                x.creates.add(("keys of", rel))
        return "index", ("relation", rel) if rel else None, x
    if isinstance(node, ast.CreateFunctionStmt):
        return "function", ("function", _dotted(node.funcname)), x
    if isinstance(node, ast.ViewStmt):
        rel = _rel(node.view)
        return "view", ("relation", rel) if rel else None, x
    if isinstance(node, ast.CreateTableAsStmt):
        rel = _rel(node.into.rel) if node.into is not None else None
        return "view", ("relation", rel) if rel else None, x
    if isinstance(node, ast.CreatePolicyStmt):
        rel = _rel(node.table)
        if rel:
            x.creates.add(("policy", f"{rel}.{node.policy_name}"))
        return "policy", ("relation", rel) if rel else None, x
    if isinstance(node, ast.CreateTrigStmt):
        rel = _rel(node.relation)
        if rel:
            x.creates.add(("trigger", f"{rel}.{node.trigname}"))
        x.uses.add(("function", _dotted(node.funcname)))
        return "trigger", ("relation", rel) if rel else None, x
    if isinstance(node, ast.CreateEventTrigStmt):
        key = ("event trigger", str(node.trigname))
        x.creates.add(key)
        x.uses.add(("function", _dotted(node.funcname)))
        return "event trigger", key, x
    if isinstance(node, ast.AlterEventTrigStmt):
        return "event trigger", ("event trigger", str(node.trigname)), x
    if isinstance(node, ast.CreatePublicationStmt | ast.AlterPublicationStmt):
        key = ("publication", str(node.pubname))
        if isinstance(node, ast.CreatePublicationStmt):
            x.creates.add(key)
        return "publication", key, x
    if isinstance(node, ast.AlterDefaultPrivilegesStmt):
        return "default privileges", None, x
    if isinstance(node, ast.VariableSetStmt):
        return "setting", None, x
    if isinstance(node, ast.CommentStmt):
        return _attached(_object_key(node.objtype, node.object), x)
    if isinstance(node, ast.GrantStmt):
        keys = [_object_key(node.objtype, o) for o in node.objects or ()]
        return _attached(keys[0] if len(keys) == 1 else None, x)
    if isinstance(node, ast.AlterOwnerStmt):
        return _attached(_object_key(node.objectType, node.object or node.relation), x)
    return "other", None, x


def _attached(key: Key | None, x: _Extra) -> tuple[str, Key | None, _Extra]:
    """A comment or grant: it goes where the object it names goes (kind "attached")."""
    if key is not None:
        x.uses.add(key)
    return "attached", key, x


def is_trigger_clone(trigger: str, parent_trigger: str) -> bool:
    """Whether CREATE TRIGGER `trigger` (on a partition) is what PostgreSQL creates by itself on
    each partition for CREATE TRIGGER `parent_trigger` on its partitioned table: a row-level
    trigger, the same but for the table it is on, under the same name."""
    mine, parent = _trigger(trigger), _trigger(parent_trigger)
    if mine is None or parent is None or not parent.row:
        return False
    mine.relation = parent.relation
    return same_tree(mine, parent)


def _trigger(sql: str) -> ast.CreateTrigStmt | None:
    raws = parser.parse_sql(sql)
    node = raws[0].stmt if len(raws) == 1 else None
    if isinstance(node, ast.DoStmt):
        node = guarded_statement(node)
    return node if isinstance(node, ast.CreateTrigStmt) else None


def with_valid_constraint(add: str) -> str | None:
    """`add` (ALTER TABLE … ADD CONSTRAINT … NOT VALID, as the diff prints it) without NOT VALID,
    or None when the text does not end that way."""
    text = add.rstrip().rstrip(";").rstrip()
    if not text.lower().endswith(" not valid"):
        return None
    out = text[: -len(" not valid")]
    node = parser.parse_sql(out)[0].stmt
    if not isinstance(node, ast.AlterTableStmt) or any(
        isinstance(c, ast.AlterTableCmd) and isinstance(c.def_, ast.Constraint) and c.def_.skip_validation
        for c in node.cmds or ()
    ):
        return None
    return out


def _inherently_idempotent(node: object) -> bool:
    """Statements that change nothing when run again (no guard needed to run a file by hand)."""
    if isinstance(node, ast.CommentStmt | ast.GrantStmt | ast.AlterDefaultPrivilegesStmt | ast.AlterOwnerStmt):
        return True
    if isinstance(node, ast.AlterSeqStmt):
        return True
    if isinstance(node, ast.CreateFunctionStmt | ast.ViewStmt) and node.replace:
        return True
    if isinstance(node, ast.AlterTableStmt):
        settable = (
            AlterTableType.AT_EnableRowSecurity,
            AlterTableType.AT_ForceRowSecurity,
            AlterTableType.AT_SetRelOptions,
            AlterTableType.AT_ReplicaIdentity,
            AlterTableType.AT_SetStatistics,
            AlterTableType.AT_SetStorage,
            AlterTableType.AT_ColumnDefault,
            *_TRIGGER_STATE,
        )
        return all(isinstance(c, ast.AlterTableCmd) and c.subtype in settable for c in node.cmds or ())
    return False


def _drop_first(node: object) -> str | None:
    """`DROP … IF EXISTS` that lets a CREATE POLICY / CREATE TRIGGER run again (the seed's style)."""
    from .guard import ident

    if isinstance(node, ast.CreatePolicyStmt) and (rel := _rel(node.table)):
        schema, name = rel.split(".", 1)
        return f"DROP POLICY IF EXISTS {ident(str(node.policy_name))} ON {ident(schema)}.{ident(name)}"
    if isinstance(node, ast.CreateTrigStmt) and not node.replace and (rel := _rel(node.relation)):
        schema, name = rel.split(".", 1)
        return f"DROP TRIGGER IF EXISTS {ident(str(node.trigname))} ON {ident(schema)}.{ident(name)}"
    return None


def seed_style(statements: Sequence[str], *, server_major: int) -> tuple[str, ...]:
    """Each creating statement in a form that can run again by hand: `IF NOT EXISTS` and
    `CREATE OR REPLACE` where PostgreSQL has them, `DROP POLICY/TRIGGER IF EXISTS` before the
    CREATE, a catalog guard (`sql.idempotent`) elsewhere; statements that are idempotent as they
    stand (comments, grants, RLS switches, options) as they are. One string per statement (a
    policy or trigger: two statements), without the trailing semicolon."""
    out: list[str | None] = []
    rest: list[int] = []  # statements only a catalog guard makes re-runnable
    for sql in statements:
        node = parser.parse_sql(sql)[0].stmt
        inner = guarded_statement(node) if isinstance(node, ast.DoStmt) else None
        first = _drop_first(node)
        if first is not None:
            out.append(f"{first};\n{sql.strip().rstrip(';').rstrip()}")
        elif _inherently_idempotent(node):
            out.append(sql.strip().rstrip(";").rstrip())
        elif inner is not None and _inherently_idempotent(inner) and isinstance(node, ast.DoStmt):
            # A guard the differ wrote around a statement that needs none: the statement it runs.
            out.append((guard_shape(node) or sql).strip().rstrip(";").rstrip())
        else:
            rest.append(len(out))
            out.append(None)
    # Creating statements only (no drop/create spans): guarding a subset guards each alike.
    guarded = make_idempotent([statements[k] for k in rest], server_major=server_major)
    for k, g in zip(rest, guarded, strict=True):
        out[k] = g.sql.strip().rstrip(";").rstrip()
    return tuple(s for s in out if s is not None)


def folded_key_constraint(index_sql: str, constraint_sql: str) -> str | None:
    """`ALTER TABLE … ADD CONSTRAINT name PRIMARY KEY|UNIQUE (columns)` for the diff's pair
    `CREATE UNIQUE INDEX name ON … USING btree (columns)` + `ADD CONSTRAINT name … USING INDEX name`,
    when the index is exactly the one that constraint builds by itself (plain btree columns, no
    predicate, INCLUDE, options, tablespace, collation, opclass or ordering; not deferrable);
    else None (the pair stays as it is)."""
    from .guard import ident

    idx = parser.parse_sql(index_sql)[0].stmt
    alter = parser.parse_sql(constraint_sql)[0].stmt
    if not isinstance(idx, ast.IndexStmt) or not isinstance(alter, ast.AlterTableStmt) or len(alter.cmds or ()) != 1:
        return None
    cmd = (alter.cmds or (None,))[0]
    con = cmd.def_ if isinstance(cmd, ast.AlterTableCmd) else None
    plain = (
        idx.unique
        and (idx.accessMethod or "btree") == "btree"
        and idx.whereClause is None
        and not idx.indexIncludingParams
        and not idx.options
        and not idx.tableSpace
        and not idx.nulls_not_distinct
        and not idx.deferrable
    )
    if not plain or not isinstance(con, ast.Constraint) or con.indexname != idx.idxname or con.conname != idx.idxname:
        return None
    if con.contype not in (ConstrType.CONSTR_PRIMARY, ConstrType.CONSTR_UNIQUE) or con.deferrable:
        return None
    if _rel(idx.relation) != _rel(alter.relation):
        return None
    columns = []
    for elem in idx.indexParams or ():
        if not isinstance(elem, ast.IndexElem) or elem.name is None or elem.expr is not None:
            return None
        if elem.collation or elem.opclass or elem.opclassopts or elem.ordering or elem.nulls_ordering:
            return None
        columns.append(ident(str(elem.name)))
    rel = _rel(alter.relation)
    if rel is None or not columns:
        return None
    schema, table = rel.split(".", 1)
    kind = "PRIMARY KEY" if con.contype == ConstrType.CONSTR_PRIMARY else "UNIQUE"
    name = ident(str(con.conname))
    return f"ALTER TABLE {ident(schema)}.{ident(table)} ADD CONSTRAINT {name} {kind} ({', '.join(columns)})"


_KIND_WORDS = {
    ObjectType.OBJECT_MATVIEW: "materialized view",
    ObjectType.OBJECT_TABCONSTRAINT: "constraint",
    ObjectType.OBJECT_DOMCONSTRAINT: "domain constraint",
}
_COLUMN_COMMANDS = (
    AlterTableType.AT_AlterColumnType,
    AlterTableType.AT_ColumnDefault,
    AlterTableType.AT_SetNotNull,
    AlterTableType.AT_DropNotNull,
    AlterTableType.AT_DropColumn,
    AlterTableType.AT_SetStatistics,
    AlterTableType.AT_SetStorage,
    AlterTableType.AT_AddIdentity,
    AlterTableType.AT_SetIdentity,
    AlterTableType.AT_DropIdentity,
)


def _kind_word(objtype: ObjectType | None) -> str:
    if objtype is None:
        return "object"
    return _KIND_WORDS.get(objtype) or objtype.name.removeprefix("OBJECT_").lower().replace("_", " ")


def _object_name(obj: object) -> str:
    """The dotted name of one object a DROP, RENAME or ALTER lists (a routine with its arguments)."""
    if isinstance(obj, ast.RangeVar):
        return _rel(obj) or "?"
    if isinstance(obj, ast.TypeName):
        return _dotted(obj.names)
    if isinstance(obj, ast.ObjectWithArgs):
        args = ", ".join(".".join(_names(a.names)) for a in obj.objargs or () if isinstance(a, ast.TypeName))
        return f"{_dotted(obj.objname)}({args})"
    if isinstance(obj, ast.String):
        return str(obj.sval)
    return _dotted(obj) if isinstance(obj, list | tuple) else "?"


def _altered_table_part(node: ast.AlterTableStmt, rel: str) -> str | None:
    """The column or constraint an ALTER TABLE with one command changes."""
    cmds = [c for c in node.cmds or () if isinstance(c, ast.AlterTableCmd)]
    if len(cmds) != 1:
        return None
    cmd = cmds[0]
    if cmd.subtype == AlterTableType.AT_AddColumn and isinstance(cmd.def_, ast.ColumnDef):
        return f"column {rel}.{cmd.def_.colname}"
    if cmd.subtype in _COLUMN_COMMANDS and cmd.name:
        return f"column {rel}.{cmd.name}"
    if cmd.subtype == AlterTableType.AT_AddConstraint and isinstance(cmd.def_, ast.Constraint) and cmd.def_.conname:
        return f"constraint {rel}.{cmd.def_.conname}"
    if cmd.subtype in (AlterTableType.AT_DropConstraint, AlterTableType.AT_ValidateConstraint) and cmd.name:
        return f"constraint {rel}.{cmd.name}"
    return None


def named_object(sql: str) -> str | None:
    """The object one plan statement creates, alters or drops, as "kind schema.name" (e.g. `type
    public.mood`, `column public.users.email`); the statement a guard's DO block runs; None when
    the statement names none (or does not parse): for messages only, never for decisions."""
    try:
        raws = parser.parse_sql(sql)
    except parser.ParseError:
        return None
    node = raws[0].stmt if len(raws) == 1 else None
    if isinstance(node, ast.DoStmt):
        node = guarded_statement(node) or node
    if isinstance(node, ast.DropStmt) and node.objects:
        return f"{_kind_word(node.removeType)} {_object_name(node.objects[0])}"
    if isinstance(node, ast.AlterTableStmt) and (rel := _rel(node.relation)):
        return _altered_table_part(node, rel) or f"{_kind_word(node.objtype)} {rel}"
    if isinstance(node, ast.AlterEnumStmt):
        return f"type {_dotted(node.typeName)}"
    if isinstance(node, ast.RenameStmt):
        what = node.relation if node.relation is not None else node.object
        part = f".{node.subname}" if node.relation is not None and node.subname else ""
        return f"{_kind_word(node.renameType)} {_object_name(what)}{part}" if what is not None else None
    if isinstance(node, ast.AlterObjectSchemaStmt):
        what = node.relation if node.relation is not None else node.object
        return f"{_kind_word(node.objectType)} {_object_name(what)}" if what is not None else None
    if isinstance(node, ast.AlterExtensionStmt):
        return f"extension {node.extname}"
    try:
        described = describe_statement(sql)
    except parser.ParseError:
        return None
    key = described.home if described.home in described.creates else min(described.creates, default=described.home)
    if key is None or described.kind in ("other", "setting", "default privileges"):
        return None
    kind = described.kind if described.kind != "attached" else key[0]
    return f"{kind} {key[1]}"


def executed_text(sql: str) -> str:
    """The statement a guard's DO block EXECUTEs (what a message should show), else `sql` itself."""
    try:
        raws = parser.parse_sql(sql)
    except parser.ParseError:
        return sql
    node = raws[0].stmt if len(raws) == 1 else None
    executed = guard_shape(node) if isinstance(node, ast.DoStmt) else None
    return executed or sql
