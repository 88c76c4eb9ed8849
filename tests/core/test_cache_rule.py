"""Every cache is written by core/cache's one atomic writer: no module of the package renames a file into
place or makes temporary files of its own, but for the few places listed in ALLOWED, each with its reason.

Read from the source with ``ast`` (nothing is imported). A rename into place is a call of ``os.replace``,
``os.rename``, ``os.renames`` or ``shutil.move``, or a method ``.replace``/``.rename`` with one argument
(``Path.replace(target)``; ``str.replace`` takes two); a temporary file is any use of ``tempfile``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import archive_builder

PACKAGE = Path(archive_builder.__file__).parent

#: (module, function) -> why it may rename into place itself. Nothing here writes a file into .archive-cache.
ALLOWED = {
    ("core/cache.py", "write_atomic"): "the one atomic writer",
    ("core/budgets.py", "<module>"): "the reader worker's standard error goes to a scratch file (a temporary file, "
                                     "never in .archive-cache, read for one line when a worker dies)",
    ("core/buildfs.py", "swap_in"): "the site swap: a whole folder put in place of the old site (renameat2 "
                                    "exchange, else two renames), not a file written",
    ("core/buildfs.py", "clean_leftovers"): "puts back the old site a stopped build had moved aside",
    ("site/build.py", "write_zip"): "the zip beside the site, written into buildfs.zip_part, whose leftovers "
                                    "buildfs.clean_leftovers removes by that name",
    ("search/index.py", "_create"): "a new, empty search index made whole in a folder beside the old one, then "
                                    "renamed into its place (a folder, not a file: whoosh writes its own files)",
    ("site/build.py", "write_fingerprint"): "the fingerprint beside the zip, under a part name of the same "
                                            "kind; it is no cache",
}


def private_writers(source: str) -> list[tuple[int, str, str]]:
    """(line, enclosing function, what) for each rename into place or use of tempfile in ``source``."""
    tree = ast.parse(source)
    found = []
    for function, node in _nodes_with_function(tree):
        what = _private_write(node)
        if what is not None:
            found.append((node.lineno, function, what))
    return found


def _nodes_with_function(tree: ast.AST, function: str = "<module>"):
    for child in ast.iter_child_nodes(tree):
        inner = child.name if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) else function
        yield inner, child
        yield from _nodes_with_function(child, inner)


def _private_write(node: ast.AST) -> str | None:
    if isinstance(node, ast.Import) and any(a.name.split(".")[0] == "tempfile" for a in node.names):
        return "import tempfile"
    if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] == "tempfile":
        return "from tempfile import"
    if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)):
        return None
    func = node.func
    if isinstance(func.value, ast.Name) and (func.value.id, func.attr) in {
            ("os", "replace"), ("os", "rename"), ("os", "renames"), ("shutil", "move")}:
        return f"{func.value.id}.{func.attr}"
    if func.attr in ("replace", "rename") and len(node.args) == 1 and not node.keywords:
        return f".{func.attr}()"
    return None


def test_no_module_writes_into_place_but_through_the_one_writer():
    unexplained = []
    used = set()
    for path in sorted(PACKAGE.rglob("*.py")):
        module = path.relative_to(PACKAGE).as_posix()
        for line, function, what in private_writers(path.read_text("utf-8")):
            if (module, function) in ALLOWED:
                used.add((module, function))
            else:
                unexplained.append(f"{module}:{line} in {function}: {what} (write through core.cache.write_atomic)")
    assert unexplained == []
    assert used == set(ALLOWED), f"allowed but no longer needed: {sorted(set(ALLOWED) - used)}"


def test_the_scan_finds_the_ways_a_private_writer_is_made():
    source = (
        "import os, tempfile\n"
        "from pathlib import Path\n"
        "def save(path, text):\n"
        "    fd, tmp = tempfile.mkstemp(dir=path.parent)\n"
        "    os.replace(tmp, path)\n"
        "def save_too(path, text):\n"
        "    part = path.with_suffix('.tmp')\n"
        "    part.write_text(text)\n"
        "    part.replace(path)\n"
        "def fine(name):\n"
        "    return name.replace('-', '_')\n"
    )
    assert private_writers(source) == [(1, "<module>", "import tempfile"), (5, "save", "os.replace"),
                                       (9, "save_too", ".replace()")]
