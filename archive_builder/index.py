"""The whoosh search index: schema, incremental update and search (the only module importing whoosh).

The index lives in ``.archive-cache/index``. Beside whoosh's own files, ``manifest.json`` maps each
document path to a stamp (hash of its content and indexed metadata), so a refresh compares stamps
without reading the index: unchanged documents are neither extracted nor rewritten, changed ones are
replaced (``update_document`` on the unique path), removed ones deleted. The manifest is written after
each commit; if a crash leaves it one step behind, the next refresh simply redoes those documents.

Titles and text go through jieba's Chinese analyzer. Text is stored masked, for snippets. Quoted
phrases are matched as their words AND'ed in whoosh, then checked literally against the stored text
(jieba's positions are character offsets, which whoosh's own phrase matching cannot use). 文号 are
indexed as an exact ID (brackets normalised to 〔〕) and as character n-grams for partial matches.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import pickle
import re
import shutil
import struct
import tempfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import searchtext
from .archival import assign_numbers, read_record
from .config import ArchiveConfig
from .errors import ArchiveError, UsageError
from .extract import EXTRACTOR_VERSION, extract_all, rules_version
from .i18n import t
from .model import Document, Inventory, Problem
from .policy import decide, visible
from .privacy import mask_text
from .review import load_inventory, review_inventory

log = logging.getLogger(__name__)

#: Bump when the schema or what is indexed changes: every document is then re-indexed.
SCHEMA_VERSION = 2
INDEX_FOLDER = "index"
MANIFEST = "manifest.json"
_TITLE_BOOST = 5.0
_SNIPPET_WIDTH = 120
#: What a damaged index raises when read (whoosh does not wrap them).
_CORRUPT_ERRORS: tuple[type[BaseException], ...] = (
    EOFError, ValueError, KeyError, IndexError, TypeError, AttributeError,
    struct.error, zlib.error, pickle.UnpicklingError, OSError,
)

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


@dataclass
class Hit:
    """One ranked search result; ``highlights`` are (start, end) spans of the snippet."""

    path: str
    title: str
    department: str
    category: str
    years: list[int]
    school: str | None
    type: str
    doc_no: str | None
    score: float
    snippet: str
    highlights: list[tuple[int, int]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "path": self.path, "title": self.title, "department": self.department,
            "category": self.category, "years": self.years, "score": round(self.score, 4),
            "snippet": self.snippet,
        }


@dataclass
class SearchResults:
    """Ranked hits for one query, the total number of matches and any notice (index rebuilt …)."""

    query: str
    total: int
    hits: list[Hit]
    notice: str | None = None  # catalogue key
    notice_params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "results": [h.to_dict() for h in self.hits]}


@dataclass
class Filters:
    """Resolved search filters: registry ids, a year, a school name, a file type."""

    department: str | None = None
    category: str | None = None
    year: int | None = None
    school: str | None = None
    type: str | None = None


class IndexDamaged(Exception):
    """The index on disk cannot be read."""


# --- schema and paths ------------------------------------------------------------------------

def index_dir(config: ArchiveConfig) -> Path:
    """Where the whoosh index of this archive lives."""
    return config.cache_dir / INDEX_FOLDER


def _schema():
    """The whoosh schema: characters and character pairs with positions (searchtext), ids for filters.

    ``text`` holds the normalised searchable text (title, 文号, 档号, school, file name, department
    and its aliases, body), indexed as pairs (``pairs``, with positions, so a clause is a phrase of
    its pairs) and as single characters (``chars``); ``title_pairs`` only ranks.
    """
    from whoosh import fields

    return fields.Schema(
        key=fields.ID(unique=True, stored=True),
        path=fields.STORED,
        title=fields.STORED,
        text=fields.STORED,
        pairs=fields.TEXT(analyzer=PairTokenizer(), phrase=True),
        chars=fields.TEXT(analyzer=CharTokenizer(), phrase=False),
        title_pairs=fields.TEXT(analyzer=PairTokenizer(), phrase=True),
        department=fields.ID(stored=True),
        category=fields.ID(stored=True),
        years=fields.KEYWORD(commas=True, stored=True),
        school=fields.ID(stored=True),
        doc_no=fields.STORED,
        type=fields.ID(stored=True),
        sha256=fields.ID(stored=True),
    )


def _tokenizer_base() -> type:
    from whoosh.analysis import Tokenizer

    return Tokenizer


class _Tokens:
    """Tokens of already normalised text, each at its character position (whoosh's Tokenizer protocol)."""

    def _pieces(self, value: str) -> list[str]:
        raise NotImplementedError

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, mode: str = "", **kwargs: Any):
        from whoosh.analysis import Token

        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for index, piece in enumerate(self._pieces(value)):
            if not piece or piece == " ":
                continue
            token.text, token.boost, token.stopped = piece, 1.0, False
            if positions:
                token.pos = start_pos + index
            if chars:
                token.startchar, token.endchar = start_char + index, start_char + index + len(piece)
            yield token

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self).__name__)


