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

from .config import ArchiveConfig
from .errors import ArchiveError, UsageError
from .i18n import t
from .extract import EXTRACTOR_VERSION, rules_version
from .model import Document, Inventory, Problem
from .policy import decide, visible
from .privacy import mask_text
from .review import load_inventory, review_inventory

log = logging.getLogger(__name__)

#: Bump when the schema or what is indexed changes: every document is then re-indexed.
SCHEMA_VERSION = 1
INDEX_FOLDER = "index"
MANIFEST = "manifest.json"
_TEXT_FIELDS = ["title", "body", "doc_no", "doc_no_grams"]
_FIELD_BOOSTS = {"title": 3.0, "doc_no": 8.0, "doc_no_grams": 1.5, "body": 1.0}
_SNIPPET_WIDTH = 120
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_DOC_NO_RE = re.compile(r"([\u4e00-\u9fff]+)\s*[〔\[【(（［]\s*(\d{4})\s*[〕\]】)）］]\s*(\d+)\s*号")
_CJK_GAP = re.compile(r"(?<=[\u4e00-\u9fff，。、；：]) (?=[\u4e00-\u9fff])")
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
    """The whoosh schema: jieba for title and body, exact ids for filters, 文号 twice."""
    from jieba.analyse import ChineseAnalyzer
    from whoosh import fields

    _quiet_jieba()
    analyzer = ChineseAnalyzer()
    return fields.Schema(
        path=fields.ID(unique=True, stored=True),
        title=fields.TEXT(analyzer=analyzer, stored=True),
        body=fields.TEXT(analyzer=analyzer, stored=True),
        department=fields.ID(stored=True),
        category=fields.ID(stored=True),
        years=fields.KEYWORD(commas=True, stored=True),
        school=fields.ID(stored=True),
        doc_no=fields.ID(stored=True),
        doc_no_grams=fields.NGRAM(minsize=2, maxsize=4),
        type=fields.ID(stored=True),
        sha256=fields.ID(stored=True),
    )


def _quiet_jieba() -> None:
    """jieba announces loading its dictionary on stderr; that is not for clerks."""
    import jieba

    jieba.setLogLevel(logging.WARNING)


def normalise_doc_no(text: str) -> str:
    """Write every 文号 in ``text`` one way: 襄政办发[2017]13号 -> 襄政办发〔2017〕13号."""
    return _DOC_NO_RE.sub(lambda m: f"{m.group(1)}〔{m.group(2)}〕{m.group(3)}号", text)


def _stamp(doc: Document) -> str:
    """A fingerprint of everything the index holds about ``doc``."""
    parts = [SCHEMA_VERSION, EXTRACTOR_VERSION, rules_version(), doc.sha256, doc.title, doc.department,
             doc.category, doc.years, doc.school, doc.doc_no, doc.type, doc.classification, decide(doc).status]
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
        paths = [fields["path"] for fields in reader.all_stored_fields()]
    return {"version": SCHEMA_VERSION, "indexed": {p: [None, False] for p in paths}, "skipped": {}}


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
            for _ in reader.lexicon("path"):
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
        plan = _plan(inventory, manifest, include_internal, ocr, report)
        _apply(ix, config, plan, manifest, ocr, progress, report)
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
          report: IndexReport) -> _Plan:
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
        wanted.add(doc.path)
        stamp = _stamp(doc)
        known = manifest["indexed"].get(doc.path) or manifest["skipped"].get(doc.path)
        if known and known[0] == stamp and not (ocr and known[1]):
            report.unchanged += 1
            report.withheld += doc.path in manifest["skipped"]
            report.needs_ocr += bool(known[1]) and doc.path in manifest["indexed"]
            continue
        plan.write.append(doc)
    plan.delete = sorted(p for p in manifest["indexed"] if p not in wanted)
    for path in [p for p in manifest["skipped"] if p not in wanted]:
        del manifest["skipped"][path]
        plan.dirty = True
    return plan


def _apply(ix, config: ArchiveConfig, plan: _Plan, manifest: dict[str, Any], ocr: bool,
           progress: Progress | None, report: IndexReport) -> None:
    """Extract what changed, write it in one commit, then record the new manifest."""
    if not plan.write and not plan.delete:
        if plan.dirty:
            _write_manifest(index_dir(config), manifest)
        return
    previous = set(manifest["indexed"])
    rows, hidden = _extract_rows(config, plan.write, ocr, progress, report, manifest)
    writer = _writer(ix)
    try:
        for path in [*plan.delete, *hidden]:
            writer.delete_by_term("path", path)
            manifest["indexed"].pop(path, None)
            report.removed += 1
        for doc, fields in rows:
            writer.update_document(**fields)
            report.updated += doc.path in previous
            report.added += doc.path not in previous
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
                  report: IndexReport, manifest: dict[str, Any]) -> tuple[list[tuple[Document, dict[str, Any]]], list[str]]:
    """Index fields for ``docs``, and the paths to delete because their text carries a secret mark."""
    from .extract import extract_all

    extracted = extract_all(docs, config.cache_dir, ocr=ocr, progress=progress)
    report.extracted += extracted.extracted
    report.failed += extracted.failed
    report.problems.extend(extracted.problems)
    rows, hidden = [], []
    for doc in docs:
        result = extracted.results.get(doc.path)
        if result is not None and result.classification_mark:
            report.withheld += 1
            manifest["skipped"][doc.path] = [_stamp(doc), False]
            if doc.path in manifest["indexed"]:  # was public before its text said otherwise
                hidden.append(doc.path)
            continue
        needs_ocr = bool(result and result.needs_ocr)
        report.needs_ocr += needs_ocr
        if needs_ocr:
            report.problems.append(Problem(doc.path, "warning", "extract.needs_ocr"))
        manifest["indexed"][doc.path] = [_stamp(doc), needs_ocr]
        manifest["skipped"].pop(doc.path, None)
        rows.append((doc, _fields(doc, result.text if result else "")))
    return rows, hidden


