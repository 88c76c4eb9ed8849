"""School statistics -> the balance indicators (差异系数) and the county's other numeric targets.

The only module that imports pandas (lazily, inside functions). Input tables live under
content/data/ as CSV (UTF-8, UTF-8 with BOM or GBK) or XLSX, with Chinese or English headers:

- ``school_stats``: one row per school, level and year; the raw quantities behind the indicators.
- ``classes``: class sizes; ``teacher_exchange``; ``consolidation``; ``satisfaction``.

The difference coefficient is student-weighted, as the assessment defines it: with school totals
Rᵢ and students nᵢ, xᵢ = Rᵢ/nᵢ, N = Σnᵢ, X̄ = ΣRᵢ/N, S = √(Σ(nᵢ/N)(xᵢ − X̄)²), CV = S/X̄.

Nothing is left out silently (docs/checklists.md, "统计表的规则"). Against the school registry, every
school must have its rows every archive year: a 小学 or 初中 one row of its level, a 九年一贯制 school
one 小学 and one 初中 row (its two parts, split), a 教学点 one 小学 row of its own; a 特殊教育 school none
(special schools are not part of the coefficients). A school missing from a year, a row whose level
contradicts the registry, a missing indicator column, an empty or bad cell (which leaves the school
out of the indicators using that column only), zero pupils: each is a problem naming file, row and
fix, and every figure it touches is marked incomplete (``gaps``) and is not judged. A school year
written as ``2016-2017学年``, ``2016学年`` or ``2016/2017`` counts for the archive year it starts in
(``statistics.school_year`` in archive.yml). Figures keep full precision; only displays round.
"""

from __future__ import annotations

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

from archive_builder.core.cells import append_row
from archive_builder.core.errors import ArchiveError, message
from archive_builder.core.i18n import t, t_in
from archive_builder.core.model import Problem, Severity
from archive_builder.core.textio import column_letter
from archive_builder.inventory import readers
from archive_builder.statistics.schools import load_schools

if TYPE_CHECKING:
    from archive_builder.core.config import ArchiveConfig, FundingRules

log = logging.getLogger(__name__)

LEVELS = ("小学", "初中")
#: A 教学点 counts as a 小学 of its own (its own row, its own pupils and resources).
LEVEL_ALIASES = {
    "小学": "小学", "primary": "小学", "primary school": "小学", "教学点": "小学", "teaching point": "小学",
    "初中": "初中", "junior": "初中", "junior secondary": "初中", "junior high": "初中", "middle": "初中",
}
COMBINED_LEVELS = ("九年一贯制", "完全中学", "十二年一贯制")
SPECIAL_LEVELS = ("特殊教育", "特殊教育学校", "特教", "special", "special education")
#: The statistics rows each registered level needs every year it is open (see the module docstring).
EXPECTED_LEVELS: dict[str, tuple[str, ...]] = {
    "小学": ("小学",), "初中": ("初中",), "九年一贯制": ("小学", "初中"), "教学点": ("小学",), "特殊教育": (),
}
SPECIAL_REGISTRY_LEVEL = "特殊教育"
COMPOSITE = "综合差异系数"
DEFAULT_PROFILE = "basic-2012"
LARGE_CLASS = 56  # 大班额: 56–65
VERY_LARGE_CLASS = 66  # 超大班额: 66 and more
EXCHANGE_TARGET = 0.10
BACKBONE_TARGET = 0.20
CONSOLIDATION_TARGET = 0.988
SATISFACTION_TARGET = 0.85
TOP_CONTRIBUTORS = 3
TABLE_SUFFIXES = (".csv", ".xlsx", ".xls")
#: Tables that need rows for every archive year (satisfaction surveys are not yearly).
YEARLY_TABLES = ("school_stats", "classes", "teacher_exchange", "consolidation")


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
        raise ArchiveError(message("stats.unknown_profile", profile=chosen, known=", ".join(sorted(profiles))))
    return profiles[chosen]


# ---------------------------------------------------------------------------
# The report


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


def _unique(problems: Sequence[Problem]) -> list[Problem]:
    """Problems in order, each object once (one problem may leave several gaps)."""
    return list({id(p): p for p in problems}.values())


def _gap_refs(gaps: Sequence[Problem]) -> list[dict[str, Any]]:
    """What JSON says about the problems behind an incomplete figure (code, file, row)."""
    return [{"code": p.code, "path": p.shown_path, "row": p.params.get("row"), "school": p.params.get("school")}
            for p in gaps]


