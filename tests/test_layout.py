"""The package's house (README "Layout"): folders by stage that import one way only, no import
circle between modules, and stages that take narrow settings instead of the whole `Config`.

Read from the source with `ast` (every import, also the ones inside functions and under
TYPE_CHECKING): a new import against the order fails here, naming the file.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "reconciler"
# Lowest first: a folder imports only from the folders before it (and from itself).
ORDER = ("core", "sql", "pg", "engine", "render", "commands", "cli", "__main__")
# What the stages may not take: the configuration is read at the command's edge (commands/, cli).
STAGES = ("core", "sql", "pg", "engine", "render")


def _module(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports() -> dict[str, dict[str, set[str]]]:
    """module -> imported module -> the names imported from it (the package's own modules)."""
    modules = {_module(p): p for p in PACKAGE.rglob("*.py")}
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level:
                base = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                target = ".".join([*base, *([node.module] if node.module else [])])
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("reconciler"):
                target = str(node.module)
            else:
                continue
            for alias in node.names:
                sub = f"{target}.{alias.name}"
                if sub in modules:
                    found[name][sub].add("*")
                elif target in modules:
                    found[name][target].add(alias.name)
    return found


def _folder(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else parts[0]


def test_no_import_circle_between_modules() -> None:
    graph = {m: set(targets) - {m} for m, targets in _imports().items()}
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    circles: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            part = []
            while True:
                w = stack.pop()
                on.discard(w)
                part.append(w)
                if w == v:
                    break
            if len(part) > 1:
                circles.append(sorted(part))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    assert circles == [], f"modules that import each other: {circles}"


def test_folders_import_one_way() -> None:
    wrong = sorted(
        f"{module} imports {target}"
        for module, targets in _imports().items()
        for target in targets
        if _folder(module) in ORDER
        and _folder(target) in ORDER
        and ORDER.index(_folder(target)) > ORDER.index(_folder(module))
    )
    assert wrong == [], "imports against " + " < ".join(ORDER) + ":\n" + "\n".join(wrong)


def test_stages_take_settings_not_config() -> None:
    wrong = sorted(
        f"{module} imports Config"
        for module, targets in _imports().items()
        if _folder(module) in STAGES
        for target, names in targets.items()
        if target == "reconciler.core.config" and "Config" in names and module != "reconciler.core.config"
    )
    assert wrong == [], "\n".join(wrong)
