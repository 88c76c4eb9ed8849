"""A school's 标准化建设台账, read from its cells: one row per indicator, a column per year, a verdict column.

The ledger is found by the checklist item that asks for it (the standard's ``ledger.item``); what
it says is read from the table inside it (a sheet, a CSV, a table in a Word document), never from
its file name. The header row is the first one naming a label column (指标) and a verdict column
(达标情况); an aspect cell (建设项目) left empty under a merged cell keeps the one above.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archive_builder.core.model import Problem
from archive_builder.inventory.readers import ReadFailed, read
from archive_builder.review.policy import shown_path

if TYPE_CHECKING:
    from archive_builder.assessment.standard_def import LedgerLayout, StandardIndicator
    from archive_builder.core.model import Document

HEADER_ROWS = 10  # the header is looked for in the first rows of each table
_YEAR_RE = re.compile(r"((?:19|20)\d{2})")


def norm(text: Any) -> str:
    """A cell as comparable text: NFKC, no spaces, case-folded."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", "" if text is None else str(text))).casefold()


@dataclass
class LedgerRow:
    """One row of a ledger: its aspect and label, a value per year, its verdict cell."""

    number: int  # 1-based row in its table
    aspect: str
    label: str
    values: dict[int, Any] = field(default_factory=dict)
    verdict: str = ""


@dataclass
class Ledger:
    """What one ledger file holds (rows of its first table with the expected header)."""

    path: str  # relative to content/
    shown: str = ""  # the path as public outputs show it (personal numbers masked)
    table: str = ""  # sheet or table name
    rows: list[LedgerRow] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def find(self, indicator: StandardIndicator) -> LedgerRow | None:
        """The row of an indicator: its aspect (when the indicator names one) and a word of its label."""
        aspects = {norm(a) for a in indicator.row_aspect}
        labels = [norm(word) for word in indicator.row_label]
        for row in self.rows:
            if aspects and norm(row.aspect) not in aspects:
                continue
            if any(word in norm(row.label) for word in labels):
                return row
        return None


def read_ledger(doc: Document, layout: LedgerLayout) -> Ledger:
    """The rows of a ledger document; a problem (with the fix) when it cannot be read or has no such table."""

    ledger = Ledger(doc.path, shown_path(doc))
    try:
        reading = read(doc.abspath, doc.type, ocr=False)
    except ReadFailed as exc:
        ledger.problems.append(Problem(ledger.shown, "warning", "assessment.ledger_unreadable",
                                       {"reason": exc.detail or exc.code}))
        return ledger
    for table in reading.tables:
        if _parse(ledger, table.name, table.rows, layout):
            return ledger
    ledger.problems.append(Problem(ledger.shown, "warning", "assessment.ledger_no_header", {
        "label": "、".join(layout.label_headers[:3]), "verdict": "、".join(layout.verdict_headers[:3])}))
    return ledger


def _parse(ledger: Ledger, name: str, rows: tuple[tuple[Any, ...], ...], layout: LedgerLayout) -> bool:
    """Fill ``ledger`` from one table when it has the header; whether it had."""
    found = _header(rows, layout)
    if found is None:
        return False
    start, columns = found
    ledger.table = name
    aspect = ""
    for number, row in enumerate(rows[start + 1:], start=start + 2):
        label = _text(_at(row, columns["label"]))
        if not label:
            continue
        aspect = _text(_at(row, columns.get("aspect"))) or aspect
        values = {year: _at(row, index) for year, index in columns["years"].items()}
        ledger.rows.append(LedgerRow(number, aspect, label, values, _text(_at(row, columns["verdict"]))))
    return True


def _at(row: tuple[Any, ...], index: int | None) -> Any:
    """The cell at ``index`` of a row (None past its end or without a column)."""
    return row[index] if index is not None and index < len(row) else None


def _header(rows: tuple[tuple[Any, ...], ...], layout: LedgerLayout) -> tuple[int, dict[str, Any]] | None:
    """(row index, column positions) of the first row naming a label and a verdict column."""
    for index, row in enumerate(rows[:HEADER_ROWS]):
        texts = [norm(c) for c in row]
        label = _column(texts, layout.label_headers)
        verdict = _column(texts, layout.verdict_headers)
        if label is None or verdict is None:
            continue
        years: dict[int, int] = {}
        for position, text in enumerate(texts):
            match = _YEAR_RE.search(text)
            if match and position not in (label, verdict):
                years.setdefault(int(match.group(1)), position)
        return index, {"label": label, "verdict": verdict, "aspect": _column(texts, layout.aspect_headers),
                       "years": years}
    return None


def _column(texts: list[str], names: tuple[str, ...]) -> int | None:
    """The first column whose header is one of ``names`` (exactly, after normalising)."""
    wanted = [norm(n) for n in names]
    for name in wanted:
        if name in texts:
            return texts.index(name)
    return None


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def number(value: Any) -> float | None:
    """A ledger value as a number (2.4, '2.4', '2,400'), or None when it is not one."""
    if isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    text = unicodedata.normalize("NFKC", str(value or "")).replace(",", "").strip()
    try:
        return float(text)
    except ValueError:
        return None
