"""A build that has nothing to do: its inputs are those of the last build, and the site is still that build's.

A build reads the archive (``content/``, ``checklists/``, ``site_config/``, the files at the archive's
root such as ``mkdocs.yml`` and ``archive_numbers.csv``) and depends on the tool and what it runs on (the
package's files, the installed distributions, the programs and fonts it calls, the day, for the
assessment's deadlines) and on the build's options. :func:`inputs_key` folds all of that into one key
from names, sizes and modification times alone — the same trust the scan's hash cache places in them —
so it costs a walk of the folders, not a read of any file.

After every build, :func:`remember` writes that key, the size, time, inode and SHA-256 of every site file
and what the build reported. The next build with the same key whose site folder still holds exactly
those files (none added, removed or written since) does nothing but report it again
(:func:`previous_build`); any difference, however small, and the build runs as usual. The file hashes
also spare the manifest re-hashing unchanged files (:func:`known_hashes`).

The record holds no document text and no personal number: of a document only its path, title, type,
place in the registry, years, size and hash, and a build whose report would hold a personal number
records no report (its next build runs in full).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import shutil
import sys
from pathlib import Path
from typing import Any

from archive_builder import __version__
from archive_builder.core import cache
from archive_builder.core.model import Document, Problem
from archive_builder.core.privacy import mask_text
from archive_builder.site.manifest import Stat

log = logging.getLogger(__name__)

RECORD_NAME = "last-build.json"
FORMAT = 1
#: The archive's folders a build reads, walked whole.
INPUT_FOLDERS = ("content", "checklists", "site_config")
#: Programs the readers run, and where fonts for the charts are found.
PROGRAMS = ("antiword", "catdoc", "fc-match", "tesseract")
FONT_FOLDERS = ("/usr/share/fonts", "/usr/local/share/fonts", "/etc/fonts")
#: Options that change what a build makes (the others, such as progress, do not).
KEYED_OPTIONS = ("strict", "include_internal", "ocr", "sign_key")


def inputs_key(root: Path, output: Path, options: dict[str, Any], skip: tuple[Path, ...] = ()) -> str:
    """One key for everything a build of ``root`` into ``output`` reads (``skip``: files the build itself writes)."""
    digest = hashlib.sha256()

    def add(*parts: Any) -> None:
        digest.update(json.dumps(parts, default=str, ensure_ascii=False).encode("utf-8"))
        digest.update(b"\n")

    add(FORMAT, __version__, sys.version, str(output), dt.date.today().isoformat())
    add(sorted((name, _option(options.get(name))) for name in KEYED_OPTIONS))
    add(sorted((k, v) for k, v in os.environ.items() if k.startswith("ARCHIVE_BUILDER_")))
    skipped = {str(p.resolve()) for p in skip}
    for entry in sorted(os.scandir(root), key=lambda e: e.name):
        if entry.is_file(follow_symlinks=True) and not entry.name.startswith(".") and entry.path not in skipped \
                and str(Path(entry.path).resolve()) not in skipped:
            add("root", entry.name, _stat_of(entry))
    for name in INPUT_FOLDERS:
        add("folder", name)
        _add_tree(root / name, add)
    # The tool's own code, templates and assets (not the bytecode the interpreter writes beside them).
    _add_tree(Path(__file__).resolve().parents[1], add, ignore=("__pycache__",))
    add("distributions", sorted(_distributions()))
    for program in PROGRAMS:
        found = shutil.which(program)
        add("program", program, found, _path_stat(found) if found else None)
    for folder in FONT_FOLDERS:
        add("fonts", folder)
        _add_tree(Path(folder), add)
    return digest.hexdigest()


def _option(value: Any) -> Any:
    """An option as keyed: a key file by its bytes' hash (a new key in the same place signs otherwise)."""
    if isinstance(value, Path):
        try:
            return [str(value.resolve()), hashlib.sha256(value.read_bytes()).hexdigest()]
        except OSError:
            return [str(value), None]
    return value


def _add_tree(folder: Path, add: Any, ignore: tuple[str, ...] = ()) -> None:
    """Every entry under ``folder``: its relative name and, for a file or a link, its (target's) stat."""
    if not folder.is_dir():
        add("absent", str(folder))
        return
    stack = [(str(folder), "")]
    while stack:
        path, rel = stack.pop()
        try:
            entries = sorted(os.scandir(path), key=lambda e: e.name)
        except OSError as exc:
            add("unreadable", rel, exc.errno)
            continue
        for entry in entries:
            if entry.name in ignore:
                continue
            name = f"{rel}/{entry.name}" if rel else entry.name
            try:
                if entry.is_symlink():  # its target's stat, never walked into (the scan does not follow folder links)
                    add("link", name, os.readlink(entry.path), _stat_of(entry))
                elif entry.is_dir(follow_symlinks=False):
                    add("dir", name)
                    stack.append((entry.path, name))
                else:
                    add("file", name, _stat_of(entry))
            except OSError as exc:
                add("unreadable", name, exc.errno)


def _stat_of(entry: os.DirEntry[str]) -> Stat | None:
    try:
        found = entry.stat(follow_symlinks=True)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ino


def _path_stat(path: str) -> Stat | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_size, found.st_mtime_ns, found.st_ino


def _distributions() -> set[str]:
    """The installed distributions with their versions, as their metadata folders name them."""
    names: set[str] = set()
    for folder in sys.path:
        try:
            with os.scandir(folder or ".") as entries:
                names.update(f"{folder}:{e.name}" for e in entries if e.name.endswith((".dist-info", ".egg-info", ".pth")))
        except OSError:
            continue
    return names


