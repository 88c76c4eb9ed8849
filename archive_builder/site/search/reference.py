"""The reference lookup: what the browser's search.js does, read from the written index.

For tests, benchmarks and the command line; the site itself never runs it.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from archive_builder.search.text import Clause, normalise, parse_query
from archive_builder.site.search.keys import SearchEntry, decode_postings, entry_text, match_text, shard_of
from archive_builder.site.search.writer import INDEX_DIR, _payload


def query_index(
    site_dir: Path,
    query: str,
    department: str | None = None,
    category: str | None = None,
    year: int | None = None,
) -> list[str]:
    """URLs of the documents matching ``query`` (unranked, in id order), read from the written index."""
    reader = _Reader(site_dir / INDEX_DIR)
    clauses = parse_query(query)
    positive = [c for c in clauses if not c.negated]
    if not positive:
        return []
    found: set[int] | None = None
    for clause in positive:
        docs = reader.clause_docs(clause)
        found = docs if found is None else found & docs
    hits = []
    for doc_id in sorted(found or ()):
        row = reader.docs[doc_id]
        if not _passes_filters(row, reader.meta, department, category, year):
            continue
        if reader.verify(doc_id, clauses):
            hits.append(row[0])
    return hits


def _passes_filters(row: list, meta: dict, department: str | None, category: str | None,
                    year: int | None) -> bool:
    """Whether a document row passes the department, category and year filters."""
    if department is not None and meta["departments"][row[2]] != department:
        return False
    if category is not None and meta["categories"][row[3]] != category:
        return False
    return year is None or year in row[4]


class _Reader:
    """Reads the index files back (strips the registration call around each JSON payload)."""

    def __init__(self, index_dir: Path) -> None:
        self.dir = index_dir
        self.meta = _payload(index_dir / "docs.js")[0]
        self.docs = self.meta["docs"]
        self._shards: dict[int, dict[str, str]] = {}

    def postings(self, key: str) -> dict[int, int]:
        number = shard_of(key, self.meta["shards"])
        if number not in self._shards:
            name = f"{number:0{self.meta['width']}x}.js"
            self._shards[number] = _payload(self.dir / "s" / name)[1]
        return dict(decode_postings(self._shards[number].get(key, "")))

    def clause_docs(self, clause: Clause) -> set[int]:
        docs: set[int] | None = None
        for key in clause.keys:
            ids = set(self.postings(key))
            docs = ids if docs is None else docs & ids
        return docs or set()

    def text(self, doc_id: int) -> str:
        """A document's searchable text, normalised as the browser does before checking it."""
        return normalise(self.display(doc_id))

    def display(self, doc_id: int) -> str:
        """A document's searchable text as the site ships it (readable, masked)."""
        path = self.dir / "text" / str(doc_id // self.meta["group"]) / f"{doc_id}.js"
        return _payload(path)[1]

    def verify(self, doc_id: int, clauses: list[Clause]) -> bool:
        """Phrases adjacent in the text; excluded clauses absent."""
        text: str | None = None
        for clause in clauses:
            if clause.exact and not clause.negated:
                continue
            if clause.exact:
                if doc_id in self.postings(clause.keys[0]):
                    return False
                continue
            text = self.text(doc_id) if text is None else text
            if (clause.text in text) == clause.negated:
                return False
        return True



def scan_text(entries: Iterable[SearchEntry], needle: str) -> list[str]:
    """URLs whose cleaned text contains ``needle`` (the plain scan recall is measured against)."""
    wanted = match_text(needle)
    return sorted(e.url for e in entries if wanted in entry_text(e))
