"""The desired side's cache: what schema/ builds into, so an unchanged schema/ needs no scratch database.

An entry holds a scratch database's fingerprint and its coverage inventory, stored under a key made
of everything that shapes them: the schema/ and prelude files (paths and bytes: the schema digest),
the tool (version, plus a digest of the package's own code and catalog queries), the server's major
version, and the settings the inspection reads (schemas, object rules, privileges, version
mismatch and, with it, the scratch provider). A changed file, setting, tool or server gives another key.
Next to an entry, a plan stores a `DesiredSide` (the diff engine's inspection and the facts plan
reads from the built scratch), pickled under a digest of every module of the package and the diff
engine's versions: a plan of the same schema/ against a target that differs then builds nothing.
Beside it too, the proofs such plans passed (`remember_proof`), by a digest of everything the
proof's outcome depends on (under the same code digest): the same plan of the same target is not
proven again.
Location: `cache_dir` (RECONCILE_CACHE_DIR), else $XDG_CACHE_HOME/reconcile, else ~/.cache/reconcile;
`cache: false` / `--no-cache` turns it off. Never touches a database; takes `CacheSettings`;
imports `fingerprint`, `model`, `scratch` and `source` (their settings). A cache that cannot be
read or written is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import os
import pickle
import sys
import tempfile
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.model import Fingerprint, ObjectDef, SchemaFilter
from .fingerprint import of_objects
from .scratch import ScratchSettings
from .source import SourceSettings

FORMAT = 1
KEEP = 32  # entries kept per cache folder (the newest by use)
SIDE_MAGIC = b"reconcile desired side 1 "


@dataclass(frozen=True, slots=True)
class CacheKey:
    """`files`: the part known before any database is touched (schema/ unchanged since an entry
    was written means it parsed and built then); the server's major version completes it."""

    files: str  # hex digest of every part but the server
    schema_digest: str  # as `source.load_source` computes it ("sha256:…")
    files_list: tuple[str, ...]  # schema/ files as displayed, in load order

    def path(self, folder: Path, major: int) -> Path:
        return folder / f"desired-{self.files[:40]}-pg{major}.json"


@dataclass(frozen=True, slots=True)
class Entry:
    fingerprint: Fingerprint
    inventory: tuple[str, ...]  # the desired side's coverage inventory (`coverage.inventory`)


@dataclass(frozen=True, slots=True)
class DesiredSide:
    """What a plan reads from the built scratch database besides its fingerprint: the diff engine's
    reading of it (inspected later restricted to what differs), the online rewriter's facts and
    indexes, the hazard classifier's facts, and the
    extensions schema/ creates (the scratch server for the proof needs them). With it, a plan
    against a target that differs builds nothing (the proof still copies the target)."""

    stored: Any  # diff.StoredSide: the built scratch database read whole (its rows in `rows_path`)
    online: Any
    indexes: Any
    hazard_facts: Any
    extensions: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CacheSettings:
    """What the cache uses of the configuration (built by `commands.settings.cache`): where entries
    live, and what a key is made of besides schema/'s files."""

    folder: Path | None  # None: the cache is off
    source: SourceSettings
    schema_filter: SchemaFilter
    scratch: ScratchSettings


# What the desired side's fingerprint and inventory are made by: reading schema/, building the
# scratch database, the fingerprint and inventory code and their catalog queries.
_SHAPERS = (
    "engine/cache.py",
    "engine/source.py",
    "engine/fingerprint.py",
    "engine/coverage.py",
    "core/model.py",
    "sql/parse.py",
    "engine/scratch/*.py",
)


