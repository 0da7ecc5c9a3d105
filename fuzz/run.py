"""Run pairs through plan, apply, re-run and rollback on real PostgreSQL; check the invariant.

Per pair, on one server of each major: `from` (with rows) is the target, `to` is schema/.
`reconcile plan` must write a proven plan or refuse with a reason. After `apply`, the target must
equal a database built from `to` by the independent comparator (pg_dump); re-running the migration
file must execute no DDL (an event trigger counts); the rollback must return the target to `from`
(again by pg_dump); rows in columns both sides keep must survive both ways.

A failing pair is shrunk (objects removed from both sides, changes reverted, while the same
failure class remains) and written as a case folder.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from reconciler.engine.scratch.cluster import LocalCluster
from reconciler.pg.binaries import Binaries, find_binaries
from reconciler.pg.db import Dsn, connection, execute, fetch_all

from . import compare
from .generate import EXTENSIONS, Pair, make_pair, prune, rows
from .model import ROLES, Table, View

CONVERGED, REFUSED, WRONG = "converged", "refused", "wrong"


@dataclass
class Outcome:
    status: str  # converged | refused | wrong
    reason: str = ""  # refusal reason or failure class
    detail: str = ""
    folder: Path | None = None
    expect: dict[str, object] = field(default_factory=dict)  # case.yaml expectations, from the plan


@dataclass
class Server:
    major: int
    dsn: Dsn
    binaries: Binaries
    features: frozenset[str]
    created: list[str] = field(default_factory=list)

    def create_db(self, sql: str = "") -> Dsn:
        name = f"fz_{secrets.token_hex(5)}"
        with connection(self.dsn) as conn:
            execute(conn, f"CREATE DATABASE {name} TEMPLATE template0")
        self.created.append(name)
        dsn = self.dsn.with_params(dbname=name)
        if sql.strip():
            with connection(dsn) as conn:
                execute(conn, sql)
        return dsn

    def drop_created(self) -> None:
        with connection(self.dsn) as conn:
            for name in self.created:
                with contextlib.suppress(Exception):
                    execute(conn, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self.created.clear()

    def dump(self, dsn: Dsn) -> compare.Dump:
        return compare.dump(self.binaries.bindir / "pg_dump", dsn)


def prepare(major: int, dsn: Dsn) -> Server | str:
    """A fuzzing server over a running PostgreSQL of `major` (its roles created), or why not."""
    binaries = find_binaries(major, extensions=("vector",))
    if binaries is None:
        return f"no PostgreSQL {major} binaries (pg_dump) on this machine"
    with connection(dsn) as conn:
        for role in ROLES:
            if not fetch_all(conn, f"SELECT 1 FROM pg_roles WHERE rolname = '{role}'"):
                execute(conn, f"CREATE ROLE {role} NOLOGIN")
        names = {r[0] for r in fetch_all(conn, "SELECT name FROM pg_available_extensions")}
    return Server(major, dsn, binaries, frozenset(e for e in EXTENSIONS if e in names))


@contextlib.contextmanager
def server(major: int) -> Iterator[Server | str]:
    binaries = find_binaries(major, extensions=("vector",))
    if binaries is None:
        yield f"no PostgreSQL {major} server binaries on this machine"
        return
    cluster = LocalCluster(binaries)
    try:
        yield prepare(major, cluster.start())
    finally:
        cluster.stop()


# --- the CLI, in-process ------------------------------------------------------------------------


@dataclass
class Cli:
    code: int
    out: str
    err: str

    @property
    def json(self) -> dict[str, object]:
        return json.loads(self.out.strip().splitlines()[-1])  # type: ignore[no-any-return]


def reconcile(cwd: Path, *args: str) -> Cli:
    from reconciler import cli as cli_module

    out, err = io.StringIO(), io.StringIO()
    old_argv, old_cwd = sys.argv, os.getcwd()
    sys.argv = ["reconcile", *args]
    os.chdir(cwd)
    code = 0
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                cli_module.main()
            except SystemExit as exc:
                code = int(exc.code or 0)
    finally:
        sys.argv = old_argv
        os.chdir(old_cwd)
    return Cli(code, out.getvalue(), err.getvalue())


# --- one pair -----------------------------------------------------------------------------------

_NAMES = re.compile(r"\b([a-z]+)\d+(_[a-z]+\d+)*\b")


def reason_of(err: str) -> str:
    """A refusal's class: its first line (an `error:` line where there is one), generated names
    and numbers blurred, so that refusals of one cause count together."""
    lines = [x.strip() for x in err.splitlines() if x.strip()]
    line = next((x for x in lines if x.startswith(("error:", "internal error:"))), lines[0] if lines else "no message")
    return re.sub(r"\d+", "#", _NAMES.sub(r"\1#", line))[:160]


@dataclass(frozen=True)
class Kept:
    """A table's columns that both sides keep with the same type: (from name, to name) each."""

    before: str  # the table's name in from
    after: str  # and in to
    columns: tuple[tuple[str, str], ...]


