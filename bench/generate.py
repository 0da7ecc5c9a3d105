"""A deterministic generator of realistic PostgreSQL schemas for `just bench`.

`python bench/generate.py N OUT_DIR [--variant K | --objects M] [--seed S]` writes a schema/ folder of N tables
(mixed columns, identity keys, foreign keys, checks, partial/expression/GIN indexes, enums, views
stacked on views, plpgsql functions and triggers, RLS policies, comments). `--variant K` applies K
small realistic changes on top (added columns, indexes, enum labels, changed defaults, comments,
function bodies, views, a new table): what a developer's schema/ looks like a few commits later.
Each change has objects of its own: variant K differs from variant 0 in `changed_objects(K)`
fingerprint objects (a new table counts four: the table, two columns, its primary key; every other
change one); `--objects M` picks the fewest changes that reach M (M=12: K=9).
The same N, K and seed always give the same files. Imports only the standard library.
"""

from __future__ import annotations

import argparse
import random
from dataclasses import dataclass, field
from pathlib import Path

SCHEMA = "app"
KINDS = ("add_column", "add_index", "enum_label", "default", "comment", "function", "view", "table")


@dataclass
class Table:
    i: int
    enum: str
    parent: int | None
    unique_name: bool
    gin: str  # "tags" or "payload"
    extra: list[str] = field(default_factory=list)  # columns a variant adds
    extra_indexes: list[str] = field(default_factory=list)
    amount_default: str = "0"
    comment: str = ""

    @property
    def name(self) -> str:
        return f"t{self.i:05d}"


@dataclass
class Model:
    n: int
    tables: list[Table]
    enums: dict[str, list[str]]
    function_bodies: dict[int, str]  # trigger function per group of tables
    view_extra: set[int] = field(default_factory=set)  # views that show one more column
    new_tables: int = 0


