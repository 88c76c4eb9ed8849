"""The command-line search index: incremental update (the query side is ``searchindex``).

The index lives in ``.archive-cache/index``. Beside whoosh's own files, ``manifest.json`` maps each
document's key (a hash of its path: a path may hold personal numbers) to a stamp (hash of its
content and indexed metadata), so a refresh compares stamps without reading the index: unchanged
documents are neither extracted nor rewritten, changed ones are replaced (``update_document`` on the
unique key), removed ones deleted. The manifest is written after each commit; if a crash leaves it
one step behind, the next refresh simply redoes those documents. Every value is stored masked.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive_builder.archival.numbers import assign_numbers, read_record
from archive_builder.core import buildfs, cache
from archive_builder.core.config import ArchiveConfig
from archive_builder.core.errors import ArchiveError, message
from archive_builder.core.model import SECRET_LEVELS, Document, Inventory, Problem
from archive_builder.core.privacy import mask_text
from archive_builder.review.extract import EXTRACTOR_VERSION, extract_all, rules_version
from archive_builder.review.policy import decide, visible
from archive_builder.review.stage import review_inventory
from archive_builder.search import text as searchtext
from archive_builder.search.query import (  # the query side: schema, keys and errors shared with the writer
    CORRUPT_ERRORS,
    SCHEMA_VERSION,
    IndexDamaged,
    _schema,
    index_dir,
    path_key,
)
from archive_builder.search.query import detail as _detail
from archive_builder.search.query import exists as _exists

log = logging.getLogger(__name__)

MANIFEST = "manifest.json"
_CORRUPT_ERRORS = CORRUPT_ERRORS

Progress = Callable[[int, int], None]


@dataclass
class IndexReport:
    """What one refresh did, counted per document."""

    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    extracted: int = 0
    withheld: int = 0
    needs_ocr: int = 0
    failed: int = 0
    rebuilt: str | None = None  # why the index was rebuilt from scratch (damage detail), if it was
    created: bool = False
    problems: list[Problem] = field(default_factory=list)

    @property
    def indexed(self) -> int:
        return self.added + self.updated

    def to_dict(self) -> dict[str, Any]:
        return {
            "extracted": self.extracted, "indexed": self.indexed, "added": self.added,
            "updated": self.updated, "removed": self.removed, "unchanged": self.unchanged,
            "withheld": self.withheld, "needs_ocr": self.needs_ocr, "failed": self.failed,
            "rebuilt": self.rebuilt is not None, "created": self.created,
            "problems": [p.to_dict() for p in self.problems],
        }


def _stamp(doc: Document, archive_no: str = "") -> str:
    """A fingerprint of everything the index holds about ``doc``."""
    parts = [SCHEMA_VERSION, EXTRACTOR_VERSION, rules_version(), doc.sha256, doc.title, doc.department,
             doc.category, doc.years, doc.school, doc.doc_no, doc.type, doc.classification, decide(doc).status,
             doc.path, archive_no]
    return hashlib.sha1(json.dumps(parts, ensure_ascii=False).encode("utf-8")).hexdigest()


def _indexable(doc: Document, include_internal: bool) -> bool:
    """What the publication policy lets out: never classified or held documents; 内部 only when asked."""
    return visible(doc, include_internal)


# --- the manifest ----------------------------------------------------------------------------

def _read_manifest(folder: Path) -> dict[str, Any] | None:
    """The manifest of an existing index, or None when missing, of another schema or damaged."""
    return cache.read_entry(folder / MANIFEST, SCHEMA_VERSION, valid=_is_manifest)


def _is_manifest(entry: dict[str, Any]) -> bool:
    return isinstance(entry["indexed"], dict) and isinstance(entry["skipped"], dict)


def _write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Record the manifest (an error when it cannot be: the index it describes was just written)."""
    cache.write_entry(folder / MANIFEST, SCHEMA_VERSION, manifest, strict=True)


def _manifest_from_index(ix) -> dict[str, Any]:
    """Rebuild a lost manifest from the stored fields (stamps unknown: everything is refreshed)."""
    with ix.reader() as reader:
        keys = [fields["key"] for fields in reader.all_stored_fields()]
    return {"indexed": {k: [None, False] for k in keys}, "skipped": {}}


# --- opening ---------------------------------------------------------------------------------

def _create(folder: Path):
    """A new, empty index in ``folder``, made beside it first: what was there stays until the new one is whole.

    On a full disk creating the index fails (whoosh writes its table of contents on close), and the index
    of before must still answer searches.
    """
    from whoosh import index as windex

    fresh = folder.with_name(folder.name + ".new")
    _remove(fresh)
    fresh.mkdir(parents=True)
    windex.create_in(str(fresh), _schema()).close()
    _write_manifest(fresh, {"indexed": {}, "skipped": {}})
    _remove(folder)
    fresh.rename(folder)
    return windex.open_dir(str(folder))