Rows = dict[str, list[tuple[object, ...]]]


def table_rows(dsn: Dsn, kept: list[Kept], side: int) -> Rows:
    """The rows of every kept column, per table (keyed by its from name), ordered, as text; `side`
    0 reads the tables and columns by their from names, 1 by their to names."""
    out = {}
    with connection(dsn) as conn:
        for k in kept:
            table = (k.before, k.after)[side]
            sel = ", ".join(f"{pair[side]}::text" for pair in k.columns)
            out[k.before] = fetch_all(conn, f"SELECT {sel} FROM ONLY {table} ORDER BY 1")
    return out


def kept_columns(pair: Pair) -> list[Kept]:
    """The columns both sides keep with the same type (a rename hint follows the name), per table.
    A column of a user type that changes (a composite gains a field) is left out: its text changes."""
    changed_types = {o.key for o in pair.after.objects if pair.before.get(o.key) not in (None, o)}
    out = []
    for t in pair.after.tables():
        if t.partition_of or t.partition_by:
            continue
        old_key = f"{t.schema}.{t.renamed_from}" if t.renamed_from else t.key
        old = pair.before.get(old_key)
        if not isinstance(old, Table):
            continue
        old_cols = {c.name: c for c in old.columns}
        cols = []
        for c in t.columns:
            was = old_cols.get(c.renamed_from or c.name)
            if was is None or was.type != c.type or c.generated or was.generated or c.type in changed_types:
                continue
            cols.append((was.name, c.name))
        if cols:
            out.append(Kept(old_key, t.key, tuple(sorted(cols))))
    return out


# PostgreSQL's messages for rows a statement cannot keep (SQLSTATE classes 22 and 23).
_DATA_ERROR = re.compile(
    r"value too long|invalid input syntax|out of range|violates|is duplicated|contains null values"
    r"|could not create unique index|invalid input value"
)


def _first_error(err: str) -> str:
    return next((x.strip() for x in err.splitlines() if _DATA_ERROR.search(x)), err.strip().splitlines()[0])


def _rows_diff(before: Rows, after: Rows, kept: list[Kept], side: int) -> str:
    """The tables whose kept columns' rows differ, with their rows before and after."""
    out = []
    for k in kept:
        if before.get(k.before) != after.get(k.before):
            names = ", ".join(c[side] for c in k.columns)
            table = (k.before, k.after)[side]
            out.append(f"{table} ({names}):\n  before: {before.get(k.before)}\n  after:  {after.get(k.before)}")
    return "\n".join(out)


