"""`reconcile plan`: diff target against schema/, write the forward plan and its rollback.

A use case: returns a PlanResult, never prints. Imports the layers below (compare, diff,
fingerprint, planfile, sql, model, errors).
"""

from __future__ import annotations

import contextlib
import contextvars
import dataclasses
import re
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, wait
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from .. import __version__
from ..core import progress
from ..core.config import Config
from ..core.errors import ReconcileError
from ..core.model import (
    ARCHIVE_SCHEMA,
    Fingerprint,
    ObjectChange,
    Plan,
    PlanHeader,
    PlannedStatement,
    PlanResult,
    RenameHint,
)
from ..engine import archive, cache, extensions, hazards, renames
from ..engine.compare import Building, Sides, inspect_sides, open_sides, scratch_for
from ..engine.diff import (
    Inspection,
    StoredSide,
    engine_version,
    inspect,
    recreated_types,
    statements,
    store,
    with_extension_versions,
)
from ..engine.fingerprint import INSPECT_SETTINGS, compare, fingerprint, fold_parts, repaired, table_of
from ..engine.planfile import FORMAT_VERSION, write
from ..engine.proof import ProofReport, RememberedFailure, copy_target, inputs_digest, left_out, prove
from ..engine.scratch.copy import copy_schema
from ..pg import history
from ..pg.db import Dsn, connection, execute, fetch_all, fetch_iter, fetch_one, major_of, query
from ..sql.hazards import Facts
from ..sql.idempotent import make_idempotent
from ..sql.identifiers import quote_ident
from ..sql.online import OnlineFacts, OnlineStatement, Rel, helper_cleanup, make_online, rebuild_invalid
from ..sql.parse import split
from . import settings
from .target import configured_target

# Kinds whose removal loses nothing a re-creation cannot restore (a REVOKE is undone by a GRANT).
_LOSSLESS = ("comment", "privilege", "default privilege")


def summarize(changes: tuple[ObjectChange, ...]) -> tuple[str, ...]:
    """One line per object: + added, - removed, ~ changed; parts of an added/removed table fold in."""
    sign = {"added": "+", "removed": "-", "changed": "~"}
    return tuple(f"{sign[c.change]} {c.kind} {c.name}" for c in fold_parts(changes))


def _enum_labels(definition: str | None) -> list[str]:
    # The fingerprint describes an enum as its labels, each printed by quote_literal().
    return [m.replace("''", "'") for m in re.findall(r"'((?:[^']|'')*)'", definition or "")]


def removed_items(changes: tuple[ObjectChange, ...]) -> tuple[str, ...]:
    """What a plan making these changes drops: objects, columns and enum values the target loses."""
    removed_tables = {c.name for c in changes if c.change == "removed" and c.kind in ("table", "foreign table")}
    moved = _moved_to_identity(changes)
    # an index that another added index on its table replaces, the same but for its name (a
    # partition's index attached to its parent's is renamed in place): nothing is lost
    renamed = {_unnamed_index(c.after) for c in changes if c.kind == "index" and c.change == "added"}
    items = []
    for c in changes:
        if (
            c.change == "removed"
            and c.kind not in _LOSSLESS
            and table_of(c) not in removed_tables
            and c.name not in moved
            and not (c.kind == "index" and _unnamed_index(c.before) in renamed)
        ):
            items.append(f"{c.kind} {c.name}")
        elif c.change == "changed" and c.kind == "enum":
            # Rows holding a removed label cannot be cast to the new type.
            kept = set(_enum_labels(c.after))
            items += [f"enum value {c.name} '{v}'" for v in _enum_labels(c.before) if v not in kept]
    return tuple(items)


_INDEX_NAME = re.compile(r'^(CREATE (?:UNIQUE )?INDEX )("(?:[^"]|"")+"|\S+)( ON )')


def _unnamed_index(definition: str | None) -> str:
    """An index's definition (pg_get_indexdef) without its name."""
    return _INDEX_NAME.sub(r"\1\3", definition or "", count=1)