@dataclass
class BalanceRow:
    """One indicator's (or the composite's) difference coefficient for a year and level.

    ``gaps``: the problems that touch this figure (a school left out, a column missing …); a figure
    with gaps is not judged (``passed`` None) however its value compares with the threshold.
    """

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
    gaps: list[Problem] = field(default_factory=list)
    left_out: list[str] = field(default_factory=list)  # schools of the year and level not in this figure

    @property
    def complete(self) -> bool:
        return not self.gaps

    def to_dict(self) -> dict[str, Any]:
        return {
            "year": self.year, "level": self.level, "indicator": self.indicator,
            "cv": self.cv, "threshold": self.threshold, "pass": self.passed,
            "mean": self.mean, "s": self.std,
            "schools": self.schools, "students": self.students, "unit": self.unit,
            "complete": self.complete, "left_out": list(self.left_out), "gaps": _gap_refs(self.gaps),
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
        return asdict(self)


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
    gaps: list[Problem] = field(default_factory=list)

    @property
    def large_share(self) -> float:
        return self.large / self.classes if self.classes else 0.0

    @property
    def very_large_share(self) -> float:
        return self.very_large / self.classes if self.classes else 0.0

    @property
    def complete(self) -> bool:
        return not self.gaps

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k != "gaps"}
        data.update(large_share=self.large_share, very_large_share=self.very_large_share,
                    complete=self.complete, gaps=_gap_refs(self.gaps))
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
    gaps: list[Problem] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.gaps

    @property
    def rate_pass(self) -> bool | None:
        return None if self.rate is None or self.gaps else self.rate >= self.rate_threshold

    @property
    def backbone_pass(self) -> bool | None:
        return None if self.backbone_share is None or self.gaps else self.backbone_share >= self.backbone_threshold

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k != "gaps"}
        data.update(rate_pass=self.rate_pass, backbone_pass=self.backbone_pass, complete=self.complete,
                    gaps=_gap_refs(self.gaps))
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
    gaps: list[Problem] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.gaps

    @property
    def passed(self) -> bool | None:
        return None if self.rate is None or self.gaps else self.rate >= self.threshold

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k != "gaps"}
        data.update({"pass": self.passed, "complete": self.complete, "gaps": _gap_refs(self.gaps)})
        return data


@dataclass
class SatisfactionRow:
    """Public satisfaction in one year."""

    year: int
    respondents: int
    satisfied: int
    rate: float | None
    threshold: float = SATISFACTION_TARGET
    gaps: list[Problem] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.gaps

    @property
    def passed(self) -> bool | None:
        return None if self.rate is None or self.gaps else self.rate >= self.threshold

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k != "gaps"}
        data.update({"pass": self.passed, "complete": self.complete, "gaps": _gap_refs(self.gaps)})
        return data


@dataclass
class SmallSchoolRow:
    """A school under the small-school size in one year, funded at the benchmark as if it had that size."""

    year: int
    school: str
    school_id: str
    levels: str  # "小学", "初中" or "小学/初中"
    students: int
    rate: float  # benchmark yuan per pupil a year (student-weighted over the school's levels)
    funding_actual: float  # students × rate
    funding_floor: float  # size × rate
    owed: float  # (size − students) × rate
    size: int = 100
    source: str = ""  # where the benchmark comes from

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
    funding: dict[str, Any] = field(default_factory=dict)  # FundingRules.to_dict(): values and sources
    school_year_rule: str = "start"
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
        """JSON-ready form at full precision; ``balance`` rows carry year, level, indicator, cv, threshold and pass."""
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
            "funding": dict(self.funding),
            "school_year_rule": self.school_year_rule,
            "sources": dict(self.sources),
            "problems": [p.to_dict() for p in self.problems],
        }


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
        return _unique([g.problem for g in self.gaps if g.touches(year, level, column)])

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


# ---------------------------------------------------------------------------
# Schools


class _Schools:
    """Resolve a school cell (name or code) through the registry, when there is one."""

    def __init__(self, config: ArchiveConfig) -> None:

        registry = load_schools(config)
        self.registry = registry if registry.source is not None else None

    @property
    def schools(self) -> list[Any]:
        return list(self.registry.schools) if self.registry is not None else []

    def resolve(self, cell: str) -> tuple[str, str, Any]:
        """(name, id, registered school or None); without a registry the cell is name and id."""
        if self.registry is None:
            return cell, cell, None
        school = self.registry.find(cell)
        if school is None:
            return cell, cell, None
        return school.name, school.id, school


