"""Profiles (`profile:` in reconcile.yaml): defaults for a hosting platform, merged under the user's settings.

`supabase`: a scratch prelude with Supabase's roles, `auth`, `storage` and `extensions` schemas
(`reconciler/preludes/supabase.sql`), Supabase's internal schemas excluded while the project's own
triggers on auth.users and policies on storage tables stay managed, and the transaction pooler
(port 6543) refused for every command that needs one session. Imports `db`, `errors`, `model`.
"""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .errors import ConfigError
from .model import ObjectRule


@dataclass(frozen=True, slots=True)
class Profile:
    name: str
    preludes: tuple[str, ...]  # files under reconciler/preludes/, loaded before the user's scratch_prelude
    exclude_schemas: tuple[str, ...]  # added to the user's exclude_schemas
    include_objects: tuple[ObjectRule, ...]  # added to the user's include_objects


# Schemas Supabase's CLI treats as internal (pkg/migration/dump.go InternalSchemas, internal/db/diff
# managedSchemas): created and upgraded by the platform, never by a project's migrations.
SUPABASE_SCHEMAS = (
    "_analytics", "_realtime", "_supavisor", "auth", "cron", "dbdev", "etl", "extensions", "graphql",
    "graphql_public", "net", "pgbouncer", "pgmq", "pgsodium", "pgsodium_masks", "pgtle", "realtime",
    "repack", "storage", "supabase_functions", "supabase_migrations", "tiger", "tiger_data", "topology",
    "vault",
)  # fmt: skip

# What projects own inside those schemas (Supabase's own differ diffs auth, storage and realtime for
# triggers and RLS policies only): `on_auth_user_created` on auth.users, policies on storage tables.
# Foreign keys to auth.users live on the project's own tables and are managed with them.
SUPABASE_OBJECTS = (
    ObjectRule("trigger", "auth.users.*"),
    ObjectRule("policy", "storage.objects.*"),
    ObjectRule("policy", "storage.buckets.*"),
)

PROFILES = {
    "supabase": Profile(
        name="supabase",
        preludes=("supabase.sql",),
        exclude_schemas=SUPABASE_SCHEMAS,
        include_objects=SUPABASE_OBJECTS,
    ),
}


def get(name: str, where: str) -> Profile:
    """The profile called `name`; `where` names the setting in the error (file, env or flag)."""
    try:
        return PROFILES[name]
    except KeyError:
        raise ConfigError(
            f"{where}: unknown profile {name!r}",
            hint=f"profiles: {', '.join(sorted(PROFILES))}; remove `profile:` for a plain PostgreSQL target",
        ) from None


def prelude_paths(profile: Profile) -> tuple[Path, ...]:
    """The profile's prelude files, shipped inside the package."""
    root = resources.files("reconciler") / "preludes"
    return tuple(Path(str(root / name)) for name in profile.preludes)


def merged(
    profile: Profile | None, exclude_schemas: tuple[str, ...], include_objects: tuple[ObjectRule, ...]
) -> tuple[tuple[str, ...], tuple[ObjectRule, ...]]:
    """The user's schema exclusions and object rules extended by the profile's (user's first, no duplicates)."""
    if profile is None:
        return exclude_schemas, include_objects
    schemas = (*exclude_schemas, *(s for s in profile.exclude_schemas if s not in exclude_schemas))
    rules = (*include_objects, *(r for r in profile.include_objects if r not in include_objects))
    return schemas, rules
