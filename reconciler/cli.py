"""The command line: parse, call one use case, render, map errors to exit codes.

The only module that imports typer/click and the only one that prints or exits.
Exit codes: 0 ok, 1 error, 2 changes planned / pending drift, 3 blocked by policy (destructive),
4 stale plan, 5 out-of-band drift, 64 usage error.
"""

from __future__ import annotations

import os
import signal
import sys
import traceback
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from . import __version__
from .core.errors import EXIT_CHANGES, EXIT_ERROR, EXIT_OK, EXIT_USAGE, ReconcileError

EXIT_CODES_HELP = (
    "Exit codes: 0 ok / no drift; 1 error; 2 changes planned (--detailed-exitcode) or pending drift; "
    "3 blocked by policy (destructive change without --allow-destructive); 4 stale plan; "
    "5 out-of-band drift (the target was changed outside reconcile); 64 usage error."
)

app = typer.Typer(
    name="reconcile",
    help="Declare your PostgreSQL schema in schema/; reconcile plans, proves and applies the migration.\n\n"
    + EXIT_CODES_HELP,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
scratch_app = typer.Typer(help="Manage scratch databases.", no_args_is_help=True)
app.add_typer(scratch_app, name="scratch")
fleet_app = typer.Typer(help="Fleets: shares of `targets.yaml` for an orchestrator.", no_args_is_help=True)
app.add_typer(fleet_app, name="fleet")
archive_app = typer.Typer(
    help="What plans archived instead of dropping (schema reconcile_archive): list, prune.", no_args_is_help=True
)
app.add_typer(archive_app, name="archive")

_state: dict[str, Any] = {"debug": False, "secrets": ()}


class _ExitWith(Exception):
    """A deliberate non-zero exit (2 = changes/drift), distinct from click's usage exit 2."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


TargetOpt = Annotated[
    str | None, typer.Option("--target", help="Target database URL (else reconcile.yaml, DATABASE_URL, PG* env).")
]
SchemaDirOpt = Annotated[Path | None, typer.Option("--schema-dir", help="Folder of desired *.sql files.")]
ScratchOpt = Annotated[
    str | None, typer.Option("--scratch", help="embedded (default), docker, or a server URL for a temporary database.")
]
FormatOpt = Annotated[str, typer.Option("--format", help="text or json (json: last stdout line is one object).")]
MismatchOpt = Annotated[
    bool, typer.Option("--allow-version-mismatch", help="Accept a scratch server of another major version.")
]
IncludeOpt = Annotated[list[str] | None, typer.Option("--include-schema", help="Manage only this schema (repeatable).")]
ExcludeOpt = Annotated[
    list[str] | None, typer.Option("--exclude-schema", help="Do not manage this schema (repeatable).")
]
AllowHazardsOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--allow-hazards",
        help="Allow these hazard kinds for this run (KIND[,KIND] or all; repeatable), e.g. AUTHZ_CHANGE.",
    ),
]
ExcludeObjectOpt = Annotated[
    list[str] | None,
    typer.Option("--exclude-object", help="Do not manage objects matching 'KIND PATTERN' (repeatable)."),
]
IncludeObjectOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--include-object",
        help="Manage objects matching 'KIND PATTERN' in excluded schemas, e.g. 'trigger auth.users.*'.",
    ),
]
PrivilegesOpt = Annotated[
    str | None,
    typer.Option(
        "--privileges", help="managed (default): diff grants and default privileges; ignored: leave them alone."
    ),
]
PreludeOpt = Annotated[
    list[Path] | None, typer.Option("--scratch-prelude", help="SQL file loaded into scratch only (repeatable).")
]
DockerImageOpt = Annotated[str | None, typer.Option("--docker-image", help="Image for --scratch docker.")]
NoCacheOpt = Annotated[
    bool,
    typer.Option("--no-cache", help="Build scratch even when the cache knows schema/ (config cache, cache_dir)."),
]
UnmodeledOpt = Annotated[
    bool,
    typer.Option("--allow-unmodeled", help="Go on when objects of kinds reconcile cannot diff exist (listed)."),
]
UnprovenRollbackOpt = Annotated[
    bool,
    typer.Option(
        "--allow-unproven-rollback",
        help="plan: write a forward plan that proves whose rollback does not (rollback marked unavailable, "
        "not written); apply: run such a plan without --backup.",
    ),
]
TargetsOpt = Annotated[
    Path | None,
    typer.Option(
        "--targets",
        help="A fleet: the databases (and tenant schemas) listed in this YAML file, as `drift --targets` reads it.",
    ),
]
CanaryOpt = Annotated[
    int | None, typer.Option("--canary", help="The first N targets of targets.yaml form the first wave (key canary).")
]
WaveSizeOpt = Annotated[
    str | None,
    typer.Option("--wave-size", help="Targets per later wave: N or P% of the targets (key wave_size; default all)."),
]
MaxParallelOpt = Annotated[
    int | None, typer.Option("--max-parallel", help="Targets applied at a time within a wave (key max_parallel; 1).")
]
OnlyOpt = Annotated[
    str | None,
    typer.Option("--only", help="With --targets: only these targets (NAME[,NAME]; a matrix entry's `only`)."),
]
IndexOpt = Annotated[
    int | None,
    typer.Option(
        "--index",
        help="With --targets: only the matrix entry at this index (0-based; e.g. $JOB_COMPLETION_INDEX "
        "of a Kubernetes indexed Job), as `fleet matrix` with the same --per/--canary/--wave-size lists them.",
    ),
]
WaveOpt = Annotated[
    int | None,
    typer.Option("--wave", help="Only the matrix entries of this wave (1 = the canary); apply: with --index."),
]
PerOpt = Annotated[str, typer.Option("--per", help="Matrix entries per target or per group (and wave).")]
EmptySchemaOpt = Annotated[
    bool,
    typer.Option("--allow-empty-schema", help="Accept a schema/ without statements (plans dropping everything)."),
]


def _out(text: str) -> None:
    typer.echo(_redact(text))


def _err(text: str) -> None:
    typer.echo(_redact(text), err=True)


def _redact(text: str) -> str:
    from .pg.db import redact

    return redact(text, _state["secrets"])


def _config(**overrides: Any) -> Any:
    from .core.config import load_config

    cfg = load_config(overrides)
    secrets = []
    for spec in (cfg.target_spec, os.environ.get("DATABASE_URL"), os.environ.get("PGPASSWORD"), cfg.scratch):
        if not spec:
            continue
        if spec == os.environ.get("PGPASSWORD"):
            secrets.append(spec)
            continue
        try:
            from .pg.db import Dsn

            pw = Dsn(spec).password if ("://" in spec or "=" in spec) else None
        except ReconcileError:
            pw = None
        if pw:
            secrets.append(pw)
    _state["secrets"] = tuple(secrets)
    return cfg


def _source_overrides(
    target: str | None,
    schema_dir: Path | None,
    scratch: str | None,
    allow_version_mismatch: bool,
    include_schema: list[str] | None,
    exclude_schema: list[str] | None,
    scratch_prelude: list[Path] | None,
    docker_image: str | None,
) -> dict[str, Any]:
    return {
        "target": target,
        "schema_dir": str(schema_dir) if schema_dir else None,
        "scratch": scratch,
        "allow_version_mismatch": allow_version_mismatch or None,
        "include_schemas": include_schema or None,
        "exclude_schemas": exclude_schema or None,
        "scratch_prelude": [str(p) for p in scratch_prelude] if scratch_prelude else None,
        "docker_image": docker_image,
    }


def _target(cfg: Any) -> Any:
    """The configured target's DSN (`pg.target`; imported when a command needs it)."""
    from .commands.target import configured_target

    return configured_target(cfg)


def _refuse_transaction_pooler(cfg: Any, command: str) -> None:
    """Port 6543 (Supabase's transaction pooler) is refused before connecting, naming the session pooler."""
    from .core.errors import ConfigError
    from .pg.pooler import refuse_transaction_pooler

    try:
        target = _target(cfg)
    except ConfigError:
        return  # the use case says there is no target, after checking schema/
    refuse_transaction_pooler(target, command)


def _check_format(fmt: str) -> None:
    if fmt not in ("text", "json"):
        raise typer.BadParameter(f"{fmt!r} is not one of 'text', 'json'", param_hint="--format")


def _check_privileges(value: str | None) -> str | None:
    if value is not None and value not in ("managed", "ignored"):
        raise typer.BadParameter(f"{value!r} is not one of 'managed', 'ignored'", param_hint="--privileges")
    return value


@app.callback()
def _root(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks.")] = False,
    version: Annotated[bool, typer.Option("--version", help="Print the version and exit.")] = False,
) -> None:
    _state["debug"] = debug
    if version:
        _out(f"reconcile {__version__}")
        raise typer.Exit(EXIT_OK)


@app.command()
def plan(
    target: TargetOpt = None,
    schema_dir: SchemaDirOpt = None,
    scratch: ScratchOpt = None,
    out: Annotated[
        Path | None, typer.Option("--out", help="Folder for the plan files (default migrations_dir).")
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="Name part of the plan file names.")] = None,
    allow_destructive: Annotated[
        bool, typer.Option("--allow-destructive", help="Allow plans that drop objects or columns (data loss).")
    ] = False,
    allow_hazards: AllowHazardsOpt = None,
    fmt: FormatOpt = "text",
    detailed_exitcode: Annotated[
        bool, typer.Option("--detailed-exitcode", help="Exit 2 when changes were planned.")
    ] = False,
    allow_version_mismatch: MismatchOpt = False,
    include_schema: IncludeOpt = None,
    exclude_schema: ExcludeOpt = None,
    scratch_prelude: PreludeOpt = None,
    docker_image: DockerImageOpt = None,
    allow_unmodeled: UnmodeledOpt = False,
    allow_empty_schema: EmptySchemaOpt = False,
    allow_unproven_rollback: UnprovenRollbackOpt = False,
    exclude_object: ExcludeObjectOpt = None,
    include_object: IncludeObjectOpt = None,
    privileges: PrivilegesOpt = None,
    no_cache: NoCacheOpt = False,
    migrations_dir: Annotated[
        Path | None, typer.Option("--migrations-dir", help="Default folder for plan files.")
    ] = None,
    skip_proof: Annotated[
        bool,
        typer.Option("--skip-proof", help="Write the plan without replaying it on scratch (stamped unproven)."),
    ] = False,
    online: Annotated[
        bool | None,
        typer.Option(
            "--online/--no-online",
            help="Online-safe DDL on existing tables (CONCURRENTLY, NOT VALID + VALIDATE); default on.",
        ),
    ] = None,
    archive: Annotated[
        bool | None,
        typer.Option(
            "--archive/--no-archive",
            help="Move dropped tables (and copy dropped columns) to reconcile_archive so the rollback "
            "restores their rows; default on. --no-archive: plain drops.",
        ),
    ] = None,
    targets: TargetsOpt = None,
) -> None:
    """Diff the target against schema/ and write a migration and its rollback."""
    _check_format(fmt)
    cfg = _config(
        **_source_overrides(
            target,
            schema_dir,
            scratch,
            allow_version_mismatch,
            include_schema,
            exclude_schema,
            scratch_prelude,
            docker_image,
        ),
        migrations_dir=str(migrations_dir) if migrations_dir else None,
        allow_unmodeled=allow_unmodeled or None,
        allow_empty_schema=allow_empty_schema or None,
        allow_unproven_rollback=allow_unproven_rollback or None,
        exclude_objects=exclude_object or None,
        include_objects=include_object or None,
        privileges=_check_privileges(privileges),
        online=online,
        archive=archive,
        cache=False if no_cache else None,
    )
    if targets is not None:
        if target is not None:
            raise typer.BadParameter("give either --target or --targets, not both", param_hint="--targets")
        _plan_fleet(cfg, targets, fmt, name, out, allow_destructive, skip_proof, tuple(allow_hazards or ()))
        return
    from .commands.plan import make_plan
    from .render.results import plan_json, plan_text

    try:
        _refuse_transaction_pooler(cfg, "plan")
        result = make_plan(
            cfg,
            name=name,
            out_dir=out,
            allow_destructive=allow_destructive,
            skip_proof=skip_proof,
            allow_hazards=tuple(allow_hazards or ()),
        )
    except ReconcileError as exc:
        if fmt == "json":
            from .core.errors import DestructiveChangeError

            items = list(exc.items) if isinstance(exc, DestructiveChangeError) else []
            _err(exc.render())
            import json

            _out(
                json.dumps(
                    {
                        "migration": None,
                        "rollback": None,
                        "changes": 0,
                        "destructive": items,
                        "hazards_blocked": list(exc.hazards) if isinstance(exc, DestructiveChangeError) else [],
                        "error": _redact(exc.message),
                    },
                    sort_keys=True,
                )
            )
            raise _ExitWith(exc.exit_code) from None
        raise
    for warning in result.warnings:
        _err(f"warning: {warning}")
    _out(plan_json(result) if fmt == "json" else plan_text(result))
    if result.changes and detailed_exitcode:
        raise _ExitWith(EXIT_CHANGES)


