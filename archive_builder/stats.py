"""School statistics -> the balance indicators (差异系数) and the county's other numeric targets.

The only module that imports pandas (lazily, inside functions). Input tables live under
content/data/ as CSV (UTF-8, UTF-8 with BOM or GBK) or XLSX, with Chinese or English headers:

- ``school_stats``: one row per school, level and year; the raw quantities behind the indicators.
- ``classes``: class sizes; ``teacher_exchange``; ``consolidation``; ``satisfaction``.

The difference coefficient is student-weighted, as the assessment defines it: with school totals
Rᵢ and students nᵢ, xᵢ = Rᵢ/nᵢ, N = Σnᵢ, X̄ = ΣRᵢ/N, S = √(Σ(nᵢ/N)(xᵢ − X̄)²), CV = S/X̄.
"""

from __future__ import annotations

import csv
import io
import logging
import math
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ArchiveError
from .i18n import t, t_in
from .model import Problem
from .textio import column_letter

if TYPE_CHECKING:
    from .config import ArchiveConfig

log = logging.getLogger(__name__)

LEVELS = ("小学", "初中")
LEVEL_ALIASES = {
    "小学": "小学", "primary": "小学", "primary school": "小学",
    "初中": "初中", "junior": "初中", "junior secondary": "初中", "junior high": "初中", "middle": "初中",
}
COMBINED_LEVELS = ("九年一贯制", "完全中学", "十二年一贯制")
COMPOSITE = "综合差异系数"
DEFAULT_PROFILE = "basic-2012"
#: Per-pupil public funding floor a year (seed 000, 四(一)), yuan.
FUNDING_FLOOR = {"小学": 100, "初中": 142}
#: Schools under this many pupils are funded as if they had this many (seed 001).
SMALL_SCHOOL_SIZE = 100
LARGE_CLASS = 56  # 大班额: 56–65
VERY_LARGE_CLASS = 66  # 超大班额: 66 and more
EXCHANGE_TARGET = 0.10
BACKBONE_TARGET = 0.20
CONSOLIDATION_TARGET = 0.988
SATISFACTION_TARGET = 0.85
TOP_CONTRIBUTORS = 3
TABLE_SUFFIXES = (".csv", ".xlsx", ".xls")


# ---------------------------------------------------------------------------
# Table layouts


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


# ---------------------------------------------------------------------------
# Profiles


@dataclass(frozen=True)
class IndicatorDef:
    """One indicator: a raw column per student (per = 1) or per hundred students (per = 100)."""

    name: str
    column: str
    per: int = 1
    unit: str = ""


@dataclass(frozen=True)
class Profile:
    """A named indicator set with its thresholds per school level."""

    name: str
    title: str
    indicators: tuple[IndicatorDef, ...]
    composite_thresholds: dict[str, float] = field(default_factory=dict)
    indicator_thresholds: dict[str, float] = field(default_factory=dict)


def load_profiles() -> dict[str, Profile]:
    """The built-in profiles from defaults/profiles.yml."""
    import yaml

    text = resources.files("archive_builder").joinpath("defaults/profiles.yml").read_text("utf-8")
    return {name: _profile(name, raw) for name, raw in yaml.safe_load(text).items()}


def _profile(name: str, raw: dict[str, Any]) -> Profile:
    return Profile(
        name=name, title=str(raw.get("title", name)),
        indicators=tuple(IndicatorDef(**entry) for entry in raw["indicators"]),
        composite_thresholds={k: float(v) for k, v in (raw.get("composite_thresholds") or {}).items()},
        indicator_thresholds={k: float(v) for k, v in (raw.get("indicator_thresholds") or {}).items()},
    )


def get_profile(name: str | None) -> Profile:
    """The profile called ``name`` (None: the default); ArchiveError naming the known ones otherwise."""
    profiles = load_profiles()
    chosen = name or DEFAULT_PROFILE
    if chosen not in profiles:
        raise ArchiveError(t("stats.unknown_profile", profile=chosen, known=", ".join(sorted(profiles))))
    return profiles[chosen]


# ---------------------------------------------------------------------------
# The report