def _resolve_schools(table: Table, schools: _Schools, problems: list[Problem]) -> None:
    """Replace each record's school cell by the registry name and id; a school it does not know is an error."""
    warned: set[str] = set()
    for record in [*table.records, *table.dropped]:
        if record.get("school") is None:
            continue
        name, school_id, known = schools.resolve(record["school"])
        record["school"], record["school_id"], record["_registered"] = name, school_id, known
        if known is None and schools.registry is not None and record in table.records:
            problem = Problem(table.source, "error", "stats.unknown_school",
                              {"file": table.source, "row": record["row"], "school": name,
                               "registry": schools.registry.source})
            if name in warned:  # one problem per school; every row of it is still a gap
                table.gaps.append(Gap(problem, record.get("year"), record.get("level"), None, name))
                continue
            warned.add(name)
            table.add_gap(problem, problems, year=record.get("year"), level=record.get("level"), school=name)


def _check_levels(table: Table, problems: list[Problem]) -> None:
    """A row whose level contradicts the registry is left out (a special school entered as 小学 …)."""
    kept = []
    for record in table.records:
        school = record.get("_registered")
        if school is None or record["level"] in EXPECTED_LEVELS.get(school.level, (record["level"],)):
            kept.append(record)
            continue
        code = "stats.special_school_row" if school.level == SPECIAL_REGISTRY_LEVEL else "stats.level_mismatch"
        table.add_gap(Problem(table.source, "error", code, {
            "file": table.source, "row": record["row"], "school": school.name, "level": record["level"],
            "registered": school.level, "registry_row": school.row,
            "expected": "、".join(EXPECTED_LEVELS.get(school.level, ())) or "-"}),
            problems, year=record["year"], level=record["level"], school=school.name)
        table.dropped.append(record)
    table.records = kept


def _drop_duplicates(table: Table, keys: tuple[str, ...], problems: list[Problem]) -> None:
    """Keep the first record of each key (year, school, level…); later ones are problems and gaps."""
    seen: dict[tuple[Any, ...], int] = {}
    kept = []
    for record in table.records:
        key = tuple(record.get(k) for k in keys)
        if key in seen:
            table.add_gap(Problem(table.source, "error", "stats.duplicate_row", {
                "file": table.source, "row": record["row"], "first_row": seen[key],
                "key": " / ".join(str(k) for k in key)}), problems,
                year=record.get("year"), level=record.get("level"), school=str(record.get("school", "")))
            continue
        seen[key] = record["row"]
        kept.append(record)
    table.records = kept


def _open_in(school: Any, year: int) -> bool:
    """Whether a registered school existed in a year (its 开办年度 / 停办年度, when given)."""
    opened, closed = getattr(school, "opened", None), getattr(school, "closed", None)
    return (opened is None or opened <= year) and (closed is None or year < closed)


def _check_years(table: Table, years: list[int], problems: list[Problem]) -> set[int]:
    """An archive year without a single row is one problem (and a gap in every figure of that year)."""
    present = {r["year"] for r in [*table.records, *table.dropped] if r.get("year") is not None}
    empty = set()
    for year in years:
        if year not in present:
            empty.add(year)
            table.add_gap(Problem(table.source, "error", "stats.year_missing",
                                  {"file": table.source, "year": year}), problems, year=year)
    return empty


def _check_registered(table: Table, schools: _Schools, years: list[int], empty: set[int],
                      problems: list[Problem], by_level: bool) -> None:
    """Every registered school open in a year has its rows that year (by level for school_stats)."""
    if schools.registry is None:
        return
    present = {(r.get("year"), r.get("school_id"), r.get("level") if by_level else None)
               for r in [*table.records, *table.dropped]}
    # a row whose level could not be read (九年一贯制 in one row …) is already a problem for its school
    unread = {(r.get("year"), r.get("school_id")) for r in table.dropped if by_level and r.get("level") is None}
    for year in years:
        if year in empty:
            continue
        for school in schools.schools:
            if not _open_in(school, year):
                continue
            levels = EXPECTED_LEVELS.get(school.level, ()) if by_level else (None,)
            for level in levels:
                if (year, school.id, level) in present or (year, school.id) in unread:
                    continue
                code = "stats.school_missing" if by_level else "stats.school_missing_classes"
                table.add_gap(Problem(table.source, "error", code, {
                    "file": table.source, "year": year, "school": school.name, "level": level or "",
                    "registered": school.level, "registry": schools.registry.source}),
                    problems, year=year, level=level, school=school.name)


