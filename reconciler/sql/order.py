"""Statement order from dependencies, applied over the diff's own order.

Two rules PostgreSQL enforces and a fixed order of statement kinds cannot: an object is created
before the statements that use it (a function before the default, check, index, domain or
signature that calls or names it; a table before the function whose signature names its row type;
an object dropped and created again counts as created for the statements after its drop; a unique
or primary key before the foreign keys that reference its table), and the objects that use an
object are dropped (or altered away) before it. Uses are read from each statement's AST (a
guard's: the statement it executes); what a dropped object's users were comes from the source
database's pg_depend, which the caller passes. The sort is stable: statements keep the diff's
order unless a dependency says otherwise; a cycle keeps it too (the proof reports what still
fails). Imports pglast and `sql.guard_read`.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from pglast import ast, parser
from pglast.enums import AlterTableType, ConstrType, ObjectType

from .guard_read import guard_shape
from .parse import walk

Key = tuple[str, str]  # (space, "schema.name[.part]"): function, type, relation, column, default, …


@dataclass(frozen=True, slots=True)
class User:
    """A source object that uses another (one row of queries/dependents.sql)."""

    kind: str  # view, matview, function, domain, range, index, column, default, constraint, trigger, policy, …
    schema: str
    table: str | None
    name: str

    def addresses(self) -> tuple[Key, ...]:
        """What a statement removing this user removes: the object itself, or its whole table."""
        s = self.schema
        if self.kind in ("view", "matview"):
            return (("relation", f"{s}.{self.name}"),)
        if self.kind == "function":
            return (("function", f"{s}.{self.name}"),)
        if self.kind in ("domain", "range"):
            return (("type", f"{s}.{self.name}"),)
        if self.kind in ("operator", "opclass", "tsconfig"):  # catalog_objects' kinds
            return ((self.kind, f"{s}.{self.name}"),)
        on_table = (("relation", f"{s}.{self.table}"),) if self.table else ()
        if self.kind == "index":
            return (("index", f"{s}.{self.name}"), *on_table)
        if self.kind in ("column", "default"):
            col = f"{s}.{self.table}.{self.name}"
            return (
                (("default", col), ("column", col), *on_table)
                if self.kind == "default"
                # a composite type's attribute goes with its DROP TYPE
                else (("column", col), *on_table, ("type", f"{s}.{self.table}"))
            )
        if self.table:
            return ((self.kind, f"{s}.{self.table}.{self.name}"), *on_table)
        return ()


@dataclass(frozen=True, slots=True)
class Facts:
    """`new`: objects the plan creates that the source lacks; `users`: who uses each source object."""

    new: frozenset[Key] = frozenset()
    users: dict[Key, tuple[User, ...]] = field(default_factory=dict)


@dataclass(slots=True)
class _Statement:
    creates: set[Key]
    uses: set[Key]
    drops: set[Key]
    removes: set[Key]


def order(statements: Sequence[str], facts: Facts) -> tuple[str, ...]:
    """`statements` reordered so that every known dependency is met; else unchanged."""
    info = [_read(sql) for sql in statements]
    bare = _bare_names(facts.new)
    creator: dict[Key, int] = {}
    # An object the plan drops and creates again is new to the statements after its drop.
    dropped_at: dict[Key, int] = {}
    for i, st in enumerate(info):
        for key in st.creates:
            if key in facts.new:
                creator.setdefault(key, i)
            elif key in dropped_at and key not in creator:
                creator[key] = i
        for key in st.drops:
            dropped_at.setdefault(key, i)
    remover: dict[Key, list[int]] = {}
    for i, st in enumerate(info):
        for key in st.removes:
            remover.setdefault(key, []).append(i)
    # A constraint added NOT VALID is validated after it is added, wherever the adding went.
    added: dict[Key, int] = {}
    for i, st in enumerate(info):
        for key in st.creates:
            if key[0] == "constraint":
                added.setdefault(key, i)
    edges: dict[int, set[int]] = {}
    for i, st in enumerate(info):
        for key in st.uses:
            if key[0] == "constraint":
                c = added.get(key)
                if c is not None and c < i:
                    edges.setdefault(c, set()).add(i)
                continue
            c = creator.get(key) if key in facts.new else creator.get(bare.get(key, ("", "")))
            if c is None and key in dropped_at and dropped_at[key] < i:
                c = creator.get(key)
            if c is not None and c != i:
                edges.setdefault(c, set()).add(i)
        for key in st.drops:
            for user in facts.users.get(key, ()):
                for j in {j for k in user.addresses() for j in remover.get(k, ())}:
                    # not the drop of a table this statement alters (a self-referencing foreign key
                    # goes with its table, which goes after its key)
                    if j != i and not (info[j].removes & st.uses):
                        edges.setdefault(j, set()).add(i)
    if not edges or all(b > a for a, bs in edges.items() for b in bs):
        return tuple(statements)
    ranked = _stable_topological(len(statements), edges)
    out = [statements[i] for i in ranked]
    # Function bodies are not checked while the diff creates them; once statements move, the
    # setting must come before every CREATE FUNCTION, wherever that one went.
    sets = [sql for sql in out if _is_function_body_setting(sql)]
    return (*sets, *(sql for sql in out if not _is_function_body_setting(sql)))


def _stable_topological(n: int, edges: dict[int, set[int]]) -> list[int]:
    """Kahn's algorithm taking the earliest ready statement first; a cycle's members keep their order."""
    indegree = [0] * n
    for targets in edges.values():
        for t in targets:
            indegree[t] += 1
    ready = [i for i in range(n) if indegree[i] == 0]
    heapq.heapify(ready)
    out: list[int] = []
    done = [False] * n
    while len(out) < n:
        if not ready:  # a cycle: release its earliest member
            i = min(i for i in range(n) if not done[i])
            indegree[i] = 0
            ready = [i]
        i = heapq.heappop(ready)
        if done[i]:
            continue
        done[i] = True
        out.append(i)
        for t in edges.get(i, ()):
            indegree[t] -= 1
            if indegree[t] == 0 and not done[t]:
                heapq.heappush(ready, t)
    return out


def _bare_names(new: Iterable[Key]) -> dict[Key, Key]:
    """Unqualified name -> the one new object of that name (ambiguous names are left out)."""
    seen: dict[Key, list[Key]] = {}
    for space, name in new:
        seen.setdefault((space, name.rsplit(".", 1)[-1]), []).append((space, name))
    return {k: v[0] for k, v in seen.items() if len(v) == 1}


def _is_function_body_setting(sql: str) -> bool:
    return sql.strip().rstrip(";").strip().lower().replace(" ", "") == "setcheck_function_bodies=off"


def _read(sql: str) -> _Statement:
    st = _Statement(set(), set(), set(), set())
    try:
        parsed = parser.parse_sql(sql)
    except parser.ParseError:
        return st
    nodes = []
    for raw in parsed:
        node = raw.stmt
        if isinstance(node, ast.DoStmt):
            executed = guard_shape(node)
            try:  # a guard may execute several statements (e.g. DROP … IF EXISTS, one after another)
                inner = [r.stmt for r in parser.parse_sql(executed)] if executed else []
            except parser.ParseError:
                inner = []
            nodes += inner or [node]
        else:
            nodes.append(node)
    for node in nodes:
        if node is None:
            continue
        _creates(node, st)
        _drops(node, st)
        if isinstance(node, ast.DropStmt):
            continue
        for key in _uses(node):
            if key not in st.creates:
                st.uses.add(key)
    return st


def _name(names: Iterable[object] | None) -> str | None:
    parts = [str(n.sval) for n in names or () if isinstance(n, ast.String)]
    if not parts or parts[0] == "pg_catalog":
        return None
    return ".".join(parts)


def _rel(rv: ast.RangeVar | None) -> str | None:
    if rv is None or not rv.relname:
        return None
    return f"{rv.schemaname}.{rv.relname}" if rv.schemaname else str(rv.relname)


def _creates(node: ast.Node, st: _Statement) -> None:
    created: list[Key] = []
    if isinstance(node, ast.CreateFunctionStmt):
        name = _name(node.funcname)
        created.append(("function", name or ""))
    elif isinstance(node, ast.DefineStmt) and node.kind == ObjectType.OBJECT_AGGREGATE:
        created.append(("function", _name(node.defnames) or ""))
    elif isinstance(node, ast.DefineStmt) and node.kind == ObjectType.OBJECT_TSCONFIGURATION:
        created.append(("tsconfig", _name(node.defnames) or ""))
    elif isinstance(node, ast.CreateForeignTableStmt) and node.base is not None:
        _creates(node.base, st)
    elif isinstance(node, ast.CreateOpClassStmt):
        created.append(("opclass", _name(node.opclassname) or ""))
    elif isinstance(node, ast.CreateStmt | ast.CreateSeqStmt | ast.ViewStmt | ast.CreateTableAsStmt):
        rv: ast.RangeVar | None
        if isinstance(node, ast.CreateTableAsStmt):
            rv = node.into.rel if node.into is not None else None
        elif isinstance(node, ast.ViewStmt):
            rv = node.view
        elif isinstance(node, ast.CreateSeqStmt):
            rv = node.sequence
        else:
            rv = node.relation
        rel = _rel(rv)
        if rel:
            created += [("relation", rel), ("type", rel)]
            if isinstance(node, ast.CreateStmt):
                created += [
                    ("column", f"{rel}.{c.colname}") for c in node.tableElts or () if isinstance(c, ast.ColumnDef)
                ]
    elif isinstance(node, ast.AlterTableStmt) and (rel := _rel(node.relation)):
        for cmd in node.cmds or ():
            is_column = isinstance(cmd, ast.AlterTableCmd) and isinstance(cmd.def_, ast.ColumnDef)
            if is_column and cmd.subtype == AlterTableType.AT_AddColumn:
                created.append(("column", f"{rel}.{cmd.def_.colname}"))
            elif cmd.subtype == AlterTableType.AT_AddConstraint and _is_key(cmd.def_):
                created.append(("key", rel))  # a unique or primary key a foreign key may reference
            named = isinstance(cmd.def_, ast.Constraint) and cmd.def_.conname
            if cmd.subtype == AlterTableType.AT_AddConstraint and named:  # a VALIDATE of it comes after
                created.append(("constraint", f"{rel}.{cmd.def_.conname}"))
    elif isinstance(node, ast.CompositeTypeStmt):
        rel = _rel(node.typevar)
        if rel:
            created.append(("type", rel))
    elif isinstance(node, ast.CreateEnumStmt | ast.CreateRangeStmt):
        created.append(("type", _name(node.typeName) or ""))
    elif isinstance(node, ast.CreateDomainStmt):
        created.append(("type", _name(node.domainname) or ""))
    st.creates |= {k for k in created if k[1]}


def _is_key(node: object) -> bool:
    return isinstance(node, ast.Constraint) and node.contype in (ConstrType.CONSTR_PRIMARY, ConstrType.CONSTR_UNIQUE)


def _drops(node: ast.Node, st: _Statement) -> None:
    if isinstance(node, ast.DefineStmt) and node.kind == ObjectType.OBJECT_AGGREGATE and node.replace:
        # replaced in place: what the old definition used may be dropped once this ran
        st.removes.add(("function", _name(node.defnames) or ""))
    if isinstance(node, ast.DropStmt):
        space = _DROP_SPACE.get(node.removeType) if node.removeType is not None else None
        for obj in node.objects or ():
            if node.removeType == ObjectType.OBJECT_OPCLASS and isinstance(obj, tuple | list):
                obj = obj[1:]  # (access method, [schema,] name)
            name = _dropped_name(obj)
            if space is None or name is None:
                continue
            st.drops.add((space, name))
            st.removes.add((space, name))
            if space == "relation":  # its row type goes with it
                st.drops.add(("type", name))
    elif isinstance(node, ast.AlterTableStmt):
        rel = _rel(node.relation)
        if rel is None:
            return
        for cmd in node.cmds or ():
            if not isinstance(cmd, ast.AlterTableCmd) or not cmd.name:
                continue
            if cmd.subtype == AlterTableType.AT_DropColumn:
                st.removes |= {("column", f"{rel}.{cmd.name}"), ("default", f"{rel}.{cmd.name}")}
            elif cmd.subtype == AlterTableType.AT_DropConstraint:
                st.removes.add(("constraint", f"{rel}.{cmd.name}"))
                # Its users (foreign keys on its index) go first; it may be the table's key.
                st.drops |= {("constraint", f"{rel}.{cmd.name}"), ("key", rel)}
            elif cmd.subtype in (AlterTableType.AT_ColumnDefault, AlterTableType.AT_AlterColumnType):
                st.removes.add(("default", f"{rel}.{cmd.name}"))


_DROP_SPACE = {
    ObjectType.OBJECT_FUNCTION: "function",
    ObjectType.OBJECT_AGGREGATE: "function",
    ObjectType.OBJECT_PROCEDURE: "function",
    ObjectType.OBJECT_ROUTINE: "function",
    ObjectType.OBJECT_TABLE: "relation",
    ObjectType.OBJECT_VIEW: "relation",
    ObjectType.OBJECT_MATVIEW: "relation",
    ObjectType.OBJECT_FOREIGN_TABLE: "relation",
    ObjectType.OBJECT_SEQUENCE: "relation",
    ObjectType.OBJECT_TYPE: "type",
    ObjectType.OBJECT_DOMAIN: "type",
    ObjectType.OBJECT_INDEX: "index",
    ObjectType.OBJECT_TRIGGER: "trigger",
    ObjectType.OBJECT_POLICY: "policy",
    ObjectType.OBJECT_OPCLASS: "opclass",
    ObjectType.OBJECT_OPERATOR: "operator",
    ObjectType.OBJECT_TSCONFIGURATION: "tsconfig",
    ObjectType.OBJECT_TSDICTIONARY: "tsdict",
}


def _dropped_name(obj: object) -> str | None:
    if isinstance(obj, ast.ObjectWithArgs):
        return _name(obj.objname)
    if isinstance(obj, ast.TypeName):
        return _name(obj.names)
    if isinstance(obj, tuple | list):
        return _name(obj)
    return None


# Options of CREATE AGGREGATE, OPERATOR, TYPE … AS RANGE and TEXT SEARCH … that name a function.
_FUNCTION_OPTIONS = frozenset(
    {
        *("sfunc", "finalfunc", "combinefunc", "serialfunc", "deserialfunc", "msfunc", "minvfunc", "mfinalfunc"),
        *("function", "procedure", "restrict", "join", "canonical", "subtype_diff"),
        *("start", "gettoken", "end", "headline", "lextypes", "init", "lexize"),
    }
)


def _uses(node: object) -> Iterator[Key]:
    """Functions called, types named and relations read anywhere in a statement's tree, and the
    columns of the one table an index, constraint, policy or trigger statement is about."""
    if isinstance(node, ast.DefineStmt | ast.CreateRangeStmt):
        for opt in (node.definition if isinstance(node, ast.DefineStmt) else node.params) or ():
            if isinstance(opt, ast.DefElem) and opt.defname in _FUNCTION_OPTIONS and isinstance(opt.arg, ast.TypeName):
                name = _name(opt.arg.names)
                if name:
                    yield ("function", name)
            subtype_opclass = isinstance(opt, ast.DefElem) and opt.defname == "subtype_opclass"
            if subtype_opclass and isinstance(opt.arg, ast.TypeName) and (name := _name(opt.arg.names)):
                yield ("opclass", name)  # a range's own operator class
    table = _subject(node)
    if isinstance(node, ast.AlterTableStmt) and (rel := _rel(node.relation)):
        for cmd in node.cmds or ():
            if isinstance(cmd, ast.AlterTableCmd) and cmd.subtype == AlterTableType.AT_ValidateConstraint and cmd.name:
                yield ("constraint", f"{rel}.{cmd.name}")
    for n in walk(node):
        if table is not None:
            fields = n.fields or () if isinstance(n, ast.ColumnRef) else ()
            if len(fields) == 1 and isinstance(fields[0], ast.String):
                yield ("column", f"{table}.{fields[0].sval}")
            elif isinstance(n, ast.IndexElem) and n.name:
                yield ("column", f"{table}.{n.name}")
            elif isinstance(n, ast.Constraint):
                for col in (*(n.keys or ()), *(n.fk_attrs or ())):
                    if isinstance(col, ast.String):
                        yield ("column", f"{table}.{col.sval}")
        if isinstance(n, ast.IndexElem) and n.opclass and (opclass := _name(n.opclass)):
            yield ("opclass", opclass)
        if isinstance(n, ast.TypeCast) and n.typeName is not None and isinstance(n.arg, ast.A_Const):
            # 'public.english_simple'::regconfig names a text search configuration
            cast_to = [str(x.sval) for x in n.typeName.names or () if isinstance(x, ast.String)]
            if cast_to[-1:] == ["regconfig"] and isinstance(n.arg.val, ast.String):
                yield ("tsconfig", str(n.arg.val.sval))
        if isinstance(n, ast.Constraint) and n.contype == ConstrType.CONSTR_FOREIGN and (ref := _rel(n.pktable)):
            yield ("key", ref)
        if isinstance(n, ast.FuncCall):
            name = _name(n.funcname)
            if name:
                yield ("function", name)
        elif isinstance(n, ast.TypeName):
            name = _name(n.names)
            if name:
                yield ("type", name)
        elif isinstance(n, ast.RangeVar):
            rel = _rel(n)
            if rel:
                yield ("relation", rel)


def _subject(node: object) -> str | None:
    if isinstance(node, ast.IndexStmt | ast.AlterTableStmt | ast.CreateTrigStmt):
        return _rel(node.relation)
    if isinstance(node, ast.CreatePolicyStmt | ast.AlterPolicyStmt):
        return _rel(node.table)
    return None
