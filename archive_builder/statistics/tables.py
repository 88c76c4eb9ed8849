"""The statistics tables under content/data/ (CSV in UTF-8 or GBK, XLSX, XLS) read into typed rows.

The columns each table has (Chinese or English headers, units in the header), a year written as a
school year, the level of a row; a bad cell is one problem naming file, row and fix, and a ``Gap`` that
marks every figure it touches incomplete.
"""

from __future__ import annotations

import logging
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive_builder.core.model import Problem, Severity
from archive_builder.core.textio import column_letter
from archive_builder.inventory import readers

if TYPE_CHECKING:
    from archive_builder.core.config import ArchiveConfig

log = logging.getLogger(__name__)

LEVELS = ("小学", "初中")
#: A 教学点 counts as a 小学 of its own (its own row, its own pupils and resources).
LEVEL_ALIASES = {
    "小学": "小学", "primary": "小学", "primary school": "小学", "教学点": "小学", "teaching point": "小学",
    "初中": "初中", "junior": "初中", "junior secondary": "初中", "junior high": "初中", "middle": "初中",
}


COMBINED_LEVELS = ("九年一贯制", "完全中学", "十二年一贯制")


SPECIAL_LEVELS = ("特殊教育", "特殊教育学校", "特教", "special", "special education")


TABLE_SUFFIXES = (".csv", ".xlsx", ".xls")


@dataclass(frozen=True)
class Column:
    """One column a table may have: its field, the kind of value and the headers that name it."""

    field: str
    kind: str  # year | text | level | count | amount
    aliases: tuple[str, ...]
    required: bool = True


def _col(name: str, kind: str, *aliases: str, required: bool = True) -> Column:
    return Column(name, kind, aliases, required)


#: The raw quantities behind the indicators; a profile names them by field.
RESOURCE_COLUMNS = (
    _col("teaching_area", "amount", "教学及辅助用房面积", "teaching_area", "teaching area", required=False),
    _col("sports_area", "amount", "体育运动场馆面积", "sports_area", "sports area", required=False),
    _col("equipment_value", "amount", "教学仪器设备值", "equipment_value", "equipment value", required=False),
    _col("computers", "count", "计算机台数", "computers", required=False),
    _col("books", "count", "图书册数", "books", required=False),
    _col("teachers", "count", "专任教师数", "teachers", "full_time_teachers", required=False),
    _col("qualified_teachers", "count", "高于规定学历教师数", "qualified_teachers", required=False),
    _col("senior_teachers", "count", "中级及以上专业技术职务教师数", "senior_teachers", required=False),
    _col("backbone_teachers", "count", "县级以上骨干教师数", "backbone_teachers", required=False),
    _col("arts_pe_teachers", "count", "体育艺术专任教师数", "体育艺术教师数", "arts_pe_teachers", required=False),
    _col("multimedia_rooms", "count", "网络多媒体教室数", "multimedia_rooms", required=False),
)


FIELDS = tuple(c.field for c in RESOURCE_COLUMNS)


TABLES: dict[str, tuple[Column, ...]] = {
    "school_stats": (
        _col("year", "year", "年度", "年份", "year"),
        _col("school", "text", "学校", "学校名称", "学校代码", "school"),
        _col("level", "level", "学段", "level"),
        _col("students", "count", "学生数", "在校生数", "students"),
        *RESOURCE_COLUMNS,
    ),
    "classes": (
        _col("year", "year", "年度", "年份", "year"),
        _col("school", "text", "学校", "学校名称", "学校代码", "school"),
        _col("class", "text", "班级", "班级名称", "class", required=False),
        _col("students", "count", "学生数", "班额", "students"),
    ),
    "teacher_exchange": (
        _col("year", "year", "年度", "年份", "year"),
        _col("eligible", "count", "应交流教师数", "eligible", "eligible_teachers"),
        _col("exchanged", "count", "实际交流教师数", "exchanged", "exchanged_teachers"),
        _col("backbone", "count", "其中骨干及中高级教师数", "骨干及中高级教师数", "backbone", "backbone_senior"),
    ),
    "consolidation": (
        _col("year", "year", "年度", "年份", "year"),
        _col("level", "level", "学段", "level", required=False),
        _col("graduates", "count", "毕业人数", "graduates"),
        _col("intake", "count", "入学时人数", "intake"),
        _col("transfers_in", "count", "转入人数", "transfers_in"),
        _col("transfers_out", "count", "转出人数", "transfers_out"),
    ),
    "satisfaction": (
        _col("year", "year", "年度", "年份", "year"),
        _col("respondents", "count", "调查人数", "respondents"),
        _col("satisfied", "count", "满意人数", "satisfied"),
    ),
}


