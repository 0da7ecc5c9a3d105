"""`reconcile types`: golden files per case folder in tests/typegen/, on real PostgreSQL 16.

Each folder has `case.yaml` (`schema_dir` and `scratch_prelude` relative to the repository,
`schemas` to generate) and the goldens `expected.ts` and `expected.py`. `app` is the repository's
own schema/ (pgvector: PostgreSQL 16 from the pgserver wheel). The schema is built once per case
and both languages are rendered from its catalog; the generated files must also compile
(Python: compile() and mypy --strict; TypeScript: tsc --strict when a compiler is installed).
TYPEGEN_REGEN=1 rewrites the goldens (review them as diffs).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from conftest import REPO, Server, ServerPool, _required, plan_json
from reconciler.commands.settings import source as source_settings
from reconciler.commands.typegen import read_catalog, render
from reconciler.core.config import load_config
from reconciler.engine.scratch.build import build
from reconciler.engine.source import load_source

CASES_DIR = Path(__file__).parent / "typegen"
CASES = sorted(p.name for p in CASES_DIR.iterdir() if (p / "case.yaml").is_file())
GOLDEN = {"typescript": "expected.ts", "python": "expected.py"}
REGEN = os.environ.get("TYPEGEN_REGEN") == "1"


@pytest.fixture(scope="module")
def pg16(pool: ServerPool) -> Iterator[Server]:
    """PostgreSQL 16 (pgvector, which the app's schema creates); type generation does not depend on
    the version beyond that."""
    server = pool.external if pool.external and pool.external.major == 16 else pool.get(16)
    if isinstance(server, str) or server is None:
        if 16 in _required():
            pytest.fail(f"PostgreSQL 16 is required (RECONCILE_TEST_REQUIRE_VERSIONS) but: {server}")
        pytest.skip(f"type generation tests run on PostgreSQL 16 with pgvector: {server}")
    yield server
    server.drop_created()


def _case(case: str) -> dict[str, Any]:
    meta: dict[str, Any] = yaml.safe_load((CASES_DIR / case / "case.yaml").read_text())
    assert set(meta) <= {"schema_dir", "scratch_prelude", "schemas"}, f"{case}: unknown keys"
    return meta


def _config(meta: dict[str, Any], monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Any:
    for var in [v for v in os.environ if v.startswith("RECONCILE_") and not v.startswith("RECONCILE_TEST")]:
        monkeypatch.delenv(var)
    return load_config(
        {
            "schema_dir": str(REPO / meta["schema_dir"]),
            "scratch_prelude": [str(REPO / p) for p in meta.get("scratch_prelude") or ()] or None,
        },
        cwd=tmp_path,
    )


@pytest.fixture(scope="module")
def generated(pg16: Server, tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, str]]:
    """case -> lang -> generated text; one scratch build per case."""
    out: dict[str, dict[str, str]] = {}
    mp = pytest.MonkeyPatch()
    try:
        for case in CASES:
            meta = _case(case)
            cfg = _config(meta, mp, tmp_path_factory.mktemp(case))
            db = pg16.create_db(prefix="typegen")
            build(db, load_source(source_settings(cfg)))
            catalog = read_catalog(db, meta["schemas"])
            out[case] = {lang: render(catalog, lang) for lang in GOLDEN}
    finally:
        mp.undo()
    return out


@pytest.mark.parametrize("lang", sorted(GOLDEN))
@pytest.mark.parametrize("case", CASES)
def test_golden(case: str, lang: str, generated: dict[str, dict[str, str]]) -> None:
    path = CASES_DIR / case / GOLDEN[lang]
    text = generated[case][lang]
    if REGEN:
        path.write_text(text, encoding="utf-8")
    assert path.is_file(), f"{path} missing: run TYPEGEN_REGEN=1 pytest tests/test_typegen.py"
    assert text == path.read_text(encoding="utf-8"), f"{path} differs: TYPEGEN_REGEN=1 regenerates it (review the diff)"


def test_python_output_compiles_and_type_checks(generated: dict[str, dict[str, str]], tmp_path: Path) -> None:
    files = []
    for case in CASES:
        text = generated[case]["python"]
        compile(text, f"{case}.py", "exec")
        path = tmp_path / f"{case}_types.py"
        path.write_text(text, encoding="utf-8")
        files.append(str(path))
    r = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--no-incremental", *files],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def _tsc() -> str | None:
    local = REPO / "node_modules" / ".bin" / "tsc"
    return os.environ.get("RECONCILE_TEST_TSC") or shutil.which("tsc") or (str(local) if local.exists() else None)


# Uses of the generated types as Supabase users write them; each must type-check against the output.
TS_USES = {
    "app": """
type User = Database["public"]["Tables"]["users"]["Row"]
const u: User = {
  id: "x", phone_number: "+571234567", name: null, preferences: {}, created_at: "", updated_at: "",
}
const ins: TablesInsert<"users"> = { phone_number: "+571234567" }
const t: Enums<"msg_type"> = "sticker"
const mt: Tables<"messages_v2">["type"] = Constants.public.Enums.msg_type[0]
type Costs = Database["public"]["Functions"]["ai_daily_costs"]["Returns"][number]["cost_usd"]
const c: Costs = 1.5
export { u, ins, t, mt, c }
""",
    "features": """
const a: TablesInsert<"accounts"> = { email: "a@b", balance: 1 }
// @ts-expect-error identity ALWAYS cannot be inserted
const b: TablesInsert<"accounts"> = { email: "a@b", balance: 1, id: 3 }
const v: Tables<"account_totals"> = { accounts: null, balance: null }
const i: Tables<{ schema: "billing" }, "invoices">["status"] = "paid"
const h: CompositeTypes<"address"> = { street: null, zip: 1 }
const r: Database["public"]["Functions"]["rich_accounts"]["Returns"][number]["email"] = "a@b"
// @ts-expect-error an expression column cannot be written through a view
const w: Database["public"]["Views"]["active_accounts"]["Update"] = { label: "X" }
export { a, b, v, i, h, r, w }
""",
}


def test_typescript_output_type_checks(generated: dict[str, dict[str, str]], tmp_path: Path) -> None:
    """Every case's output and its uses, in one tsc run (a run costs seconds)."""
    tsc = _tsc()
    if tsc is None:
        pytest.skip(
            "no TypeScript compiler: `npm install typescript` at the repository root, or set RECONCILE_TEST_TSC"
        )
    names = "Constants, type Database, type Tables, type TablesInsert, type Enums, type CompositeTypes"
    uses = []
    for case in CASES:
        (tmp_path / case).mkdir()
        (tmp_path / case / "database.types.ts").write_text(generated[case]["typescript"], encoding="utf-8")
        text = f'import {{ {names} }} from "./database.types"\n' + TS_USES.get(case, "export {}\n")
        (tmp_path / case / "use.ts").write_text(text, encoding="utf-8")
        uses.append(f"{case}/use.ts")
    r = subprocess.run(
        [tsc, "--strict", "--noEmit", "--target", "es2020", "--moduleResolution", "node", *uses],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert r.returncode == 0, r.stdout + r.stderr


def test_types_command_writes_the_golden(pg16: Server, cli: Any, tmp_path: Path) -> None:
    """`reconcile types --out` through the CLI (scratch from schema/ as plan builds it); a second run
    leaves the file unchanged."""
    shutil.copytree(REPO / "schema", tmp_path / "schema")
    args = ("types", "--lang", "typescript", "--out", "lib/database.types.ts", "--scratch", pg16.url())
    args += ("--scratch-prelude", str(REPO / "prelude" / "supabase_auth.sql"))
    r = cli(*args)
    assert r.code == 0, r.err
    assert "wrote lib/database.types.ts" in r.out, r.out
    golden = (CASES_DIR / "app" / "expected.ts").read_text(encoding="utf-8")
    assert (tmp_path / "lib" / "database.types.ts").read_text(encoding="utf-8") == golden
    # Again, with a configured target that cannot be reached (a laptop without production's
    # credentials): the scratch server is used as is, and the file stays byte-identical.
    r = cli(*args, "--target", "postgresql://nobody@127.0.0.1:1/none")
    assert r.code == 0 and "unchanged lib/database.types.ts" in r.out, r.out + r.err


def test_apply_types_regenerates_from_the_applied_target(pg16: Server, cli: Any, tmp_path: Path) -> None:
    """`apply --types` after a successful apply: the types of the target equal the desired schema's."""
    shutil.copytree(CASES_DIR / "features" / "schema", tmp_path / "schema")
    (tmp_path / "reconcile.yaml").write_text(
        "types_lang: python\ntypes_out: db_types.py\ntypes_schemas: [public, billing]\n"
    )
    target = pg16.create_db()
    r = cli("apply", "nothing.sql", "--target", target.conninfo, "--types")
    assert r.code != 0  # no plan file: nothing is applied, nothing written
    assert not (tmp_path / "db_types.py").exists()
    plan = plan_json(cli, pg16, target)
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes", "--types")
    assert r.code == 0, r.err
    assert "types: wrote db_types.py (python)" in r.out, r.out
    golden = (CASES_DIR / "features" / "expected.py").read_text(encoding="utf-8")
    assert (tmp_path / "db_types.py").read_text(encoding="utf-8") == golden


def test_apply_types_without_types_out_refuses_before_applying(cli: Any, tmp_path: Path) -> None:
    r = cli("apply", "plan.sql", "--target", "postgresql://nobody@127.0.0.1:1/none", "--types")
    assert r.code == 64, r.out + r.err  # a usage error: the settings say nowhere to write
    assert "types_out" in r.err, r.err


# argv after `reconcile`, reconcile.yaml, and what the usage error (exit 64) must say.
USAGE_CASES = {
    "unknown_lang_flag": (("types", "--lang", "rust"), "", "--lang: unknown language 'rust'"),
    "unknown_lang_key": (("types",), "types_lang: go\n", "`types_lang` ("),
    "apply_types_unknown_lang": (
        ("apply", "plan.sql", "--target", "postgresql://nobody@127.0.0.1:1/none", "--types"),
        "types_lang: go\ntypes_out: db.ts\n",
        "unknown language 'go'",
    ),
}


@pytest.mark.parametrize("case", sorted(USAGE_CASES))
def test_types_usage_errors(case: str, cli: Any, tmp_path: Path) -> None:
    argv, config, expected = USAGE_CASES[case]
    (tmp_path / "schema").mkdir()
    (tmp_path / "schema" / "t.sql").write_text("CREATE TABLE t (id int);\n")
    if config:
        (tmp_path / "reconcile.yaml").write_text(config)
    r = cli(*argv)
    assert r.code == 64, r.out + r.err
    assert expected in r.err and "typescript, python" in r.err, r.err