def _moved_to_identity(changes: tuple[ObjectChange, ...]) -> set[str]:
    """Sequences of serial columns turned into identities: the sequence goes, its next value moves
    to the identity (`supplement.identity_serial`), so dropping it loses nothing."""
    identities = {
        c.name
        for c in changes
        if c.kind == "column"
        and c.change == "changed"
        and "IDENTITY " in (c.after or "")
        and "IDENTITY " not in (c.before or "")
    }
    moved = set()
    for c in changes:
        owner = re.search(r"\bowned_by=(.+)$", c.before or "") if c.kind == "sequence" else None
        if c.change == "removed" and owner is not None and owner.group(1) in identities:
            moved.add(c.name)
    return moved


def slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    return slug or "migration"


def _planned(
    sqls: tuple[str, ...], server_major: int, online: OnlineFacts | None, invalid: dict[Rel, str] | None = None
) -> tuple[PlannedStatement, ...]:
    """One statement each: INVALID indexes rebuilt first, made online-safe on existing tables
    (`online`: facts of the side the statements run on; None: as the diff wrote them), then
    made re-runnable by the idempotency rewriter."""
    single = [st.text for sql in sqls for st in split(sql)]
    if invalid:
        concurrently = online is not None and online.concurrent_indexes
        single[0:0] = rebuild_invalid(single, invalid, online.partitioned if online else (), online=concurrently)
    steps = make_online(single, online) if online is not None else tuple(OnlineStatement(s) for s in single)
    guarded = make_idempotent([s.sql for s in steps], server_major=server_major)
    return tuple(PlannedStatement(g.sql, g.transactional and not s.alone) for s, g in zip(steps, guarded, strict=True))


def _online_facts(dsn: Dsn, server_version_num: int) -> tuple[OnlineFacts, dict[Rel, tuple[str, bool]]]:
    """The online rewriter's facts about one side, and its indexes: (schema, name) -> (definition, valid)."""
    # CREATE INDEX CONCURRENTLY / REINDEX CONCURRENTLY can corrupt indexes on 14.0–14.3 (fixed in 14.4).
    concurrent = not 140000 <= server_version_num < 140004
    partitioned: set[Rel] = set()
    tables: dict[Rel, Rel] = {}
    indexes: dict[Rel, tuple[str, bool]] = {}
    with connection(dsn, purpose="online facts") as conn:
        execute(conn, INSPECT_SETTINGS)
        for schema, table, is_partitioned, index, valid, definition in fetch_iter(conn, query("online_facts")):
            if is_partitioned:
                partitioned.add((schema, table))
            if index is not None:
                tables[(schema, index)] = (schema, table)
                indexes[(schema, index)] = (definition, bool(valid))
    return OnlineFacts(frozenset(partitioned), tables, concurrent), indexes


def _invalid_indexes(
    config: Config, source: dict[Rel, tuple[str, bool]], desired: dict[Rel, tuple[str, bool]]
) -> dict[Rel, str]:
    """INVALID indexes of managed tables (a failed concurrent build) that schema/ wants: index -> its definition."""
    out = {}
    for (schema, name), (_, valid) in source.items():
        want = desired.get((schema, name))
        if not valid and want is not None and config.schema_filter.manages(schema):
            out[(schema, name)] = want[0]
    return out


# Column type changes that keep every value (the rollback, narrowing back, may fail but loses nothing).
_WIDENING = {
    ("smallint", "integer"),
    ("smallint", "bigint"),
    ("integer", "bigint"),
    ("real", "double precision"),
    ("smallint", "numeric"),
    ("integer", "numeric"),
    ("bigint", "numeric"),
    ("character varying", "text"),
    ("text", "character varying"),
    ("timestamp without time zone", "timestamp with time zone"),
}
_COLUMN_CLAUSES = (
    " NOT NULL", " IDENTITY ", " GENERATED ", " DEFAULT ", " COLLATE ",
    " STORAGE ", " STATISTICS ", " COMPRESSION ", " OPTIONS ",
)  # fmt: skip


def _column_type(definition: str | None) -> str:
    text = definition or ""
    cut = min((i for i in (text.find(k) for k in _COLUMN_CLAUSES) if i >= 0), default=len(text))
    return text[:cut]


