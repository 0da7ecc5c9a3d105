"""The guide in docs/ (and the README) names only flags and commands that exist.

No database: every `reconcile CMD … --flag` (or `./dev CMD …`) in a code span or block is checked
against CMD's options as the CLI defines them, and every other `--flag` in the text against the
options of some command. Flags of other tools (pg_restore, psql, …) are listed in OTHER_TOOLS.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from reconciler.cli import app

REPO = Path(__file__).resolve().parent.parent
DOCS = [*sorted((REPO / "docs").glob("*.md")), REPO / "README.md"]
# Flags other programs' lines (`pg_restore --clean`, `just bench --sizes 1`) do not need to be listed:
# a code line that starts with another program is not checked. These appear in prose all the same.
OTHER_TOOLS = {
    "--schema-only",  # pg_dump's, quoted in the proof's description
    "--pg",  # pytest's (tests/conftest.py): `--pg VERSIONS` picks the majors; `./dev fuzz`'s too
    # `./dev fuzz`'s (fuzz/run.py), in docs/fuzz.md's table of its flags
    "--pairs",
    "--seed",
    "--no-shrink",
}

# `./dev` subcommands that run another program (`./dev ARGS` is `reconcile ARGS` otherwise).
DEV_PROGRAMS = {"test": "pytest", "bench": "bench/run.py", "fuzz": "python -m fuzz"}

_SPAN = re.compile(r"```[^\n]*\n(.*?)```|`([^`\n]+)`", re.S)
# `reconcile CMD` where a command starts: a line (after a `$ ` prompt), or after `;`, `&&`, `|`, `(`, a backtick.
_INVOCATION = re.compile(
    r"(?:^\s*(?:\$\s+)?|(?<=[`;&|(])\s*)(?:reconcile|\./dev)\s+([a-z][a-z-]*)(?:\s+([a-z][a-z-]*))?"
)
_FLAG = re.compile(r"(?<![\w-])--[a-z][a-z0-9-]*")


def _commands() -> dict[str, set[str]]:
    """'plan' -> {'--target', …}; groups as 'archive list'."""
    out: dict[str, set[str]] = {}

    def walk(cmd: Any, path: str) -> None:
        if hasattr(cmd, "commands"):  # a group (typer vendors click: no isinstance against click)
            for name, sub in cmd.commands.items():
                walk(sub, f"{path} {name}".strip())
            return
        out[path] = {o for p in cmd.params for o in (*p.opts, *p.secondary_opts) if o.startswith("--")}

    walk(typer.main.get_command(app), "")
    out[""] = {"--debug", "--version", "--help"}
    return out


COMMANDS = _commands()
ALL_FLAGS = set().union(*COMMANDS.values())


def _spans(text: str) -> list[str]:
    return [m.group(1) or m.group(2) for m in _SPAN.finditer(text)]


def _foreign(line: str) -> bool:
    """A code line of another program: `pg_dump --schema-only`, `just bench --sizes 100`, `./dev test --pg 16`."""
    words = line.split()
    if words[:1] == ["$"]:
        words = words[1:]
    if not words or words[0].startswith(("-", "#")):
        return False
    if words[0] == "./dev":
        return words[1] in DEV_PROGRAMS if len(words) > 1 else False
    return words[0] != "reconcile"


def _prose_flags(text: str) -> set[str]:
    """Flags anywhere in the text but on other programs' code lines."""

    def keep(m: re.Match[str]) -> str:
        return "\n".join(line for line in (m.group(1) or m.group(2)).splitlines() if not _foreign(line))

    return set(_FLAG.findall(_SPAN.sub(keep, text)))


def _problems(path: Path, root: Path = REPO) -> list[str]:
    text = path.read_text(encoding="utf-8")
    name = path.relative_to(root)
    problems = []
    for span in _spans(text):
        for line in span.splitlines():
            # each invocation owns the flags up to the next invocation on the line
            marks = list(_INVOCATION.finditer(line))
            for i, m in enumerate(marks):
                first, second = m.group(1), m.group(2)
                if m.group(0).startswith("./dev") and first in DEV_PROGRAMS:
                    continue  # `./dev test ARGS` runs pytest, `./dev bench ARGS` the benchmark
                command = f"{first} {second}" if f"{first} {second}" in COMMANDS else first
                if command not in COMMANDS:
                    if first in {c.split()[0] for c in COMMANDS if c}:
                        continue  # a group named without its subcommand (`reconcile archive`)
                    problems.append(f"{name}: `reconcile {first}` is not a command")
                    continue
                end = marks[i + 1].start() if i + 1 < len(marks) else len(line)
                for flag in _FLAG.findall(line[m.end() : end]):
                    if flag not in COMMANDS[command] and flag != "--help":
                        problems.append(f"{name}: `reconcile {command}` has no {flag}")
    for flag in sorted(_prose_flags(text)):
        if flag not in ALL_FLAGS and flag not in OTHER_TOOLS:
            problems.append(f"{name}: no command has {flag}")
    return problems


@pytest.mark.parametrize("path", DOCS, ids=[str(p.relative_to(REPO)) for p in DOCS])
def test_documented_flags_exist(path: Path) -> None:
    problems = _problems(path)
    assert not problems, "\n".join(problems)


def test_the_check_catches_a_missing_flag(tmp_path: Path) -> None:
    doc = tmp_path / "bad.md"
    doc.write_text("Run `reconcile plan --no-such-flag` or `reconcile nosuch`; see --neither.\n")
    problems = _problems(doc, tmp_path)
    assert any("plan` has no --no-such-flag" in p for p in problems), problems
    assert any("`reconcile nosuch` is not a command" in p for p in problems), problems
    assert any("no command has --neither" in p for p in problems), problems


def test_configuration_reference_lists_every_key() -> None:
    """docs/configuration.md names every reconcile.yaml key with its RECONCILE_* variable."""
    from reconciler.core.config import KEYS

    text = (REPO / "docs" / "configuration.md").read_text(encoding="utf-8")
    rows = {line.split("|")[1].strip(): line for line in text.splitlines() if line.startswith("| `")}
    missing = [f"{key} ({env})" for key, (env, _) in KEYS.items() if env not in rows.get(f"`{key}`", "")]
    assert not missing, f"docs/configuration.md lacks a row for: {', '.join(missing)}"


_LINK = re.compile(r"\]\(([^)\s]+)\)")


def _anchor(heading: str) -> str:
    """GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


@pytest.mark.parametrize("path", DOCS, ids=[str(p.relative_to(REPO)) for p in DOCS])
def test_links_point_at_files_and_headings(path: Path) -> None:
    broken = _broken_links(path)
    assert not broken, "\n".join(broken)


def test_the_link_check_catches_broken_links(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("# Apply safety\n[ok](a.md#apply-safety) [x](b.md) [y](a.md#nope)\n")
    assert _broken_links(tmp_path / "a.md") == ["b.md: no such file", "a.md#nope: no heading #nope in a.md"]


def _broken_links(path: Path) -> list[str]:
    broken = []
    for link in _LINK.findall(path.read_text(encoding="utf-8")):
        if link.startswith(("http://", "https://", "mailto:")):
            continue
        file, _, anchor = link.partition("#")
        target = (path.parent / file).resolve() if file else path
        if not target.exists():
            broken.append(f"{link}: no such file")
        elif anchor and target.suffix == ".md":
            headings = re.findall(r"^#+ (.+)$", target.read_text(encoding="utf-8"), re.M)
            if anchor not in {_anchor(h) for h in headings}:
                broken.append(f"{link}: no heading #{anchor} in {target.name}")
    return broken