@app.command()
def apply(
    plan_file: Annotated[
        Path, typer.Argument(help="A plan file written by `reconcile plan` (with --targets: its .fleet.json).")
    ],
    target: TargetOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    allow_destructive: Annotated[
        bool, typer.Option("--allow-destructive", help="Apply a plan that drops objects or columns.")
    ] = False,
    allow_hazards: AllowHazardsOpt = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Print what would run; change nothing.")] = False,
    no_undo: Annotated[
        bool,
        typer.Option(
            "--no-undo",
            help="When a later step fails, keep the committed steps (default: run the plan's rollback file).",
        ),
    ] = False,
    fmt: FormatOpt = "text",
    lock_wait: Annotated[
        float | None, typer.Option("--lock-wait", help="Seconds to wait for another apply to finish.")
    ] = None,
    lock_timeout: Annotated[
        float | None,
        typer.Option("--lock-timeout", help="Seconds a step waits for a table lock before it is retried (3)."),
    ] = None,
    statement_timeout: Annotated[
        float | None,
        typer.Option("--statement-timeout", help="Seconds a statement may run (900; 0 = no limit)."),
    ] = None,
    lock_retries: Annotated[
        int | None, typer.Option("--lock-retries", help="Retries of a step after a lock timeout or deadlock (5).")
    ] = None,
    backup: Annotated[
        Path | None,
        typer.Option("--backup", help="pg_dump (-Fc) the tables the plan touches into this folder first."),
    ] = None,
    types: Annotated[
        bool,
        typer.Option("--types", help="After a successful apply, regenerate types (keys types_lang, types_out)."),
    ] = False,
    allow_unproven_rollback: UnprovenRollbackOpt = False,
    targets: TargetsOpt = None,
    canary: CanaryOpt = None,
    wave_size: WaveSizeOpt = None,
    max_parallel: MaxParallelOpt = None,
    only: OnlyOpt = None,
    index: IndexOpt = None,
    per: PerOpt = "target",
    wave: WaveOpt = None,
    report: Annotated[
        Path | None,
        typer.Option(
            "--report",
            help="With --targets: write the report to PATH.json and PATH.md (default: next to the fleet plan).",
        ),
    ] = None,
) -> None:
    """Apply a reviewed plan: verify, lock, refuse if stale, run, record, verify."""
    _check_format(fmt)
    cfg = _config(
        target=target,
        lock_wait=lock_wait,
        lock_timeout=lock_timeout,
        statement_timeout=statement_timeout,
        lock_retries=lock_retries,
        allow_unproven_rollback=allow_unproven_rollback or None,
    )
    if targets is not None:
        if target is not None:
            raise typer.BadParameter("give either --target or --targets, not both", param_hint="--targets")
        if not yes and not dry_run:
            raise typer.BadParameter("a fleet is applied without asking: pass --yes", param_hint="--yes")
        if dry_run or types:
            raise typer.BadParameter("--dry-run and --types apply to one target", param_hint="--targets")
        run = _FleetRun(
            targets, plan_file, fmt, canary, wave_size, max_parallel, only, index, per, wave, report,
            {
                "allow_destructive": allow_destructive,
                "allow_hazards": tuple(allow_hazards or ()),
                "backup_dir": backup,
                "undo": not no_undo,
                "allow_unproven_rollback": cfg.allow_unproven_rollback,
            },
        )  # fmt: skip
        _apply_fleet(cfg, run)
        return
    if types:
        from .commands.typegen import check_types_settings

        check_types_settings(cfg)  # before anything runs: a missing types_out is a usage error
    from .commands.apply import apply_plan
    from .core.model import Plan
    from .render.results import apply_json, apply_text

    def confirm(p: Plan) -> bool:
        if yes:
            return True
        if not sys.stdin.isatty():
            raise ReconcileError(
                "refusing to apply without confirmation: no terminal to ask on",
                hint="pass --yes to apply non-interactively",
            )
        _err(f"About to apply {p.header.name} ({p.header.statement_count} statements) to {cfg_target_label(cfg)}:")
        for line in p.summary:
            _err(f"  {line}")
        for d in p.header.destructive:
            _err(f"  ! destructive: {d}")
        for a in p.header.archived:
            _err(f"  > archived (the rollback restores it): {a}")
        if not p.header.rollback_available:
            _err("  ! no rollback: it failed its proof when planned; a failed step is not undone")
        return bool(typer.confirm("Apply?", default=False, err=True))

    result = apply_plan(
        cfg,
        plan_file,
        allow_destructive=allow_destructive,
        dry_run=dry_run,
        confirm=confirm,
        allow_hazards=tuple(allow_hazards or ()),
        backup_dir=backup,
        undo=not no_undo,
        allow_unproven_rollback=cfg.allow_unproven_rollback,
    )
    for warning in result.warnings:
        _err(f"warning: {warning}")
    for retry in result.retries:
        _err(f"retried: {retry}")
    _out(apply_json(result) if fmt == "json" else apply_text(result))
    if types and result.status != "dry-run":
        from .commands.typegen import regenerate_after_apply

        note = regenerate_after_apply(cfg)
        (_err if fmt == "json" else _out)(note)  # json: the last stdout line stays the apply's object


