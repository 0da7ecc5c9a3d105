"""Object kinds migra does not know, described from the catalogs: aggregates, range types, rules,
operators, operator classes and families, casts, conversions, text search objects, extended
statistics, foreign-data wrappers, servers, user mappings, foreign tables' server and options,
procedural languages, transforms and access methods.

One SQL description per kind serves three readers: the fingerprint (a row per object), the
supplementary part `catalog_objects` (which objects exist and differ) and that part's guards (is
this object, on the database the plan runs on, still the old one?). Descriptions are read under
search_path = pg_catalog (names print qualified), hold no OIDs, and never a secret option's value
(`SECRET_OPTION`). Imports nothing from reconciler.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Option names whose values are secrets (user mappings, servers): described as "<secret>".
SECRET_OPTION = r"(pass|secret|token|key)"


def secrets_asked(statements: tuple[str, ...]) -> tuple[str, ...]:
    """The settings (`reconcile.secret_…`) these statements read a secret option's value from."""
    return tuple(sorted({m for s in statements for m in re.findall(r"reconcile\.secret_[a-z0-9_]+", s)}))


@dataclass(frozen=True, slots=True)
class Kind:
    type: str  # pg_identify_object's type
    catalog: str
    source: str  # FROM … (the object's catalog row is `x`)
    name: str  # the bare name column (narrows a guard's lookup; '' for none)
    schema: str | None  # the namespace OID expression; None: not in a schema
    description: str  # SQL text (search_path = pg_catalog)
    drop: str  # SQL text: the DROP statement for `x`
    where: str = "TRUE"
    label: str = "o.identity"  # SQL text: the name fingerprint.sql gives it, if it lists the kind


def _qualified(catalog: str, name: str, nsp: str, ref: str) -> str:
    """Schema-qualified name of the `catalog` row whose oid is `ref` (NULL for 0)."""
    return (
        f"(SELECT quote_ident(n.nspname) || '.' || quote_ident(o.{name}) FROM {catalog} o "
        f"JOIN pg_namespace n ON n.oid = o.{nsp} WHERE o.oid = {ref})"
    )


def _options(column: str) -> str:
    """An options array (key=value), sorted, with secret values masked."""
    return (
        f"array_to_string(ARRAY(SELECT CASE WHEN split_part(opt, '=', 1) ~* '{SECRET_OPTION}' "
        f"THEN split_part(opt, '=', 1) || '=<secret>' ELSE opt END FROM unnest({column}) AS opt ORDER BY 1), ',')"
    )


def _acl(column: str, kind: str, owner: str) -> str:
    """Privileges granted to others than the owner (who differs between scratch and target):
    grantee=PRIVILEGE[*], sorted; the built-in default when none were granted."""
    return (
        "COALESCE((SELECT string_agg(g.entry, ',' ORDER BY g.entry) FROM (SELECT CASE a.grantee WHEN 0 THEN 'PUBLIC' "
        "ELSE quote_ident(pg_get_userbyid(a.grantee)) END || '=' || a.privilege_type || "
        "CASE WHEN a.is_grantable THEN '*' ELSE '' END AS entry "
        f"FROM aclexplode(COALESCE({column}, acldefault('{kind}', {owner}))) a WHERE a.grantee <> {owner}) g), '')"
    )


def _members(owner_catalog: str) -> str:
    """Operators and support functions of `x` (an operator family or class) that depend on it."""
    return (
        "concat_ws(' ', 'operators=' || (SELECT string_agg(concat_ws(':', ao.amopstrategy, ao.amoplefttype::regtype, "
        "ao.amoprighttype::regtype, ao.amopopr::regoperator, ao.amoppurpose::text, "
        f"{_qualified('pg_opfamily', 'opfname', 'opfnamespace', 'ao.amopsortfamily')}), ',' ORDER BY 1) "
        "FROM pg_amop ao JOIN pg_depend d ON d.classid = 'pg_amop'::regclass AND d.objid = ao.oid "
        f"WHERE d.refclassid = '{owner_catalog}'::regclass AND d.refobjid = x.oid), "
        "'functions=' || (SELECT string_agg(concat_ws(':', ap.amprocnum, ap.amproclefttype::regtype, "
        "ap.amprocrighttype::regtype, ap.amproc::regprocedure), ',' ORDER BY 1) "
        "FROM pg_amproc ap JOIN pg_depend d ON d.classid = 'pg_amproc'::regclass AND d.objid = ap.oid "
        f"WHERE d.refclassid = '{owner_catalog}'::regclass AND d.refobjid = x.oid))"
    )