@cache
def code_digest() -> str:
    """The tool as far as it shapes an entry: its version, plus the code and catalog queries that
    make one (a change there changes what an inspection returns, also within a version)."""
    root = Path(__file__).resolve().parent.parent  # the package
    files = {p for pattern in (*_SHAPERS, "queries/*.sql") for p in root.glob(pattern) if p.is_file()}
    h = hashlib.sha256(__version__.encode())
    for p in sorted(files):
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def key(settings: CacheSettings) -> CacheKey | None:
    """The key of schema/ as it is on disk now (None: cache off, or nothing to read — the full path
    then reports why)."""
    if settings.folder is None or not settings.source.schema_dir.is_dir():
        return None
    # The same digest as source.load_source (its paths and bytes), read without parsing.
    h = hashlib.sha256()
    try:
        for path in settings.source.prelude:
            h.update(b"prelude\0" + settings.source.display(path).encode() + b"\0" + path.read_bytes() + b"\0")
        files = sorted(
            (p for p in settings.source.schema_dir.rglob("*.sql") if p.is_file()),
            key=lambda p: p.relative_to(settings.source.schema_dir).as_posix(),
        )
        for path in files:
            h.update(
                b"schema\0"
                + path.relative_to(settings.source.schema_dir).as_posix().encode()
                + b"\0"
                + path.read_bytes()
                + b"\0"
            )
    except OSError:
        return None
    if not files:
        return None
    schema_digest = "sha256:" + h.hexdigest()
    f = settings.schema_filter
    parts = {
        "format": FORMAT,
        "tool": code_digest(),
        "schema": schema_digest,
        "include_schemas": list(f.include),
        "exclude_schemas": list(f.exclude),
        "include_objects": [str(r) for r in f.include_objects],
        "exclude_objects": [str(r) for r in f.exclude_objects],
        "privileges": f.privileges,
        "allow_version_mismatch": settings.scratch.allow_version_mismatch,
    }
    if settings.scratch.allow_version_mismatch:  # the scratch server's major may then differ from the target's
        parts |= {"scratch": settings.scratch.spec, "docker_image": settings.scratch.docker_image}
    digest = hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()
    return CacheKey(digest, schema_digest, tuple(settings.source.display(p) for p in files))


def known(settings: CacheSettings, k: CacheKey) -> bool:
    """Some server's entry exists for these files and settings: they parsed and built before."""
    where = settings.folder
    return where is not None and any(where.glob(f"desired-{k.files[:40]}-pg*.json"))


