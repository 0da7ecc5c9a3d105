"""Objects of the kinds migra does not know (`catalog_kinds`): aggregates, range types, rules,
operators and their classes and families, casts, conversions, text search objects, extended
statistics, foreign-data wrappers, servers, user mappings, foreign tables, procedural languages,
transforms and access methods.

Which objects exist and whether they differ comes from their catalog descriptions; how to create
one comes from pg_dump (run only on a side that has such objects: its entries are exact for every
kind and version), except languages (pg_dump prints one over a built-in handler as a bare CREATE
LANGUAGE), servers and user mappings, written here so that a secret option's value never reaches a
plan: it is read when the plan runs, from the setting the plan names (`reconcile.secret_…`, which
`apply` sets from RECONCILE_SECRET_…).

Before the engine's statements (pre): one statement drops what schema/ no longer has and what
changes and cannot change in place (dependents first: the source's dump order reversed), so that
`sql.order` moves it as a whole after the engine's drops of what uses them (an operator family goes
after them, in post). After the engine's statements (post): what is new or changed is created in
the desired dump's order; an aggregate or rule that keeps its signature is replaced in place, a
server's or user mapping's options, a statistics object's target and the grants on servers,
wrappers and languages are altered. Every statement is guarded by the object's description, read
under search_path = pg_catalog, so a re-run executes nothing. Comments are `comments`' (its query
describes these objects the same way). Imports `catalog_kinds`, `db`, `errors`, `fingerprint`,
`model`, `scratch.copy`, `sql.guard` and `_relations`.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from typing import Any

from ...core.errors import ReconcileError
from ...core.model import SchemaFilter
from ...pg.db import Dsn, fetch_all, major_of
from ...sql.guard import guarded, guarded_printing, ident, literal
from .. import catalog_kinds
from ..catalog_kinds import SECRET_OPTION, Kind
from ..fingerprint import identified_address
from ..scratch.copy import dump_schema, pg_dump_for
from . import _relations

PHASES = ("pre", "post")
ORDER = -1  # before the other post parts: comments and grants need the object


@dataclass(frozen=True, slots=True)
class Obj:
    type: str
    catalog: str
    identity: str
    schema: str | None
    description: str
    bare: str | None  # the bare name, narrowing the guard's lookup
    position: int  # pg_dump's order (dependencies first)
    create: tuple[str, ...]  # statements, in order (a secret is an expression: see `secret_setting`)
    secrets: tuple[tuple[str, str], ...] = ()  # (option, digest of its value)
    options: tuple[tuple[str, str], ...] = ()  # servers and user mappings: non-secret options
    drop: str = ""

    @property
    def key(self) -> str:
        return f"{self.type} {self.identity}"

    @property
    def kind(self) -> Kind:
        return catalog_kinds.kind_of(self.type, self.catalog)

    def state(self) -> tuple[str, tuple[tuple[str, str], ...]]:
        return (self.description, self.secrets)


class UnreadableObjects(ReconcileError):
    """pg_dump could not describe objects of these kinds."""


def read_dsn(conn: Any, dsn: Dsn, schema_filter: SchemaFilter) -> dict[str, Obj]:
    rows = [
        r
        for r in fetch_all(conn, catalog_kinds.query())
        if (r[4] is None or schema_filter.manages(r[4]))
        and (not schema_filter.by_object or schema_filter.manages_object(*identified_address(r[0], r[3])))
    ]
    if not rows:
        return {}
    entries = _dump(dsn, conn.server_version)
    mappings = _foreign_options(conn)
    entries |= _languages(conn)
    out: dict[str, Obj] = {}
    for type_, catalog, oid, identity, schema, description, classid, bare, drop, _label in rows:
        if (catalog, type_) in (("pg_foreign_server", "server"), ("pg_user_mapping", "user mapping")):
            create, options, secrets = mappings[(catalog, oid)]
            position = entries.get((classid, oid), (10**9, ()))[0] if catalog == "pg_foreign_server" else 10**9 + 1
        else:
            if (classid, oid) not in entries:
                raise UnreadableObjects(
                    f"pg_dump printed no definition for {type_} {identity}",
                    hint=f"leave it out with an object rule (exclude_objects: '{type_} …') or exclude its schema",
                )
            position, create = entries[(classid, oid)]
            options, secrets = (), ()
        obj = Obj(type_, catalog, identity, schema, description, bare, position, create, secrets, options, drop)
        out[obj.key] = obj
    return out


_TOC = re.compile(r"^-- TOC entry (\d+) \(class (\d+) OID (\d+)\)$", re.M)


def _dump(dsn: Dsn, version_num: int) -> dict[tuple[int, int], tuple[int, tuple[str, ...]]]:
    """(class oid, object oid) -> (position, its statements), from pg_dump -v's table of contents."""
    from ...sql.parse import statement_texts, without_meta_commands

    pg_dump = pg_dump_for(major_of(version_num))
    if pg_dump is None:
        raise UnreadableObjects(
            f"no pg_dump for PostgreSQL {major_of(version_num)} on this machine (aggregates, rules, operators, "
            "text search and foreign objects are read through it)",
            hint="install that version's client programs (Debian: postgresql-client), or leave these objects out "
            "with exclude_objects",
        )
    res = dump_schema(pg_dump, dsn, "--verbose", "--no-privileges", "--no-subscriptions", "--no-publications")
    if res.returncode != 0:
        raise UnreadableObjects(
            f"pg_dump failed: {res.stderr.strip()[-500:]}",
            hint="pg_dump reads these objects' definitions: give the connecting role what pg_dump needs, or leave "
            "them out with exclude_objects",
        )
    text = res.stdout
    marks = list(_TOC.finditer(text))
    out: dict[tuple[int, int], tuple[int, tuple[str, ...]]] = {}
    for i, m in enumerate(marks):
        classid, oid = int(m.group(2)), int(m.group(3))
        if not oid:
            continue
        end = marks[i + 1].start() if i + 1 < len(marks) else len(text)
        body = "\n".join(line for line in text[m.end() : end].splitlines() if not line.startswith("--"))
        statements = tuple(
            s.strip().rstrip(";")
            for s in statement_texts(without_meta_commands(body))
            if s.strip() and not re.match(r"(?is)\s*(SET\s|SELECT\s+pg_catalog\.set_config)", s)
        )
        out[(classid, oid)] = (i, statements)
    return out


