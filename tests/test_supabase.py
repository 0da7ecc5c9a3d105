"""The Supabase profile (`profile: supabase`) against a Supabase-like target, on real PostgreSQL.

The target is simulated by loading the profile's own prelude (roles, auth, storage, extensions)
into it first, as a Supabase project has them before its migrations. tests/supabase/schema/ holds
what a project owns there: an FK to auth.users, policies on auth.uid(), a trigger on auth.users,
policies on storage.objects, an unqualified call to pgcrypto (in `extensions`, on Supabase's
search_path). One PostgreSQL version (15, Supabase's usual major): the profile does not depend on
the version, and the cases of tests/cases cover the engine per version.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import Server, ServerPool, _required, plan_json
from reconciler.core.config import load_config
from reconciler.core.errors import EXIT_OUT_OF_BAND
from reconciler.core.profiles import SUPABASE_SCHEMAS, prelude_paths
from reconciler.core.profiles import get as get_profile
from reconciler.pg.db import connection, execute, fetch_all

DATA = Path(__file__).parent / "supabase"
PRELUDE = prelude_paths(get_profile("supabase", "test"))[0].read_text(encoding="utf-8")


@pytest.fixture
def server(pool: ServerPool) -> Iterator[Server]:
    """PostgreSQL 15: the major most Supabase projects run, and the one here whose server ships
    contrib (pgcrypto, uuid-ossp), which Supabase installs in `extensions`."""
    got: Server | str | None = pool.external if pool.external and pool.external.major == 15 else pool.get(15)
    if not isinstance(got, Server):
        if 15 in _required():
            pytest.fail(f"PostgreSQL 15 is required (RECONCILE_TEST_REQUIRE_VERSIONS) but: {got}")
        pytest.skip(f"the Supabase profile test runs on PostgreSQL 15: {got}")
    yield got
    got.drop_created()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(DATA / "schema", tmp_path / "schema")
    shutil.copy(DATA / "reconcile.yaml", tmp_path / "reconcile.yaml")
    return tmp_path


def test_supabase_project_plans_proves_applies_and_is_clean(server: Server, cli: Any, project: Path) -> None:
    target = server.create_db(PRELUDE)
    # A policy or role change is an AUTHZ_CHANGE (an error by default): this plan is reviewed.
    plan = plan_json(cli, server, target, "--allow-hazards", "AUTHZ_CHANGE")
    assert plan["changes"] > 0
    migration = Path(plan["migration"]).read_text(encoding="utf-8")
    assert "proof: skipped" not in migration
    for name in ("profiles_id_fkey", "on_auth_user_created", "avatars_owner_read", "profiles_select_own", "invites"):
        assert name in migration, f"{name} not planned:\n{migration}"
    r = cli("apply", plan["migration"], "--target", target.conninfo, "--yes")
    assert r.code == 0, r.err
    r = cli("drift", "--target", target.conninfo, "--scratch", server.url())
    assert r.code == 0, r.out + r.err

    # The trigger on auth.users works: a sign-up gets its profile row.
    with connection(target) as conn:
        execute(
            conn,
            "INSERT INTO auth.users (id, raw_user_meta_data) "
            "VALUES ('00000000-0000-0000-0000-000000000001', '{\"username\": \"ada\"}')",
        )
        assert fetch_all(conn, "SELECT username FROM public.profiles") == [("ada",)]
        execute(conn, "INSERT INTO public.invites (invited_by) VALUES ('00000000-0000-0000-0000-000000000001')")
        assert fetch_all(conn, "SELECT length(code) FROM public.invites") == [(18,)]  # pgcrypto's default

    # Supabase's own objects are not the project's: a change there is no drift (nor is the prelude
    # loaded again, as over a supabase/postgres image that has it all)…
    with connection(target) as conn:
        execute(conn, PRELUDE)
        execute(conn, "ALTER TABLE auth.users ADD COLUMN IF NOT EXISTS platform_added text")
        execute(conn, "CREATE TABLE storage.migrations (id integer PRIMARY KEY)")
    r = cli("drift", "--target", target.conninfo, "--scratch", server.url())
    assert r.code == 0, r.out + r.err
    # …but a policy on storage.objects or a trigger on auth.users that schema/ lacks is.
    with connection(target) as conn:
        execute(conn, "CREATE POLICY avatars_public_read ON storage.objects FOR SELECT USING (bucket_id = 'public')")
        execute(
            conn,
            "CREATE TRIGGER on_auth_user_updated AFTER UPDATE ON auth.users "
            "FOR EACH ROW EXECUTE FUNCTION public.handle_new_user()",
        )
    r = cli("drift", "--target", target.conninfo, "--scratch", server.url())
    assert r.code == EXIT_OUT_OF_BAND, r.out + r.err  # changed on the target after the apply
    assert "avatars_public_read" in r.out and "on_auth_user_updated" in r.out, r.out


# command -> argv after it (before --target): every command that reads the target refuses port 6543.
POOLER_CASES = {
    "plan": ("plan", "--schema-dir", "schema"),
    "drift": ("drift", "--schema-dir", "schema"),
    "apply": ("apply", "no-such-plan.sql", "--yes"),
    "types": ("types", "--schema-dir", "schema"),
}


@pytest.mark.parametrize("case", sorted(POOLER_CASES))
def test_transaction_pooler_is_refused_naming_the_session_pooler(case: str, cli: Any, project: Path) -> None:
    url = "postgresql://postgres.ref:s3cret-pw@aws-0-eu-west-1.pooler.supabase.com:6543/postgres"
    r = cli(*POOLER_CASES[case], "--target", url)
    assert r.code == 1, r.out + r.err
    assert "transaction pooler" in r.err and "session pooler (port 5432" in r.err, r.err
    assert "s3cret-pw" not in r.out + r.err


# reconcile.yaml -> (exclude_schemas, include_objects) the profile merges under the user's settings.
CONFIG_CASES = {
    "profile_defaults": ("profile: supabase\n", None, None),
    "user_rules_extend": (
        "profile: supabase\nexclude_schemas: [legacy]\ninclude_objects: ['policy realtime.messages.*']\n",
        "legacy",
        "policy realtime.messages.*",
    ),
}


@pytest.mark.parametrize("case", sorted(CONFIG_CASES))
def test_profile_merges_under_the_users_settings(case: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    text, extra_schema, extra_rule = CONFIG_CASES[case]
    (tmp_path / "reconcile.yaml").write_text(text)
    for var in [v for v in os.environ if v.startswith("RECONCILE_") and not v.startswith("RECONCILE_TEST")]:
        monkeypatch.delenv(var)
    cfg = load_config(cwd=tmp_path)
    f = cfg.schema_filter
    assert set(SUPABASE_SCHEMAS) <= set(f.exclude)
    assert f.manages_object("trigger", "auth", "auth.users.on_auth_user_created")
    assert f.manages_object("policy", "storage", "storage.objects.avatars_owner_read")
    assert not f.manages_object("table", "auth", "auth.users")
    assert not f.manages_object("function", "storage", "storage.foldername(text)")
    assert f.manages_object("table", "public", "public.profiles")
    assert cfg.scratch_prelude[0].name == "supabase.sql" and cfg.scratch_prelude[0].is_file()
    if extra_schema:
        assert extra_schema in f.exclude
    if extra_rule:
        assert f.manages_object("policy", "realtime", "realtime.messages.x")


def test_unknown_profile_names_the_known_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reconciler.core.errors import ConfigError

    (tmp_path / "reconcile.yaml").write_text("profile: supabse\n")
    monkeypatch.delenv("RECONCILE_PROFILE", raising=False)
    with pytest.raises(ConfigError) as exc:
        load_config(cwd=tmp_path)
    assert "unknown profile 'supabse'" in exc.value.render() and "supabase" in (exc.value.hint or "")