def _base_and_mods(type_name: str) -> tuple[str, tuple[int, ...]]:
    if "(" not in type_name or not type_name.endswith(")"):
        return type_name, ()
    base, _, mods = type_name[:-1].partition("(")
    try:
        return base, tuple(int(m) for m in mods.split(","))
    except ValueError:
        return type_name, ()


def _widens(old: str, new: str) -> bool:
    if old == new:
        return True
    (ob, om), (nb, nm) = _base_and_mods(old), _base_and_mods(new)
    if (ob, nb) in _WIDENING and (not nm or nb != "character varying"):
        return True
    if ob == nb and om and not nm:  # varchar(10) -> varchar, numeric(10,2) -> numeric
        return True
    if ob == nb == "character varying" and om and nm:
        return nm[0] >= om[0]
    if ob == nb == "numeric" and len(om) == len(nm) == 2:
        return nm[1] >= om[1] and nm[0] - nm[1] >= om[0] - om[1]
    return False


# Removed items that hold data; the others (views, functions, indexes, constraints, …) the
# rollback re-creates whole from their definitions.
_HOLD_DATA = ("table ", "column ", "sequence ", "enum value ")


def lossy_items(changes: tuple[ObjectChange, ...]) -> tuple[str, ...]:
    """What a plan loses for good: removed tables, columns, sequences (their next value) and enum
    values, and column type changes that can drop values (the caller leaves out what it archives)."""
    items = [i for i in removed_items(changes) if i.startswith(_HOLD_DATA)]
    for c in changes:
        if c.kind == "column" and c.change == "changed":
            old, new = _column_type(c.before), _column_type(c.after)
            if not _widens(old, new):
                items.append(f"column {c.name} type {old} -> {new}")
    return tuple(items)


def _with_hazards(
    sides: Sides,
    desired: Facts,
    forward: tuple[PlannedStatement, ...],
    backward: tuple[PlannedStatement, ...],
) -> tuple[tuple[PlannedStatement, ...], tuple[PlannedStatement, ...]]:
    """Both directions with their hazards: the forward plan judged on the target; the rollback on
    the desired schema (`desired`: what it will find), with the target's row estimates where names match."""
    on_target = hazards.read_facts(sides.target)
    sizes = {k: (kind, on_target.relations.get(k, (kind, 0))[1]) for k, (kind, _) in desired.relations.items()}
    after = dataclasses.replace(desired, relations=sizes)
    return hazards.classified(forward, on_target), hazards.classified(backward, after)


def _annotated(lines: tuple[str, ...], arch: archive.Archiving) -> tuple[str, ...]:
    """Summary lines of dropped tables and columns say whether the archive keeps them."""
    notes = {f"- {item}": f"archived as {ARCHIVE_SCHEMA}.{n}" for item, n in arch.names()}
    notes |= {f"- {s}": f"archived with {a.item}" for a in arch.tables for s in a.sequences}
    notes |= {f"- {item}": f"lossy: {why}" for item, why in arch.lossy}
    return tuple(f"{line} ({notes[line]})" if line in notes else line for line in lines)


def _archived_reasons(
    statements: tuple[PlannedStatement, ...], arch: archive.Archiving
) -> tuple[PlannedStatement, ...]:
    """A DROP COLUMN whose values the plan archives says so in its DELETES_DATA reason."""
    notes = {
        f"drops column {a.schema}.{a.table}.{a.column} and its values": f"drops column {a.schema}.{a.table}.{a.column}"
        f" (its values are archived in {ARCHIVE_SCHEMA}.{a.name}; the rollback refills them)"
        for a in arch.columns
    }
    if not notes:
        return statements
    return tuple(
        dataclasses.replace(
            st, hazards=tuple(dataclasses.replace(h, reason=notes.get(h.reason, h.reason)) for h in st.hazards)
        )
        for st in statements
    )


def _restored(lines: tuple[str, ...], arch: archive.Archiving) -> tuple[str, ...]:
    """Rollback summary lines of what comes back from the archive say so."""
    notes = {f"+ {item}": f"back from {ARCHIVE_SCHEMA}.{n} with its data" for item, n in arch.names()}
    return tuple(f"{line} ({notes[line]})" if line in notes else line for line in lines)