def _languages(conn: Any) -> dict[tuple[int, int], tuple[int, tuple[str, ...]]]:
    """Languages, written here: pg_dump prints one whose handler is built in (PL/pgSQL's) as a bare
    CREATE LANGUAGE, which PostgreSQL then takes for an extension's name."""
    out: dict[tuple[int, int], tuple[int, tuple[str, ...]]] = {}
    for classid, oid, name, trusted, handler, inline, validator in fetch_all(
        conn,
        "SELECT l.tableoid::oid, l.oid, l.lanname, l.lanpltrusted, l.lanplcallfoid::regproc::text, "
        "NULLIF(l.laninline, 0)::regproc::text, NULLIF(l.lanvalidator, 0)::regproc::text "
        "FROM pg_language l WHERE l.oid >= 16384",
    ):
        sql = f"CREATE {'TRUSTED ' if trusted else ''}LANGUAGE {ident(name)} HANDLER {handler}"
        sql += (f" INLINE {inline}" if inline else "") + (f" VALIDATOR {validator}" if validator else "")
        out[(classid, oid)] = (-1, (sql,))  # before what is written in it
    return out


def _secret(option: str) -> bool:
    return re.search(SECRET_OPTION, option, re.I) is not None


def secret_setting(*parts: str) -> str:
    """The setting a plan reads a secret option's value from: reconcile.secret_<server>_<user>_<option>."""
    name = "_".join(re.sub(r"[^a-z0-9]+", "_", p.lower()).strip("_") for p in parts if p)
    return f"reconcile.secret_{name}"


_Options = tuple[tuple[str, str], ...]