def _ddl_on_rerun(dsn: Dsn, migration: Path) -> list[str]:
    """Run the migration file again, statement by statement, and list the DDL it executed."""
    from reconciler.engine.planfile import read

    plan = read(migration)
    with connection(dsn) as conn:
        # ddl_command_end lists commands that did something (an IF NOT EXISTS that found the
        # object collects none); sql_drop lists what a DROP IF EXISTS really dropped
        execute(
            conn,
            "CREATE FUNCTION public.fuzz_ddl_seen() RETURNS event_trigger LANGUAGE plpgsql AS $$"
            "DECLARE r record; BEGIN "
            "FOR r IN SELECT * FROM pg_event_trigger_ddl_commands() LOOP "
            "RAISE NOTICE 'fuzz-ddl: % %', r.command_tag, r.object_identity; END LOOP; END$$; "
            "CREATE FUNCTION public.fuzz_drop_seen() RETURNS event_trigger LANGUAGE plpgsql AS $$"
            "DECLARE r record; BEGIN "
            "FOR r IN SELECT * FROM pg_event_trigger_dropped_objects() WHERE original LOOP "
            "RAISE NOTICE 'fuzz-ddl: DROP % %', r.object_type, r.object_identity; END LOOP; END$$; "
            "CREATE EVENT TRIGGER fuzz_ddl ON ddl_command_end EXECUTE FUNCTION public.fuzz_ddl_seen(); "
            "CREATE EVENT TRIGGER fuzz_drop ON sql_drop EXECUTE FUNCTION public.fuzz_drop_seen()",
        )
    seen: list[str] = []
    try:
        with connection(dsn) as conn:
            for st in plan.statements:
                del conn.notices[:]
                execute(conn, st.sql)
                seen += [n.strip() for n in conn.notices if "fuzz-ddl:" in n]
    finally:
        with connection(dsn) as conn:
            execute(
                conn,
                "DROP EVENT TRIGGER fuzz_ddl; DROP EVENT TRIGGER fuzz_drop; "
                "DROP FUNCTION public.fuzz_ddl_seen(); DROP FUNCTION public.fuzz_drop_seen()",
            )
    return seen