def large_classes_by_school(config: ArchiveConfig) -> dict[int, dict[str, tuple[str, ...]]] | None:
    """Year -> school id -> its classes of 56 or more (class names, else ``row N``); None without a classes table.

    For per-school checklist items (the 大班额 ledger): which schools must have one each year.
    Problems of the table are ``indicators``' to report; this only reads its usable rows.
    """
    problems: list[Problem] = []
    table = read_table(config, "classes", problems)
    if table is None:
        return None
    _resolve_schools(table, _Schools(config), problems)
    out: dict[int, dict[str, list[str]]] = {}
    for record in table.records:
        if record["students"] >= LARGE_CLASS:
            name = str(record.get("class") or f"row {record['row']}")
            out.setdefault(record["year"], {}).setdefault(record["school_id"], []).append(name)
    return {year: {sid: tuple(names) for sid, names in by_school.items()} for year, by_school in out.items()}


def small_schools_by_year(config: ArchiveConfig) -> dict[int, frozenset[str]] | None:
    """Year -> ids of the schools under the small-school size that year (all levels); None without school_stats."""
    problems: list[Problem] = []
    table = read_table(config, "school_stats", problems)
    if table is None:
        return None
    _resolve_schools(table, _Schools(config), problems)
    totals: dict[tuple[int, str], int] = {}
    for record in table.records:
        key = (record["year"], record["school_id"])
        totals[key] = totals.get(key, 0) + record["students"]
    out: dict[int, set[str]] = {}
    for (year, school_id), students in totals.items():
        if students < config.funding.small_school_size:
            out.setdefault(year, set()).add(school_id)
    return {year: frozenset(ids) for year, ids in out.items()}


# ---------------------------------------------------------------------------
# The whole computation


def compute_indicators(config: ArchiveConfig, year: int | None = None, profile: str | None = None) -> IndicatorReport:
    """Read the statistics tables and compute every indicator section, for one year or all."""
    chosen = get_profile(profile or getattr(config, "indicator_profile", None))
    report = IndicatorReport(profile=chosen.name, profile_title=chosen.title, funding=config.funding.to_dict(),
                             school_year_rule=config.school_year_rule)
    problems = report.problems
    # Gather: read every table, each bad cell a problem and a gap in the figures it feeds.
    tables = {stem: read_table(config, stem, problems) for stem in TABLES}
    report.sources = {stem: tb.source for stem, tb in tables.items() if tb is not None}
    for tb in tables.values():
        if tb is not None and year is not None:
            tb.records = [r for r in tb.records if r["year"] == year]
            tb.dropped = [r for r in tb.dropped if r.get("year") in (year, None)]
    # Resolve schools through the registry; rows that contradict it or repeat a row are left out.
    schools = _Schools(config)
    if schools.registry is None and tables["school_stats"] is not None:
        problems.append(Problem("data/schools", "warning", "stats.no_registry", {}))
    for stem in ("school_stats", "classes"):
        table = tables[stem]
        if table is not None:
            _resolve_schools(table, schools, problems)
    if tables["school_stats"] is not None:
        _check_levels(tables["school_stats"], problems)
        _drop_duplicates(tables["school_stats"], ("year", "school_id", "level"), problems)
    # Every archive year has rows, and every registered school its rows in each of them.
    wanted = [y for y in config.years if year is None or y == year]
    for stem in YEARLY_TABLES:
        table = tables[stem]
        if table is None:
            continue
        years = sorted({*wanted, *(r["year"] for r in table.records)})
        empty = _check_years(table, wanted, problems)
        if stem in ("school_stats", "classes"):
            _check_registered(table, schools, years, empty, problems, by_level=stem == "school_stats")
    # Compute each section from its table.
    stats = tables["school_stats"]
    if stats is not None:
        groups = _expected_groups(stats, schools, wanted)
        report.balance, report.school_values = _balance(stats, chosen, groups, problems)
        report.small_schools = _small_schools(stats, config.funding, problems)
    if tables["classes"] is not None:
        report.class_sizes, report.class_size_totals = _class_sizes(tables["classes"], wanted)
    if tables["teacher_exchange"] is not None:
        report.exchange = _exchange(tables["teacher_exchange"], wanted, problems)
    if tables["consolidation"] is not None:
        report.consolidation = _consolidation(tables["consolidation"], wanted, problems)
    if tables["satisfaction"] is not None:
        report.satisfaction = _satisfaction(tables["satisfaction"], problems)
    report.years = sorted({row.year for row in report.balance})
    return report


