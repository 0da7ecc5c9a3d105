"""The fuzzer's schema model: objects with the properties the mutator edits, rendered to SQL.

A `Model` is a list of objects in creation order. `render()` writes them in three phases (types and
functions on base types; tables; everything that references tables), each phase in list order, so
an object added later may depend on anything before it. Names are deterministic (`t1`, `v2`, …).
"""

from __future__ import annotations

import copy
import dataclasses
from dataclasses import dataclass, field

ROLES = ("fuzz_reader", "fuzz_writer")


def q(name: str) -> str:
    return name  # names are generated lower-case identifiers; quoting would only add noise


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


@dataclass
class Column:
    name: str
    type: str  # a TYPES key, or a user type's qualified name
    not_null: bool = False
    default: str | None = None
    identity: str | None = None  # "ALWAYS" | "BY DEFAULT"
    generated: tuple[str, tuple[str, ...]] | None = None  # STORED (template, columns)
    collate: str | None = None
    comment: str | None = None
    renamed_from: str | None = None  # to.sql only: a rename hint
    fresh: bool = False  # added by the mutator: existing rows hold NULL (or the default) here
    repeats: bool = False  # rows may hold one value twice here (re-typed from a boolean): no unique key


@dataclass
class Check:
    name: str
    template: str  # {0}, {1}: the columns in `cols`
    cols: tuple[str, ...]
    not_valid: bool = False

    @property
    def expr(self) -> str:
        return self.template.format(*self.cols)


@dataclass
class Key:
    name: str
    cols: tuple[str, ...]
    primary: bool = False
    deferrable: bool = False


@dataclass
class ForeignKey:
    name: str
    cols: tuple[str, ...]
    ref: str  # table key
    ref_cols: tuple[str, ...]
    on_delete: str = "NO ACTION"
    deferrable: bool = False
    not_valid: bool = False


@dataclass
class Exclude:
    name: str
    col: str  # a range column, WITH &&


@dataclass
class Index:
    name: str
    cols: tuple[str, ...]
    method: str = "btree"
    unique: bool = False
    where: str | None = None
    include: tuple[str, ...] = ()
    expr: str | None = None  # a template over cols: an expression index
    opclass: str | None = None


@dataclass
class Policy:
    name: str
    command: str = "ALL"
    roles: tuple[str, ...] = ("PUBLIC",)
    using: str | None = "true"
    check: str | None = None
    permissive: bool = True


@dataclass
class Trigger:
    name: str
    function: str  # function key
    timing: str = "BEFORE"
    events: tuple[str, ...] = ("INSERT",)
    row: bool = True
    when: str | None = None


@dataclass
class Table:
    schema: str
    name: str
    columns: list[Column] = field(default_factory=list)
    checks: list[Check] = field(default_factory=list)
    keys: list[Key] = field(default_factory=list)
    fks: list[ForeignKey] = field(default_factory=list)
    excludes: list[Exclude] = field(default_factory=list)
    indexes: list[Index] = field(default_factory=list)
    policies: list[Policy] = field(default_factory=list)
    triggers: list[Trigger] = field(default_factory=list)
    rls: bool = False
    comment: str | None = None
    grants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    partition_by: tuple[str, str] | None = None  # (RANGE|LIST|HASH, column)
    partition_of: tuple[str, str] | None = None  # (parent key, bound)
    inherits: str | None = None  # parent key
    renamed_from: str | None = None
    statistics: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)  # (name, cols)

    kind = "table"

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass
class Enum:
    schema: str
    name: str
    labels: list[str]
    comment: str | None = None
    kind = "enum"

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass
class Domain:
    schema: str
    name: str
    base: str
    check: str | None = None
    default: str | None = None
    not_null: bool = False
    comment: str | None = None
    kind = "domain"

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass
class Composite:
    schema: str
    name: str
    fields: list[tuple[str, str]]
    comment: str | None = None
    kind = "composite"

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass
class Range:
    schema: str
    name: str
    subtype: str
    kind = "range"

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass
class Sequence:
    schema: str
    name: str
    start: int = 1
    increment: int = 1
    cache: int = 1
    cycle: bool = False
    comment: str | None = None
    grants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    kind = "sequence"

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass
class Function:
    schema: str
    name: str
    args: tuple[str, ...]  # argument types
    returns: str
    language: str  # sql | plpgsql
    body: str
    volatility: str = "VOLATILE"
    strict: bool = False
    security_definer: bool = False
    procedure: bool = False
    trigger: bool = False
    comment: str | None = None
    revoke_public: bool = False
    grants: tuple[str, ...] = ()  # roles with EXECUTE
    phase: int = 1  # 3 when the body reads tables (sql functions' bodies are checked at creation)
    kind = "function"

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}({', '.join(self.args)})"