def run_pair(srv: Server, pair: Pair, work: Path) -> Outcome:
    from_sql, to_sql, rows_sql = pair.before.render(), pair.after.render(hints=True), rows(pair.before)
    try:
        target = srv.create_db(from_sql + "\n" + rows_sql)
        original = srv.create_db(from_sql)
        expected = srv.create_db(pair.after.render())
    except Exception as exc:  # the generator wrote SQL PostgreSQL refuses: the fuzzer's own bug
        return Outcome(WRONG, "generator wrote invalid SQL", str(exc).strip())
    shutil.rmtree(work, ignore_errors=True)
    (work / "schema").mkdir(parents=True)
    (work / "schema" / "schema.sql").write_text(to_sql)
    kept = kept_columns(pair)
    rows_before = table_rows(target, kept, 0)
    full_before = srv.dump(target)
    common = ("--target", target.conninfo, "--scratch", srv.dsn.conninfo)
    allow = ("--allow-destructive", "--allow-hazards", "all")
    r = reconcile(
        work, "plan", *common, "--schema-dir", "schema", "--out", "plans", "--format", "json",
        "--detailed-exitcode", *allow,
    )  # fmt: skip
    if "internal error" in r.err or "Traceback" in r.err:
        return Outcome(WRONG, "internal error in plan", r.err.strip())
    if r.code == 0:
        if not compare.same(full_before, srv.dump(expected)):
            return Outcome(WRONG, "plan saw no change but the schemas differ", full_before.diff(srv.dump(expected)))
        return Outcome(CONVERGED, "no change")
    if r.code != 2:
        return Outcome(REFUSED, reason_of(r.err), r.err.strip())
    result = r.json
    if not str(result.get("proof", "")).startswith("passed"):
        return Outcome(WRONG, "plan written without a passed proof", str(result.get("proof")))
    migration, rollback = Path(str(result["migration"])), Path(str(result["rollback"]))
    if not migration.is_absolute():
        migration, rollback = work / migration, work / rollback
    expect = _expectations(result, rollback)
    r = reconcile(work, "apply", str(migration), "--target", target.conninfo, "--yes", *allow)
    undone = "nothing was changed" in r.err or "were committed, then undone" in r.err
    if r.code != 0 and undone and _DATA_ERROR.search(r.err):
        # the proof runs on an empty copy: rows that the new schema cannot hold stop apply, which
        # changes nothing or undoes the steps it committed (a value too long for a narrowed type,
        # duplicates under a new key, NULLs under a new NOT NULL): the comparator must find `from`
        now = srv.dump(target)
        if compare.same(now, full_before):
            return Outcome(REFUSED, "apply stopped by the target's rows: " + reason_of(_first_error(r.err)), r.err)
        return Outcome(WRONG, "apply failed and changed the target", r.err + "\n" + now.diff(full_before))
    if r.code != 0:
        return Outcome(
            WRONG, "apply of a proven plan failed", r.err.strip() + "\n" + migration.read_text(), expect=expect
        )
    after = srv.dump(target)
    want = srv.dump(expected)
    if not compare.same(after, want):
        return Outcome(WRONG, "target differs from to after apply", after.diff(want, ("target", "to")), expect=expect)
    rows_after = table_rows(target, kept, 1)
    if rows_after != rows_before:
        return Outcome(WRONG, "apply lost or changed rows", _rows_diff(rows_before, rows_after, kept, 1), expect=expect)
    ddl = _ddl_on_rerun(target, migration)
    if ddl:
        return Outcome(WRONG, "re-running the migration executed DDL", "\n".join(ddl), expect=expect)
    r = reconcile(work, "apply", str(rollback), "--target", target.conninfo, "--yes", *allow)
    if r.code != 0:
        return Outcome(WRONG, "rollback failed", r.err.strip() + "\n" + rollback.read_text(), expect=expect)
    back = srv.dump(target)
    if not result.get("lossy") and not compare.same(back, full_before):
        return Outcome(
            WRONG, "rollback did not return to from", back.diff(full_before, ("rolled back", "from")), expect=expect
        )
    rows_back = table_rows(target, kept, 0)
    if rows_back != rows_before:
        return Outcome(
            WRONG, "rollback lost or changed rows", _rows_diff(rows_before, rows_back, kept, 0), expect=expect
        )
    del original
    return Outcome(CONVERGED, "lossy rollback" if result.get("lossy") else "plan", expect=expect)


# --- shrinking and recording --------------------------------------------------------------------


def _candidates(pair: Pair) -> Iterator[Pair]:
    """Smaller pairs: an object gone from both sides, a change reverted, a table part gone."""
    b_keys = [o.key for o in pair.before.objects]
    a_keys = [o.key for o in pair.after.objects]
    for key in dict.fromkeys(a_keys + b_keys):
        before, after = pair.before.clone(), pair.after.clone()
        before.objects = [o for o in before.objects if o.key != key]
        after.objects = [o for o in after.objects if o.key != key]
        prune(before)
        prune(after)
        yield Pair(pair.seed, before, after, pair.edits)
    for i, o in enumerate(pair.after.objects):  # revert a change: the after object as it was before
        old = pair.before.get(o.key)
        if old is not None and old != o:
            after = pair.after.clone()
            after.objects[i] = old.__class__(**{k: getattr(old, k) for k in old.__dataclass_fields__})
            prune(after)
            yield Pair(pair.seed, pair.before, after, pair.edits)
    for key in a_keys:  # one part of a table (a column, an index, a check…) gone from both sides
        t = pair.after.get(key)
        if not isinstance(t, (Table, View)):
            continue
        for attr in ("columns", "checks", "keys", "fks", "indexes", "policies", "triggers", "excludes"):
            for n in range(len(getattr(t, attr, []))):
                before, after = pair.before.clone(), pair.after.clone()
                item = getattr(after.get(key), attr)[n]
                name = getattr(item, "name", None)
                getattr(after.get(key), attr).pop(n)
                bt = before.get(key)
                if bt is not None and name is not None:
                    lst = getattr(bt, attr, [])
                    setattr(bt, attr, [x for x in lst if getattr(x, "name", None) != name])
                prune(before)
                prune(after)
                yield Pair(pair.seed, before, after, pair.edits)


