"""Error types: one base class, caught once by the CLI.

Every error carries an exit code and, where it helps, a hint that names the flag or key
that changes the outcome. Imports nothing from the package.
"""

from __future__ import annotations

# Exit codes are a public contract (documented in README and `reconcile --help`).
EXIT_OK = 0
EXIT_ERROR = 1
EXIT_CHANGES = 2
EXIT_BLOCKED = 3
EXIT_STALE = 4
EXIT_OUT_OF_BAND = 5  # drift: the target was changed outside reconcile (alone or with pending changes)
EXIT_USAGE = 64


class ReconcileError(Exception):
    """Base error: `message` says what and where, `hint` says what now."""

    exit_code = EXIT_ERROR

    def __init__(self, message: str, *, hint: str | None = None, detail: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        self.detail = detail

    def render(self) -> str:
        parts = [self.message]
        if self.detail:
            parts.append(self.detail)
        if self.hint:
            parts.append(f"hint: {self.hint}")
        return "\n".join(parts)


class ConfigError(ReconcileError):
    """Bad configuration or arguments (exit 64: a usage error, never mistaken for drift)."""

    exit_code = EXIT_USAGE


class SchemaSourceError(ReconcileError):
    """A problem in schema/ (syntax, forbidden statement, or a server error while loading it)."""


class ScratchError(ReconcileError):
    """No scratch database could be provided."""


class DatabaseError(ReconcileError):
    """The target or scratch database failed (connection, SQL)."""


class DestructiveChangeError(ReconcileError):
    """A plan has hazards the policy makes errors (dropped data, authz changes, …) and the run
    did not allow them (exit 3)."""

    exit_code = EXIT_BLOCKED

    def __init__(
        self, message: str, *, items: tuple[str, ...], hint: str | None = None, hazards: tuple[str, ...] = ()
    ) -> None:
        super().__init__(message, hint=hint)
        self.items = items  # the destructive items (DELETES_DATA)
        self.hazards = hazards  # the other hazards not allowed, "statement N: KIND: reason"


class StalePlanError(ReconcileError):
    """The target is no longer in the state the plan was made against (exit 4)."""

    exit_code = EXIT_STALE


class PlanFileError(ReconcileError):
    """A plan file is malformed, edited after it was written, or from an unknown format."""


class LockHeldError(ReconcileError):
    """Another `reconcile apply` holds the target's apply lock."""
