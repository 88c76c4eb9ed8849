"""Cache warming on several cores gives the same results and counters as one ordered pass."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from archive_builder.core import parallel
from archive_builder.core.config import load_config
from archive_builder.core.errors import ArchiveError, message
from archive_builder.inventory.scan import scan_archive
from archive_builder.review.extract import extract_all
from archive_builder.site.search import SearchEntry, write_search_index


@pytest.fixture
def archive(make_archive):
    files = {
        f"content/县教科局/发展规划/2016/文件{n:02d}.md": f"# 文件{n}\n第{n}号文件：教师交流轮岗与经费保障，编号{n * 7919}。"
        for n in range(12)
    }
    return make_archive(files)


def test_parallel_extraction_counts_and_texts_match_the_serial_pass(archive, monkeypatch, tmp_path):
    config = load_config(archive)
    docs = scan_archive(config).documents
    serial = extract_all(docs, tmp_path / "serial")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    first = extract_all(docs, tmp_path / "parallel")
    second = extract_all(docs, tmp_path / "parallel")
    assert (first.extracted, first.from_cache) == (12, 0)
    assert (second.extracted, second.from_cache) == (0, 12)
    assert {p: r.text for p, r in first.results.items()} == {p: r.text for p, r in serial.results.items()}


def test_parallel_search_index_is_byte_identical(monkeypatch, tmp_path):
    entries = [SearchEntry(url=f"docs/x/{n}.html", title=f"文件{n}", department="县教科局", category="发展规划",
                           years=[2016], school=None, type="md", text=f"义务教育均衡发展第{n}号材料，校长教师交流。")
               for n in range(12)]
    write_search_index(entries, tmp_path / "a", cache_dir=tmp_path / "cache-a")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    write_search_index(entries, tmp_path / "b", cache_dir=tmp_path / "cache-b")
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*") if p.is_file())
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*") if p.is_file())
    assert files_a == files_b and files_a
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    assert len(list((tmp_path / "cache-b").rglob("*.json"))) >= 12


def _tree_files(build) -> dict[str, bytes]:
    return {p.relative_to(build).as_posix(): p.read_bytes() for p in sorted(build.rglob("*"))
            if p.is_file() and p.parts[len(build.parts)] in ("docs", "bodies")}


def test_bodies_prepared_on_several_cores_give_the_same_tree(demo_copy, monkeypatch):
    """The demo archive (DOCX, PDF, workbooks, secret and internal files) rendered both ways."""
    from archive_builder.pipeline import load_inventory
    from archive_builder.site import bodies
    from archive_builder.site.render import render_tree

    config = load_config(demo_copy)
    inventory = load_inventory(config)
    serial = render_tree(config, inventory, demo_copy / "serial")
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    prepared = []
    monkeypatch.setattr(bodies, "take_prepared", lambda job, real=bodies.take_prepared: _counted(real(job), prepared))
    monkeypatch.setattr("archive_builder.site.document_pages.take_prepared", bodies.take_prepared)
    multi = render_tree(config, inventory, demo_copy / "parallel")
    assert len(prepared) == len(inventory.documents)  # every body came from a worker
    assert _tree_files(demo_copy / "serial") == _tree_files(demo_copy / "parallel")
    assert [d.path for d in multi.published] == [d.path for d in serial.published]
    assert multi.withheld == serial.withheld and multi.withheld  # secret documents stay out either way
    assert multi.problems == serial.problems
    assert not (demo_copy / "parallel" / "prepared").exists() or not any((demo_copy / "parallel" / "prepared").iterdir())


def _counted(found, into: list):
    if found is not None:
        into.append(found)
    return found


def test_files_checked_on_several_cores_give_the_same_inventory(demo_copy, monkeypatch):
    """Hashes and file checks done by workers: same documents, same problems in the same order."""
    broken = demo_copy / "content" / "县教科局" / "发展规划" / "2016" / "损坏的规划.docx"
    broken.parent.mkdir(parents=True, exist_ok=True)
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    serial = scan_archive(load_config(demo_copy), use_cache=False)
    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    monkeypatch.setattr(parallel, "workers", lambda: 2)
    config = load_config(demo_copy)
    calls = []
    monkeypatch.setattr("archive_builder.inventory.filecheck.CHECKERS", _spy(calls))  # the ordered pass must not check
    monkeypatch.setattr("archive_builder.inventory.scan.CHECKERS", _spy(calls))
    multi = scan_archive(config)
    assert calls == []  # every check result came from the workers, through the cache
    assert [d.to_dict() for d in multi.documents] == [d.to_dict() for d in serial.documents]
    assert multi.problems == serial.problems
    assert any(p.code == "scan.broken_docx" and p.path.endswith("损坏的规划.docx") for p in multi.problems)


class _spy(dict):
    """CHECKERS for the parent process: every lookup is recorded (workers import their own)."""

    def __init__(self, calls: list) -> None:
        from archive_builder.inventory.filecheck import CHECKERS

        super().__init__(CHECKERS)
        self.calls = calls

    def __getitem__(self, key):
        self.calls.append(key)
        return super().__getitem__(key)


# --- work beside this process -------------------------------------------------------------------


def _write(path: Path, text: str) -> None:
    path.write_text(text, "utf-8")


@pytest.fixture
def two_cores(monkeypatch):
    """The work goes to a forked copy, whatever the machine running the tests has."""
    monkeypatch.setattr(parallel, "workers", lambda: 2)


def test_work_beside_writes_its_files_and_wait_returns_once_they_are_there(tmp_path: Path, two_cores):
    target = tmp_path / "out.txt"
    job = parallel.beside(lambda: _write(target, "索引"))
    job.wait()
    assert target.read_text("utf-8") == "索引"


def test_work_beside_raises_its_failure_in_this_process(tmp_path: Path, two_cores):
    def failing() -> None:
        raise ArchiveError(message("build.mkdocs_failed", detail="boom"))

    job = parallel.beside(failing)
    with pytest.raises(ArchiveError, match="boom") as raised:
        job.wait()
    assert raised.value.codes == ["build.mkdocs_failed"]


def test_work_beside_that_is_stopped_leaves_no_process(tmp_path: Path, two_cores):
    marker = tmp_path / "late.txt"
    job = parallel.beside(lambda: (time.sleep(30), _write(marker, "x")))
    pid = job._pid
    assert pid
    job.stop()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, 0)  # reaped: no such child any more
    job.wait()  # nothing left to wait for
    assert not marker.exists()


def test_on_one_core_the_work_runs_when_waited_for(tmp_path: Path, monkeypatch):
    monkeypatch.setattr(parallel, "workers", lambda: 1)
    target = tmp_path / "out.txt"
    job = parallel.beside(lambda: _write(target, "一核"))
    assert not target.exists()
    job.wait()
    assert target.read_text("utf-8") == "一核"