def _level_order(level: str) -> int:
    return LEVELS.index(level) if level in LEVELS else len(LEVELS)


def _expected_groups(table: Table, schools: _Schools, years: list[int]) -> list[tuple[int, str]]:
    """(year, level) groups to report: those with rows, and every archive year × every level the county has."""
    if schools.registry is not None:
        levels = {lv for s in schools.schools for lv in EXPECTED_LEVELS.get(s.level, ())}
    else:
        levels = {r["level"] for r in [*table.records, *table.dropped] if r.get("level")}
    groups = {(r["year"], r["level"]) for r in table.records}
    groups |= {(y, lv) for y in years for lv in levels}
    return sorted(groups, key=lambda g: (g[0], _level_order(g[1])))


def _balance(table: Table, profile: Profile, groups: list[tuple[int, str]],
             problems: list[Problem]) -> tuple[list[BalanceRow], list[SchoolValue]]:
    """Each indicator's CV per year and level (each over the schools with a value), then the composite."""
    _check_indicator_columns(table, profile, problems)
    by_group: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for record in table.records:
        by_group.setdefault((record["year"], record["level"]), []).append(record)
    rows: list[BalanceRow] = []
    values: list[SchoolValue] = []
    for year, level in groups:
        records = by_group.get((year, level), [])
        per_indicator = []
        for indicator in profile.indicators:
            row, school_values = _indicator_row(year, level, indicator, records, table, profile, problems)
            per_indicator.append(row)
            values.extend(school_values)
        rows.extend(per_indicator)
        rows.append(_composite_row(year, level, per_indicator, profile, records, table))
    return rows, values


def _check_indicator_columns(table: Table, profile: Profile, problems: list[Problem]) -> None:
    """One problem (and a gap in every year) for the profile's indicators the table has no column for."""
    missing = [d for d in profile.indicators if d.column not in table.fields]
    if not missing:
        return
    headers = {c.field: c.aliases[0] for c in RESOURCE_COLUMNS}
    problem = Problem(table.source, "error", "stats.missing_indicator_columns", {
        "file": table.source, "profile": profile.title, "count": len(missing),
        "indicators": "、".join(d.name for d in missing),
        "columns": "、".join(dict.fromkeys(headers.get(d.column, d.column) for d in missing))})
    table.add_gap(problem, problems, fields=frozenset(d.column for d in missing))


def _indicator_row(year: int, level: str, indicator: IndicatorDef, records: list[dict[str, Any]], table: Table,
                   profile: Profile, problems: list[Problem]) -> tuple[BalanceRow, list[SchoolValue]]:
    """One indicator's CV for one year and level over the schools that have its value, with their terms."""
    threshold = profile.indicator_thresholds.get(level)
    gaps = table.gaps_for(year, level, indicator.column)
    usable = [r for r in records if r.get(indicator.column) is not None]
    left_out = sorted({g.school for g in table.gaps if g.school and g.touches(year, level, indicator.column)})
    base = BalanceRow(year, level, indicator.name, None, threshold, None, schools=len(usable),
                      students=sum(r["students"] for r in usable), unit=indicator.unit, gaps=gaps,
                      left_out=left_out)
    if not usable:
        return base, []
    students = [r["students"] for r in usable]
    totals = [float(r[indicator.column]) * indicator.per for r in usable]
    spread = difference_coefficient(students, totals)
    if spread.cv is None:
        problems.append(Problem(table.source, "warning", "stats.zero_mean",
                                {"file": table.source, "indicator": indicator.name, "year": year, "level": level}))
    base.cv, base.mean, base.std = spread.cv, spread.mean, spread.std
    base.passed = None
    if threshold is not None and spread.cv is not None and not gaps:
        base.passed = spread.cv <= threshold
    variance = spread.std ** 2
    school_values = [
        SchoolValue(year, level, indicator.name, str(r["school"]), str(r["school_id"]), n, x, term,
                    term / variance if variance else 0.0)
        for r, n, x, term in zip(usable, students, spread.values, spread.terms)
    ]
    return base, school_values