KINDS: tuple[Kind, ...] = (
    Kind(
        "aggregate",
        "pg_proc",
        "pg_proc x JOIN pg_aggregate a ON a.aggfnoid = x.oid",
        "proname",
        "x.pronamespace",
        "concat_ws(' ', 'args=' || pg_get_function_arguments(x.oid), 'returns=' || x.prorettype::regtype, "
        "'kind=' || a.aggkind::text, 'direct=' || a.aggnumdirectargs, 'sfunc=' || a.aggtransfn::regproc, "
        "'stype=' || a.aggtranstype::regtype, 'sspace=' || a.aggtransspace, 'final=' || a.aggfinalfn::regproc, "
        "'final_extra=' || a.aggfinalextra, 'final_modify=' || a.aggfinalmodify::text, "
        "'combine=' || a.aggcombinefn::regproc, 'serial=' || a.aggserialfn::regproc, "
        "'deserial=' || a.aggdeserialfn::regproc, 'msfunc=' || a.aggmtransfn::regproc, "
        "'minvfunc=' || a.aggminvtransfn::regproc, 'mstype=' || a.aggmtranstype::regtype, "
        "'msspace=' || a.aggmtransspace, 'mfinal=' || a.aggmfinalfn::regproc, 'mfinal_extra=' || a.aggmfinalextra, "
        "'mfinal_modify=' || a.aggmfinalmodify::text, 'initcond=' || quote_literal(a.agginitval), "
        "'minitcond=' || quote_literal(a.aggminitval), 'sortop=' || a.aggsortop::regoperator, "
        "'parallel=' || x.proparallel::text)",
        "'DROP ROUTINE IF EXISTS ' || x.oid::regprocedure::text",
        "x.prokind = 'a'",
        "quote_ident(n.nspname) || '.' || quote_ident(x.proname) || '(' || pg_get_function_identity_arguments(x.oid) || ')'",
    ),
    Kind(
        "type",
        "pg_type",
        "pg_type x JOIN pg_range r ON r.rngtypid = x.oid",
        "typname",
        "x.typnamespace",
        "concat_ws(' ', 'range subtype=' || r.rngsubtype::regtype, "
        f"'opclass=' || {_qualified('pg_opclass', 'opcname', 'opcnamespace', 'r.rngsubopc')}, "
        "'collation=' || CASE WHEN r.rngcollation <> 0 THEN r.rngcollation::regcollation::text END, "
        "'canonical=' || r.rngcanonical::regproc, 'subtype_diff=' || r.rngsubdiff::regproc, "
        "'multirange=' || r.rngmultitypid::regtype)",
        "'DROP TYPE IF EXISTS ' || x.oid::regtype::text",
        label="quote_ident(n.nspname) || '.' || quote_ident(x.typname)",
    ),
    Kind(
        "rule",
        "pg_rewrite",
        "pg_rewrite x JOIN pg_class rc ON rc.oid = x.ev_class",
        "rulename",
        "rc.relnamespace",
        "pg_get_ruledef(x.oid) || ' enabled=' || x.ev_enabled::text",
        "'DROP RULE IF EXISTS ' || quote_ident(x.rulename) || ' ON ' || x.ev_class::regclass::text",
        "x.rulename <> '_RETURN'",
        # named as the fingerprint names a table's parts: table.rule
        "x.ev_class::regclass::text || '.' || quote_ident(x.rulename)",
    ),
    Kind(
        "operator",
        "pg_operator",
        "pg_operator x",
        "oprname",
        "x.oprnamespace",
        "concat_ws(' ', 'left=' || x.oprleft::regtype, 'right=' || x.oprright::regtype, "
        "'result=' || x.oprresult::regtype, 'function=' || x.oprcode::regproc, "
        "'commutator=' || CASE WHEN x.oprcom <> 0 THEN x.oprcom::regoperator::text END, "
        "'negator=' || CASE WHEN x.oprnegate <> 0 THEN x.oprnegate::regoperator::text END, "
        "'restrict=' || x.oprrest::regproc, 'join=' || x.oprjoin::regproc, "
        "'merges=' || x.oprcanmerge, 'hashes=' || x.oprcanhash)",
        "'DROP OPERATOR IF EXISTS ' || x.oid::regoperator::text",
        # a shell (named as another's commutator or negator before it is created) is not one yet
        "x.oprcode <> 0",
    ),
    Kind(
        "operator family",
        "pg_opfamily",
        "pg_opfamily x JOIN pg_am am ON am.oid = x.opfmethod",
        "opfname",
        "x.opfnamespace",
        f"concat_ws(' ', 'using=' || am.amname, {_members('pg_opfamily')})",
        "'DROP OPERATOR FAMILY IF EXISTS ' || (SELECT quote_ident(n.nspname) FROM pg_namespace n WHERE n.oid = x.opfnamespace) || '.' || quote_ident(x.opfname) || ' USING ' || quote_ident(am.amname)",
    ),
    Kind(
        "operator class",
        "pg_opclass",
        "pg_opclass x JOIN pg_am am ON am.oid = x.opcmethod",
        "opcname",
        "x.opcnamespace",
        "concat_ws(' ', 'using=' || am.amname, 'for=' || x.opcintype::regtype, 'default=' || x.opcdefault, "
        f"'family=' || {_qualified('pg_opfamily', 'opfname', 'opfnamespace', 'x.opcfamily')}, "
        "'storage=' || CASE WHEN x.opckeytype <> 0 THEN x.opckeytype::regtype::text END, "
        f"{_members('pg_opclass')})",
        "'DROP OPERATOR CLASS IF EXISTS ' || (SELECT quote_ident(n.nspname) FROM pg_namespace n WHERE n.oid = x.opcnamespace) || '.' || quote_ident(x.opcname) || ' USING ' || quote_ident(am.amname)",
    ),
    Kind(
        "cast",
        "pg_cast",
        "pg_cast x",
        "",
        None,
        "concat_ws(' ', 'function=' || CASE WHEN x.castfunc <> 0 THEN x.castfunc::regprocedure::text END, "
        "'context=' || x.castcontext::text, 'method=' || x.castmethod::text)",
        "'DROP CAST IF EXISTS (' || x.castsource::regtype::text || ' AS ' || x.casttarget::regtype::text || ')'",
    ),
    Kind(
        "conversion",
        "pg_conversion",
        "pg_conversion x",
        "conname",
        "x.connamespace",
        "concat_ws(' ', 'from=' || pg_encoding_to_char(x.conforencoding), "
        "'to=' || pg_encoding_to_char(x.contoencoding), 'function=' || x.conproc::regproc, "
        "'default=' || x.condefault)",
        "'DROP CONVERSION IF EXISTS ' || (SELECT quote_ident(n.nspname) FROM pg_namespace n WHERE n.oid = x.connamespace) || '.' || quote_ident(x.conname)",
    ),
    Kind(
        "text search parser",
        "pg_ts_parser",
        "pg_ts_parser x",
        "prsname",
        "x.prsnamespace",
        "concat_ws(' ', 'start=' || x.prsstart::regproc, 'gettoken=' || x.prstoken::regproc, "
        "'end=' || x.prsend::regproc, 'lextypes=' || x.prslextype::regproc, 'headline=' || x.prsheadline::regproc)",
        "'DROP TEXT SEARCH PARSER IF EXISTS ' || (SELECT quote_ident(n.nspname) FROM pg_namespace n WHERE n.oid = x.prsnamespace) || '.' || quote_ident(x.prsname)",
    ),
    Kind(
        "text search template",
        "pg_ts_template",
        "pg_ts_template x",
        "tmplname",
        "x.tmplnamespace",
        "concat_ws(' ', 'init=' || x.tmplinit::regproc, 'lexize=' || x.tmpllexize::regproc)",
        "'DROP TEXT SEARCH TEMPLATE IF EXISTS ' || (SELECT quote_ident(n.nspname) FROM pg_namespace n WHERE n.oid = x.tmplnamespace) || '.' || quote_ident(x.tmplname)",
    ),
    Kind(
        "text search dictionary",
        "pg_ts_dict",
        "pg_ts_dict x",
        "dictname",
        "x.dictnamespace",
        f"concat_ws(' ', 'template=' || {_qualified('pg_ts_template', 'tmplname', 'tmplnamespace', 'x.dicttemplate')}, "
        "'options=' || x.dictinitoption)",
        "'DROP TEXT SEARCH DICTIONARY IF EXISTS ' || (SELECT quote_ident(n.nspname) FROM pg_namespace n WHERE n.oid = x.dictnamespace) || '.' || quote_ident(x.dictname)",
    ),
    Kind(
        "text search configuration",
        "pg_ts_config",
        "pg_ts_config x",
        "cfgname",
        "x.cfgnamespace",
        f"concat_ws(' ', 'parser=' || {_qualified('pg_ts_parser', 'prsname', 'prsnamespace', 'x.cfgparser')}, "
        "'mappings=' || (SELECT string_agg(m.maptokentype || ':' || m.mapseqno || ':' || m.mapdict::regdictionary, ',' "
        "ORDER BY m.maptokentype, m.mapseqno) FROM pg_ts_config_map m WHERE m.mapcfg = x.oid))",
        "'DROP TEXT SEARCH CONFIGURATION IF EXISTS ' || (SELECT quote_ident(n.nspname) FROM pg_namespace n WHERE n.oid = x.cfgnamespace) || '.' || quote_ident(x.cfgname)",
    ),
    Kind(
        "statistics object",
        "pg_statistic_ext",
        "pg_statistic_ext x",
        "stxname",
        "x.stxnamespace",
        # PostgreSQL 17 made the default target NULL (it was -1)
        "pg_get_statisticsobjdef(x.oid) || ' target=' || COALESCE(NULLIF(x.stxstattarget::int, -1)::text, 'default')",
        "'DROP STATISTICS IF EXISTS ' || (SELECT quote_ident(n.nspname) FROM pg_namespace n WHERE n.oid = x.stxnamespace) || '.' || quote_ident(x.stxname)",
    ),
    Kind(
        "foreign-data wrapper",
        "pg_foreign_data_wrapper",
        "pg_foreign_data_wrapper x",
        "fdwname",
        None,
        "concat_ws(' ', 'handler=' || x.fdwhandler::regproc, 'validator=' || x.fdwvalidator::regproc, "
        f"'options=' || {_options('x.fdwoptions')}, 'acl=' || {_acl('x.fdwacl', 'F', 'x.fdwowner')})",
        "'DROP FOREIGN DATA WRAPPER IF EXISTS ' || quote_ident(x.fdwname)",
    ),
    Kind(
        "server",
        "pg_foreign_server",
        "pg_foreign_server x JOIN pg_foreign_data_wrapper w ON w.oid = x.srvfdw",
        "srvname",
        None,
        "concat_ws(' ', 'wrapper=' || quote_ident(w.fdwname), 'type=' || quote_literal(x.srvtype), "
        f"'version=' || quote_literal(x.srvversion), 'options=' || {_options('x.srvoptions')}, "
        f"'acl=' || {_acl('x.srvacl', 'S', 'x.srvowner')})",
        "'DROP SERVER IF EXISTS ' || quote_ident(x.srvname)",
    ),
    Kind(
        "user mapping",
        "pg_user_mapping",
        # the view: the catalog is a superuser's only (options show to the mapping's owners)
        "(SELECT um.umid AS oid, 'pg_user_mapping'::regclass::oid AS tableoid, um.umuser, um.srvid AS umserver, "
        "um.umoptions FROM pg_user_mappings um) x",
        "",
        None,
        f"'options=' || {_options('x.umoptions')}",
        "'DROP USER MAPPING IF EXISTS FOR ' || CASE WHEN x.umuser = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(x.umuser)) END || ' SERVER ' || (SELECT quote_ident(s.srvname) FROM pg_foreign_server s WHERE s.oid = x.umserver)",
    ),
    Kind(
        "foreign table",
        "pg_class",
        "pg_class x JOIN pg_foreign_table ft ON ft.ftrelid = x.oid JOIN pg_foreign_server s ON s.oid = ft.ftserver",
        "relname",
        "x.relnamespace",
        f"concat_ws(' ', 'server=' || quote_ident(s.srvname), 'options=' || {_options('ft.ftoptions')}, "
        "'columns=' || (SELECT string_agg(quote_ident(at.attname) || '(' || "
        f"{_options('at.attfdwoptions')} || ')', ',' ORDER BY at.attname) FROM pg_attribute at "
        "WHERE at.attrelid = x.oid AND at.attnum > 0 AND NOT at.attisdropped AND at.attfdwoptions IS NOT NULL))",
        "'DROP FOREIGN TABLE IF EXISTS ' || x.oid::regclass::text",
    ),
    Kind(
        "language",
        "pg_language",
        "pg_language x",
        "lanname",
        None,
        "concat_ws(' ', 'trusted=' || x.lanpltrusted, 'handler=' || x.lanplcallfoid::regproc, "
        "'inline=' || x.laninline::regproc, 'validator=' || x.lanvalidator::regproc, "
        f"'acl=' || {_acl('x.lanacl', 'l', 'x.lanowner')})",
        "'DROP LANGUAGE IF EXISTS ' || quote_ident(x.lanname)",
    ),
    Kind(
        "transform",
        "pg_transform",
        "pg_transform x",
        "",
        None,
        "concat_ws(' ', 'from_sql=' || x.trffromsql::regproc, 'to_sql=' || x.trftosql::regproc)",
        "'DROP TRANSFORM IF EXISTS FOR ' || x.trftype::regtype::text || ' LANGUAGE ' || (SELECT quote_ident(l.lanname) FROM pg_language l WHERE l.oid = x.trflang)",
    ),
    Kind(
        "access method",
        "pg_am",
        "pg_am x",
        "amname",
        None,
        "concat_ws(' ', 'type=' || x.amtype::text, 'handler=' || x.amhandler::regproc)",
        "'DROP ACCESS METHOD IF EXISTS ' || quote_ident(x.amname)",
    ),
)

