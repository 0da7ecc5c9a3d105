"""Progress of the slow parts (scratch server, loading schema/, inspecting, proving, apply steps).

The use cases and the layers below call `step("…")` around anything that can take more than a
second; nothing is shown unless the CLI installed a sink with `reporting()` (it does when stderr
is a terminal and the output is not JSON), so the core never prints and machine output stays
clean. Imports nothing from the package.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar

Sink = Callable[[str], None]

_sink: ContextVar[Sink | None] = ContextVar("reconcile_progress_sink", default=None)
_depth: ContextVar[int] = ContextVar("reconcile_progress_depth", default=0)


@contextlib.contextmanager
def reporting(sink: Sink | None) -> Iterator[None]:
    """Send progress lines to `sink` (None: stay quiet) while the block runs."""
    token = _sink.set(sink)
    try:
        yield
    finally:
        _sink.reset(token)


def active() -> bool:
    return _sink.get() is not None


@contextlib.contextmanager
def step(what: str) -> Iterator[None]:
    """`… what` when it starts, `✓ what (1.2s)` when it ends (`✗ … failed` on an error);
    nested steps are indented under the one they belong to."""
    sink = _sink.get()
    if sink is None:
        yield
        return
    depth = _depth.get()
    pad = "  " * depth
    sink(f"{pad}… {what}")
    started = time.monotonic()
    token = _depth.set(depth + 1)
    try:
        yield
    except BaseException:
        sink(f"{pad}✗ {what} failed after {time.monotonic() - started:.1f}s")
        raise
    finally:
        _depth.reset(token)
    sink(f"{pad}✓ {what} ({time.monotonic() - started:.1f}s)")


def begin(what: str) -> Callable[[], None]:
    """Like `step`, for a loop body that cannot be a `with` block: prints the start line now and
    returns the function that prints the end line (not called when the body raises: the error says it)."""
    sink = _sink.get()
    if sink is None:
        return _nothing
    pad = "  " * _depth.get()
    sink(f"{pad}… {what}")
    started = time.monotonic()
    return lambda: sink(f"{pad}✓ {what} ({time.monotonic() - started:.1f}s)")


def _nothing() -> None:
    return None


def first_line(sql: str, width: int = 70) -> str:
    """A statement's first line, shortened: enough to recognise it in a progress line."""
    line = sql.strip().splitlines()[0] if sql.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"
