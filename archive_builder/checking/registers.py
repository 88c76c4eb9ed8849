"""Per-school evidence the check reads from the archive itself, not only from file names.

Two things a per-school checklist item may need beyond a document per school:

- **schools named by the statistics, year by year** (``per_school: {large_classes: true}`` — the
  schools with a class of 56 or more that year; ``{small_school: true}`` — the schools under the
  small-school size that year). :class:`YearlySchools` holds them, from ``stats``.
- **a register**: one table document (a workbook, CSV or a table in a Word file) whose rows name the
  schools — the 土地使用证 register, the canteen licence register, the 大班额 ledger. A row counts for
  its school when the item's ``filled`` columns hold a value; for the 大班额 ledger every class of 56+
  of that school and year must be a row, and each row's 销号 status is read.

Takes documents, items and the registry; gives rows and problems. Reads files through ``readers``
(no OCR: a register is a table) and keeps what it read for the run only.
"""

from __future__ import annotations

import logging
import unicodedata
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from archive_builder.core.i18n import tn
from archive_builder.core.model import Problem
from archive_builder.core.privacy import mask_text
from archive_builder.inventory import readers
from archive_builder.review.policy import decide, shown_path
from archive_builder.statistics.stats import large_classes_by_school, small_schools_by_year

if TYPE_CHECKING:
    from archive_builder.checking.checklist import ChecklistItem
    from archive_builder.core.config import ArchiveConfig
    from archive_builder.core.model import Document
    from archive_builder.statistics.schools import SchoolRegistry

log = logging.getLogger(__name__)

#: Register types: the formats that hold tables.
TABLE_TYPES = frozenset({"xlsx", "xls", "et", "csv", "docx", "doc", "wps"})
#: A cell that says nothing was issued (an empty 证号 column is the same).
EMPTY_MARKS = frozenset({"", "无", "未办理", "未发证", "暂无", "—", "-", "－", "/", "否", "none", "n/a"})
#: The table each yearly filter comes from.
YEARLY_TABLES = {"large_classes": "classes", "small_school": "school_stats"}
_HEADER_ROWS = 6  # a caption or two may stand above the header row


@dataclass
class YearlySchools:
    """Schools the statistics put under a per-year rule; a filter whose table is missing is absent."""

    sets: dict[str, dict[int, frozenset[str]]] = field(default_factory=dict)
    large_classes: dict[int, dict[str, tuple[str, ...]]] = field(default_factory=dict)

    def available(self, key: str) -> bool:
        return key in self.sets

    def schools(self, key: str, year: int | None) -> frozenset[str]:
        """Ids under the rule in a year (any year when ``year`` is None)."""
        by_year = self.sets.get(key, {})
        if year is None:
            return frozenset(sid for ids in by_year.values() for sid in ids)
        return by_year.get(year, frozenset())


def yearly_schools(config: ArchiveConfig, items: list[ChecklistItem]) -> YearlySchools:
    """The yearly school sets the items ask for (reads only the tables they need)."""

    wanted = {key for item in items for key in item.yearly_filters}
    out = YearlySchools()
    if "large_classes" in wanted:
        classes = large_classes_by_school(config)
        if classes is not None:
            out.large_classes = classes
            out.sets["large_classes"] = {year: frozenset(by_school) for year, by_school in classes.items()}
    if "small_school" in wanted:
        small = small_schools_by_year(config)
        if small is not None:
            out.sets["small_school"] = small
    return out


def kind_matches(item: ChecklistItem, doc: Document) -> bool:
    """Whether a document is of the item's kind (its title or file name has a kind keyword); True for plain items."""
    if not item.kind_keywords:
        return True
    haystack = _norm(doc.title) + "\n" + _norm(doc.path.rsplit("/", 1)[-1])
    return any(_norm(k) in haystack for k in item.kind_keywords)


def _norm(text: Any) -> str:
    return unicodedata.normalize("NFKC", "" if text is None else str(text)).strip().casefold()


