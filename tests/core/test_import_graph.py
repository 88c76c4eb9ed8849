"""The package's layout is its pipeline: stage packages in order, nothing imports upward, no cycle.

Read from the source with ``ast`` (nothing is imported), so a cycle hidden in a function-level import
shows as much as one at the top of a file.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import archive_builder

PACKAGE = Path(archive_builder.__file__).parent
#: The stages in pipeline order; a module may import its own stage and the ones before it.
ORDER = ("core", "inventory", "review", "statistics", "checking", "assessment", "archival", "search", "site",
         "reports", "pipeline", "commands")
#: What a deliberate function-level import of the package's own modules says about itself.
LAZY = "# lazy:"


def _modules() -> dict[str, tuple[Path, bool]]:
    found = {}
    for path in PACKAGE.rglob("*.py"):
        parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        found[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return found


MODULES = _modules()


def _imports(name: str, *, typing: bool = True) -> list[tuple[str, ast.stmt, bool]]:
    """(imported module, statement, at the top of the file) for each import of the package's own modules;
    with ``typing=False``, without those made only for the type checker (``if TYPE_CHECKING:``)."""
    path, is_package = MODULES[name]
    tree = ast.parse(path.read_text("utf-8"))
    top = {id(node) for statement in tree.body for node in ast.walk(statement)
           if not isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef))}
    for_types = {id(node) for statement in tree.body if isinstance(statement, ast.If)
                 and ast.unparse(statement.test) in ("TYPE_CHECKING", "typing.TYPE_CHECKING")
                 for node in ast.walk(statement)}
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = name.split(".") if is_package else name.split(".")[:-1]
                base = ".".join(parts[: len(parts) - node.level + 1] + ([node.module] if node.module else []))
            targets = [f"{base}.{a.name}" if f"{base}.{a.name}" in MODULES else base for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        else:
            continue
        if not typing and id(node) in for_types:
            continue
        found += [(target, node, id(node) in top) for target in targets if target in MODULES and target != name]
    return found


def _stage(name: str) -> str | None:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in ORDER else None


def test_every_module_belongs_to_a_stage():
    loose = [name for name in MODULES if name != "archive_builder" and _stage(name) is None]
    assert loose == []


def test_no_module_imports_a_later_stage():
    upward = [f"{name} imports {target} (line {node.lineno})"
              for name in MODULES for target, node, _ in _imports(name)
              if _stage(name) and _stage(target) and ORDER.index(_stage(target)) > ORDER.index(_stage(name))]
    assert upward == []


def test_the_import_graph_has_no_cycle():
    """At run time: an import made only for the type checker runs never."""
    graph: dict[str, set[str]] = defaultdict(set)
    for name in MODULES:
        for target, _, _ in _imports(name, typing=False):
            if not MODULES[target][1]:  # a package's __init__ is not a module's dependency on its siblings
                graph[name].add(target)
    cycles = []
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(" -> ".join(trail[trail.index(nxt):] + [node, nxt]) if nxt in trail else f"{node} -> {nxt}")
            elif nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for name in sorted(MODULES):
        if name not in state:
            visit(name, [])
    assert cycles == []


def test_own_modules_are_imported_at_the_top_unless_marked_lazy():
    hidden = []
    for name, (path, _) in MODULES.items():
        lines = path.read_text("utf-8").splitlines()
        for target, node, at_top in _imports(name):
            if not at_top and LAZY not in lines[node.end_lineno - 1]:
                hidden.append(f"{name}:{node.lineno} imports {target} inside a function")
    assert hidden == []


def test_the_lazy_imports_are_few_and_each_says_why():
    lazy = [(name, node.lineno) for name, (path, _) in MODULES.items()
            for target, node, at_top in _imports(name) if not at_top]
    assert len(lazy) <= 6, lazy  # the search command's start-up path and PyYAML behind a config snapshot


def test_nothing_below_the_commands_knows_about_click():
    users = []
    for name, (path, _) in MODULES.items():
        if _stage(name) == "commands":
            continue
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import)
                     else [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            users += [f"{name}:{node.lineno}" for n in names if n == "click" or n.startswith("click.")]
    assert users == []


def test_the_checker_sees_an_upward_import(tmp_path, monkeypatch):
    """The rule can fail: a core module importing the site is caught."""
    MODULES["archive_builder.core._probe"] = (tmp_path / "probe.py", False)
    (tmp_path / "probe.py").write_text("from archive_builder.site import build\n", "utf-8")
    try:
        [(target, _, _)] = _imports("archive_builder.core._probe")
        assert ORDER.index(_stage(target)) > ORDER.index(_stage("archive_builder.core._probe"))
    finally:
        del MODULES["archive_builder.core._probe"]
