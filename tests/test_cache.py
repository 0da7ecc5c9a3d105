"""The desired side's cache (reconciler/engine/cache.py): a hit needs no scratch database, every key part
invalidates it.

Observed from outside: after a first `drift` has built scratch and cached schema/'s fingerprint,
the same check with `--scratch` pointing at a server that does not exist succeeds only when the
cache answers (a hit); a miss must build scratch there and fails. Each case changes one key part
and must miss. The same target stays in sync throughout, so a stale hit would pass: every case can fail.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import Server
from reconciler.engine import cache

SCHEMA = (
    "create type public.mood as enum ('happy', 'sad');\n"
    "create table public.users (id bigint primary key, email text not null, mood public.mood);\n"
    "create index users_email on public.users (email);\n"
)
NOWHERE = "postgresql://reconcile@127.0.0.1:9/nowhere?connect_timeout=3"


def _touch_schema(ws: Path, args: list[str], mp: pytest.MonkeyPatch) -> None:
    with (ws / "schema" / "10_app.sql").open("a") as f:
        f.write("-- a comment: same schema, other bytes\n")


def _new_file(ws: Path, args: list[str], mp: pytest.MonkeyPatch) -> None:
    (ws / "schema" / "20_more.sql").write_text("comment on table public.users is null;\n")


def _prelude(ws: Path, args: list[str], mp: pytest.MonkeyPatch) -> None:
    (ws / "prelude.sql").write_text("select 1;\n")
    args += ["--scratch-prelude", str(ws / "prelude.sql")]


def _tool_version(ws: Path, args: list[str], mp: pytest.MonkeyPatch) -> None:
    mp.setattr(cache, "__version__", "0.0.0+another")
    cache.code_digest.cache_clear()


def _server_major(ws: Path, args: list[str], mp: pytest.MonkeyPatch) -> None:
    # The entry as another major version's server would have left it.
    for entry in (ws / "cache").glob("desired-*-pg*.json"):
        data = json.loads(entry.read_text())
        data["major"] = 99
        entry.with_name(entry.name.rsplit("-pg", 1)[0] + "-pg99.json").write_text(json.dumps(data))
        entry.unlink()


def _damaged(ws: Path, args: list[str], mp: pytest.MonkeyPatch) -> None:
    for entry in (ws / "cache").glob("desired-*.json"):
        entry.write_text(entry.read_text()[:100])


def _flags(*flags: str) -> Callable[[Path, list[str], pytest.MonkeyPatch], None]:
    def change(ws: Path, args: list[str], mp: pytest.MonkeyPatch) -> None:
        args += list(flags)

    return change


def _env(var: str, value: str) -> Callable[[Path, list[str], pytest.MonkeyPatch], None]:
    def change(ws: Path, args: list[str], mp: pytest.MonkeyPatch) -> None:
        mp.setenv(var, value)

    return change


# (case, what changes before the second run, whether the cache must answer)
CASES = [
    ("unchanged", _flags(), True),
    ("schema_file_bytes", _touch_schema, False),
    ("schema_file_added", _new_file, False),
    ("prelude", _prelude, False),
    ("exclude_schema", _flags("--exclude-schema", "audit"), False),
    ("include_schema", _flags("--include-schema", "public"), False),
    ("exclude_object", _flags("--exclude-object", "table public.nothing"), False),
    ("privileges", _flags("--privileges", "ignored"), False),
    ("allow_version_mismatch", _flags("--allow-version-mismatch"), False),
    ("tool_version", _tool_version, False),
    ("server_major", _server_major, False),
    ("damaged_entry", _damaged, False),
    ("no_cache_flag", _flags("--no-cache"), False),
    ("cache_off_by_env", _env("RECONCILE_CACHE", "false"), False),
]


@pytest.mark.parametrize(("case", "change", "hit"), CASES, ids=[c[0] for c in CASES])
def test_cache_hit_and_invalidation(
    case: str,
    change: Callable[[Path, list[str], pytest.MonkeyPatch], None],
    hit: bool,
    pg: Server,
    cli: Any,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    if pg.major != 16:
        pytest.skip("the cache keys a server by its major version only: one version covers it (16)")
    monkeypatch.setenv("RECONCILE_CACHE_DIR", str(tmp_path / "cache"))
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "10_app.sql").write_text(SCHEMA)
    target = pg.create_db(SCHEMA).conninfo
    first = cli("drift", "--target", target, "--scratch", pg.url(), "--format", "json")
    assert first.code == 0, first.err
    assert list((tmp_path / "cache").glob("desired-*-pg16.json")), "the first run cached nothing"

    args = ["drift", "--target", target, "--format", "json"]
    change(tmp_path, args, monkeypatch)
    second = cli(*args, "--scratch", NOWHERE)
    if hit:
        assert second.code == 0, f"expected a cache hit (no scratch needed):\n{second.err}"
        # The fast path reports what the full path reported, schema digest included.
        assert second.last_json == first.last_json
    else:
        assert second.code == 1, f"expected a cache miss ({case}) to need the scratch server:\n{second.out}"
        assert "127.0.0.1" in second.err, second.err


def test_plan_in_sync_from_the_cache_and_a_change_builds_again(pg: Server, cli: Any, tmp_path: Path) -> None:
    if pg.major != 16:
        pytest.skip("the cache keys a server by its major version only: one version covers it (16)")
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "10_app.sql").write_text(SCHEMA)
    target = pg.create_db(SCHEMA).conninfo
    assert cli("plan", "--target", target, "--scratch", pg.url()).code == 0
    hit = cli("plan", "--target", target, "--scratch", NOWHERE)
    assert hit.code == 0 and "No changes" in hit.out, hit.err
    # The target moved on: the cached fingerprint no longer matches, so plan builds scratch again.
    pg_target = pg.create_db(SCHEMA + "create table public.extra (id int);\n").conninfo
    miss = cli("plan", "--target", pg_target, "--scratch", NOWHERE, "--allow-destructive")
    assert miss.code == 1 and "127.0.0.1" in miss.err, miss.err


def _statements(plans: Path) -> list[str]:
    """The SQL of the forward and rollback files, without their comment headers (names, times)."""
    return [
        "\n".join(line for line in f.read_text().splitlines() if not line.startswith("--"))
        for f in sorted(plans.glob("*.sql"), key=lambda p: p.name.endswith(".rollback.sql"))
    ]


def test_plan_against_a_target_that_differs_reuses_the_cached_desired_side(
    pg: Server, cli: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A plan caches what it read from the built scratch (the diff engine's inspection, online and
    hazard facts): the next plan of the same schema/ against a target that differs builds nothing,
    and writes the same statements. A damaged entry, or one that others could write, is a miss."""
    if pg.major != 16:
        pytest.skip("the cache keys a server by its major version only: one version covers it (16)")
    monkeypatch.setenv("RECONCILE_CACHE_DIR", str(tmp_path / "cache"))
    pg.create_role("cache_reader")
    grant = "grant select on public.users to cache_reader;\n"
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "10_app.sql").write_text(SCHEMA + grant)
    before = "create table public.users (id bigint primary key, email text);\n" + grant

    def plan(out: str, scratch: str = pg.url()) -> dict[str, Any]:
        target = pg.create_db(before).conninfo
        r = cli("plan", "--target", target, "--scratch", scratch, "--out", out, "--format", "json")
        assert r.code == 0, r.err
        assert str(r.last_json["proof"]).startswith("passed"), r.last_json
        return r.last_json

    cold = plan("cold")
    assert "not built" not in cold["scratch"], cold
    (side,) = (tmp_path / "cache").glob("desired-*-pg16.side")
    # The cold plan's proof is remembered: forgotten here, so that this plan proves again.
    (proofs,) = (tmp_path / "cache").glob("desired-*-pg16.proofs")
    proofs.unlink()
    # An embedded scratch cluster has none of the target's roles: the copy of the target (its grant
    # to cache_reader) needs them although schema/ is not built there.
    warm = plan("warm", "embedded")
    assert "not built" in warm["scratch"], warm
    assert "not run again" not in warm["proof"], warm
    assert warm["summary"] == cold["summary"] and warm["hazards"] == cold["hazards"], (cold, warm)
    assert _statements(tmp_path / "warm") == _statements(tmp_path / "cold")
    # Its proof remembered, the same plan again needs no scratch database at all.
    again = plan("again", "embedded")
    assert "not run again" in again["proof"] and again["scratch"].startswith("none: "), again
    assert _statements(tmp_path / "again") == _statements(tmp_path / "cold")
    # A record others could have written, or one missing a field, stands for nothing: proven again.
    proofs.chmod(0o666)
    assert "not run again" not in plan("shared proofs", "embedded")["proof"]
    proofs.write_text(re.sub(r'"steps": \[[^]]*\], ', "", proofs.read_text()))
    assert "not run again" not in plan("damaged proofs", "embedded")["proof"]

    side.chmod(0o666)  # others could have written it: not read
    assert "not built" not in plan("shared")["scratch"]
    side.write_bytes(side.read_bytes()[:-100])  # damaged (rewritten 0600 by the plan above, then cut)
    assert "not built" not in plan("damaged")["scratch"]