@dataclass
class View:
    schema: str
    name: str
    sources: list[tuple[str, list[str]]]  # (table or view key, its columns selected); joined on id
    where: str = "true"  # over the first source's id
    materialized: bool = False
    options: tuple[str, ...] = ()
    check_option: bool = False
    comment: str | None = None
    grants: dict[str, tuple[str, ...]] = field(default_factory=dict)
    indexes: list[Index] = field(default_factory=list)  # materialized only
    renamed_from: str | None = None
    kind = "view"

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass
class Extension:
    name: str
    schema: str = "public"
    kind = "extension"

    @property
    def key(self) -> str:
        return f"extension {self.name}"


@dataclass
class Collation:
    schema: str
    name: str
    locale: str = "C"
    kind = "collation"

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass
class Publication:
    name: str
    tables: tuple[str, ...]
    publish: str = "insert, update, delete, truncate"
    kind = "publication"

    @property
    def key(self) -> str:
        return f"publication {self.name}"


@dataclass
class Aggregate:
    schema: str
    name: str
    sfunc: str = "int4pl"
    stype: str = "integer"
    arg: str = "integer"
    initcond: str | None = "0"
    kind = "aggregate"

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}({self.arg})"


@dataclass
class TypedTable:
    """A table of a composite type (CREATE TABLE … OF): its columns are the type's attributes. With
    `plain`, the same columns as a table of its own (it left its type, or never had one)."""

    schema: str
    name: str
    of_type: str  # the composite type's key
    plain: bool = False
    kind = "typed table"

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass
class EnumOperator:
    """An operator over an enum, through a function over it, and optionally a cast of the enum to
    integer (its label's position): what PostgreSQL cannot point at the enum's new version when
    the enum loses a label (the rollback of a label added)."""

    schema: str
    name: str  # its functions' prefix
    enum: str  # the enum's key
    cast: bool = False
    kind = "operator"

    @property
    def key(self) -> str:
        return f"operator {self.schema}.<<<({self.enum})"


@dataclass
class Rule:
    name: str
    table: str
    event: str = "DELETE"
    action: str = "NOTHING"
    kind = "rule"

    @property
    def key(self) -> str:
        return f"rule {self.name} on {self.table}"


@dataclass
class TsConfig:
    schema: str
    name: str
    copy_of: str = "english"
    kind = "tsconfig"

    @property
    def key(self) -> str:
        return f"{self.schema}.{self.name}"


@dataclass
class SchemaObj:
    name: str
    comment: str | None = None
    grants: tuple[str, ...] = ()  # roles with USAGE
    default_grants: tuple[str, ...] = ()  # roles granted SELECT ON TABLES by default
    kind = "schema"

    @property
    def key(self) -> str:
        return f"schema {self.name}"


Obj = (
    Table
    | Enum
    | Domain
    | Composite
    | Range
    | Sequence
    | Function
    | View
    | Extension
    | Collation
    | Publication
    | Aggregate
    | EnumOperator
    | TypedTable
    | Rule
    | TsConfig
    | SchemaObj
)


@dataclass
class Model:
    objects: list[Obj] = field(default_factory=list)
    counter: int = 0

    def name(self, prefix: str) -> str:
        self.counter += 1
        return f"{prefix}{self.counter}"

    def clone(self) -> Model:
        return copy.deepcopy(self)

    def get(self, key: str) -> Obj | None:
        return next((o for o in self.objects if o.key == key), None)

    def of(self, cls: type) -> list:  # type: ignore[type-arg]
        return [o for o in self.objects if isinstance(o, cls)]

    def tables(self, plain: bool = False) -> list[Table]:
        out = [o for o in self.objects if isinstance(o, Table)]
        return [t for t in out if t.partition_of is None] if plain else out

    def render(self, hints: bool = False) -> str:
        phases: dict[int, list[str]] = {1: [], 2: [], 3: []}
        for o in self.objects:
            for phase, sql in render_object(self, o, hints):
                phases[phase].append(sql)
        return "\n\n".join(s for p in (1, 2, 3) for s in phases[p]) + "\n"