def _foreign_options(conn: Any) -> dict[tuple[str, int], tuple[tuple[str, ...], _Options, _Options]]:
    """Servers and user mappings: their CREATE (secret values read from a setting when it runs),
    non-secret options and digests of the secret ones."""
    out: dict[tuple[str, int], tuple[tuple[str, ...], _Options, _Options]] = {}
    rows = fetch_all(
        conn,
        "SELECT 'pg_foreign_server', s.oid, s.srvname, NULL, w.fdwname, s.srvtype, s.srvversion, s.srvoptions "
        "FROM pg_foreign_server s JOIN pg_foreign_data_wrapper w ON w.oid = s.srvfdw "
        "UNION ALL SELECT 'pg_user_mapping', u.umid, u.srvname, "
        "CASE WHEN u.umuser = 0 THEN 'PUBLIC' ELSE pg_get_userbyid(u.umuser)::text END, NULL, NULL, NULL, u.umoptions "
        "FROM pg_user_mappings u",
    )
    for catalog, oid, server, user, wrapper, srvtype, version, raw in rows:
        pairs = [tuple(o.split("=", 1)) for o in raw or ()]
        options = tuple(sorted((k, v) for k, v in pairs if not _secret(k)))
        secrets = tuple(sorted((k, hashlib.sha256(v.encode()).hexdigest()) for k, v in pairs if _secret(k)))
        if catalog == "pg_foreign_server":
            head = f"CREATE SERVER {ident(server)}"
            head += f" TYPE {literal(srvtype)}" if srvtype else ""
            head += f" VERSION {literal(version)}" if version else ""
            head += f" FOREIGN DATA WRAPPER {ident(wrapper)}"
        else:
            head = f"CREATE USER MAPPING FOR {'PUBLIC' if user == 'PUBLIC' else ident(user)} SERVER {ident(server)}"
        out[(catalog, oid)] = (
            (_with_options(head, options, [k for k, _ in secrets], (server, user or "")),),
            options,
            secrets,
        )
    return out


def _with_options(head: str, options: _Options, secret_names: list[str], owner: tuple[str, str]) -> str:
    """`head OPTIONS (…)`; with secrets, a SQL *expression* building the text when it runs."""
    plain = [f"{ident(k)} {literal(v)}" for k, v in options]
    if not secret_names:
        return f"{head} OPTIONS ({', '.join(plain)})" if plain else head
    parts = [literal(head + " OPTIONS (" + ", ".join(plain) + (", " if plain else ""))]
    for i, k in enumerate(secret_names):
        setting = secret_setting(owner[0], owner[1], k)
        parts.append(literal(("" if i == 0 else ", ") + ident(k) + " "))
        parts.append(f"pg_catalog.quote_literal(pg_catalog.current_setting({literal(setting)}))")
    parts.append(literal(")"))
    return "EXPR:" + " || ".join(parts)


# --- statements -------------------------------------------------------------------------------


# Dropped after the engine's statements: an operator family goes once its classes (which an index
# the engine drops may still use) are gone.
_DROPPED_LAST = frozenset({"operator family"})


def phase_statements(phase: str, source: dict[str, Obj], target: dict[str, Obj]) -> tuple[str, ...]:
    # A range type the diff engine re-creates (around an enum, or because its own definition
    # changes while columns use it) is the engine's: renamed aside, created anew, columns re-typed.
    swapped = _relations.ENGINE_RECREATED_TYPES.get()
    source = {k: o for k, o in source.items() if not _swapped(o, swapped)}
    target = {k: o for k, o in target.items() if not _swapped(o, swapped)}
    # What uses a type the swap re-creates is dropped while the swap is to run, and created again.
    forced, pending, theirs = _relations.ENGINE_RECREATED_CATALOG.get()
    source = {k: o for k, o in source.items() if k not in theirs}
    target = {k: o for k, o in target.items() if k not in theirs}
    around = frozenset(k for k in forced if k in source and k in target) if pending else frozenset()
    if phase == "pre":
        return _drops({k: o for k, o in source.items() if o.type not in _DROPPED_LAST}, target, around, pending)
    last = {k: o for k, o in source.items() if o.type in _DROPPED_LAST}
    return _drops(last, target, around, pending) + _creates(source, target, around)


def _swapped(o: Obj, swapped: frozenset[tuple[str, str]]) -> bool:
    return o.type == "type" and o.catalog == "pg_type" and (o.schema, o.bare) in swapped


def _in_place(have: Obj, want: Obj) -> bool:
    """Can `have` become `want` without being dropped?"""
    if have.type == "aggregate":
        keep = ("args=", "returns=", "kind=", "direct=")
        return _fields(have, keep) == _fields(want, keep)
    if have.type == "rule":
        return True  # CREATE OR REPLACE RULE
    if have.type in ("server", "user mapping"):
        return _fields(have, ("wrapper=", "type=", "version=")) == _fields(want, ("wrapper=", "type=", "version="))
    if have.type in _GRANTED:  # only its privileges change
        return _without_acl(have) == _without_acl(want)
    if have.type == "statistics object":
        return have.description.rsplit(" target=", 1)[0] == want.description.rsplit(" target=", 1)[0]
    return False


