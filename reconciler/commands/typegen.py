"""`reconcile types`: TypeScript (the shape `supabase gen types typescript` emits) or Python TypedDicts
from the desired schema (a scratch database built from schema/, as `plan` builds it) or, after
`apply --types`, from the target the apply just proved equal to it.

A use case: returns text, never prints. Catalog SQL in queries/typegen_*.sql. Imports `compare`,
`config`, `db`, `errors`, `scratch`, `source`, `sql`.
"""

from __future__ import annotations

import keyword
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from ..core.config import Config
from ..core.errors import ConfigError, DatabaseError, ScratchError
from ..pg.db import Dsn, connection, fetch_all, query
from . import settings
from .target import configured_target

LANGS = ("typescript", "python")


# ---------------------------------------------------------------------------------------------
# The catalog, as frozen values


@dataclass(frozen=True, slots=True)
class PgType:
    oid: int
    schema: str
    name: str
    typtype: str  # b base, c composite, d domain, e enum, p pseudo, r range, m multirange
    category: str  # A array, …
    elem: int  # element type of an array
    base: int  # base type of a domain
    labels: tuple[str, ...]  # enum labels in sort order
    standalone: bool  # a composite type of its own (CREATE TYPE … AS), not a table's row type


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    type_oid: int
    nullable: bool
    has_default: bool
    identity: str  # "" | "a" (ALWAYS) | "d" (BY DEFAULT)
    generated: str  # "" | "s" (stored generated column)
    updatable: bool  # for views: pg_column_is_updatable


@dataclass(frozen=True, slots=True)
class Relationship:
    name: str
    columns: tuple[str, ...]
    one_to_one: bool
    referenced_relation: str
    referenced_columns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Relation:
    schema: str
    name: str
    kind: str  # r p f (tables), v m (views), c (composite types)
    columns: tuple[Column, ...]  # sorted by name, as Supabase emits them
    insertable: bool  # views: auto-updatable for INSERT
    updatable: bool
    relationships: tuple[Relationship, ...]


@dataclass(frozen=True, slots=True)
class Argument:
    name: str
    type_oid: int
    has_default: bool


@dataclass(frozen=True, slots=True)
class Function:
    schema: str
    name: str
    args: tuple[Argument, ...]
    returns: int  # type oid (ignored when `table` is set)
    returns_set: bool
    table: tuple[tuple[str, int], ...]  # RETURNS TABLE / OUT columns


@dataclass(frozen=True, slots=True)
class Catalog:
    schemas: tuple[str, ...]
    types: dict[int, PgType]
    relations: tuple[Relation, ...]
    functions: tuple[Function, ...]

    def enums(self, schema: str) -> list[PgType]:
        return sorted((t for t in self.types.values() if t.schema == schema and t.typtype == "e"), key=_name)

    def composites(self, schema: str) -> list[Relation]:
        return [r for r in self.relations if r.schema == schema and r.kind == "c"]

    def row_relation(self, type_oid: int) -> Relation | None:
        """The generated table or view whose row type `type_oid` is (a function's RETURNS users)."""
        t = self.types.get(type_oid)
        if t is None or t.typtype != "c" or t.standalone:
            return None
        return next((r for r in self.relations if (r.schema, r.name) == (t.schema, t.name) and r.kind != "c"), None)


def _name(t: PgType) -> str:
    return t.name