#: Tables the report cannot do without (the others only leave their section empty).
ESSENTIAL = ("school_stats",)


@dataclass
class Table:
    """The parsed records of one source table, with the fields its header offers.

    ``records`` are the usable rows; ``dropped`` the rows left out whole (what could be read of
    them: row, and year and school when those cells were readable); ``gaps`` every hole a figure
    may depend on, each with its problem.
    """

    stem: str
    source: str  # path relative to content/
    fields: set[str]
    records: list[dict[str, Any]]
    dropped: list[dict[str, Any]] = field(default_factory=list)
    gaps: list[Gap] = field(default_factory=list)

    def gaps_for(self, year: int, level: str | None = None, column: str | None = None) -> list[Problem]:
        """The problems of the gaps touching one figure (each once)."""
        return unique_problems([g.problem for g in self.gaps if g.touches(year, level, column)])

    def add_gap(self, problem: Problem, problems: list[Problem], **where: Any) -> None:
        """Record a problem and the hole it leaves."""
        problems.append(problem)
        self.gaps.append(Gap(problem, **where))


def find_table(config: ArchiveConfig, stem: str) -> Path | None:
    """content/data/<stem>.csv, .xlsx or .xls, whichever exists first."""
    for suffix in TABLE_SUFFIXES:
        path = config.data_dir / f"{stem}{suffix}"
        if path.is_file():
            return path
    return None


def read_table(config: ArchiveConfig, stem: str, problems: list[Problem]) -> Table | None:
    """Parse one table; each bad cell is a problem (and a gap in the figures it feeds)."""
    path = find_table(config, stem)
    if path is None:
        severity: Severity = "error" if stem in ESSENTIAL else "warning"
        problems.append(Problem(f"data/{stem}", severity, "stats.missing_table", {"table": stem}))
        return None
    source = path.relative_to(config.content_dir).as_posix()
    try:
        rows = _read_rows(path)
    except Exception as exc:  # an unreadable table is one problem, not a crash
        log.debug("cannot read %s: %s", path, exc)
        problems.append(Problem(source, "error", "stats.unreadable", {"file": source, "reason": str(exc)}))
        return None
    return _parse_table(stem, source, rows, problems, getattr(config, "school_year_rule", "start"))


def _read_rows(path: Path) -> list[list[Any]]:
    """All rows of a table (header first) as lists of raw cell values (the readers read every format)."""

    return readers.table_rows(path)


_UNIT_RE = re.compile(r"\s*[(（\[【]\s*(?P<unit>[^)）\]】]*)\s*[)）\]】]\s*$")


def parse_header(header: Any) -> tuple[str, float]:
    """A header cell -> (lookup key, factor): ``教学仪器设备值(万元)`` -> (``教学仪器设备值``, 10000)."""
    text = unicodedata.normalize("NFKC", "" if header is None else str(header)).strip()
    factor = 10000.0 if ("万元" in text or "10k yuan" in text.casefold()) else 1.0
    base = _UNIT_RE.sub("", text).strip()
    base = base.replace("万元", "").strip() if base.endswith("万元") else base
    return re.sub(r"[\s\-]+", "_", base.casefold()), factor


