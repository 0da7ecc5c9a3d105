"""Frozen values shared by every layer: schema filters, fingerprints, plans, results.

Imports nothing from the package but `errors`; holds no behaviour beyond small derivations.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from fnmatch import fnmatchcase
from pathlib import Path
from typing import Any

from .errors import EXIT_CHANGES, EXIT_ERROR, EXIT_OK, EXIT_OUT_OF_BAND

# How every inspecting session prints names, types and times, whatever the server's defaults:
# catalogs read (fingerprints, the diff) and definitions compared by a re-run guard print alike.
PRINT_SETTINGS = (("search_path", "pg_catalog"), ("TimeZone", "UTC"), ("DateStyle", "ISO, MDY"))
# The suffix of the name an enum (and a domain or composite type holding it) is renamed to while
# it is created anew (migra's): what still uses the old version keeps it from being dropped.
OLD_SUFFIX = "__old_version_to_be_dropped"

# The tool's own schema (history), its archive of dropped tables and columns (reconciler/engine/archive.py)
# and PostgreSQL's system schemas are never diffed, fingerprinted or reported.
TOOL_SCHEMA = "reconcile"
ARCHIVE_SCHEMA = "reconcile_archive"
SYSTEM_SCHEMAS = ("pg_catalog", "information_schema", "pg_toast", TOOL_SCHEMA, ARCHIVE_SCHEMA)


# Kinds an object rule can name (as the fingerprint names them), and the families a rule may use.
RULE_KINDS = (
    "schema", "extension", "table", "foreign table", "view", "materialized view", "sequence", "index",
    "constraint", "trigger", "policy", "function", "procedure", "aggregate", "enum", "domain",
    "composite type", "range type", "collation", "publication", "event trigger",
    # catalog_objects' kinds (pg_identify_object's names)
    "rule", "operator", "operator class", "operator family", "cast", "conversion", "text search configuration",
    "text search dictionary", "text search parser", "text search template", "statistics object",
    "foreign-data wrapper", "server", "user mapping", "language", "transform", "access method",
)  # fmt: skip
KIND_FAMILIES = {
    "*": frozenset(RULE_KINDS),  # every kind, listed or not
    "type": frozenset({"type", "enum", "domain", "composite type", "range type", "multirange type"}),
    "routine": frozenset({"function", "procedure", "aggregate"}),
    "relation": frozenset({"table", "foreign table", "view", "materialized view", "sequence"}),
}
# Parts named "<schema>.<table>.<name>": a rule on the table covers them.
TABLE_PARTS = ("column", "constraint", "index", "trigger", "policy", "rule")


@dataclass(frozen=True, slots=True)
class ObjectRule:
    """`KIND PATTERN`: objects of KIND (a kind, a family or `*`) whose unquoted dotted name
    (`schema.name`, `schema.table.name` for table parts, `schema.f(argtypes)` for routines)
    matches the glob PATTERN (fnmatch: `*`, `?`, `[…]`; case-sensitive)."""

    kind: str
    pattern: str

    def matches(self, kind: str, name: str) -> bool:
        kinds = KIND_FAMILIES.get(self.kind, frozenset({self.kind}))
        return (self.kind == "*" or kind in kinds) and fnmatchcase(name, self.pattern)

    def __str__(self) -> str:
        return f"{self.kind} {self.pattern}"

    @classmethod
    def parse(cls, text: str) -> ObjectRule:
        """`"trigger auth.users.*"`, `"materialized view public.mv_*"`; a lone pattern means any kind."""
        kind, _, pattern = text.strip().rpartition(" ")
        return cls(" ".join(kind.split()) or "*", pattern)


@dataclass(frozen=True, slots=True)
class SchemaFilter:
    """What is managed: `include` schemas (empty = all) minus `exclude` minus system schemas,
    minus objects matching `exclude_objects`, plus objects in excluded schemas matching
    `include_objects` (e.g. `trigger auth.users.*`: a user's triggers on Supabase's auth.users)."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    privileges: bool = True  # grants, revokes and default privileges are diffed (config `privileges`)
    exclude_objects: tuple[ObjectRule, ...] = ()
    include_objects: tuple[ObjectRule, ...] = ()

    def manages(self, schema: str | None) -> bool:
        if schema is None:
            return True
        if is_system_schema(schema):
            return False
        if self.include and schema not in self.include:
            return False
        return schema not in self.exclude

    def manages_object(self, kind: str, schema: str | None, name: str) -> bool:
        """Whether one object is managed; `name` unquoted and dotted, as `ObjectRule` matches it."""
        table = name.rsplit(".", 1)[0] if kind in TABLE_PARTS else None
        for rule in self.exclude_objects:
            if rule.matches(kind, name) or (table is not None and rule.matches("table", table)):
                return False
        if self.manages(schema):
            return True
        return (
            schema is not None
            and not is_system_schema(schema)
            and any(r.matches(kind, name) for r in self.include_objects)
        )

    def excludes(self, kind: str, schema: str | None, name: str) -> bool:
        """Whether an `exclude_objects` rule names this object (or its table)."""
        del schema
        table = name.rsplit(".", 1)[0] if kind in TABLE_PARTS else None
        return any(
            r.matches(kind, name) or (table is not None and r.matches("table", table)) for r in self.exclude_objects
        )

    @property
    def by_object(self) -> bool:
        """Whether rules finer than schemas apply (callers then filter object by object)."""
        return bool(self.exclude_objects or self.include_objects)

    def read_schemas(self) -> tuple[tuple[str, ...], tuple[str, ...]]:
        """(include, exclude) for catalog queries: schemas holding any managed object."""
        extra = {r.pattern.split(".", 1)[0] for r in self.include_objects}
        if any(ch in s for s in extra for ch in "*?["):
            return (), ()  # a schema pattern: read them all, filter object by object
        include = tuple(sorted({*self.include, *extra})) if self.include else ()
        return include, tuple(s for s in self.exclude if s not in extra)

    def as_dict(self) -> dict[str, list[str]]:
        out = {"include_schemas": list(self.include), "exclude_schemas": list(self.exclude)}
        if self.exclude_objects:
            out["exclude_objects"] = [str(r) for r in self.exclude_objects]
        if self.include_objects:
            out["include_objects"] = [str(r) for r in self.include_objects]
        return out


