"""Progress of the slow parts (scratch server, loading schema/, fingerprints, inspecting, proving,
apply steps).

The use cases and the layers below call `step("…")` around anything that can take more than a
second; nothing is shown unless the CLI installed a sink with `reporting()` (it does when stderr
is a terminal and the output is not JSON), so the core never prints and machine output stays
clean. A step is shown only once it has run for `after` seconds (then with its elapsed time when
it ends), so quick ones stay quiet. Imports nothing from the package.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

Sink = Callable[[str], None]
# Seconds a step runs before it is shown (RECONCILE_PROGRESS_AFTER; 0 shows every step).
DEFAULT_AFTER = 0.5


@dataclass
class _Reporter:
    sink: Sink
    after: float
    lock: threading.Lock = field(default_factory=threading.Lock)
    timers: set[threading.Timer] = field(default_factory=set)
    closed: bool = False


@dataclass
class _Step:
    what: str
    depth: int
    parent: _Step | None
    started: float = field(default_factory=time.monotonic)
    shown: bool = False


_reporter: ContextVar[_Reporter | None] = ContextVar("reconcile_progress", default=None)
_current: ContextVar[_Step | None] = ContextVar("reconcile_progress_step", default=None)


def _after() -> float:
    try:
        return max(0.0, float(os.environ.get("RECONCILE_PROGRESS_AFTER", DEFAULT_AFTER)))
    except ValueError:
        return DEFAULT_AFTER


@contextlib.contextmanager
def reporting(sink: Sink | None) -> Iterator[None]:
    """Send progress lines to `sink` (None: stay quiet) while the block runs."""
    reporter = _Reporter(sink, _after()) if sink is not None else None
    token = _reporter.set(reporter)
    try:
        yield
    finally:
        _reporter.reset(token)
        if reporter is not None:
            with reporter.lock:
                reporter.closed = True  # a step left open by an error is never shown late
                for timer in reporter.timers:
                    timer.cancel()


def _show(r: _Reporter, s: _Step) -> None:
    """Print `s`'s start line, its unshown parents' first (caller holds the lock)."""
    if s.shown:
        return
    if s.parent is not None:
        _show(r, s.parent)
    s.shown = True
    r.sink(f"{'  ' * s.depth}… {s.what}")


def _start(what: str) -> tuple[_Reporter, _Step, threading.Timer | None] | None:
    r = _reporter.get()
    if r is None:
        return None
    parent = _current.get()
    s = _Step(what, parent.depth + 1 if parent else 0, parent)
    if r.after <= 0:
        with r.lock:
            _show(r, s)
        return r, s, None

    def late() -> None:
        with r.lock:
            r.timers.discard(timer)
            if not r.closed:
                _show(r, s)

    timer = threading.Timer(r.after, late)
    timer.daemon = True
    with r.lock:
        r.timers.add(timer)
    timer.start()
    return r, s, timer


def _end(started: tuple[_Reporter, _Step, threading.Timer | None], ok: bool) -> None:
    r, s, timer = started
    if timer is not None:
        timer.cancel()
    with r.lock:
        if timer is not None:
            r.timers.discard(timer)
        if s.shown and not r.closed:
            took = time.monotonic() - s.started
            pad = "  " * s.depth
            r.sink(f"{pad}✓ {s.what} ({took:.1f}s)" if ok else f"{pad}✗ {s.what} failed after {took:.1f}s")


@contextlib.contextmanager
def step(what: str) -> Iterator[None]:
    """`… what` once it has run a while, `✓ what (1.2s)` when it ends (`✗ … failed` on an error);
    nested steps are indented under the one they belong to."""
    started = _start(what)
    if started is None:
        yield
        return
    token = _current.set(started[1])
    try:
        yield
    except BaseException:
        _end(started, ok=False)
        raise
    finally:
        _current.reset(token)
    _end(started, ok=True)


def begin(what: str) -> Callable[[], None]:
    """Like `step`, for a loop body that cannot be a `with` block: starts the step now and returns
    the function that ends it (not called when the body raises: the error says what failed)."""
    started = _start(what)
    if started is None:
        return _nothing
    return lambda: _end(started, ok=True)


def _nothing() -> None:
    return None


def first_line(sql: str, width: int = 70) -> str:
    """A statement's first line, shortened: enough to recognise it in a progress line."""
    line = sql.strip().splitlines()[0] if sql.strip() else ""
    return line if len(line) <= width else line[: width - 1] + "…"