# --- the site as it was left ---------------------------------------------------------------------------


def site_files(site_dir: Path) -> dict[str, Stat]:
    """Every regular file under ``site_dir`` by its POSIX path, with its stat; links and others as ``None`` stats."""
    files: dict[str, Stat] = {}
    stack = [(str(site_dir), "")]
    while stack:
        path, rel = stack.pop()
        with os.scandir(path) as entries:
            for entry in entries:
                name = f"{rel}/{entry.name}" if rel else entry.name
                if entry.is_dir(follow_symlinks=False):
                    stack.append((entry.path, name))
                    continue
                found = entry.stat(follow_symlinks=False)
                regular = entry.is_file(follow_symlinks=False)
                files[name] = (found.st_size, found.st_mtime_ns, found.st_ino) if regular else (-1, -1, -1)
    return files


def known_hashes(build_dir: Path, site_dir: Path) -> dict[str, tuple[Stat, str]]:
    """The files of ``site_dir`` with their SHA-256 as the last build recorded them (empty without a record of it)."""
    record = _read(build_dir)
    if record is None or record.get("site") != str(site_dir):
        return {}
    return {rel: ((entry[0], entry[1], entry[2]), entry[3]) for rel, entry in record["files"].items()}


# --- the record -----------------------------------------------------------------------------------------


def remember(build_dir: Path, key: str, site_dir: Path, hashes: dict[str, tuple[Stat, str]],
             summary: dict[str, Any]) -> None:
    """Record the build just swapped in; without a record (it failed, or would hold a personal number) the next one runs."""
    path = build_dir / RECORD_NAME
    path.unlink(missing_ok=True)
    try:
        present = site_files(site_dir)
    except OSError as exc:
        log.debug("site not recorded: %s", exc)
        return
    files = {}
    for rel, stat in present.items():
        known = hashes.get(rel)
        if known is None or known[0] != stat:
            return  # a file this build did not hash (or wrote after hashing it): nothing to promise
        files[rel] = [*stat, known[1]]
    try:
        names = [text for entry in summary["documents"] for text in (entry[0], entry[2])]  # path and title
        reported = json.dumps([summary["problems"], summary["withheld"]], ensure_ascii=False)
    except (TypeError, ValueError, IndexError):  # a problem's detail that is not plain data
        reported, names = "", []
    # No file the tool writes holds a personal number (a hash is no number of a person); each name and
    # title is asked alone, as the pages asked it before.
    if not reported or mask_text(reported)[1] or any(mask_text(str(text))[1] for text in names):
        key, summary = "", {}  # the files are still recorded, for the next build's hashes and links
    text = json.dumps({"format": FORMAT, "key": key, "site": str(site_dir), "files": files, "result": summary},
                      ensure_ascii=False, sort_keys=True)
    try:
        cache.write_atomic(path, text.encode("utf-8"))
    except OSError as exc:
        log.debug("build record not written: %s", exc)


def forget(build_dir: Path) -> None:
    """Drop the record: the site is about to change."""
    (build_dir / RECORD_NAME).unlink(missing_ok=True)


def previous_build(build_dir: Path, key: str, site_dir: Path) -> dict[str, Any] | None:
    """What the last build reported, when its key is ``key`` and ``site_dir`` still holds exactly its files."""
    record = _read(build_dir)
    if record is None or not record["key"] or record["key"] != key or record["site"] != str(site_dir):
        return None
    try:
        present = site_files(site_dir)
    except OSError:
        return None
    recorded = {rel: (entry[0], entry[1], entry[2]) for rel, entry in record["files"].items()}
    if present != recorded:
        return None
    result: dict[str, Any] = record["result"]
    return result


def _read(build_dir: Path) -> dict[str, Any] | None:
    try:
        record = json.loads((build_dir / RECORD_NAME).read_text("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    if not isinstance(record, dict) or record.get("format") != FORMAT or not isinstance(record.get("files"), dict):
        return None
    files = record["files"]
    if not all(isinstance(v, list) and len(v) == 4 for v in files.values()):
        return None
    return record


# --- what a build reported ----------------------------------------------------------------------------------


def summary(documents: list[Document], pages: int, problems: list[Problem], withheld: list[Problem],
            fingerprint: str, signed_with: str) -> dict[str, Any]:
    """A build's report as plain JSON data (documents without their text)."""
    return {"documents": [_document_data(d) for d in documents], "pages": pages,
            "problems": [_problem_data(p) for p in problems], "withheld": [_problem_data(p) for p in withheld],
            "fingerprint": fingerprint, "signed_with": signed_with}


#: What the record keeps of a document: where it is and what it is, none of its text.
DOCUMENT_FIELDS = ("path", "type", "title", "department", "category", "years", "sha256", "size")


def _document_data(doc: Document) -> list[Any]:
    return [getattr(doc, name) for name in DOCUMENT_FIELDS]


def _problem_data(problem: Problem) -> dict[str, Any]:
    return {"path": problem.path, "severity": problem.severity, "code": problem.code, "params": problem.params}


def documents_of(data: dict[str, Any], content_dir: Path) -> list[Document]:
    """The recorded documents (what the record keeps of them: no text, no other metadata)."""
    documents = []
    for entry in data["documents"]:
        fields = dict(zip(DOCUMENT_FIELDS, entry, strict=True))
        documents.append(Document(**fields, abspath=content_dir / fields["path"]))
    return documents


def problems_of(entries: list[dict[str, Any]]) -> list[Problem]:
    """Recorded problems."""
    return [Problem(**entry) for entry in entries]
