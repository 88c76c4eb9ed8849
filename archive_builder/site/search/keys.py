"""Text, keys and postings of the site search: what the index stores and the browser decodes.

The normalised text comes from ``archive_builder/search/text.py``, the one normaliser of both indexes;
keys, the shard a key falls in and the postings encoding are mirrored exactly by the browser's
``assets/search/search.js``, so a change here is a change there.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from archive_builder.search import text as searchtext
from archive_builder.search.text import clause_keys, normalise, searchable_text

_WORD_MIN = 3  # jieba words shorter than this are already unigrams or bigrams

_CJK = (
    "\u3005-\u3007\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af"
    "\U00020000-\U0003134f"
)
_CJK_RE = re.compile(f"[{_CJK}]")
_TOKEN_RE = re.compile(f"(?P<cjk>[{_CJK}]+)|(?P<word>(?:(?![{_CJK}])[^\\W_])+)")
_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_"
_DECODE = {c: i for i, c in enumerate(_ALPHABET)}
_FAST = [c for c in _ALPHABET[:32]]


@dataclass
class SearchEntry:
    """One published document as the search index sees it (text already masked)."""

    url: str  # relative to the site root, ASCII, e.g. "docs/caizheng/ab12cd34.html"
    title: str
    department: str  # Chinese name
    category: str  # Chinese name
    years: list[int]
    school: str | None
    type: str
    text: str
    doc_no: str = ""
    archive_no: str = ""  # 档号
    file_name: str = ""  # the original's name, masked
    aliases: tuple[str, ...] = ()  # the department's other names (教科局, 县教育局 …)


# --- text and keys: archive_builder/search/text.py (mirrored exactly in search.js) ---------------


def clean_text(text: str) -> str:
    """The normalised form of a document's text, as the index holds it (searchtext.normalise)."""
    return normalise(text)


def match_text(text: str) -> str:
    """The form phrases are matched against (the same normalised form)."""
    return normalise(text)


def runs(text: str) -> Iterator[tuple[str, str]]:
    """Yield ("cjk", run) and ("word", run) pieces of normalised text (for jieba's proof words)."""
    for match in _TOKEN_RE.finditer(text):
        yield ("cjk", match.group()) if match.group("cjk") else ("word", match.group())


def document_keys(matched: str, words: Iterable[str] = ()) -> Counter[str]:
    """Key -> frequency: every character and pair (searchtext), plus jieba words that prove a phrase."""
    counts = searchtext.document_keys(matched)
    counts.update(w for w in words if len(w) >= _WORD_MIN and _is_cjk_run(w))
    return counts


def query_keys(clause: str) -> list[str]:
    """The keys a clause's documents must all contain (its pairs, or its one character)."""
    return clause_keys(clause)


def entry_display(entry: SearchEntry) -> str:
    """Everything the entry is found by (body, title, 文号, 档号, school, file name, department …) as written."""
    return searchable_text(
        title=entry.title, doc_no=entry.doc_no, archive_no=entry.archive_no, school=entry.school or "",
        file_name=entry.file_name, department=entry.department, aliases=tuple(entry.aliases),
        category=entry.category, body=entry.text,
    )


def entry_text(entry: SearchEntry) -> str:
    """The entry's searchable text in the normalised form both indexes match."""
    return normalise(entry_display(entry))


def _is_cjk_run(word: str) -> bool:
    return all(_CJK_RE.match(ch) for ch in word)


def jieba_words(matched: str) -> list[str]:
    """jieba words of three or more CJK characters (jieba imported here, lazily)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    out: list[str] = []
    for kind, run in runs(matched):
        if kind == "cjk" and len(run) >= _WORD_MIN:
            out.extend(w for w in jieba.cut(run, HMM=False) if len(w) >= _WORD_MIN)
    return out


def shard_of(key: str, shards: int) -> int:
    """FNV-1a over UTF-16 code units, modulo the (power of two) shard count."""
    h = 0x811C9DC5
    data = key.encode("utf-16-le")
    for i in range(0, len(data), 2):
        h ^= data[i] | (data[i + 1] << 8)
        h = (h * 0x01000193) & 0xFFFFFFFF
    return h & (shards - 1)


# --- postings encoding ---------------------------------------------------------------------


def _varint(value: int, out: list[str]) -> None:
    """Append base-32 digits, most significant first; all but the last carry +32."""
    digits = [value & 31]
    value >>= 5
    while value:
        digits.append((value & 31) | 32)
        value >>= 5
    out.extend(_ALPHABET[d] for d in reversed(digits))


def encode_postings(packed: Iterable[int]) -> str:
    """Encode (doc_id << 16 | tf) values, ascending: gap*2+(tf>1) then tf-2 when tf>1."""
    out: list[str] = []
    last = -1
    for value in packed:
        doc, tf = value >> 16, value & 0xFFFF
        flag = 1 if tf > 1 else 0
        code = ((doc - last - 1) << 1) | flag
        if code < 32:
            out.append(_FAST[code])
        else:
            _varint(code, out)
        if flag:
            _varint(tf - 2, out)
        last = doc
    return "".join(out)


def decode_postings(encoded: str) -> list[tuple[int, int]]:
    """The inverse of encode_postings: [(doc_id, tf), ...]."""
    values: list[int] = []
    n = 0
    for ch in encoded:
        d = _DECODE[ch]
        n = (n << 5) | (d & 31)
        if d < 32:
            values.append(n)
            n = 0
    out: list[tuple[int, int]] = []
    last, i = -1, 0
    while i < len(values):
        code = values[i]
        i += 1
        tf = 1
        if code & 1:
            tf = values[i] + 2
            i += 1
        last = last + (code >> 1) + 1
        out.append((last, tf))
    return out