def is_system_schema(schema: str) -> bool:
    """pg_catalog, information_schema, the tool's own and temporary/toast schemas."""
    return schema in SYSTEM_SCHEMAS or schema.startswith("pg_temp") or schema.startswith("pg_toast")


@dataclass(frozen=True, slots=True)
class ObjectDef:
    """One managed object in canonical form: e.g. ("table", "public.users", "...")."""

    kind: str
    name: str
    definition: str

    @property
    def key(self) -> tuple[str, str]:
        return (self.kind, self.name)


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """A stable hash of a database's managed schema plus the objects it was computed from."""

    digest: str
    objects: tuple[ObjectDef, ...] = field(repr=False)

    def by_key(self) -> dict[tuple[str, str], ObjectDef]:
        return {o.key: o for o in self.objects}


@dataclass(frozen=True, slots=True)
class ObjectChange:
    """How one object differs between two fingerprints."""

    kind: str
    name: str
    change: str  # "added" (only in desired), "removed" (only in target), "changed"
    before: str | None
    after: str | None
    location: str | None = None  # schema/<file>:<line> when the desired side declares it


@dataclass(frozen=True, slots=True)
class SourceStatement:
    """One statement of schema/ (or the prelude), with where it came from."""

    path: Path
    display: str  # path as shown to humans, relative to the project root
    line: int
    col: int
    text: str
    transactional: bool = True


@dataclass(frozen=True, slots=True)
class RenameHint:
    """`-- reconcile:renamed-from OLD` before a definition in schema/: rename instead of drop + add."""

    kind: str  # table, view, materialized view, index, type, column, constraint, enum value
    schema: str
    parent: str | None  # the table of a column/constraint, the type of an enum label
    new: str
    old: str
    offset: int  # character offset of the hint in its file
    where: str = ""  # schema/<file>:<line>:<col>, filled in by the loader


@dataclass(frozen=True, slots=True)
class SchemaSource:
    """Everything loaded from disk to build a scratch database."""

    prelude: tuple[SourceStatement, ...]
    statements: tuple[SourceStatement, ...]
    files: tuple[str, ...]
    digest: str
    renames: tuple[RenameHint, ...] = ()


