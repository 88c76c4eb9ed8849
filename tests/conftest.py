"""Shared fixtures: scratch archives built from a dict of files, and the CLI runner."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from hypothesis.configuration import set_hypothesis_home_dir

from archive_builder.commands.cli import cli
from archive_builder.core.i18n import set_language

REPO = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"

#: Folders of the checkout the tests may not look after: version control and the tools' own caches.
_NOT_WATCHED = {".git", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache"}


def _checkout_state() -> dict[str, tuple[int, int]]:
    """Every file of the checkout (size and modification time) outside version control and tool caches."""
    state: dict[str, tuple[int, int]] = {}
    for folder, subfolders, files in os.walk(REPO):
        subfolders[:] = [d for d in subfolders if d not in _NOT_WATCHED and not d.endswith(".egg-info")]
        for name in files:
            stat = os.stat(os.path.join(folder, name))
            state[os.path.relpath(os.path.join(folder, name), REPO)] = (stat.st_size, stat.st_mtime_ns)
    return state


@pytest.fixture(scope="session", autouse=True)
def hypothesis_home(tmp_path_factory: pytest.TempPathFactory) -> None:
    """Property tests keep their examples and Unicode tables in a temporary folder, not ``.hypothesis/``."""
    set_hypothesis_home_dir(tmp_path_factory.mktemp("hypothesis"))


@pytest.fixture(scope="session", autouse=True)
def checkout_untouched(hypothesis_home: None) -> Iterator[None]:
    """The suite writes only under tmp_path: no file of the checkout (content/ above all) is added or changed."""
    before = _checkout_state()
    yield
    after = _checkout_state()
    changed = sorted(path for path in after.keys() | before.keys() if after.get(path) != before.get(path))
    assert not changed, f"the tests wrote into the checkout: {changed[:10]}"


@pytest.fixture(autouse=True)
def english_messages(monkeypatch: pytest.MonkeyPatch):
    """Tests read English messages unless they ask for Chinese; a message key no catalogue has raises."""
    monkeypatch.delenv("ARCHIVE_BUILDER_LANG", raising=False)
    monkeypatch.setenv("ARCHIVE_BUILDER_STRICT_MESSAGES", "1")
    set_language("en")
    yield
    set_language(None)


@pytest.fixture
def make_archive(tmp_path: Path) -> Callable[..., Path]:
    """Create ``tmp_path/archive`` with ``content/`` and the given files.

    ``files`` maps a path relative to the archive root to text (written as UTF-8) or bytes.
    """

    def make(files: dict[str, str | bytes] | None = None, name: str = "archive") -> Path:
        root = tmp_path / name
        (root / "content").mkdir(parents=True, exist_ok=True)
        for rel, data in (files or {}).items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if isinstance(data, bytes):
                path.write_bytes(data)
            else:
                path.write_text(data, encoding="utf-8")
        return root

    return make


DEMO_PARTS = ("content", "checklists", "site_config", "mkdocs.yml", "archive_numbers.csv")


def copy_demo(root: Path) -> Path:
    """Copy the demo archive's inputs (never its caches or site) into ``root``."""
    root.mkdir(parents=True, exist_ok=True)
    for part in DEMO_PARTS:
        source = REPO / part
        if source.is_dir():
            shutil.copytree(source, root / part)
        elif source.exists():
            shutil.copy2(source, root / part)
    return root


@pytest.fixture(scope="session")
def demo_archive(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One scratch copy of the demo for the session's tests that only read it.

    Commands write their caches beside the archive they run on; run on this copy, they leave the
    checkout as it was.
    """
    return copy_demo(tmp_path_factory.mktemp("demo-archive") / "demo")


def _checkout_writes() -> dict[str, int]:
    """Every file under the checkout's tool-written folders, with its modification time."""
    found: dict[str, int] = {}
    for folder in (".archive-cache", "site"):
        for path in (REPO / folder).rglob("*"):
            if path.is_file():
                found[path.relative_to(REPO).as_posix()] = path.stat().st_mtime_ns
    return found


@pytest.fixture(scope="session", autouse=True)
def checkout_left_alone() -> Iterator[None]:
    """On CI (a clean checkout nobody else works in), the suite writes nothing into the checkout."""
    if not os.environ.get("CI"):
        yield
        return
    before = _checkout_writes()
    yield
    written = sorted(set(_checkout_writes().items()) - set(before.items()))
    assert not written, f"tests wrote into the checkout: {written[:10]}"


@pytest.fixture
def demo_copy(tmp_path: Path) -> Path:
    """A scratch copy of the demo archive (content/, checklists/, site_config/)."""
    root = tmp_path / "demo"
    root.mkdir()
    for part in ("content", "checklists", "site_config"):
        if (REPO / part).exists():
            shutil.copytree(REPO / part, root / part)
    for part in ("mkdocs.yml",):
        if (REPO / part).exists():
            shutil.copy2(REPO / part, root / part)
    return root


@pytest.fixture
def run_cli() -> Callable[..., Result]:
    """Invoke the CLI in-process: ``run_cli(root, "scan", "--json")``."""

    def run(root: Path | None, *args: str, **kwargs) -> Result:
        prefix = ["--root", str(root)] if root is not None else []
        return CliRunner().invoke(cli, [*prefix, *args], catch_exceptions=False, **kwargs)

    return run


@pytest.fixture(scope="module")
def browser():
    """Debian chromium, one per test module (tests/chromium.py)."""
    from playwright.sync_api import sync_playwright

    import chromium

    with sync_playwright() as pw:
        browser = chromium.launch(pw)
        yield browser
        browser.close()