def _header_map(columns: tuple[Column, ...], header: list[Any]) -> dict[str, tuple[int, float]]:
    """field -> (column index, unit factor) for every header the table layout knows."""
    lookup = {re.sub(r"[\s\-]+", "_", unicodedata.normalize("NFKC", a).casefold()): c.field
              for c in columns for a in c.aliases}
    found: dict[str, tuple[int, float]] = {}
    for index, cell in enumerate(header):
        key, factor = parse_header(cell)
        name = lookup.get(key)
        if name and name not in found:
            found[name] = (index, factor)
    return found


def _parse_table(stem: str, source: str, rows: list[list[Any]], problems: list[Problem],
                 school_year_rule: str = "start") -> Table | None:
    """Header -> positions, then one record per non-empty row (bad cells become gaps)."""
    if not rows:
        problems.append(Problem(source, "error", "stats.empty_table", {"file": source}))
        return None
    layout = TABLES[stem]
    header = ["" if h is None else str(h).strip() for h in rows[0]]
    positions = _header_map(layout, header)
    missing = [c.aliases[0] for c in layout if c.required and c.field not in positions]
    if missing:
        problems.append(Problem(source, "error", "stats.missing_column", {
            "file": source, "columns": "、".join(missing), "found": "、".join(h for h in header if h)}))
        return None
    table = Table(stem=stem, source=source, fields=set(positions), records=[])
    kinds = {c.field: c.kind for c in layout}
    # Resource cells may be bad alone (that indicator loses the school); any other bad cell loses the row.
    optional = set(FIELDS) if stem == "school_stats" else set()
    for number, row in enumerate(rows[1:], start=2):
        if all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        _parse_row(table, row, number, header, positions, kinds, optional, problems, school_year_rule)
    return table


def _parse_row(table: Table, row: list[Any], number: int, header: list[str],
               positions: dict[str, tuple[int, float]], kinds: dict[str, str], optional: set[str],
               problems: list[Problem], school_year_rule: str) -> None:
    """One record into ``table.records`` (or ``dropped``), with a problem and a gap per bad cell."""
    record: dict[str, Any] = {"row": number}
    bad: list[tuple[str, Problem]] = []
    for name, (index, factor) in positions.items():
        raw = row[index] if index < len(row) else None
        try:
            record[name] = _parse_cell(raw, kinds[name], factor, name, school_year_rule)
        except CellError as exc:
            record[name] = None
            params = {"file": table.source, "row": number, "column": f"{header[index]} ({column_letter(index)})",
                      "value": "" if raw is None else str(raw).strip()}
            severity: Severity
            if exc.code == "stats.special_level":
                severity = "warning"
            else:
                severity = "error"
            code = exc.code
            if name in optional and code in ("stats.empty_cell", "stats.bad_number"):
                code = f"{code}_indicator"
            bad.append((name, Problem(table.source, severity, code, params)))
    whole_row = [(name, p) for name, p in bad if name not in optional]
    year, level = record.get("year"), record.get("level")
    for name, problem in bad:
        if name in optional:
            problem.params["school"] = str(record.get("school") or "")
            problem.params["year"] = year if year is not None else "-"
        fields = None if whole_row else frozenset({name})
        table.add_gap(problem, problems, year=year, level=level, fields=fields,
                      school=str(record.get("school") or ""))
    (table.dropped if whole_row else table.records).append(record)


class CellError(ValueError):
    """A cell that cannot be read; ``code`` is its catalogue key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _parse_cell(raw: Any, kind: str, factor: float, name: str, school_year_rule: str = "start") -> Any:
    """One cell's value by kind; CellError says why it is bad."""
    text = "" if raw is None else unicodedata.normalize("NFKC", str(raw)).strip()
    if text == "" or (isinstance(raw, float) and math.isnan(raw)):
        raise CellError("stats.no_students" if name == "students" else "stats.empty_cell")
    if kind == "text":
        return _integral_text(raw, text)
    if kind == "level":
        return _parse_level(text)
    if kind == "year":
        return parse_year(text, school_year_rule)
    number = _number(raw, text)
    if number < 0:
        raise CellError("stats.bad_number")
    if kind == "count":
        if not float(number).is_integer():
            raise CellError("stats.bad_number")
        if name == "students" and number == 0:
            raise CellError("stats.no_students")
        return int(number)
    return number * factor