@contextmanager
def _archive_hint(arch: archive.Archiving) -> Iterator[None]:
    """A failed proof of a plan that archives says how to plan plain drops instead."""
    try:
        yield
    except ReconcileError as exc:
        if arch.items:
            exc.hint = (exc.hint + "; " if exc.hint else "") + (
                "the plan archives dropped tables/columns in reconcile_archive: "
                "--no-archive (config `archive: false`) plans plain drops"
            )
        raise


def _flip(changes: tuple[ObjectChange, ...]) -> tuple[ObjectChange, ...]:
    back = {"added": "removed", "removed": "added", "changed": "changed"}
    return tuple(ObjectChange(c.kind, c.name, back[c.change], c.after, c.before) for c in changes)


def make_plan(
    config: Config,
    *,
    name: str | None = None,
    out_dir: Path | None = None,
    allow_destructive: bool = False,
    skip_proof: bool = False,
    now: datetime | None = None,
    allow_hazards: tuple[str, ...] = (),
) -> PlanResult:
    # An apply killed mid-run left its history row `running`: mark it aborted and say so (the plan
    # below is the remaining work).
    recovered = history.recover_if_idle(configured_target(config))

    def scratch_wanted(key: cache.CacheKey, major: int, target_fp: Fingerprint) -> bool:
        """schema/ unchanged since it was cached: the proof's copy of the target needs an empty
        scratch database, unless there is no proof, or a proof of this schema/ against this target
        is likely to be reused (`cache.proven_against`; a scratch database is made after all if it
        is not)."""
        return not skip_proof and not cache.proven_against(settings.cache(config), key, major, target_fp.digest)

    sides_of = open_sides(
        settings.sides(config),
        alongside=_alongside(config, skip_proof),
        desired_side=True,
        scratch_for_cached=scratch_wanted,
        statements=False,
    )
    with sides_of as sides:
        if sides.in_sync:
            result = PlanResult(None, None, 0, (), (), None, None, sides.target_label, sides.scratch_label)
        else:
            # The built scratch database is read whole for the cache beside the diff; the proof
            # runs on it once that is done (before the scratch database is dropped).
            # It is kept also when the plan fails (blocked by a hazard, a proof that failed): the
            # next plan of this schema/ builds nothing.
            keep: list[Callable[[], None]] = []
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="reconcile-store") as storing:
                try:
                    result = _plan(
                        config,
                        sides,
                        name,
                        out_dir,
                        allow_destructive,
                        skip_proof,
                        now or datetime.now(UTC),
                        allow_hazards,
                        storing,
                        keep,
                    )
                except Exception:  # not on Ctrl-C: that stops at once
                    for k in keep:
                        k()
                    raise
                for k in keep:
                    k()
    return dataclasses.replace(result, warnings=recovered) if recovered else result


def _cache_read(stored: list[Future[StoredSide]]) -> None:
    """Wait for the cache's reading of the built scratch database to end, before the proof changes
    it (a reading that failed is no cache entry, and no reason not to prove)."""
    if stored:
        with progress.step("proof: waiting for the cache's reading of the scratch database"):
            wait(stored)


def _alongside(config: Config, skip_proof: bool) -> dict[str, Callable[[Building], Any]]:
    """When the proof cannot start from the built scratch database, its copy of the target needs no
    scratch schema: made while the scratch database is built (on the second core)."""
    target, schema_filter = configured_target(config), config.schema_filter

    def proof_copy(b: Building) -> tuple[Dsn, str] | None:
        # The proof takes the built scratch database back to the target instead, unless there is
        # none (or the diff starts from a renamed copy of the target); it copies the target only
        # if that fails.
        why = "schema/ was not built (unchanged since it was cached)" if not b.built else None
        why = why or ("the plan has rename hints" if b.source.renames else None)
        return copy_target(b.scratch, target, b.server_version_num, schema_filter, b.stop, why=why) if why else None

    return {"proof copy": proof_copy} if not skip_proof else {}


REUSED = "not run again"