@dataclass
class BalanceRow:
    """One indicator's (or the composite's) difference coefficient for a year and level."""

    year: int
    level: str
    indicator: str
    cv: float | None
    threshold: float | None
    passed: bool | None
    mean: float | None = None  # X̄
    std: float | None = None  # S
    schools: int = 0
    students: int = 0
    unit: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year, "level": self.level, "indicator": self.indicator,
            "cv": _round(self.cv), "threshold": self.threshold, "pass": self.passed,
            "mean": _round(self.mean), "s": _round(self.std),
            "schools": self.schools, "students": self.students, "unit": self.unit,
        }


@dataclass
class SchoolValue:
    """One school's per-student value for an indicator, and its weighted term of S²."""

    year: int
    level: str
    indicator: str
    school: str
    school_id: str
    students: int
    value: float
    term: float  # (nᵢ/N)(xᵢ − X̄)²
    share: float  # term / S², the part of the spread this school causes

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("value", "term", "share"):
            data[key] = _round(data[key], 6)
        return data


@dataclass
class ClassSizeRow:
    """Class sizes of one school in one year (school "" and id "": the county total)."""

    year: int
    school: str
    school_id: str
    classes: int
    large: int  # 大班额 56–65
    very_large: int  # 超大班额 66+
    max_size: int

    @property
    def large_share(self) -> float:
        return self.large / self.classes if self.classes else 0.0

    @property
    def very_large_share(self) -> float:
        return self.very_large / self.classes if self.classes else 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["large_share"] = _round(self.large_share)
        data["very_large_share"] = _round(self.very_large_share)
        return data


@dataclass
class ExchangeRow:
    """Teacher exchange in one year: exchanged ÷ eligible, backbone/senior ÷ exchanged."""

    year: int
    eligible: int
    exchanged: int
    backbone: int
    rate: float | None
    backbone_share: float | None
    rate_threshold: float = EXCHANGE_TARGET
    backbone_threshold: float = BACKBONE_TARGET

    @property
    def rate_pass(self) -> bool | None:
        return None if self.rate is None else self.rate >= self.rate_threshold

    @property
    def backbone_pass(self) -> bool | None:
        return None if self.backbone_share is None else self.backbone_share >= self.backbone_threshold

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(rate=_round(self.rate), backbone_share=_round(self.backbone_share),
                    rate_pass=self.rate_pass, backbone_pass=self.backbone_pass)
        return data


@dataclass
class ConsolidationRow:
    """Consolidation rate (巩固率) of one year and level ("" when the table has no level)."""

    year: int
    level: str
    graduates: int
    intake: int
    transfers_in: int
    transfers_out: int
    rate: float | None  # capped at 1.0
    uncapped: float | None
    threshold: float = CONSOLIDATION_TARGET

    @property
    def passed(self) -> bool | None:
        return None if self.rate is None else self.rate >= self.threshold

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.update(rate=_round(self.rate), uncapped=_round(self.uncapped))
        data["pass"] = self.passed
        return data


@dataclass
class SatisfactionRow:
    """Public satisfaction in one year."""

    year: int
    respondents: int
    satisfied: int
    rate: float | None
    threshold: float = SATISFACTION_TARGET

    @property
    def passed(self) -> bool | None:
        return None if self.rate is None else self.rate >= self.threshold

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["rate"] = _round(self.rate)
        data["pass"] = self.passed
        return data


@dataclass
class SmallSchoolRow:
    """A school under 100 pupils in one year and the public funding owed to reach the 100-pupil floor."""

    year: int
    school: str
    school_id: str
    levels: str  # "小学", "初中" or "小学/初中"
    students: int
    floor_rate: float  # yuan per pupil a year (student-weighted over the school's levels)
    funding_actual: float  # students × rate
    funding_floor: float  # 100 × rate
    owed: float  # (100 − students) × rate

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for key in ("floor_rate", "funding_actual", "funding_floor", "owed"):
            data[key] = _round(data[key], 2)
        return data