class PairTokenizer(_Tokens):
    """Every pair of adjacent characters, at the position of its first character."""

    def _pieces(self, value: str) -> list[str]:
        return searchtext.pairs(value)


class CharTokenizer(_Tokens):
    """Every character but a space, at its position."""

    def _pieces(self, value: str) -> list[str]:
        return list(value)


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
    """The manifest of an existing index, or None when missing or unreadable."""
    try:
        data = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != SCHEMA_VERSION:
        return None
    if not isinstance(data.get("indexed"), dict) or not isinstance(data.get("skipped"), dict):
        return None
    return data


def _write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Write the manifest atomically (temp file + os.replace)."""
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=".tmp-", suffix=".json")
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(manifest, handle, ensure_ascii=False)
    os.replace(tmp, folder / MANIFEST)


def _manifest_from_index(ix) -> dict[str, Any]:
    """Rebuild a lost manifest from the stored fields (stamps unknown: everything is refreshed)."""
    with ix.reader() as reader:
        keys = [fields["key"] for fields in reader.all_stored_fields()]
    return {"version": SCHEMA_VERSION, "indexed": {k: [None, False] for k in keys}, "skipped": {}}


# --- opening ---------------------------------------------------------------------------------

def _create(folder: Path):
    """A new, empty index in ``folder`` (anything there is removed first)."""
    from whoosh import index as windex

    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)
    ix = windex.create_in(str(folder), _schema())
    _write_manifest(folder, {"version": SCHEMA_VERSION, "indexed": {}, "skipped": {}})
    return ix


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


def _detail(exc: BaseException) -> str:
    """A short description of what went wrong."""
    text = str(exc).splitlines()[0][:160] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _exists(folder: Path) -> bool:
    """Whether an index was ever created in ``folder``."""
    return folder.is_dir() and any(folder.glob("_MAIN_*.toc"))


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
    ix, manifest = _open_or_create(folder, rebuild, report)
    try:
        codes = assign_numbers(config, inventory.documents, read_record(config.root)).codes
        plan = _plan(inventory, manifest, include_internal, ocr, report, codes)
        _apply(ix, config, plan, manifest, ocr, progress, report, codes)
    except IndexDamaged as exc:
        if report.rebuilt is not None or rebuild:
            raise ArchiveError(t("index.rebuilt_corrupt", detail=str(exc))) from exc
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
        for doc, fields in rows:
            writer.update_document(**fields)
            report.updated += fields["key"] in previous
            report.added += fields["key"] not in previous
        writer.commit()
    except _CORRUPT_ERRORS as exc:
        writer.cancel()
        raise IndexDamaged(_detail(exc)) from exc
    _write_manifest(index_dir(config), manifest)


def _writer(ix):
    """A writer, or a plain error when another process holds the lock."""
    from whoosh.index import LockError

    try:
        return ix.writer(limitmb=128)
    except LockError as exc:
        raise ArchiveError(t("index.locked")) from exc


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
        if result is not None and result.classification_mark:
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
        "pairs": norm, "chars": norm, "title_pairs": searchtext.normalise(title),
        "department": doc.department, "category": doc.category, "years": ",".join(str(y) for y in doc.years),
        "school": mask_text(doc.school or "")[0], "doc_no": mask_text(doc.doc_no or "")[0], "type": doc.type,
        "sha256": doc.sha256,
    }


def path_key(path: str) -> str:
    """The id of a document in the index and its manifest (the path itself may hold personal numbers)."""
    return hashlib.sha1(path.encode("utf-8")).hexdigest()


# --- searching -------------------------------------------------------------------------------

def resolve_filters(config: ArchiveConfig, department: str | None = None, category: str | None = None,
                    year: str | int | None = None, school: str | None = None,
                    type: str | None = None) -> Filters:
    """Turn names, aliases or ids given by the user into index values; unknown ones are errors."""
    filters = Filters(school=_school_name(config, school) if school else None,
                      type=type.lower().lstrip(".") if type else None)
    if department:
        entry = config.department(department)
        if entry is None:
            raise UsageError(t("search.unknown_department", value=department))
        filters.department = entry.id
    if category:
        entry = config.category(category)
        if entry is None:
            raise UsageError(t("search.unknown_category", value=category))
        filters.category = entry.id
    if year is not None and str(year).strip():
        match = re.fullmatch(r"\s*(\d{4})\s*年?\s*", str(year))
        if not match:
            raise UsageError(t("search.bad_year", value=year))
        filters.year = int(match.group(1))
    return filters


def _school_name(config: ArchiveConfig, value: str) -> str:
    """A school given by name or code (学校代码), as the name documents carry."""
    from .schools import load_schools

    try:
        school = load_schools(config).find(value)
    except Exception:  # a broken registry is reported by scan and check; use the name as given
        school = None
    return school.name if school else value.strip()


def search(config: ArchiveConfig, query: str, filters: Filters | None = None, limit: int = 20,
           include_internal: bool = False) -> SearchResults:
    """Ranked documents matching ``query``; builds a missing index and rebuilds a damaged one."""
    text = (query or "").strip()
    if not [c for c in searchtext.parse_query(text) if not c.negated]:
        raise UsageError(t("search.empty_query"))
    filters = filters or Filters()
    folder = index_dir(config)
    notice: tuple[str | None, dict[str, Any]] = (None, {})
    if not _exists(folder):
        _refresh(config, include_internal, rebuild=False)
        notice = ("index.built_first", {})
    try:
        results = _search_once(folder, text, filters, limit)
    except IndexDamaged as exc:
        log.info("search index damaged, rebuilding: %s", exc)
        _refresh(config, include_internal, rebuild=True)
        notice = ("index.rebuilt_corrupt", {"detail": str(exc)})
        results = _search_once(folder, text, filters, limit)
    results.query = mask_text(query)[0]  # a number typed as the query is echoed masked too
    results.notice, results.notice_params = notice
    return results


def _refresh(config: ArchiveConfig, include_internal: bool, rebuild: bool) -> IndexReport:
    """Scan and review the archive and bring the index up to date."""
    return update_index(config, load_inventory(config), include_internal, rebuild=rebuild)


def _search_once(folder: Path, text: str, filters: Filters, limit: int) -> SearchResults:
    """Run one query against the index on disk."""
    from whoosh import index as windex

    try:
        ix = windex.open_dir(str(folder))
        try:
            with ix.searcher() as searcher:
                return _run(searcher, ix.schema, text, filters, limit)
        finally:
            ix.close()
    except (windex.IndexError, *_CORRUPT_ERRORS) as exc:
        raise IndexDamaged(_detail(exc)) from exc


def _run(searcher, schema, text: str, filters: Filters, limit: int) -> SearchResults:
    """Every positive clause a phrase of its pairs, negated ones excluded; ranked, with snippets."""
    from whoosh import query as wquery

    clauses = searchtext.parse_query(text)
    negative = [_clause_query("pairs", "chars", c) for c in clauses if c.negated]
    # Exclusions as a mask: whoosh's AndNot over a phrase lets excluded documents through when it
    # collects every match (measured on the demo), its mask does not.
    found = searcher.search(_matching_query(clauses), filter=_filter_query(filters), limit=limit,
                            mask=wquery.Or(negative) if negative else None)
    needles = [c.text for c in clauses if not c.negated]
    return SearchResults(query=text, total=len(found), hits=[_hit(h, needles) for h in found])


def _matching_query(clauses: list[searchtext.Clause]):
    """The whoosh query holding exactly the documents with every positive clause (ranked by the title too)."""
    from whoosh import query as wquery

    positive = [_clause_query("pairs", "chars", c) for c in clauses if not c.negated]
    required = wquery.And(positive) if len(positive) > 1 else positive[0]
    boost = [_clause_query("title_pairs", None, c) for c in clauses if not c.negated and len(c.text) > 1]
    if boost:
        required = wquery.AndMaybe(required, wquery.Or(boost, boost=_TITLE_BOOST))
    return required


def _clause_query(pairs_field: str, chars_field: str | None, clause: searchtext.Clause):
    """One clause: its one character, or the phrase of its pairs (adjacent positions: a substring)."""
    from whoosh import query as wquery

    if len(clause.text) == 1:
        return wquery.Term(chars_field or pairs_field, clause.text)
    words = searchtext.pairs(clause.text)
    if len(words) == 1:
        return wquery.Term(pairs_field, words[0])
    return wquery.Phrase(pairs_field, words)


def _filter_query(filters: Filters):
    """The whoosh filter for the chosen department, category, year, school and type."""
    from whoosh import query as wquery

    terms = [wquery.Term(name, str(value)) for name, value in (
        ("department", filters.department), ("category", filters.category), ("years", filters.year),
        ("school", mask_text(filters.school)[0] if filters.school else None), ("type", filters.type))
        if value not in (None, "")]
    return wquery.And(terms) if terms else None


def _hit(hit, needles: list[str]) -> Hit:
    """A search hit as a plain Hit with its snippet."""
    body = hit.get("text") or ""
    snippet, spans = make_snippet(body, needles)
    years = [int(y) for y in (hit.get("years") or "").split(",") if y.strip().isdigit()]
    return Hit(
        path=hit["path"], title=hit.get("title") or "", department=hit.get("department") or "",
        category=hit.get("category") or "", years=years, school=hit.get("school") or None,
        type=hit.get("type") or "", doc_no=hit.get("doc_no") or None, score=float(hit.score or 0.0),
        snippet=snippet, highlights=spans,
    )


def make_snippet(text: str, needles: list[str], width: int = _SNIPPET_WIDTH) -> tuple[str, list[tuple[int, int]]]:
    """A passage of ``text`` around the first needle found, and the spans of every needle in it."""
    flat = re.sub(r"\s+", " ", text).strip()
    lower = flat.lower()
    at = next((i for i in (lower.find(n.lower()) for n in needles if n) if i >= 0), -1)
    start = max(0, at - width // 3) if at >= 0 else 0
    end = min(len(flat), start + width)
    piece = ("…" if start > 0 else "") + flat[start:end] + ("…" if end < len(flat) else "")
    return piece, _spans(piece, needles)


def _spans(piece: str, needles: list[str]) -> list[tuple[int, int]]:
    """Merged (start, end) spans of every needle occurrence in ``piece``."""
    lower = piece.lower()
    spans = []
    for needle in {n.lower() for n in needles if n}:
        for match in re.finditer(re.escape(needle), lower):
            spans.append((match.start(), match.end()))
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
