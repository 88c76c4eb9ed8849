"""Faults the build survives: damaged caches, two builds at once, a kill at any moment, leftovers, a full
disk, control characters in file names, and sites holding links, unreadable or special files.

Each case checks the promise, not only the absence of a traceback: the build goes on and publishes
the documents, the old site is intact (byte for byte) when a build cannot finish, a message is one
line, and ``verify`` reports what it cannot check without following or opening it.
"""

from __future__ import annotations

import contextlib
import errno
import json
import os
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from whoosh import index as windex

from archive_builder.core import buildfs
from archive_builder.inventory import scancache
from archive_builder.search.query import INDEX_FOLDER
from archive_builder.site.manifest import verify_site

from site_helpers import RARE_WORD, archive_files, site_files, tree_state

REPO = Path(__file__).resolve().parents[2]
CLI = [sys.executable, "-c", "import sys; from archive_builder.commands.cli import main; sys.argv[0] = 'archive-builder'; main()"]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> Path:
    """One archive built once; tests work on copies of it (a build takes seconds)."""
    root = tmp_path_factory.mktemp("built") / "archive"
    for rel, data in archive_files().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    done = subprocess.run([*CLI, "--root", str(root), "build"], capture_output=True, text=True, cwd=REPO)
    assert done.returncode == 0, done.stderr
    return root


@pytest.fixture
def archive(built, tmp_path) -> Path:
    root = tmp_path / "archive"
    shutil.copytree(built, root, symlinks=True)
    return root


def published(site: Path) -> str:
    return "".join(p.read_text("utf-8") for p in (site / "docs").rglob("*.html"))


def no_traceback(result) -> None:
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception


# --- damaged caches -------------------------------------------------------------------------------------


def _document_page_source(root: Path) -> Path:
    """The cached Markdown of the page of the budget document (its body, with RARE_WORD, is stored apart)."""
    pages = (root / ".archive-cache/build/docs/docs").rglob("*.md")
    return next(p for p in pages if "2015年教育经费预算安排" in p.read_text("utf-8"))


DAMAGE = {
    "a non-UTF-8 site key": lambda root: (root / ".archive-cache/build/site-key.txt").write_bytes(b"\xff\xfe\x00key"),
    "garbage in a page of build/docs": lambda root: _document_page_source(root).write_bytes(b"\xff\x00GARBAGE-X\n"),
    "bad JSON in build/state": lambda root: next((root / ".archive-cache/build/state").glob("*.json")).write_text("{bad"),
    "a list in build/state": lambda root: next((root / ".archive-cache/build/state").glob("*.json")).write_text("[1]"),
    "a truncated stored body": lambda root: next((root / ".archive-cache/build/bodies").glob("*.html")).write_bytes(b""),
    "a list as the scan cache": lambda root: (root / ".archive-cache/scan.json").write_text("[]"),
    "wrong entries in the scan cache": lambda root: (root / ".archive-cache/scan.json").write_text(
        json.dumps({"rules": scancache.VERSION, "files": {"a": "b"}, "probes": {"x": {"bad": 1}}})),
    "garbage as the scan cache": lambda root: (root / ".archive-cache/scan.json").write_bytes(b"\xff\x00"),
    "a folder as the scan cache": lambda root: _folder_in_place_of(root / ".archive-cache/scan.json"),
    "a folder as the review cache": lambda root: _folder_in_place_of(root / ".archive-cache/review.json"),
    "a folder as a text cache entry": lambda root: _folder_in_text_cache(root),
    "a named pipe as the scan cache": lambda root: _pipe_in_place_of(root / ".archive-cache/scan.json"),
    "a named pipe as the review cache": lambda root: _pipe_in_place_of(root / ".archive-cache/review.json"),
    "a folder as the build lock": lambda root: _folder_in_place_of(root / ".archive-cache" / buildfs.LOCK_NAME),
    "a looping link as the build lock": lambda root: _loop_in_place_of(root / ".archive-cache" / buildfs.LOCK_NAME),
    "a folder as build/mkdocs.yml": lambda root: _folder_in_place_of(root / ".archive-cache/build/mkdocs.yml"),
    "a looping link as build/mkdocs.yml": lambda root: _loop_in_place_of(root / ".archive-cache/build/mkdocs.yml"),
    "a folder as build/site-outputs.json": lambda root: _folder_in_place_of(
        root / ".archive-cache/build/site-outputs.json"),
    "a looping link in build/state": lambda root: _loop_in_place_of(
        next((root / ".archive-cache/build/state").glob("*.json"))),
    "a looping link in build/bodies": lambda root: _loop_in_place_of(
        next((root / ".archive-cache/build/bodies").glob("*.html"))),
    "a named pipe in build/docs": lambda root: _pipe_in_place_of(_document_page_source(root)),
    "a scan cache nested 100,000 deep": lambda root: (root / ".archive-cache/scan.json").write_text(DEEP_JSON),
    "a review cache nested 100,000 deep": lambda root: (root / ".archive-cache/review.json").write_text(DEEP_JSON),
    "build/state nested 100,000 deep": lambda root: next((root / ".archive-cache/build/state").glob("*.json")).write_text(
        DEEP_JSON),
}
DEEP_JSON = "[" * 100_000 + "]" * 100_000


