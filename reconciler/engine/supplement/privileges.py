"""Privileges: GRANT/REVOKE on tables, views, materialized views, foreign tables, their columns,
sequences, functions, procedures, aggregates, schemas, types (range and multirange types too) and
domains, and ALTER DEFAULT PRIVILEGES.

After the engine's statements: a table, view or function the engine creates or re-creates starts
from the default ACL, so its grants (and revokes of defaults, such as PUBLIC's EXECUTE on a
function) are written for every object that may have been re-created. Entries granted to an
object's owner are not compared (ownership is not managed), nor grantors. Every statement is
guarded by the ACL entries it must find. Nothing is read or written when `SchemaFilter.privileges`
is false (config `privileges: ignored`). Imports `db`, `model`, `_guard` and `_relations`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ...core.model import SchemaFilter
from ...pg.db import execute, fetch_all, query
from ...sql.guard import guarded, ident, literal, text_array
from ...sql.identifiers import quote_ident
from ..fingerprint import split_name
from . import _relations

PHASE = "post"

PUBLIC = "PUBLIC"

# An ACL entry: (grantee or PUBLIC, privilege, with grant option).
Entry = tuple[str, str, bool]

# kind -> (GRANT's object keyword, acldefault's kind, catalog, ACL column, owner column, how to find it)
_CLASSES: dict[str, tuple[str, str, str, str, str, str]] = {
    "table": ("TABLE", "r", "pg_class", "relacl", "relowner", "oid = pg_catalog.to_regclass({})"),
    "view": ("TABLE", "r", "pg_class", "relacl", "relowner", "oid = pg_catalog.to_regclass({})"),
    "materialized view": ("TABLE", "r", "pg_class", "relacl", "relowner", "oid = pg_catalog.to_regclass({})"),
    "foreign table": ("TABLE", "r", "pg_class", "relacl", "relowner", "oid = pg_catalog.to_regclass({})"),
    "sequence": ("SEQUENCE", "s", "pg_class", "relacl", "relowner", "oid = pg_catalog.to_regclass({})"),
    "function": ("FUNCTION", "f", "pg_proc", "proacl", "proowner", "oid = pg_catalog.to_regprocedure({})"),
    "procedure": ("PROCEDURE", "f", "pg_proc", "proacl", "proowner", "oid = pg_catalog.to_regprocedure({})"),
    # GRANT … ON FUNCTION takes an aggregate (as pg_dump writes it; ON AGGREGATE is no GRANT syntax)
    "aggregate": ("FUNCTION", "f", "pg_proc", "proacl", "proowner", "oid = pg_catalog.to_regprocedure({})"),
    "schema": ("SCHEMA", "n", "pg_namespace", "nspacl", "nspowner", "nspname = {}"),
    "type": ("TYPE", "T", "pg_type", "typacl", "typowner", "oid = pg_catalog.to_regtype({})"),
    "domain": ("DOMAIN", "T", "pg_type", "typacl", "typowner", "oid = pg_catalog.to_regtype({})"),
}

# pg_default_acl.defaclobjtype -> (ALTER DEFAULT PRIVILEGES' keyword, acldefault's kind)
DEFAULT_OBJTYPES = {"r": ("TABLES", "r"), "S": ("SEQUENCES", "s"), "f": ("FUNCTIONS", "f"), "T": ("TYPES", "T")}
DEFAULT_OBJTYPES["n"] = ("SCHEMAS", "n")
# The kinds of object each default applies to.
_DEFAULT_KINDS = {"r": ("table", "view", "materialized view", "foreign table"), "S": ("sequence",)}
_DEFAULT_KINDS |= {"f": ("function", "procedure", "aggregate"), "T": ("type", "domain"), "n": ("schema",)}
# A global default with no pg_default_acl row is the built-in one (acldefault without the owner).
_BUILT_IN_DEFAULTS = {"f": frozenset({(PUBLIC, "EXECUTE", False)}), "T": frozenset({(PUBLIC, "USAGE", False)})}


@dataclass(frozen=True, slots=True)
class Securable:
    """An object that carries privileges, with its ACL entries (the owner's left out)."""

    kind: str  # a key of _CLASSES, or "column"
    schema: str
    identity: str  # as GRANT names it: "s"."t", s.f(integer), "s", s.mood
    column: str | None
    definition: str  # when it changes, the engine may have re-created the object
    columns: tuple[str, ...]  # a relation's columns
    refs: tuple[str, ...]  # identities of the types, functions and relations a view or function uses
    entries: frozenset[Entry]

    @property
    def key(self) -> tuple[str, str | None]:
        return (self.identity if self.kind != "schema" else "schema " + self.identity, self.column)


DefaultKey = tuple[str | None, str | None, str]  # (role, None = the current user; schema, None = all; objtype)


@dataclass(frozen=True, slots=True)
class Snapshot:
    objects: dict[tuple[str, str | None], Securable] = field(default_factory=dict)
    defaults: dict[DefaultKey, frozenset[Entry]] = field(default_factory=dict)
    relations: dict[str, _relations.Relation] = field(default_factory=dict)
    managed: bool = False


def _entries(rows: Iterable[Any]) -> frozenset[Entry]:
    return frozenset((g, p, bool(grantable)) for g, p, grantable in rows)


def read(conn: Any, schema_filter: SchemaFilter) -> Snapshot:
    if not schema_filter.privileges:
        return Snapshot()
    objects = {}
    for kind, schema, identity, column, definition, columns, refs, entries, _ in fetch_all(conn, query("privileges")):
        name = ".".join(split_name(identity))
        if schema_filter.manages_object("column" if column else kind, schema, f"{name}.{column}" if column else name):
            s = Securable(
                kind,
                schema,
                identity,
                column,
                definition or "",
                tuple(columns or ()),
                tuple(refs or ()),
                _entries(entries),
            )
            objects[s.key] = s
    defaults = {
        (role, schema, objtype): _entries(entries)
        for role, schema, objtype, entries in fetch_all(conn, query("default_privileges"))
        if schema is None or schema_filter.manages(schema)
    }
    return Snapshot(objects, defaults, _relations.read(conn, schema_filter), managed=True)


def statements(source: Snapshot, target: Snapshot) -> tuple[str, ...]:
    """GRANT/REVOKE for every object whose privileges differ or that the engine may re-create,
    then ALTER DEFAULT PRIVILEGES … GRANT/REVOKE; each guarded by the ACL entries it must find."""
    if not (source.managed and target.managed):
        return ()
    recreated = _recreated(source, target)
    out: list[str] = []
    for key, want in sorted(target.objects.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        have = source.objects.get(key)
        if have is not None and have.kind != want.kind:
            have = None
        fresh = _created_with(source, want)  # what it holds if the engine (re-)creates it
        if have is None:
            out += _changes(want, {fresh}, want.entries)
            continue
        maybe_recreated = have.definition != want.definition or (want.kind != "schema" and want.identity in recreated)
        out += _changes(want, {have.entries, fresh} if maybe_recreated else {have.entries}, want.entries)
    for key, have in sorted(source.objects.items(), key=lambda kv: (kv[0][0], kv[0][1] or "")):
        # A column whose ACL is gone (an object that goes, goes with its privileges).
        if have.kind == "column" and key not in target.objects:
            table = target.objects.get((have.identity, None))
            if table is not None and have.column in table.columns:
                out += _changes(have, {have.entries}, frozenset())
    schemas = {o.schema for o in target.objects.values() if o.kind == "schema"}
    for default in sorted(source.defaults.keys() | target.defaults.keys(), key=_default_order):
        if default[1] is not None and default[1] not in schemas:
            continue  # the schema goes, and its default privileges with it
        out += _default_changes(default, _default(source.defaults, default), _default(target.defaults, default))
    return tuple(out)


def _recreated(source: Snapshot, target: Snapshot) -> frozenset[str]:
    """Identities of what the engine may create or re-create: objects that are new or whose
    definition changes, views it re-creates, and every view or function using one of them (an
    enum that loses a label is re-created with the functions and views over it)."""
    out = set(_relations.recreated(source.relations, target.relations))
    # Domains and composite types re-created around an enum (their definitions do not change).
    out |= {f"{quote_ident(s)}.{quote_ident(n)}" for s, n in _relations.ENGINE_RECREATED_TYPES.get()}
    for key, want in target.objects.items():
        have = source.objects.get(key)
        if want.column is None and (have is None or have.kind != want.kind or have.definition != want.definition):
            out.add(want.identity)
    users = [o for o in target.objects.values() if o.refs]
    grown = True
    while grown:
        more = {o.identity for o in users if o.identity not in out and not out.isdisjoint(o.refs)}
        out |= more
        grown = bool(more)
    return frozenset(out)


def _default_order(key: DefaultKey) -> tuple[str, str, str]:
    role, schema, objtype = key
    return (role or "", schema or "", objtype)


def _default(defaults: Mapping[DefaultKey, frozenset[Entry]], key: DefaultKey) -> frozenset[Entry]:
    if key in defaults:
        return defaults[key]
    return _BUILT_IN_DEFAULTS.get(key[2], frozenset()) if key[1] is None else frozenset()


def _created_with(source: Snapshot, obj: Securable) -> frozenset[Entry]:
    """The entries an object gets when the plan's session creates it: the built-in default, or the
    current user's global default privileges, plus those of its schema."""
    if obj.kind == "column":
        return frozenset()
    objtype = next(t for t, kinds in _DEFAULT_KINDS.items() if obj.kind in kinds)
    out = set(_default(source.defaults, (None, None, objtype)))
    if obj.kind != "schema":
        out |= source.defaults.get((None, obj.schema, objtype), frozenset())
    return frozenset(out)


def _best(entries: Iterable[Entry]) -> dict[tuple[str, str], bool]:
    """(grantee, privilege) -> with grant option."""
    out: dict[tuple[str, str], bool] = {}
    for grantee, privilege, grantable in entries:
        out[(grantee, privilege)] = out.get((grantee, privilege), False) or grantable
    return out


# --- objects -------------------------------------------------------------------------------------


def _changes(obj: Securable, haves: set[frozenset[Entry]], want: frozenset[Entry]) -> list[str]:
    """Statements taking `obj` from any of the ACLs `haves` (it holds one of them) to `want`:
    REVOKEs first, grouped by grantee, then GRANTs."""
    wanted = _best(want)
    revoke: dict[str, list[str]] = {}
    revoke_option: dict[str, list[str]] = {}
    grant: dict[tuple[str, bool], list[str]] = {}
    for have in haves:
        held = _best(have)
        for (grantee, privilege), option in sorted(held.items()):
            if (grantee, privilege) not in wanted:
                revoke.setdefault(grantee, []).append(privilege)
            elif option and not wanted[(grantee, privilege)]:
                revoke_option.setdefault(grantee, []).append(privilege)
        for (grantee, privilege), option in sorted(wanted.items()):
            if (grantee, privilege) not in held or (option and not held[(grantee, privilege)]):
                grant.setdefault((grantee, option), []).append(privilege)
    out = []
    for grantee, privileges in sorted(revoke.items()):
        out.append(_object_statement(obj, "REVOKE", grantee, _unique(privileges), option=False))
    for grantee, privileges in sorted(revoke_option.items()):
        out.append(_object_statement(obj, "REVOKE GRANT OPTION FOR", grantee, _unique(privileges), option=True))
    for (grantee, option), privileges in sorted(grant.items()):
        out.append(_object_statement(obj, "GRANT", grantee, _unique(privileges), option=option))
    return out


def _unique(items: list[str]) -> list[str]:
    return sorted(set(items))


def _role(grantee: str) -> str:
    return PUBLIC if grantee == PUBLIC else ident(grantee)


def _role_oid(grantee: str | None) -> str:
    if grantee is None:
        return "(SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = CURRENT_USER)"
    if grantee == PUBLIC:
        return "0"
    return f"(SELECT r.oid FROM pg_catalog.pg_roles r WHERE r.rolname = {literal(grantee)})"


def _acl(obj: Securable) -> str:
    """SQL for the object's ACL as the catalogs hold it when the guard runs."""
    if obj.kind == "column":
        return (
            f"(SELECT a.attacl FROM pg_catalog.pg_attribute a WHERE a.attrelid = "
            f"pg_catalog.to_regclass({literal(obj.identity)}) AND a.attname = {literal(obj.column)})"
        )
    _, acl_kind, catalog, acl, owner, where = _CLASSES[obj.kind]
    name = obj.schema if obj.kind == "schema" else obj.identity
    return (
        f"(SELECT COALESCE(o.{acl}, pg_catalog.acldefault({literal(acl_kind)}, o.{owner})) "
        f"FROM pg_catalog.{catalog} o WHERE o.{where.format(literal(name))})"
    )


def _held(acl: str, grantee: str | None, privileges: list[str], *, option: bool) -> str:
    """SQL: how many of `privileges` the ACL `acl` grants to `grantee` (with grant option if asked)."""
    grantable = " AND a.is_grantable" if option else ""
    return (
        f"(SELECT pg_catalog.count(DISTINCT a.privilege_type) FROM pg_catalog.aclexplode({acl}) a "
        f"WHERE a.grantee = {_role_oid(grantee)} AND a.privilege_type = ANY ({text_array(privileges)}){grantable})"
    )


def _object_statement(obj: Securable, action: str, grantee: str, privileges: list[str], *, option: bool) -> str:
    if obj.kind == "column":
        on = f"TABLE {obj.identity}"
        what = ", ".join(f"{p} ({ident(obj.column or '')})" for p in privileges)
    else:
        keyword = _CLASSES[obj.kind][0]
        on = f"{keyword} {obj.identity}"
        what = ", ".join(privileges)
    held = _held(_acl(obj), grantee, privileges, option=option)
    if action == "GRANT":
        suffix = " WITH GRANT OPTION" if option else ""
        return guarded(f"{held} < {len(privileges)}", f"GRANT {what} ON {on} TO {_role(grantee)}{suffix}")
    return guarded(f"{held} > 0", f"{action} {what} ON {on} FROM {_role(grantee)}")


# --- default privileges --------------------------------------------------------------------------


def _default_changes(key: DefaultKey, have: frozenset[Entry], want: frozenset[Entry]) -> list[str]:
    role, schema, objtype = key
    held, wanted = _best(have), _best(want)
    revoke: dict[tuple[str, bool], list[str]] = {}
    grant: dict[tuple[str, bool], list[str]] = {}
    for (grantee, privilege), option in sorted(held.items()):
        if (grantee, privilege) not in wanted:
            revoke.setdefault((grantee, False), []).append(privilege)
        elif option and not wanted[(grantee, privilege)]:
            revoke.setdefault((grantee, True), []).append(privilege)
    for (grantee, privilege), option in sorted(wanted.items()):
        if (grantee, privilege) not in held or (option and not held[(grantee, privilege)]):
            grant.setdefault((grantee, option), []).append(privilege)
    keyword, acl_kind = DEFAULT_OBJTYPES[objtype]
    prefix = "ALTER DEFAULT PRIVILEGES"
    if role is not None:
        prefix += f" FOR ROLE {ident(role)}"
    if schema is not None:
        prefix += f" IN SCHEMA {ident(schema)}"
    namespace = (
        "0" if schema is None else f"(SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = {literal(schema)})"
    )
    fallback = f"pg_catalog.acldefault({literal(acl_kind)}, {_role_oid(role)})" if schema is None else "NULL"
    acl = (
        f"COALESCE((SELECT d.defaclacl FROM pg_catalog.pg_default_acl d WHERE d.defaclrole = {_role_oid(role)} "
        f"AND d.defaclnamespace = {namespace} AND d.defaclobjtype = {literal(objtype)}), "
        f"{fallback}::pg_catalog.aclitem[])"
    )
    out = []
    for (grantee, option), privileges in sorted(revoke.items()):
        privs = _unique(privileges)
        action = "REVOKE GRANT OPTION FOR" if option else "REVOKE"
        ddl = f"{prefix} {action} {', '.join(privs)} ON {keyword} FROM {_role(grantee)}"
        out.append(guarded(f"{_held(acl, grantee, privs, option=option)} > 0", ddl))
    for (grantee, option), privileges in sorted(grant.items()):
        privs = _unique(privileges)
        suffix = " WITH GRANT OPTION" if option else ""
        ddl = f"{prefix} GRANT {', '.join(privs)} ON {keyword} TO {_role(grantee)}{suffix}"
        out.append(guarded(f"{_held(acl, grantee, privs, option=option)} < {len(privs)}", ddl))
    return out


def adopt_defaults(conn: Any, role: str) -> None:
    """Make `role`'s default privileges the connected user's: a copy that pg_dump restored names
    the target's user in FOR ROLE, and on scratch the proof's session is another user."""
    have = {(r, s, t): _entries(e) for r, s, t, e in fetch_all(conn, query("default_privileges"))}
    want = {k: v for k, v in have.items() if k[0] not in (role, None)}
    want |= {(None, s, t): v for (r, s, t), v in have.items() if r == role}
    for key in sorted(have.keys() | want.keys(), key=_default_order):
        for sql in _default_changes(key, _default(have, key), _default(want, key)):
            execute(conn, sql)


def adopt_multiranges(target: Any, conn: Any, schema_filter: SchemaFilter) -> None:
    """Give the multirange types of `conn` (a copy pg_dump restored) the privileges they have on
    `target`: PostgreSQL 14 to 16 let them be set apart from their range's, and pg_dump leaves
    those out. Both connections read under search_path = pg_catalog."""

    def multiranges(snapshot: Snapshot) -> Snapshot:
        # the definition starts with pg_type.typtype (privileges.sql)
        kept = {k: o for k, o in snapshot.objects.items() if o.kind == "type" and o.definition.startswith("m ")}
        return Snapshot(kept, managed=snapshot.managed)

    for sql in statements(multiranges(read(conn, schema_filter)), multiranges(read(target, schema_filter))):
        execute(conn, sql)
