"""What the scanner remembers between runs: file hashes, file-check results and classification marks.

A file whose size and modification time are unchanged is not hashed again; a binary file
whose hash is known is not opened again; the mark at the top of a text document's body is
looked for again only when that text or the mark rules changed. The cache is a convenience: if
it is missing, unreadable or cannot be written, the scan simply does the work.
"""

from __future__ import annotations

import hashlib
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive_builder.core import cache

log = logging.getLogger(__name__)
VERSION = 2  # entries keyed by path hash: an older file's path keys simply miss and are dropped on save


def _key(rel: str) -> str:
    """A file's entry name: a hash of its path (a file name may hold a personal number, never stored raw)."""
    return hashlib.sha1(rel.encode("utf-8")).hexdigest()


def _well_formed(data: Any) -> bool:
    """Whether a loaded cache has the shape this version writes (hashes as [size, stamp, sha], checks as dicts,
    marks as [rules, level]; a cache written before marks were kept has none)."""
    if not isinstance(data.get("files"), dict) or not isinstance(data.get("probes"), dict):
        return False
    files_ok = all(isinstance(e, list) and len(e) == 3 and isinstance(e[2], str) for e in data["files"].values())
    marks = data.get("marks", {})
    marks_ok = isinstance(marks, dict) and all(
        isinstance(m, list) and len(m) == 2 and all(isinstance(part, str) for part in m) for m in marks.values())
    return files_ok and marks_ok and all(isinstance(p, dict) and set(p) <= _PROBE_KEYS for p in data["probes"].values())


_PROBE_KEYS = frozenset({"ok", "pages", "problem", "detail"})  # the fields of filecheck.FileCheck


def file_stamp(stat: os.stat_result) -> str:
    """What tells a file's bytes may have changed besides its size: its modification time, which a copy keeps
    (cp -p, rsync -t, unzip), and its change time and inode, which no copy or rename over it can keep."""
    return f"{stat.st_mtime_ns}:{stat.st_ctime_ns}:{stat.st_ino}"


@dataclass
class ScanCache:
    """Hashes by (path, size, mtime), check results by hash, marks by the hash of the text they were found in."""

    path: Path | None
    files: dict[str, list[Any]] = field(default_factory=dict)
    probes: dict[str, dict[str, Any]] = field(default_factory=dict)
    marks: dict[str, list[str]] = field(default_factory=dict)  # text hash -> [rules version, level or ""]
    dirty: bool = False
    marks_used: set[str] = field(default_factory=set)  # text hashes this scan asked for: the ones saved

    @classmethod
    def load(cls, cache_dir: Path | None) -> ScanCache:
        """Read the cache, or start empty."""
        if cache_dir is None:
            return cls(path=None)
        path = cache_dir / "scan.json"
        data = cache.read_entry(path, VERSION, valid=_well_formed)
        if data is None:  # missing, an older tool's (redone silently) or damaged (discarded with a notice)
            return cls(path=path)
        return cls(path=path, files=data["files"], probes=data["probes"], marks=data.get("marks", {}))

    def known_hash(self, rel: str, stat: os.stat_result) -> str | None:
        entry = self.files.get(_key(rel))
        if entry and entry[0] == stat.st_size and entry[1] == file_stamp(stat):
            return entry[2]
        return None

    def remember_hash(self, rel: str, stat: os.stat_result, sha: str) -> None:
        self.remember(rel, stat.st_size, file_stamp(stat), sha)

    def remember(self, rel: str, size: int, stamp: str, sha: str) -> None:
        self.files[_key(rel)] = [size, stamp, sha]
        self.dirty = True

    def probe(self, sha: str) -> dict[str, Any] | None:
        return self.probes.get(sha)

    def remember_probe(self, sha: str, result: dict[str, Any]) -> None:
        self.probes[sha] = result
        self.dirty = True

    def mark(self, text_sha: str, rules: str) -> str | None:
        """The level found in the text with this hash under these rules ("" for none), or None if not known."""
        self.marks_used.add(text_sha)
        entry = self.marks.get(text_sha)
        return entry[1] if entry and entry[0] == rules else None

    def remember_mark(self, text_sha: str, rules: str, level: str | None) -> None:
        self.marks[text_sha] = [rules, level or ""]
        self.marks_used.add(text_sha)
        self.dirty = True

    def save(self, keep: set[str]) -> None:
        """Write the cache, keeping only entries for files still present (marks: texts still read)."""
        if self.path is None or not self.dirty:
            return
        kept = {_key(rel) for rel in keep}
        files = {key: entry for key, entry in self.files.items() if key in kept}
        shas = {entry[2] for entry in files.values()}
        probes = {sha: probe for sha, probe in self.probes.items() if sha in shas}
        marks = {sha: mark for sha, mark in self.marks.items() if sha in self.marks_used}
        cache.write_entry(self.path, VERSION, {"files": files, "probes": probes, "marks": marks})