def _remove(folder: Path) -> None:
    """Remove ``folder``, or a file or link where it belongs (a damaged cache, made again)."""
    if folder.is_dir() and not folder.is_symlink():
        shutil.rmtree(folder)
    elif folder.exists() or folder.is_symlink():
        folder.unlink()


@contextlib.contextmanager
def _full_disk_keeps_the_index(folder: Path):
    """A full disk while the index is made or updated is one line saying the index of before is kept."""
    try:
        yield
    except (OSError, ArchiveError) as exc:
        if buildfs.disk_full(exc) is None:
            raise
        raise ArchiveError(message("index.disk_full", path=str(folder))) from exc


def _open(folder: Path):
    """Open an existing index and read its manifest; raise IndexDamaged if either is unusable."""
    from whoosh import index as windex

    try:
        ix = windex.open_dir(str(folder))
        with ix.reader() as reader:
            reader.doc_count()
            for _ in reader.lexicon("key"):
                pass
        manifest = _read_manifest(folder) or _manifest_from_index(ix)
    except (windex.IndexError, *_CORRUPT_ERRORS) as exc:
        raise IndexDamaged(_detail(exc)) from exc
    return ix, manifest



def _open_or_create(folder: Path, rebuild: bool, report: IndexReport):
    """The index to update: a fresh one on --rebuild, when missing, or when damaged."""
    if rebuild or not _exists(folder):
        report.created = not rebuild
        return _create(folder), _read_manifest(folder)
    try:
        return _open(folder)
    except IndexDamaged as exc:
        log.info("search index damaged, rebuilding: %s", exc)
        report.rebuilt = str(exc)
        return _create(folder), _read_manifest(folder)


# --- updating --------------------------------------------------------------------------------

@dataclass
class _Plan:
    """What a refresh has to do: documents to (re)write, paths to delete."""

    write: list[Document] = field(default_factory=list)
    delete: list[str] = field(default_factory=list)
    dirty: bool = False  # the manifest changed even if the index does not


def update_index(
    config: ArchiveConfig, inventory: Inventory, include_internal: bool = False,
    progress: Progress | None = None, *, rebuild: bool = False, ocr: bool = True,
) -> IndexReport:
    """Bring the index in line with ``inventory``: write changed documents, delete removed ones.

    An inventory that has not been reviewed is reviewed first: the policy needs to know what its
    documents say before any of them is indexed.
    """
    if any(doc.text_method is None and doc.read_error is None for doc in inventory.documents):
        inventory = review_inventory(config, inventory, ocr=ocr)
    report = IndexReport(extracted=inventory.texts_read)
    folder = index_dir(config)
    folder.parent.mkdir(parents=True, exist_ok=True)
    with _full_disk_keeps_the_index(folder):
        ix, manifest = _open_or_create(folder, rebuild, report)
    try:
        codes = assign_numbers(config, inventory.documents, read_record(config.root)).codes
        plan = _plan(inventory, manifest, include_internal, ocr, report, codes)
        _apply(ix, config, plan, manifest, ocr, progress, report, codes)
    except IndexDamaged as exc:
        if report.rebuilt is not None or rebuild:
            raise ArchiveError(message("index.rebuilt_corrupt", detail=str(exc))) from exc
        ix.close()
        fresh = update_index(config, inventory, include_internal, progress, rebuild=True, ocr=ocr)
        fresh.rebuilt, fresh.created = str(exc), False
        return fresh
    finally:
        ix.close()
    return report


def _plan(inventory: Inventory, manifest: dict[str, Any], include_internal: bool, ocr: bool,
          report: IndexReport, codes: dict[str, str]) -> _Plan:
    """Compare stamps: new or changed documents are written, vanished or now hidden ones deleted."""
    plan = _Plan()
    wanted: set[str] = set()
    for doc in inventory.documents:
        if not _indexable(doc, include_internal):
            verdict = decide(doc)
            report.withheld += verdict.status in ("classified", "held")
            if verdict.held:
                report.problems.append(Problem(doc.path, "warning", verdict.reason, dict(verdict.params)))
            continue
        key = path_key(doc.path)
        wanted.add(key)
        known = manifest["indexed"].get(key) or manifest["skipped"].get(key)
        if known and known[0] == _stamp(doc, codes.get(doc.path, "")) and not (ocr and known[1]):
            report.unchanged += 1
            report.withheld += key in manifest["skipped"]
            report.needs_ocr += bool(known[1]) and key in manifest["indexed"]
            continue
        plan.write.append(doc)
    plan.delete = sorted(k for k in manifest["indexed"] if k not in wanted)
    for key in [k for k in manifest["skipped"] if k not in wanted]:
        del manifest["skipped"][key]
        plan.dirty = True
    return plan