@dataclass
class IndicatorReport:
    """Everything ``archive-builder indicators`` shows, computed once."""

    profile: str
    profile_title: str
    years: list[int] = field(default_factory=list)
    balance: list[BalanceRow] = field(default_factory=list)
    school_values: list[SchoolValue] = field(default_factory=list)
    class_sizes: list[ClassSizeRow] = field(default_factory=list)
    class_size_totals: list[ClassSizeRow] = field(default_factory=list)
    exchange: list[ExchangeRow] = field(default_factory=list)
    consolidation: list[ConsolidationRow] = field(default_factory=list)
    satisfaction: list[SatisfactionRow] = field(default_factory=list)
    small_schools: list[SmallSchoolRow] = field(default_factory=list)
    funding_floor: dict[str, int] = field(default_factory=lambda: dict(FUNDING_FLOOR))
    sources: dict[str, str] = field(default_factory=dict)  # table stem -> path relative to content/
    problems: list[Problem] = field(default_factory=list)

    @property
    def composites(self) -> list[BalanceRow]:
        return [row for row in self.balance if row.indicator == COMPOSITE]

    def contributors(self, top: int = TOP_CONTRIBUTORS) -> list[SchoolValue]:
        """Per year, level and indicator, the schools with the largest terms of S², largest first."""
        groups: dict[tuple[int, str, str], list[SchoolValue]] = {}
        for value in self.school_values:
            groups.setdefault((value.year, value.level, value.indicator), []).append(value)
        out: list[SchoolValue] = []
        for key in sorted(groups, key=lambda k: (k[0], LEVELS.index(k[1]) if k[1] in LEVELS else 9)):
            out.extend(sorted(groups[key], key=lambda v: -v.term)[:top])
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready form; ``balance`` rows carry year, level, indicator, cv, threshold and pass."""
        return {
            "profile": self.profile,
            "profile_title": self.profile_title,
            "years": list(self.years),
            "balance": [row.to_dict() for row in self.balance],
            "top_contributors": [value.to_dict() for value in self.contributors()],
            "school_values": [value.to_dict() for value in self.school_values],
            "class_size": [row.to_dict() for row in self.class_sizes],
            "class_size_totals": [row.to_dict() for row in self.class_size_totals],
            "teacher_exchange": [row.to_dict() for row in self.exchange],
            "consolidation": [row.to_dict() for row in self.consolidation],
            "satisfaction": [row.to_dict() for row in self.satisfaction],
            "small_schools": [row.to_dict() for row in self.small_schools],
            "funding_floor": {"per_pupil_yuan": dict(self.funding_floor), "school_size": SMALL_SCHOOL_SIZE},
            "sources": dict(self.sources),
            "problems": [p.to_dict() for p in self.problems],
        }


def _round(value: float | None, digits: int = 4) -> float | None:
    return None if value is None else round(float(value), digits)


# ---------------------------------------------------------------------------
# The formula


@dataclass
class Spread:
    """The weighted mean, standard deviation and coefficient of variation of per-student values."""

    mean: float
    std: float
    cv: float | None  # None when the mean is zero
    values: list[float]
    terms: list[float]


def difference_coefficient(students: Sequence[float], totals: Sequence[float]) -> Spread:
    """Student-weighted 差异系数 of school totals; students must all be positive."""
    if not students or len(students) != len(totals):
        raise ValueError("students and totals must be non-empty and of equal length")
    if any(n <= 0 for n in students):
        raise ValueError("every school needs a positive number of students")
    total_students = float(sum(students))
    mean = float(sum(totals)) / total_students
    values = [r / n for r, n in zip(totals, students)]
    terms = [(n / total_students) * (x - mean) ** 2 for n, x in zip(students, values)]
    std = math.sqrt(sum(terms))
    return Spread(mean=mean, std=std, cv=std / mean if mean else None, values=values, terms=terms)


# ---------------------------------------------------------------------------
# Reading tables


@dataclass
class Table:
    """The parsed records of one source table, with the fields its header offers."""

    stem: str
    source: str  # path relative to content/
    fields: set[str]
    records: list[dict[str, Any]]


def find_table(config: ArchiveConfig, stem: str) -> Path | None:
    """content/data/<stem>.csv, .xlsx or .xls, whichever exists first."""
    for suffix in TABLE_SUFFIXES:
        path = config.data_dir / f"{stem}{suffix}"
        if path.is_file():
            return path
    return None


def read_table(config: ArchiveConfig, stem: str, problems: list[Problem]) -> Table | None:
    """Parse one table; each bad cell is a problem and its row is skipped."""
    path = find_table(config, stem)
    if path is None:
        severity = "error" if stem in ESSENTIAL else "warning"
        problems.append(Problem(f"data/{stem}", severity, "stats.missing_table", {"table": stem}))
        return None
    source = path.relative_to(config.content_dir).as_posix()
    try:
        rows = _read_rows(path)
    except Exception as exc:  # noqa: BLE001 - an unreadable table is one problem, not a crash
        log.debug("cannot read %s: %s", path, exc)
        problems.append(Problem(source, "error", "stats.unreadable", {"file": source, "reason": str(exc)}))
        return None
    return _parse_table(stem, source, rows, problems)


def _read_rows(path: Path) -> list[list[Any]]:
    """All rows of a table (header first) as lists of raw cell values."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        workbook = load_workbook(path, read_only=True, data_only=True)
        try:
            return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]
        finally:
            workbook.close()
    if suffix == ".xls":
        import pandas as pd

        frame = pd.read_excel(path, header=None, dtype=object)
        return frame.where(frame.notna(), None).values.tolist()
    return list(csv.reader(io.StringIO(_decode(path.read_bytes()))))