def _view_items(v: View) -> list[tuple[str, str]]:
    """(select item, output name) of a view; a joined column whose alias a column of the first
    source already has (a view over a view that joined the same table) is left out."""
    out = [("s0.id", "id")]
    for n, (_, cols) in enumerate(v.sources):
        for c in cols:
            name = c if n == 0 else f"s{n}_{c}"
            if c != "id" and name not in {o for _, o in out}:
                out.append((f"s{n}.{c}" if n == 0 else f"s{n}.{c} AS {name}", name))
    return out


def view_outputs(v: View) -> list[str]:
    return [name for _, name in _view_items(v)]


def view_query(v: View) -> str:
    items = [item for item, _ in _view_items(v)]
    joins = [f"{src} s{n}" if n == 0 else f"JOIN {src} s{n} ON s{n}.id = s0.id" for n, (src, _) in enumerate(v.sources)]
    return f"SELECT {', '.join(items)} FROM {' '.join(joins)} WHERE {v.where.format('s0.id')}"


def column_type(model: Model, col: Column) -> str:
    from .types import TYPES

    return TYPES[col.type].sql if col.type in TYPES else col.type


def _col_sql(model: Model, c: Column, hints: bool) -> str:
    parts = [q(c.name), column_type(model, c)]
    if c.collate:
        parts.append(f"COLLATE {c.collate}")
    if c.generated:
        parts.append(f"GENERATED ALWAYS AS ({c.generated[0].format(*c.generated[1])}) STORED")
    if c.identity:
        parts.append(f"GENERATED {c.identity} AS IDENTITY")
    if c.default is not None and not c.identity and not c.generated:
        parts.append(f"DEFAULT {c.default}")
    if c.not_null:
        parts.append("NOT NULL")
    text = " ".join(parts)
    if hints and c.renamed_from:
        text = f"-- reconcile:renamed-from {c.renamed_from}\n  {text}"
    return text


def _grants(what: str, grants: dict[str, tuple[str, ...]]) -> list[str]:
    return [f"GRANT {', '.join(privs)} ON {what} TO {role};" for role, privs in sorted(grants.items()) if privs]


def _comment(what: str, text: str | None) -> list[str]:
    return [f"COMMENT ON {what} IS {lit(text)};"] if text is not None else []


def _index_sql(on: str, ix: Index, schema: str) -> str:
    if ix.expr:
        target = f"(({ix.expr.format(*ix.cols)}))"
    else:
        target = "(" + ", ".join(f"{c} {ix.opclass}" if ix.opclass else c for c in ix.cols) + ")"
    sql = f"CREATE {'UNIQUE ' if ix.unique else ''}INDEX {ix.name} ON {on} USING {ix.method} {target}"
    if ix.include:
        sql += f" INCLUDE ({', '.join(ix.include)})"
    if ix.where:
        sql += f" WHERE {ix.where}"
    return sql + ";"