def model(n: int, seed: int) -> Model:
    rng = random.Random(seed * 1_000_003 + n)
    n_enums = max(3, n // 25)
    enums = {f"status_{e:04d}": ["new", "active", "paused", "closed"][: 2 + rng.randrange(3)] for e in range(n_enums)}
    enum_names = sorted(enums)
    # Enums no index predicate or view compares with: what a variant adds labels to.
    for e in range(max(2, n // 50)):
        enums[f"level_{e:04d}"] = ["low", "high"]
    tables = []
    for i in range(n):
        parent = rng.randrange(i) if i > 0 and rng.random() < 0.7 else None
        tables.append(
            Table(
                i,
                enum=enum_names[rng.randrange(n_enums)],
                parent=parent,
                unique_name=rng.random() < 0.5,
                gin="tags" if rng.random() < 0.5 else "payload",
                comment=f"Rows of entity {i}: generated, seed {seed}.",
            )
        )
    bodies = {g: "NEW.updated_at := now();" for g in range(0, n, 10)}
    return Model(n, tables, enums, bodies)


# Fingerprint objects (rows of `reconciler.fingerprint`) one change of each kind makes differ: a new
# table is four (the table, its two columns, its primary key), every other change one.
OBJECTS = {kind: 4 if kind == "table" else 1 for kind in KINDS}


def changed_objects(k: int) -> int:
    """How many fingerprint objects variant k differs from variant 0 in: `vary` gives every change
    objects of its own (always for k <= 16; beyond, a model of under 50·k/8 tables may run out of
    enums to add labels to, and a later change then rewrites an earlier one's object)."""
    return sum(OBJECTS[KINDS[c % len(KINDS)]] for c in range(k))


def changes_for(objects: int) -> int:
    """The fewest changes (K) that make at least `objects` fingerprint objects differ."""
    k = 0
    while changed_objects(k) < objects:
        k += 1
    return k


def _touches(kind: str, t: Table, m: Model) -> tuple[str, object] | None:
    """What a change of `kind` on `t` rewrites, when a second change there would rewrite the same
    object (a default, a comment, an enum, a group's function or view) instead of another one."""
    if kind in ("default", "comment"):
        return kind, t.i
    if kind == "enum_label":
        return kind, _level(t, m)
    if kind in ("function", "view"):
        return kind, t.i // 10
    return None


def vary(m: Model, k: int, seed: int) -> None:
    """Apply k small changes, each drawn deterministically from KINDS, each on an object no earlier
    change touched (so variant k differs from variant 0 in `changed_objects(k)` objects)."""
    rng = random.Random(seed * 7919 + m.n * 31 + k)
    touched: set[tuple[str, object]] = set()
    for c in range(k):
        kind = KINDS[c % len(KINDS)]
        t = m.tables[rng.randrange(m.n)]
        for _ in range(100):  # a small model may run out of fresh objects: then one is changed twice
            if _touches(kind, t, m) not in touched:
                break
            t = m.tables[rng.randrange(m.n)]
        if (key := _touches(kind, t, m)) is not None:
            touched.add(key)
        if kind == "add_column":
            t.extra.append(f"note_{c} text")
        elif kind == "add_index":
            t.extra_indexes.append(f"CREATE INDEX {t.name}_created_{c}_idx ON {SCHEMA}.{t.name} (created_at DESC);")
        elif kind == "enum_label":
            m.enums[_level(t, m)].append(f"label_{c}")
        elif kind == "default":
            t.amount_default = str(c + 1)
        elif kind == "comment":
            t.comment = f"Rows of entity {t.i}: changed by variant change {c}."
        elif kind == "function":
            group = (t.i // 10) * 10
            m.function_bodies[group] = f"NEW.updated_at := now(); NEW.version := NEW.version + {c + 1};"
        elif kind == "view":
            m.view_extra.add((t.i // 10) * 10)
        else:
            m.new_tables += 1


def _level(t: Table, m: Model) -> str:
    levels = sorted(e for e in m.enums if e.startswith("level_"))
    return levels[t.i % len(levels)]


def _table_sql(m: Model, t: Table) -> str:
    cols = [
        "id bigint GENERATED ALWAYS AS IDENTITY",
        "name text NOT NULL",
        f"status {SCHEMA}.{t.enum} NOT NULL DEFAULT '{m.enums[t.enum][0]}'",
        f"amount numeric(12,2) NOT NULL DEFAULT {t.amount_default}",
        "quantity integer",
        f"level {SCHEMA}.{_level(t, m)}",
        "tags text[] NOT NULL DEFAULT '{}'",
        "payload jsonb NOT NULL DEFAULT '{}'::jsonb",
        "owner_name text",
        "version integer NOT NULL DEFAULT 1",
        "created_at timestamptz NOT NULL DEFAULT now()",
        "updated_at timestamptz NOT NULL DEFAULT now()",
    ]
    if t.parent is not None:
        cols.append("parent_id bigint")
    cols += t.extra
    cons = [
        f"CONSTRAINT {t.name}_pkey PRIMARY KEY (id)",
        f"CONSTRAINT {t.name}_amount_check CHECK (amount >= 0)",
    ]
    if t.unique_name:
        cons.append(f"CONSTRAINT {t.name}_name_key UNIQUE (name)")
    if t.parent is not None:
        p = m.tables[t.parent].name
        cons.append(
            f"CONSTRAINT {t.name}_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES {SCHEMA}.{p} (id) ON DELETE CASCADE"
        )
    body = ",\n  ".join(cols + cons)
    out = [f"CREATE TABLE {SCHEMA}.{t.name} (\n  {body}\n);"]
    out.append(f"COMMENT ON TABLE {SCHEMA}.{t.name} IS '{t.comment}';")
    if t.i % 3 == 0:
        out.append(f"COMMENT ON COLUMN {SCHEMA}.{t.name}.amount IS 'Amount in cents of entity {t.i}.';")
    return "\n".join(out)


def _index_sql(m: Model, t: Table) -> str:
    s, n = SCHEMA, t.name
    out = [
        f"CREATE INDEX {n}_open_idx ON {s}.{n} (created_at) WHERE status <> '{m.enums[t.enum][1]}';"
        if t.i % 2 == 0
        else f"CREATE INDEX {n}_lower_name_idx ON {s}.{n} (lower(name));",
        f"CREATE INDEX {n}_{t.gin}_idx ON {s}.{n} USING gin ({t.gin});",
    ]
    if t.parent is not None:
        out.append(f"CREATE INDEX {n}_parent_id_idx ON {s}.{n} (parent_id);")
    out += t.extra_indexes
    return "\n".join(out)


def _function_sql(m: Model, group: int) -> str:
    body = m.function_bodies[group]
    return (
        f"CREATE FUNCTION {SCHEMA}.touch_{group:05d}() RETURNS trigger\n"
        "LANGUAGE plpgsql AS $$\nBEGIN\n"
        f"  {body}\n  RETURN NEW;\nEND;\n$$;\n"
        f"COMMENT ON FUNCTION {SCHEMA}.touch_{group:05d}() IS 'Keeps updated_at of tables {group}..{group + 9}.';"
    )


def _view_sql(m: Model, group: int) -> str:
    t = m.tables[group]
    extra = ", t.quantity" if group in m.view_extra else ""
    lines = [
        f"CREATE VIEW {SCHEMA}.v_{t.name} AS\n"
        f"  SELECT t.id, t.name, t.status, t.amount{extra}\n  FROM {SCHEMA}.{t.name} t\n"
        f"  WHERE t.status <> '{m.enums[t.enum][1]}';"
    ]
    if group % 50 == 0 and group > 0:
        # A view on views: two groups' open rows side by side.
        prev = m.tables[group - 10].name
        lines.append(
            f"CREATE VIEW {SCHEMA}.vv_{t.name} AS\n"
            f"  SELECT a.id, a.name, b.amount\n  FROM {SCHEMA}.v_{t.name} a\n"
            f"  JOIN {SCHEMA}.v_{prev} b ON b.id = a.id;"
        )
    return "\n".join(lines)


def _rls_sql(t: Table) -> str:
    s, n = SCHEMA, t.name
    return (
        f"ALTER TABLE {s}.{n} ENABLE ROW LEVEL SECURITY;\n"
        f"CREATE POLICY {n}_owner ON {s}.{n} FOR ALL USING (owner_name = current_user);"
    )


def render(m: Model) -> dict[str, str]:
    """File name -> content of schema/."""
    types = [f"CREATE SCHEMA {SCHEMA};"]
    for name, labels in m.enums.items():
        types.append(f"CREATE TYPE {SCHEMA}.{name} AS ENUM ({', '.join(repr(v) for v in labels)});")
    functions = [_function_sql(m, g) for g in sorted(m.function_bodies)]
    tables, indexes, triggers, views, rls = [], [], [], [], []
    for t in m.tables:
        tables.append(_table_sql(m, t))
        indexes.append(_index_sql(m, t))
        group = (t.i // 10) * 10
        triggers.append(
            f"CREATE TRIGGER {t.name}_touch BEFORE UPDATE ON {SCHEMA}.{t.name}\n"
            f"  FOR EACH ROW EXECUTE FUNCTION {SCHEMA}.touch_{group:05d}();"
        )
        if t.i % 10 == 0:
            views.append(_view_sql(m, t.i))
        if t.i % 20 == 5:
            rls.append(_rls_sql(t))
    for j in range(m.new_tables):
        tables.append(
            f"CREATE TABLE {SCHEMA}.added_{j:03d} (\n  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,\n"
            "  label text NOT NULL\n);"
        )
    return {
        "10_types.sql": "\n".join(types) + "\n",
        "20_functions.sql": "\n\n".join(functions) + "\n",
        "30_tables.sql": "\n\n".join(tables) + "\n",
        "40_indexes.sql": "\n".join(indexes) + "\n",
        "50_triggers.sql": "\n".join(triggers) + "\n",
        "60_views.sql": "\n\n".join(views) + "\n",
        "70_rls.sql": "\n".join(rls) + "\n",
    }


def write(n: int, out: Path, *, variant: int = 0, seed: int = 1) -> Path:
    m = model(n, seed)
    vary(m, variant, seed)
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("*.sql"):
        old.unlink()
    for name, text in render(m).items():
        (out / name).write_text(text, encoding="utf-8")
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("tables", type=int, help="number of tables (N)")
    ap.add_argument("out", type=Path, help="folder to write the schema files into (replaced)")
    ap.add_argument("--variant", type=int, default=0, metavar="K", help="apply K small changes")
    ap.add_argument(
        "--objects", type=int, metavar="M", help="apply the fewest changes that make M objects differ (sets K)"
    )
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    variant = args.variant if args.objects is None else changes_for(args.objects)
    write(args.tables, args.out, variant=variant, seed=args.seed)


if __name__ == "__main__":
    main()
