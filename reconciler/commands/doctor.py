"""`reconcile doctor`: the maintenance checklist as findings, and `--fix` for the safe ones.

Reads the target's statistics views (autovacuum/autoanalyze status per table, tables never
analysed, INVALID, bloated and unused indexes, sequences close to the end of their column's type)
and returns typed findings with a severity; `fix` runs `ANALYZE`, `REINDEX INDEX CONCURRENTLY` and
`DROP INDEX CONCURRENTLY` of a failed rebuild's leftover copy through the apply runner (the same
lock/statement timeouts and retries), then examines again. Returns data, never prints; the
renderers at the bottom are pure. Imports config, db, model, profiles (the pooler check), runner.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from ..core.config import Config
from ..core.model import PlannedStatement, SchemaFilter
from ..pg import runner
from ..pg.db import Dsn, connection, describe, fetch_all, fetch_one, ident, query
from ..pg.pooler import refuse_transaction_pooler
from . import settings
from .target import configured_target

SEVERITIES = ("info", "warn", "error")  # ascending; exit 2 from `warn` up

# Every check doctor runs: its name (the `check` key of a finding) and what it means.
CHECKS: dict[str, str] = {
    "autovacuum_off": "autovacuum is off for the whole server: nothing vacuums or analyses tables",
    "track_counts_off": "track_counts is off: no statistics, so autovacuum cannot tell what needs work",
    "autovacuum_disabled": "autovacuum_enabled = false on a table: only manual VACUUM/ANALYZE reach it",
    "never_analyzed": "a table with data has never been analysed: the planner guesses its row counts",
    "stale_statistics": "rows changed since the last analyse exceed autovacuum's analyse threshold",
    "dead_tuples": "dead rows exceed autovacuum's vacuum threshold",
    "xid_wraparound": "a table's oldest unfrozen transaction id is past autovacuum_freeze_max_age (or near wraparound)",
    "invalid_index": "an INVALID index (a failed CREATE INDEX CONCURRENTLY or REINDEX): updated, never used",
    "index_bloat": "a btree index much larger than a freshly built one of the same rows",
    "unused_index": "an index no query has scanned since the statistics were reset (PK/unique/exclusion excluded)",
    "sequence_exhaustion": "a sequence close to its own maximum or to the maximum of the column it feeds",
}


@dataclass(frozen=True, slots=True)
class Thresholds:
    """When a measurement becomes a finding (the defaults are what `reconcile doctor` uses)."""

    sequence_warn: float = 0.75  # fraction of the sequence's range used
    sequence_error: float = 0.90
    bloat_ratio: float = 0.5  # of the index's size that a fresh build would not need
    bloat_min_bytes: int = 10 * 1024 * 1024  # smaller indexes are not worth a rebuild
    # Transaction ids since a table was frozen: PostgreSQL refuses new ones 3 million short of 2^31.
    wraparound_error: int = 1_500_000_000


@dataclass(frozen=True, slots=True)
class Finding:
    """One problem: `check` (a key of CHECKS), `severity`, the object, why, and what to do now.

    `fix` is the statement `doctor --fix` runs for it (None: a human decides, see `advice`).
    """

    check: str
    severity: str
    kind: str  # server, table, index, sequence
    object: str  # schema.name (unquoted), "" for the server
    message: str
    advice: str
    fix: str | None = None
    facts: tuple[tuple[str, Any], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "severity": self.severity,
            "kind": self.kind,
            "object": self.object,
            "message": self.message,
            "advice": self.advice,
            "fix": self.fix,
            "facts": {k: _jsonable(v) for k, v in self.facts},
        }


@dataclass(frozen=True, slots=True)
class TableStatus:
    """Autovacuum/autoanalyze status of one table (pg_stat_user_tables and the thresholds)."""

    schema: str
    name: str
    relkind: str
    bytes: int
    live_rows: int
    dead_rows: int
    modified_since_analyze: int
    vacuum_threshold: float
    analyze_threshold: float
    autovacuum_enabled: bool
    last_vacuum: datetime | None
    last_autovacuum: datetime | None
    last_analyze: datetime | None
    last_autoanalyze: datetime | None
    xid_age: int | None = None  # transactions since the table (or its TOAST table) was frozen
    freeze_max_age: int = 200_000_000  # past it, autovacuum forces an anti-wraparound vacuum

    @property
    def qualified(self) -> str:
        return f"{self.schema}.{self.name}"

    @property
    def analyzed(self) -> datetime | None:
        times = [t for t in (self.last_analyze, self.last_autoanalyze) if t is not None]
        return max(times) if times else None

    @property
    def vacuumed(self) -> datetime | None:
        times = [t for t in (self.last_vacuum, self.last_autovacuum) if t is not None]
        return max(times) if times else None

    def as_dict(self) -> dict[str, Any]:
        return {
            "table": self.qualified,
            "kind": {"r": "table", "p": "partitioned table", "m": "materialized view"}.get(self.relkind, "table"),
            "bytes": self.bytes,
            "live_rows": self.live_rows,
            "dead_rows": self.dead_rows,
            "modified_since_analyze": self.modified_since_analyze,
            "vacuum_threshold": round(self.vacuum_threshold),
            "analyze_threshold": round(self.analyze_threshold),
            "autovacuum_enabled": self.autovacuum_enabled,
            "last_vacuum": _jsonable(self.last_vacuum),
            "last_autovacuum": _jsonable(self.last_autovacuum),
            "last_analyze": _jsonable(self.last_analyze),
            "last_autoanalyze": _jsonable(self.last_autoanalyze),
            "xid_age": self.xid_age,
            "freeze_max_age": self.freeze_max_age,
        }


@dataclass(frozen=True, slots=True)
class FixResult:
    """What `--fix` did for one finding: `status` done or failed (PostgreSQL's message)."""

    check: str
    object: str
    sql: str
    status: str
    message: str = ""
    attempts: int = 1

    def as_dict(self) -> dict[str, Any]:
        return {
            "check": self.check,
            "object": self.object,
            "sql": self.sql,
            "status": self.status,
            "message": self.message,
            "attempts": self.attempts,
        }


@dataclass(frozen=True, slots=True)
class DoctorReport:
    target: str
    server_version: str
    stats_since: datetime | None
    tables: tuple[TableStatus, ...]
    findings: tuple[Finding, ...]
    fixes: tuple[FixResult, ...] = ()
    checked: tuple[tuple[str, int], ...] = ()  # ("tables", n), ("indexes", n), ("sequences", n)

    @property
    def worst(self) -> str | None:
        levels = [SEVERITIES.index(f.severity) for f in self.findings]
        return SEVERITIES[max(levels)] if levels else None

    @property
    def healthy(self) -> bool:
        """No finding at `warn` or above (what exit code 0 means)."""
        return all(f.severity == "info" for f in self.findings)

    def counts(self) -> dict[str, int]:
        return {s: sum(1 for f in self.findings if f.severity == s) for s in SEVERITIES}


# --- the use cases -------------------------------------------------------------------------------


def run_doctor(
    config: Config,
    *,
    fix: bool = False,
    thresholds: Thresholds = Thresholds(),
    on_retry: Callable[[str, runner.Retry], None] | None = None,
) -> DoctorReport:
    """Examine the target (config's schema filters apply); with `fix`, repair what is safe, then re-examine.

    `on_retry(statement, retry)` hears of each fix retried after a lock timeout or deadlock.
    """
    dsn = configured_target(config)
    if fix:
        refuse_transaction_pooler(dsn, "run doctor --fix (it sets lock_timeout and statement_timeout per session)")
    report = examine(dsn, config.schema_filter, thresholds)
    if not fix:
        return report
    timeouts = settings.timeouts(config)  # per kind too, e.g. {REINDEX: 1}, as apply takes them
    fixes = repair(dsn, report.findings, timeouts, on_retry=on_retry)
    after = examine(dsn, config.schema_filter, thresholds)
    # Statistics reach the views a little later on PostgreSQL < 15 (the stats collector): an
    # ANALYZE that succeeded has fixed its finding even if the view does not show it yet.
    done = {(f.check, f.object) for f in fixes if f.status == "done"}
    remaining = tuple(f for f in after.findings if (f.check, f.object) not in done or f.fix is None)
    return replace(after, findings=remaining, fixes=fixes)


def examine(
    dsn: Dsn, schema_filter: SchemaFilter = SchemaFilter(), thresholds: Thresholds = Thresholds()
) -> DoctorReport:
    """Read-only: every check against the target, as findings sorted worst first."""
    with connection(dsn, purpose="doctor") as conn:
        version = str(fetch_one(conn, "SHOW server_version")[0])  # type: ignore[index]
        version_num = int(conn.server_version)
        autovacuum, track_counts, block_size, stats_reset, started = fetch_one(conn, query("doctor_settings")) or ()
        tables = tuple(
            _table_status(r)
            for r in fetch_all(conn, query("doctor_tables"))
            if schema_filter.manages_object(_REL_KINDS.get(r[2], "table"), r[0], f"{r[0]}.{r[1]}")
        )
        indexes = [
            r
            for r in fetch_all(conn, query("doctor_indexes"))
            if schema_filter.manages_object("index", r[0], f"{r[0]}.{r[1]}.{r[2]}")
        ]
        builds = {
            (r[0], r[1]): (int(r[2]), str(r[3]))
            for r in (fetch_all(conn, query("doctor_builds")) if version_num >= 120000 else [])
        }
        sequences = [
            r
            for r in fetch_all(conn, query("doctor_sequences"))
            if schema_filter.manages_object("sequence", r[0], f"{r[0]}.{r[1]}")
        ]
        quote: Callable[[str, str], str] = lambda schema, name: ident(schema, name).as_string(conn)  # noqa: E731
        findings: list[Finding] = []
        findings += _server_findings(bool(autovacuum), bool(track_counts))
        findings += _table_findings(tables, bool(autovacuum), quote, thresholds)
        findings += _index_findings(
            indexes, version_num, int(block_size), thresholds, stats_reset or started, quote, builds
        )
        findings += _sequence_findings(sequences, thresholds)
    findings.sort(key=lambda f: (-SEVERITIES.index(f.severity), f.check, f.object))
    return DoctorReport(
        target=describe(dsn),
        server_version=version,
        stats_since=stats_reset or started,
        tables=tables,
        findings=tuple(findings),
        checked=(("tables", len(tables)), ("indexes", len(indexes)), ("sequences", len(sequences))),
    )


def repair(
    dsn: Dsn,
    findings: tuple[Finding, ...],
    timeouts: runner.Timeouts,
    *,
    on_retry: Callable[[str, runner.Retry], None] | None = None,
) -> tuple[FixResult, ...]:
    """Run each finding's `fix` on its own, under `timeouts` with the runner's retries.

    `ANALYZE` runs in a transaction of its own; `REINDEX INDEX CONCURRENTLY` and `DROP INDEX
    CONCURRENTLY` (of a leftover copy, first of all) cannot run inside a transaction block, so they
    run alone. A REINDEX CONCURRENTLY that fails (a unique index over duplicates, a lock timeout)
    leaves its new copy behind INVALID as `<name>_ccnew`: the copy is dropped before a retry and
    after the last failure. When the copy cannot be dropped (the table is still busy), the fix stops
    retrying rather than pile up another copy; the next `doctor --fix` drops it first.
    """
    results: list[FixResult] = []
    seen: set[str] = set()
    ordered = sorted(findings, key=lambda f: not (f.fix or "").startswith("DROP"))
    with connection(dsn, purpose="doctor fix") as conn, connection(dsn, purpose="doctor monitor") as monitor:
        for f in ordered:
            if f.fix is None or f.fix in seen:
                continue
            seen.add(f.fix)
            rebuild = f.fix.startswith("REINDEX")

            def retried(r: runner.Retry, f: Finding = f, rebuild: bool = rebuild) -> None:
                if rebuild:
                    # The copies first: a retry must not pile up another; then whether the swap happened.
                    dropped, left = _drop_leftovers(monitor, f, timeouts)
                    if left or _valid(monitor, f):
                        raise _Stopped(r, dropped, left, _valid(monitor, f))
                if on_retry is not None:
                    on_retry(f.fix or "", r)

            statement = (PlannedStatement(f.fix, transactional="CONCURRENTLY" not in f.fix),)
            try:
                runner.run(conn, statement, timeouts, monitor=monitor, on_retry=retried)
            except _Stopped as stop:
                results.append(_rebuild_result(f, stop.reason, stop.attempts, stop.dropped, stop.left, stop.valid))
                continue
            except runner.StepFailure as exc:
                message = "; ".join(str(exc.fields[k]) for k in ("message", "detail") if exc.fields.get(k))
                if exc.blockers:
                    message += f"; blocked by {exc.blockers[0]}"
                if rebuild:
                    dropped, left = _drop_leftovers(monitor, f, timeouts)
                    results.append(_rebuild_result(f, message, exc.attempts, dropped, left, _valid(monitor, f)))
                else:
                    results.append(FixResult(f.check, f.object, f.fix, "failed", message, exc.attempts))
                continue
            results.append(FixResult(f.check, f.object, f.fix, "done"))
    return tuple(results)


def _rebuild_result(
    f: Finding, reason: str, attempts: int, dropped: list[str], left: list[str], valid: bool
) -> FixResult:
    """A REINDEX CONCURRENTLY that did not finish: the new index may already be in place (it timed out
    dropping the old copy), and copies may be left that the next `doctor --fix` drops first."""
    notes = [f"{', '.join(dropped)} dropped"] if dropped else []
    if left:
        notes.append(
            f"{', '.join(left)} left INVALID while the table is busy (the next `reconcile doctor --fix` drops it)"
        )
    tail = f" (unfinished copies: {'; '.join(notes)})" if notes else ""
    if valid:
        message = f"rebuilt; dropping the old copy stopped: {reason}{tail}"
        return FixResult(f.check, f.object, f.fix or "", "done", message, attempts)
    stopped = "; not retried: a retry would leave another copy" if left else ""
    return FixResult(f.check, f.object, f.fix or "", "failed", f"{reason}{stopped}{tail}", attempts)


class _Stopped(Exception):
    """A rebuild's retry was abandoned: its copy could not be dropped, or the new index is already in place."""

    def __init__(self, r: runner.Retry, dropped: list[str], left: list[str], valid: bool) -> None:
        super().__init__(r.attempt)
        self.attempts, self.dropped, self.left, self.valid = r.attempt, dropped, left, valid
        self.reason = f"{r.reason}" + (f"; blocked by {r.blockers[0]}" if r.blockers else "")


def _valid(conn: Any, f: Finding) -> bool:
    row = fetch_one(conn, "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass(%s)", (_fix_target(f),))
    return bool(row and row[0])


def _fix_target(f: Finding) -> str:
    return str(dict(f.facts).get("quoted", f.object))


def _drop_leftovers(conn: Any, f: Finding, timeouts: runner.Timeouts) -> tuple[list[str], list[str]]:
    """Drop INVALID `<index>_ccnew…`/`_ccold…` copies of the finding's index.

    Returns (dropped, left behind)."""
    name = f.object.rsplit(".", 1)[-1]
    rows = fetch_all(
        conn,
        "SELECT i.indexrelid, format('%%I.%%I', n.nspname, c.relname) FROM pg_index i "
        "JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
        "WHERE NOT i.indisvalid AND c.relname LIKE %s AND i.indrelid = "
        "(SELECT indrelid FROM pg_index WHERE indexrelid = to_regclass(%s))",
        (name[:50].replace("_", r"\_").replace("%", r"\%") + r"\_cc%", _fix_target(f)),
    )
    dropped, left = [], []
    for _oid, qname in rows:
        try:
            runner.run(conn, (PlannedStatement(f"DROP INDEX CONCURRENTLY IF EXISTS {qname}", False),), timeouts)
        except runner.StepFailure:
            left.append(str(qname))
            continue
        dropped.append(str(qname))
    return dropped, left


# --- checks: pure functions from catalog rows to findings ---------------------------------------

_REL_KINDS = {"r": "table", "p": "table", "m": "materialized view"}


def _table_status(r: tuple[Any, ...]) -> TableStatus:
    (schema, name, relkind, size, _reltuples, live, dead, mod, lv, lav, la, laa, enabled, vac_t, an_t, age, fma) = r
    return TableStatus(
        schema=schema,
        name=name,
        relkind=relkind,
        bytes=int(size),
        live_rows=int(live or 0),
        dead_rows=int(dead or 0),
        modified_since_analyze=int(mod or 0),
        vacuum_threshold=float(vac_t),
        analyze_threshold=float(an_t),
        autovacuum_enabled=bool(enabled),
        last_vacuum=lv,
        last_autovacuum=lav,
        last_analyze=la,
        last_autoanalyze=laa,
        xid_age=int(age) if age is not None else None,
        freeze_max_age=int(fma),
    )


def _server_findings(autovacuum: bool, track_counts: bool) -> list[Finding]:
    out = []
    if not autovacuum:
        out.append(
            Finding(
                "autovacuum_off",
                "error",
                "server",
                "",
                "autovacuum is off: no table is vacuumed or analysed unless someone runs VACUUM/ANALYZE",
                "set autovacuum = on (postgresql.conf or ALTER SYSTEM, then reload)",
            )
        )
    if not track_counts:
        out.append(
            Finding(
                "track_counts_off",
                "error",
                "server",
                "",
                "track_counts is off: the statistics views stay empty and autovacuum cannot see what needs work",
                "set track_counts = on (postgresql.conf or ALTER SYSTEM, then reload)",
            )
        )
    return out


def _table_findings(
    tables: tuple[TableStatus, ...], autovacuum: bool, quote: Callable[[str, str], str], th: Thresholds = Thresholds()
) -> list[Finding]:
    out = []
    for t in tables:
        q = quote(t.schema, t.name)
        auto = autovacuum and t.autovacuum_enabled and t.relkind != "p"
        facts: tuple[tuple[str, Any], ...] = (
            ("quoted", q),
            ("bytes", t.bytes),
            ("live_rows", t.live_rows),
            ("dead_rows", t.dead_rows),
            ("modified_since_analyze", t.modified_since_analyze),
            ("analyze_threshold", round(t.analyze_threshold)),
            ("vacuum_threshold", round(t.vacuum_threshold)),
            ("last_analyzed", t.analyzed),
            ("last_vacuumed", t.vacuumed),
        )
        if not t.autovacuum_enabled:
            out.append(
                Finding(
                    "autovacuum_disabled",
                    "warn",
                    "table",
                    t.qualified,
                    f"{t.qualified} has autovacuum_enabled = false: only manual VACUUM and ANALYZE reach it "
                    "(and anti-wraparound vacuums, which are the slow kind)",
                    f"ALTER TABLE {q} RESET (autovacuum_enabled), or schedule VACUUM (ANALYZE) {q}",
                    facts=facts,
                )
            )
        if t.analyzed is None and t.bytes > 0:
            partitioned = t.relkind == "p"
            out.append(
                Finding(
                    "never_analyzed",
                    "info" if partitioned else "warn",
                    "table",
                    t.qualified,
                    f"{t.qualified} holds data ({_size(t.bytes)}) but has never been analysed: the planner "
                    "guesses its row counts and value distribution"
                    + (" (autovacuum never analyses a partitioned table's parent)" if partitioned else ""),
                    f"ANALYZE {q} (doctor --fix does)",
                    fix=f"ANALYZE {q}",
                    facts=facts,
                )
            )
        elif t.analyzed is not None and t.modified_since_analyze > t.analyze_threshold:
            out.append(
                Finding(
                    "stale_statistics",
                    "info" if auto else "warn",
                    "table",
                    t.qualified,
                    f"{t.qualified}: {t.modified_since_analyze:,} rows changed since it was last analysed "
                    f"(autoanalyze threshold {round(t.analyze_threshold):,})"
                    + ("; autoanalyze is due" if auto else "; nothing analyses it automatically"),
                    f"ANALYZE {q} (doctor --fix does)",
                    fix=f"ANALYZE {q}",
                    facts=facts,
                )
            )
        if t.xid_age is not None and t.xid_age > min(t.freeze_max_age, th.wraparound_error):
            out.append(
                Finding(
                    "xid_wraparound",
                    "error" if t.xid_age >= th.wraparound_error else "warn",
                    "table",
                    t.qualified,
                    f"{t.qualified}: {t.xid_age:,} transactions since it was last frozen, past "
                    f"autovacuum_freeze_max_age ({t.freeze_max_age:,}): an anti-wraparound vacuum is due or "
                    "cannot finish; PostgreSQL stops assigning transaction ids 3 million short of 2,147,483,648",
                    f"VACUUM (FREEZE, VERBOSE) {q}; if it cannot advance, end what holds the xmin horizon back: "
                    "long transactions (pg_stat_activity), prepared transactions (pg_prepared_xacts), "
                    "replication slots (pg_replication_slots)",
                    facts=(*facts, ("xid_age", t.xid_age), ("freeze_max_age", t.freeze_max_age)),
                )
            )
        if t.dead_rows > t.vacuum_threshold and t.relkind != "p":
            out.append(
                Finding(
                    "dead_tuples",
                    "info" if auto else "warn",
                    "table",
                    t.qualified,
                    f"{t.qualified}: {t.dead_rows:,} dead rows (autovacuum threshold {round(t.vacuum_threshold):,})"
                    + ("; autovacuum is due" if auto else "; nothing vacuums it automatically"),
                    f"VACUUM (ANALYZE) {q}; if autovacuum never catches up, look for long transactions "
                    "(pg_stat_activity.xact_start) holding back the cleanup",
                    facts=facts,
                )
            )
    return out


def _index_findings(
    rows: list[tuple[Any, ...]],
    version_num: int,
    block_size: int,
    th: Thresholds,
    since: datetime | None,
    quote: Callable[[str, str], str],
    builds: dict[tuple[str, str], tuple[int, str]] | None = None,
) -> list[Finding]:
    out = []
    names = {(r[0], r[1], r[2]) for r in rows}
    for r in rows:
        (
            schema,
            table,
            name,
            relkind,
            method,
            valid,
            _uniq,
            _pk,
            exclusion,
            backs,
            scans,
            size,
            pages,
            tuples,
            ff,
            width,
        ) = r
        obj = f"{schema}.{table}.{name}"
        q = quote(schema, name)
        facts: tuple[tuple[str, Any], ...] = (
            ("quoted", q),
            ("table", f"{schema}.{table}"),
            ("method", method),
            ("bytes", int(size)),
            ("scans", scans),
        )
        reindex, why_not = _reindex(q, relkind, exclusion, name, version_num)
        base = _LEFTOVER.sub("", name)
        build = (builds or {}).get((schema, table))
        if build is not None:
            # CREATE INDEX CONCURRENTLY's index is INVALID until it ends; REINDEX would only queue behind it.
            reindex, why_not = None, f"wait for pid {build[0]} ({build[1]}) to finish, then run doctor again"
        elif base != name and (schema, table, base) in names and not valid:
            reindex = f"DROP INDEX CONCURRENTLY IF EXISTS {q}"
            why_not = ""
        if not valid and build is not None:
            out.append(
                Finding(
                    "invalid_index",
                    "info",
                    "index",
                    obj,
                    f"index {obj} is INVALID while pid {build[0]} runs {build[1]} on {schema}.{table}: "
                    "a build in progress, valid when it ends",
                    why_not,
                    facts=(*facts, ("building_pid", build[0])),
                )
            )
            continue
        if not valid and reindex and reindex.startswith("DROP"):
            out.append(
                Finding(
                    "invalid_index",
                    "error",
                    "index",
                    obj,
                    f"index {obj} is INVALID: the unfinished copy of {base} left by an interrupted "
                    "REINDEX CONCURRENTLY; writes keep it up to date, queries never use it",
                    f"{reindex} (doctor --fix does, before it rebuilds anything)",
                    fix=reindex,
                    facts=facts,
                )
            )
            continue
        if not valid:
            out.append(
                Finding(
                    "invalid_index",
                    "error",
                    "index",
                    obj,
                    f"index {obj} is INVALID (a CREATE INDEX CONCURRENTLY or REINDEX that failed): writes keep "
                    "it up to date, queries never use it" + (" and it enforces nothing" if _uniq else ""),
                    (f"{reindex} (doctor --fix does; it fails again while the cause remains, e.g. duplicate keys)")
                    if reindex
                    else why_not,
                    fix=reindex,
                    facts=facts,
                )
            )
            continue
        estimate = _bloat(method, relkind, int(pages), float(tuples), width, ff, block_size)
        if estimate is not None:
            extra_pages, ratio = estimate
            extra = extra_pages * block_size
            if ratio >= th.bloat_ratio and extra >= th.bloat_min_bytes:
                out.append(
                    Finding(
                        "index_bloat",
                        "warn",
                        "index",
                        obj,
                        f"index {obj} is {_size(int(size))}, about {round(ratio * 100)}% ({_size(extra)}) more than "
                        "a fresh build would need (estimate from pg_stats)",
                        f"{reindex} (doctor --fix does)" if reindex else why_not,
                        fix=reindex,
                        facts=(*facts, ("bloat_bytes", extra), ("bloat_ratio", round(ratio, 3))),
                    )
                )
        if scans == 0 and not (_uniq or _pk or exclusion or backs) and relkind == "i":
            out.append(
                Finding(
                    "unused_index",
                    "info",
                    "index",
                    obj,
                    f"index {obj} ({_size(int(size))}) has not been scanned since {_when(since)}; every write "
                    "to the table still updates it",
                    "if no replica's queries use it either (pg_stat_user_indexes is per server), drop it: remove it "
                    "from schema/ and plan (DROP INDEX CONCURRENTLY)",
                    facts=facts,
                )
            )
    return out


def _reindex(q: str, relkind: str, exclusion: bool, name: str, version_num: int) -> tuple[str | None, str]:
    """The safe rebuild statement, or None and why there is none."""
    if version_num < 120000:
        return None, "REINDEX INDEX in a maintenance window (PostgreSQL < 12 has no REINDEX CONCURRENTLY)"
    if relkind != "i":
        return None, "rebuild the index on each partition (REINDEX INDEX CONCURRENTLY <partition index>)"
    if exclusion:
        return (
            None,
            "REINDEX INDEX in a maintenance window (exclusion-constraint indexes cannot be rebuilt concurrently)",
        )
    if _LEFTOVER.search(name):
        return None, f"DROP INDEX CONCURRENTLY {q} if it is a left-over of an interrupted REINDEX CONCURRENTLY"
    return f"REINDEX INDEX CONCURRENTLY {q}", ""


# REINDEX CONCURRENTLY names its new copy <index>_ccnew (then _ccnew1, …) and the old one, before it
# drops it, <index>_ccold: after a failure the one that is INVALID is to be dropped (PostgreSQL's docs).
_LEFTOVER = re.compile(r"_cc(new|old)[0-9]*$")


# btree: page header 24 bytes + special space 16; per tuple an 8-byte header and a 4-byte line pointer.
_PAGE_OVERHEAD = 24 + 16
_TUPLE_OVERHEAD = 8 + 4


def _bloat(
    method: str, relkind: str, pages: int, tuples: float, width: float | None, fillfactor: int | None, block: int
) -> tuple[int, float] | None:
    """(pages a fresh build would not need, their share of the index) for a btree with statistics."""
    if method != "btree" or relkind != "i" or width is None or pages <= 1 or tuples <= 0:
        return None
    tuple_bytes = _TUPLE_OVERHEAD + 8 * math.ceil(float(width) / 8)  # data is MAXALIGNed
    per_page = max(1, math.floor((block - _PAGE_OVERHEAD) * (fillfactor or 90) / 100 / tuple_bytes))
    leaf = math.ceil(tuples / per_page)
    fresh = leaf + math.ceil(leaf / per_page) + 1  # upper levels and the meta page
    extra = pages - fresh
    return (extra, extra / pages) if extra > 0 else None


def _sequence_findings(rows: list[tuple[Any, ...]], th: Thresholds) -> list[Finding]:
    out = []
    for r in rows:
        (schema, name, data_type, inc, seq_min, seq_max, cycle, last, tschema, tname, col, ctype, how, tmin, tmax) = r
        if last is None:
            continue  # never used (or not readable by this role)
        ascending = inc > 0
        limit = min(seq_max, tmax) if ascending and tmax is not None else seq_max
        if not ascending:
            limit = max(seq_min, tmin) if tmin is not None else seq_min
        start = seq_min if ascending else seq_max
        column_caps = tmax is not None and (tmax < seq_max if ascending else tmin > seq_min)
        if cycle and not column_caps:
            continue  # it wraps around instead of running out
        span = (limit - start) if ascending else (start - limit)
        used = ((last - start) if ascending else (start - last)) / span if span > 0 else 1.0
        if used < th.sequence_warn:
            continue
        feeds = f"{tschema}.{tname}.{col}" if col else None
        capped_by = f"its column {feeds} ({ctype})" if column_caps else f"its type {data_type}"
        obj = f"{schema}.{name}"
        widen = (
            f"widen {feeds} to bigint (ALTER … TYPE bigint rewrites the table: change schema/ and plan it) "
            f"and the sequence with ALTER SEQUENCE … AS bigint"
            if feeds and ctype in ("smallint", "integer")
            else "raise its MAXVALUE (ALTER SEQUENCE … AS bigint MAXVALUE …)"
        )
        out.append(
            Finding(
                "sequence_exhaustion",
                "error" if used >= th.sequence_error else "warn",
                "sequence",
                obj,
                f"sequence {obj}" + (f" ({how} of {feeds})" if feeds else "") + f" is at {last:,}, "
                f"{used:.1%} of the way to {limit:,}, the limit of {capped_by}; nextval() fails past it",
                widen,
                facts=(
                    ("last_value", int(last)),
                    ("limit", int(limit)),
                    ("used", round(used, 4)),
                    ("column", feeds),
                    ("column_type", ctype),
                    ("how", how),
                ),
            )
        )
    return out


def _size(n: int) -> str:
    size = float(n)
    for unit in ("bytes", "kB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{n} bytes" if unit == "bytes" else f"{size:.1f} {unit}".replace(".0 ", " ")
        size /= 1024
    return f"{size:.1f} TB"


def _when(t: datetime | None) -> str:
    return f"{t:%Y-%m-%d %H:%M %Z}".strip() if t else "the server started"


def _jsonable(v: Any) -> Any:
    return v.isoformat() if isinstance(v, datetime) else v


# --- renderers: pure functions from a report to text, JSON or markdown ---------------------------


def render_json(r: DoctorReport) -> str:
    return json.dumps(
        {
            "target": r.target,
            "server_version": r.server_version,
            "healthy": r.healthy,
            "worst": r.worst,
            "counts": r.counts(),
            "stats_since": _jsonable(r.stats_since),
            "checked": dict(r.checked),
            "findings": [f.as_dict() for f in r.findings],
            "fixes": [f.as_dict() for f in r.fixes],
            "tables": [t.as_dict() for t in r.tables],
        },
        sort_keys=True,
    )


def _headline(r: DoctorReport) -> str:
    checked = ", ".join(f"{n} {what}" for what, n in r.checked)
    c = r.counts()
    verdict = "healthy" if r.healthy else "needs attention"
    return (
        f"{r.target} (PostgreSQL {r.server_version}): {verdict}; checked {checked}; "
        f"{c['error']} error(s), {c['warn']} warning(s), {c['info']} note(s)"
    )


def render_text(r: DoctorReport) -> str:
    lines = [_headline(r)]
    for f in r.findings:
        lines.append(f"{f.severity.upper():5} {f.check}: {f.message}")
        lines.append(f"      now: {f.advice}")
    if r.fixes:
        lines.append("Fixes:")
        for x in r.fixes:
            tries = f" after {x.attempts} attempts" if x.attempts > 1 else ""
            lines.append(f"  {x.status}{tries}: {x.sql}" + (f": {x.message}" if x.message else ""))
    if r.tables:
        lines += _status_table(r.tables)
    return "\n".join(lines)


TEXT_TABLES = 20  # text output lists the tables closest to their next autovacuum/autoanalyze


def _status_table(tables: tuple[TableStatus, ...]) -> list[str]:
    """Autovacuum status, most overdue first: modified rows against the analyse threshold, dead rows
    against the vacuum threshold (100% = autovacuum is due)."""

    def due(t: TableStatus) -> float:
        return max(t.modified_since_analyze / max(t.analyze_threshold, 1), t.dead_rows / max(t.vacuum_threshold, 1))

    ranked = sorted(tables, key=lambda t: (-due(t), t.qualified))
    width = max(len("table"), *(len(t.qualified) for t in ranked[:TEXT_TABLES]))
    lines = [
        "Autovacuum status (most overdue first; 100% = due):",
        f"  {'table':<{width}}  {'live':>10}  {'dead':>10}  {'analyse':>8}  {'vacuum':>8}  "
        f"{'last vacuum':<16}  last analyse",
    ]
    for t in ranked[:TEXT_TABLES]:
        analyse = t.modified_since_analyze / max(t.analyze_threshold, 1)
        vacuum = t.dead_rows / max(t.vacuum_threshold, 1)
        flag = "" if t.autovacuum_enabled else "  (autovacuum off)"
        lines.append(
            f"  {t.qualified:<{width}}  {t.live_rows:>10,}  {t.dead_rows:>10,}  {analyse:>8.0%}  {vacuum:>8.0%}  "
            f"{_when_or_never(t.vacuumed):<16}  {_when_or_never(t.analyzed)}{flag}"
        )
    if len(ranked) > TEXT_TABLES:
        lines.append(f"  … and {len(ranked) - TEXT_TABLES} more (--format json or markdown lists every table)")
    return lines


def _md(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def render_markdown(r: DoctorReport) -> str:
    lines = [f"## reconcile doctor: {'healthy' if r.healthy else 'needs attention'}", "", _md(_headline(r)), ""]
    if r.findings:
        lines += ["| severity | check | object | finding | what now |", "| --- | --- | --- | --- | --- |"]
        lines += [
            f"| {f.severity} | `{f.check}` | `{f.object or 'server'}` | {_md(f.message)} | {_md(f.advice)} |"
            for f in r.findings
        ]
        lines.append("")
    if r.fixes:
        lines += ["| fix | status | message |", "| --- | --- | --- |"]
        lines += [f"| `{_md(x.sql)}` | {x.status} | {_md(x.message)} |" for x in r.fixes]
        lines.append("")
    if r.tables:
        lines += [
            "<details><summary>Autovacuum status per table</summary>",
            "",
            "| table | live | dead | modified since analyse | analyse threshold | last vacuum | last analyse |",
            "| --- | ---: | ---: | ---: | ---: | --- | --- |",
        ]
        lines += [
            f"| `{t.qualified}` | {t.live_rows} | {t.dead_rows} | {t.modified_since_analyze} | "
            f"{round(t.analyze_threshold)} | {_when_or_never(t.vacuumed)} | {_when_or_never(t.analyzed)} |"
            for t in r.tables
        ]
        lines += ["", "</details>"]
    return "\n".join(lines)


def _when_or_never(t: datetime | None) -> str:
    return f"{t:%Y-%m-%d %H:%M}" if t else "never"