def _composite_row(year: int, level: str, rows: list[BalanceRow], profile: Profile,
                   records: list[dict[str, Any]], table: Table) -> BalanceRow:
    """The plain mean of the CVs; known only when every indicator has a value, judged only without gaps."""
    cvs = [row.cv for row in rows]
    known = [c for c in cvs if c is not None]
    cv = sum(known) / len(known) if len(known) == len(cvs) else None
    gaps = _unique([*(p for row in rows for p in row.gaps), *table.gaps_for(year, level)])
    threshold = profile.composite_thresholds.get(level)
    if gaps:
        passed = None
    elif threshold is not None:
        passed = None if cv is None else cv <= threshold
    else:  # a profile that judges every single indicator passes only when all of them do
        verdicts = [row.passed for row in rows]
        passed = None if any(v is None for v in verdicts) else all(verdicts)
    left_out = sorted({s for row in rows for s in row.left_out})
    return BalanceRow(year, level, COMPOSITE, cv, threshold, passed, schools=len(records),
                      students=sum(r["students"] for r in records), gaps=gaps, left_out=left_out)


def _small_schools(table: Table, funding: FundingRules, problems: list[Problem]) -> list[SmallSchoolRow]:
    """Schools under the small-school size (all levels together), funded at the configured benchmark."""
    size = funding.small_school_size
    groups: dict[tuple[int, str], list[dict[str, Any]]] = {}
    for record in table.records:
        groups.setdefault((record["year"], record["school_id"]), []).append(record)
    out: list[SmallSchoolRow] = []
    unpriced: set[int] = set()
    for (year, school_id), group in sorted(groups.items()):
        students = sum(r["students"] for r in group)
        if students >= size:
            continue
        benchmark = funding.benchmark_for(year)
        if benchmark is None:
            unpriced.add(year)
            continue
        rate = sum((benchmark.rate(r["level"]) or 0.0) * r["students"] for r in group) / students
        levels = sorted({r["level"] for r in group}, key=_level_order)
        out.append(SmallSchoolRow(
            year=year, school=str(group[0]["school"]), school_id=str(school_id), levels="/".join(levels),
            students=students, rate=rate, funding_actual=students * rate, funding_floor=size * rate,
            owed=(size - students) * rate, size=size, source=benchmark.source,
        ))
    for year in sorted(unpriced):
        problems.append(Problem("site_config/archive.yml", "error", "stats.no_benchmark",
                                {"year": year, "size": size}))
    return out


def _class_sizes(table: Table, years: list[int]) -> tuple[list[ClassSizeRow], list[ClassSizeRow]]:
    """Per school and year (and per year for the county): classes of 56–65 and of 66+."""
    by_school: dict[tuple[int, str], list[dict[str, Any]]] = {}
    by_year: dict[int, list[dict[str, Any]]] = {year: [] for year in years}
    for record in table.records:
        by_school.setdefault((record["year"], record["school_id"]), []).append(record)
        by_year.setdefault(record["year"], []).append(record)

    def row(year: int, school: str, school_id: str, group: list[dict[str, Any]], gaps: list[Problem]) -> ClassSizeRow:
        sizes = [r["students"] for r in group]
        return ClassSizeRow(year, school, school_id, len(sizes),
                            sum(LARGE_CLASS <= n < VERY_LARGE_CLASS for n in sizes),
                            sum(n >= VERY_LARGE_CLASS for n in sizes), max(sizes, default=0), gaps)

    per_school = [row(year, str(group[0]["school"]), str(sid), group,
                      [g.problem for g in table.gaps if g.touches(year) and g.school == group[0]["school"]])
                  for (year, sid), group in sorted(by_school.items())]
    totals = [row(year, "", "", group, table.gaps_for(year)) for year, group in sorted(by_year.items())]
    return per_school, totals


def _ratio(numerator: int, denominator: int, table: Table, what: str, year: int,
           problems: list[Problem]) -> float | None:
    """numerator ÷ denominator, or None with a problem when the denominator is not positive."""
    if denominator > 0:
        return numerator / denominator
    problems.append(Problem(table.source, "warning", "stats.zero_denominator",
                            {"file": table.source, "what": what, "year": year}))
    return None


def _sums(table: Table, keys: tuple[str, ...], columns: tuple[str, ...]) -> dict[tuple[Any, ...], dict[str, int]]:
    """Column totals of the usable records, per key."""
    sums: dict[tuple[Any, ...], dict[str, int]] = {}
    for record in table.records:
        key = tuple(record.get(k, "") for k in keys)
        bucket = sums.setdefault(key, dict.fromkeys(columns, 0))
        for column in columns:
            bucket[column] += record[column]
    return sums