@app.command()
def approve(
    plan_file: Annotated[Path, typer.Argument(help="A plan file written by `reconcile plan`.")],
    allow: Annotated[
        list[str], typer.Option("--allow", help="Hazard kinds approved (KIND[,KIND] or all; repeatable).")
    ],
    by: Annotated[str | None, typer.Option("--by", help="Who approves (recorded in the file).")] = None,
) -> None:
    """Write <plan>.approval.yaml next to a reviewed plan: apply then allows those hazard kinds
    for this plan only (the approval names the plan's checksum)."""
    from .engine.hazards import parse_allowed, write_approval
    from .engine.planfile import read

    plan = read(plan_file)
    kinds = parse_allowed(allow)
    path = write_approval(plan_file, plan, kinds, by)
    _out(f"Approved {', '.join(sorted(kinds))} for {plan.header.name} ({plan.header.checksum[:19]}…): {path}")


@app.command()
def restore(
    dump_file: Annotated[Path, typer.Argument(help="A dump written by `apply --backup`.")],
    target: TargetOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Run pg_restore (else only explain).")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Only explain; change nothing.")] = False,
) -> None:
    """Explain, and with --yes run, `pg_restore --clean --if-exists --single-transaction` of a dump."""
    cfg = _config(target=target)
    from .pg.backup import restore as run_restore
    from .pg.backup import restore_plan

    dsn = _target(cfg)
    rp = restore_plan(dump_file, dsn)
    _out(f"Restore {dump_file} into {rp.target}: drops and re-creates, with their rows as dumped:")
    for item in rp.contents:
        _out(f"  {item}")
    _out("command (the password goes through PGPASSWORD): " + " ".join(_shell_quote(a) for a in rp.command))
    if dry_run or not yes:
        _out("nothing was changed" + ("" if dry_run else "; pass --yes to run it"))
        return
    run_restore(rp, dsn)
    _out(f"restored {dump_file} into {rp.target}")