BY_TYPE = {k.type: k for k in KINDS if k.type != "type"}


def _user_object(k: Kind) -> str:
    """A user's own object: not built in, not an extension's (nor a member of one)."""
    return (
        f"x.oid >= 16384 AND NOT EXISTS (SELECT FROM pg_depend e WHERE e.classid = '{k.catalog}'::regclass "
        "AND e.objid = x.oid AND e.deptype IN ('e', 'i'))"
    )


def _select(k: Kind, where: str) -> str:
    schema = f"(SELECT n.nspname FROM pg_namespace n WHERE n.oid = {k.schema})" if k.schema else "NULL::name"
    return (
        f"SELECT '{k.type}'::text AS type, '{k.catalog}'::text AS catalog, x.oid, o.identity, {schema} AS schema, "
        f"({k.description})::text AS description, x.tableoid::oid AS classid, "
        f"{f'x.{k.name}::text' if k.name else 'NULL::text'} AS bare, ({k.drop})::text AS drop, "
        f"{k.label} AS label FROM {k.source} "
        f"CROSS JOIN LATERAL pg_identify_object('{k.catalog}'::regclass, x.oid, 0) o "
        + (f"LEFT JOIN pg_namespace n ON n.oid = {k.schema} " if k.schema else "")
        + f"WHERE {k.where} AND {_user_object(k)} AND {where}"
    )


