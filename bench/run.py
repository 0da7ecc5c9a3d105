"""`just bench`: reconcile against raw migra, in one run on one server.

For each size N it generates schema/ (`bench/generate.py`: production = variant 0, schema/ =
the variant --objects fingerprint objects away, 12 by default), loads production with psql, counts
the objects that differ (fingerprints of production and of schema/ loaded), and times on the same
PostgreSQL server: the raw baseline (create a database, load schema/ with psql, run the `migra`
command once), `reconcile plan` cold (nothing cached: scratch build, diff, full proof and
rollback), `plan` warm (schema/ unchanged since the last plan, cache kept), `drift` cold and warm
with no drift and warm against production (the objects away), and `apply` of the plan on a fresh
copy of production. Medians of --reps runs, ratios to the baseline from the same run, peak RSS of
each command's process tree, each command's growth exponent over the sizes run, and the issue's
targets, measured. Prints markdown tables and writes them to bench/RESULTS.md.
Imports only the standard library and `reconciler` (the server's start, the fingerprints).
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import math
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import generate  # noqa: E402

VENV_BIN = Path(sys.executable).parent
RECONCILE = str(VENV_BIN / "reconcile")
MIGRA = str(VENV_BIN / "migra")
COMMON = ("--allow-destructive", "--allow-hazards", "all")


@dataclass
class Sample:
    seconds: list[float] = field(default_factory=list)
    rss_mb: list[float] = field(default_factory=list)

    def add(self, s: float, rss: float) -> None:
        self.seconds.append(s)
        self.rss_mb.append(rss)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)

    @property
    def peak(self) -> float:
        return max(self.rss_mb) if self.rss_mb else 0.0


def _tree_rss_kb(root: int) -> int:
    """Resident memory of `root` and its descendants (from /proc), in KiB."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                stat = f.read()
            fields = stat[stat.rfind(")") + 2 :].split()
            pid, ppid = int(entry), int(fields[1])
            rss[pid] = int(fields[21]) * (os.sysconf("SC_PAGE_SIZE") // 1024)
            children.setdefault(ppid, []).append(pid)
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [root]
    while todo:
        p = todo.pop()
        total += rss.get(p, 0)
        todo.extend(children.get(p, ()))
    return total


def timed(cmd: list[str], env: dict[str, str], cwd: Path, ok: tuple[int, ...] = (0,)) -> tuple[float, float, str]:
    """(seconds, peak MB of the process tree, stdout) of one command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak = [0]
    done = threading.Event()

    def poll() -> None:
        while not done.is_set():
            peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
            done.wait(0.05)

    poller = threading.Thread(target=poll, daemon=True)
    poller.start()
    out, err = proc.communicate()
    elapsed = time.perf_counter() - t0
    done.set()
    poller.join()
    if proc.returncode not in ok:
        raise SystemExit(f"bench: {' '.join(cmd[:3])}… exited {proc.returncode}:\n{err[-3000:]}\n{out[-2000:]}")
    return elapsed, peak[0] / 1024, out


@dataclass
class Server:
    host: str
    bindir: Path

    def url(self, db: str, driver: str = "postgresql") -> str:
        return f"{driver}://postgres@/{db}?host={self.host}"

    def psql(self, db: str, *args: str) -> None:
        subprocess.run(
            [self.bin("psql"), "-X", "-q", "-v", "ON_ERROR_STOP=1", "-h", self.host, "-U", "postgres", "-d", db, *args],
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def bin(self, name: str) -> str:
        return str(self.bindir / name)

    def sql(self, statement: str) -> None:
        self.psql("postgres", "-c", statement)


@contextlib.contextmanager
def server(major: int) -> Iterator[tuple[Server, str]]:
    from reconciler.engine.scratch.cluster import local_cluster
    from reconciler.pg.binaries import find_binaries

    binaries = find_binaries(major)
    if binaries is None:
        raise SystemExit(f"bench: no PostgreSQL {major} server binaries (try --major 15 or 16)")
    with local_cluster(binaries) as dsn:
        host = dsn.params()["host"]
        yield Server(host, binaries.bindir), f"PostgreSQL {binaries.version} ({binaries.origin})"


def _concat(schema: Path, into: Path) -> Path:
    into.write_text("".join(p.read_text() for p in sorted(schema.glob("*.sql"))), encoding="utf-8")
    return into


@dataclass
class Size:
    """One size's measurements and what it was measured on."""

    samples: dict[str, Sample]
    objects: int  # fingerprint objects that differ between production and schema/
    folded: int  # the same, a table added whole counted once (as drift and plan list them)
    generate_s: float  # writing both schema folders
    load_s: float  # loading both databases with psql (and VACUUM ANALYZE)
    wall_s: float = 0.0  # the whole size, set-up included


def differing(srv: Server, a: str, b: str) -> tuple[int, int]:
    """(objects, objects with a table added whole counted once) that differ between two databases."""
    from reconciler.core.model import SchemaFilter
    from reconciler.engine.fingerprint import compare, fingerprint, fold_parts
    from reconciler.pg.db import Dsn

    changes = compare(fingerprint(Dsn(srv.url(a)), SchemaFilter()), fingerprint(Dsn(srv.url(b)), SchemaFilter()))
    return len(changes), len(fold_parts(changes))


def bench_size(srv: Server, n: int, k: int, reps: int, work: Path, env: dict[str, str]) -> Size:
    started = time.perf_counter()
    base, desired = work / f"prod_{n}", work / f"schema_{n}"
    generate.write(n, base, variant=0)
    generate.write(n, desired, variant=k)
    base_sql, desired_sql = _concat(base, work / f"prod_{n}.sql"), _concat(desired, work / f"schema_{n}.sql")
    generated = time.perf_counter()
    prod, synced = f"prod_{n}", f"synced_{n}"
    for db, sql in ((prod, base_sql), (synced, desired_sql)):
        srv.sql(f"CREATE DATABASE {db}")  # a fresh server; each size drops its databases when done
        srv.psql(db, "-f", str(sql))
        srv.psql(db, "-c", "VACUUM ANALYZE")
    loaded = time.perf_counter()
    objects, folded = differing(srv, prod, synced)
    print(
        f"  N={n}: generated in {generated - started:.1f} s, loaded (two databases) in {loaded - generated:.1f} s; "
        f"schema/ is {objects} objects away from production ({folded} with a new table counted once)"
    )
    scratch = srv.url("postgres")
    res = {key: Sample() for key in LABELS}
    out_dir = work / f"plans_{n}"

    def reconcile(*args: str, cache: Path, ok: tuple[int, ...] = (0,)) -> tuple[float, float, str]:
        e = dict(env, RECONCILE_CACHE_DIR=str(cache))
        return timed([RECONCILE, *args], e, work, ok)

    for rep in range(reps):
        # Raw baseline: create a database, load schema/ with psql, run migra once.
        raw = f"raw_{n}_{rep}"
        t0 = time.perf_counter()
        srv.sql(f"CREATE DATABASE {raw}")
        srv.psql(raw, "-f", str(desired_sql))
        load = time.perf_counter() - t0
        s, mb, _ = timed(
            [MIGRA, "--unsafe", srv.url(prod, "postgresql+psycopg2"), srv.url(raw, "postgresql+psycopg2")],
            env,
            work,
            ok=(0, 2),
        )
        res["raw"].add(load + s, mb)
        srv.sql(f"DROP DATABASE {raw}")

        cache = work / f"cache_{n}_{rep}"
        shutil.rmtree(cache, ignore_errors=True)
        shutil.rmtree(out_dir, ignore_errors=True)
        plan = ("plan", "--target", srv.url(prod), "--schema-dir", str(desired), "--scratch", scratch)
        plan += ("--out", str(out_dir), "--format", "json", *COMMON)
        res["plan_cold"].add(*reconcile(*plan, cache=cache)[:2])
        shutil.rmtree(out_dir, ignore_errors=True)
        res["plan_warm"].add(*reconcile(*plan, cache=cache)[:2])
        drift = ("drift", "--schema-dir", str(desired), "--scratch", scratch, "--target")
        # The same check with an empty cache: what the cache saves (scratch build and inspection).
        cold = work / f"cold_cache_{n}_{rep}"
        shutil.rmtree(cold, ignore_errors=True)
        res["drift_cold"].add(*reconcile(*drift, srv.url(synced), cache=cold)[:2])
        res["drift_clean"].add(*reconcile(*drift, srv.url(synced), cache=cache)[:2])
        # Exit 2: drift (two-way: production has no history); it must see the objects counted above.
        s, mb, out = reconcile(*drift, srv.url(prod), "--format", "json", cache=cache, ok=(2,))
        res["drift_little"].add(s, mb)
        if (seen := len(json.loads(out)["differences"])) != folded:
            print(f"  N={n}: warning: drift reports {seen} differences, the fingerprints {folded}", file=sys.stderr)

        migration = next(p for p in sorted(out_dir.glob("*.sql")) if not p.name.endswith(".rollback.sql"))
        copy = f"apply_{n}_{rep}"
        srv.sql(f"CREATE DATABASE {copy} TEMPLATE {prod}")
        apply = ("apply", str(migration), "--target", srv.url(copy), "--yes", *COMMON)
        res["apply"].add(*reconcile(*apply, cache=cache)[:2])
        srv.sql(f"DROP DATABASE {copy}")
        shutil.rmtree(cold, ignore_errors=True)
        shutil.rmtree(cache, ignore_errors=True)
        print(f"  N={n} rep {rep + 1}/{reps}: " + ", ".join(f"{k} {v.seconds[-1]:.2f}s" for k, v in res.items()))
    # The next size needs the disk more than this one's databases and files.
    for db in (prod, synced):
        srv.sql(f"DROP DATABASE {db}")
    shutil.rmtree(out_dir, ignore_errors=True)
    for folder in (base, desired):
        shutil.rmtree(folder, ignore_errors=True)
    for script in (base_sql, desired_sql):
        script.unlink()
    size = Size(res, objects, folded, generated - started, loaded - generated)
    size.wall_s = time.perf_counter() - started
    print(f"  N={n} done in {size.wall_s:.0f} s")
    return size


LABELS = {
    "raw": "raw baseline (createdb + psql + migra)",
    "plan_cold": "plan cold (nothing cached: build, diff, proof, rollback)",
    "plan_warm": "plan warm (schema/ unchanged since the last plan)",
    "drift_cold": "drift cold, no drift (empty cache)",
    "drift_clean": "drift warm, no drift",
    "drift_little": "drift warm, target {away} objects away",
    "apply": "apply (the plan, on a fresh copy of production)",
}
# The targets: (measurement, N, most × raw); (measurement, N, most peak MB); (measurement,
# most growth exponent of its median seconds over 500 → 20,000).
RATIO_TARGETS = (("drift_little", 2000, 0.3), ("plan_warm", 2000, 0.3), ("plan_cold", 2000, 1.0))
RSS_TARGETS = (("drift_little", 5000, 300.0), ("plan_cold", 5000, 300.0), ("plan_warm", 5000, 300.0))
EXPONENT_TARGETS = (("drift_little", 1.1), ("plan_warm", 1.1))
EXPONENT_FROM, LARGEST = 500, 20_000


def away(results: dict[int, Size]) -> str:
    """The objects schema/ is away from production: one number, or its range over the sizes."""
    counts = sorted({r.objects for r in results.values()})
    return str(counts[0]) if len(counts) == 1 else f"{counts[0]}–{counts[-1]}"


def label(key: str, results: dict[int, Size]) -> str:
    return LABELS[key].format(away=away(results))


def slope(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(y) against log(N): the growth exponent (y ∝ N^slope)."""
    pts = [(math.log(n), math.log(y)) for n, y in points if y > 0]
    if len({x for x, _ in pts}) < 2:
        return None
    mx, my = statistics.fmean(x for x, _ in pts), statistics.fmean(y for _, y in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / sum((x - mx) ** 2 for x, _ in pts)


def exponent_sizes(results: dict[int, Size]) -> list[int]:
    """The sizes the growth exponents are fitted over: every size from 500 up (all, if fewer than
    two sizes reach 500: a quick run still gets its exponents)."""
    large = [n for n in results if n >= EXPONENT_FROM]
    return sorted(large if len(large) >= 2 else results)


def exponents(results: dict[int, Size], key: str) -> tuple[float | None, float | None]:
    """(seconds, peak MB) growth exponents of one measurement."""
    sizes = exponent_sizes(results)
    seconds = slope([(n, results[n].samples[key].median) for n in sizes])
    memory = slope([(n, results[n].samples[key].peak) for n in sizes])
    return seconds, memory


def _num(x: float | None) -> str:
    return "—" if x is None else f"{x:.2f}"


def table(results: dict[int, Size]) -> str:
    lines = [
        "| N | measurement | median s | × raw | peak MB |",
        "|---:|---|---:|---:|---:|",
    ]
    for n, size in results.items():
        res = size.samples
        raw = res["raw"].median
        for key in LABELS:
            s = res[key]
            ratio = "1.00" if key == "raw" else f"{s.median / raw:.2f}"
            lines.append(f"| {n} | {label(key, results)} | {s.median:.2f} | {ratio} | {s.peak:.0f} |")
    lines.append("")
    for n, size in results.items():
        cached = size.samples["drift_clean"].median / size.samples["drift_cold"].median
        lines.append(f"N={n}: drift with no drift, cached / cold = {cached:.2f}")
    return "\n".join(lines)


def growth_table(results: dict[int, Size]) -> str:
    sizes = exponent_sizes(results)
    lines = [
        f"### growth exponents ({sizes[0]} → {sizes[-1]})"
        if len(sizes) > 1
        else "### growth exponents (need two sizes)",
        "",
        "Slope of log(median seconds), and of log(peak MB), against log(N), least squares over the sizes "
        f"{', '.join(map(str, sizes))}: 1.0 is linear.",
        "",
        "| measurement | seconds exponent | peak MB exponent |",
        "|---|---:|---:|",
    ]
    for key in LABELS:
        seconds, memory = exponents(results, key)
        lines.append(f"| {label(key, results)} | {_num(seconds)} | {_num(memory)} |")
    return "\n".join(lines)


def targets_table(results: dict[int, Size], failed: dict[int, str]) -> str:
    """The issue's targets against this run: measured, and met or not (or not run at that size)."""
    lines = ["### targets", "", "| target | measured | met? |", "|---|---:|---|"]

    def row(what: str, measured: str, met: bool | None, missing: str = "") -> None:
        lines.append(f"| {what} | {measured} | {('yes' if met else 'no') if met is not None else missing} |")

    for key, n, most in RATIO_TARGETS:
        what = f"{label(key, results)} ≤ {most}× raw at N={n}"
        if n in results:
            r = results[n].samples[key].median / results[n].samples["raw"].median
            row(what, f"{r:.2f}×", r <= most)
        else:
            row(what, "—", None, f"not run (N={n})")
    for key, n, mb in RSS_TARGETS:
        what = f"{label(key, results)}: peak RSS ≤ {mb:.0f} MB at N={n}"
        if n in results:
            peak = results[n].samples[key].peak
            row(what, f"{peak:.0f} MB", peak <= mb)
        else:
            row(what, "—", None, f"not run (N={n})")
    if LARGEST in failed:
        row(
            f"N={LARGEST:,} runs end to end",
            f"failed: {(failed[LARGEST].strip().splitlines() or ['?'])[0][:200]}".replace("|", "\\|"),
            False,
        )
    else:
        ran = LARGEST in results
        row(f"N={LARGEST:,} runs end to end", "yes" if ran else "—", True if ran else None, f"not run (N={LARGEST:,})")
    sizes = exponent_sizes(results)
    spans = sizes[0] <= EXPONENT_FROM and sizes[-1] >= LARGEST
    for key, most in EXPONENT_TARGETS:
        seconds, _ = exponents(results, key)
        what = f"{label(key, results)}: growth exponent ≤ {most} ({EXPONENT_FROM} → {LARGEST:,})"
        measured = f"{_num(seconds)} ({sizes[0]} → {sizes[-1]})"
        met = seconds <= most if seconds is not None and spans else None
        row(what, measured, met, f"not run ({EXPONENT_FROM} → {LARGEST:,} needed)")
    return "\n".join(lines)


def import_time() -> str:
    """Wall time of `reconcile --help` (median of 5): what a short command costs."""
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([RECONCILE, "--help"], check=True, capture_output=True)
        runs.append(time.perf_counter() - t0)
    return f"{statistics.median(runs):.2f} s"


def header(results: dict[int, Size], version: str, k: int, reps: int) -> str:
    away_per_n = ", ".join(f"N={n}: {r.objects} ({r.folded})" for n, r in results.items())
    setup = ", ".join(f"N={n}: {r.generate_s:.1f} s + {r.load_s:.1f} s" for n, r in results.items())
    walls = ", ".join(f"N={n}: {r.wall_s / 60:.1f} min" for n, r in results.items())
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (
        f"{stamp}, {platform.machine()}, {os.cpu_count()} cores; one server: {version} "
        "(target, scratch and the raw baseline's database on it); scratch via --scratch URL of that server; "
        f"schema/ = bench/generate.py variant {k} of production, plan, apply and the drift against production "
        f"{away(results)} objects away: fingerprint objects that differ per size: {away_per_n} "
        "(in parentheses: with a table added whole counted once, as drift and plan list them); "
        f"medians of {reps} runs; peak MB = resident memory of the command's process tree.\n\n"
        f"Set-up per size (not timed below: generating both schema folders + loading both databases): {setup}. "
        f"Wall time per size, set-up included: {walls}."
    )


def main() -> None:
    ap = argparse.ArgumentParser(description="reconcile vs raw migra")
    ap.add_argument(
        "--sizes",
        default="100,500,2000",
        help="comma-separated table counts (e.g. 100 for a quick run; issue 16: 500,2000,5000,20000)",
    )
    ap.add_argument("--reps", type=int, default=3, help="repetitions per measurement (medians are reported)")
    ap.add_argument(
        "--objects",
        type=int,
        default=12,
        metavar="M",
        help="schema/ is the variant of production M fingerprint objects away (the fewest changes that reach M)",
    )
    ap.add_argument(
        "--changes", type=int, metavar="K", help="K changes between production and schema/ (overrides --objects)"
    )
    ap.add_argument("--major", type=int, default=16, help="PostgreSQL major version of the one server")
    ap.add_argument("--results", default=str(HERE / "RESULTS.md"), help="markdown file to write ('' = none)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    k = args.changes if args.changes is not None else generate.changes_for(args.objects)
    env = {name: v for name, v in os.environ.items() if not name.startswith(("RECONCILE_", "PG", "DATABASE_URL"))}
    results: dict[int, Size] = {}
    failed: dict[int, str] = {}  # a size whose run failed: the sizes before it are still reported
    work = Path(tempfile.mkdtemp(prefix="reconcile-bench-"))
    # reconcile as installed: its modules compiled once (an editable install has no bytecode until
    # imported, and with PYTHONDONTWRITEBYTECODE set every run would compile them again: 0.2-0.3 s).
    compileall.compile_dir(str(HERE.parent / "reconciler"), quiet=1)
    try:
        with server(args.major) as (srv, version):
            print(f"bench: one server for every measurement: {version}; sizes {sizes}, {args.reps} reps, variant {k}")
            for n in sizes:
                try:
                    results[n] = bench_size(srv, n, k, args.reps, work, env)
                except (Exception, SystemExit) as exc:  # e.g. a command that exited with an error
                    failed[n] = str(exc) or type(exc).__name__
                    traceback.print_exc()
                    print(f"bench: N={n} failed: {failed[n]}", file=sys.stderr)
                    break
    finally:
        shutil.rmtree(work, ignore_errors=True)
    if not results:
        raise SystemExit(1)
    text = "\n\n".join((table(results), growth_table(results), targets_table(results, failed)))
    failure = "".join(f"\n\n**N={n} failed** (not in the tables): {why.strip()[:1000]}" for n, why in failed.items())
    help_time = import_time()
    report = (
        f"# `just bench` results\n\n{header(results, version, k, args.reps)}{failure}\n\n"
        f"{text}\n\n`reconcile --help`: {help_time}\n"
    )
    print()
    print(text)
    print(f"\nreconcile --help: {help_time}")
    if args.results:
        Path(args.results).write_text(report, encoding="utf-8")
        print(f"written to {args.results}")
    if failed:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