def _folder_in_text_cache(root: Path) -> None:
    """A folder in place of a text cache entry, with the review's findings gone so the entry is read."""
    (root / ".archive-cache/review.json").unlink()
    _folder_in_place_of(next((root / ".archive-cache/text").rglob("*.json")))


def _pipe_in_place_of(path: Path) -> None:
    """A named pipe where a cache file belongs: opening it to read would wait for a writer for ever."""
    path.unlink()
    os.mkfifo(path)


def _loop_in_place_of(path: Path) -> None:
    """A link to itself where a cache file belongs: opening it fails with ELOOP."""
    path.unlink()
    path.symlink_to(path.name)


def _folder_in_place_of(path: Path) -> None:
    path.unlink()
    (path / "x").mkdir(parents=True)


@pytest.mark.parametrize("damage", DAMAGE, ids=list(DAMAGE))
def test_a_damaged_cache_is_discarded_with_one_notice_and_the_site_is_right(archive, run_cli, damage):
    DAMAGE[damage](archive)
    result = run_cli(archive, "build")
    no_traceback(result)
    assert result.exit_code == 0
    notices = [line for line in result.output.splitlines() if line.startswith("notice:")]
    assert len(notices) == 1 and ".archive-cache" in notices[0], result.output
    text = published(archive / "site")
    assert RARE_WORD in text and "GARBAGE-X" not in text
    assert verify_site(archive / "site").intact
    again = run_cli(archive, "build")
    assert again.exit_code == 0 and "notice:" not in again.output


def test_a_file_where_the_search_index_belongs_is_made_again(archive, run_cli):
    index = archive / ".archive-cache" / "index"
    if index.exists():
        shutil.rmtree(index)
    index.write_text("garbage")
    result = run_cli(archive, "search", RARE_WORD)
    no_traceback(result)
    assert result.exit_code == 0 and "match" in result.output


def test_a_build_stopped_midway_leaves_a_cache_the_next_build_does_not_trust(archive, run_cli):
    (archive / ".archive-cache/build" / buildfs.RECORD_NAME).unlink()  # what a kill before the end leaves
    page = _document_page_source(archive)
    page.write_text(page.read_text("utf-8")[:40], "utf-8")  # a page cut short
    result = run_cli(archive, "build")
    assert result.exit_code == 0 and result.output.count("notice:") == 1
    assert RARE_WORD in published(archive / "site")


# --- one build at a time --------------------------------------------------------------------------------


HOLD_LOCK = ("import fcntl, os, sys, time\n"
             "handle = open(sys.argv[1], 'a+')\n"
             "fcntl.flock(handle, fcntl.LOCK_EX)\n"
             "handle.seek(0); handle.truncate(); handle.write(str(os.getpid())); handle.flush()\n"
             "print('held', flush=True)\n"
             "time.sleep(60)\n")


def test_a_second_build_stops_with_a_clear_message_and_the_site_untouched(archive, run_cli):
    before = tree_state(archive / "site")
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(archive / ".archive-cache" / buildfs.LOCK_NAME)],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        result = run_cli(archive, "build")
    finally:
        holder.kill()
        holder.wait()
    no_traceback(result)
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if line.strip()]
    assert f"Another build of this archive is running (process {holder.pid}" in line
    assert tree_state(archive / "site") == before
    assert run_cli(archive, "build").exit_code == 0  # the lock went with its process


def test_two_builds_started_together_one_builds_and_the_other_says_why(archive):
    (archive / "content/县财政局/保障机制/2015/新增.md").write_text("# 新增\n新增文件正文。\n", "utf-8")
    for number in range(80):  # enough pages that the first build still runs when the second starts
        (archive / f"content/县教科局/发展规划/2016/通知{number}.md").write_text(f"# 通知{number}\n正文。\n", "utf-8")
    lock = archive / ".archive-cache" / buildfs.LOCK_NAME
    first = subprocess.Popen([*CLI, "--root", str(archive), "build"], cwd=REPO, stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    while lock.read_text().strip() != str(first.pid) and time.monotonic() < deadline and first.poll() is None:
        time.sleep(0.02)
    second = subprocess.run([*CLI, "--root", str(archive), "build"], cwd=REPO, capture_output=True, text=True)
    still_running = first.poll() is None
    out, _ = first.communicate(timeout=300)
    assert still_running, "the first build ended before the second began: nothing was tested"
    assert first.returncode == 0, out
    assert second.returncode == 1 and "Another build of this archive is running" in second.stderr
    assert "Traceback" not in second.stderr + second.stdout
    assert verify_site(archive / "site").intact and "新增文件正文" in published(archive / "site")


def test_serve_style_rebuilds_in_one_process_do_not_lock_themselves_out(archive, run_cli):
    for _ in range(2):
        (archive / "content/县财政局/保障机制/2015/变化.md").write_text(f"# 变化\n{time.time()}\n", "utf-8")
        assert run_cli(archive, "build").exit_code == 0


# --- the swap: atomic, killed at any moment, leftovers cleaned -------------------------------------------------


def test_the_exchange_swaps_two_folders_in_one_step(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "a" / "x").write_text("a")
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "x").write_text("b")
    assert buildfs.exchange(tmp_path / "a", tmp_path / "b")  # Linux, ext4/tmpfs/overlay: supported here
    assert (tmp_path / "a" / "x").read_text() == "b" and (tmp_path / "b" / "x").read_text() == "a"


