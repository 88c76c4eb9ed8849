"""The command-line search index's query side: its schema, and one query from words to ranked hits.

This is all that ``archive-builder search`` loads (whoosh's reader and the shared normaliser, nothing
of the scan, review or readers, nor whoosh's searcher and query parser), so a query answers in a
fraction of a second; building and refreshing the index is ``index.py``, which it calls only when
the index is missing or damaged.

The index holds each document's normalised searchable text (``searchtext``) stored, and its keys
(every character and pair of adjacent characters, with their counts, no positions), as the site's
index does. A clause's documents are those holding all its keys: exactly its documents when it is
one key, candidates confirmed against the stored text otherwise. So the command line answers
exactly what the site answers, and what a substring scan answers.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import re
import struct
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from archive_builder.core.buildfs import check_cache_tree
from archive_builder.core.config import ArchiveConfig
from archive_builder.core.errors import UsageError, message
from archive_builder.core.privacy import mask_text
from archive_builder.search import text as searchtext

log = logging.getLogger(__name__)
IndexBuilder = Callable[[bool], object]  # build_index(rebuild): the pipeline brings the index up to date
_DIGIT = re.compile(r"\d")  # every number the masker masks has digits (full-width ones too)

#: Bump when the schema or what is indexed changes: every document is then re-indexed.
SCHEMA_VERSION = 6
INDEX_FOLDER = "index"
_TITLE_BOOST = 5.0
#: As the site: when at most this many candidates need their text read, all are read (an exact count).
VERIFY_ALL = 100
#: Otherwise at most this many texts (or twice the limit) are read for one query, best ranked first.
CHECK_BUDGET = 1000
_QUERIED = {"text", "keys", "title_keys", "department", "category", "years", "school", "type"}
_SNIPPET_WIDTH = 120
#: What a damaged index raises when read (whoosh does not wrap them).
CORRUPT_ERRORS: tuple[type[BaseException], ...] = (
    EOFError, ValueError, KeyError, IndexError, TypeError, AttributeError,
    struct.error, zlib.error, pickle.UnpicklingError, OSError,
)


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
    exact: bool = True  # False: ``total`` is an upper bound (candidates not all read)
    notice: str | None = None  # catalogue key
    notice_params: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"query": self.query, "total": self.total, "total_exact": self.exact,
                "results": [h.to_dict() for h in self.hits]}


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
    """The whoosh schema: the searchable text stored, its keys counted (searchtext), ids for filters.

    ``text`` holds the normalised searchable text (title, 文号, 档号, school, file name, department
    and its aliases, body); ``keys`` its characters and pairs with their frequencies and no
    positions; ``title_keys`` the title's, which only rank.
    """
    from whoosh import fields

    return fields.Schema(
        key=fields.ID(unique=True, stored=True),
        path=fields.STORED,
        title=fields.STORED,
        text=fields.STORED,
        keys=fields.TEXT(analyzer=KeyTokenizer(), phrase=False),
        title_keys=fields.TEXT(analyzer=KeyTokenizer(), phrase=False),
        department=fields.ID(stored=True),
        category=fields.ID(stored=True),
        years=fields.KEYWORD(commas=True, stored=True),
        school=fields.ID(stored=True),
        doc_no=fields.STORED,
        type=fields.ID(stored=True),
        sha256=fields.ID(stored=True),
    )


class KeyTokenizer:
    """The keys of already normalised text (searchtext.document_keys), for whoosh's Tokenizer protocol.

    Each key is given once with its count as the boost: whoosh's Frequency format stores the sum of a
    term's boosts as its weight, which the query side reads as the term frequency.
    """

    def __call__(self, value: str, positions: bool = False, chars: bool = False, keeporiginal: bool = False,
                 removestops: bool = True, start_pos: int = 0, start_char: int = 0, mode: str = "", **kwargs: Any):
        from whoosh.analysis import Token

        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for key, count in searchtext.document_keys(value).items():
            token.text, token.boost, token.stopped = key, float(count), False
            yield token

    def __eq__(self, other: object) -> bool:
        return type(self) is type(other)

    def __hash__(self) -> int:
        return hash(type(self).__name__)


def detail(exc: BaseException) -> str:
    """A short description of what went wrong."""
    text = str(exc).splitlines()[0][:160] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def exists(folder: Path) -> bool:
    """Whether an index was ever created in ``folder``."""
    return folder.is_dir() and any(folder.glob("_MAIN_*.toc"))


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
        dept = config.department(department)
        if dept is None:
            raise UsageError(message("search.unknown_department", value=department))
        filters.department = dept.id
    if category:
        cat = config.category(category)
        if cat is None:
            raise UsageError(message("search.unknown_category", value=category))
        filters.category = cat.id
    if year is not None and str(year).strip():
        match = re.fullmatch(r"\s*(\d{4})\s*年?\s*", str(year))
        if not match:
            raise UsageError(message("search.bad_year", value=year))
        filters.year = int(match.group(1))
    return filters


def _school_name(config: ArchiveConfig, value: str) -> str:
    """A school given by name or code (学校代码), as the name documents carry."""
    from archive_builder.statistics.schools import load_schools  # lazy: the register is read only for a school filter

    try:
        school = load_schools(config).find(value)
    except Exception:  # a broken registry is reported by scan and check; use the name as given
        school = None
    return school.name if school else value.strip()


def search(config: ArchiveConfig, query: str, filters: Filters | None = None, limit: int = 20,
           include_internal: bool = False, *, build_index: IndexBuilder) -> SearchResults:
    """Ranked documents matching ``query``; a missing index is built and a damaged one rebuilt by
    ``build_index(rebuild)`` (the pipeline's scan, review and index stages: the query side never loads them)."""
    text = (query or "").strip()
    if not [c for c in searchtext.parse_query(text) if not c.negated]:
        raise UsageError(message("search.empty_query"))
    filters = filters or Filters()
    folder = index_dir(config)
    check_cache_tree(folder, every_entry=True)  # a pipe or a link in the index: the query would wait, or read elsewhere
    notice: tuple[str | None, dict[str, Any]] = (None, {})
    if not exists(folder):
        build_index(False)
        notice = ("index.built_first", {})
    try:
        results = _search_once(folder, text, filters, limit)
    except IndexDamaged as exc:
        log.info("search index damaged, rebuilding: %s", exc)
        build_index(True)
        notice = ("index.rebuilt_corrupt", {"detail": str(exc)})
        results = _search_once(folder, text, filters, limit)
    results.query = _masked(query)  # a number typed as the query is echoed masked too
    results.notice, results.notice_params = notice
    return results


def _masked(text: str) -> str:
    """``text`` with personal numbers masked; the masker is loaded only when there is a digit to mask."""
    if not _DIGIT.search(text):
        return text

    return mask_text(text)[0]


def _search_once(folder: Path, text: str, filters: Filters, limit: int) -> SearchResults:
    """Run one query against the index on disk (whoosh's reader only: no searcher, no query parser)."""
    from whoosh import index as windex
    from whoosh.filedb.filestore import FileStorage

    try:
        # Without mmap: whoosh copies each mapped part of a segment into a BytesIO when it opens it
        # (tens of megabytes at 10,000 documents); plain reads fetch only the blocks a query needs.
        ix = windex.FileIndex(FileStorage(str(folder), supports_mmap=False, readonly=True))
        try:
            with ix.reader() as reader:  # its schema: ix.schema would read and unpickle the TOC again
                if not _QUERIED <= set(reader.schema.names()):
                    raise IndexDamaged("an index of an older version")
                return _run(reader, text, filters, limit)
        finally:
            ix.close()
    except (windex.IndexError, *CORRUPT_ERRORS) as exc:
        raise IndexDamaged(detail(exc)) from exc


def _run(reader, text: str, filters: Filters, limit: int) -> SearchResults:
    """Candidates by their keys, ranked; the text read back only where keys cannot settle a clause.

    A document holding every key of a clause holds the clause when the clause is one key (a
    character or a pair); a longer clause is confirmed in the stored text, in rank order, only for
    the documents shown. The count is then exact when every doubtful candidate was read (all of them
    when there are at most VERIFY_ALL, or when ``limit`` asks for all), else an upper bound.
    """
    clauses = searchtext.parse_query(text)
    postings = _Postings(reader)
    ranked, doubtful = _rank(postings, clauses, filters)
    if any(not c.negated and not c.exact for c in clauses):
        doubtful = {docnum for docnum, _ in ranked}
    read_all = limit >= len(ranked) or len(doubtful) <= VERIFY_ALL
    budget = len(doubtful) if read_all else max(CHECK_BUDGET, 2 * limit)
    hits: list[Hit] = []
    rejected = checked = 0
    needles = [c.text for c in clauses if not c.negated]
    for docnum, score in ranked:
        if len(hits) >= limit and not read_all:
            break
        fields = None
        if docnum in doubtful:
            if checked >= budget:
                break
            checked += 1
            fields = reader.stored_fields(docnum)
            if not searchtext.matches(fields.get("text") or "", clauses):
                rejected += 1
                continue
        if len(hits) < limit:
            hits.append(_hit(fields or reader.stored_fields(docnum), score, needles))
    return SearchResults(query=text, total=len(ranked) - rejected, hits=hits, exact=checked == len(doubtful))


class _Postings:
    """Postings of the index read a whole block at a time: document numbers and term frequencies.

    whoosh's matchers step through postings one call at a time in Python, and its phrase queries
    decode every position; a block read hands over a block's document numbers and frequencies at
    once (the index keeps no positions), and blocks that cannot hold a wanted document are skipped.
    """

    def __init__(self, reader) -> None:
        from whoosh.reading import TermNotFound

        self.missing = (TermNotFound, KeyError)
        self.reader = reader
        self.leaves = list(reader.leaf_readers())
        self.count = reader.doc_count_all()

    def df(self, field: str, key: str) -> int:
        """How many documents hold ``key`` (deleted ones included: an estimate for ordering)."""
        try:
            return self.reader.doc_frequency(field, key)
        except self.missing:
            return 0

    def tfs(self, field: str, key: str, within: set[int] | None = None) -> dict[int, float]:
        """Document number -> frequency of ``key``, only for documents in ``within`` when given."""
        out: dict[int, float] = {}
        for ids, weights in self._postings(field, key, within, weights=True):
            out.update(zip(ids, weights))
        return out if within is None else {docnum: out[docnum] for docnum in within & out.keys()}

    def ids(self, field: str, key: str, within: set[int] | None = None) -> set[int]:
        """The documents holding ``key`` (among ``within`` when given)."""
        out: set[int] = set()
        for ids, _ in self._postings(field, key, within, weights=False):
            out.update(ids)
        return out if within is None else out & within

    def clause(self, field: str, keys: list[str], within: set[int] | None = None) -> dict[int, float]:
        """Documents holding every key, each with the frequency of the rarest key."""
        keys = sorted(keys, key=lambda k: self.df(field, k))
        first = self.tfs(field, keys[0], within)
        alive = set(first)
        for key in keys[1:]:
            if not alive:
                return {}
            alive = self.ids(field, key, alive)
        return first if len(alive) == len(first) else {docnum: first[docnum] for docnum in alive}

    def _postings(self, field: str, key: str, within: set[int] | None, weights: bool):
        """(document numbers, frequencies or None) of each block of each segment that may hold ``within``."""
        # Skipping blocks pays only when few documents are wanted; otherwise every block is read.
        wanted = sorted(within) if within is not None and len(within) * 8 < self.count else None
        for leaf, offset in self.leaves:
            try:
                matcher = leaf.postings(field, key)
            except self.missing:
                continue
            deleted = leaf.deleted_docs_set if leaf.has_deletions() else ()
            for ids, tfs in _blocks(getattr(matcher, "child", matcher), offset, wanted, weights):
                if offset or deleted:  # whoosh keeps a replaced document's postings until a merge
                    kept = [i for i, docnum in enumerate(ids) if docnum not in deleted]
                    ids = [ids[i] + offset for i in kept]
                    tfs = [tfs[i] for i in kept] if tfs is not None else None
                yield ids, tfs


def _blocks(matcher, offset: int, wanted: list[int] | None, weights: bool):
    """(document numbers, weights) of each postings block that may hold a ``wanted`` document.

    Reads whoosh's W3 block data directly: the delta-coded numbers are summed by
    ``itertools.accumulate`` instead of one generator step per posting.
    """
    from bisect import bisect_right
    from itertools import accumulate

    from whoosh.codec.whoosh3 import W3LeafMatcher

    if not isinstance(matcher, W3LeafMatcher):  # a term of one posting, kept inline in the term table
        ids, tfs = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            tfs.append(matcher.weight())
            matcher.next()
        yield ids, tfs
        return
    last = -1
    while matcher.is_active():
        top = matcher.block_max_id()
        at = bisect_right(wanted, last + offset) if wanted is not None else 0
        if wanted is None or (at < len(wanted) and wanted[at] <= top + offset):
            if matcher._data is None:
                matcher._read_data()
            ids = matcher._data[0]
            ids = ids if matcher._byteids else list(accumulate(ids))
            if weights:
                matcher._read_weights()
            yield ids, matcher._weights if weights else None
        last = top
        matcher._next_block()


def _rank(postings: _Postings, clauses: list[searchtext.Clause], filters: Filters):
    """Candidates holding every positive clause's keys and passing the filters, best first.

    Returns [(document number, score)] and the documents an excluded phrase's keys leave in doubt.
    The score follows the site's: per clause log(1 + N/df) * (1 + log tf), tf the clause's rarest
    key's count, plus a boost when the title holds the clause's keys.
    """
    import math

    positive = [c for c in clauses if not c.negated]
    within = _filter_docs(postings, filters)
    per_clause = []
    for clause in sorted(positive, key=lambda c: min(postings.df("keys", k) for k in c.keys)):
        found = postings.clause("keys", clause.keys, within)
        if not found:
            return [], set()
        per_clause.append((clause, found))
        within = set(found)
    docs = set(within or ())
    doubtful: set[int] = set()
    for clause in (c for c in clauses if c.negated):
        held = set(postings.clause("keys", clause.keys, docs)) if docs else set()
        if clause.exact:
            docs -= held
        else:
            doubtful |= held
    scores = dict.fromkeys(docs, 0.0)
    for clause, found in per_clause:
        idf = math.log(1 + postings.count / (1 + len(found)))
        # a common word is held by thousands of documents but with few distinct counts: each
        # count's weight is computed once
        weight = {tf: idf * (1 + math.log(max(tf, 1.0))) for tf in set(found.values())}
        for docnum in docs:
            scores[docnum] += weight[found[docnum]]
        for docnum in postings.clause("title_keys", clause.keys, docs):
            scores[docnum] += _TITLE_BOOST
    ranked = sorted(scores.items(), key=lambda item: (-item[1], item[0]))
    return ranked, doubtful


def _filter_docs(postings: _Postings, filters: Filters) -> set[int] | None:
    """Documents passing the department, category, year, school and type filters (None: no filter)."""
    terms = [(name, str(value)) for name, value in (
        ("department", filters.department), ("category", filters.category), ("years", filters.year),
        ("school", _masked(filters.school) if filters.school else None), ("type", filters.type))
        if value not in (None, "")]
    docs: set[int] | None = None
    for name, value in terms:
        docs = postings.ids(name, value, docs)
    return docs


def _hit(fields: dict[str, Any], score: float, needles: list[str]) -> Hit:
    """A search hit as a plain Hit with its snippet."""
    snippet, spans = make_snippet(fields.get("text") or "", needles)
    years = [int(y) for y in (fields.get("years") or "").split(",") if y.strip().isdigit()]
    return Hit(
        path=fields["path"], title=fields.get("title") or "", department=fields.get("department") or "",
        category=fields.get("category") or "", years=years, school=fields.get("school") or None,
        type=fields.get("type") or "", doc_no=fields.get("doc_no") or None, score=score,
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
