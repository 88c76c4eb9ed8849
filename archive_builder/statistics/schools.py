"""The school registry: content/data/schools.csv or .xlsx, Chinese or English headers."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from archive_builder.core.config import norm_key
from archive_builder.core.model import Problem
from archive_builder.core.privacy import mask_text
from archive_builder.core.textio import column_letter
from archive_builder.inventory import readers

if TYPE_CHECKING:
    from archive_builder.core.config import ArchiveConfig

log = logging.getLogger(__name__)

LEVELS = ("小学", "初中", "九年一贯制", "教学点", "特殊教育")
REGISTRY_NAMES = ("schools.csv", "schools.xlsx")
#: header (Chinese or English, case-folded) -> field
HEADERS = {
    "学校名称": "name", "学校": "name", "name": "name",
    "学校代码": "id", "代码": "id", "id": "id", "code": "id",
    "学段": "level", "level": "level",
    "乡镇": "township", "township": "township",
    "寄宿": "boarding", "是否寄宿": "boarding", "boarding": "boarding",
    "学生数": "students", "students": "students",
    "班级数": "classes", "classes": "classes",
    "食堂": "canteen", "有食堂": "canteen", "canteen": "canteen",
    "开办年度": "opened", "开办年份": "opened", "建校年份": "opened", "opened": "opened",
    "停办年度": "closed", "撤并年度": "closed", "停办年份": "closed", "closed": "closed",
}
REQUIRED = ("name", "id", "level")
_TRUE = {"是", "有", "y", "yes", "true", "1", "寄宿"}
_FALSE = {"否", "无", "n", "no", "false", "0", "非寄宿", ""}


@dataclass(frozen=True)
class School:
    """One school of the county."""

    name: str
    id: str
    level: str
    township: str = ""
    boarding: bool = False
    students: int | None = None
    classes: int | None = None
    row: int = 0  # row in the source table (header is row 1)
    canteen_stated: bool | None = None  # 食堂 as the registry states it (None: no 食堂 column)
    written: tuple[str, ...] = ()  # the name and id as the registry wrote them, when masking changed them
    opened: int | None = None  # 开办年度: the first year the school existed
    closed: int | None = None  # 停办年度: the year it stopped (it does not exist that year or later)

    @property
    def canteen(self) -> bool:
        """Whether the school runs a canteen: the 食堂 column, else every boarding school does (十有)."""
        return self.boarding if self.canteen_stated is None else self.canteen_stated

    def open_in(self, year: int) -> bool:
        """Whether the school existed in a year."""
        return (self.opened is None or self.opened <= year) and (self.closed is None or year < self.closed)

    def value(self, field_name: str) -> Any:
        """A field by name, for per_school filters."""
        return getattr(self, field_name)


@dataclass
class SchoolRegistry:
    """All schools, and the problems met while reading them."""

    schools: list[School] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    source: str | None = None  # path relative to content/
    yearly: Any = None  # registers.YearlySchools: schools the statistics name year by year (set by the check)
    _lookup: dict[str, School] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.reindex()

    def reindex(self) -> None:
        """Rebuild the name/id lookup after the list changed."""
        self._lookup = {}
        for school in self.schools:
            for key in (school.id, school.name, *school.written):  # found by what documents and tables write
                self._lookup.setdefault(norm_key(key), school)

    def find(self, name_or_id: Any) -> School | None:
        """The school with this id (学校代码) or name, or None."""
        if name_or_id is None:
            return None
        return self._lookup.get(norm_key(str(name_or_id)))

    def by_id(self, school_id: str) -> School | None:
        """The school with exactly this id."""
        return next((s for s in self.schools if s.id == school_id), None)


def parse_bool(value: Any) -> bool | None:
    """是/否, yes/no, true/false, 1/0 -> bool; None when it is none of these."""
    if isinstance(value, bool):
        return value
    text = norm_key("" if value is None else str(value))
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    return None


def registry_path(config: ArchiveConfig) -> Path | None:
    """The registry file of an archive, if there is one."""
    return next((config.data_dir / n for n in REGISTRY_NAMES if (config.data_dir / n).is_file()), None)


def load_schools(config: ArchiveConfig) -> SchoolRegistry:
    """Read the school registry; bad cells become problems naming file, row and column."""
    path = registry_path(config)
    if path is None:
        return SchoolRegistry()
    source = path.relative_to(config.content_dir).as_posix()
    problems: list[Problem] = []
    rows = _read_rows(path, source, problems)
    schools = _parse_rows(rows, source, problems) if rows else []
    return SchoolRegistry(schools=schools, problems=problems, source=source)


def _read_rows(path: Path, source: str, problems: list[Problem]) -> list[list[Any]]:
    """All rows of the table as lists of cell values (header first); an unreadable file is one problem."""
    try:
        return readers.table_rows(path)  # the one reader of data tables, as the statistics read theirs
    except Exception as exc:  # any unreadable file is one problem, not a crash
        log.debug("cannot read %s: %s", path, exc)
        problems.append(Problem(source, "error", "schools.unreadable", {"file": source, "reason": str(exc)}))
        return []


def _parse_rows(rows: list[list[Any]], source: str, problems: list[Problem]) -> list[School]:
    """Header row -> field positions, then one School per non-empty row."""
    header = ["" if h is None else str(h).strip() for h in rows[0]]
    columns: dict[str, int] = {}
    for index, name in enumerate(header):
        known = HEADERS.get(norm_key(name))
        if known:
            columns.setdefault(known, index)
    missing = [f for f in REQUIRED if f not in columns]
    if missing:
        problems.append(Problem(source, "error", "schools.missing_column",
                                {"file": source, "columns": ", ".join(missing), "found": ", ".join(header)}))
        return []
    schools: list[School] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows[1:], start=2):
        if all(c is None or str(c).strip() == "" for c in row):
            continue
        school = _parse_row(row, number, header, columns, source, problems)
        if school is None:
            continue
        for key in {norm_key(school.id), norm_key(school.name)}:
            if key in seen:
                problems.append(Problem(source, "error", "schools.duplicate",
                                        {"file": source, "row": number, "value": key, "first_row": seen[key]}))
            seen.setdefault(key, number)
        schools.append(school)
    return schools


def _parse_row(row: list[Any], number: int, header: list[str], columns: dict[str, int],
               source: str, problems: list[Problem]) -> School | None:
    """One School, with a problem for each bad cell."""

    def cell(name: str) -> str:
        index = columns.get(name)
        value = row[index] if index is not None and index < len(row) else None
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        return "" if value is None else str(value).strip()

    def bad(name: str, code: str, value: str) -> None:
        index = columns[name]
        problems.append(Problem(source, "error", code, {
            "file": source, "row": number, "column": f"{header[index]} ({column_letter(index)})", "value": value,
        }))

    name, school_id, level = cell("name"), cell("id"), cell("level")
    if not name:
        bad("name", "schools.empty_cell", name)
        return None
    if not school_id:
        bad("id", "schools.empty_cell", school_id)
        school_id = name
    if level not in LEVELS:
        bad("level", "schools.bad_level", level)
    boarding = parse_bool(cell("boarding")) if "boarding" in columns else False
    if boarding is None:
        bad("boarding", "schools.bad_bool", cell("boarding"))
    canteen = parse_bool(cell("canteen")) if cell("canteen") else None  # empty: as a boarding school would be
    if cell("canteen") and canteen is None:
        bad("canteen", "schools.bad_bool", cell("canteen"))
    numbers: dict[str, int | None] = {}
    for key in ("students", "classes", "opened", "closed"):
        text = cell(key)
        numbers[key] = _whole_number(text)
        if text and numbers[key] is None:
            bad(key, "schools.bad_number", text)
    for key in ("opened", "closed"):
        year = numbers[key]
        if year is not None and not 1949 <= year <= 2100:
            bad(key, "schools.bad_year", cell(key))
            numbers[key] = None
    # a personal number typed into a name or code (the head's mobile) is masked here, once, for every output;
    # the school is still found by what was written
    shown_name, shown_id = mask_text(name)[0], mask_text(school_id)[0]
    written = tuple(value for value, shown in ((name, shown_name), (school_id, shown_id)) if value != shown)
    return School(name=shown_name, id=shown_id, level=level, township=mask_text(cell("township"))[0],
                  boarding=bool(boarding), row=number, canteen_stated=canteen, written=written, **numbers)


def _whole_number(text: str) -> int | None:
    """The whole number ``text`` spells in digits, else None.

    ``str.isdigit`` also takes superscripts (``²``) that ``int`` refuses, and ``int`` refuses more digits
    than Python converts (4,300): either is a bad cell of its own row, never a stop of the run.
    """
    if not text.isdigit():
        return None
    try:
        return int(text)
    except ValueError:
        return None