def _decode(data: bytes) -> str:
    """CSV bytes -> text (UTF-8, UTF-8 with BOM, GBK/GB18030)."""
    try:
        from .textio import decode_bytes
    except ImportError:  # pragma: no cover - before textio existed
        return data.decode("utf-8-sig")
    text, _encoding = decode_bytes(data)
    return text.lstrip("\ufeff")


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


def _parse_table(stem: str, source: str, rows: list[list[Any]], problems: list[Problem]) -> Table | None:
    """Header -> positions, then one record per non-empty, valid row."""
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
    kinds = {c.field: c.kind for c in layout}
    records = []
    for number, row in enumerate(rows[1:], start=2):
        if all(cell is None or str(cell).strip() == "" for cell in row):
            continue
        record = _parse_row(row, number, header, positions, kinds, source, problems)
        if record is not None:
            records.append(record)
    return Table(stem=stem, source=source, fields=set(positions), records=records)


def _parse_row(row: list[Any], number: int, header: list[str], positions: dict[str, tuple[int, float]],
               kinds: dict[str, str], source: str, problems: list[Problem]) -> dict[str, Any] | None:
    """One record, or None (with a problem per bad cell) when any cell is bad."""
    record: dict[str, Any] = {"row": number}
    ok = True
    for name, (index, factor) in positions.items():
        raw = row[index] if index < len(row) else None
        try:
            record[name] = _parse_cell(raw, kinds[name], factor, name)
        except CellError as exc:
            problems.append(Problem(source, "error", exc.code, {
                "file": source, "row": number, "column": f"{header[index]} ({column_letter(index)})",
                "value": "" if raw is None else str(raw).strip(),
            }))
            ok = False
    return record if ok else None


class CellError(ValueError):
    """A cell that cannot be read; ``code`` is its catalogue key."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _parse_cell(raw: Any, kind: str, factor: float, name: str) -> Any:
    """One cell's value by kind; CellError says why it is bad."""
    text = "" if raw is None else unicodedata.normalize("NFKC", str(raw)).strip()
    if text == "" or (isinstance(raw, float) and math.isnan(raw)):
        raise CellError("stats.no_students" if name == "students" else "stats.empty_cell")
    if kind == "text":
        return _integral_text(raw, text)
    if kind == "level":
        return _parse_level(text)
    if kind == "year":
        match = re.fullmatch(r"(\d{4})(?:\.0+)?\s*年?(?:度)?", text)
        if not match or not 1949 <= int(match.group(1)) <= 2100:
            raise CellError("stats.bad_year")
        return int(match.group(1))
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
    raise CellError("stats.bad_level")


def _number(raw: Any, text: str) -> float:
    if isinstance(raw, bool):
        raise CellError("stats.bad_number")
    if isinstance(raw, (int, float)):
        return float(raw)
    try:
        value = float(text.replace(",", ""))
    except ValueError:
        raise CellError("stats.bad_number") from None
    if not math.isfinite(value):
        raise CellError("stats.bad_number")
    return value


# ---------------------------------------------------------------------------
# Schools