def _proof_memo(
    config: Config,
    sides: Sides,
    fwd: Plan,
    rev: Plan,
    original: Fingerprint,
    invalid: tuple[tuple[str, str, str], ...],
) -> tuple[cache.CacheKey, str] | None:
    """Where a proof of this plan is remembered (the cache entry of schema/) and the digest of its
    inputs (`proof.inputs_digest`); None when the cache is off."""
    key = sides.cache_key
    if key is None or settings.cache_folder(config) is None:
        return None
    digest = inputs_digest(
        fwd,
        rev,
        sides.target_fp,
        sides.desired_fp,
        original=original,
        invalid=invalid,
        target_left_out=left_out(sides.target, config.schema_filter, sides.target_fp),
        target_version_num=sides.server_version_num,
        allow_unproven_rollback=config.allow_unproven_rollback,
    )
    return key, digest


def _record(report: ProofReport, digest: str, sides: Sides, base: str, now: datetime) -> dict[str, Any]:
    failure = report.rollback_failure
    return {
        "digest": digest,
        "target": sides.target_fp.digest,
        "plan": base,
        "at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "copy_method": report.copy_method,
        "steps": list(report.steps),
        "rollback_failure": None if failure is None else {"step": failure.step, "message": failure.message},
    }


def _remembered(record: dict[str, Any]) -> ProofReport:
    """The report of a proof `cache.proven` remembered (what `_record` kept)."""
    failure = record.get("rollback_failure")
    return ProofReport(
        str(record["copy_method"]),
        tuple(str(s) for s in record["steps"]),
        None if failure is None else RememberedFailure(str(failure["step"]), str(failure["message"])),
    )


def _apply_renames(config: Config, sides: Sides) -> tuple[tuple[RenameHint, ...], Dsn | None, tuple[RenameHint, ...]]:
    """Run the hinted renames on a schema copy of the target; returns those that applied, the
    copy, and the hints that found neither name (reported: a typo must not pass silently)."""
    hints = renames.ordered(sides.source.renames)
    if not hints:
        return (), None, ()
    copy = sides.scratch_handle.extra_database()
    copy_schema(sides.target, copy, sides.server_version_num, config.schema_filter)
    applied: list[RenameHint] = []
    unused: list[RenameHint] = []
    with connection(copy, purpose="renames") as conn, connection(sides.scratch, purpose="renames") as desired:
        queue = list(hints)
        while queue:
            h = queue.pop(0)
            row = fetch_one(conn, f"SELECT {renames.condition(h)}, {renames.done(h)}")
            if not (row and row[0]):
                if row and not row[1] and h.where:
                    unused.append(h)
                continue
            execute(conn, renames.ddl(h))
            applied.append(h)
            if h.kind == "table":
                queue[0:0] = _default_named_parts(conn, desired, h)
    return tuple(applied), copy, tuple(unused)


def _renamed_back(
    config: Config, sides: Sides, applied: tuple[RenameHint, ...]
) -> tuple[Inspection, Inspection, OnlineFacts]:
    """What the rollback diffs once it has undone the renames: a schema copy of the scratch
    database (schema/) with the renames reversed, and the target; plus the copy's online facts.

    Diffing from schema/ in its new names and renaming back last would leave statements that
    name the new names before the renames, which a re-run (the names are old by then) finds
    nothing of or redoes (an index re-defined with its renamed column)."""
    copy = sides.scratch_handle.extra_database()
    copy_schema(sides.scratch, copy, sides.server_version_num, config.schema_filter)
    with connection(copy, purpose="renames") as conn:
        for h in renames.reversed_hints(applied):
            row = fetch_one(conn, f"SELECT {renames.condition(h)}")
            if row and row[0]:
                execute(conn, renames.ddl(h))
    back = inspect(copy, config.schema_filter, "schema/ renamed back")
    target = inspect(sides.target, config.schema_filter, "target")
    return back, target, _online_facts(copy, sides.server_version_num)[0]


def _default_named_parts(conn: Any, desired: Any, h: RenameHint) -> list[RenameHint]:
    """Constraints and indexes named after the old table (users_pkey) follow a table rename when
    schema/ has them under the new table's name (accounts_pkey)."""
    table = renames.qualified(h.schema, h.new)
    final = renames.qualified(h.parent or h.schema, h.new)  # where schema/ has it (after a move)
    out = []
    for kind, name in fetch_all(conn, query("renamed_table_parts"), {"table": table, "prefix": h.old + "_"}):
        new = h.new + name[len(h.old) :]
        wanted = fetch_all(desired, query("renamed_table_parts"), {"table": final, "prefix": new})
        if (kind, new) in {(k, n) for k, n in wanted}:
            parent = h.new if kind == "constraint" else None
            out.append(RenameHint(kind, h.schema, parent, new, name, h.offset, f"{h.where}, default name"))
    return out


