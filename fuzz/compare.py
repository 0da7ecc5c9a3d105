"""An independent comparator: two databases' schemas as pg_dump prints them, normalised.

Not reconcile's fingerprint, not migra: `pg_dump --schema-only` of each side, split into its
objects (the `-- Name: …; Type: …; Schema: …` headers), each object's text normalised, and the two
multisets compared. Normalising removes only what is not schema: session SET lines, pg_dump's
comment lines and `\\restrict` keys, the owner, and the order of a table's columns (reconcile adds
a column at the end and cannot reorder them; PostgreSQL gives no way to).
"""

from __future__ import annotations

import difflib
import os
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from reconciler.pg.db import Dsn

# reconcile's own schemas (history and archive) are not the user's schema
EXCLUDED_SCHEMAS = ("reconcile", "reconcile_archive")
_HEADER = re.compile(r"^-- (?:Data for )?Name: (?P<name>.*?); Type: (?P<type>.*?); Schema: (?P<schema>.*?);")
_NOISE = re.compile(r"^(SET |SELECT pg_catalog\.set_config|\\restrict|\\unrestrict|--)")


@dataclass(frozen=True)
class Dump:
    objects: tuple[tuple[str, str], ...]  # (header, normalised text), sorted

    def diff(self, other: Dump, labels: tuple[str, str] = ("a", "b")) -> str:
        a = [line for h, text in self.objects for line in (f"## {h}", *text.splitlines())]
        b = [line for h, text in other.objects for line in (f"## {h}", *text.splitlines())]
        return "\n".join(difflib.unified_diff(a, b, *labels, lineterm="", n=1))


def dump(pg_dump: Path, dsn: Dsn) -> Dump:
    params = dsn.params()
    env = dict(os.environ)
    if params.get("password"):
        env["PGPASSWORD"] = str(params.pop("password"))
    conninfo = " ".join(f"{k}='{v}'" for k, v in params.items() if v is not None)
    args = [str(pg_dump), "--schema-only", "--no-owner", *(f"--exclude-schema={s}" for s in EXCLUDED_SCHEMAS)]
    res = subprocess.run([*args, "-d", conninfo], capture_output=True, text=True, env=env, timeout=300)
    if res.returncode != 0:
        raise RuntimeError(f"pg_dump failed: {res.stderr.strip()}")
    return parse(res.stdout)


def parse(text: str) -> Dump:
    blocks: list[tuple[str, list[str]]] = []
    for line in text.splitlines():
        m = _HEADER.match(line)
        if m:
            blocks.append((f"{m['type']} {m['schema']}.{m['name']}", []))
            continue
        if _NOISE.match(line) or not line.strip() or not blocks:
            continue
        blocks[-1][1].append(line.rstrip())
    return Dump(tuple(sorted((h, _normalise(h, lines)) for h, lines in blocks)))


def _normalise(header: str, lines: list[str]) -> str:
    if header.startswith("TABLE ") and lines and lines[0].startswith("CREATE") and lines[0].endswith("("):
        end = next((i for i, line in enumerate(lines) if line.startswith(")")), None)
        if end is not None:
            columns = sorted(line.strip().rstrip(",") for line in lines[1:end])
            return "\n".join([lines[0], *(f"    {c}" for c in columns), *lines[end:]])
    return "\n".join(lines)


def same(a: Dump, b: Dump) -> bool:
    return a.objects == b.objects
