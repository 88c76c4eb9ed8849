"""档号 (archival codes) after DA/T 22-2015: ``全宗号-门类代码·年度-保管期限-机构代码-件号``.

Numbers are stable: the assignment is recorded in ``archive_numbers.csv`` at the archive
root (clerks commit it). A recorded document keeps its number while its class is unchanged;
a new document takes the next free number in its class; a code a clerk wrote in the metadata
(``档号``) is validated and wins. Gaps and duplicates within a class are reported.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from archive_builder.core.cache import write_atomic
from archive_builder.core.cells import read_record_cell, record_cell
from archive_builder.core.config import ArchiveConfig
from archive_builder.core.errors import ArchiveError, message
from archive_builder.core.model import Document, Problem
from archive_builder.core.privacy import mask_text

RECORD_FILE = "archive_numbers.csv"
RECORD_HEADER = ("档号", "path", "sha256")
RETENTION_CODES = {"永久": "Y", "30年": "D30", "10年": "D10"}
RETENTION_NAMES = {code: name for name, code in RETENTION_CODES.items()}
_CODE_RE = re.compile(
    r"^(?P<fonds>[A-Za-z0-9]+)-(?P<doc_class>[A-Za-z0-9]+)[·.・](?P<year>\d{4})-"
    r"(?P<retention>Y|D30|D10)-(?P<org>[A-Za-z0-9]+)-(?P<number>\d{4})$"
)


@dataclass(frozen=True, order=True)
class ArchiveClass:
    """The class a 件 is numbered within: (年度, 保管期限, 机构) under one 全宗 and 门类."""

    fonds: str
    doc_class: str
    year: int
    retention: str  # Y | D30 | D10
    org: str

    def code(self, number: int) -> str:
        return f"{self.fonds}-{self.doc_class}·{self.year}-{self.retention}-{self.org}-{number:04d}"

    @property
    def label(self) -> str:
        return f"{self.fonds}-{self.doc_class}·{self.year}-{self.retention}-{self.org}"


@dataclass
class Numbering:
    """Each document's 档号 and class, the problems found, and the record to keep."""

    codes: dict[str, str] = field(default_factory=dict)  # document path -> 档号
    classes: dict[str, ArchiveClass] = field(default_factory=dict)  # document path -> class
    problems: list[Problem] = field(default_factory=list)
    record: dict[str, tuple[str, str]] = field(default_factory=dict)  # path -> (档号, sha256)
    new: list[str] = field(default_factory=list)  # paths numbered in this run


def parse_code(code: str) -> tuple[ArchiveClass, int] | None:
    """Split a 档号 into its class and 件号, or None if it is not in the expected form."""
    match = _CODE_RE.match(code.strip())
    if not match:
        return None
    g = match.groupdict()
    cls = ArchiveClass(g["fonds"], g["doc_class"], int(g["year"]), g["retention"], g["org"])
    return cls, int(g["number"])


def class_of(doc: Document, config: ArchiveConfig) -> ArchiveClass:
    """The class a document belongs to, from its first year, retention and department."""
    retention = RETENTION_CODES.get(doc.retention or config.default_retention, "Y")
    org = config.department_by_id(doc.department).code
    return ArchiveClass(config.fonds, config.doc_class, min(doc.years), retention, org)


def read_record(root: Path) -> dict[str, tuple[str, str]]:
    """The recorded assignment: document path -> (档号, sha256)."""
    path = root / RECORD_FILE
    if not path.is_file():
        return {}
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            rows = list(csv.reader(handle))
    except (UnicodeDecodeError, csv.Error) as exc:
        raise ArchiveError(message("archival.record_unreadable", path=str(path), detail=str(exc)[:120])) from None
    rows = [[read_record_cell(cell) for cell in row] for row in rows[1:]]
    return {row[1]: (row[0], row[2] if len(row) > 2 else "") for row in rows if len(row) >= 2}