# Typed hazards: what a statement risks on a live database (reconciler/sql/hazards.py decides).
HAZARD_KINDS = (
    "DELETES_DATA",  # rows or values are gone (DROP TABLE, DROP COLUMN, a narrowing type change)
    "TABLE_REWRITE",  # the table is rewritten under ACCESS EXCLUSIVE (some type changes, volatile defaults)
    "ACCESS_EXCLUSIVE_LOCK",  # blocks every read and write of an existing table while it runs
    "VALIDATES_EXISTING_ROWS",  # scans the rows (SET NOT NULL, CHECK/FK without NOT VALID, UNIQUE)
    "INDEX_BUILD",  # builds an index on an existing table without CONCURRENTLY (blocks writes)
    "ENUM_RECREATE",  # a type is re-created and every column using it re-typed
    "AUTHZ_CHANGE",  # who may read or write changes: RLS off, policies, grants and revokes
    "EXTENSION_VERSION_CHANGE",  # an extension is updated or dropped
    "UNTRACKABLE_DEPENDENCY",  # a function body may use what changes; PostgreSQL cannot tell
)
# Policy levels per kind (reconcile.yaml `hazards:`); data-deleting and authz kinds stop a plan.
HAZARD_LEVELS = ("error", "warn", "allow")
DEFAULT_HAZARD_POLICY = {k: "error" if k in ("DELETES_DATA", "AUTHZ_CHANGE") else "warn" for k in HAZARD_KINDS}


@dataclass(frozen=True, slots=True)
class Hazard:
    """One hazard of one planned statement: its kind, a one-line reason, and rows affected if known."""

    kind: str
    reason: str
    rows: int | None = None

    def describe(self) -> str:
        rows = f" (~{self.rows:,} rows)" if self.rows else ""
        return f"{self.kind}: {self.reason}{rows}"


@dataclass(frozen=True, slots=True)
class PlannedStatement:
    sql: str
    transactional: bool = True
    hazards: tuple[Hazard, ...] = ()


@dataclass(frozen=True, slots=True)
class PlanHeader:
    """The machine-readable header of a plan file (format version 1)."""

    format: int
    kind: str  # "forward" or "rollback"
    name: str
    created_at: str
    tool_version: str
    engine: str
    server_version: str
    schema_digest: str
    expects_fingerprint: str
    produces_fingerprint: str
    statement_count: int
    destructive: tuple[str, ...]
    allow_destructive: bool
    include_schemas: tuple[str, ...]
    exclude_schemas: tuple[str, ...]
    lossy: tuple[str, ...] = ()  # what this plan loses that running its rollback cannot bring back
    archived: tuple[str, ...] = ()  # dropped tables and columns kept in reconcile_archive (rollback restores them)
    proof: str = "skipped"  # "passed (...)" once replayed on scratch; "skipped" with --skip-proof
    cannot_restore: tuple[str, ...] = ()  # rollback only: data the forward plan lost for good
    unmodeled: tuple[str, ...] = ()  # objects of kinds the diff cannot express (--allow-unmodeled)
    unmanaged: tuple[str, ...] = ()  # such objects identical on both sides: unmanaged, unchanged
    hazards: tuple[dict[str, Any], ...] = ()  # {statement (1-based), kind, reason, rows}
    allowed_hazards: tuple[str, ...] = ()  # kinds allowed when the plan was made (--allow-hazards)
    privileges: bool = True  # whether grants were managed (config `privileges`)
    exclude_objects: tuple[str, ...] = ()  # object rules, "KIND PATTERN"
    include_objects: tuple[str, ...] = ()
    online: bool = False  # existing tables changed online (config `online`): CONCURRENTLY, NOT VALID + VALIDATE
    # "unavailable": the rollback failed its proof and was not written (plan --allow-unproven-rollback,
    # `rollback_reason` says where); apply then needs --backup DIR or --allow-unproven-rollback.
    rollback: str = "available"
    rollback_reason: str = ""
    checksum: str = ""

    @property
    def rollback_available(self) -> bool:
        return self.rollback != "unavailable"

    @property
    def schema_filter(self) -> SchemaFilter:
        return SchemaFilter(
            self.include_schemas,
            self.exclude_schemas,
            self.privileges,
            tuple(ObjectRule.parse(r) for r in self.exclude_objects),
            tuple(ObjectRule.parse(r) for r in self.include_objects),
        )


@dataclass(frozen=True, slots=True)
class Plan:
    """A complete, immutable plan: header, summary lines and ordered statements."""

    header: PlanHeader
    summary: tuple[str, ...]
    statements: tuple[PlannedStatement, ...]


@dataclass(frozen=True, slots=True)
class PlanResult:
    """What `reconcile plan` did: the files it wrote and what they change."""

    migration: Path | None
    rollback: Path | None
    changes: int
    destructive: tuple[str, ...]
    summary: tuple[str, ...]
    forward: Plan | None
    reverse: Plan | None
    target: str
    scratch: str
    unresolved: tuple[ObjectChange, ...] = ()
    proof: str = "skipped"
    warnings: tuple[str, ...] = ()  # e.g. an apply left `running` by a killed process, marked aborted