def _plan(
    config: Config,
    sides: Sides,
    name: str | None,
    out_dir: Path | None,
    allow_destructive: bool,
    skip_proof: bool,
    now: datetime,
    allow_hazards: tuple[str, ...] = (),
    storing: ThreadPoolExecutor | None = None,
    keep: list[Callable[[], None]] | None = None,
) -> PlanResult:
    side = sides.desired_side  # what the scratch would tell, from the cache (schema/ not built)
    caching = settings.cache(config)
    major = major_of(sides.server_version_num)
    # Where the built scratch database, read whole, goes for later plans of this schema/.
    rows = cache.rows_path(caching, sides.cache_key, major) if side is None and sides.cache_key else None
    stored: list[Future[StoredSide]] = []

    def store_scratch() -> None:
        """Read the scratch database for the cache (on the second core), once."""
        if rows is not None and storing is not None and not stored and not sides.source.renames:
            deps = sides.scratch_dependencies

            def read() -> StoredSide:
                return store(sides.scratch, config.schema_filter, rows, deps.result() if deps is not None else None)

            stored.append(storing.submit(contextvars.copy_context().run, read))

    # The built scratch database is read for the cache from now on, beside the inspections and the
    # statements; the proof then runs on it (no clone: a copy of every relation's files, 0.8-6 s at
    # 2000 tables) once that reading has ended.
    store_scratch()

    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="reconcile-inspect") as pool:
        if sides.source.renames:
            # Rename hints: the diff starts from the target as it is once renamed (renames keep the
            # data a drop + add would lose); both sides are read whole.
            desired_job = pool.submit(inspect, sides.scratch, config.schema_filter, "scratch")
            applied, renamed, unused = _apply_renames(config, sides)
            if applied:
                assert renamed is not None
                i_source = inspect(renamed, config.schema_filter, "renamed target")
                changes = compare(fingerprint(renamed, config.schema_filter), sides.desired_fp)
            else:
                i_source = inspect(sides.target, config.schema_filter, "target")
                changes = compare(sides.target_fp, sides.desired_fp)
            i_desired = desired_job.result()
        else:
            applied, renamed, unused = (), None, ()
            online_target = pool.submit(_online_facts, sides.target, sides.server_version_num)  # meanwhile
            changes = compare(sides.target_fp, sides.desired_fp)
            i_source, i_desired = inspect_sides(sides, config.schema_filter, changes)
    if not sides.source.renames:
        source_facts, source_indexes = online_target.result()
    else:
        source_facts, source_indexes = _online_facts(
            renamed if applied and renamed is not None else sides.target, sides.server_version_num
        )
    if side is None:
        desired_facts, desired_indexes = _online_facts(sides.scratch, sides.server_version_num)
        facts = hazards.read_facts(sides.scratch)
        side = cache.DesiredSide(None, desired_facts, desired_indexes, facts, sides.extensions)
        built = side

        def keep_side() -> None:
            """A later plan or drift of this schema/ against a target that differs builds nothing. A
            reading that failed is no entry (a cache that cannot be written is a miss, never an error)."""
            if stored and sides.cache_key is not None:
                with contextlib.suppress(Exception):
                    entry = cache.DesiredSide(
                        stored[0].result(), built.online, built.indexes, built.hazard_facts, built.extensions
                    )
                    cache.store_side(caching, sides.cache_key, major, entry)

        if keep is not None:
            keep.append(keep_side)
    else:
        desired_facts, desired_indexes = side.online, side.indexes
    # A failed CREATE INDEX CONCURRENTLY left these INVALID: rebuilt first. The rollback cannot
    # make an index INVALID again: it restores the original schema with these indexes valid.
    invalid = _invalid_indexes(config, source_indexes, desired_indexes)
    original_fp = repaired(sides.target_fp) if invalid else sides.target_fp
    # An extension updated without a way back stays updated after the rollback.
    one_way = extensions.one_way(sides.target, changes)
    if one_way:
        original_fp = extensions.left_by_rollback(original_fp, one_way)
    i_back = with_extension_versions(i_source, {c.name: c.want for c in one_way}) if one_way else i_source
    stamp = now.strftime("%Y%m%d%H%M%S")
    base = f"{stamp}_{slug(name or 'migration')}"
    # Dropped tables and columns go to reconcile_archive (config `archive`): the rollback restores them.
    # Types the plan or its rollback re-creates (an enum gaining a label loses it in the rollback): a
    # table archived with one would come back holding its old version.
    recreated = recreated_types(i_source, i_desired) | recreated_types(i_desired, i_source)
    arch = archive.Archiving()
    if config.archive:
        column_hints = frozenset(
            f"{quote_ident(h.schema)}.{quote_ident(h.parent or '')}" for h in applied if h.kind == "column"
        )
        arch = archive.decide(renamed or sides.target, changes, stamp, recreated, column_hints)
    forward = _planned(
        (*(renames.guarded_ddl(h) for h in applied), *archive.forward(statements(i_source, i_desired), arch, base)),
        major,
        source_facts if config.online else None,
        invalid,
    )
    # An apply stopped halfway is undone with the rollback: it drops the forward's SET NOT NULL
    # helper checks such a stop leaves behind (silent after a whole forward run).
    cleanup = helper_cleanup([st.sql for st in forward])
    if applied:
        # The renames are undone first, then the rest in the target's own names: a re-run then
        # finds every statement's object under the name it uses. Archived columns come back to
        # their tables under the target's names, refilled by the key the archive copy holds.
        back_source, back_target, back_facts = _renamed_back(config, sides, applied)
        if one_way:
            back_target = with_extension_versions(back_target, {c.name: c.want for c in one_way})
        home = archive.renamed_back(arch, lambda schema, table, column: renames.undone(applied, schema, table, column))
        backward = _planned(
            (
                *cleanup,
                *(renames.guarded_ddl(h) for h in renames.reversed_hints(applied)),
                *archive.backward(statements(back_source, back_target), home),
            ),
            major,
            back_facts if config.online else None,
        )
    else:
        backward = _planned(
            (
                *cleanup,
                *archive.backward(statements(i_desired, i_back), arch),
                *(renames.guarded_ddl(h) for h in renames.reversed_hints(applied)),
            ),
            major,
            desired_facts if config.online else None,
        )
    if not forward:
        raise ReconcileError(
            f"the target differs from schema/ in {len(changes)} object(s) that the diff engine "
            f"({engine_version()}) produces no statements for:\n"
            + "\n".join(f"  {line}" for line in summarize(changes)),
            hint="these differences are reported, not ignored: change them by hand or in schema/; "
            "`reconcile drift` shows each definition",
        )
    destructive = removed_items(changes)
    allowed = hazards.parse_allowed(allow_hazards) | ({"DELETES_DATA"} if allow_destructive else set())
    forward, backward = _with_hazards(sides, side.hazard_facts, forward, backward)
    forward = _archived_reasons(forward, arch)
    # Archived drops stay DELETES_DATA (the object leaves the live schema; what uses it breaks), named as archived.
    kept = dict(arch.names())
    hazards.check(
        config.hazards,
        tuple(f"{d} (archived as {ARCHIVE_SCHEMA}.{kept[d]})" if d in kept else d for d in destructive),
        hazards.from_records(hazards.as_records(forward)),
        allowed,
        when="the plan",
    )
    back_changes = extensions.kept_by_rollback(_flip(changes), one_way)
    lossy = (*(i for i in lossy_items(changes) if i not in arch.items), *(c.lossy() for c in one_way))
    back_lossy = lossy_items(back_changes)
    out = out_dir or config.migrations_dir
    common = {
        "format": FORMAT_VERSION,
        "created_at": now.strftime("%Y-%m-%dT%H:%M:%SZ"),
        "tool_version": __version__,
        "engine": engine_version(),
        "server_version": sides.server_version,
        "schema_digest": sides.source.digest,
        "include_schemas": config.schema_filter.include,
        "exclude_schemas": config.schema_filter.exclude,
        "privileges": config.schema_filter.privileges,
        "exclude_objects": tuple(str(r) for r in config.schema_filter.exclude_objects),
        "include_objects": tuple(str(r) for r in config.schema_filter.include_objects),
        "unmodeled": sides.unmodeled,
        "unmanaged": sides.unmanaged,
        "online": config.online,
    }
    fwd = Plan(
        PlanHeader(
            kind="forward",
            name=base,
            expects_fingerprint=sides.target_fp.digest,
            produces_fingerprint=sides.desired_fp.digest,
            statement_count=len(forward),
            destructive=destructive,
            allow_destructive=allow_destructive or "DELETES_DATA" in allowed,
            lossy=lossy,
            archived=arch.described(),
            hazards=hazards.as_records(forward),
            allowed_hazards=tuple(sorted(allowed)),
            **common,  # type: ignore[arg-type]
        ),
        (
            *(renames.describe(h) for h in applied),
            *(renames.unused(h) for h in unused),
            *_annotated(summarize(changes), arch),
            *renames.possible_renames(changes),
        ),
        forward,
    )
    rev = Plan(
        PlanHeader(
            kind="rollback",
            name=base + ".rollback",
            expects_fingerprint=sides.desired_fp.digest,
            produces_fingerprint=original_fp.digest,
            statement_count=len(backward),
            destructive=removed_items(back_changes),
            allow_destructive=False,
            hazards=hazards.as_records(backward),
            lossy=back_lossy,
            cannot_restore=lossy,
            **common,  # type: ignore[arg-type]
        ),
        (*_restored(summarize(back_changes), arch), *(renames.describe(h) for h in renames.reversed_hints(applied))),
        backward,
    )
    proof = "skipped (--skip-proof)"
    if not skip_proof:
        invalid_indexes = tuple((s, n, d) for (s, n), d in invalid.items())
        memo = _proof_memo(config, sides, fwd, rev, original_fp, invalid_indexes) if not applied else None
        known = cache.proven(caching, memo[0], major, memo[1]) if memo else None
        if known is not None:
            report = _remembered(known)
        else:
            with _archive_hint(arch), scratch_for(settings.scratch(config), sides) as scratch:
                report = prove(
                    scratch,
                    sides.target,
                    sides.server_version_num,
                    config.schema_filter,
                    fwd,
                    rev,
                    sides.target_fp,
                    sides.desired_fp,
                    invalid=invalid_indexes,
                    original=original_fp,
                    copied=sides.early["proof copy"].result() if "proof copy" in sides.early else None,
                    built=sides.desired_side is None and not applied,
                    allow_unproven_rollback=config.allow_unproven_rollback,
                    before_changes=lambda: _cache_read(stored),
                )
            if memo:
                cache.remember_proof(caching, memo[0], major, _record(report, memo[1], sides, base, now))
        proof = f"passed: {', '.join(report.steps)} on a copy made with {report.copy_method}"
        if known is not None:
            proof += f" (by the plan {known['plan']} at {known['at']}; the same statements, target and tool: {REUSED})"
        if report.rollback_failure is not None:
            # The forward plan proved; its rollback did not: the plan says so and no rollback file
            # is written (an unproven rollback must not be one command away from running).
            proof += f"; the rollback failed its proof at step `{report.rollback_failure.step}`"
            why = report.rollback_failure.message
            fwd = dataclasses.replace(
                fwd, header=dataclasses.replace(fwd.header, rollback="unavailable", rollback_reason=why)
            )
    fwd = dataclasses.replace(fwd, header=dataclasses.replace(fwd.header, proof=proof))
    rev = dataclasses.replace(rev, header=dataclasses.replace(rev.header, proof=proof))
    migration, rollback = out / f"{base}.sql", out / f"{base}.rollback.sql"
    write(fwd, migration)
    if fwd.header.rollback_available:
        write(rev, rollback)
    return PlanResult(
        migration,
        rollback if fwd.header.rollback_available else None,
        len(forward),
        destructive,
        fwd.summary,
        fwd,
        rev,
        sides.target_label,
        sides.scratch_label,
        proof=proof,
    )