@dataclass(frozen=True)
class RegisterRow:
    """One row of a register that names a school of the registry."""

    row: int  # 1-based row in its table
    school_id: str
    cls: str = ""  # the class, for the 大班额 ledger
    closed: bool | None = None  # 销号 read from the row (None: the ledger has no 销号 column)


_READ_CACHE: dict[tuple[str, str], Any] = {}


def _tables(doc: Document) -> tuple[Any, ...] | None:
    """The tables of a document (None when it cannot be read as tables); read once per run."""
    key = (doc.path, doc.sha256)
    if key not in _READ_CACHE:

        try:
            _READ_CACHE[key] = readers.read(doc.abspath, doc.type, ocr=False).tables
        except Exception as exc:  # an unreadable register is one problem, not a crash
            log.debug("cannot read %s as a register: %s", doc.path, exc)
            _READ_CACHE[key] = None
    return _READ_CACHE[key]


def register_rows(item: ChecklistItem, doc: Document, schools: SchoolRegistry,
                  problems: list[Problem]) -> list[RegisterRow]:
    """The rows of a register document that count for the item, each naming a registered school."""
    columns = item.register_columns("school")
    tables = _tables(doc) if doc.type in TABLE_TYPES else None
    found = None
    for table in tables or ():
        found = _header(table.rows, columns)
        if found is not None:
            rows = table.rows
            break
    if found is None:
        problems.append(Problem(_shown(doc), "warning", "check.register_unreadable",
                                {"id": item.id, "columns": "、".join(columns)}))
        return []
    header_at, header = found
    index = {key: _column(header, item.register_columns(key)) for key in ("school", "filled", "class", "closed")}
    out = []
    for number, row in enumerate(rows[header_at + 1:], start=header_at + 2):
        if not any(str(c).strip() for c in row if c is not None):
            break  # a blank row ends the table; a note may follow it
        parsed = _row(item, doc, row, number, index, schools, problems)
        if parsed is not None:
            out.append(parsed)
    return out


def _row(item: ChecklistItem, doc: Document, row: tuple[Any, ...], number: int, index: dict[str, int | None],
         schools: SchoolRegistry, problems: list[Problem]) -> RegisterRow | None:
    """One register row as a RegisterRow, or None when it names no school or is not filled."""
    def cell(key: str) -> str:
        position = index[key]
        value = row[position] if position is not None and position < len(row) else None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return "" if value is None else unicodedata.normalize("NFKC", str(value)).strip()

    name = cell("school")
    if not name or name in ("全县", "合计", "总计"):
        return None
    school = schools.find(name)
    if school is None:
        problems.append(Problem(_shown(doc), "warning", "check.register_unknown_school",
                                {"id": item.id, "row": number, "school": _cell_shown(doc, name)}))
        return None
    if index["filled"] is not None and cell("filled").casefold() in EMPTY_MARKS:
        return None
    closed = None
    if index["closed"] is not None:
        status = cell("closed")
        closed = "销号" in status and "未" not in status
        if not status or status in EMPTY_MARKS:
            problems.append(Problem(_shown(doc), "warning", "check.register_not_closed",
                                    {"id": item.id, "row": number, "school": school.name,
                                     "cls": _cell_shown(doc, cell("class"))}))
    return RegisterRow(number, school.id, cell("class"), closed)


def _header(rows: tuple[tuple[Any, ...], ...], names: tuple[str, ...]) -> tuple[int, list[str]] | None:
    """(index, cells) of the first row among the top few that has one of the column names."""
    wanted = {_norm(n) for n in names}
    for position, row in enumerate(rows[:_HEADER_ROWS]):
        cells = [_norm(c) for c in row]
        if wanted & set(cells):
            return position, cells
    return None


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    """The position of the first of ``names`` in a normalised header row."""
    for name in names:
        if _norm(name) in header:
            return header.index(_norm(name))
    return None


def _shown(doc: Document) -> str:
    """The document's path as problems show it (a classified or 内部 one's file name stays hidden)."""
    return shown_path(doc)