def _apply(ix, config: ArchiveConfig, plan: _Plan, manifest: dict[str, Any], ocr: bool,
           progress: Progress | None, report: IndexReport, codes: dict[str, str]) -> None:
    """Extract what changed, write it in one commit, then record the new manifest."""
    if not plan.write and not plan.delete:
        if plan.dirty:
            _write_manifest(index_dir(config), manifest)
        return
    previous = set(manifest["indexed"])
    rows, hidden = _extract_rows(config, plan.write, ocr, progress, report, manifest, codes)
    writer = _writer(ix)
    try:
        for key in [*plan.delete, *hidden]:
            writer.delete_by_term("key", key)
            manifest["indexed"].pop(key, None)
            report.removed += 1
        for _doc, fields in rows:
            writer.update_document(**fields)
            report.updated += fields["key"] in previous
            report.added += fields["key"] not in previous
        writer.commit()
    except _CORRUPT_ERRORS as exc:
        with contextlib.suppress(Exception):  # on a full disk cancelling writes, and fails, too
            writer.cancel()
        if buildfs.disk_full(exc) is not None:  # not damage: the index of before is still there, and kept
            raise ArchiveError(message("index.disk_full", path=str(index_dir(config)))) from exc
        raise IndexDamaged(_detail(exc)) from exc
    with _full_disk_keeps_the_index(index_dir(config)):
        _write_manifest(index_dir(config), manifest)


def _writer(ix):
    """A writer, or a plain error when another process holds the lock."""
    from whoosh.index import LockError

    try:
        return ix.writer(limitmb=128)
    except LockError as exc:
        raise ArchiveError(message("index.locked")) from exc


def _extract_rows(config: ArchiveConfig, docs: list[Document], ocr: bool, progress: Progress | None,
                  report: IndexReport, manifest: dict[str, Any],
                  codes: dict[str, str]) -> tuple[list[tuple[Document, dict[str, Any]]], list[str]]:
    """Index fields for ``docs``, and the keys to delete because their text carries a secret mark."""
    extracted = extract_all(docs, config.cache_dir, ocr=ocr, progress=progress)
    report.extracted += extracted.extracted
    report.failed += extracted.failed
    report.problems.extend(extracted.problems)
    rows, hidden = [], []
    for doc in docs:
        key, stamp = path_key(doc.path), _stamp(doc, codes.get(doc.path, ""))
        result = extracted.results.get(doc.path)
        if result is not None and result.classification_mark in SECRET_LEVELS:
            report.withheld += 1
            manifest["skipped"][key] = [stamp, False]
            if key in manifest["indexed"]:  # was public before its text said otherwise
                hidden.append(key)
            continue
        needs_ocr = bool(result and result.needs_ocr)
        report.needs_ocr += needs_ocr
        if needs_ocr:
            report.problems.append(Problem(doc.path, "warning", "extract.needs_ocr"))
        manifest["indexed"][key] = [stamp, needs_ocr]
        manifest["skipped"].pop(key, None)
        rows.append((doc, _fields(config, doc, result.text if result else "", codes.get(doc.path, ""))))
    return rows, hidden


def _fields(config: ArchiveConfig, doc: Document, text: str, archive_no: str) -> dict[str, Any]:
    """The whoosh fields of one document: every value masked, the searchable text normalised."""
    dept = next((d for d in config.departments if d.id == doc.department), None)
    category = next((c for c in config.categories if c.id == doc.category), None)
    title = mask_text(doc.title)[0]
    norm = searchtext.normalise(searchtext.searchable_text(
        title=title, doc_no=mask_text(doc.doc_no or "")[0], archive_no=archive_no,
        school=mask_text(doc.school or "")[0], file_name=mask_text(doc.path.rsplit("/", 1)[-1])[0],
        department=dept.name if dept else doc.department, aliases=tuple(dept.aliases) if dept else (),
        category=category.name if category else doc.category, body=text,
    ))
    return {
        "key": path_key(doc.path), "path": mask_text(doc.path)[0], "title": title, "text": norm,
        "keys": norm, "title_keys": searchtext.normalise(title),
        "department": doc.department, "category": doc.category, "years": ",".join(str(y) for y in doc.years),
        "school": mask_text(doc.school or "")[0], "doc_no": mask_text(doc.doc_no or "")[0], "type": doc.type,
        "sha256": doc.sha256,
    }




