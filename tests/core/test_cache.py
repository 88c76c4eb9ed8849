"""The one cache: an atomic writer, entries under a rules version, damage read as absent, pruning."""

from __future__ import annotations

import errno
import json
import logging
import os

import pytest

from archive_builder.core import cache
from archive_builder.core.cache import Store, read_entry, write_atomic, write_entry


def _notices(caplog) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]


def test_write_atomic_puts_the_whole_file_in_place(tmp_path):
    target = tmp_path / "a" / "b.json"
    write_atomic(target, b"one")
    write_atomic(target, b"two")
    assert target.read_bytes() == b"two"
    assert sorted(p.name for p in target.parent.iterdir()) == ["b.json"]


def test_a_file_written_atomically_has_the_mode_of_a_plain_write(tmp_path):
    plain = tmp_path / "plain"
    plain.write_bytes(b"x")
    write_atomic(tmp_path / "atomic", b"x")
    assert (tmp_path / "atomic").stat().st_mode == plain.stat().st_mode


def test_a_failed_rename_leaves_the_old_file_and_no_partial_one(tmp_path, monkeypatch):
    target = tmp_path / "entry.json"
    target.write_bytes(b"old")

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(OSError):
        write_atomic(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["entry.json"]
    assert write_entry(target, "1", {"x": 1}) is False  # a cache that cannot be written only costs time
    with pytest.raises(OSError):
        write_entry(target, "1", {"x": 1}, strict=True)


def test_a_folder_that_cannot_be_made_is_an_error_and_leaves_nothing(tmp_path):
    """Where the entry's folder cannot be made (a file stands in its place), the write fails, nothing is left."""
    (tmp_path / "text").write_bytes(b"a file, not a folder")
    with pytest.raises(OSError):
        write_atomic(tmp_path / "text" / "entry.json", b"data")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["text"]
    assert (tmp_path / "text").read_bytes() == b"a file, not a folder"


def test_an_entry_reads_back_under_its_rules_only(tmp_path, caplog):
    path = tmp_path / "entry.json"
    assert read_entry(path, "1") is None  # missing: absent, no notice
    write_entry(path, "1", {"text": "正文"})
    assert read_entry(path, "1") == {"text": "正文"}
    assert read_entry(path, "2") is None  # other rules: absent, silently, and left for the writer
    assert path.is_file() and _notices(caplog) == []


@pytest.mark.parametrize("damage", [b"{bad", b"\xff\x00", b"[1]", b"[" * 100_000 + b"]" * 100_000, "folder"])
def test_a_damaged_entry_reads_as_absent_and_is_reported_once(tmp_path, caplog, damage):
    path = tmp_path / "entry.json"
    if damage == "folder":
        (path / "x").mkdir(parents=True)
    else:
        path.write_bytes(damage)
    assert read_entry(path, "1") is None
    assert read_entry(path, "1") is None
    [notice] = _notices(caplog)
    assert str(path) in notice and not path.exists()


def test_an_entry_its_stage_would_not_write_is_damaged(tmp_path, caplog):
    path = tmp_path / "entry.json"
    path.write_text(json.dumps({"rules": "1", "files": {"a": "b"}}), "utf-8")
    assert read_entry(path, "1", valid=lambda e: all(isinstance(v, list) for v in e["files"].values())) is None
    assert len(_notices(caplog)) == 1 and not path.exists()


def test_a_store_keeps_entries_by_key_and_rules(tmp_path):
    store = Store(tmp_path / "text", "1")
    key = "ab" * 32
    assert store.get(key) is None and not store.has(key)
    assert store.put(key, {"n": 1})
    assert store.has(key) and store.get(key) == {"n": 1}
    assert store.path(key) == tmp_path / "text" / "ab" / f"{key}.json"
    assert Store(tmp_path / "text", "2").get(key) is None  # the rules changed: made again


def test_prune_keeps_only_what_was_used(tmp_path):
    store = Store(tmp_path / "s", "1")
    used, unused = "aa" + "1" * 62, "bb" + "2" * 62
    for key in (used, unused):
        store.put(key, {"k": key})
    store.path(used).with_suffix(".over-budget").write_text("{}", "utf-8")
    store.path(unused).with_suffix(".over-budget").write_text("{}", "utf-8")
    (store.path(used).parent / f".{used}.json.x1y2.tmp").write_bytes(b"cut short")
    assert store.prune({used}) == 3
    assert store.get(used) == {"k": used} and store.get(unused) is None
    assert sorted(p.name for p in (tmp_path / "s").rglob("*")) == ["aa", f"{used}.json", f"{used}.over-budget"]


def test_prune_of_a_missing_folder_does_nothing(tmp_path):
    assert Store(tmp_path / "none", "1").prune(set()) == 0


def test_the_module_imports_nothing_heavy():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(cache.__file__).read_text("utf-8"))
    imported = {a.name.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module.split(".")[0] for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module}
    assert imported <= {"__future__", "errno", "hashlib", "json", "logging", "os", "shutil", "stat", "collections", "pathlib",
                        "typing", "archive_builder"}  # errno and stat: os loads them anyway