def _shell_quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


def cfg_target_label(cfg: Any) -> str:
    from .pg.db import describe

    return describe(_target(cfg))


@app.command()
def drift(
    target: TargetOpt = None,
    schema_dir: SchemaDirOpt = None,
    scratch: ScratchOpt = None,
    fmt: Annotated[str, typer.Option("--format", help="text, json, markdown, github or sarif.")] = "text",
    output: Annotated[
        list[str] | None,
        typer.Option("--output", help="Also write FORMAT=PATH (repeatable), e.g. sarif=drift.sarif."),
    ] = None,
    targets: Annotated[
        Path | None,
        typer.Option("--targets", help="Check every database listed in this YAML file (one scratch build)."),
    ] = None,
    allow_version_mismatch: MismatchOpt = False,
    include_schema: IncludeOpt = None,
    exclude_schema: ExcludeOpt = None,
    scratch_prelude: PreludeOpt = None,
    docker_image: DockerImageOpt = None,
    allow_unmodeled: UnmodeledOpt = False,
    exclude_object: ExcludeObjectOpt = None,
    include_object: IncludeObjectOpt = None,
    privileges: PrivilegesOpt = None,
    no_cache: NoCacheOpt = False,
    allow_empty_schema: EmptySchemaOpt = False,
) -> None:
    """CI check: 0 no drift, 2 pending changes only, 5 out-of-band changes (made outside reconcile), 1 error."""
    from .render.drift import FORMATS

    outputs = _drift_outputs(fmt, output or [], FORMATS)
    cfg = _config(
        **_source_overrides(
            target,
            schema_dir,
            scratch,
            allow_version_mismatch,
            include_schema,
            exclude_schema,
            scratch_prelude,
            docker_image,
        ),
        allow_unmodeled=allow_unmodeled or None,
        exclude_objects=exclude_object or None,
        include_objects=include_object or None,
        privileges=_check_privileges(privileges),
        cache=False if no_cache else None,
        allow_empty_schema=allow_empty_schema or None,
    )
    if targets is not None:
        if target is not None:
            raise typer.BadParameter("give either --target or --targets, not both", param_hint="--targets")
        _drift_fleet(cfg, targets, fmt, outputs)
        return
    from .commands.drift import check_drift
    from .render.drift import render

    _refuse_transaction_pooler(cfg, "check drift")
    result = check_drift(cfg)
    for out_fmt, path in outputs:
        _write_report(path, render(result, out_fmt))
    color = fmt == "text" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    _out(render(result, fmt, color=color))
    if result.exit_code:
        raise _ExitWith(result.exit_code)


