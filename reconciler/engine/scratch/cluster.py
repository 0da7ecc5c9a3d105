"""Throwaway local PostgreSQL clusters from server binaries found on this machine.

Owns initdb/pg_ctl, with the binaries `pg.binaries` finds. Imports `db`, `binaries`, `errors` and
`progress` only.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ...core import progress
from ...core.errors import ScratchError
from ...pg.binaries import Binaries
from ...pg.db import Dsn

_UNPRIVILEGED_USER = "reconcile"


def _run_as() -> str | None:
    """initdb refuses to run as root: pick (or create) an unprivileged user to own the cluster."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", _UNPRIVILEGED_USER):
        with contextlib.suppress(KeyError):
            pwd.getpwnam(name)
            return name
    subprocess.run(["useradd", "--system", "--no-create-home", _UNPRIVILEGED_USER], check=True, capture_output=True)
    return _UNPRIVILEGED_USER


def _make_traversable(path: Path) -> None:
    """Let the unprivileged user reach binaries that root installed under a private prefix."""
    for p in (path, *path.parents):
        mode = p.stat().st_mode
        want = mode | stat.S_IXOTH | stat.S_IROTH
        if mode != want:
            with contextlib.suppress(OSError):
                p.chmod(want)


class LocalCluster:
    """A private throwaway cluster on a Unix socket; `stop()` always removes every trace."""

    def __init__(self, binaries: Binaries, settings: tuple[str, ...] = ()) -> None:
        self.binaries = binaries
        self.settings = settings  # extra `name=value` server settings; they win over the defaults
        self.user = _run_as()
        self.tmp = Path(tempfile.mkdtemp(prefix="reconcile-pg-"))
        self.data = self.tmp / "data"
        self.log = self.tmp / "server.log"

    def _run(self, *args: str, timeout: float = 120) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [str(self.binaries.bindir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            timeout=timeout,
            user=self.user,
            # A terminal's Ctrl-C must reach us, not the server: we stop it ourselves.
            start_new_session=True,
            cwd=self.tmp,
        )

    def start(self) -> Dsn:
        if self.user:
            pw = pwd.getpwnam(self.user)
            os.chown(self.tmp, pw.pw_uid, pw.pw_gid)
            _make_traversable(self.binaries.bindir)
        init = self._run(
            "initdb", "-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "-N"
        )
        if init.returncode != 0:
            raise ScratchError(
                f"initdb ({self.binaries.origin} PostgreSQL {self.binaries.version}) failed:\n{init.stderr.strip()}",
                hint="pass --scratch URL to use an existing server instead",
            )
        opts = " ".join(
            [
                "-c listen_addresses=''",
                f"-k {self.tmp}",
                "-p 5432",
                # A scratch cluster holds nothing worth keeping: skip durability for speed.
                "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                # Loading thousands of tables in one session needs more lock slots than the default.
                "-c max_locks_per_transaction=1024",
                "-c shared_buffers=64MB -c max_connections=50",
                *(f"-c {setting}" for setting in self.settings),
            ]
        )
        start = self._run("pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60", "-o", opts, "start")
        if start.returncode != 0:
            log = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise ScratchError(
                f"could not start a scratch PostgreSQL {self.binaries.version} ({self.binaries.origin}):\n"
                f"{start.stderr.strip()}\n{log}",
                hint="pass --scratch URL to use an existing server instead",
            )
        return Dsn(f"host={self.tmp} port=5432 user=postgres dbname=postgres")

    def stop(self) -> None:
        try:
            # Also when interrupted inside `pg_ctl start`: the postmaster may already be running.
            if (self.data / "postmaster.pid").exists():
                res = self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "-t", "20", "stop", timeout=30)
                if res.returncode != 0:
                    self._kill_postmaster()
        finally:
            # A server process still exiting can write into the folder while it is removed: retry.
            for _ in range(20):
                shutil.rmtree(self.tmp, ignore_errors=True)
                if not self.tmp.exists():
                    break
                time.sleep(0.1)

    def _kill_postmaster(self) -> None:
        with contextlib.suppress(OSError, ValueError, IndexError):
            pid = int((self.data / "postmaster.pid").read_text().splitlines()[0])
            os.kill(pid, signal.SIGQUIT)
            time.sleep(0.5)
            os.kill(pid, signal.SIGKILL)


@contextlib.contextmanager
def local_cluster(binaries: Binaries) -> Iterator[Dsn]:
    cluster = LocalCluster(binaries)
    try:
        with progress.step(f"starting a scratch PostgreSQL {binaries.version} ({binaries.origin})"):
            dsn = cluster.start()
        yield dsn
    finally:
        cluster.stop()
