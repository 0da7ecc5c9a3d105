"""Settings: `reconcile.yaml` (found by walking up from the cwd), `RECONCILE_*` env, and flags.

Precedence: flag > environment > reconcile.yaml > default. Imports `db`, `errors`, `model`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from . import profiles
from .errors import ConfigError
from .model import KIND_FAMILIES, RULE_KINDS, ObjectRule, SchemaFilter

CONFIG_NAME = "reconcile.yaml"
PRIVILEGES = ("managed", "ignored")

# key -> (environment variable, kind)
KEYS: dict[str, tuple[str, str]] = {
    "schema_dir": ("RECONCILE_SCHEMA_DIR", "path"),
    "migrations_dir": ("RECONCILE_MIGRATIONS_DIR", "path"),
    "target": ("RECONCILE_TARGET", "str"),
    "scratch": ("RECONCILE_SCRATCH", "str"),
    "include_schemas": ("RECONCILE_INCLUDE_SCHEMAS", "list"),
    "exclude_schemas": ("RECONCILE_EXCLUDE_SCHEMAS", "list"),
    "scratch_prelude": ("RECONCILE_SCRATCH_PRELUDE", "paths"),
    "docker_image": ("RECONCILE_DOCKER_IMAGE", "str"),
    "allow_version_mismatch": ("RECONCILE_ALLOW_VERSION_MISMATCH", "bool"),
    "lock_wait": ("RECONCILE_LOCK_WAIT", "float"),
    "lock_timeout": ("RECONCILE_LOCK_TIMEOUT", "seconds"),
    "statement_timeout": ("RECONCILE_STATEMENT_TIMEOUT", "seconds"),
    "lock_retries": ("RECONCILE_LOCK_RETRIES", "count"),
    "lock_timeouts": ("RECONCILE_LOCK_TIMEOUTS", "timeouts"),
    "statement_timeouts": ("RECONCILE_STATEMENT_TIMEOUTS", "timeouts"),
    "allow_unmodeled": ("RECONCILE_ALLOW_UNMODELED", "bool"),
    "allow_empty_schema": ("RECONCILE_ALLOW_EMPTY_SCHEMA", "bool"),
    "allow_unproven_rollback": ("RECONCILE_ALLOW_UNPROVEN_ROLLBACK", "bool"),
    "privileges": ("RECONCILE_PRIVILEGES", "privileges"),
    "online": ("RECONCILE_ONLINE", "bool"),
    "archive": ("RECONCILE_ARCHIVE", "bool"),
    "cache": ("RECONCILE_CACHE", "bool"),
    "cache_dir": ("RECONCILE_CACHE_DIR", "path"),
    "exclude_objects": ("RECONCILE_EXCLUDE_OBJECTS", "rules"),
    "hazards": ("RECONCILE_HAZARDS", "levels"),
    "include_objects": ("RECONCILE_INCLUDE_OBJECTS", "rules"),
    "profile": ("RECONCILE_PROFILE", "str"),
    "types_lang": ("RECONCILE_TYPES_LANG", "str"),
    "types_out": ("RECONCILE_TYPES_OUT", "path"),
    "types_schemas": ("RECONCILE_TYPES_SCHEMAS", "list"),
}

DEFAULTS: dict[str, Any] = {
    "schema_dir": "schema",
    "migrations_dir": "migrations",
    "target": None,
    "scratch": "embedded",
    "include_schemas": [],
    "exclude_schemas": [],
    "scratch_prelude": [],
    "docker_image": None,
    "allow_version_mismatch": False,
    "lock_wait": 5.0,
    "lock_timeout": 3.0,  # seconds a step waits for a table lock before it is rolled back and retried
    "statement_timeout": 900.0,  # 15 min: long enough for an index build; 0 = no limit
    "lock_retries": 5,
    # Per statement kind (leading keywords, e.g. "CREATE POLICY", "CREATE INDEX CONCURRENTLY",
    # "VALIDATE CONSTRAINT", "ALTER TABLE"; the most specific configured one wins), in seconds.
    "lock_timeouts": {},
    "statement_timeouts": {},
    "allow_unmodeled": False,
    "allow_empty_schema": False,  # an empty schema/ plans dropping everything: only when asked
    # plan: write a forward plan whose rollback failed its proof (rollback marked unavailable);
    # apply: run such a plan without --backup
    "allow_unproven_rollback": False,
    "privileges": "managed",
    "online": True,  # existing tables get CONCURRENTLY index builds, NOT VALID + VALIDATE, …
    "archive": True,  # dropped tables move to reconcile_archive, dropped columns are copied there first
    "cache": True,  # the desired side's fingerprint by schema digest, tool and server (reconciler/engine/cache.py)
    "cache_dir": None,  # None: $XDG_CACHE_HOME/reconcile, else ~/.cache/reconcile
    "exclude_objects": [],
    "hazards": {},
    "include_objects": [],
    "profile": None,  # e.g. supabase: its prelude, exclusions and object rules (reconciler/core/profiles.py)
    "types_lang": "typescript",  # `reconcile types` / `apply --types`: typescript or python
    "types_out": None,  # file `apply --types` (and `types` without --out) writes
    "types_schemas": ["public"],
}


@dataclass(frozen=True, slots=True)
class Config:
    root: Path
    config_file: Path | None
    schema_dir: Path
    migrations_dir: Path
    target_spec: str | None  # as configured; resolved lazily so commands without a target work
    scratch: str
    schema_filter: SchemaFilter
    scratch_prelude: tuple[Path, ...]
    docker_image: str | None
    allow_version_mismatch: bool
    lock_wait: float
    allow_unmodeled: bool
    sources: dict[str, str] = field(default_factory=dict)  # key -> where its value came from
    hazards: dict[str, str] = field(default_factory=dict)  # hazard kind -> error|warn|allow (over the defaults)
    online: bool = True
    lock_timeout: float = 3.0
    statement_timeout: float = 900.0
    lock_retries: int = 5
    lock_timeouts: dict[str, float] = field(default_factory=dict)  # statement kind -> seconds
    statement_timeouts: dict[str, float] = field(default_factory=dict)
    archive: bool = True
    cache: bool = True
    cache_dir: Path | None = None
    allow_empty_schema: bool = False
    allow_unproven_rollback: bool = False
    profile: str | None = None
    types_lang: str = "typescript"
    types_out: Path | None = None
    types_schemas: tuple[str, ...] = ("public",)

    def display(self, path: Path) -> str:
        """A path as shown in messages: relative to the project root when inside it."""
        return shown(path, self.root)


def shown(path: Path, root: Path) -> str:
    """`path` as shown in messages: relative to `root` (the project root) when inside it."""
    try:
        return str(path.resolve().relative_to(root.resolve()))
    except ValueError:
        return str(path)


def find_config_file(start: Path) -> Path | None:
    env = os.environ.get("RECONCILE_CONFIG")
    if env:
        p = Path(env)
        if not p.is_file():
            raise ConfigError(f"RECONCILE_CONFIG points to {p}, which is not a file")
        return p
    for d in (start, *start.parents):
        candidate = d / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


# Repeatable flags are named in the singular.
_FLAGS = {
    "include_schemas": "--include-schema",
    "exclude_schemas": "--exclude-schema",
    "include_objects": "--include-object",
    "exclude_objects": "--exclude-object",
}


def _rules(key: str, value: Any, where: str) -> list[ObjectRule]:
    """Object rules: a list of "KIND PATTERN" strings or {kind, name} mappings (env: `;`-separated)."""
    if isinstance(value, str):
        value = [v for v in value.split(";") if v.strip()]
    if not isinstance(value, list | tuple):
        raise ConfigError(f"{where}: `{key}` must be a list of rules such as 'trigger auth.users.*'")
    out = []
    for item in value:
        if isinstance(item, dict) and set(item) <= {"kind", "name"} and "name" in item:
            rule = ObjectRule(" ".join(str(item.get("kind", "*")).split()), str(item["name"]))
        elif isinstance(item, str) and item.strip():
            rule = ObjectRule.parse(item)
        else:
            raise ConfigError(f"{where}: `{key}`: {item!r} is not a rule such as 'trigger auth.users.*'")
        if rule.kind not in RULE_KINDS and rule.kind not in KIND_FAMILIES:
            raise ConfigError(
                f"{where}: `{key}`: unknown object kind {rule.kind!r} in {item!r}",
                hint=f"kinds: {', '.join(sorted({*RULE_KINDS, *KIND_FAMILIES}))}",
            )
        out.append(rule)
    return out


def _coerce(key: str, kind: str, value: Any, where: str) -> Any:
    if value is None:
        return None
    if kind == "rules":
        return _rules(key, value, where)
    if kind == "levels":
        # {KIND: error|warn|allow}; in the environment "KIND=level,KIND=level"
        if isinstance(value, str):
            value = dict(item.split("=", 1) for item in value.split(",") if "=" in item)
        if not isinstance(value, dict):
            raise ConfigError(f"{where}: `{key}` must map hazard kinds to error, warn or allow")
        return {str(k).strip().upper(): str(v).strip().lower() for k, v in value.items()}
    if kind == "timeouts":
        # {STATEMENT KIND: seconds}; in the environment "KIND=seconds,KIND=seconds"
        if isinstance(value, str):
            value = dict(item.split("=", 1) for item in value.split(",") if "=" in item)
        if not isinstance(value, dict):
            raise ConfigError(
                f"{where}: `{key}` must map statement kinds to seconds, e.g. {{CREATE POLICY: 1, ALTER TABLE: 2}}"
            )
        return {" ".join(str(k).upper().split()): _coerce(f"{key}: {k}", "seconds", v, where) for k, v in value.items()}
    if kind in ("list", "paths"):
        if isinstance(value, str):
            sep = os.pathsep if kind == "paths" and os.pathsep in value else ","
            value = [v.strip() for v in value.split(sep) if v.strip()]
        if not isinstance(value, list | tuple) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{where}: `{key}` must be a list of strings")
        return list(value)
    if kind == "bool":
        if isinstance(value, bool):
            return value
        s = str(value).strip().lower()
        if s in ("1", "true", "yes", "on"):
            return True
        if s in ("0", "false", "no", "off", ""):
            return False
        raise ConfigError(f"{where}: `{key}` must be true or false, not {value!r}")
    if kind == "privileges":
        if value not in PRIVILEGES:
            raise ConfigError(
                f"{where}: `{key}` must be one of {', '.join(PRIVILEGES)}, not {value!r}",
                hint="`managed` diffs grants, revokes and default privileges; `ignored` leaves every grant alone",
            )
        return value
    if kind in ("seconds", "count"):
        try:
            number = float(value) if kind == "seconds" else int(value)
        except (TypeError, ValueError):
            number = -1
        if number < 0:
            what = "a number of seconds (0 = no limit)" if kind == "seconds" else "a whole number"
            raise ConfigError(f"{where}: `{key}` must be {what}, not {value!r}")
        return number
    if kind == "float":
        try:
            return float(value)
        except (TypeError, ValueError):
            raise ConfigError(f"{where}: `{key}` must be a number, not {value!r}") from None
    if not isinstance(value, str):
        raise ConfigError(f"{where}: `{key}` must be a string")
    return os.path.expandvars(value) if key == "target" else value


def load_config(overrides: dict[str, Any] | None = None, cwd: Path | None = None) -> Config:
    """Resolve every setting; `overrides` are flags (None means not given)."""
    cwd = cwd or Path.cwd()
    file = find_config_file(cwd)
    values: dict[str, Any] = dict(DEFAULTS)
    sources = {k: "default" for k in DEFAULTS}
    if file is not None:
        try:
            data = yaml.safe_load(file.read_text(encoding="utf-8")) or {}
        except yaml.YAMLError as exc:
            raise ConfigError(f"{file}: invalid YAML: {exc}") from None
        if not isinstance(data, dict):
            raise ConfigError(f"{file}: expected a mapping of settings")
        for key, value in data.items():
            if key not in KEYS:
                raise ConfigError(f"{file}: unknown key `{key}`", hint=f"known keys: {', '.join(sorted(KEYS))}")
            values[key] = _coerce(key, KEYS[key][1], value, str(file))
            sources[key] = str(file)
    for key, (env, kind) in KEYS.items():
        if env in os.environ:
            values[key] = _coerce(key, kind, os.environ[env], env)
            sources[key] = env
    for key, value in (overrides or {}).items():
        if value is not None and value != ():
            values[key] = _coerce(key, KEYS[key][1], value, _FLAGS.get(key, f"--{key.replace('_', '-')}"))
            sources[key] = "flag"
    root = file.parent if file is not None else cwd

    def rel(p: str, key: str) -> Path:
        # Paths from reconcile.yaml are relative to its folder; from flags and env, to the cwd.
        path = Path(p)
        base = root if sources[key] in ("default", str(file)) else cwd
        return path if path.is_absolute() else base / path

    include = tuple(values["include_schemas"] or ())
    exclude = tuple(values["exclude_schemas"] or ())
    profile = profiles.get(values["profile"], sources["profile"]) if values["profile"] else None
    exclude, include_objects = profiles.merged(profile, exclude, tuple(values["include_objects"] or ()))
    return Config(
        root=root,
        config_file=file,
        schema_dir=rel(values["schema_dir"], "schema_dir"),
        migrations_dir=rel(values["migrations_dir"], "migrations_dir"),
        target_spec=values["target"] or None,
        scratch=values["scratch"],
        schema_filter=SchemaFilter(
            include,
            exclude,
            exclude_objects=tuple(values["exclude_objects"] or ()),
            include_objects=include_objects,
            privileges=values["privileges"] == "managed",
        ),
        scratch_prelude=(
            *(profiles.prelude_paths(profile) if profile else ()),
            *(rel(p, "scratch_prelude") for p in values["scratch_prelude"] or ()),
        ),
        docker_image=values["docker_image"],
        allow_version_mismatch=bool(values["allow_version_mismatch"]),
        lock_wait=float(values["lock_wait"]),
        allow_unmodeled=bool(values["allow_unmodeled"]),
        sources=sources,
        hazards=dict(values["hazards"] or {}),
        online=bool(values["online"]),
        lock_timeout=float(values["lock_timeout"]),
        statement_timeout=float(values["statement_timeout"]),
        lock_retries=int(values["lock_retries"]),
        lock_timeouts=dict(values["lock_timeouts"] or {}),
        statement_timeouts=dict(values["statement_timeouts"] or {}),
        archive=bool(values["archive"]),
        cache=bool(values["cache"]),
        cache_dir=rel(values["cache_dir"], "cache_dir") if values["cache_dir"] else None,
        allow_empty_schema=bool(values["allow_empty_schema"]),
        allow_unproven_rollback=bool(values["allow_unproven_rollback"]),
        profile=profile.name if profile else None,
        types_lang=values["types_lang"],
        types_out=rel(values["types_out"], "types_out") if values["types_out"] else None,
        types_schemas=tuple(values["types_schemas"] or ("public",)),
    )