class _Schools:
    """Resolve a school cell (name or code) through the registry, when there is one."""

    def __init__(self, config: ArchiveConfig) -> None:
        self.registry = _load_registry(config)

    def resolve(self, cell: str) -> tuple[str, str, bool]:
        """(name, id, known) for a cell; unknown schools keep the cell as name and id."""
        if self.registry is None:
            return cell, cell, True
        school = self.registry.find(cell)
        if school is None:
            return cell, cell, not self.registry.schools
        return school.name, school.id, True


def _load_registry(config: ArchiveConfig) -> Any:
    """The school registry from schools.py, or a minimal one read from schools.csv here."""
    try:
        from .schools import load_schools
    except ImportError:  # pragma: no cover - before the registry module existed
        return _fallback_registry(config)
    return load_schools(config)


def _fallback_registry(config: ArchiveConfig) -> Any:  # pragma: no cover - see _load_registry
    """name/code lookup from schools.csv (学校名称, 学校代码)."""
    from types import SimpleNamespace

    from .config import norm_key

    path = config.data_dir / "schools.csv"
    if not path.is_file():
        return None
    rows = list(csv.DictReader(io.StringIO(_decode(path.read_bytes()))))
    schools = [SimpleNamespace(name=r.get("学校名称") or r.get("name"), id=r.get("学校代码") or r.get("id"))
               for r in rows]
    lookup = {norm_key(str(k)): s for s in schools for k in (s.id, s.name) if k}
    return SimpleNamespace(schools=schools, find=lambda cell: lookup.get(norm_key(str(cell))))


def _resolve_schools(table: Table, schools: _Schools, problems: list[Problem]) -> None:
    """Replace each record's school cell by the registry name and id; warn about unknown ones."""
    warned: set[str] = set()
    for record in table.records:
        name, school_id, known = schools.resolve(record["school"])
        if not known and record["school"] not in warned:
            warned.add(record["school"])
            problems.append(Problem(table.source, "warning", "stats.unknown_school",
                                    {"file": table.source, "row": record["row"], "school": record["school"]}))
        record["school"], record["school_id"] = name, school_id


def _drop_duplicates(table: Table, keys: tuple[str, ...], problems: list[Problem]) -> None:
    """Keep the first record of each key (year, school, level…); later ones are problems."""
    seen: dict[tuple[Any, ...], int] = {}
    kept = []
    for record in table.records:
        key = tuple(record.get(k) for k in keys)
        if key in seen:
            problems.append(Problem(table.source, "error", "stats.duplicate_row", {
                "file": table.source, "row": record["row"], "first_row": seen[key],
                "key": " / ".join(str(k) for k in key)}))
            continue
        seen[key] = record["row"]
        kept.append(record)
    table.records = kept


# ---------------------------------------------------------------------------
# The whole computation


def compute_indicators(config: ArchiveConfig, year: int | None = None, profile: str | None = None) -> IndicatorReport:
    """Read the statistics tables and compute every indicator section, for one year or all."""
    chosen = get_profile(profile or getattr(config, "indicator_profile", None))
    report = IndicatorReport(profile=chosen.name, profile_title=chosen.title)
    problems = report.problems
    # Gather: read every table, each bad cell a problem.
    tables = {stem: read_table(config, stem, problems) for stem in TABLES}
    report.sources = {stem: tb.source for stem, tb in tables.items() if tb is not None}
    for tb in tables.values():
        if tb is not None and year is not None:
            tb.records = [r for r in tb.records if r["year"] == year]
    # Resolve school names and codes through the registry, then drop duplicate rows.
    schools = _Schools(config)
    for stem in ("school_stats", "classes"):
        if tables[stem] is not None:
            _resolve_schools(tables[stem], schools, problems)
    if tables["school_stats"] is not None:
        _drop_duplicates(tables["school_stats"], ("year", "school_id", "level"), problems)
    # Compute each section from its table.
    stats = tables["school_stats"]
    if stats is not None:
        report.balance, report.school_values = _balance(stats, chosen, problems)
        report.small_schools = _small_schools(stats)
    if tables["classes"] is not None:
        report.class_sizes, report.class_size_totals = _class_sizes(tables["classes"])
    if tables["teacher_exchange"] is not None:
        report.exchange = _exchange(tables["teacher_exchange"], problems)
    if tables["consolidation"] is not None:
        report.consolidation = _consolidation(tables["consolidation"], problems)
    if tables["satisfaction"] is not None:
        report.satisfaction = _satisfaction(tables["satisfaction"], problems)
    report.years = sorted({row.year for row in report.balance})
    return report