_CALENDAR_YEAR_RE = re.compile(r"(\d{4})(?:\.0+)?\s*(?:年度?)?")


#: 2016-2017学年, 2016—2017学年度, 2016/2017, 2016～17学年, 2016至2017学年
_SCHOOL_YEAR_RE = re.compile(r"(\d{4})\s*年?\s*[-–—~～/／至到]\s*(\d{4}|\d{2})\s*年?\s*(?:学年度?|学年)?")


#: 2016学年, 2016学年度: the school year that starts in 2016
_ONE_SCHOOL_YEAR_RE = re.compile(r"(\d{4})\s*学年度?")


def parse_year(text: str, school_year_rule: str = "start") -> int:
    """A 年度 cell -> the archive year: 2016, 2016年, 2016年度, or a school year mapped by the rule.

    A school year (2016-2017学年, 2016学年, 2016/2017) counts for the year it starts in (rule
    ``start``, the default: the 教育事业统计 is taken at the start of the school year) or the year
    it ends in (``end``). CellError ``stats.bad_year`` or ``stats.bad_school_year`` otherwise.
    """
    text = unicodedata.normalize("NFKC", text).strip()
    match = _CALENDAR_YEAR_RE.fullmatch(text)
    if match:
        return _in_range(int(match.group(1)))
    match = _SCHOOL_YEAR_RE.fullmatch(text)
    if match:
        start, second = int(match.group(1)), match.group(2)
        end = int(second) if len(second) == 4 else start // 100 * 100 + int(second)
        if end != start + 1:
            raise CellError("stats.bad_school_year")
        return _in_range(start if school_year_rule == "start" else end)
    match = _ONE_SCHOOL_YEAR_RE.fullmatch(text)
    if match:
        start = int(match.group(1))
        return _in_range(start if school_year_rule == "start" else start + 1)
    raise CellError("stats.bad_year")


def _in_range(year: int) -> int:
    if not 1949 <= year <= 2100:
        raise CellError("stats.bad_year")
    return year


def _integral_text(raw: Any, text: str) -> str:
    """A name or code; an XLSX number like 36210001.0 back to ``36210001``."""
    if isinstance(raw, float) and raw.is_integer():
        return str(int(raw))
    return text


def _parse_level(text: str) -> str:
    level = LEVEL_ALIASES.get(text.casefold())
    if level:
        return level
    if text in COMBINED_LEVELS:
        raise CellError("stats.combined_level")
    if text.casefold() in SPECIAL_LEVELS:
        raise CellError("stats.special_level")
    raise CellError("stats.bad_level")


def _number(raw: Any, text: str) -> float:
    if isinstance(raw, bool):
        raise CellError("stats.bad_number")
    if isinstance(raw, (int, float)):
        if not math.isfinite(raw):
            raise CellError("stats.bad_number")
        return float(raw)
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise CellError("stats.bad_number") from None
    if not math.isfinite(value):
        raise CellError("stats.bad_number")
    return value


@dataclass
class Gap:
    """A known hole in a table that figures depend on; its problem says what is wrong and the fix.

    ``year`` / ``level`` None: the row's year or level could not be read, so every year or level
    may be touched. ``fields`` None: every column (the whole row is out); else only these.
    """

    problem: Problem
    year: int | None = None
    level: str | None = None
    fields: frozenset[str] | None = None
    school: str = ""

    def touches(self, year: int, level: str | None = None, column: str | None = None) -> bool:
        """Whether a figure of this year (level, column) is affected."""
        if self.year is not None and self.year != year:
            return False
        if level is not None and self.level is not None and self.level != level:
            return False
        return column is None or self.fields is None or column in self.fields


def unique_problems(problems: Sequence[Problem]) -> list[Problem]:
    """Problems in order, each object once (one problem may leave several gaps)."""
    return list({id(p): p for p in problems}.values())