# Kinds whose privileges their description holds: the keyword GRANT names them with, and the
# privileges a new one has (besides its owner's).
_GRANTED = {"server": ("FOREIGN SERVER", ""), "foreign-data wrapper": ("FOREIGN DATA WRAPPER", ""),
            "language": ("LANGUAGE", "PUBLIC=USAGE")}  # fmt: skip


def _acl_of(description: str) -> set[str]:
    acl = description.rsplit(" acl=", 1)[1] if " acl=" in description else ""
    return set(acl.split(",")) - {""}


def _without_acl(o: Obj) -> str:
    return o.description.rsplit(" acl=", 1)[0]


def _grants(o: Obj, had: set[str], differs: str) -> list[str]:
    """GRANT / REVOKE turning privileges `had` into `o`'s (each entry grantee=PRIVILEGE[*])."""
    keyword = _GRANTED[o.type][0]
    name = ident(o.identity)
    out = []
    want = _acl_of(o.description)
    for entry in sorted(had - want):
        grantee, _, privilege = entry.partition("=")
        out.append(
            guarded_printing(differs, f"REVOKE {privilege.rstrip('*')} ON {keyword} {name} FROM {grantee} CASCADE")
        )
    for entry in sorted(want - had):
        grantee, _, privilege = entry.partition("=")
        option = " WITH GRANT OPTION" if privilege.endswith("*") else ""
        out.append(guarded_printing(differs, f"GRANT {privilege.rstrip('*')} ON {keyword} {name} TO {grantee}{option}"))
    return out