def _frame(records: list[dict[str, Any]]) -> Any:
    """Records -> a pandas DataFrame (the one place tables become frames)."""
    import pandas as pd

    return pd.DataFrame.from_records(records)


def _level_order(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def _balance(table: Table, profile: Profile, problems: list[Problem]) -> tuple[list[BalanceRow], list[SchoolValue]]:
    """Each indicator's CV per year and level, then the composite row."""
    frame = _frame(table.records)
    rows: list[BalanceRow] = []
    values: list[SchoolValue] = []
    if frame.empty:
        return rows, values
    groups = sorted(frame.groupby(["year", "level"]), key=lambda g: (g[0][0], _level_order(g[0][1])))
    for (year, level), group in groups:
        per_indicator = []
        for indicator in profile.indicators:
            row, school_values = _indicator_row(int(year), str(level), indicator, group, table, profile, problems)
            per_indicator.append(row)
            values.extend(school_values)
        rows.extend(per_indicator)
        rows.append(_composite_row(int(year), str(level), per_indicator, profile, group))
    return rows, values


def _indicator_row(year: int, level: str, indicator: IndicatorDef, group: Any, table: Table,
                   profile: Profile, problems: list[Problem]) -> tuple[BalanceRow, list[SchoolValue]]:
    """One indicator's CV for one year and level, with every school's value and term."""
    threshold = profile.indicator_thresholds.get(level)
    students = [int(n) for n in group["students"]]
    base = BalanceRow(year, level, indicator.name, None, threshold, None,
                      schools=len(group), students=sum(students), unit=indicator.unit)
    if indicator.column not in table.fields:
        return base, []
    totals = [float(r) * indicator.per for r in group[indicator.column]]
    spread = difference_coefficient(students, totals)
    if spread.cv is None:
        problems.append(Problem(table.source, "warning", "stats.zero_mean",
                                {"file": table.source, "indicator": indicator.name, "year": year, "level": level}))
    base.cv, base.mean, base.std = spread.cv, spread.mean, spread.std
    base.passed = None if (threshold is None or spread.cv is None) else spread.cv <= threshold
    variance = spread.std ** 2
    school_values = [
        SchoolValue(year, level, indicator.name, str(name), str(sid), int(n), x, term,
                    term / variance if variance else 0.0)
        for name, sid, n, x, term in zip(group["school"], group["school_id"], students, spread.values, spread.terms)
    ]
    return base, school_values


def _composite_row(year: int, level: str, rows: list[BalanceRow], profile: Profile, group: Any) -> BalanceRow:
    """The plain mean of the CVs; known only when every indicator has a value."""
    cvs = [row.cv for row in rows]
    cv = None if any(c is None for c in cvs) else sum(cvs) / len(cvs)  # type: ignore[arg-type]
    threshold = profile.composite_thresholds.get(level)
    if threshold is not None:
        passed = None if cv is None else cv <= threshold
    else:  # a profile that judges every single indicator passes only when all of them do
        verdicts = [row.passed for row in rows]
        passed = None if any(v is None for v in verdicts) else all(verdicts)
    return BalanceRow(year, level, COMPOSITE, cv, threshold, passed,
                      schools=len(group), students=int(group["students"].sum()))


def _small_schools(table: Table) -> list[SmallSchoolRow]:
    """Schools with fewer than 100 pupils (all levels together) and the funding owed at the floor."""
    frame = _frame(table.records)
    out: list[SmallSchoolRow] = []
    if frame.empty:
        return out
    for (year, school_id), group in frame.groupby(["year", "school_id"], sort=True):
        students = int(group["students"].sum())
        if students >= SMALL_SCHOOL_SIZE:
            continue
        levels = sorted(set(group["level"]), key=_level_order)
        rate = sum(FUNDING_FLOOR[lv] * n for lv, n in zip(group["level"], group["students"])) / students
        out.append(SmallSchoolRow(
            year=int(year), school=str(group["school"].iloc[0]), school_id=str(school_id),
            levels="/".join(levels), students=students, floor_rate=rate,
            funding_actual=students * rate, funding_floor=SMALL_SCHOOL_SIZE * rate,
            owed=(SMALL_SCHOOL_SIZE - students) * rate,
        ))
    return out


def _class_sizes(table: Table) -> tuple[list[ClassSizeRow], list[ClassSizeRow]]:
    """Per school and year (and per year for the county): classes of 56–65 and of 66+."""
    frame = _frame(table.records)
    if frame.empty:
        return [], []
    frame["large"] = frame["students"].between(LARGE_CLASS, VERY_LARGE_CLASS - 1)
    frame["very_large"] = frame["students"] >= VERY_LARGE_CLASS

    def row(year: Any, school: str, school_id: str, group: Any) -> ClassSizeRow:
        return ClassSizeRow(int(year), school, school_id, len(group), int(group["large"].sum()),
                            int(group["very_large"].sum()), int(group["students"].max()))

    per_school = [row(year, str(group["school"].iloc[0]), str(sid), group)
                  for (year, sid), group in frame.groupby(["year", "school_id"], sort=True)]
    totals = [row(year, "", "", group) for year, group in frame.groupby("year", sort=True)]
    return per_school, totals


def _ratio(numerator: int, denominator: int, table: Table, what: str, year: int,
           problems: list[Problem]) -> float | None:
    """numerator ÷ denominator, or None with a problem when the denominator is not positive."""
    if denominator > 0:
        return numerator / denominator
    problems.append(Problem(table.source, "warning", "stats.zero_denominator",
                            {"file": table.source, "what": what, "year": year}))
    return None


def _exchange(table: Table, problems: list[Problem]) -> list[ExchangeRow]:
    """Teacher exchange per year: exchanged ÷ eligible (≥ 10 %), backbone ÷ exchanged (≥ 20 %)."""
    frame = _frame(table.records)
    out = []
    if frame.empty:
        return out
    for year, sums in frame.groupby("year", sort=True)[["eligible", "exchanged", "backbone"]].sum().iterrows():
        eligible, exchanged, backbone = (int(sums[k]) for k in ("eligible", "exchanged", "backbone"))
        out.append(ExchangeRow(
            int(year), eligible, exchanged, backbone,
            rate=_ratio(exchanged, eligible, table, "应交流教师数", int(year), problems),
            backbone_share=_ratio(backbone, exchanged, table, "实际交流教师数", int(year), problems),
        ))
    return out


def _consolidation(table: Table, problems: list[Problem]) -> list[ConsolidationRow]:
    """Graduates ÷ (intake + transfers in − transfers out), capped at 100 %, per year and level."""
    frame = _frame(table.records)
    out = []
    if frame.empty:
        return out
    if "level" not in frame:
        frame["level"] = ""
    columns = ["graduates", "intake", "transfers_in", "transfers_out"]
    sums = frame.groupby(["year", "level"], sort=False)[columns].sum()
    for (year, level), row in sorted(sums.iterrows(), key=lambda r: (r[0][0], _level_order(r[0][1]))):
        counts = {k: int(row[k]) for k in columns}
        base = counts["intake"] + counts["transfers_in"] - counts["transfers_out"]
        raw = _ratio(counts["graduates"], base, table, "入学时人数 + 转入人数 − 转出人数", int(year), problems)
        out.append(ConsolidationRow(int(year), str(level), **counts,
                                    rate=None if raw is None else min(raw, 1.0), uncapped=raw))
    return out


def _satisfaction(table: Table, problems: list[Problem]) -> list[SatisfactionRow]:
    """Satisfied ÷ respondents per year (≥ 85 %)."""
    frame = _frame(table.records)
    out = []
    if frame.empty:
        return out
    for year, sums in frame.groupby("year", sort=True)[["respondents", "satisfied"]].sum().iterrows():
        respondents, satisfied = int(sums["respondents"]), int(sums["satisfied"])
        if satisfied > respondents:
            problems.append(Problem(table.source, "error", "stats.more_satisfied_than_asked",
                                    {"file": table.source, "year": int(year)}))
            continue
        rate = _ratio(satisfied, respondents, table, "调查人数", int(year), problems)
        out.append(SatisfactionRow(int(year), respondents, satisfied, rate))
    return out


# ---------------------------------------------------------------------------
# The workbook (--output FILE.xlsx): one sheet per section, Chinese headers

_SHEETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("差异系数", ("年度", "学段", "指标", "全县值X̄", "标准差S", "差异系数", "标准", "是否达标", "学校数", "学生数")),
    ("拉大差距的学校", ("年度", "学段", "指标", "学校", "学校代码", "学生数", "本校值", "占方差比例")),
    ("各校指标值", ("年度", "学段", "指标", "学校", "学校代码", "学生数", "本校值", "加权离差平方")),
    ("班额", ("年度", "学校", "学校代码", "班级数", "大班额(56-65人)", "超大班额(66人及以上)", "大班额占比",
              "超大班额占比", "最大班额")),
    ("教师交流", ("年度", "应交流教师数", "实际交流教师数", "其中骨干及中高级教师数", "交流比例", "交流达标(≥10%)",
                  "骨干及中高级占比", "骨干达标(≥20%)")),
    ("巩固率", ("年度", "学段", "毕业人数", "入学时人数", "转入人数", "转出人数", "巩固率", "是否达标(≥98.8%)")),
    ("满意度", ("年度", "调查人数", "满意人数", "满意度", "是否达标(≥85%)")),
    ("不足100人学校", ("年度", "学校", "学校代码", "学段", "学生数", "生均公用经费标准(元)", "按实际人数(元)",
                       "按100人核定(元)", "应补足(元)")),
    ("问题", ("文件", "级别", "问题", "处理办法")),
)