def _write_report(path: Path, text: str) -> None:
    try:
        path.write_text(_redact(text) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ReconcileError(
            f"cannot write the report {path}: {exc.strerror}", hint="check the PATH of --output FORMAT=PATH"
        ) from None


def _drift_outputs(fmt: str, specs: list[str], formats: tuple[str, ...]) -> list[tuple[str, Path]]:
    if fmt not in formats:
        raise typer.BadParameter(f"{fmt!r} is not one of {', '.join(formats)}", param_hint="--format")
    out = []
    for spec in specs:
        kind, sep, path = spec.partition("=")
        if not sep or kind not in formats or not path:
            raise typer.BadParameter(
                f"{spec!r} is not FORMAT=PATH with FORMAT one of {', '.join(formats)}", param_hint="--output"
            )
        out.append((kind, Path(path)))
    return out


def _plan_fleet(
    cfg: Any,
    targets: Path,
    fmt: str,
    name: str | None,
    out: Path | None,
    allow_destructive: bool,
    skip_proof: bool,
    allow_hazards: tuple[str, ...],
) -> None:
    """`plan --targets`: one plan per group of targets in one state, and the fleet plan file."""
    import json

    from .commands.fleet.plan import fleet_json, plan_fleet
    from .commands.fleet.targets import load_targets

    result = plan_fleet(
        cfg,
        load_targets(targets),
        name=name,
        out_dir=out,
        allow_destructive=allow_destructive,
        skip_proof=skip_proof,
        allow_hazards=allow_hazards,
    )
    assert result.path is not None
    if fmt == "json":
        data = fleet_json(result, result.path.parent, datetime.now(UTC))
        data["fleet_plan"] = str(result.path)
        _out(json.dumps(data, sort_keys=True))
    else:
        for g in result.groups:
            p = g.plan
            what = (
                f"error: {g.error}"
                if g.error
                else "in sync, nothing to plan"
                if p is None or p.migration is None
                else f"{p.migration} ({p.changes} change(s), proof {p.proof})"
            )
            _out(f"group {g.number} ({len(g.targets)} target(s): {', '.join(g.targets)}): {what}")
            if g.mapping:
                _out(f"  tenant names: {g.mapping}")
        for n, why in result.unplanned:
            _out(f"not planned: {n}: {why}")
        _out(f"Fleet plan: {result.path}")
    if not result.ok:
        raise _ExitWith(EXIT_ERROR)


@dataclass(frozen=True, slots=True)
class _FleetRun:
    """`apply --targets` as the command line asked for it."""

    targets: Path
    fleet_plan: Path
    fmt: str
    canary: int | None
    wave_size: str | None
    max_parallel: int | None
    only: str | None
    index: int | None  # --index K: the K-th entry of the matrix (`per`, `wave`) runs
    per: str
    wave: int | None
    report: Path | None
    apply: dict[str, Any]  # apply_fleet's keyword arguments (each target's apply)


def _apply_fleet(cfg: Any, run: _FleetRun) -> None:
    import json

    from .commands.fleet.apply import Waves, apply_fleet, matrix_entries
    from .commands.fleet.targets import load_targets
    from .render.fleet import report_json, report_markdown, report_text

    fleet = load_targets(run.targets)
    waves = Waves.of(fleet, run.canary, run.wave_size, run.max_parallel)
    names = tuple(n.strip() for n in (run.only or "").split(",") if n.strip())
    if run.index is not None:
        if names:
            raise typer.BadParameter("give either --only or --index", param_hint="--index")
        per = _check_per(run.per)
        entries = matrix_entries(fleet, cfg, waves, per, run.fleet_plan if per == "group" else None)
        entries = [e for e in entries if run.wave is None or e["wave"] == run.wave]
        if not 0 <= run.index < len(entries):
            raise typer.BadParameter(f"{run.index}: the matrix has {len(entries)} entries (0 to {len(entries) - 1})",
                                     param_hint="--index")  # fmt: skip
        names = tuple(entries[run.index]["only"].split(","))
    result = apply_fleet(cfg, fleet, run.fleet_plan, waves, only=names, **run.apply)
    stem = run.report or run.fleet_plan.with_name(run.fleet_plan.name.removesuffix(".fleet.json") + ".apply")
    _write_report(stem.with_name(stem.name + ".json"), json.dumps(report_json(result), indent=2, sort_keys=True) + "\n")
    _write_report(stem.with_name(stem.name + ".md"), report_markdown(result))
    _out(json.dumps(report_json(result), sort_keys=True) if run.fmt == "json" else report_text(result))
    if not result.ok:
        raise _ExitWith(EXIT_ERROR)


def _check_per(per: str) -> str:
    if per not in ("target", "group"):
        raise typer.BadParameter(f"{per!r} is not one of 'target', 'group'", param_hint="--per")
    return per


@fleet_app.command("matrix")
def fleet_matrix(
    targets: Annotated[Path, typer.Option("--targets", help="The fleet's targets.yaml.")],
    fmt: Annotated[
        str, typer.Option("--format", help="github (strategy.matrix: {include: [...]}) or json (a list).")
    ] = "github",
    per: PerOpt = "target",
    fleet_plan: Annotated[
        Path | None, typer.Option("--plan", help="The fleet plan (.fleet.json): entries name their group.")
    ] = None,
    canary: CanaryOpt = None,
    wave_size: WaveSizeOpt = None,
    wave: WaveOpt = None,
) -> None:
    """Print the fleet as a job matrix: each entry's `only` is what `apply --targets … --only` takes."""
    import json

    from .commands.fleet.apply import Waves, github_matrix, matrix_entries
    from .commands.fleet.targets import load_targets

    if fmt not in ("github", "json"):
        raise typer.BadParameter(f"{fmt!r} is not one of 'github', 'json'", param_hint="--format")
    cfg = _config()
    fleet = load_targets(targets)
    entries = matrix_entries(fleet, cfg, Waves.of(fleet, canary, wave_size, None), _check_per(per), fleet_plan)
    if wave is not None:
        entries = [e for e in entries if e["wave"] == wave]
    _out(json.dumps(github_matrix(entries) if fmt == "github" else entries, sort_keys=True))


def _drift_fleet(cfg: Any, targets: Path, fmt: str, outputs: list[tuple[str, Path]]) -> None:
    """`drift --targets`: one line per target and a summary (json/markdown: one report); exit = worst."""
    from .commands.drift import worst
    from .commands.fleet.targets import check_fleet, load_targets
    from .render.drift import fleet_json, fleet_markdown, fleet_text

    for f in (fmt, *(f for f, _ in outputs)):
        if f not in ("text", "json", "markdown"):
            raise typer.BadParameter(
                f"{f!r}: with --targets the report is text, json or markdown (one line or row per target); "
                "run drift on one target for github or sarif",
                param_hint="--format/--output",
            )
    entries = check_fleet(cfg, load_targets(targets))
    code = worst([e.exit_code for e in entries])
    renderers = {"json": fleet_json, "markdown": fleet_markdown}
    for out_fmt, path in outputs:
        _write_report(path, renderers.get(out_fmt, fleet_text)(entries, code))
    _out(renderers.get(fmt, fleet_text)(entries, code))
    if code:
        raise _ExitWith(code)


@app.command()
def doctor(
    target: TargetOpt = None,
    fix: Annotated[
        bool,
        typer.Option(
            "--fix", help="ANALYZE never-analysed/stale tables, REINDEX INDEX CONCURRENTLY invalid/bloated indexes."
        ),
    ] = False,
    fmt: Annotated[str, typer.Option("--format", help="text, json or markdown.")] = "text",
    include_schema: IncludeOpt = None,
    exclude_schema: ExcludeOpt = None,
    lock_timeout: Annotated[
        float | None, typer.Option("--lock-timeout", help="Seconds a fix waits for its lock before a retry (3).")
    ] = None,
    statement_timeout: Annotated[
        float | None, typer.Option("--statement-timeout", help="Seconds a fix may run (900; 0 = no limit).")
    ] = None,
    lock_retries: Annotated[
        int | None, typer.Option("--lock-retries", help="Retries of a fix after a lock timeout or deadlock (5).")
    ] = None,
) -> None:
    """Maintenance check: autovacuum/analyse status, never-analysed tables, INVALID, bloated and unused
    indexes, sequences near exhaustion. Exit 0 healthy, 2 findings at warn or above, 1 error."""
    if fmt not in ("text", "json", "markdown"):
        raise typer.BadParameter(f"{fmt!r} is not one of 'text', 'json', 'markdown'", param_hint="--format")
    cfg = _config(
        target=target,
        include_schemas=include_schema or None,
        exclude_schemas=exclude_schema or None,
        lock_timeout=lock_timeout,
        statement_timeout=statement_timeout,
        lock_retries=lock_retries,
    )
    from .commands.doctor import render_json, render_markdown, render_text, run_doctor

    def retried(sql: str, r: Any) -> None:
        _err(
            f"retried: {sql} (attempt {r.attempt} hit a {r.reason})"
            + "".join(f"\n  blocked by {b}" for b in r.blockers)
        )

    report = run_doctor(cfg, fix=fix, on_retry=retried)
    _out({"json": render_json, "markdown": render_markdown}.get(fmt, render_text)(report))
    if not report.healthy:
        raise _ExitWith(EXIT_CHANGES)


@app.command()
def pull(
    target: TargetOpt = None,
    schema_dir: SchemaDirOpt = None,
    layout: Annotated[
        str, typer.Option("--layout", help="by-kind (one file per object kind) or by-table (20_tables/<table>.sql).")
    ] = "by-kind",
    force: Annotated[bool, typer.Option("--force", help="Replace the contents of a non-empty --schema-dir.")] = False,
    scratch: ScratchOpt = None,
    fmt: FormatOpt = "text",
    allow_version_mismatch: MismatchOpt = False,
    allow_unmodeled: UnmodeledOpt = False,
) -> None:
    """Write schema/ from the target: canonical SQL files that load in order; drift is clean afterwards."""
    _check_format(fmt)
    cfg = _config(
        **_source_overrides(target, schema_dir, scratch, allow_version_mismatch, None, None, None, None),
        allow_unmodeled=allow_unmodeled or None,
    )
    from .commands.pull import LAYOUTS
    from .commands.pull import pull as run_pull
    from .commands.pull import render_json as pull_json
    from .commands.pull import render_text as pull_text

    if layout not in LAYOUTS:
        raise typer.BadParameter(f"{layout!r} is not one of {', '.join(LAYOUTS)}", param_hint="--layout")
    result = run_pull(cfg, layout=layout, force=force)
    _out(pull_json(result) if fmt == "json" else pull_text(result))


@app.command()
def types(
    lang: Annotated[
        str | None, typer.Option("--lang", help="typescript (Supabase's shape) or python (TypedDicts).")
    ] = None,
    out: Annotated[Path | None, typer.Option("--out", help="File to write (else types_out, else stdout).")] = None,
    schema: Annotated[
        list[str] | None, typer.Option("--schema", help="Schema to generate (repeatable; default public).")
    ] = None,
    target: TargetOpt = None,
    schema_dir: SchemaDirOpt = None,
    scratch: ScratchOpt = None,
    allow_version_mismatch: MismatchOpt = False,
    scratch_prelude: PreludeOpt = None,
    docker_image: DockerImageOpt = None,
) -> None:
    """Generate types from the desired schema (schema/ built on scratch, as plan builds it)."""
    cfg = _config(
        **_source_overrides(
            target, schema_dir, scratch, allow_version_mismatch, None, None, scratch_prelude, docker_image
        ),
        types_lang=lang,
        types_out=str(out) if out else None,
        types_schemas=schema or None,
    )
    from .commands.typegen import from_schema, write

    _refuse_transaction_pooler(cfg, "generate types")
    text = from_schema(cfg, cfg.types_lang, cfg.types_schemas)
    if cfg.types_out is None:
        _out(text.rstrip("\n"))
        return
    changed = write(cfg.types_out, text)
    _out(f"{'wrote' if changed else 'unchanged'} {cfg.display(cfg.types_out)} ({cfg.types_lang})")


@app.command()
def demo(
    keep: Annotated[Path | None, typer.Option("--out", help="Keep the demo's plan files in this folder.")] = None,
) -> None:
    """Run the whole loop on an embedded 'production' database: drift, plan, apply, drift."""
    from .commands.demo import run_demo

    for title, body in run_demo(_config(), out_dir=keep):
        _out(f"\n=== {title} ===")
        if body:
            _out(body)


@app.command()
def lint(
    files: Annotated[list[Path], typer.Argument(help="Migration files (or folders of *.sql) to check.")],
    fix: Annotated[bool, typer.Option("--fix", help="Rewrite the files so their DDL is idempotent.")] = False,
    fmt: FormatOpt = "text",
) -> None:
    """Offline check of hand-written migrations: non-idempotent DDL, ordering, unsupported DDL.

    Exit 1 when anything is found (after --fix: what is left), else 0.
    """
    _check_format(fmt)
    from .commands.lint import lint_files
    from .render.results import lint_json, lint_text

    result = lint_files(files, fix=fix)
    text = lint_json(result) if fmt == "json" else lint_text(result)
    if text:
        _out(text)
    if result.exit_code:
        raise _ExitWith(result.exit_code)


@scratch_app.command("clean")
def scratch_clean(
    scratch: Annotated[str, typer.Option("--scratch", help="Server URL whose leftover scratch databases to drop.")],
) -> None:
    """Drop scratch databases left behind by killed runs (name prefix + marker comment)."""
    _config(scratch=scratch)
    from .engine.scratch.databases import clean
    from .pg.db import Dsn

    dropped = clean(Dsn(scratch))
    _out("\n".join(f"dropped {n}" for n in dropped) if dropped else "no leftover scratch databases")


@archive_app.command("list")
def archive_list(target: TargetOpt = None, fmt: FormatOpt = "text") -> None:
    """What is archived: each table of reconcile_archive, where it came from, which plan, when, rows, size."""
    _check_format(fmt)
    cfg = _config(target=target)
    from .engine.archive import list_archived
    from .render.results import archive_json, archive_text

    items = list_archived(_target(cfg))
    _out(archive_json(items) if fmt == "json" else archive_text(items))


@archive_app.command("prune")
def archive_prune(
    older_than: Annotated[
        str, typer.Option("--older-than", help="Drop what was archived longer ago than this: 12h, 30d, 2w.")
    ],
    target: TargetOpt = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="List what would be dropped; drop nothing.")] = False,
    fmt: FormatOpt = "text",
) -> None:
    """Drop archived tables older than --older-than (their rollbacks can then no longer restore the rows)."""
    _check_format(fmt)
    cfg = _config(target=target)
    from datetime import UTC, datetime

    from .engine.archive import parse_age, prune
    from .render.results import archive_json, archive_text

    age = parse_age(older_than)
    now = datetime.now(UTC)
    doomed = prune(_target(cfg), age, now, dry_run=True)
    if doomed and not dry_run and not yes:
        if not sys.stdin.isatty():
            raise ReconcileError(
                f"refusing to drop {len(doomed)} archived table(s) without confirmation: no terminal to ask on",
                hint="pass --yes to prune non-interactively, or --dry-run to see what would go",
            )
        _err(archive_text(doomed, verb="would drop"))
        if not typer.confirm("Drop them?", default=False, err=True):
            raise _ExitWith(EXIT_ERROR)
    if doomed and not dry_run:
        doomed = prune(_target(cfg), age, now)
    if fmt == "json":
        _out(archive_json(doomed, key="would_drop" if dry_run else "dropped"))
    else:
        _out(archive_text(doomed, verb="would drop" if dry_run else "dropped"))