def read_catalog(dsn: Dsn, schemas: Iterable[str]) -> Catalog:
    """Everything the generators need about `schemas` of the database at `dsn`."""
    wanted = sorted(set(schemas))
    params = {"schemas": wanted}
    with connection(dsn, purpose="types") as conn:
        types = {
            int(r[0]): PgType(int(r[0]), r[1], r[2], r[3], r[4], int(r[5]), int(r[6]), tuple(r[8]), bool(r[9]))
            for r in fetch_all(conn, query("typegen_types"))
        }
        columns: dict[tuple[str, str], list[Column]] = {}
        kinds: dict[tuple[str, str], tuple[str, int]] = {}
        for schema, rel, kind, att, typ, nullable, has_default, identity, generated, col_upd, rel_upd in fetch_all(
            conn, query("typegen_columns"), params
        ):
            columns.setdefault((schema, rel), []).append(
                Column(att, int(typ), bool(nullable), bool(has_default), identity, generated, bool(col_upd))
            )
            kinds[(schema, rel)] = (kind, int(rel_upd))
        rels: dict[tuple[str, str], list[Relationship]] = {}
        for schema, rel, con, cols, ref_schema, ref_rel, ref_cols, one in fetch_all(
            conn, query("typegen_relationships"), params
        ):
            # supabase-js resolves referencedRelation within the table's schema: other schemas'
            # relations (auth.users) are not relationships it can embed.
            if ref_schema == schema:
                rels.setdefault((schema, rel), []).append(
                    Relationship(con, tuple(cols), bool(one), ref_rel, tuple(ref_cols))
                )
        functions = []
        for schema, name, rettype, retset, argtypes, modes, names, ndefaults, _sig in fetch_all(
            conn, query("typegen_functions"), params
        ):
            if types.get(int(rettype)) and types[int(rettype)].name in ("trigger", "event_trigger"):
                continue  # trigger functions are not callable through the API
            inputs = [(n or "", int(t)) for t, m, n in zip(argtypes, modes, names, strict=True) if m in ("i", "b", "v")]
            if len(inputs) > 1 and any(not n for n, _ in inputs):
                continue  # as Supabase: callable by name only when every argument has one (or there is one)
            outputs = tuple(
                (n or "", int(t)) for t, m, n in zip(argtypes, modes, names, strict=True) if m in ("o", "b", "t")
            )
            if len(outputs) == 1 and "t" not in modes:
                outputs = ()  # a single OUT parameter: the function returns its type
            first_default = len(inputs) - int(ndefaults)
            args = tuple(Argument(n, t, i >= first_default) for i, (n, t) in enumerate(inputs))
            functions.append(Function(schema, name, args, int(rettype), bool(retset), outputs))
    relations = tuple(
        Relation(
            schema,
            rel,
            kinds[(schema, rel)][0],
            tuple(sorted(cols, key=lambda c: c.name)),
            bool(kinds[(schema, rel)][1] & 8),
            bool(kinds[(schema, rel)][1] & 4),
            tuple(sorted(rels.get((schema, rel), ()), key=lambda r: r.name)),
        )
        for (schema, rel), cols in sorted(columns.items())
    )
    return Catalog(tuple(wanted), types, relations, tuple(functions))


# ---------------------------------------------------------------------------------------------
# Use cases


def check_lang(lang: str, where: str = "--lang") -> str:
    if lang not in LANGS:
        raise ConfigError(f"{where}: unknown language {lang!r}", hint=f"use one of: {', '.join(LANGS)}")
    return lang


def _lang_source(config: Config) -> str:
    """Where `types_lang` came from, as an error names it: the flag, the variable or the file."""
    source = config.sources.get("types_lang", "default")
    return "--lang" if source == "flag" else f"`types_lang` ({source})"


def render(catalog: Catalog, lang: str) -> str:
    check_lang(lang)
    return typescript(catalog) if lang == "typescript" else python(catalog)


def from_database(dsn: Dsn, schemas: Iterable[str], lang: str) -> str:
    """Types of the database at `dsn` (apply --types: the target, proven equal to the plan's result)."""
    return render(read_catalog(dsn, schemas), lang)


def from_schema(config: Config, lang: str, schemas: Iterable[str]) -> str:
    """Types of the desired schema: schema/ (with the prelude) built on scratch, as `plan` builds it.
    The scratch server matches the target's major version when a target is configured; otherwise
    the server of `--scratch URL`, or the newest embedded PostgreSQL with the extensions schema/ creates."""
    from ..engine.compare import scratch_server, target_version
    from ..engine.scratch.build import build
    from ..engine.scratch.roles import stub_roles
    from ..engine.source import load_source
    from ..sql.parse import extensions_created_by

    check_lang(lang, _lang_source(config))
    source = load_source(settings.source(config))
    extensions = extensions_created_by(st.text for st in source.statements)
    target: Dsn | None
    try:
        target = configured_target(config)
        version_num = target_version(target)[0]
    except (ConfigError, DatabaseError):
        # Types do not depend on the server version: without a reachable target (a laptop without
        # production credentials), any scratch server that loads schema/ gives the same output.
        target = None
        version_num = _scratch_version(config, extensions)
    with scratch_server(settings.scratch(config), version_num, extensions) as scratch:
        if target is not None:
            stub_roles(target, scratch.dsn)
        build(scratch.dsn, source)
        return from_database(scratch.dsn, schemas, lang)