def _verdict(value: bool | None, judged: bool = True) -> str:
    if not judged:
        return "不单独评判"
    return {True: "达标", False: "未达标", None: "无数据"}[value]


def _sheet_rows(report: IndicatorReport) -> list[list[list[Any]]]:
    """The rows of each sheet of _SHEETS, in order."""
    county = "全县"
    return [
        [[r.year, r.level, r.indicator, r.mean, r.std, r.cv, r.threshold,
          _verdict(r.passed, judged=r.threshold is not None or r.cv is None), r.schools, r.students]
         for r in report.balance],
        [[v.year, v.level, v.indicator, v.school, v.school_id, v.students, v.value, v.share]
         for v in report.contributors()],
        [[v.year, v.level, v.indicator, v.school, v.school_id, v.students, v.value, v.term]
         for v in report.school_values],
        [[r.year, r.school or county, r.school_id, r.classes, r.large, r.very_large, r.large_share,
          r.very_large_share, r.max_size] for r in [*report.class_sizes, *report.class_size_totals]],
        [[r.year, r.eligible, r.exchanged, r.backbone, r.rate, _verdict(r.rate_pass), r.backbone_share,
          _verdict(r.backbone_pass)] for r in report.exchange],
        [[r.year, r.level, r.graduates, r.intake, r.transfers_in, r.transfers_out, r.rate, _verdict(r.passed)]
         for r in report.consolidation],
        [[r.year, r.respondents, r.satisfied, r.rate, _verdict(r.passed)] for r in report.satisfaction],
        [[r.year, r.school, r.school_id, r.levels, r.students, r.floor_rate, r.funding_actual, r.funding_floor,
          r.owed] for r in report.small_schools]
        + [[f"公用经费标准：小学每生每年 {report.funding_floor['小学']} 元，初中每生每年 {report.funding_floor['初中']} 元；"
            f"不足 {SMALL_SCHOOL_SIZE} 人的学校按 {SMALL_SCHOOL_SIZE} 人核定。"]],
        [[p.path, t_in("zh", f"severity.{p.severity}"), t_in("zh", p.code, **p.params),
          t_in("zh", f"{p.code}.hint", **p.params)] for p in report.problems],
    ]


def report_workbook(report: IndicatorReport) -> bytes:
    """The whole report as .xlsx bytes, one sheet per section with Chinese headers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    from .reports.cells import append_row

    workbook = Workbook()
    workbook.remove(workbook.active)
    for (title, header), rows in zip(_SHEETS, _sheet_rows(report)):
        sheet = workbook.create_sheet(title)
        sheet.append(list(header))
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            append_row(sheet, [_round(v, 6) if isinstance(v, float) else v for v in row])
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