def _cell_shown(doc: Document, value: str) -> str:
    """A register's cell as a problem quotes it: a classified, 内部 or unread register's words are its own
    (…), a published one's masked as any value is."""
    return mask_text(value)[0] if decide(doc).status == "published" else "…"


def clear_cache() -> None:
    """Forget what was read (tests, and a watch loop between rebuilds)."""
    _READ_CACHE.clear()


def register_fill(item: ChecklistItem, matches: list[tuple[Document, str]], slots: list[Any],
                  schools: SchoolRegistry, problems: list[Problem]) -> tuple[dict[Any, list[tuple[Document, str]]],
                                                                             dict[str, Any]]:
    """Slots the item's register documents fill, and what the 销号 column says about them.

    A register of year Y (its years, as for any document) fills (Y, school) for each school it lists
    in a counted row; with a ``class`` column and ``per_school: {large_classes: true}``, only when
    every class of 56+ of that school in Y (classes table) is a row of it.
    """
    yearly: YearlySchools | None = getattr(schools, "yearly", None)
    needs_classes = bool(item.register_columns("class")) and "large_classes" in item.yearly_filters
    wanted = {(slot.year, slot.school) for slot in slots}
    filled: dict[Any, list[tuple[Document, str]]] = {}
    listed: dict[tuple[int | None, str], set[str]] = {}
    closed = opened = 0
    for doc, how in matches:
        if doc.type not in TABLE_TYPES:
            continue
        rows = register_rows(item, doc, schools, problems)
        years: list[int | None] = [*doc.years] if item.years is not None and doc.years else [None]
        counted = [r for r in rows if r.closed is not None and any((y, r.school_id) in wanted for y in years)]
        closed += sum(1 for r in counted if r.closed)
        opened += sum(1 for r in counted if not r.closed)
        by_school: dict[str, set[str]] = {}
        for row in rows:
            by_school.setdefault(row.school_id, set()).add(_norm(row.cls))
        for year in years:
            for school_id, classes in by_school.items():
                listed.setdefault((year, school_id), set()).update(classes)
                if (year, school_id) not in wanted:
                    continue
                if needs_classes and yearly is not None and year is not None:
                    needed = {_norm(c) for c in yearly.large_classes.get(year, {}).get(school_id, ())}
                    if not needed <= listed[(year, school_id)]:
                        continue
                filled.setdefault((year, school_id), []).append((doc, how))
    if needs_classes and yearly is not None:
        _missing_classes(item, yearly, wanted, filled, listed, schools, problems)
    detail = {}
    if item.register_columns("closed"):

        detail = {"kind": "register", "listed": closed + opened, "closed": closed, "open": opened,
                  "message": tn("report.register_summary", closed + opened, listed=closed + opened, closed=closed,
                                 open=opened)}
    return {slot: filled.get((slot.year, slot.school), []) for slot in slots}, detail


def _missing_classes(item: ChecklistItem, yearly: YearlySchools, wanted: set[tuple[Any, Any]],
                     filled: dict[Any, Any], listed: dict[tuple[Any, str], set[str]], schools: SchoolRegistry,
                     problems: list[Problem]) -> None:
    """A problem for each school and year a ledger lists but without all its classes of 56+."""
    for year, school_id in sorted(wanted, key=lambda k: (k[0] or 0, k[1] or "")):
        if (year, school_id) in filled or (year, school_id) not in listed:
            continue
        needed = yearly.large_classes.get(year, {}).get(school_id, ())
        absent = [c for c in needed if _norm(c) not in listed[(year, school_id)]]
        school = schools.by_id(school_id)
        problems.append(Problem(item.file, "warning", "check.register_class_missing", {
            "id": item.id, "year": year, "school": school.name if school else school_id, "count": len(absent),
            "classes": "、".join(absent[:5]) + ("…" if len(absent) > 5 else ""), "table": "content/data/classes"}))