def _fields(o: Obj, prefixes: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(w for w in o.description.split(" ") if w.startswith(prefixes))


def _lookup(o: Obj) -> str:
    return catalog_kinds.lookup(o.kind, literal(o.identity), literal(o.bare) if o.bare is not None else None)


def _exists(o: Obj) -> str:
    return catalog_kinds.exists(o.kind, literal(o.identity), literal(o.bare) if o.bare is not None else None)


def _drops(source: dict[str, Obj], target: dict[str, Obj], around: frozenset[str], pending: str) -> tuple[str, ...]:
    """One statement dropping what schema/ no longer has and what changes and cannot change in
    place, dependents first (so that the order the plan's other drops need moves them together).
    It runs while any of them is still there (or still the old one): a re-run finds none.
    `around`: the keys of those re-created around a swap; `pending`: SQL true while it is to run."""
    drops, needed, swapped = [], [], []
    for have in sorted(source.values(), key=lambda o: -o.position):
        want = target.get(have.key)
        if want is None:
            drops.append(have.drop)
            needed.append(_exists(have))
        elif want.state() != have.state() and not _in_place(have, want):
            drops.append(have.drop)
            needed.append(f"{_lookup(have)} IS DISTINCT FROM {literal(want.description)}")
        elif have.key in around:
            swapped.append(have.drop)
    out = (guarded_printing("\n    OR ".join(needed), ";\n".join(drops)),) if drops else ()
    # (a plain guard, which the re-run guards of what the engine drops around the swap can read;
    # the drops say IF EXISTS)
    return out + ((guarded(pending, ";\n".join(swapped)),) if swapped else ())


def _creates(source: dict[str, Obj], target: dict[str, Obj], around: frozenset[str]) -> tuple[str, ...]:
    out: list[str] = []
    for want in sorted(target.values(), key=lambda o: o.position):
        have = source.get(want.key)
        if have is not None and have.state() == want.state() and want.key not in around:
            continue
        lookup = _lookup(want)
        if have is not None and _in_place(have, want) and want.key not in around:
            out += _change(have, want, lookup)
            continue
        first, *rest = want.create
        out.append(_guard(f"NOT {_exists(want)}", first))
        # what follows the CREATE in its dump entry (mappings, options, a statistics target)
        differs = f"{lookup} IS DISTINCT FROM {literal(want.description)}"
        out += [_guard(differs, s) for s in rest]
        if want.type in _GRANTED:
            out += _grants(want, set(_GRANTED[want.type][1].split(",")) - {""}, differs)
    return tuple(out)


def _change(have: Obj, want: Obj, lookup: str) -> list[str]:
    differs = f"{lookup} IS DISTINCT FROM {literal(want.description)}"
    grants = _grants(want, _acl_of(have.description), differs) if want.type in _GRANTED else []
    if want.type != "server" and grants:
        return grants
    if want.type in ("aggregate", "rule"):
        replace = re.sub(r"(?i)^CREATE\s+(AGGREGATE|RULE)", r"CREATE OR REPLACE \1", want.create[0], count=1)
        return [guarded_printing(differs, replace)]
    if want.type == "statistics object":
        target = want.description.rsplit(" target=", 1)[1]
        value = "DEFAULT" if target == "default" else target
        stats = want.identity
        return [guarded_printing(differs, f"ALTER STATISTICS {stats} SET STATISTICS {value}")]
    # servers and user mappings: options set, added and dropped
    head = (
        f"ALTER SERVER {ident(want.identity)}"
        if want.type == "server"
        else "ALTER USER MAPPING FOR {} SERVER {}".format(*_mapping_names(want.identity))
    )
    old, new = dict(have.options), dict(want.options)
    actions = [f"DROP {ident(k)}" for k in sorted(old) if k not in new]
    actions += [f"SET {ident(k)} {literal(v)}" for k, v in sorted(new.items()) if k in old and old[k] != v]
    actions += [f"ADD {ident(k)} {literal(v)}" for k, v in sorted(new.items()) if k not in old]
    out = [guarded_printing(differs, f"{head} OPTIONS ({', '.join(actions)})")] if actions else []
    old_secrets, new_secrets = dict(have.secrets), dict(want.secrets)
    owner = (want.identity, "") if want.type == "server" else _mapping_names(want.identity, quoted=False)
    for k in sorted(set(old_secrets) | set(new_secrets)):
        if old_secrets.get(k) == new_secrets.get(k):
            continue
        current = _option_value(want, k)
        if k not in new_secrets:
            out.append(guarded_printing(f"{current} IS NOT NULL", f"{head} OPTIONS (DROP {ident(k)})"))
            continue
        verb = "SET" if k in old_secrets else "ADD"
        setting = secret_setting(owner[0], owner[1], k)
        value = f"pg_catalog.current_setting({literal(setting)})"
        expr = f"{literal(f'{head} OPTIONS ({verb} {ident(k)} ')} || pg_catalog.quote_literal({value}) || ')'"
        # the value is the one the plan is given: done once the option holds it
        out.append(_block(f"{current} IS DISTINCT FROM {value}", expr))
    return out + grants


def _option_value(o: Obj, option: str) -> str:
    """SQL: the value of `option` of server or user mapping `o` (NULL: not set). A user mapping's
    options are read from the view pg_user_mappings (the catalog is a superuser's only)."""
    source, catalog, column, oid = (
        ("pg_foreign_server", "pg_foreign_server", "srvoptions", "oid")
        if o.type == "server"
        else ("pg_user_mappings", "pg_user_mapping", "umoptions", "umid")
    )
    return (
        f"(SELECT pg_catalog.substr(opt, {len(option) + 2}) FROM pg_catalog.{source} x, "
        f"pg_catalog.unnest(x.{column}) AS opt WHERE opt LIKE {literal(option + '=%')} "
        f"AND (pg_catalog.pg_identify_object('pg_catalog.{catalog}'::pg_catalog.regclass, x.{oid}, 0)).identity "
        f"= {literal(o.identity)})"
    )


def _mapping_names(identity: str, *, quoted: bool = True) -> tuple[str, str]:
    """pg_identify_object's "USER on server SERVER" -> (user, server)."""
    user, _, server = identity.partition(" on server ")
    if not quoted:
        return (server, user)
    return ("PUBLIC" if user == "public" else ident(user), ident(server))


def _guard(needed: str, statement: str) -> str:
    """A guard (printing settings) for a constant statement, or a block running an expression (a secret)."""
    if statement.startswith("EXPR:"):
        return _block(needed, statement[len("EXPR:") :])
    return guarded_printing(needed, statement)


def _block(needed: str, expr: str) -> str:
    return guarded_printing(needed, expr, expression=True)
