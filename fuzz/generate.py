"""Random valid schemas (`generate`), random edits of them (`mutate`), and rows both sides keep (`rows`).

Everything is driven by one `random.Random(seed)`, so a seed and the set of available extensions
give the same pair every time. `prune` repairs references after an edit (a dropped column takes
the indexes, checks and view columns that used it), so every edit yields valid SQL.

Columns named `id` (and a partition key `k`) are permanent: never dropped, renamed or retyped, so
foreign keys, policies, views and triggers can always lean on them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass

from .model import (
    ROLES,
    Aggregate,
    Check,
    Collation,
    Column,
    Composite,
    Domain,
    Enum,
    EnumOperator,
    Exclude,
    Extension,
    ForeignKey,
    Function,
    Index,
    Key,
    Model,
    Policy,
    Publication,
    Range,
    Rule,
    SchemaObj,
    Sequence,
    Table,
    Trigger,
    TsConfig,
    TypedTable,
    View,
    view_outputs,
)
from .types import TYPES

PERMANENT = ("id", "k")
_REPEATING = ("bool",)  # families whose few values repeat across a table's rows
EXTENSIONS = ("citext", "hstore", "pg_trgm", "vector")


@dataclass(frozen=True)
class Pair:
    seed: int
    before: Model
    after: Model
    edits: tuple[str, ...]


def _types(features: frozenset[str]) -> list[str]:
    return [k for k, t in TYPES.items() if t.needs is None or t.needs in features]


class Gen:
    def __init__(self, rng: random.Random, features: frozenset[str], model: Model, mutating: bool = False) -> None:
        self.mutating = mutating
        self.rng = rng
        self.features = features
        self.m = model

    # --- helpers -----------------------------------------------------------------------------
    def chance(self, p: float) -> bool:
        return self.rng.random() < p

    def schema(self) -> str:
        names = [s.name for s in self.m.of(SchemaObj)]
        return self.rng.choice(names)

    def installed(self, ext: str) -> bool:
        return self.m.get(f"extension {ext}") is not None

    def column_kinds(self) -> list[str]:
        kinds = [k for k in _types(self.features) if TYPES[k].needs is None or self.installed(TYPES[k].needs)]
        kinds += [e.key for e in self.m.of(Enum)] + [d.key for d in self.m.of(Domain)]
        kinds += [c.key for c in self.m.of(Composite)] + [r.key for r in self.m.of(Range)]
        return kinds

    def new_column(self, t: Table) -> Column:
        used = {c.name for c in t.columns}
        name = self.m.name("c")
        while name in used:
            name = self.m.name("c")
        kind = self.rng.choice(self.column_kinds())
        col = Column(name, kind, fresh=self.mutating)
        if kind in TYPES:
            ct = TYPES[kind]
            if ct.defaults and self.chance(0.3):
                col.default = self.rng.choice(ct.defaults)
            if self.chance(0.3):
                col.not_null = True
            if ct.family == "text" and self.m.of(Collation) and self.chance(0.2) and kind != "citext":
                col.collate = self.rng.choice(self.m.of(Collation)).key
        elif isinstance(self.m.get(kind), Enum) and self.chance(0.3):
            enum = self.m.get(kind)
            assert isinstance(enum, Enum)
            col.default = f"'{enum.labels[0]}'"
        if self.chance(0.15):
            col.comment = f"column {name}"
        return col

    # --- objects -----------------------------------------------------------------------------
    def add_enum(self) -> None:
        name = self.m.name("e")
        self.m.objects.append(
            Enum(self.schema(), name, [f"{name}_a", f"{name}_b", f"{name}_c"][: self.rng.randint(1, 3)])
        )

    def add_domain(self) -> None:
        base = self.rng.choice(["integer", "text", "numeric(12,2)"])
        check = {"integer": "VALUE > -1000", "text": "length(VALUE) < 100", "numeric(12,2)": "VALUE >= 0"}[base]
        d = Domain(self.schema(), self.m.name("d"), base, check=check if self.chance(0.8) else None)
        if self.chance(0.3):
            d.default = {"integer": "0", "text": "'d'", "numeric(12,2)": "0"}[base]
        self.m.objects.append(d)

    def add_composite(self) -> None:
        self.m.objects.append(Composite(self.schema(), self.m.name("ct"), [("a", "integer"), ("b", "text")]))

    def add_typed_table(self) -> None:
        """A composite type with an `id` and a table of it (CREATE TABLE … OF)."""
        comp = Composite(self.schema(), self.m.name("ct"), [("id", "integer"), ("label", "text")])
        self.m.objects.append(comp)
        self.m.objects.append(TypedTable(comp.schema, self.m.name("tt"), comp.key))

    def add_range(self) -> None:
        self.m.objects.append(Range(self.schema(), self.m.name("rng"), self.rng.choice(["integer", "numeric", "date"])))

    def add_sequence(self) -> None:
        s = Sequence(
            self.schema(), self.m.name("seq"), start=self.rng.choice([1, 100]), increment=self.rng.choice([1, 2])
        )
        if self.chance(0.2):
            s.grants = {ROLES[0]: ("USAGE",)}
        self.m.objects.append(s)

    def add_function(self) -> Function:
        name = self.m.name("f")
        if self.chance(0.5):
            f = Function(self.schema(), name, ("integer",), "integer", "sql", " SELECT a1 + 1 ", "IMMUTABLE")
        else:
            f = Function(
                self.schema(),
                name,
                ("integer", "text"),
                "text",
                "plpgsql",
                "\nBEGIN\n  RETURN a2 || a1::text;\nEND\n",
                self.rng.choice(["IMMUTABLE", "STABLE", "VOLATILE"]),
                strict=self.chance(0.3),
            )
        if self.chance(0.2):
            f.comment = f"function {name}"
        if self.chance(0.2):
            f.revoke_public = True
            f.grants = (ROLES[0],)
        self.m.objects.append(f)
        return f

    def add_trigger_function(self) -> Function:
        f = Function(self.schema(), self.m.name("trf"), (), "trigger", "plpgsql", "\nBEGIN\n  RETURN NEW;\nEND\n")
        self.m.objects.append(f)
        return f

    def add_procedure(self) -> None:
        tables = self.m.tables(plain=True)
        body = f" INSERT INTO {tables[0].key} DEFAULT VALUES " if False else " SELECT 1 "
        self.m.objects.append(Function(self.schema(), self.m.name("pr"), ("integer",), "", "sql", body, procedure=True))

    def add_table(self) -> Table:
        t = Table(self.schema(), self.m.name("t"))
        idtype = self.rng.choice(["int", "bigint"])
        ident = self.rng.choice([None, "ALWAYS", "BY DEFAULT"])
        t.columns.append(Column("id", idtype, not_null=True, identity=ident))
        t.keys.append(Key(f"{t.name}_pkey", ("id",), primary=True))
        for _ in range(self.rng.randint(1, 4)):
            t.columns.append(self.new_column(t))
        self.m.objects.append(t)
        for _ in range(self.rng.randint(0, 2)):
            self.add_check(t)
        for _ in range(self.rng.randint(0, 2)):
            self.add_index(t)
        if self.chance(0.2):
            self.add_unique(t)
        if self.chance(0.3):
            self.add_fk(t)
        if self.chance(0.2):
            self.add_generated(t)
        if self.chance(0.2):
            self.add_policy(t)
        if self.chance(0.2):
            self.add_trigger(t)
        if self.chance(0.1):
            self.add_exclude(t)
        if self.chance(0.2):
            t.comment = f"table {t.name}"
        if self.chance(0.25):
            t.grants = {ROLES[0]: ("SELECT",)} if self.chance(0.5) else {ROLES[1]: ("INSERT", "SELECT", "UPDATE")}
        return t

    def add_partitioned(self) -> None:
        strategy = self.rng.choice(["RANGE", "LIST", "HASH"])
        t = Table(self.schema(), self.m.name("pt"))
        t.columns = [
            Column("id", "int", not_null=True),
            Column("k", "int", not_null=True),
            Column(self.m.name("c"), "text"),
        ]
        t.partition_by = (strategy, "k")
        if self.chance(0.6):
            t.keys.append(Key(f"{t.name}_pkey", ("id", "k"), primary=True))
        self.m.objects.append(t)
        bounds = {
            "RANGE": ["FOR VALUES FROM (0) TO (100)", "FOR VALUES FROM (100) TO (200)"],
            "LIST": ["FOR VALUES IN (1, 2, 3)", "FOR VALUES IN (4, 5)"],
            "HASH": ["FOR VALUES WITH (MODULUS 2, REMAINDER 0)", "FOR VALUES WITH (MODULUS 2, REMAINDER 1)"],
        }[strategy]
        if strategy != "HASH" and self.chance(0.4):
            bounds.append("DEFAULT")
        for bound in bounds:
            self.m.objects.append(Table(t.schema, self.m.name(f"{t.name}_p"), partition_of=(t.key, bound)))
        if self.chance(0.4):
            self.add_index(t, btree_only=True)
        if self.chance(0.3):
            self.add_check(t)

    def add_inheritance(self) -> None:
        parent = Table(self.schema(), self.m.name("par"))
        parent.columns = [Column("id", "int", not_null=True), self.new_column(parent)]
        self.m.objects.append(parent)
        child = Table(parent.schema, self.m.name("chi"), inherits=parent.key)
        child.columns = [self.new_column(child)]
        self.m.objects.append(child)
        if self.chance(0.4):
            self.add_check(parent)

    def add_check(self, t: Table) -> None:
        cols = [c for c in own_columns(self.m, t) if c.type in TYPES and TYPES[c.type].checks]
        if not cols:
            return
        c = self.rng.choice(cols)
        template = self.rng.choice(TYPES[c.type].checks).replace("{c}", "{0}")
        t.checks.append(Check(self.m.name(f"{t.name}_ck"), template, (c.name,), not_valid=self.chance(0.2)))

    def add_unique(self, t: Table) -> None:
        cols = [c for c in own_columns(self.m, t) if c.type in TYPES and TYPES[c.type].btree and c.name != "id"]
        cols = [c for c in cols if TYPES[c.type].family not in ("json", *_REPEATING, "vector", "hstore", "range")]
        # rows must be unique there: not a column whose rows repeat a value (a new one's default)
        cols = [c for c in cols if not c.repeats and not (c.fresh and c.default is not None)]
        if not cols:
            return
        c = self.rng.choice(cols)
        t.keys.append(Key(self.m.name(f"{t.name}_uq"), (c.name,), deferrable=self.chance(0.3)))

    def add_index(self, t: Table, btree_only: bool = False) -> None:
        cols = [c for c in all_columns(self.m, t) if c.type in TYPES and TYPES[c.type].btree and c.name != "id"]
        cols = [c for c in cols if TYPES[c.type].family not in ("json", "range")] if btree_only else cols
        if not cols:
            return
        c = self.rng.choice(cols)
        fam = TYPES[c.type].family
        ix = Index(self.m.name(f"{t.name}_ix"), (c.name,))
        if fam == "json" and self.chance(0.7):
            ix.method = "gin"
            if c.type == "json":
                return
        elif fam == "array" and self.chance(0.7):
            ix.method = "gin"
        elif fam == "range" and self.chance(0.7):
            ix.method = "gist"
        elif c.type == "text" and self.installed("pg_trgm") and self.chance(0.4):
            ix.method, ix.opclass = "gin", "gin_trgm_ops"
        elif fam in ("int", "time") and self.chance(0.2):
            ix.method = "brin"
        elif fam in ("int", "text") and self.chance(0.15) and c.type != "citext":
            ix.method = "hash"
        elif fam == "text" and c.type != "citext" and self.chance(0.3):
            ix.expr = "lower({0})"
        if ix.method == "btree" and not ix.expr and self.chance(0.2) and not t.partition_by:
            extra = [x.name for x in all_columns(self.m, t) if x.name not in ("id", c.name) and x.type in TYPES]
            if extra:
                ix.include = (self.rng.choice(extra),)
        if fam == "json" and ix.method == "btree":
            return
        if self.chance(0.25) and not t.partition_by:
            ix.where = "id > 0"
        t.indexes.append(ix)

    def add_fk(self, t: Table) -> None:
        parents = [p for p in self.m.tables(plain=True) if not p.partition_by and _has_pk_id(p) and not p.inherits]
        if not parents:
            return
        p = self.rng.choice(parents)
        pid = next(c for c in p.columns if c.name == "id")
        col = Column(self.m.name(f"{p.name}_ref"), pid.type, fresh=self.mutating)
        t.columns.append(col)
        t.fks.append(
            ForeignKey(
                self.m.name(f"{t.name}_fk"),
                (col.name,),
                p.key,
                ("id",),
                on_delete=self.rng.choice(["NO ACTION", "CASCADE", "SET NULL", "RESTRICT"]),
                deferrable=self.chance(0.2),
                not_valid=self.chance(0.15),
            )
        )

    def add_generated(self, t: Table) -> None:
        ints = [c for c in own_columns(self.m, t) if c.type in ("int", "bigint", "smallint") and not c.generated]
        if not ints:
            return
        src = self.rng.choice(ints)
        t.columns.append(Column(self.m.name("g"), "bigint", generated=("{0} * 2", (src.name,))))

    def add_policy(self, t: Table) -> None:
        t.rls = True
        cmd = self.rng.choice(["ALL", "SELECT", "INSERT", "UPDATE", "DELETE"])
        p = Policy(self.m.name(f"{t.name}_pol"), cmd, roles=(self.rng.choice(("PUBLIC", *ROLES)),))
        if cmd == "INSERT":
            p.using, p.check = None, "id > 0"
        elif cmd in ("ALL", "UPDATE"):
            p.using, p.check = "id > 0", self.rng.choice([None, "id < 1000000"])
        else:
            p.using = self.rng.choice(["true", "id > 0", "current_user IS NOT NULL"])
        p.permissive = not self.chance(0.15)
        t.policies.append(p)

    def add_trigger(self, t: Table) -> None:
        fns = [f for f in self.m.of(Function) if f.trigger]
        fn = self.rng.choice(fns) if fns and self.chance(0.5) else self.add_trigger_function()
        row = self.chance(0.8)
        events = tuple(self.rng.sample(["INSERT", "UPDATE", "DELETE"], self.rng.randint(1, 2)))
        tr = Trigger(self.m.name(f"{t.name}_tg"), fn.key, self.rng.choice(["BEFORE", "AFTER"]), events, row)
        if row and "DELETE" not in events and self.chance(0.3):
            tr.when = "NEW.id > 0"
        t.triggers.append(tr)

    def add_exclude(self, t: Table) -> None:
        col = Column(self.m.name("during"), "int4range", fresh=self.mutating)
        t.columns.append(col)
        t.excludes.append(Exclude(self.m.name(f"{t.name}_ex"), col.name))

    def add_view(self) -> None:
        sources = [t for t in self.m.tables() if not t.partition_of] + [v for v in self.m.of(View)]
        if not sources:
            return
        first = self.rng.choice(sources)
        picked = [(first.key, self._some(first))]
        if self.chance(0.3) and len(sources) > 1:
            other = self.rng.choice([s for s in sources if s is not first])
            picked.append((other.key, self._some(other)))
        materialized = self.chance(0.25)
        v = View(self.schema(), self.m.name("mv" if materialized else "v"), picked, materialized=materialized)
        v.where = self.rng.choice(["true", "{0} > 0", "{0} < 1000000"])
        if not materialized and self.chance(0.3):
            v.options = (self.rng.choice(["security_barrier = true", "security_invoker = true"]),)
        if not materialized and len(picked) == 1 and self.chance(0.15) and isinstance(first, Table):
            v.check_option = True
        if self.chance(0.2):
            v.comment = f"view {v.name}"
        if self.chance(0.2):
            v.grants = {ROLES[0]: ("SELECT",)}
        if materialized and self.chance(0.5):
            v.indexes.append(Index(self.m.name(f"{v.name}_ix"), ("id",), unique=self.chance(0.5)))
        self.m.objects.append(v)

    def _some(self, src: Table | View) -> list[str]:
        names = outputs(self.m, src)
        rest = [n for n in names if n != "id"]
        return ["id", *self.rng.sample(rest, self.rng.randint(0, min(3, len(rest))))]

    def add_misc(self) -> None:
        tables = [t for t in self.m.tables(plain=True) if not t.partition_by and not t.inherits]
        if self.chance(0.2):
            self.m.objects.append(Aggregate(self.schema(), self.m.name("agg")))
        if self.chance(0.1):
            self.m.objects.append(TsConfig(self.schema(), self.m.name("tsc")))
        if tables and self.chance(0.1):
            t = self.rng.choice(tables)
            self.m.objects.append(Rule(self.m.name("r"), t.key, self.rng.choice(["DELETE", "UPDATE"])))
        if tables and self.chance(0.2):
            t = self.rng.choice(tables)
            cols = [c.name for c in t.columns if c.type in TYPES and TYPES[c.type].btree][:2]
            if len(cols) == 2:
                t.statistics.append((self.m.name(f"{t.name}_st"), tuple(cols)))
        if tables and self.chance(0.2):
            chosen = self.rng.sample(tables, min(len(tables), self.rng.randint(1, 2)))
            self.m.objects.append(Publication(self.m.name("pub"), tuple(t.key for t in chosen)))
        if self.chance(0.15):
            self.add_procedure()
        if self.chance(0.15):
            self.add_typed_table()
        free = [e for e in self.m.of(Enum) if not any(o.enum == e.key for o in self.m.of(EnumOperator))]
        if free and self.chance(0.3):
            e = self.rng.choice(free)
            self.m.objects.append(EnumOperator(e.schema, self.m.name("op"), e.key, cast=self.chance(0.5)))
        for s in self.m.of(SchemaObj):
            if self.chance(0.15):
                s.grants = (ROLES[0],)
            if self.chance(0.1):
                s.default_grants = (ROLES[0],)
            if s.name != "public" and self.chance(0.2):
                s.comment = f"schema {s.name}"


def _has_pk_id(t: Table) -> bool:
    return any(k.primary and k.cols == ("id",) for k in t.keys)


def own_columns(m: Model, t: Table) -> list[Column]:
    return [] if t.partition_of else list(t.columns)


def all_columns(m: Model, t: Table) -> list[Column]:
    """The table's columns, a partition's from its parent, a child's with its parent's first."""
    if t.partition_of:
        parent = m.get(t.partition_of[0])
        return all_columns(m, parent) if isinstance(parent, Table) else []
    if t.inherits:
        parent = m.get(t.inherits)
        return (all_columns(m, parent) if isinstance(parent, Table) else []) + list(t.columns)
    return list(t.columns)


def outputs(m: Model, src: Table | View) -> list[str]:
    if isinstance(src, View):
        return view_outputs(src)
    return [c.name for c in all_columns(m, src)]


def generate(seed: int, features: frozenset[str]) -> Model:
    rng = random.Random(seed)
    m = Model()
    m.objects.append(SchemaObj("public"))
    if rng.random() < 0.5:
        m.objects.append(SchemaObj("app"))
    g = Gen(rng, features, m)
    for ext in EXTENSIONS:
        if ext in features and g.chance(0.3):
            m.objects.append(Extension(ext))
    if g.chance(0.3):
        m.objects.append(Collation(g.schema(), m.name("coll"), rng.choice(["C", "POSIX"])))
    for _ in range(rng.randint(0, 2)):
        g.add_enum()
    for _ in range(rng.randint(0, 1)):
        g.add_domain()
    if g.chance(0.2):
        g.add_composite()
    if g.chance(0.2):
        g.add_range()
    if g.chance(0.3):
        g.add_sequence()
    for _ in range(rng.randint(0, 2)):
        g.add_function()
    for _ in range(rng.randint(1, 4)):
        g.add_table()
    if g.chance(0.3):
        g.add_partitioned()
    if g.chance(0.2):
        g.add_inheritance()
    for _ in range(rng.randint(0, 3)):
        g.add_view()
    g.add_misc()
    prune(m)
    return m


# --- pruning -----------------------------------------------------------------------------------


def prune(m: Model) -> None:
    """Drop whatever refers to something no longer there, until nothing changes."""
    changed = True
    while changed:
        changed = False
        keys = {o.key for o in m.objects}
        types = set(TYPES) | {o.key for o in m.objects if isinstance(o, (Enum, Domain, Composite, Range))}
        keep = []
        for o in m.objects:
            if isinstance(o, Table):
                if (o.partition_of and o.partition_of[0] not in keys) or (o.inherits and o.inherits not in keys):
                    changed = True
                    continue
                n = len(o.columns)
                o.columns = [c for c in o.columns if c.type in types]
                o.columns = [c for c in o.columns if not c.collate or c.collate in keys]
                if o.columns and not any(c.name == "id" for c in o.columns) and not o.partition_of and not o.inherits:
                    changed = True
                    continue
                names = {c.name for c in all_columns(m, o)}
                o.columns = [c for c in o.columns if not c.generated or set(c.generated[1]) <= names]
                changed |= len(o.columns) != n
                names = {c.name for c in all_columns(m, o)}
                before = (len(o.checks), len(o.keys), len(o.fks), len(o.indexes), len(o.excludes), len(o.triggers))
                o.checks = [c for c in o.checks if set(c.cols) <= names]
                o.keys = [k for k in o.keys if set(k.cols) <= names]
                o.fks = [f for f in o.fks if set(f.cols) <= names and f.ref in keys and _has_col(m, f.ref, f.ref_cols)]
                o.indexes = [i for i in o.indexes if set(i.cols) | set(i.include) <= names]
                o.excludes = [x for x in o.excludes if x.col in names]
                o.triggers = [t for t in o.triggers if t.function in keys]
                o.statistics = [s for s in o.statistics if set(s[1]) <= names]
                after = (len(o.checks), len(o.keys), len(o.fks), len(o.indexes), len(o.excludes), len(o.triggers))
                changed |= before != after
            elif isinstance(o, View):
                srcs = []
                for key, cols in o.sources:
                    src = m.get(key)
                    if not isinstance(src, (Table, View)):
                        srcs = []
                        break
                    have = set(outputs(m, src))
                    srcs.append((key, [c for c in cols if c in have]))
                if not srcs or "id" not in srcs[0][1]:
                    changed = True
                    continue
                if srcs != o.sources:
                    o.sources = srcs
                    changed = True
                names = set(view_outputs(o))
                o.indexes = [i for i in o.indexes if set(i.cols) <= names]
            elif isinstance(o, Publication):
                tables = tuple(t for t in o.tables if t in keys)
                if not tables:
                    changed = True
                    continue
                if tables != o.tables:
                    o.tables, changed = tables, True
            elif isinstance(o, TypedTable) and o.of_type not in keys:
                changed = True
                continue
            elif isinstance(o, EnumOperator) and o.enum not in keys:
                changed = True
                continue
            elif isinstance(o, Rule) and o.table not in keys:
                changed = True
                continue
            elif isinstance(o, Composite) and any(t not in types and t not in ("integer", "text") for _, t in o.fields):
                changed = True
                continue
            keep.append(o)
        m.objects = keep


def _has_col(m: Model, key: str, cols: tuple[str, ...]) -> bool:
    t = m.get(key)
    return isinstance(t, Table) and set(cols) <= {c.name for c in all_columns(m, t)}


# --- mutations ---------------------------------------------------------------------------------

Mutation = Callable[[Gen], str | None]


def _pick_table(g: Gen, plain: bool = True) -> Table | None:
    tables = [t for t in g.m.tables() if not t.partition_of] if plain else g.m.tables()
    return g.rng.choice(tables) if tables else None


def m_add_table(g: Gen) -> str | None:
    return f"add table {g.add_table().key}"


def m_drop_table(g: Gen) -> str | None:
    t = _pick_table(g)
    if t is None:
        return None
    g.m.objects.remove(t)
    return f"drop table {t.key}"


def m_add_column(g: Gen) -> str | None:
    t = _pick_table(g)
    if t is None or t.partition_of:
        return None
    c = g.new_column(t)
    if c.not_null and c.default is None:  # rows exist: a new NOT NULL column needs a default
        c.not_null = False
    t.columns.append(c)
    return f"add column {t.key}.{c.name}"


def _pick_column(g: Gen, t: Table | None = None) -> tuple[Table, Column] | None:
    cands = [
        (tt, c)
        for tt in ([t] if t else g.m.tables())
        for c in tt.columns
        if c.name not in PERMANENT and not any(c.name in f.cols for f in tt.fks)
    ]
    return g.rng.choice(cands) if cands else None


def m_drop_column(g: Gen) -> str | None:
    got = _pick_column(g)
    if not got:
        return None
    t, c = got
    t.columns.remove(c)
    return f"drop column {t.key}.{c.name}"


def m_retype_column(g: Gen) -> str | None:
    cands = [
        (t, c)
        for t, c in (_all_cols(g))
        if c.type in TYPES
        and TYPES[c.type].changes
        and not c.generated
        and not c.identity
        and not _used_by_generated(t, c)
    ]
    if not cands:
        return None
    t, c = g.rng.choice(cands)
    new = g.rng.choice(
        [k for k in TYPES[c.type].changes if TYPES[k].needs is None or g.installed(TYPES[k].needs)] or [c.type]
    )
    if new == c.type:
        return None
    old = c.type
    # rows keep their values' text: two values alike as the new type stay alike (booleans as text)
    c.repeats = c.repeats or TYPES[c.type].family in _REPEATING
    c.type, c.default, c.collate = new, None, None
    t.checks = [k for k in t.checks if c.name not in k.cols]
    t.indexes = [i for i in t.indexes if c.name not in i.cols and c.name not in i.include]
    t.keys = [k for k in t.keys if c.name not in k.cols]
    t.statistics = [s for s in t.statistics if c.name not in s[1]]
    return f"retype column {t.key}.{c.name} {old} -> {new}"


def _used_by_generated(t: Table, c: Column) -> bool:
    return any(x.generated and c.name in x.generated[1] for x in t.columns)


def _all_cols(g: Gen) -> list[tuple[Table, Column]]:
    return [
        (t, c)
        for t in g.m.tables()
        for c in t.columns
        if c.name not in PERMANENT and not any(c.name in f.cols for f in t.fks)
    ]


def m_column_default(g: Gen) -> str | None:
    cands = [
        (t, c)
        for t, c in _all_cols(g)
        if c.type in TYPES
        and TYPES[c.type].defaults
        and not c.identity
        and not c.generated
        # a new column's default fills every existing row: not one under a unique key
        and not (c.fresh and any(c.name in k.cols for k in t.keys))
    ]
    if not cands:
        return None
    t, c = g.rng.choice(cands)
    options = [None, *TYPES[c.type].defaults]
    options.remove(c.default)
    c.default = g.rng.choice(options)
    if c.default is None and c.not_null:
        c.not_null = False
    return f"default {t.key}.{c.name} = {c.default}"


def m_not_null(g: Gen) -> str | None:
    cands = [(t, c) for t, c in _all_cols(g) if not c.identity and not c.generated]
    cands = [(t, c) for t, c in cands if c.not_null or not c.fresh or c.default is not None]
    if not cands:
        return None
    t, c = g.rng.choice(cands)
    c.not_null = not c.not_null
    return f"{'set' if c.not_null else 'drop'} not null {t.key}.{c.name}"


def m_identity(g: Gen) -> str | None:
    t = _pick_table(g)
    if t is None:
        return None
    idcol = next((c for c in t.columns if c.name == "id"), None)
    if idcol is None or t.partition_by or t.inherits:
        return None
    options = [x for x in (None, "ALWAYS", "BY DEFAULT") if x != idcol.identity]
    idcol.identity = g.rng.choice(options)
    return f"identity {t.key}.id = {idcol.identity}"


def m_rename_column(g: Gen) -> str | None:
    got = _pick_column(g)
    if not got:
        return None
    t, c = got
    if c.renamed_from:
        return None
    old, new = c.name, g.m.name("rn")
    c.name, c.renamed_from = new, old
    _rename_col_refs(g.m, t, old, new)
    return f"rename column {t.key}.{old} -> {new}"


def _rename_col_refs(m: Model, t: Table, old: str, new: str) -> None:
    def sub(cols: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(new if x == old else x for x in cols)

    affected = {t.key} | {
        x.key for x in m.tables() if (x.partition_of and x.partition_of[0] == t.key) or x.inherits == t.key
    }
    for x in m.tables():
        if x.key in affected:
            for k in x.checks:
                k.cols = sub(k.cols)
            for key in x.keys:
                key.cols = sub(key.cols)
            for i in x.indexes:
                i.cols, i.include = sub(i.cols), sub(i.include)
            for c in x.columns:
                if c.generated:
                    c.generated = (c.generated[0], sub(c.generated[1]))
            x.statistics = [(n, sub(cols)) for n, cols in x.statistics]
    for v in m.of(View):
        # a view keeps its output names: select the renamed column under its old name would change
        # the view's text; the view follows the rename the way PostgreSQL's own view would
        v.sources = [(key, [new if key in affected and c == old else c for c in cols]) for key, cols in v.sources]


def m_rename_table(g: Gen) -> str | None:
    t = _pick_table(g)
    if t is None or t.renamed_from or t.partition_by or t.partition_of or t.inherits:
        return None
    if any(x.inherits == t.key for x in g.m.tables()):
        return None
    old = t.key
    t.renamed_from, t.name = t.name, g.m.name("rt")
    new = t.key
    for x in g.m.tables():
        for f in x.fks:
            if f.ref == old:
                f.ref = new
    for v in g.m.of(View):
        v.sources = [(new if k == old else k, cols) for k, cols in v.sources]
    for p in g.m.of(Publication):
        p.tables = tuple(new if k == old else k for k in p.tables)
    for r in g.m.of(Rule):
        if r.table == old:
            r.table = new
    return f"rename table {old} -> {new}"


def m_add_constraint(g: Gen) -> str | None:
    t = _pick_table(g)
    if t is None:
        return None
    kind = g.rng.choice(["check", "unique", "fk", "index", "index", "exclude", "generated"])
    before = (len(t.checks), len(t.keys), len(t.fks), len(t.indexes), len(t.excludes), len(t.columns))
    if kind == "check":
        g.add_check(t)
    elif kind == "unique" and not t.partition_by:
        g.add_unique(t)
    elif kind == "fk" and not t.partition_by:
        g.add_fk(t)
    elif kind == "index":
        g.add_index(t, btree_only=bool(t.partition_by))
    elif kind == "exclude" and not t.partition_by and not t.partition_of:
        g.add_exclude(t)
    elif kind == "generated" and not t.partition_of:
        g.add_generated(t)
    if before == (len(t.checks), len(t.keys), len(t.fks), len(t.indexes), len(t.excludes), len(t.columns)):
        return None
    return f"add {kind} on {t.key}"


def m_drop_constraint(g: Gen) -> str | None:
    t = _pick_table(g)
    if t is None:
        return None
    pools: list[list] = [
        t.checks,
        [k for k in t.keys if not k.primary],
        t.fks,
        t.indexes,
        t.excludes,
        t.policies,
        t.triggers,
    ]  # type: ignore[type-arg]
    pools = [p for p in pools if p]
    if not pools:
        return None
    pool = g.rng.choice(pools)
    victim = g.rng.choice(pool)
    for lst in (t.checks, t.keys, t.fks, t.indexes, t.excludes, t.policies, t.triggers):
        if victim in lst:
            lst.remove(victim)
    return f"drop {type(victim).__name__.lower()} {victim.name} on {t.key}"


def m_alter_constraint(g: Gen) -> str | None:
    t = _pick_table(g)
    if t is None:
        return None
    options: list[Callable[[], str]] = []
    for fk in t.fks:
        options.append(
            lambda fk=fk: _set(fk, "on_delete", g.rng.choice(["NO ACTION", "CASCADE", "SET NULL", "RESTRICT"]))
        )
        options.append(lambda fk=fk: _set(fk, "deferrable", not fk.deferrable))
    for ck in t.checks:
        options.append(lambda ck=ck: _set(ck, "not_valid", not ck.not_valid))
    for ix in t.indexes:
        if not t.partition_by:
            options.append(lambda ix=ix: _set(ix, "where", None if ix.where else "id > 0"))
    for k in t.keys:
        if not k.primary:
            options.append(lambda k=k: _set(k, "deferrable", not k.deferrable))
    for p in t.policies:
        options.append(lambda p=p: _set(p, "roles", (g.rng.choice(("PUBLIC", *ROLES)),)))
        if p.using is not None:
            options.append(lambda p=p: _set(p, "using", g.rng.choice(["true", "id > 0", "id >= 0"])))
    for tr in t.triggers:
        options.append(lambda tr=tr: _set(tr, "timing", "AFTER" if tr.timing == "BEFORE" else "BEFORE"))
        if tr.when is None and tr.row and "DELETE" not in tr.events:
            options.append(lambda tr=tr: _set(tr, "when", "NEW.id > 0"))
    options.append(lambda: _set(t, "comment", None if t.comment else f"changed {t.name}"))
    options.append(lambda: _set(t, "grants", {} if t.grants else {ROLES[0]: ("SELECT", "UPDATE")}))
    if not t.partition_of:
        options.append(lambda: g.add_policy(t) or f"add policy on {t.key}")
        options.append(lambda: g.add_trigger(t) or f"add trigger on {t.key}")
    return f"{t.key}: " + g.rng.choice(options)()


def _set(obj: object, attr: str, value: object) -> str:
    setattr(obj, attr, value)
    return f"{type(obj).__name__.lower()} {getattr(obj, 'name', '')} {attr} = {value}"


def m_view(g: Gen) -> str | None:
    views = g.m.of(View)
    if not views or g.chance(0.3):
        g.add_view()
        return "add view"
    v = g.rng.choice(views)
    choice = g.rng.randint(0, 5)
    if choice == 0:
        g.m.objects.remove(v)
        return f"drop view {v.key}"
    if choice == 1:
        v.where = g.rng.choice([w for w in ["true", "{0} > 0", "{0} < 1000000", "{0} <> 7"] if w != v.where])
        return f"view {v.key} where {v.where}"
    if choice == 2:
        src = g.m.get(v.sources[0][0])
        assert isinstance(src, (Table, View))
        v.sources[0] = (v.sources[0][0], g._some(src))
        return f"view {v.key} columns"
    if choice == 3 and not v.materialized:
        v.options = () if v.options else ("security_barrier = true",)
        return f"view {v.key} options {v.options}"
    if choice == 4:
        v.comment = None if v.comment else f"changed {v.name}"
        return f"view {v.key} comment"
    if not v.renamed_from and not any(k == v.key for w in views for k, _ in w.sources):
        old = v.name
        v.renamed_from, v.name = old, g.m.name("rv")
        return f"rename view {old} -> {v.name}"
    return None


def m_function(g: Gen) -> str | None:
    fns = [f for f in g.m.of(Function) if not f.trigger and not f.procedure]
    if not fns or g.chance(0.25):
        return f"add function {g.add_function().key}"
    f = g.rng.choice(fns)
    choice = g.rng.randint(0, 4)
    if choice == 0:
        g.m.objects.remove(f)
        return f"drop function {f.key}"
    if choice == 1:
        f.body = f.body.replace("+ 1", "+ 2") if "+ 1" in f.body else f.body.replace("+ 2", "+ 1")
        f.body = (
            f.body.replace("a2 || a1", "a1::text || a2")
            if "a2 || a1" in f.body
            else f.body.replace("a1::text || a2", "a2 || a1")
        )
        return f"function {f.key} body"
    if choice == 2:
        f.volatility = g.rng.choice([x for x in ("IMMUTABLE", "STABLE", "VOLATILE") if x != f.volatility])
        return f"function {f.key} {f.volatility}"
    if choice == 3:
        f.strict = not f.strict
        return f"function {f.key} strict={f.strict}"
    f.revoke_public, f.grants = (False, ()) if f.revoke_public else (True, (ROLES[1],))
    return f"function {f.key} grants"


def m_types(g: Gen) -> str | None:
    choice = g.rng.randint(0, 6)
    enums, domains, seqs = g.m.of(Enum), g.m.of(Domain), g.m.of(Sequence)
    if choice == 0:
        g.add_enum()
        return "add enum"
    if choice == 1 and enums:
        e = g.rng.choice(enums)
        label = g.m.name(f"{e.name}_n")
        e.labels.insert(g.rng.randint(1, len(e.labels)), label)
        return f"enum {e.key} add {label}"
    if choice == 2 and domains:
        d = g.rng.choice(domains)
        if g.chance(0.5):
            d.default = None if d.default else {"integer": "1", "text": "'e'", "numeric(12,2)": "1"}[d.base]
            return f"domain {d.key} default {d.default}"
        d.check = (
            None
            if d.check
            else {"integer": "VALUE > -2000", "text": "length(VALUE) < 200", "numeric(12,2)": "VALUE >= -1"}[d.base]
        )
        return f"domain {d.key} check {d.check}"
    if choice == 3:
        g.add_domain()
        return "add domain"
    if choice == 4 and seqs:
        s = g.rng.choice(seqs)
        s.increment = 3 if s.increment != 3 else 1
        return f"sequence {s.key} increment {s.increment}"
    if choice == 5:
        comps = g.m.of(Composite)
        if comps:
            c = g.rng.choice(comps)
            c.fields.append((g.m.name("f"), "integer"))
            return f"composite {c.key} add field"
        g.add_composite()
        return "add composite"
    if choice == 6:
        droppable = [o for o in (*enums, *domains, *seqs) if not _type_used(g.m, o.key)]
        if droppable:
            o = g.rng.choice(droppable)
            g.m.objects.remove(o)
            return f"drop {o.kind} {o.key}"
    return None


def _type_used(m: Model, key: str) -> bool:
    return (
        any(c.type == key for t in m.tables() for c in t.columns)
        or any(key in (d.base,) for d in m.of(Domain))
        or any(o.enum == key for o in m.of(EnumOperator))
    )


def m_partitions(g: Gen) -> str | None:
    parents = [t for t in g.m.tables() if t.partition_by]
    if not parents:
        g.add_partitioned()
        return "add partitioned table"
    p = g.rng.choice(parents)
    parts = [t for t in g.m.tables() if t.partition_of and t.partition_of[0] == p.key]
    choice = g.rng.randint(0, 2)
    if choice == 0 and p.partition_by and p.partition_by[0] != "HASH":
        if any(t.partition_of and t.partition_of[1] == "DEFAULT" for t in parts):
            victim = next(t for t in parts if t.partition_of and t.partition_of[1] == "DEFAULT")
            g.m.objects.remove(victim)
            return f"drop default partition {victim.key}"
        g.m.objects.append(Table(p.schema, g.m.name(f"{p.name}_p"), partition_of=(p.key, "DEFAULT")))
        return f"add default partition of {p.key}"
    if choice == 1 and p.partition_by and p.partition_by[0] == "RANGE":
        g.m.objects.append(
            Table(p.schema, g.m.name(f"{p.name}_p"), partition_of=(p.key, "FOR VALUES FROM (1000) TO (2000)"))
        )
        return f"add partition of {p.key}"
    if choice == 2:
        g.add_index(p, btree_only=True)
        return f"index on {p.key}"
    return None


def m_misc(g: Gen) -> str | None:
    choice = g.rng.randint(0, 5)
    schemas = g.m.of(SchemaObj)
    if choice == 0:
        s = g.rng.choice(schemas)
        s.grants = () if s.grants else (ROLES[1],)
        return f"schema {s.name} grants"
    if choice == 1:
        s = g.rng.choice(schemas)
        s.default_grants = () if s.default_grants else (ROLES[0],)
        return f"schema {s.name} default privileges"
    if choice == 2:
        g.add_misc()
        return "add misc objects"
    if choice == 3:
        pubs = g.m.of(Publication)
        if pubs:
            p = g.rng.choice(pubs)
            p.publish = "insert" if p.publish != "insert" else "insert, update"
            return f"publication {p.name} publish {p.publish}"
    if choice == 4:
        aggs = g.m.of(Aggregate)
        if aggs:
            a = g.rng.choice(aggs)
            a.initcond = "1" if a.initcond != "1" else "0"
            return f"aggregate {a.key} initcond"
    if choice == 5:
        avail = [e for e in EXTENSIONS if e in g.features and not g.installed(e)]
        if avail:
            g.m.objects.insert(1, Extension(g.rng.choice(avail)))
            return "add extension"
    return None


def m_typed_table(g: Gen) -> str | None:
    """A typed table leaves its type (a plain table of the same columns) or becomes one again; or a
    new one."""
    typed = g.m.of(TypedTable)
    if not typed or g.chance(0.3):
        g.add_typed_table()
        return "add typed table"
    t = g.rng.choice(typed)
    t.plain = not t.plain
    return f"typed table {t.key} plain = {t.plain}"


def m_add_schema(g: Gen) -> str | None:
    if g.m.get("schema app") is None:
        g.m.objects.insert(1, SchemaObj("app"))
        return "add schema app"
    return None


def m_inheritance(g: Gen) -> str | None:
    g.add_inheritance()
    return "add inheritance"


MUTATIONS: tuple[tuple[Mutation, int], ...] = (
    (m_add_table, 2),
    (m_drop_table, 1),
    (m_add_column, 4),
    (m_drop_column, 3),
    (m_retype_column, 3),
    (m_column_default, 3),
    (m_not_null, 2),
    (m_identity, 1),
    (m_rename_column, 2),
    (m_rename_table, 1),
    (m_add_constraint, 4),
    (m_drop_constraint, 3),
    (m_alter_constraint, 4),
    (m_view, 3),
    (m_function, 3),
    (m_types, 3),
    (m_partitions, 1),
    (m_misc, 2),
    (m_add_schema, 1),
    (m_inheritance, 1),
    (m_typed_table, 1),
)


def mutate(seed: int, before: Model, features: frozenset[str], edits: int | None = None) -> Pair:
    rng = random.Random(seed * 7919 + 17)
    after = before.clone()
    g = Gen(rng, features, after, mutating=True)
    n = edits if edits is not None else rng.randint(1, 10)
    done: list[str] = []
    funcs, weights = zip(*MUTATIONS, strict=True)
    attempts = 0
    while len(done) < n and attempts < n * 10:
        attempts += 1
        f = rng.choices(funcs, weights)[0]
        what = f(g)
        if what:
            done.append(what)
            prune(after)
    return Pair(seed, before, after, tuple(done))


def make_pair(seed: int, features: frozenset[str]) -> Pair:
    return mutate(seed, generate(seed, features), features)


# --- rows --------------------------------------------------------------------------------------


def value(m: Model, col: Column, n: int) -> str | None:
    """A literal for row n of `col`, or None where the database fills it (generated)."""
    if col.generated:
        return None
    if col.type in TYPES:
        return TYPES[col.type].value(n)
    o = m.get(col.type)
    if isinstance(o, Enum):
        return f"'{o.labels[0]}'"
    if isinstance(o, Domain):
        return {"integer": str(n), "text": f"'{n}'", "numeric(12,2)": f"{n}.5"}[o.base]
    if isinstance(o, Composite):
        return f"ROW({n}, '{n}')::{o.key}"
    if isinstance(o, Range):
        lo = {"integer": str(n * 10), "numeric": str(n * 10), "date": f"2024-01-{n:02d}"}[o.subtype]
        hi = {"integer": str(n * 10 + 5), "numeric": str(n * 10 + 5), "date": f"2024-02-{n:02d}"}[o.subtype]
        return f"'[{lo},{hi})'"
    raise AssertionError(col.type)


def rows(m: Model, count: int = 3) -> str:
    """INSERTs of `count` rows into every table that takes rows, parents before children."""
    out = []
    tables = [t for t in m.tables() if not t.partition_of]
    done: set[str] = set()
    pending = list(tables)
    while pending:
        progressed = False
        for t in list(pending):
            deps = {f.ref for f in t.fks if f.ref != t.key}
            if deps <= done | {x.key for x in m.tables() if x not in pending}:
                pending.remove(t)
                done.add(t.key)
                out.append(_inserts(m, t, count))
                progressed = True
        if not progressed:  # a cycle of foreign keys: leave those tables empty
            break
    return "\n".join(s for s in out if s)


def _inserts(m: Model, t: Table, count: int) -> str:
    cols = [c for c in all_columns(m, t) if not c.generated]
    if not cols:
        return ""
    ident = any(c.identity == "ALWAYS" for c in cols)
    lines = []
    for n in range(1, count + 1):
        vals = [value(m, c, n) for c in cols]
        if t.partition_by:  # route into the first partition of every strategy
            vals = [str(n) if c.name == "k" else v for c, v in zip(cols, vals, strict=True)]
        if t.inherits:  # ids of a child must not collide with the parent's rows
            vals = [str(n + 100) if c.name == "id" else v for c, v in zip(cols, vals, strict=True)]
        lines.append(f"({', '.join(v or 'DEFAULT' for v in vals)})")
    names = ", ".join(c.name for c in cols)
    over = " OVERRIDING SYSTEM VALUE" if ident else ""
    return f"INSERT INTO {t.key} ({names}){over} VALUES\n  " + ",\n  ".join(lines) + ";"