def _exchange(table: Table, years: list[int], problems: list[Problem]) -> list[ExchangeRow]:
    """Teacher exchange per year: exchanged ÷ eligible (≥ 10 %), backbone ÷ exchanged (≥ 20 %)."""
    columns = ("eligible", "exchanged", "backbone")
    sums = _sums(table, ("year",), columns)
    out = []
    for year in sorted({*(k[0] for k in sums), *years}):
        counts = sums.get((year,))
        gaps = table.gaps_for(year)
        if counts is None:
            out.append(ExchangeRow(year, 0, 0, 0, None, None, gaps=gaps))
            continue
        out.append(ExchangeRow(
            year, counts["eligible"], counts["exchanged"], counts["backbone"],
            rate=_ratio(counts["exchanged"], counts["eligible"], table, "应交流教师数", year, problems),
            backbone_share=_ratio(counts["backbone"], counts["exchanged"], table, "实际交流教师数", year, problems),
            gaps=gaps,
        ))
    return out


def _consolidation(table: Table, years: list[int], problems: list[Problem]) -> list[ConsolidationRow]:
    """Graduates ÷ (intake + transfers in − transfers out), capped at 100 %, per year and level."""
    columns = ("graduates", "intake", "transfers_in", "transfers_out")
    sums = _sums(table, ("year", "level"), columns)
    levels = sorted({k[1] for k in sums}, key=_level_order) or [""]
    keys = set(sums) | {(y, lv) for y in years for lv in levels}
    out = []
    for year, level in sorted(keys, key=lambda k: (k[0], _level_order(k[1]))):
        gaps = table.gaps_for(year, level or None)
        counts = sums.get((year, level))
        if counts is None:
            out.append(ConsolidationRow(year, level, 0, 0, 0, 0, None, None, gaps=gaps))
            continue
        base = counts["intake"] + counts["transfers_in"] - counts["transfers_out"]
        raw = _ratio(counts["graduates"], base, table, "入学时人数 + 转入人数 − 转出人数", year, problems)
        out.append(ConsolidationRow(year, level, **counts, rate=None if raw is None else min(raw, 1.0),
                                    uncapped=raw, gaps=gaps))
    return out


def _satisfaction(table: Table, problems: list[Problem]) -> list[SatisfactionRow]:
    """Satisfied ÷ respondents per year (≥ 85 %)."""
    sums = _sums(table, ("year",), ("respondents", "satisfied"))
    out = []
    for (year,), counts in sorted(sums.items()):
        respondents, satisfied = counts["respondents"], counts["satisfied"]
        if satisfied > respondents:
            table.add_gap(Problem(table.source, "error", "stats.more_satisfied_than_asked",
                                  {"file": table.source, "year": year}), problems, year=year)
            out.append(SatisfactionRow(year, respondents, satisfied, None, gaps=table.gaps_for(year)))
            continue
        rate = _ratio(satisfied, respondents, table, "调查人数", year, problems)
        out.append(SatisfactionRow(year, respondents, satisfied, rate, gaps=table.gaps_for(year)))
    return out


# ---------------------------------------------------------------------------
# The workbook (--output FILE.xlsx): one sheet per section, Chinese headers

_SHEETS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("差异系数", ("年度", "学段", "指标", "全县值X̄", "标准差S", "差异系数", "标准", "是否达标", "学校数", "学生数",
                 "数据缺口", "未计入的学校")),
    ("拉大差距的学校", ("年度", "学段", "指标", "学校", "学校代码", "学生数", "本校值", "占方差比例")),
    ("各校指标值", ("年度", "学段", "指标", "学校", "学校代码", "学生数", "本校值", "加权离差平方")),
    ("班额", ("年度", "学校", "学校代码", "班级数", "大班额(56-65人)", "超大班额(66人及以上)", "大班额占比",
              "超大班额占比", "最大班额")),
    ("教师交流", ("年度", "应交流教师数", "实际交流教师数", "其中骨干及中高级教师数", "交流比例", "交流达标(≥10%)",
                  "骨干及中高级占比", "骨干达标(≥20%)")),
    ("巩固率", ("年度", "学段", "毕业人数", "入学时人数", "转入人数", "转出人数", "巩固率", "是否达标(≥98.8%)")),
    ("满意度", ("年度", "调查人数", "满意人数", "满意度", "是否达标(≥85%)")),
    ("不足{size}人学校", ("年度", "学校", "学校代码", "学段", "学生数", "生均公用经费基准定额(元)", "按实际人数(元)",
                          "按{size}人核定(元)", "应补足(元)", "定额依据")),
    ("问题", ("文件", "级别", "问题", "处理办法")),
)