def _scratch_version(config: Config, extensions: tuple[str, ...]) -> int:
    """Without a target: the version of a `--scratch URL` server, else of the newest embedded binaries."""
    if config.scratch not in ("embedded", "docker"):
        from ..pg.db import server_version_num

        with connection(Dsn(config.scratch), purpose="scratch version") as conn:
            return server_version_num(conn)
    from ..pg.binaries import available_binaries

    found = sorted(available_binaries(), key=lambda b: b.major, reverse=True)
    usable = [b for b in found if all(b.has_extension(e) for e in extensions)]
    if not usable:
        if config.scratch == "docker":
            raise ScratchError(
                "--scratch docker needs the PostgreSQL version of a target",
                hint="pass --target URL (its major version picks the image), or --scratch URL of a server",
            )
        raise ScratchError(
            "no PostgreSQL server binaries for a scratch database"
            + (f" with the extension(s) {', '.join(extensions)}" if extensions else ""),
            hint="pass --scratch URL (a server where the tool may create a database), or --target URL",
        )
    return usable[0].major * 10000


def check_types_settings(config: Config) -> Path:
    """`apply --types` needs to know where to write, checked before the apply starts."""
    check_lang(config.types_lang, _lang_source(config))
    if config.types_out is None:
        raise ConfigError(
            "apply --types: no file to write the types to",
            hint="set `types_out:` in reconcile.yaml (e.g. lib/database.types.ts) or RECONCILE_TYPES_OUT",
        )
    return config.types_out


def regenerate_after_apply(config: Config) -> str:
    """Types of the target right after an apply whose fingerprint check proved it equals the plan's
    desired schema (no second scratch build); written to `types_out`. Returns what was done."""
    path = check_types_settings(config)
    text = from_database(configured_target(config), config.types_schemas, config.types_lang)
    changed = write(path, text)
    return f"types: {'wrote' if changed else 'unchanged'} {config.display(path)} ({config.types_lang})"


def write(path: Path, text: str) -> bool:
    """Write `text` to `path` (folders created); False when the file already holds exactly it."""
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return True


# ---------------------------------------------------------------------------------------------
# TypeScript, as `supabase gen types typescript` lays it out

# PostgreSQL type -> TypeScript, as Supabase's generator (postgres-meta) maps them; others are `unknown`.
TS_TYPES = {
    "bool": "boolean",
    **dict.fromkeys(("int2", "int4", "int8", "float4", "float8", "numeric"), "number"),
    **dict.fromkeys(
        ("bytea", "bpchar", "varchar", "date", "text", "citext", "time", "timetz", "timestamp", "timestamptz"),
        "string",
    ),
    **dict.fromkeys(("uuid", "vector"), "string"),
    "json": "Json",
    "jsonb": "Json",
    "void": "undefined",
    "record": "Record<string, unknown>",
}
WIDTH = 80  # prettier's print width: an enum or an argument list that fits stays on one line
_JS_IDENT = re.compile(r"^[A-Za-z_$][A-Za-z0-9_$]*$")


def _key(name: str) -> str:
    return name if _JS_IDENT.match(name) else _js_string(name)


def _js_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