def test_the_site_stays_a_real_folder_that_verifies_and_zips(archive, run_cli, tmp_path):
    assert run_cli(archive, "build", "--zip", str(tmp_path / "site.zip")).exit_code == 0
    site = archive / "site"
    assert site.is_dir() and not site.is_symlink()
    assert verify_site(site).intact and verify_site(tmp_path / "site.zip").intact
    assert not [p.name for p in archive.iterdir() if p.name.startswith(".site.")]
    assert not list(tmp_path.glob(".*part*"))


@pytest.mark.parametrize("delay", [0.8, 1.6, 2.4, 3.2])
def test_a_build_killed_at_any_moment_leaves_a_whole_site_and_the_next_build_cleans_up(archive, delay):
    (archive / "content/县财政局/保障机制/2015/新增.md").write_text(f"# 新增\n{RARE_WORD}二号。\n", "utf-8")
    before = tree_state(archive / "site")
    build = subprocess.Popen([*CLI, "--root", str(archive), "build", "--zip", str(archive.parent / "a.zip")],
                             cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(delay)
    os.killpg(build.pid, signal.SIGKILL)
    build.wait()
    state = tree_state(archive / "site")
    assert state == before or verify_site(archive / "site").intact  # the old site, or the whole new one
    done = subprocess.run([*CLI, "--root", str(archive), "build", "--zip", str(archive.parent / "a.zip")],
                          cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr
    assert f"{RARE_WORD}二号" in published(archive / "site") and verify_site(archive / "site").intact
    leftovers = [p.name for p in [*archive.iterdir(), *archive.parent.iterdir()] if ".building-" in p.name
                 or ".old-" in p.name or ".part" in p.name]
    assert leftovers == []


def test_leftovers_of_dead_builds_are_removed_and_a_vanished_site_is_put_back(archive, run_cli, caplog):
    site = archive / "site"
    before = tree_state(site)
    dead = "99999999"  # no such process
    os.rename(site, archive / f".site.old-{dead}")  # two renames, stopped between them
    (archive / f".site.building-{dead}").mkdir()
    (archive / f".site.building-{dead}" / "index.html").write_text("half")
    zip_path = archive.parent / "迎检档案.zip"
    part_old, part_new = zip_path.with_name(zip_path.name + ".part"), zip_path.with_name(f".{zip_path.name}.part-{dead}")
    part_old.write_bytes(b"PK half")
    part_new.write_bytes(b"PK half")
    buildfs.clean_leftovers(site, zip_path)
    assert tree_state(site) == before
    assert not part_old.exists() and not part_new.exists()
    assert [p.name for p in archive.iterdir() if p.name.startswith(".site.")] == []
    assert any("previous site was put back" in r.getMessage() for r in caplog.records)


def test_leftovers_of_a_running_build_are_left_alone(archive):
    running = archive / f".site.building-{os.getppid()}"  # a live process that is not this one
    running.mkdir()
    buildfs.clean_leftovers(archive / "site")
    assert running.is_dir()


def test_without_the_exchange_two_renames_still_keep_a_site(archive, run_cli, monkeypatch):
    monkeypatch.setattr(buildfs, "exchange", lambda first, second: False)  # a file system without renameat2
    (archive / "content/县财政局/保障机制/2015/新增.md").write_text("# 新增\n两次改名。\n", "utf-8")
    assert run_cli(archive, "build").exit_code == 0
    assert "两次改名" in published(archive / "site") and verify_site(archive / "site").intact


# --- a full disk ------------------------------------------------------------------------------------------------


@pytest.fixture
def small_disk(tmp_path):
    """A real 32 MB tmpfs (root only); skipped where mounting is not allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=32m", "tmpfs", str(mount)], capture_output=True)
    if done.returncode != 0:
        pytest.skip("cannot mount a tmpfs here: " + done.stderr.decode(errors="replace").strip())
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_a_full_disk_is_one_line_and_the_old_site_is_kept(archive, run_cli, small_disk):
    site = small_disk / "site"
    assert run_cli(archive, "build", "--output", str(site)).exit_code == 0
    before = tree_state(site)
    size = sum(p.stat().st_size for p in site_files(site))
    filler = small_disk / "filler"
    filler.write_bytes(b"\0" * (shutil.disk_usage(small_disk).free - size // 2))  # room for half a site
    (archive / "content/县财政局/保障机制/2015/新增.md").write_text("# 新增\n新的正文。\n", "utf-8")
    result = run_cli(archive, "build", "--output", str(site))
    no_traceback(result)
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if line.strip()]
    assert line.startswith("error: The disk is full:") and "previous site is unchanged" in line
    assert tree_state(site) == before and verify_site(site).intact
    assert sorted(p.name for p in small_disk.iterdir()) == ["filler", "site"]  # the half-built site is gone
    filler.unlink()
    again = run_cli(archive, "build", "--output", str(site))
    assert again.exit_code == 0 and verify_site(site).intact and "新的正文" in published(site)


@pytest.mark.parametrize("room", [400_000, 60_000, 4_000])
def test_a_full_disk_under_the_whole_archive_is_one_line_wherever_it_strikes(built, small_disk, run_cli, room):
    root = small_disk / "archive"
    shutil.copytree(built, root, symlinks=True)
    before = tree_state(root / "site")
    (root / "content/县财政局/保障机制/2015/新增.md").write_text("# 新增\n" + "新的正文。" * 2000, "utf-8")
    (small_disk / "filler").write_bytes(b"\0" * max(0, shutil.disk_usage(small_disk).free - room))
    result = run_cli(root, "build")
    no_traceback(result)
    assert result.exit_code == 1
    [line] = [line for line in result.output.splitlines() if line.strip()]
    assert line.startswith("error: The disk is full:") and "previous site is unchanged" in line
    assert tree_state(root / "site") == before
    assert not [p.name for p in root.iterdir() if p.name.startswith(".site.")]
    (small_disk / "filler").unlink()
    again = run_cli(root, "build")
    assert again.exit_code == 0 and "新的正文" in published(root / "site") and verify_site(root / "site").intact


def test_a_full_disk_while_writing_the_manifest_keeps_the_old_site(archive, run_cli, monkeypatch):
    before = tree_state(archive / "site")
    (archive / "content/县财政局/保障机制/2015/新增.md").write_text("# 新增\n新的正文。\n", "utf-8")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device", "site/manifest.json")

    monkeypatch.setattr("archive_builder.site.manifest.write_manifest", full)
    result = run_cli(archive, "build")
    no_traceback(result)
    assert result.exit_code == 1 and result.output.count("\n") == 1
    assert "The disk is full: site/manifest.json could not be written" in result.output
    assert tree_state(archive / "site") == before
    assert not [p for p in archive.iterdir() if ".building-" in p.name]


def test_a_full_disk_while_zipping_keeps_the_new_site_and_leaves_no_part(archive, run_cli, monkeypatch, tmp_path):
    def full(self, *args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(zipfile.ZipFile, "write", full)
    target = tmp_path / "out" / "迎检档案.zip"
    result = run_cli(archive, "build", "--zip", str(target))
    no_traceback(result)
    assert result.exit_code == 1 and "the zip" in result.output and "The site was built" in result.output
    assert not target.exists() and list(target.parent.iterdir()) == []
    assert verify_site(archive / "site").intact


REPORTS = {
    "check": ("check", "--format", "json", "--output"),
    "catalogue": ("catalogue", "--format", "xlsx", "--output"),
    "indicators": ("indicators", "--output"),
}
REPORT_NAMES = {"check": "c.json", "catalogue": "c.xlsx", "indicators": "i.xlsx"}


def _one_line_about(result, path: Path) -> str:
    """The one line that says ``path`` could not be written (the archive's own problem lines may come before it)."""
    no_traceback(result)
    assert result.exit_code == 1, result.output
    lines = [line for line in result.output.splitlines() if str(path) in line]
    assert len(lines) == 1 and lines[0].startswith("error:") and "could not be written" in lines[0], result.output
    return lines[0]


@pytest.mark.parametrize("command", REPORTS)
def test_a_report_into_a_folder_that_cannot_be_written_is_one_line(archive, run_cli, tmp_path, command):
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("a file where the report's folder should be")
    target = not_a_folder / REPORT_NAMES[command]
    _one_line_about(run_cli(archive, *REPORTS[command], str(target)), target)
    assert not_a_folder.read_text() == "a file where the report's folder should be"


def test_a_zip_into_a_folder_that_cannot_be_written_is_one_line_and_the_site_is_built(archive, run_cli, tmp_path):
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("a file where the zip's folder should be")
    target = not_a_folder / "迎检档案.zip"
    _one_line_about(run_cli(archive, "build", "--zip", str(target)), target)
    assert verify_site(archive / "site").intact
    assert not_a_folder.read_text() == "a file where the zip's folder should be"


@pytest.mark.parametrize("command", REPORTS)
def test_a_report_on_a_full_disk_is_one_line_and_the_old_report_is_kept(archive, run_cli, small_disk, command):
    target = small_disk / REPORT_NAMES[command]
    target.write_bytes(b"the report of yesterday")
    (small_disk / "filler").write_bytes(b"\0" * shutil.disk_usage(small_disk).free)
    assert "No space left on device" in _one_line_about(run_cli(archive, *REPORTS[command], str(target)), target)
    assert target.read_bytes() == b"the report of yesterday"
    assert sorted(p.name for p in small_disk.iterdir()) == sorted(["filler", target.name])  # no temporary file left


def test_the_search_index_on_a_full_disk_is_one_line_and_the_old_index_still_answers(built, run_cli, small_disk):
    root = small_disk / "archive"
    shutil.copytree(built, root, symlinks=True)
    (root / "content/县财政局/保障机制/2015/旧文.md").write_text("# 旧文\nOLDINDEXWORD 原有正文。\n", "utf-8")
    assert run_cli(root, "index").exit_code == 0
    before = _indexed_count(root)
    (root / "content/县财政局/保障机制/2015/新增.md").write_text("# 新增\nNEWINDEXWORD 新的正文。\n" * 2000, "utf-8")
    (small_disk / "filler").write_bytes(b"\0" * shutil.disk_usage(small_disk).free)
    result = run_cli(root, "index")
    no_traceback(result)
    assert result.exit_code == 1 and "disk is full" in result.output, result.output
    assert _indexed_count(root) == before  # the index of before, not removed for a rebuild


def test_the_first_search_index_on_a_disk_with_no_free_block_is_one_line(small_disk, run_cli):
    root = small_disk / "archive"
    page = root / "content/县财政局/保障机制/2016/规划.md"
    page.parent.mkdir(parents=True)
    page.write_text("---\n标题: 发展规划\n日期: 2016-03-01\n---\n\n# 正文\n\n普通正文内容。\n", "utf-8")
    assert run_cli(root, "scan").exit_code in (0, 1)
    with open(small_disk / "filler", "wb") as filler, contextlib.suppress(OSError):
        filler.write(b"\0" * shutil.disk_usage(small_disk).free)
    result = run_cli(root, "index")
    no_traceback(result)
    assert result.exit_code == 1, result.output
    [line] = [line for line in result.output.splitlines() if line.strip()]
    assert line.startswith("error: The disk is full: the search index"), line
    (small_disk / "filler").unlink()
    assert run_cli(root, "index").exit_code == 0 and _indexed_count(root) == 1


def test_a_rebuilt_search_index_on_a_disk_with_no_free_block_keeps_the_old_one(built, run_cli, small_disk):
    root = small_disk / "archive"
    shutil.copytree(built, root, symlinks=True)
    assert run_cli(root, "index").exit_code == 0
    before = _indexed_count(root)
    with open(small_disk / "filler", "wb") as filler, contextlib.suppress(OSError):
        filler.write(b"\0" * shutil.disk_usage(small_disk).free)
    result = run_cli(root, "index", "--rebuild")
    no_traceback(result)
    assert result.exit_code == 1 and "The disk is full: the search index" in result.output, result.output
    assert _indexed_count(root) == before  # the index of before still answers


def _indexed_count(root: Path) -> int:
    ix = windex.open_dir(str(root / ".archive-cache" / INDEX_FOLDER))
    try:
        return ix.doc_count()
    finally:
        ix.close()


def test_the_catalogue_s_record_on_a_full_disk_is_one_line_and_the_old_record_is_kept(built, run_cli, small_disk):
    root = small_disk / "archive"
    shutil.copytree(built, root, symlinks=True)
    assert run_cli(root, "catalogue").exit_code == 0
    record = (root / "archive_numbers.csv").read_bytes()
    (root / "content/县财政局/保障机制/2015/新增.md").write_text("# 新增\n新的正文。\n", "utf-8")
    (small_disk / "filler").write_bytes(b"\0" * shutil.disk_usage(small_disk).free)
    _one_line_about(run_cli(root, "catalogue"), root / "archive_numbers.csv")
    assert (root / "archive_numbers.csv").read_bytes() == record


def test_a_leftover_zip_part_that_cannot_be_removed_is_a_notice_and_the_build_goes_on(archive, run_cli, tmp_path):
    target = tmp_path / "out" / "迎检档案.zip"
    stuck = target.with_name(target.name + ".part")  # the name earlier versions used
    (stuck / "x").mkdir(parents=True)  # unlink fails with EISDIR, not ENOENT
    result = run_cli(archive, "build", "--zip", str(target))
    no_traceback(result)
    assert result.exit_code == 0, result.output
    [notice] = [line for line in result.output.splitlines() if line.startswith("notice:")]
    assert str(stuck) in notice and "could not be removed" in notice
    assert verify_site(target).intact


# --- control characters in names -----------------------------------------------------------------------------


HOSTILE_NAMES = ["坏\nerror: 伪造的问题行.pdf", "坏\r回车.pdf", "坏\x1b[2J清屏.pdf", "坏\u202egpj.exe.pdf"]


def test_control_characters_in_file_names_are_escaped_in_every_message(archive, run_cli):
    folder = archive / "content/县财政局/保障机制/2015"
    for name in HOSTILE_NAMES:
        (folder / name).write_bytes(b"not a pdf")
    for command in (["scan"], ["build"], ["status"], ["check"]):
        result = run_cli(archive, *command)
        no_traceback(result)
        for raw in ("\r", "\x1b", "\u202e"):
            assert raw not in result.output, (command, raw)
        assert not [line for line in result.output.splitlines() if line.startswith("error: 伪造")], command
    scan = run_cli(archive, "scan").output
    for shown in ("坏\\nerror: 伪造的问题行.pdf", "坏\\r回车.pdf", "坏\\x1b[2J清屏.pdf", "坏\\u202egpj.exe.pdf"):
        assert shown in scan, shown
    assert scan.count("坏\\n") == sum(line.count("坏\\n") for line in scan.splitlines())


def test_the_library_warnings_are_escaped_too():
    import logging

    import click
    from click.testing import CliRunner

    from archive_builder.commands.present import show_library_warnings

    @click.command()
    def warn() -> None:
        show_library_warnings()
        logging.getLogger("archive_builder.test").warning("cannot render %s: x", "坏\n伪造")

    assert CliRunner().invoke(warn).output == "cannot render 坏\\n伪造: x\n"


# --- verify: links, unreadable and special files ------------------------------------------------------------------


def test_verify_reports_a_link_out_of_the_site_without_following_it(archive, run_cli, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    os.mkfifo(outside / "pipe")  # opening this would block for ever: verify must not follow the link
    (outside / "secret.txt").write_text("SECRET-OUTSIDE")
    site = archive / "site"
    (site / "assets" / "looks-normal.js").symlink_to(outside / "pipe")
    (site / "docs" / "secret.txt").symlink_to(outside / "secret.txt")
    (site / "linked-folder").symlink_to("/")
    os.mkfifo(site / "fifo-in-site")
    started = time.monotonic()
    result = run_cli(archive, "verify", str(site))
    assert time.monotonic() - started < 30
    no_traceback(result)
    assert result.exit_code == 1
    assert "SECRET-OUTSIDE" not in result.output
    for rel in ("assets/looks-normal.js", "docs/secret.txt", "linked-folder"):
        assert f"a link, not a file (not followed): {rel} -> " in result.output, rel
    assert "not a regular file: fifo-in-site" in result.output
    data = json.loads(run_cli(archive, "verify", str(site), "--json").output)
    assert data["intact"] is False and len(data["links"]) == 3 and data["special"] == ["fifo-in-site"]


def test_verify_reports_a_file_it_cannot_read(archive, run_cli, monkeypatch):
    import archive_builder.site.manifest as manifest

    real_open = os.open

    def deny(path, flags, *args, **kwargs):
        if str(path).endswith("index.html") and "site" in str(path):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(manifest.os, "open", deny)
    result = run_cli(archive, "verify", str(archive / "site"))
    no_traceback(result)
    assert result.exit_code == 1 and "cannot be read: index.html (Permission denied)" in result.output


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root and util-linux setpriv")
def test_verify_without_the_right_to_read_a_file(archive):
    site = archive / "site"
    (site / "404.html").chmod(0o000)
    # Root reads any file; without the capabilities that let it, a mode-000 file is unreadable for real.
    no_override = ["setpriv", "--bounding-set=-dac_override,-dac_read_search"]
    done = subprocess.run([*no_override, *CLI, "verify", str(site)], cwd=REPO, capture_output=True, text=True)
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert "cannot be read: 404.html (Permission denied)" in done.stdout
    assert len(done.stdout.splitlines()) == 3  # the file, the summary, the count of what could not be checked


def test_verify_reports_links_inside_a_zip_and_a_linked_manifest(archive, run_cli, tmp_path):
    site = archive / "site"
    target = tmp_path / "site.zip"
    with zipfile.ZipFile(target, "w") as zf:
        for path in site_files(site):
            zf.write(path, f"site/{path.relative_to(site).as_posix()}")
        link = zipfile.ZipInfo("site/evil")
        link.external_attr = (0o120777 << 16)
        zf.writestr(link, "/etc/passwd")
    result = run_cli(archive, "verify", str(target))
    assert result.exit_code == 1 and "a link, not a file (not followed): evil -> /etc/passwd" in result.output
    (site / "manifest.json").rename(tmp_path / "manifest.json")
    (site / "manifest.json").symlink_to(tmp_path / "manifest.json")
    result = run_cli(archive, "verify", str(site))
    no_traceback(result)
    assert result.exit_code == 1 and "a link, not a file" in result.output


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="zombies are read from /proc")
def test_leftovers_of_a_killed_build_not_yet_reaped_are_cleaned(tmp_path):
    from archive_builder.core import buildfs

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        os.kill(child.pid, signal.SIGKILL)
        for _ in range(100):  # until the kernel has made it a zombie (it is never waited for here)
            if Path(f"/proc/{child.pid}/stat").read_text().rpartition(")")[2].split()[0] == "Z":
                break
            time.sleep(0.01)
        output = tmp_path / "site"
        output.mkdir()
        leftover = tmp_path / f".site.building-{child.pid}"
        leftover.mkdir()
        buildfs.clean_leftovers(output)
        assert not leftover.exists()
    finally:
        child.wait()


def test_verify_reports_a_manifest_nested_thousands_deep_without_a_traceback(archive, run_cli):
    (archive / "site" / "manifest.json").write_text("[" * 200_000 + "]" * 200_000, "utf-8")
    result = run_cli(archive, "verify", str(archive / "site"))
    no_traceback(result)
    assert result.exit_code != 0 and "manifest" in result.output and "nested too deeply" in result.output


def test_a_signature_file_nested_thousands_deep_is_an_invalid_signature():
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from archive_builder.site.provenance import check_signature

    key = Ed25519PrivateKey.generate().public_key()
    check = check_signature(b"{}", ("[" * 100_000 + "]" * 100_000).encode(), key)
    assert check.status == "invalid"


def test_a_loop_of_links_is_one_line_each_and_the_rest_is_published(make_archive, run_cli):
    root = make_archive({"content/县教科局/发展规划/2016/通知.md": "# 通知\n\n正文\n"})
    folder = root / "content/县教科局/发展规划/2016"
    (folder / "环一.md").symlink_to("环二.md")
    (folder / "环二.md").symlink_to("环一.md")
    (folder / "自己.md").symlink_to("自己.md")
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert [line for line in result.output.splitlines() if "环一.md" in line and line.startswith("error")]
    assert (root / "site" / "index.html").is_file() and ": 1 document, " in result.output


@pytest.mark.parametrize("damage", ["file", "dead link"])
@pytest.mark.parametrize("command", [["build"], ["check"], ["scan"], ["index"]])
def test_a_file_or_a_dead_link_where_the_cache_belongs_is_discarded(make_archive, run_cli, tmp_path, damage, command):
    root = make_archive({"content/县教科局/发展规划/2016/通知.md": "# 通知\n\n正文\n"})
    cache = root / ".archive-cache"
    if damage == "file":
        cache.write_text("x", "utf-8")
    else:
        cache.symlink_to(tmp_path / "gone")
    result = run_cli(root, *command)
    assert result.exit_code == 0, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert cache.is_dir() and not cache.is_symlink()


@pytest.mark.parametrize("damage", ["file", "dead link"])
def test_a_file_or_a_dead_link_where_the_theme_copy_belongs_is_replaced(make_archive, run_cli, tmp_path, damage):
    root = make_archive({"content/县教科局/发展规划/2016/通知.md": "# 通知\n\n正文\n"})
    assert run_cli(root, "build").exit_code == 0
    theme = root / ".archive-cache/build/theme"
    shutil.rmtree(theme)
    if damage == "file":
        theme.write_text("x", "utf-8")
    else:
        theme.symlink_to(tmp_path / "gone")
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    assert (root / "site/index.html").is_file() and theme.is_dir()


def test_an_unreadable_number_record_is_one_clear_line(make_archive, run_cli):
    root = make_archive({"content/县教科局/发展规划/2016/通知.md": "# 通知\n\n正文\n",
                         "archive_numbers.csv": b"\xff\xfe\x00\x01 not a record"})
    for command in (["build"], ["catalogue"]):
        result = run_cli(root, *command)
        assert isinstance(result.exception, SystemExit) and result.exit_code != 0, result.output
        assert "archive_numbers.csv" in result.output and "Traceback" not in result.output


# --- links and pipes in the cache ---------------------------------------------------------------------------


def _content_files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "content").rglob("*") if p.is_file()}


@pytest.mark.parametrize("where", ["text", "search", "build/docs"])
def test_a_link_inside_the_cache_never_leads_its_writes_or_its_pruning_into_content(archive, run_cli, where):
    before = _content_files(archive)
    inside = archive / ".archive-cache" / where
    shutil.rmtree(inside, ignore_errors=True)
    inside.parent.mkdir(parents=True, exist_ok=True)
    inside.symlink_to(archive / "content" / next(p.name for p in (archive / "content").iterdir() if p.name != "data"))
    result = run_cli(archive, "build")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert _content_files(archive) == before  # not one file written, changed or removed
    assert not inside.is_symlink() and RARE_WORD in published(archive / "site")


def test_the_cache_folder_as_a_link_into_content_is_discarded(archive, run_cli):
    before = _content_files(archive)
    cache = archive / ".archive-cache"
    shutil.rmtree(cache)
    cache.symlink_to(archive / "content")
    result = run_cli(archive, "build")
    no_traceback(result)
    assert result.exit_code == 0 and _content_files(archive) == before
    assert cache.is_dir() and not cache.is_symlink()


def test_a_pipe_in_the_search_index_is_discarded_not_waited_on(built, tmp_path):
    root = tmp_path / "archive"
    shutil.copytree(built, root, symlinks=True)
    assert subprocess.run([*CLI, "--root", str(root), "index"], capture_output=True, text=True, cwd=REPO).returncode == 0
    table = next((root / ".archive-cache" / INDEX_FOLDER).glob("_MAIN_*.toc"))
    table.unlink()
    os.mkfifo(table)
    done = subprocess.run([*CLI, "--root", str(root), "search", RARE_WORD], capture_output=True, text=True,
                          cwd=REPO, timeout=300)
    assert "Traceback" not in done.stderr and done.returncode == 0, done.stderr
    assert not table.exists() or table.is_file()


def test_a_csv_with_a_cell_longer_than_the_csv_module_allows_is_read(tmp_path, run_cli):
    root = tmp_path / "archive"
    folder = root / "content" / "县教科局" / "发展规划" / "2016"
    folder.mkdir(parents=True)
    (folder / "2016年布局调整说明.csv").write_text("名称,说明\n调整," + "说明文字" * 40_000 + " LONGCELL\n", "utf-8")
    result = run_cli(root, "build")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    assert "LONGCELL" in published(root / "site")


def _workbook_of_one_long_string(path: Path, characters: int, cells: int) -> None:
    """A small XLSX whose ``cells`` cells all show one shared string of ``characters`` characters."""
    cell_xml = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(1, cells + 1))
    parts = {
        "[Content_Types].xml": '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
        'content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
        'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/'
        'workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.'
        'spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>',
        "_rels/.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
        'relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        '2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>'
        '<sheet name="台账" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
        'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/'
        'officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" '
        'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" '
        'Target="sharedStrings.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": '<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/'
        f'spreadsheetml/2006/main"><sheetData>{cell_xml}</sheetData></worksheet>',
        "xl/sharedStrings.xml": '<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        f'2006/main" count="{cells}" uniqueCount="1"><si><t>{"学校布局调整" * (characters // 6)}</t></si></sst>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        for name, text in parts.items():
            book.writestr(name, text)


def test_a_small_workbook_whose_cells_repeat_one_long_string_is_one_problem(tmp_path, run_cli):
    root = tmp_path / "archive"
    folder = root / "content" / "县教科局" / "发展规划" / "2016"
    folder.mkdir(parents=True)
    _workbook_of_one_long_string(folder / "2016年台账.xlsx", 200_000, 100)  # 20 million characters shown
    (folder / "2016年方案.md").write_text(f"# 方案\n\n{RARE_WORD}\n", "utf-8")
    assert (folder / "2016年台账.xlsx").stat().st_size < 2_000_000
    result = run_cli(root, "build")
    no_traceback(result)
    assert result.exit_code == 0, result.output
    lines = [line for line in result.output.splitlines() if "2016年台账.xlsx" in line]
    assert lines and any("characters" in line for line in lines), result.output
    assert RARE_WORD in published(root / "site")


def test_an_original_replaced_after_it_was_read_is_not_copied(tmp_path):
    from archive_builder.core.cache import file_sha256
    from archive_builder.site.tree import Tree

    source = tmp_path / "原件.pdf"
    source.write_bytes(b"%PDF-1.4 reviewed")
    reviewed = file_sha256(source)
    source.write_bytes(b"%PDF-1.4 replaced")  # the same size: only the hash tells
    tree = Tree(tmp_path / "tree")
    assert tree.copy(source, "files/a.pdf", source.stat().st_size, reviewed) is False
    assert not (tmp_path / "tree" / "files" / "a.pdf").exists()
    assert tree.copy(source, "files/b.pdf", source.stat().st_size, file_sha256(source)) is True


def test_a_cache_entry_bigger_than_any_the_tool_writes_is_not_read_whole(tmp_path, monkeypatch):
    from archive_builder.core import cache

    entry = tmp_path / "scan.json"
    with open(entry, "wb") as handle:
        handle.truncate(cache.MAX_ENTRY_BYTES + 1)  # sparse: no disk, and no memory if it is never read
    read = []
    monkeypatch.setattr(cache.json, "loads", lambda data: read.append(len(data)) or {})
    assert cache.read_entry(entry, 1) is None
    assert read == [] and not entry.exists()  # discarded as damage, unread


@pytest.mark.parametrize("command", [["assess", "--profile", "mini", "--format", "json", "--output", "{out}/评估.json"],
                                     ["keygen", "{out}/签名.pem"], ["init", "{out}/新档案", "--county", "测试县"]])
def test_a_command_writing_into_a_folder_it_cannot_write_is_one_line(make_archive, run_cli, tmp_path, command):
    """A file where the folder should be: no user, root neither, can write under it."""
    import assessment_archive

    root = make_archive(assessment_archive.files())
    not_a_folder = tmp_path / "not-a-folder"
    not_a_folder.write_text("a file where the folder should be")
    result = run_cli(root, *[part.format(out=not_a_folder) for part in command])
    no_traceback(result)
    assert result.exit_code != 0 and "could not be written" in result.output, result.output
    assert not_a_folder.read_text() == "a file where the folder should be"
