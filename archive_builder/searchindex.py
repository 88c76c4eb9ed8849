"""The command-line search index's query side: its schema, and one query from words to ranked hits.

This is all that ``archive-builder search`` loads (whoosh and the shared normaliser, nothing of the
scan, review or readers), so a query answers in a fraction of a second; building and refreshing the
index is ``index.py``, which it calls only when the index is missing or damaged.

The index holds each document's normalised searchable text (``searchtext``) as character pairs with
their positions: a clause is the phrase of its pairs (adjacent positions, i.e. a substring), a
one-character clause is that character. So the command line answers exactly what the site answers.
"""

from __future__ import annotations

import hashlib
import logging
import pickle
import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import searchtext
from .config import ArchiveConfig
from .errors import UsageError
from .i18n import t
from .privacy import mask_text

log = logging.getLogger(__name__)

#: Bump when the schema or what is indexed changes: every document is then re-indexed.
SCHEMA_VERSION = 4
INDEX_FOLDER = "index"
_TITLE_BOOST = 5.0
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
    if not exists(folder):
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



def _refresh(config: ArchiveConfig, include_internal: bool, rebuild: bool) -> None:
    """Build or repair the index (the writer side, loaded only when needed)."""
    from .index import refresh

    refresh(config, include_internal, rebuild=rebuild)


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
    except (windex.IndexError, *CORRUPT_ERRORS) as exc:
        raise IndexDamaged(detail(exc)) from exc


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