def load(settings: CacheSettings, k: CacheKey, major: int) -> Entry | None:
    where = settings.folder
    if where is None:
        return None
    path = k.path(where, major)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("key") != k.files or data.get("major") != major:
            return None
        # kinds and definitions repeat: one string each
        fp = of_objects(tuple(ObjectDef(sys.intern(a), b, sys.intern(c)) for a, b, c in data["objects"]))
        if fp.digest != data["digest"]:  # a damaged entry
            return None
        os.utime(path)  # kept by use (see `_prune`)
        return Entry(fp, tuple(str(i) for i in data["inventory"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def store(settings: CacheSettings, k: CacheKey, major: int, entry: Entry) -> None:
    where = settings.folder
    if where is None:
        return
    data = {
        "format": FORMAT,
        "key": k.files,
        "major": major,
        "schema_digest": k.schema_digest,
        "digest": entry.fingerprint.digest,
        "objects": [[o.kind, o.name, o.definition] for o in entry.fingerprint.objects],
        "inventory": list(entry.inventory),
    }
    with contextlib.suppress(OSError):
        where.mkdir(mode=0o700, parents=True, exist_ok=True)
        # Written whole, then renamed: a concurrent reader sees the old entry or the new one.
        fd, tmp = tempfile.mkstemp(prefix=".desired-", dir=where)
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(tmp, k.path(where, major))
        _prune(where)


@cache
def _side_digest() -> str:
    """Pickled objects are only as good as the classes that read them back: every module of the
    package and the diff engine's version."""
    from importlib import metadata

    root = Path(__file__).resolve().parent.parent  # the package
    h = hashlib.sha256(code_digest().encode())
    for name in ("migra", "schemainspect", "sqlalchemy"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            h.update(f"{name}={metadata.version(name)}\0".encode())
    for p in sorted(root.rglob("*.py")):
        h.update(p.relative_to(root).as_posix().encode() + b"\0" + p.read_bytes() + b"\0")
    return h.hexdigest()


def _side_path(where: Path, k: CacheKey, major: int) -> Path:
    return k.path(where, major).with_suffix(".side")


def rows_path(settings: CacheSettings, k: CacheKey, major: int) -> Path | None:
    """Where the rows of a `DesiredSide`'s reading go (an SQLite file beside it), or None when the
    cache is off or the entry missing; private to this user like the side."""
    where = settings.folder
    if where is None or not k.path(where, major).exists():
        return None
    return _side_path(where, k, major).with_suffix(".rows")


def store_side(settings: CacheSettings, k: CacheKey, major: int, side: DesiredSide) -> None:
    """Next to the entry; written only by this user, and read back only if nobody else could write it."""
    where = settings.folder
    if where is None or not k.path(where, major).exists():
        return
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".side-", dir=where)  # mode 0600
        with os.fdopen(fd, "wb") as out:
            out.write(SIDE_MAGIC + _side_digest().encode() + b"\n")
            # Streamed through gzip: no second copy of a large inspection in memory.
            with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=1) as packed:
                pickle.dump(side, packed, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, _side_path(where, k, major))
    except Exception:  # unwritable, or an object the engine holds that does not pickle: no entry, no error
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def load_side(settings: CacheSettings, k: CacheKey, major: int) -> DesiredSide | None:
    where = settings.folder
    if where is None:
        return None
    path = _side_path(where, k, major)
    try:
        st = path.stat()
        # A pickle runs code when read: only this user's own file, writable by nobody else.
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            return None
        with path.open("rb") as f:
            if f.readline() != SIDE_MAGIC + _side_digest().encode() + b"\n":
                return None
            with gzip.GzipFile(fileobj=f, mode="rb") as packed:
                side = pickle.load(packed)
        if not isinstance(side, DesiredSide) or side.stored is None:
            return None
        # its rows are unpickled too: the same rule
        rows = Path(side.stored.rows).stat()
        return side if rows.st_uid == os.getuid() and not rows.st_mode & 0o022 else None
    except Exception:  # missing, damaged or from another tool: a miss
        return None


PROOFS_KEPT = 16  # proofs remembered per entry (the newest)


def _proofs_path(where: Path, k: CacheKey, major: int) -> Path:
    return k.path(where, major).with_suffix(".proofs")


def _proofs(settings: CacheSettings, k: CacheKey, major: int) -> list[dict[str, Any]]:
    """The proofs plans of this schema/ passed (newest first); only this user's own file, which
    nobody else could write: a record here stands for a proof that ran."""
    where = settings.folder
    if where is None:
        return []
    path = _proofs_path(where, k, major)
    try:
        st = path.stat()
        if st.st_uid != os.getuid() or st.st_mode & 0o022:
            return []
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != FORMAT or data.get("key") != k.files or data.get("code") != _side_digest():
            return []
        return [r for r in data.get("proofs", []) if isinstance(r, dict)]
    except (OSError, ValueError, AttributeError):
        return []


def proven(settings: CacheSettings, k: CacheKey, major: int, digest: str) -> dict[str, Any] | None:
    """The record `remember_proof` kept of a proof whose inputs digest to `digest`, if any (and
    whole: a record missing a field is a miss)."""
    for r in _proofs(settings, k, major):
        if r.get("digest") == digest:
            fields = ("plan", "at", "copy_method")
            failure = r.get("rollback_failure")
            whole = all(isinstance(r.get(f), str) for f in fields) and isinstance(r.get("steps"), list)
            whole = whole and all(isinstance(s, str) for s in r["steps"])
            whole = whole and (failure is None or (isinstance(failure, dict) and {"step", "message"} <= set(failure)))
            return r if whole else None
    return None


def proven_against(settings: CacheSettings, k: CacheKey, major: int, target_digest: str) -> bool:
    """Whether a plan of this schema/ was proven against a target with this fingerprint (its proof
    is then likely to be reused: the plan needs no scratch database up front)."""
    return any(r.get("target") == target_digest for r in _proofs(settings, k, major))


def remember_proof(settings: CacheSettings, k: CacheKey, major: int, record: dict[str, Any]) -> None:
    """Keep `record` (`digest`: what the proof's outcome depends on; `target`: the target's
    fingerprint digest) beside the entry, private to this user."""
    where = settings.folder
    if where is None or not k.path(where, major).exists():
        return
    kept = [r for r in _proofs(settings, k, major) if r.get("digest") != record.get("digest")]
    data = {"format": FORMAT, "key": k.files, "code": _side_digest(), "proofs": [record, *kept][:PROOFS_KEPT]}
    tmp = ""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".proofs-", dir=where)  # mode 0600
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out)
        os.replace(tmp, _proofs_path(where, k, major))
    except OSError:
        if tmp:
            with contextlib.suppress(OSError):
                os.unlink(tmp)


def _prune(where: Path) -> None:
    entries = sorted(where.glob("desired-*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        with contextlib.suppress(OSError):
            old.unlink()
        for suffix in (".side", ".rows", ".proofs"):
            with contextlib.suppress(OSError):
                old.with_suffix(suffix).unlink()