class _TypeScript:
    def __init__(self, catalog: Catalog) -> None:
        self.c = catalog
        self.lines: list[str] = []

    def ts(self, oid: int) -> str:
        t = self.c.types.get(oid)
        if t is None:
            return "unknown"
        if t.typtype == "d":
            return self.ts(t.base)
        if t.category == "A" and t.elem:
            inner = self.ts(t.elem)
            return f"({inner})[]" if " " in inner else f"{inner}[]"
        if t.typtype == "e":
            if t.schema in self.c.schemas:
                return f'Database[{_js_string(t.schema)}]["Enums"][{_js_string(t.name)}]'
            return " | ".join(_js_string(label) for label in t.labels) or "never"
        if t.typtype == "c" and t.standalone and t.schema in self.c.schemas:
            return f'Database[{_js_string(t.schema)}]["CompositeTypes"][{_js_string(t.name)}]'
        return TS_TYPES.get(t.name, "unknown")

    def emit(self, indent: int, text: str) -> None:
        self.lines.append("  " * indent + text)

    def block(self, indent: int, name: str, fields: list[str]) -> None:
        """`name: { fields }`; `[_ in never]: never` when empty."""
        self.emit(indent, f"{name}: {{")
        for f in fields or ["[_ in never]: never"]:
            self.emit(indent + 1, f)
        self.emit(indent, "}")

    def render(self) -> str:
        self.lines = [
            "export type Json =",
            "  | string",
            "  | number",
            "  | boolean",
            "  | null",
            "  | { [key: string]: Json | undefined }",
            "  | Json[]",
            "",
            "export type Database = {",
        ]
        for schema in self.c.schemas:
            self.schema(schema)
        self.lines.append("}")
        self.lines.append("")
        self.lines.extend(TS_HELPERS.strip("\n").splitlines())
        self.constants()
        return "\n".join(self.lines) + "\n"

    def schema(self, schema: str) -> None:
        rels = [r for r in self.c.relations if r.schema == schema]
        self.emit(1, f"{_key(schema)}: {{")
        tables = [r for r in rels if r.kind in ("r", "p", "f")]
        views = [r for r in rels if r.kind in ("v", "m")]
        self.relations(2, "Tables", tables, view=False)
        self.relations(2, "Views", views, view=True)
        self.functions(2, [f for f in self.c.functions if f.schema == schema])
        self.emit(2, "Enums: {")
        enums = self.c.enums(schema)
        for e in enums:
            self.union(3, _key(e.name), [_js_string(label) for label in e.labels])
        if not enums:
            self.emit(3, "[_ in never]: never")
        self.emit(2, "}")
        self.composites(2, self.c.composites(schema))
        self.emit(1, "}")

    def union(self, indent: int, name: str, members: list[str]) -> None:
        one_line = f"{name}: {' | '.join(members) or 'never'}"
        if len("  " * indent + one_line) <= WIDTH or len(members) < 2:
            self.emit(indent, one_line)
            return
        self.emit(indent, f"{name}:")
        for m in members:
            self.emit(indent + 1, f"| {m}")

    def field(self, col: Column, *, optional: bool, nullable: bool, never: bool = False) -> str:
        if never:
            return f"{_key(col.name)}?: never"
        t = self.ts(col.type_oid)
        return f"{_key(col.name)}{'?' if optional else ''}: {t}{' | null' if nullable else ''}"

    def relations(self, indent: int, title: str, rels: list[Relation], *, view: bool) -> None:
        self.emit(indent, f"{title}: {{")
        if not rels:
            self.emit(indent + 1, "[_ in never]: never")
        for r in rels:
            self.emit(indent + 1, f"{_key(r.name)}: {{")
            # Views: PostgreSQL cannot tell whether a view column is null, so every one may be.
            self.block(
                indent + 2, "Row", [self.field(c, optional=False, nullable=view or c.nullable) for c in r.columns]
            )
            if not view:
                self.block(indent + 2, "Insert", [self.insert_field(c) for c in r.columns])
                self.block(indent + 2, "Update", [self.update_field(c) for c in r.columns])
            else:
                # An auto-updatable view: columns PostgreSQL cannot write through (expressions) are `never`.
                cols = [self.field(c, optional=True, nullable=True, never=not c.updatable) for c in r.columns]
                if r.insertable:
                    self.block(indent + 2, "Insert", cols)
                if r.updatable:
                    self.block(indent + 2, "Update", cols)
            self.relationships(indent + 2, r.relationships)
            self.emit(indent + 1, "}")
        self.emit(indent, "}")

    def insert_field(self, c: Column) -> str:
        if c.generated or c.identity == "a":
            return self.field(c, optional=True, nullable=False, never=True)  # cannot be inserted
        optional = c.nullable or c.has_default or bool(c.identity)
        return self.field(c, optional=optional, nullable=c.nullable)

    def update_field(self, c: Column) -> str:
        if c.generated or c.identity == "a":
            return self.field(c, optional=True, nullable=False, never=True)
        return self.field(c, optional=True, nullable=c.nullable)

    def relationships(self, indent: int, rels: tuple[Relationship, ...]) -> None:
        if not rels:
            self.emit(indent, "Relationships: []")
            return
        self.emit(indent, "Relationships: [")
        for r in rels:
            self.emit(indent + 1, "{")
            self.emit(indent + 2, f"foreignKeyName: {_js_string(r.name)}")
            self.emit(indent + 2, f"columns: [{', '.join(_js_string(c) for c in r.columns)}]")
            self.emit(indent + 2, f"isOneToOne: {'true' if r.one_to_one else 'false'}")
            self.emit(indent + 2, f"referencedRelation: {_js_string(r.referenced_relation)}")
            self.emit(indent + 2, f"referencedColumns: [{', '.join(_js_string(c) for c in r.referenced_columns)}]")
            self.emit(indent + 1, "},")
        self.emit(indent, "]")

    def functions(self, indent: int, fns: list[Function]) -> None:
        self.emit(indent, "Functions: {")
        if not fns:
            self.emit(indent + 1, "[_ in never]: never")
        by_name: dict[str, list[Function]] = {}
        for f in fns:
            by_name.setdefault(f.name, []).append(f)
        for name in sorted(by_name):
            overloads = by_name[name]
            if len(overloads) == 1:
                self.emit(indent + 1, f"{_key(name)}: {{")
                self.signature(indent + 2, overloads[0])
                self.emit(indent + 1, "}")
                continue
            self.emit(indent + 1, f"{_key(name)}:")
            for f in overloads:
                # prettier's layout of a union of object types: members under the `{`, `}` under `|`'s operand.
                self.emit(indent + 2, "| {")
                start = len(self.lines)
                self.signature(indent + 3, f)
                self.lines[start:] = ["  " + line for line in self.lines[start:]]
                self.emit(indent + 2, "  }")
        self.emit(indent, "}")

    def signature(self, indent: int, f: Function) -> None:
        args = [f"{_key(a.name)}{'?' if a.has_default else ''}: {self.ts(a.type_oid)}" for a in f.args]
        if not f.args:
            self.emit(indent, "Args: never")
        elif len("  " * indent + "Args: { " + "; ".join(args) + " }") <= WIDTH:
            self.emit(indent, "Args: { " + "; ".join(args) + " }")
        else:
            self.block(indent, "Args", args)
        if f.table:
            self.emit(indent, "Returns: {")
            for n, t in sorted(f.table):
                self.emit(indent + 1, f"{_key(n)}: {self.ts(t)}")
            self.emit(indent, "}" + ("[]" if f.returns_set else ""))
            return
        rel = self.c.row_relation(f.returns)
        if rel is not None:  # RETURNS [SETOF] a table's or view's row
            view = rel.kind in ("v", "m")
            self.block(
                indent, "Returns", [self.field(c, optional=False, nullable=view or c.nullable) for c in rel.columns]
            )
            if f.returns_set:
                self.lines[-1] += "[]"
            return
        ret = self.ts(f.returns)
        self.emit(indent, f"Returns: {ret}{'[]' if f.returns_set else ''}")

    def composites(self, indent: int, rels: list[Relation]) -> None:
        self.emit(indent, "CompositeTypes: {")
        if not rels:
            self.emit(indent + 1, "[_ in never]: never")
        for r in rels:
            self.block(indent + 1, _key(r.name), [self.field(c, optional=False, nullable=True) for c in r.columns])
        self.emit(indent, "}")

    def constants(self) -> None:
        self.lines.append("")
        self.lines.append("export const Constants = {")
        for schema in self.c.schemas:
            self.emit(1, f"{_key(schema)}: {{")
            enums = self.c.enums(schema)
            if not enums:
                self.emit(2, "Enums: {},")
            else:
                self.emit(2, "Enums: {")
                for e in enums:
                    items = [_js_string(label) for label in e.labels]
                    one = f"{_key(e.name)}: [{', '.join(items)}],"
                    if len("  " * 3 + one) <= WIDTH:
                        self.emit(3, one)
                    else:
                        self.emit(3, f"{_key(e.name)}: [")
                        for item in items:
                            self.emit(4, f"{item},")
                        self.emit(3, "],")
                self.emit(2, "},")
            self.emit(1, "},")
        self.lines.append("} as const")