@dataclass(frozen=True, slots=True)
class ApplyResult:
    plan_path: Path
    name: str
    status: str  # "succeeded", "already-applied", "dry-run"
    statements: int
    duration_s: float
    fingerprint_ok: bool
    fingerprint: str
    analyzed: tuple[str, ...]
    steps: tuple[tuple[bool, tuple[str, ...]], ...] = ()
    warnings: tuple[str, ...] = ()
    retries: tuple[str, ...] = ()  # one line per step attempt rolled back on a lock timeout or deadlock
    backup: str | None = None  # `apply --backup`: the pg_dump file written before the first statement


# Why an object differs (reconciler/commands/drift.py): the target equals the last applied state and schema/
# moved on (pending), the target moved away from it (out-of-band), both, or no history to tell.
DRIFT_CLASSES = ("pending", "out-of-band", "both", "unknown")


@dataclass(frozen=True, slots=True)
class DriftDifference:
    """One object that differs between the target and schema/, with why and where it is declared."""

    kind: str
    name: str
    change: str  # "added" (only in schema/), "removed" (only in the target), "changed"
    classification: str  # one of DRIFT_CLASSES
    target: str | None  # definition on the target
    desired: str | None  # definition in schema/
    applied: str | None  # definition in the last applied snapshot (three-way only)
    diff: str  # compact unified diff, target -> schema/
    location: str | None = None  # "schema/<file>:<line>" declaring it (or its table)
    declared: bool = True  # False: no statement of schema/ declares it; location names the nearest file


@dataclass(frozen=True, slots=True)
class DriftResult:
    drift: bool
    changes: tuple[ObjectChange, ...]
    statements: tuple[str, ...]
    target_fingerprint: str
    desired_fingerprint: str
    target: str
    unmodeled: tuple[str, ...] = ()
    differences: tuple[DriftDifference, ...] = ()
    three_way: bool = False  # False: no snapshot in the history table, pending and out-of-band not told apart
    baseline: str | None = None  # the apply whose snapshot was compared ("#3 20260101_x (forward) at …")
    schema_digest: str | None = None
    notes: tuple[str, ...] = ()

    @property
    def out_of_band(self) -> bool:
        return any(d.classification in ("out-of-band", "both") for d in self.differences)

    @property
    def exit_code(self) -> int:
        """0 no drift; 2 pending only (or two-way drift); 5 out-of-band, alone or with pending."""
        if not self.drift:
            return EXIT_OK
        return EXIT_OUT_OF_BAND if self.out_of_band else EXIT_CHANGES


@dataclass(frozen=True, slots=True)
class FleetEntry:
    """One target of `reconcile drift --targets`: its result, or why it could not be checked."""

    name: str
    target: str  # redacted description
    result: DriftResult | None
    error: str | None = None

    @property
    def exit_code(self) -> int:
        return self.result.exit_code if self.result is not None else EXIT_ERROR


# --- lint (`reconcile lint`) ---


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem at `path:line:col` (1-based; the statement's first token)."""

    path: str
    line: int
    col: int
    rule: str
    message: str
    fixable: bool = False  # `--fix` rewrites it

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.rule} {self.message}"


@dataclass(frozen=True, slots=True)
class LintResult:
    findings: tuple[Finding, ...]
    fixed: tuple[str, ...]  # files rewritten by `fix`

    @property
    def exit_code(self) -> int:
        """1 when anything is found (after fixing, what is left), else 0."""
        return 1 if self.findings else 0


# --- a fleet apply (`reconcile apply --targets`) ---

# What happened to one target (the JSON report's `status`).
APPLIED, ALREADY, STALE, FAILED, NOT_REACHED, NOT_PLANNED = (
    "applied", "already-applied", "stale", "failed", "not-reached", "not-planned",
)  # fmt: skip
FLEET_OK = (APPLIED, ALREADY)  # a target in one of these states needs nothing more


@dataclass(frozen=True, slots=True)
class TargetOutcome:
    name: str
    label: str
    status: str
    wave: int | None
    group: int | None
    plan: str | None
    reason: str | None = None
    statements: int = 0
    duration_s: float = 0.0
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class FleetApplyResult:
    fleet_plan: Path
    outcomes: tuple[TargetOutcome, ...]
    waves: int
    stopped_after: int | None  # the wave with a failure, when the run stopped there

    @property
    def ok(self) -> bool:
        return all(o.status in FLEET_OK for o in self.outcomes)