class _Interrupted(BaseException):
    """Ctrl-C or SIGTERM: unwinds through every `finally` (scratch clusters are removed)."""


def _on_signal(signum: int, frame: Any) -> NoReturn:
    raise _Interrupted(signum)


def _progress_sink() -> Any:
    """Progress lines go to stderr when a human watches it (a terminal) and stdout is not JSON."""
    from itertools import pairwise

    args = sys.argv[1:]
    wants_json = "--format=json" in args or ("--format", "json") in pairwise(args)
    return _err if sys.stderr.isatty() and not wants_json else None


def main() -> None:
    # Our own exception, not KeyboardInterrupt: click would swallow that one and print "Aborted!".
    previous = {sig: signal.signal(sig, _on_signal) for sig in (signal.SIGTERM, signal.SIGINT)}
    code: int = EXIT_OK
    try:
        from .core.progress import reporting

        with reporting(_progress_sink()):
            app()  # standalone: click prints usage errors and exits 2, which we map to 64 below
    except SystemExit as exc:
        raw = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_ERROR)
        # Our own code never exits 2 through SystemExit: a 2 here is click's usage error.
        code = EXIT_USAGE if raw == 2 else raw
    except _ExitWith as exc:
        code = exc.code
    except ReconcileError as exc:
        if _state["debug"]:
            _err(traceback.format_exc())
        _err(f"error: {exc.render()}")
        code = exc.exit_code
    except (_Interrupted, KeyboardInterrupt):
        _err("interrupted; scratch databases were removed")
        code = 130
    except Exception as exc:  # a bug: say so, with the traceback only under --debug
        if _state["debug"]:
            _err(traceback.format_exc())
        _err(f"internal error: {type(exc).__name__}: {exc}\n(re-run with --debug for the traceback)")
        code = EXIT_ERROR
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    sys.exit(code)


if __name__ == "__main__":
    main()