def typescript(catalog: Catalog) -> str:
    return _TypeScript(catalog).render()


# The helper types Supabase's generator appends (Tables<"users">, TablesInsert<…>, Enums<…>, …).
TS_HELPERS = """
type DatabaseWithoutInternals = Omit<Database, "__InternalSupabase">

type DefaultSchema = DatabaseWithoutInternals[Extract<keyof Database, "public">]

export type Tables<
  DefaultSchemaTableNameOrOptions extends
    | keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
        DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? (DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"] &
      DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Views"])[TableName] extends {
      Row: infer R
    }
    ? R
    : never
  : DefaultSchemaTableNameOrOptions extends keyof (DefaultSchema["Tables"] & DefaultSchema["Views"])
    ? (DefaultSchema["Tables"] & DefaultSchema["Views"])[DefaultSchemaTableNameOrOptions] extends {
        Row: infer R
      }
      ? R
      : never
    : never

export type TablesInsert<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Insert: infer I
    }
    ? I
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Insert: infer I
      }
      ? I
      : never
    : never

export type TablesUpdate<
  DefaultSchemaTableNameOrOptions extends
    | keyof DefaultSchema["Tables"]
    | { schema: keyof DatabaseWithoutInternals },
  TableName extends DefaultSchemaTableNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"]
    : never = never,
> = DefaultSchemaTableNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaTableNameOrOptions["schema"]]["Tables"][TableName] extends {
      Update: infer U
    }
    ? U
    : never
  : DefaultSchemaTableNameOrOptions extends keyof DefaultSchema["Tables"]
    ? DefaultSchema["Tables"][DefaultSchemaTableNameOrOptions] extends {
        Update: infer U
      }
      ? U
      : never
    : never

export type Enums<
  DefaultSchemaEnumNameOrOptions extends
    | keyof DefaultSchema["Enums"]
    | { schema: keyof DatabaseWithoutInternals },
  EnumName extends DefaultSchemaEnumNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"]
    : never = never,
> = DefaultSchemaEnumNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[DefaultSchemaEnumNameOrOptions["schema"]]["Enums"][EnumName]
  : DefaultSchemaEnumNameOrOptions extends keyof DefaultSchema["Enums"]
    ? DefaultSchema["Enums"][DefaultSchemaEnumNameOrOptions]
    : never

export type CompositeTypes<
  PublicCompositeTypeNameOrOptions extends
    | keyof DefaultSchema["CompositeTypes"]
    | { schema: keyof DatabaseWithoutInternals },
  CompositeTypeName extends PublicCompositeTypeNameOrOptions extends {
    schema: keyof DatabaseWithoutInternals
  }
    ? keyof DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"]
    : never = never,
> = PublicCompositeTypeNameOrOptions extends {
  schema: keyof DatabaseWithoutInternals
}
  ? DatabaseWithoutInternals[PublicCompositeTypeNameOrOptions["schema"]]["CompositeTypes"][CompositeTypeName]
  : PublicCompositeTypeNameOrOptions extends keyof DefaultSchema["CompositeTypes"]
    ? DefaultSchema["CompositeTypes"][PublicCompositeTypeNameOrOptions]
    : never"""