def _size(pair: Pair) -> int:
    return len(pair.before.render()) + len(pair.after.render())


def shrink(check: Callable[[Pair], bool], pair: Pair, budget_s: float = 240) -> Pair:
    """The smallest pair found (within `budget_s`) for which `check` still holds."""
    deadline = time.monotonic() + budget_s
    improved = True
    while improved and time.monotonic() < deadline:
        improved = False
        for cand in _candidates(pair):
            if time.monotonic() > deadline:
                break
            if _size(cand) >= _size(pair) or cand.before.render() == cand.after.render():
                continue
            try:
                if check(cand):
                    pair, improved = cand, True
                    break
            except Exception:  # a candidate that breaks the harness is not smaller, it is different
                continue
    return pair


def _expectations(result: dict[str, object], rollback: Path) -> dict[str, object]:
    """What a case folder of this pair must expect (tests/test_cases.py keys): from the plan's JSON
    and the rollback file's header."""
    from reconciler.engine.planfile import read

    kinds = {str(h["kind"]) for h in result.get("hazards", []) or [] if isinstance(h, dict)}  # type: ignore[union-attr]
    out: dict[str, object] = {"destructive": bool(result.get("destructive"))}
    if "AUTHZ_CHANGE" in kinds:
        out["hazards"] = ["AUTHZ_CHANGE"]
    if result.get("lossy"):
        out["lossy"] = list(result["lossy"])  # type: ignore[call-overload]
    back = read(rollback).header
    out["rollback_destructive"] = bool(back.destructive)
    if "AUTHZ_CHANGE" in {str(h.get("kind")) for h in back.hazards}:
        out["rollback_hazards"] = ["AUTHZ_CHANGE"]
    return out


def record(out: Path, major: int, pair: Pair, outcome: Outcome) -> Path:
    slug = re.sub(r"[^a-z0-9]+", "_", outcome.reason.lower()).strip("_")[:40]
    folder = out / f"fuzz_{pair.seed}_pg{major}_{slug}"
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "from.sql").write_text(pair.before.render() + "\n" + rows(pair.before) + "\n")
    (folder / "to.sql").write_text(pair.after.render(hints=True))
    sql = pair.before.render() + pair.after.render()
    meta: dict[str, object] = {
        "description": f"fuzz seed {pair.seed} on PostgreSQL {major}: {outcome.reason}; edits: {'; '.join(pair.edits)}",
        # a pair the plan refused has no plan to read expectations from: the cautious ones
        **(outcome.expect or {"destructive": True, "rollback_destructive": True}),
    }
    roles = [r for r in ROLES if r in sql]
    if roles:
        meta["roles"] = roles
    needs = [e for e in EXTENSIONS if f"CREATE EXTENSION IF NOT EXISTS {e}" in sql or f"EXTENSION {e}" in sql]
    if needs:
        meta["requires"] = needs
    (folder / "case.yaml").write_text(yaml.safe_dump(meta, sort_keys=False, width=100))
    (folder / "failure.txt").write_text(f"{outcome.status}: {outcome.reason}\n\n{outcome.detail}\n")
    return folder


# --- the whole run ------------------------------------------------------------------------------


@dataclass
class Summary:
    major: int
    outcomes: list[tuple[int, Outcome]] = field(default_factory=list)

    def line(self) -> str:
        c = Counter(o.status for _, o in self.outcomes)
        refused = Counter(o.reason for _, o in self.outcomes if o.status == REFUSED)
        by = "; ".join(f"{n}× {r}" for r, n in refused.most_common())
        return (
            f"PostgreSQL {self.major}: {len(self.outcomes)} pairs: {c[CONVERGED]} converged, "
            f"{c[REFUSED]} refused{f' ({by})' if by else ''}, {c[WRONG]} wrong"
        )

    @property
    def wrong(self) -> int:
        return sum(o.status == WRONG for _, o in self.outcomes)


