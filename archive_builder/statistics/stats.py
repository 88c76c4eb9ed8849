"""School statistics -> the balance indicators (差异系数) and the county's other numeric targets.

The tables (tables.py) under content/data/: ``school_stats`` (one row per school, level and year, the
raw quantities behind the indicators), ``classes`` (class sizes), ``teacher_exchange``, ``consolidation``
and ``satisfaction``; the formula is coefficient.py's, the workbook workbook.py's.

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

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from archive_builder.core.errors import ArchiveError, message
from archive_builder.core.model import Problem
from archive_builder.core.privacy import mask_text
from archive_builder.statistics.coefficient import difference_coefficient
from archive_builder.statistics.schools import load_schools
from archive_builder.statistics.tables import LEVELS, RESOURCE_COLUMNS, TABLES, Gap, Table, read_table, unique_problems

if TYPE_CHECKING:
    from archive_builder.core.config import ArchiveConfig, FundingRules

log = logging.getLogger(__name__)

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
#: Tables that need rows for every archive year (satisfaction surveys are not yearly).
YEARLY_TABLES = ("school_stats", "classes", "teacher_exchange", "consolidation")


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


class _RateAgainstThreshold:
    """A yearly rate judged against its threshold, not judged while a gap in its table touches it."""

    rate: float | None
    threshold: float
    gaps: list[Problem]

    @property
    def complete(self) -> bool:
        return not self.gaps

    @property
    def passed(self) -> bool | None:
        return None if self.rate is None or self.gaps else self.rate >= self.threshold

    def to_dict(self) -> dict[str, Any]:
        data = {k: v for k, v in asdict(self).items() if k != "gaps"}  # type: ignore[call-overload]  # rows are dataclasses
        data.update({"pass": self.passed, "complete": self.complete, "gaps": _gap_refs(self.gaps)})
        return data


@dataclass
class ConsolidationRow(_RateAgainstThreshold):
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


@dataclass
class SatisfactionRow(_RateAgainstThreshold):
    """Public satisfaction in one year."""

    year: int
    respondents: int
    satisfied: int
    rate: float | None
    threshold: float = SATISFACTION_TARGET
    gaps: list[Problem] = field(default_factory=list)


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
        shown = mask_text(cell)[0]  # a school the registry does not know is shown as any value is
        if self.registry is None:
            return shown, shown, None
        school = self.registry.find(cell)
        if school is None:
            return shown, shown, None
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
    gaps = unique_problems([*(p for row in rows for p in row.gaps), *table.gaps_for(year, level)])
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