# ---------------------------------------------------------------------------------------------
# Python: TypedDicts (Row, Insert, Update per table), Literal enums; the values psycopg returns

PY_TYPES = {
    "bool": "bool",
    **dict.fromkeys(("int2", "int4", "int8", "oid"), "int"),
    **dict.fromkeys(("float4", "float8"), "float"),
    "numeric": "Decimal",
    "json": "Json",
    "jsonb": "Json",
    **dict.fromkeys(("text", "varchar", "bpchar", "char", "name", "citext", "vector", "inet", "cidr"), "str"),
    "uuid": "UUID",
    "date": "datetime.date",
    **dict.fromkeys(("time", "timetz"), "datetime.time"),
    **dict.fromkeys(("timestamp", "timestamptz"), "datetime.datetime"),
    "interval": "datetime.timedelta",
    "bytea": "bytes",
    "void": "None",
    "record": "dict[str, Any]",
}


def _pascal(*parts: str) -> str:
    words = [w for p in parts for w in re.split(r"[^0-9A-Za-z]+", p) if w]
    name = "".join(w[:1].upper() + w[1:] for w in words) or "Unnamed"
    return name if not name[0].isdigit() else "T" + name


class _Python:
    def __init__(self, catalog: Catalog) -> None:
        self.c = catalog
        self.used: set[str] = set()
        self.taken: set[str] = {"Json"}
        self.names: dict[tuple[str, str, str], str] = {}

    def class_name(self, kind: str, schema: str, name: str, suffix: str = "") -> str:
        key = (kind, schema, name + suffix)
        if key not in self.names:
            base = _pascal("" if schema == "public" else schema, name, suffix)
            candidate, n = base, 2
            while candidate in self.taken:
                candidate, n = f"{base}{n}", n + 1
            self.taken.add(candidate)
            self.names[key] = candidate
        return self.names[key]

    def py(self, oid: int) -> str:
        t = self.c.types.get(oid)
        if t is None:
            self.used.add("Any")
            return "Any"
        if t.typtype == "d":
            return self.py(t.base)
        if t.category == "A" and t.elem:
            return f"list[{self.py(t.elem)}]"
        if t.typtype == "e":
            if t.schema in self.c.schemas:
                return self.class_name("enum", t.schema, t.name)
            self.used.add("Literal")
            return "Literal[" + ", ".join(_py_string(label) for label in t.labels) + "]"
        if t.typtype == "c" and t.standalone and t.schema in self.c.schemas:
            return self.class_name("composite", t.schema, t.name)
        out = PY_TYPES.get(t.name, "Any")
        for module in ("datetime", "Decimal", "UUID", "Any"):
            if module in out:
                self.used.add(module)
        return out

    def typed_dict(self, name: str, fields: list[tuple[str, str]], *, total: bool = True) -> list[str]:
        """A TypedDict; the functional form when a key is not an identifier (`from`, `my col`)."""
        if not fields:
            return [f"class {name}(TypedDict{'' if total else ', total=False'}):", "    pass", ""]
        if all(k.isidentifier() and not keyword.iskeyword(k) for k, _ in fields):
            head = f"class {name}(TypedDict{'' if total else ', total=False'}):"
            return [head, *(f"    {k}: {v}" for k, v in fields), ""]
        return [
            f"{name} = TypedDict(",
            f"    {_py_string(name)},",
            "    {",
            *(f"        {_py_string(k)}: {v}," for k, v in fields),
            "    },",
            *(() if total else ("    total=False,",)),
            ")",
            "",
        ]

    def col(self, c: Column, *, nullable: bool) -> str:
        t = self.py(c.type_oid)
        return f"{t} | None" if nullable else t

    def render(self) -> str:
        body: list[str] = []
        for schema in self.c.schemas:
            for e in self.c.enums(schema):
                self.used.add("Literal")
                alias = f"{self.class_name('enum', schema, e.name)}: TypeAlias = Literal["
                one_line = alias + ", ".join(_py_string(label) for label in e.labels) + "]"
                if len(one_line) <= 88:  # else one label a line, with black's magic trailing comma
                    body += [one_line, ""]
                else:
                    body += [alias, *(f"    {_py_string(label)}," for label in e.labels), "]", ""]
        for schema in self.c.schemas:
            for r in self.c.composites(schema):
                fields = [(c.name, self.col(c, nullable=True)) for c in r.columns]
                body += self.typed_dict(self.class_name("composite", schema, r.name), fields)
        for r in self.c.relations:
            if r.kind == "c":
                continue
            view = r.kind in ("v", "m")
            body.append(f"# {r.schema}.{r.name}")
            body += self.typed_dict(
                self.class_name("rel", r.schema, r.name, "Row"),
                [(c.name, self.col(c, nullable=view or c.nullable)) for c in r.columns],
            )
            if not view:
                insert = []
                for c in r.columns:
                    if c.generated or c.identity == "a":
                        continue  # cannot be inserted or updated
                    t = self.col(c, nullable=c.nullable)
                    if c.nullable or c.has_default or c.identity:
                        self.used.add("NotRequired")
                        t = f"NotRequired[{t}]"
                    insert.append((c.name, t))
                update = [
                    (c.name, self.col(c, nullable=c.nullable))
                    for c in r.columns
                    if not (c.generated or c.identity == "a")
                ]
                body += self.typed_dict(self.class_name("rel", r.schema, r.name, "Insert"), insert)
                body += self.typed_dict(self.class_name("rel", r.schema, r.name, "Update"), update, total=False)
            else:
                cols = [(c.name, self.col(c, nullable=True)) for c in r.columns if c.updatable]
                if r.insertable:
                    body += self.typed_dict(self.class_name("rel", r.schema, r.name, "Insert"), cols, total=False)
                if r.updatable:
                    body += self.typed_dict(self.class_name("rel", r.schema, r.name, "Update"), cols, total=False)
        counts: dict[tuple[str, str], int] = {}
        for f in self.c.functions:
            counts[(f.schema, f.name)] = counts.get((f.schema, f.name), 0) + 1
        seen: dict[tuple[str, str], int] = {}
        for f in self.c.functions:
            n = seen[(f.schema, f.name)] = seen.get((f.schema, f.name), 0) + 1
            label = f.name if counts[(f.schema, f.name)] == 1 else f"{f.name}_{n}"
            body.append(f"# {f.schema}.{f.name}()")
            args = []
            for a in f.args:
                t = self.py(a.type_oid)
                if a.has_default:
                    self.used.add("NotRequired")
                    t = f"NotRequired[{t}]"
                args.append((a.name, t))
            body += self.typed_dict(self.class_name("fn", f.schema, label, "Args"), args)
            if f.table:
                row = self.class_name("fn", f.schema, label, "Returns_row")
                body += self.typed_dict(row, [(n, self.py(t)) for n, t in sorted(f.table)])
                ret = f"list[{row}]" if f.returns_set else row
            else:
                rel = self.c.row_relation(f.returns)
                ret = self.class_name("rel", rel.schema, rel.name, "Row") if rel else self.py(f.returns)
                ret = f"list[{ret}]" if f.returns_set else ret
            body += [f"{self.class_name('fn', f.schema, label, 'Returns')}: TypeAlias = {ret}", ""]
        head = [
            '"""Types of the database schema, generated by `reconcile types --lang python`. Do not edit."""',
            "",
            "from __future__ import annotations",
            "",
        ]
        if "datetime" in self.used:
            head.append("import datetime")
        if "Decimal" in self.used:
            head.append("from decimal import Decimal")
        typing_names = sorted({"TypeAlias", "TypedDict"} | (self.used & {"Any", "Literal", "NotRequired"}))
        head.append(f"from typing import {', '.join(typing_names)}")
        if "UUID" in self.used:
            head.append("from uuid import UUID")
        head += [
            "",
            'Json: TypeAlias = dict[str, "Json"] | list["Json"] | str | int | float | bool | None',
            "",
        ]
        while body and body[-1] == "":
            body.pop()
        # PEP 8: two blank lines around top-level definitions.
        body = [part for line in body for part in ((line,) if line else ("", ""))]
        return "\n".join([*head, "", *body]) + "\n"


def _py_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def python(catalog: Catalog) -> str:
    return _Python(catalog).render()