def write_record(root: Path, numbering: Numbering) -> Path:
    """Write the assignment atomically, sorted by 档号 so diffs stay small."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(RECORD_HEADER)
    for path, (code, sha) in sorted(numbering.record.items(), key=lambda item: (item[1][0], item[0])):
        writer.writerow((record_cell(code), record_cell(mask_text(path)[0]), sha))  # no raw number at rest
    target = root / RECORD_FILE
    write_atomic(target, buffer.getvalue().encode("utf-8-sig"))
    return target


def assign_numbers(config: ArchiveConfig, documents: list[Document],
                   record: dict[str, tuple[str, str]] | None = None) -> Numbering:
    """Give every document a 档号: its own (validated), its recorded one, or the next free number."""
    numbering = Numbering()
    used: dict[ArchiveClass, dict[int, str]] = defaultdict(dict)
    for doc in documents:
        numbering.classes[doc.path] = class_of(doc, config)
    pending = _take_given_codes(documents, numbering, used)
    pending = _take_recorded_codes(pending, record or {}, numbering, used)
    _number_new(pending, numbering, used)
    _report_gaps(used, numbering)
    shas = {doc.path: doc.sha256 for doc in documents}
    numbering.record = {path: (code, shas[path]) for path, code in numbering.codes.items()}
    return numbering


def _claim(doc: Document, cls: ArchiveClass, number: int, numbering: Numbering,
           used: dict[ArchiveClass, dict[int, str]]) -> None:
    used[cls][number] = doc.path
    numbering.codes[doc.path] = cls.code(number)


def _take_given_codes(documents: list[Document], numbering: Numbering,
                      used: dict[ArchiveClass, dict[int, str]]) -> list[Document]:
    """Codes written by clerks in the metadata are validated and keep their number."""
    pending = []
    for doc in sorted(documents, key=_filing_order):  # the earlier document keeps a contested code
        if not doc.archive_no:
            pending.append(doc)
            continue
        expected = numbering.classes[doc.path]
        parsed = parse_code(doc.archive_no)
        if parsed is None:
            numbering.problems.append(Problem(doc.path, "error", "archival.bad_format", {"code": doc.archive_no}))
            pending.append(doc)
        elif parsed[0] != expected:
            numbering.problems.append(Problem(doc.path, "error", "archival.class_mismatch",
                                              {"code": doc.archive_no, "expected": expected.label}))
            pending.append(doc)
        elif parsed[1] in used[expected]:
            numbering.problems.append(Problem(doc.path, "error", "archival.duplicate",
                                              {"code": doc.archive_no, "other": used[expected][parsed[1]]}))
            pending.append(doc)
        else:
            _claim(doc, expected, parsed[1], numbering, used)
    return pending


def _take_recorded_codes(pending: list[Document], record: dict[str, tuple[str, str]], numbering: Numbering,
                         used: dict[ArchiveClass, dict[int, str]]) -> list[Document]:
    """A recorded document (by path, or by content if it moved) keeps its number in the same class."""
    by_sha = {sha: code for code, sha in record.values() if sha}
    still = []
    for doc in pending:
        recorded = record.get(doc.path) or record.get(mask_text(doc.path)[0])  # the record keeps names masked
        code = recorded[0] if recorded else by_sha.get(doc.sha256)
        parsed = parse_code(code) if code else None
        if parsed and parsed[0] == numbering.classes[doc.path] and parsed[1] not in used[parsed[0]]:
            _claim(doc, parsed[0], parsed[1], numbering, used)
        else:
            still.append(doc)
    return still


def _number_new(pending: list[Document], numbering: Numbering, used: dict[ArchiveClass, dict[int, str]]) -> None:
    """New documents take the next free numbers of their class, in order of date then title."""
    for doc in sorted(pending, key=_filing_order):
        cls = numbering.classes[doc.path]
        number = max(used[cls], default=0) + 1
        _claim(doc, cls, number, numbering, used)
        numbering.new.append(doc.path)


def _filing_order(doc: Document) -> tuple[str, str, str]:
    return (doc.date or "9999-99-99", doc.title, doc.path)


def _report_gaps(used: dict[ArchiveClass, dict[int, str]], numbering: Numbering) -> None:
    """DA/T 70: numbers missing inside a class mean a 件 was lost or removed."""
    for cls, numbers in sorted(used.items()):
        missing = sorted(set(range(1, max(numbers) + 1)) - set(numbers))
        if missing:
            shown = "、".join(f"{n:04d}" for n in missing[:20])
            numbering.problems.append(Problem(cls.label, "warning", "archival.gap", {"numbers": shown}))