def render_object(model: Model, o: Obj, hints: bool) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    if isinstance(o, SchemaObj):
        if o.name != "public":
            out.append((1, f"CREATE SCHEMA {o.name};"))
        out += [(1, s) for s in _comment(f"SCHEMA {o.name}", o.comment)]
        out += [(3, f"GRANT USAGE ON SCHEMA {o.name} TO {r};") for r in o.grants]
        out += [
            (3, f"ALTER DEFAULT PRIVILEGES IN SCHEMA {o.name} GRANT SELECT ON TABLES TO {r};") for r in o.default_grants
        ]
    elif isinstance(o, Extension):
        out.append((1, f"CREATE EXTENSION IF NOT EXISTS {o.name} WITH SCHEMA {o.schema};"))
    elif isinstance(o, Collation):
        out.append((1, f"CREATE COLLATION {o.key} (provider = libc, locale = {lit(o.locale)});"))
    elif isinstance(o, Enum):
        out.append((1, f"CREATE TYPE {o.key} AS ENUM ({', '.join(map(lit, o.labels))});"))
        out += [(1, s) for s in _comment(f"TYPE {o.key}", o.comment)]
    elif isinstance(o, Domain):
        sql = f"CREATE DOMAIN {o.key} AS {o.base}"
        if o.default is not None:
            sql += f" DEFAULT {o.default}"
        if o.not_null:
            sql += " NOT NULL"
        if o.check:
            sql += f" CONSTRAINT {o.name}_check CHECK ({o.check})"
        out.append((1, sql + ";"))
        out += [(1, s) for s in _comment(f"DOMAIN {o.key}", o.comment)]
    elif isinstance(o, Composite):
        out.append((1, f"CREATE TYPE {o.key} AS ({', '.join(f'{n} {t}' for n, t in o.fields)});"))
        out += [(1, s) for s in _comment(f"TYPE {o.key}", o.comment)]
    elif isinstance(o, Range):
        out.append((1, f"CREATE TYPE {o.key} AS RANGE (subtype = {o.subtype});"))
    elif isinstance(o, Sequence):
        sql = f"CREATE SEQUENCE {o.key} START WITH {o.start} INCREMENT BY {o.increment} CACHE {o.cache}"
        out.append((1, sql + (" CYCLE;" if o.cycle else ";")))
        out += [(1, s) for s in _comment(f"SEQUENCE {o.key}", o.comment)]
        out += [(3, s) for s in _grants(f"SEQUENCE {o.key}", o.grants)]
    elif isinstance(o, Function):
        word = "PROCEDURE" if o.procedure else "FUNCTION"
        args = ", ".join(f"a{i} {t}" for i, t in enumerate(o.args, 1))
        sql = f"CREATE {word} {o.schema}.{o.name}({args})"
        if not o.procedure:
            sql += f" RETURNS {o.returns}"
        sql += f" LANGUAGE {o.language}"
        if not o.procedure:
            sql += f" {o.volatility}" + (" STRICT" if o.strict else "")
        if o.security_definer:
            sql += " SECURITY DEFINER"
        sql += f" AS $fn${o.body}$fn$;"
        out.append((o.phase, sql))
        sig = f"{word} {o.key}"
        out += [(o.phase, s) for s in _comment(sig, o.comment)]
        if o.revoke_public:
            out.append((3, f"REVOKE EXECUTE ON {sig} FROM PUBLIC;"))
        out += [(3, f"GRANT EXECUTE ON {sig} TO {r};") for r in o.grants]
    elif isinstance(o, Table):
        out += _table(model, o, hints)
    elif isinstance(o, View):
        word = "MATERIALIZED VIEW" if o.materialized else "VIEW"
        sql = f"CREATE {word} {o.key}"
        if o.options:
            sql += f" WITH ({', '.join(o.options)})"
        sql += f" AS {view_query(o)}"
        if o.check_option:
            sql += " WITH CASCADED CHECK OPTION"
        if hints and o.renamed_from:
            sql = f"-- reconcile:renamed-from {o.renamed_from}\n{sql}"
        out.append((3, sql + ";"))
        out += [(3, s) for s in _comment(f"{word} {o.key}", o.comment)]
        out += [(3, s) for s in _grants(o.key, o.grants)]
        out += [(3, _index_sql(o.key, ix, o.schema)) for ix in o.indexes]
    elif isinstance(o, Publication):
        tables = ", ".join(o.tables)
        out.append((3, f"CREATE PUBLICATION {o.name} FOR TABLE {tables} WITH (publish = {lit(o.publish)});"))
    elif isinstance(o, Aggregate):
        sql = f"CREATE AGGREGATE {o.key} (sfunc = {o.sfunc}, stype = {o.stype}"
        if o.initcond is not None:
            sql += f", initcond = {lit(o.initcond)}"
        out.append((1, sql + ");"))
    elif isinstance(o, TypedTable):
        comp = model.get(o.of_type)
        fields = comp.fields if isinstance(comp, Composite) else []
        if o.plain:
            cols = ", ".join(f"{n} {t}" for n, t in fields)
            out.append((2, f"CREATE TABLE {o.key} ({cols}, CONSTRAINT {o.name}_pkey PRIMARY KEY (id));"))
        else:
            out.append((2, f"CREATE TABLE {o.key} OF {o.of_type} (CONSTRAINT {o.name}_pkey PRIMARY KEY (id));"))
    elif isinstance(o, EnumOperator):
        rank = f"{o.schema}.{o.name}_rank"
        out.append(
            (
                1,
                f"CREATE FUNCTION {rank}(a {o.enum}) RETURNS integer LANGUAGE sql IMMUTABLE STRICT "
                f"AS $fn$ SELECT array_position(enum_range(NULL::{o.enum}), a) $fn$;",
            )
        )
        out.append(
            (
                1,
                f"CREATE FUNCTION {o.schema}.{o.name}_before(a {o.enum}, b {o.enum}) RETURNS boolean "
                f"LANGUAGE sql IMMUTABLE STRICT AS $fn$ SELECT {rank}(a) < {rank}(b) $fn$;",
            )
        )
        out.append(
            (
                1,
                f"CREATE OPERATOR {o.schema}.<<< (leftarg = {o.enum}, rightarg = {o.enum}, "
                f"function = {o.schema}.{o.name}_before);",
            )
        )
        if o.cast:
            out.append((1, f"CREATE CAST ({o.enum} AS integer) WITH FUNCTION {rank}({o.enum});"))
    elif isinstance(o, Rule):
        out.append((3, f"CREATE RULE {o.name} AS ON {o.event} TO {o.table} DO INSTEAD {o.action};"))
    elif isinstance(o, TsConfig):
        out.append((1, f"CREATE TEXT SEARCH CONFIGURATION {o.key} (COPY = pg_catalog.{o.copy_of});"))
    return out