def _verdict(value: bool | None, judged: bool = True, complete: bool = True) -> str:
    if not complete:
        return "数据不全，不评判"
    if not judged:
        return "不单独评判"
    return {True: "达标", False: "未达标", None: "无数据"}[value]


def funding_note(report: IndicatorReport, lang: str | None = None) -> list[str]:
    """The funding rules the small-school figures use, one sentence each, with their sources."""
    funding = report.funding or {}
    small = funding.get("small_school", {})
    render = (lambda key, **kw: t_in(lang, key, **kw)) if lang else t
    lines = [render("indicators.benchmark_note", years=_span(b["years"]), primary=_yuan(b["per_pupil_yuan"]["小学"]),
                    junior=_yuan(b["per_pupil_yuan"]["初中"]), source=b["source"], region=funding.get("region", ""))
             for b in funding.get("benchmark", [])]
    if small:
        lines.append(render("indicators.small_school_note", size=small["size"], source=small["source"]))
    lines += [render("indicators.transfer_floor_note", years=_span(f["years"]), primary=_yuan(f["per_pupil_yuan"]["小学"]),
                     junior=_yuan(f["per_pupil_yuan"]["初中"]), source=f["source"])
              for f in funding.get("transfer_floor", [])]
    return lines


def _span(years: list[int]) -> str:
    return f"{years[0]}—{years[-1]}" if len(years) > 1 else str(years[0]) if years else "-"


def _yuan(value: float) -> str:
    return f"{value:g}"


def _sheet_rows(report: IndicatorReport) -> list[list[list[Any]]]:
    """The rows of each sheet of _SHEETS, in order (full precision; the workbook formats them)."""
    county = "全县"
    return [
        [[r.year, r.level, r.indicator, r.mean, r.std, r.cv, r.threshold,
          _verdict(r.passed, judged=r.threshold is not None or r.cv is None, complete=r.complete), r.schools,
          r.students, len(r.gaps), "、".join(r.left_out)]
         for r in report.balance],
        [[v.year, v.level, v.indicator, v.school, v.school_id, v.students, v.value, v.share]
         for v in report.contributors()],
        [[v.year, v.level, v.indicator, v.school, v.school_id, v.students, v.value, v.term]
         for v in report.school_values],
        [[r.year, r.school or county, r.school_id, r.classes, r.large, r.very_large, r.large_share,
          r.very_large_share, r.max_size] for r in [*report.class_sizes, *report.class_size_totals]],
        [[r.year, r.eligible, r.exchanged, r.backbone, r.rate, _verdict(r.rate_pass, complete=r.complete),
          r.backbone_share, _verdict(r.backbone_pass, complete=r.complete)] for r in report.exchange],
        [[r.year, r.level, r.graduates, r.intake, r.transfers_in, r.transfers_out, r.rate,
          _verdict(r.passed, complete=r.complete)] for r in report.consolidation],
        [[r.year, r.respondents, r.satisfied, r.rate, _verdict(r.passed, complete=r.complete)]
         for r in report.satisfaction],
        [[r.year, r.school, r.school_id, r.levels, r.students, r.rate, r.funding_actual, r.funding_floor,
          r.owed, r.source] for r in report.small_schools]
        + [[line] for line in funding_note(report, "zh")],
        [[p.shown_path, t_in("zh", f"severity.{p.severity}"), t_in("zh", p.code, **p.params),
          t_in("zh", f"{p.code}.hint", **p.params)] for p in report.problems],
    ]


def report_workbook(report: IndicatorReport) -> bytes:
    """The whole report as .xlsx bytes, one sheet per section with Chinese headers."""
    from openpyxl import Workbook
    from openpyxl.styles import Font


    workbook = Workbook()
    workbook.remove(workbook.worksheets[0])  # the empty sheet a new workbook starts with
    size = (report.funding.get("small_school") or {}).get("size", 100)
    for (title, header), rows in zip(_SHEETS, _sheet_rows(report)):
        sheet = workbook.create_sheet(title.format(size=size))
        sheet.append([h.format(size=size) for h in header])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            append_row(sheet, row)
            for cell in sheet[sheet.max_row]:  # full precision kept; shown with a sensible number of digits
                if isinstance(cell.value, float):
                    cell.number_format = "0.0000" if abs(cell.value) < 10 else "#,##0.00"
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