def query() -> str:
    """Every object of these kinds: (type, catalog, oid, identity, schema, description, classid,
    bare name, DROP statement, the name fingerprint.sql gives it).
    The caller filters by schema; run under search_path = pg_catalog."""
    return "\nUNION ALL\n".join(_select(k, "TRUE") for k in KINDS) + "\nORDER BY 1, 4"


def kind_of(type_: str, catalog: str) -> Kind:
    return next(k for k in KINDS if k.type == type_ and k.catalog == catalog)


def exists(k: Kind, identity_literal: str, bare_literal: str | None) -> str:
    """SQL: whether the object `identity` of kind `k` exists (search_path = pg_catalog)."""
    narrowed = f"x.{k.name} = {bare_literal}" if k.name and bare_literal is not None else "TRUE"
    return (
        f"EXISTS (SELECT FROM {k.source} WHERE {k.where} AND {narrowed} "
        f"AND (pg_identify_object('{k.catalog}'::regclass, x.oid, 0)).identity = {identity_literal})"
    )


def lookup(k: Kind, identity_literal: str, bare_literal: str | None) -> str:
    """SQL: the description of the object `identity` of kind `k` (NULL while it does not exist).
    Runs under search_path = pg_catalog (see `sql.guard.guarded_printing`)."""
    narrowed = f"x.{k.name} = {bare_literal}" if k.name and bare_literal is not None else "TRUE"
    return (
        f"(SELECT ({k.description})::text FROM {k.source} WHERE {k.where} AND {narrowed} "
        f"AND (pg_identify_object('{k.catalog}'::regclass, x.oid, 0)).identity = {identity_literal} LIMIT 1)"
    )