def _fields(doc: Document, text: str) -> dict[str, Any]:
    """The whoosh fields of one document (text already masked)."""
    doc_no = normalise_doc_no(doc.doc_no or "")
    return {
        "path": doc.path, "title": mask_text(doc.title)[0], "body": text, "department": doc.department,
        "category": doc.category, "years": ",".join(str(y) for y in doc.years),
        "school": mask_text(doc.school or "")[0], "doc_no": mask_text(doc_no)[0],
        "doc_no_grams": mask_text(doc_no)[0], "type": doc.type, "sha256": doc.sha256,
    }


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
    text = normalise_doc_no(query or "").strip()
    if not text:
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

    _quiet_jieba()
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
    """Parse, search, check quoted phrases literally, and cut snippets."""
    parsed = _parse(schema, text)
    phrases = _required_phrases(text)
    needles = _needles(schema, text)
    found = searcher.search(parsed, filter=_filter_query(filters), limit=None if phrases else limit)
    hits = [hit for hit in found if _has_phrases(hit, phrases)] if phrases else list(found)
    total = len(hits) if phrases else len(found)
    return SearchResults(query=text, total=total, hits=[_hit(h, needles) for h in hits[:limit]])


def _parse(schema, text: str):
    """Words AND'ed, OR/NOT/quotes as typed; phrases become their words AND'ed."""
    from whoosh import query as wquery
    from whoosh.qparser import MultifieldParser

    parser = MultifieldParser(_TEXT_FIELDS, schema, fieldboosts=_FIELD_BOOSTS)
    try:
        parsed = parser.parse(text)
    except Exception as exc:  # whoosh raises assorted errors on odd syntax
        raise UsageError(t("search.bad_query", detail=_detail(exc))) from exc

    def unphrase(node):
        if isinstance(node, wquery.Phrase):
            return wquery.And([wquery.Term(node.fieldname, w, boost=node.boost) for w in node.words])
        return node

    return parsed.accept(unphrase)


def _filter_query(filters: Filters):
    """The whoosh filter for the chosen department, category, year, school and type."""
    from whoosh import query as wquery

    terms = [wquery.Term(name, str(value)) for name, value in (
        ("department", filters.department), ("category", filters.category), ("years", filters.year),
        ("school", filters.school), ("type", filters.type)) if value not in (None, "")]
    return wquery.And(terms) if terms else None


def _required_phrases(text: str) -> list[str]:
    """Quoted phrases every hit must contain literally (not negated, and not inside an OR query)."""
    if re.search(r"(^|\s)OR(\s|$)", text):
        return []
    phrases = []
    for match in re.finditer(r'(NOT\s+|-)?"([^"]+)"', text):
        if not match.group(1):
            phrases.append(_squash(match.group(2)))
    return [p for p in phrases if p]


def _squash(text: str) -> str:
    """Lower-case text without whitespace, for literal phrase checks."""
    return "".join(text.split()).lower()


def _has_phrases(hit, phrases: list[str]) -> bool:
    """Whether the stored title, text or 文号 of ``hit`` contains every phrase."""
    fields = hit.fields()  # one read of the stored fields
    haystack = _squash(" ".join(fields.get(name) or "" for name in ("title", "body", "doc_no")))
    return all(phrase in haystack for phrase in phrases)


def _needles(schema, text: str) -> list[str]:
    """Strings to look for when cutting a snippet: phrases and words first, then their jieba tokens."""
    negated = {m.group(2) for m in re.finditer(r'(NOT\s+|-)"?([^"\s]+)', text)}
    words = [w for w in re.findall(r'"([^"]+)"|(\S+)', text)]
    plain = []
    for quoted, word in words:
        value = (quoted or word).strip("()")
        if value and value not in _OPERATORS and value not in negated and not value.startswith("-"):
            plain.append(value)
    analyzer = schema["body"].analyzer
    tokens = {tok.text for value in plain for tok in analyzer(value)}
    tokens = {tok for tok in tokens if len(tok) > 1 or re.match(r"[\u4e00-\u9fff]", tok)}
    return plain + sorted(tokens - set(plain), key=len, reverse=True)


def _hit(hit, needles: list[str]) -> Hit:
    """A search hit as a plain Hit with its snippet."""
    body = hit.get("body") or ""
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
    flat = _CJK_GAP.sub("", re.sub(r"\s+", " ", text)).strip()
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