def _table(model: Model, t: Table, hints: bool) -> list[tuple[int, str]]:
    out: list[tuple[int, str]] = []
    if t.partition_of:
        parent, bound = t.partition_of
        head = f"CREATE TABLE {t.key} PARTITION OF {parent} {bound}"
        parts: list[str] = []
    else:
        head = f"CREATE TABLE {t.key}"
        parts = [_col_sql(model, c, hints) for c in t.columns]
    for k in t.keys:
        word = "PRIMARY KEY" if k.primary else "UNIQUE"
        parts.append(
            f"CONSTRAINT {k.name} {word} ({', '.join(k.cols)})"
            + (" DEFERRABLE INITIALLY DEFERRED" if k.deferrable else "")
        )
    for c in t.checks:
        if not c.not_valid:
            parts.append(f"CONSTRAINT {c.name} CHECK ({c.expr})")
    for x in t.excludes:
        parts.append(f"CONSTRAINT {x.name} EXCLUDE USING gist ({x.col} WITH &&)")
    sep = ",\n  "
    body = f" (\n  {sep.join(parts)}\n)" if parts or not t.partition_of else ""
    sql = head + body
    if t.inherits:
        sql += f" INHERITS ({t.inherits})"
    if t.partition_by:
        sql += f" PARTITION BY {t.partition_by[0]} ({t.partition_by[1]})"
    if hints and t.renamed_from:
        sql = f"-- reconcile:renamed-from {t.renamed_from}\n{sql}"
    out.append((2, sql + ";"))
    for c in t.checks:
        if c.not_valid:
            out.append((3, f"ALTER TABLE {t.key} ADD CONSTRAINT {c.name} CHECK ({c.expr}) NOT VALID;"))
    for ix in t.indexes:
        out.append((3, _index_sql(t.key, ix, t.schema)))
    for fk in t.fks:
        sql = (
            f"ALTER TABLE {t.key} ADD CONSTRAINT {fk.name} FOREIGN KEY ({', '.join(fk.cols)}) "
            f"REFERENCES {fk.ref} ({', '.join(fk.ref_cols)}) ON DELETE {fk.on_delete}"
        )
        if fk.deferrable:
            sql += " DEFERRABLE"
        if fk.not_valid:
            sql += " NOT VALID"
        out.append((3, sql + ";"))
    if t.rls:
        out.append((3, f"ALTER TABLE {t.key} ENABLE ROW LEVEL SECURITY;"))
    for p in t.policies:
        sql = f"CREATE POLICY {p.name} ON {t.key} AS {'PERMISSIVE' if p.permissive else 'RESTRICTIVE'} FOR {p.command}"
        sql += f" TO {', '.join(p.roles)}"
        if p.using is not None:
            sql += f" USING ({p.using})"
        if p.check is not None:
            sql += f" WITH CHECK ({p.check})"
        out.append((3, sql + ";"))
    for tr in t.triggers:
        fn = model.get(tr.function)
        assert isinstance(fn, Function)
        sql = f"CREATE TRIGGER {tr.name} {tr.timing} {' OR '.join(tr.events)} ON {t.key}"
        sql += f" FOR EACH {'ROW' if tr.row else 'STATEMENT'}"
        if tr.when:
            sql += f" WHEN ({tr.when})"
        sql += f" EXECUTE FUNCTION {fn.schema}.{fn.name}();"
        out.append((3, sql))
    for name, cols in t.statistics:
        out.append(
            (3, f"CREATE STATISTICS {t.schema}.{name} (ndistinct, dependencies) ON {', '.join(cols)} FROM {t.key};")
        )
    out += [(3, s) for s in _comment(f"TABLE {t.key}", t.comment)]
    if not t.partition_of:
        for c in t.columns:
            out += [(3, s) for s in _comment(f"COLUMN {t.key}.{c.name}", c.comment)]
    out += [(3, s) for s in _grants(f"TABLE {t.key}", t.grants)]
    return out


def replace(obj: Obj, **changes: object) -> Obj:
    return dataclasses.replace(obj, **changes)  # type: ignore[type-var]
