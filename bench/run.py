"""`just bench`: reconcile against raw migra, in one run on one server.

For each size N it generates schema/ (`bench/generate.py`: production = variant 0, schema/ =
variant K), loads production with psql, and times on the same PostgreSQL server:
the raw baseline (create a database, load schema/ with psql, run the `migra` command once),
`reconcile plan` cold (empty cache: scratch build, diff, full proof and rollback), `plan` warm
(same schema/, cache kept), `drift` warm with no drift and with a little drift, and `apply` of the
plan on a fresh copy of production. Medians of --reps runs, ratios to the baseline, peak RSS of
each command's process tree. Prints a markdown table and writes it to bench/RESULTS.md.
Imports only the standard library and `reconciler.scratch.cluster` (to start the server).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
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
    from reconciler.scratch.cluster import find_binaries, local_cluster

    binaries = find_binaries(major)
    if binaries is None:
        raise SystemExit(f"bench: no PostgreSQL {major} server binaries (try --major 15 or 16)")
    with local_cluster(binaries) as dsn:
        host = dsn.params()["host"]
        yield Server(host, binaries.bindir), f"PostgreSQL {binaries.version} ({binaries.origin})"


def _concat(schema: Path, into: Path) -> Path:
    into.write_text("".join(p.read_text() for p in sorted(schema.glob("*.sql"))), encoding="utf-8")
    return into


def bench_size(srv: Server, n: int, k: int, reps: int, work: Path, env: dict[str, str]) -> dict[str, Sample]:
    base, desired = work / f"prod_{n}", work / f"schema_{n}"
    generate.write(n, base, variant=0)
    generate.write(n, desired, variant=k)
    base_sql, desired_sql = _concat(base, work / f"prod_{n}.sql"), _concat(desired, work / f"schema_{n}.sql")
    prod, synced = f"prod_{n}", f"synced_{n}"
    for db, sql in ((prod, base_sql), (synced, desired_sql)):
        srv.sql(f"DROP DATABASE IF EXISTS {db}")
        srv.sql(f"CREATE DATABASE {db}")
        srv.psql(db, "-f", str(sql))
        srv.psql(db, "-c", "VACUUM ANALYZE")
    scratch = srv.url("postgres")
    res = {k: Sample() for k in LABELS}
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
        res["drift_little"].add(*reconcile(*drift, srv.url(prod), cache=cache, ok=(0, 1, 2))[:2])

        migration = next(p for p in sorted(out_dir.glob("*.sql")) if not p.name.endswith(".rollback.sql"))
        copy = f"apply_{n}_{rep}"
        srv.sql(f"CREATE DATABASE {copy} TEMPLATE {prod}")
        apply = ("apply", str(migration), "--target", srv.url(copy), "--yes", *COMMON)
        res["apply"].add(*reconcile(*apply, cache=cache)[:2])
        srv.sql(f"DROP DATABASE {copy}")
        print(f"  N={n} rep {rep + 1}/{reps}: " + ", ".join(f"{k} {v.seconds[-1]:.2f}s" for k, v in res.items()))
    return res


LABELS = {
    "raw": "raw baseline (createdb + psql + migra)",
    "plan_cold": "plan cold (build, diff, proof, rollback)",
    "plan_warm": "plan warm (unchanged schema/)",
    "drift_cold": "drift cold, no drift (empty cache)",
    "drift_clean": "drift warm, no drift",
    "drift_little": "drift warm, a little drift",
    "apply": "apply",
}


def table(results: dict[int, dict[str, Sample]]) -> str:
    lines = [
        "| N | measurement | median s | × raw | peak MB |",
        "|---:|---|---:|---:|---:|",
    ]
    for n, res in results.items():
        raw = res["raw"].median
        for key, label in LABELS.items():
            s = res[key]
            ratio = "1.00" if key == "raw" else f"{s.median / raw:.2f}"
            lines.append(f"| {n} | {label} | {s.median:.2f} | {ratio} | {s.peak:.0f} |")
    lines.append("")
    for n, res in results.items():
        cached = res["drift_clean"].median / res["drift_cold"].median
        lines.append(f"N={n}: drift with no drift, cached / cold = {cached:.2f}")
    return "\n".join(lines)


def import_time() -> str:
    """Wall time of `reconcile --help` (median of 5): what a short command costs."""
    runs = []
    for _ in range(5):
        t0 = time.perf_counter()
        subprocess.run([RECONCILE, "--help"], check=True, capture_output=True)
        runs.append(time.perf_counter() - t0)
    return f"{statistics.median(runs):.2f} s"


def main() -> None:
    ap = argparse.ArgumentParser(description="reconcile vs raw migra")
    ap.add_argument("--sizes", default="100,500,2000", help="comma-separated table counts (e.g. 100 for a quick run)")
    ap.add_argument("--reps", type=int, default=3, help="repetitions per measurement (medians are reported)")
    ap.add_argument("--changes", type=int, default=8, help="K: changes between production and schema/")
    ap.add_argument("--major", type=int, default=16, help="PostgreSQL major version of the one server")
    ap.add_argument("--results", default=str(HERE / "RESULTS.md"), help="markdown file to write ('' = none)")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RECONCILE_", "PG", "DATABASE_URL"))}
    results: dict[int, dict[str, Sample]] = {}
    work = Path(tempfile.mkdtemp(prefix="reconcile-bench-"))
    try:
        with server(args.major) as (srv, version):
            print(f"bench: one server for every measurement: {version}; sizes {sizes}, {args.reps} reps")
            for n in sizes:
                results[n] = bench_size(srv, n, args.changes, args.reps, work, env)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    text = table(results)
    help_time = import_time()
    stamp = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    report = (
        f"# `just bench` results\n\n{stamp}, {platform.machine()}, {os.cpu_count()} cores; one server: {version} "
        f"(target, scratch and the raw baseline's database on it); scratch via --scratch URL of that server; "
        f"schema/ = bench/generate.py variant {args.changes} of production; medians of {args.reps} runs; "
        "peak MB = resident memory of the command's process tree.\n\n"
        f"{text}\n\n`reconcile --help`: {help_time}\n"
    )
    print()
    print(text)
    print(f"\nreconcile --help: {help_time}")
    if args.results:
        Path(args.results).write_text(report, encoding="utf-8")
        print(f"written to {args.results}")


if __name__ == "__main__":
    main()