def fuzz(
    major: int,
    seeds: list[int],
    out: Path,
    *,
    shrink_failures: bool = True,
    echo: Callable[[str], None] = print,
    verbose: bool = False,
) -> Summary:
    summary = Summary(major)
    with server(major) as srv:
        if isinstance(srv, str):
            raise SystemExit(f"fuzz: {srv}")
        cache = Path(tempfile.mkdtemp(prefix="reconcile-fuzz-cache-"))
        os.environ["RECONCILE_CACHE_DIR"] = str(cache)
        for var in [v for v in os.environ if v.startswith("RECONCILE_") and v != "RECONCILE_CACHE_DIR"]:
            del os.environ[var]
        work = Path(tempfile.mkdtemp(prefix="reconcile-fuzz-"))
        try:
            for seed in seeds:
                pair = make_pair(seed, srv.features)
                try:
                    outcome = run_pair(srv, pair, work / "pair")
                finally:
                    srv.drop_created()
                if outcome.status == WRONG:
                    if shrink_failures:
                        reason = outcome.reason

                        def still(p: Pair, reason: str = reason) -> bool:
                            try:
                                return run_pair(srv, p, work / "shrink").reason == reason
                            finally:
                                srv.drop_created()

                        pair = shrink(still, pair)
                        outcome = run_pair(srv, pair, work / "pair")
                        srv.drop_created()
                    outcome.folder = record(out, major, pair, outcome)
                    echo(f"wrong: {outcome.folder} ({outcome.reason})")
                summary.outcomes.append((seed, outcome))
                if verbose:
                    echo(f"  pg{major} seed {seed}: {outcome.status} {outcome.reason}")
        finally:
            shutil.rmtree(work, ignore_errors=True)
            shutil.rmtree(cache, ignore_errors=True)
    return summary


def main(argv: list[str] | None = None) -> int:
    import argparse

    ap = argparse.ArgumentParser(prog="./dev fuzz", description=__doc__.split("\n\n")[0])
    ap.add_argument("--pairs", type=int, default=50)
    ap.add_argument("--seed", type=int, default=None, help="first seed (default: a fresh one, printed)")
    ap.add_argument("--pg", default="15,16,18", help="majors, comma-separated")
    ap.add_argument("--out", type=Path, default=Path("fuzz-failures"))
    ap.add_argument("--no-shrink", action="store_true")
    ap.add_argument("-v", "--verbose", action="store_true", help="one line per pair")
    args = ap.parse_args(argv)
    first = args.seed if args.seed is not None else secrets.randbelow(10**9)
    seeds = list(range(first, first + args.pairs))
    print(f"fuzz: seeds {first}..{first + args.pairs - 1}", flush=True)
    summaries = []
    for major in (int(v) for v in args.pg.split(",") if v.strip()):

        def echo(line: str) -> None:
            print(line, flush=True)

        s = fuzz(major, seeds, args.out, shrink_failures=not args.no_shrink, echo=echo, verbose=args.verbose)
        print(s.line(), flush=True)
        summaries.append(s)
    total = sum(len(s.outcomes) for s in summaries)
    conv = sum(o.status == CONVERGED for s in summaries for _, o in s.outcomes)
    refused = Counter(o.reason for s in summaries for _, o in s.outcomes if o.status == REFUSED)
    wrong = sum(s.wrong for s in summaries)
    by = "; ".join(f"{n}× {r}" for r, n in refused.most_common())
    print(f"{total} pairs: {conv} converged, {sum(refused.values())} refused{f' ({by})' if by else ''}, {wrong} wrong")
    return 1 if wrong else 0
