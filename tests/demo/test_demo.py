"""The demo archive of 示范县: big enough, complete in coverage, clean, with its deliberate gaps."""

from __future__ import annotations

import csv
import math
import re
import shutil
from collections import defaultdict
from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.core.model import Inventory
from archive_builder.inventory.scan import scan_archive
from archive_builder.statistics.schools import load_schools

REPO = Path(__file__).resolve().parents[2]
DEMO_TYPES = {"md", "txt", "pdf", "docx", "xlsx", "xls", "csv", "jpg", "png", "tif"}
#: (item id, the year or school it leaves without evidence), as docs/demo.md lists them
GAPS = {
    "dizhen-earthquake-safety-education": "2015",
    "dizhen-earthquake-safety-inspection": "2015",
    **{f"shenji-audit-report-{kind}": "2016" for kind in ("mechanism", "projects", "special-funds", "county-input")},
    "wenhua-market-summary": "2014",
    "bianban-staffing": "2014",
    "school-charter": "西河乡河口小学、青石镇白杨教学点",
    "school-boarding-facilities": "白水乡初级中学",
}
ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


@pytest.fixture(scope="module")
def demo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A scratch copy of the demo, so the scan cache never lands in the repository."""
    root = tmp_path_factory.mktemp("demo")
    for part in ("content", "checklists", "site_config"):
        shutil.copytree(REPO / part, root / part)
    return root


@pytest.fixture(scope="module")
def inventory(demo_root: Path) -> Inventory:
    return scan_archive(load_config(demo_root), use_cache=False)


def test_demo_has_at_least_200_documents(inventory: Inventory) -> None:
    assert len(inventory.documents) >= 200


def test_demo_scans_clean(inventory: Inventory) -> None:
    assert [(p.path, p.code) for p in inventory.problems] == []


def test_every_department_and_category_is_covered(demo_root: Path, inventory: Inventory) -> None:
    config = load_config(demo_root)
    assert {d.department for d in inventory.documents} == {d.id for d in config.departments}
    assert {d.category for d in inventory.documents} == {c.id for c in config.categories}
    assert len(config.departments) == 22


def test_every_year_and_type_is_present(inventory: Inventory) -> None:
    years = {y for d in inventory.documents for y in d.years}
    assert {2014, 2015, 2016, 2017} <= years
    assert DEMO_TYPES <= {d.type for d in inventory.documents}


def test_text_files_come_in_several_encodings(inventory: Inventory) -> None:
    encodings = {d.encoding for d in inventory.documents if d.type == "txt"}
    assert {"gb18030", "utf-8-sig", "utf-8"} <= encodings


def test_demo_settings_name_the_county(demo_root: Path) -> None:
    config = load_config(demo_root)
    assert config.name == "示范县义务教育发展基本均衡县迎检档案"
    assert config.county == "示范县"
    assert config.years == (2014, 2015, 2016, 2017)


def test_school_registry_has_60_schools_of_every_level(demo_root: Path) -> None:
    registry = load_schools(load_config(demo_root))
    assert registry.problems == []
    assert len(registry.schools) >= 60
    assert {s.level for s in registry.schools} == {"小学", "初中", "九年一贯制", "教学点", "特殊教育"}
    assert any(s.boarding for s in registry.schools)
    assert sum(1 for s in registry.schools if (s.students or 0) < 100) >= 5
    assert all(re.fullmatch(r"\d{10}", s.id) for s in registry.schools)


def test_every_school_has_its_files_except_the_listed_gaps(demo_root: Path, inventory: Inventory) -> None:
    registry = load_schools(load_config(demo_root))
    by_school = defaultdict(list)
    for doc in inventory.documents:
        if doc.school:
            by_school[doc.school].append(doc.title)
    lacking_charter = {s.name for s in registry.schools if not any("章程" in t for t in by_school[s.name])}
    lacking_ledger = {s.name for s in registry.schools if not any("标准化建设台账" in t for t in by_school[s.name])}
    lacking_boarding = {s.name for s in registry.schools
                        if s.boarding and not any("十有" in t for t in by_school[s.name])}
    assert lacking_charter == {"西河乡河口小学", "青石镇白杨教学点"}
    assert lacking_ledger == set()
    assert lacking_boarding == {"白水乡初级中学"}


def test_check_reports_exactly_the_deliberate_gaps(demo_root: Path) -> None:
    from archive_builder.pipeline import check_archive

    result = check_archive(load_config(demo_root))
    gaps = {r.item.id for r in result.items if r.status != "complete"}
    assert gaps == set(GAPS)
    assert not any(r.item.id.startswith("indicator-") for r in result.items)  # a target is never evidence
    assert [t.item.id for t in result.targets if t.is_gap] == []  # every judged target is met
    assert result.file_problems == []
    assert [p for p in result.problems if p.severity == "error"] == []
    assert result.failures(("missing", "targets", "problems", "held")) == []
    assert result.failures(("partial",)) == ["partial"]


def test_check_tells_the_story_of_the_composite_coefficients(demo_root: Path) -> None:
    """The county misses the 差异系数 targets in 2014-2015 and meets them from 2016; 2017, the assessment
    year, is judged, the earlier years are the trend."""
    from archive_builder.pipeline import check_archive

    result = check_archive(load_config(demo_root))
    composites = {t.item.id: (t.status, t.would_pass) for t in result.targets if t.item.id.endswith("-composite")}
    assert composites == {
        f"indicator-{year}-{level}-composite": ("met", True) if year == 2017 else ("trend", year >= 2016)
        for year in range(2014, 2018) for level in ("primary", "junior")
    }


def test_no_year_before_a_target_is_due_is_judged(demo_root: Path) -> None:
    from archive_builder.pipeline import check_archive

    result = check_archive(load_config(demo_root))
    assert result.targets
    for target in result.targets:
        judged = target.year >= target.due_from and (target.judged == "every_year" or target.year == 2017)
        assert (target.status != "trend") == judged, target.item.id


def test_secret_and_internal_documents_are_marked(inventory: Inventory) -> None:
    levels = {d.path: d.classification for d in inventory.documents if d.classification != "公开"}
    assert sorted(levels.values()) == ["内部", "秘密"]
    assert sum(d.is_secret for d in inventory.documents) == 1


def test_some_documents_name_checklist_items(inventory: Inventory) -> None:
    named = [d for d in inventory.documents if d.checklist]
    assert len(named) >= 4


def _id_valid(number: str) -> bool:
    total = sum(int(c) * w for c, w in zip(number[:17], ID_WEIGHTS))
    return "10X98765432"[total % 11] == number[17]


def test_roster_id_numbers_have_valid_check_digits(inventory: Inventory) -> None:
    rosters = [d for d in inventory.documents if "花名册" in d.title and d.type == "csv"]
    assert rosters
    numbers = [n for d in rosters for n in re.findall(r"\b\d{17}[\dX]\b", d.body or "")]
    assert len(numbers) >= 20
    assert all(_id_valid(n) for n in numbers)
    assert re.search(r"\b1[3-9]\d{9}\b", rosters[0].body or "")


def test_search_phrases_are_in_pdf_docx_and_xlsx(demo_root: Path) -> None:
    import docx
    import pypdfium2 as pdfium
    from openpyxl import load_workbook

    content = demo_root / "content"
    pdf = next(content.rglob("2017年校园文化建设成果汇编.pdf"))
    document = pdfium.PdfDocument(pdf)
    text = "".join(document[i].get_textpage().get_text_range() for i in range(len(document)))
    assert "杏花岭下读书声" in text.replace("\n", "")
    word = next(content.rglob("2016年白水乡学生上学交通安全保障方案.docx"))
    assert "白鹭湾跨河助学渡船" in "".join(p.text for p in docx.Document(word).paragraphs)
    book = load_workbook(next(content.rglob("2016年书香校园阅读活动统计表.xlsx")), read_only=True)
    cells = [c for row in book.active.iter_rows(values_only=True) for c in row]
    assert "龙泉镇紫藤长廊图书角" in cells


def _weighted_cv(resources: list[float], pupils: list[int]) -> float:
    total = sum(pupils)
    mean = sum(resources) / total
    spread = sum((n / total) * (r / n - mean) ** 2 for r, n in zip(resources, pupils))
    return math.sqrt(spread) / mean


def test_statistics_tell_a_county_that_improves(demo_root: Path) -> None:
    from openpyxl import load_workbook

    rows = list(load_workbook(demo_root / "content/data/school_stats.xlsx", read_only=True).active.iter_rows(values_only=True))
    header, rows = rows[0], rows[1:]
    assert header[:4] == ("年度", "学校", "学段", "学生数") and "教学仪器设备值(万元)" in header
    groups = defaultdict(list)
    for row in rows:
        groups[(row[0], row[2])].append(row)
    composite = {}
    for key, block in groups.items():
        pupils = [r[3] for r in block]
        composite[key] = sum(_weighted_cv([r[i] for r in block], pupils) for i in range(4, 12)) / 8
    assert composite[(2014, "小学")] > 0.65 and composite[(2014, "初中")] > 0.55
    for year in (2016, 2017):
        assert composite[(year, "小学")] <= 0.65 and composite[(year, "初中")] <= 0.55


def test_big_classes_disappear_by_2017(demo_root: Path) -> None:
    with open(demo_root / "content/data/classes.csv", encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    sizes = defaultdict(list)
    for row in rows:
        sizes[int(row["年度"])].append(int(row["学生数"]))
    assert any(n >= 66 for n in sizes[2014]) and any(56 <= n <= 65 for n in sizes[2014])
    assert not any(n >= 56 for n in sizes[2017])


# --- 文号 and dates an inspector would believe ---------------------------------------------------------------

#: 〔year〕 with the tortoise-shell brackets, a number without leading zero, 号; the issuer before it
DOC_NO = re.compile(r"^(?P<org>[\u4e00-\u9fff]{2,8}?)〔(?P<year>20\d\d)〕(?P<number>[1-9]\d{0,3})号$")
#: The calendar-year documents the assessment reads as whole-year accounts (finance, audit, tax, 决算)
WHOLE_YEAR_ITEMS = ("caizheng-funding-table", "caizheng-funding-report", "caizheng-land-revenue", "shenji-audit-report",
                    "zhujian-project-archive", "guoshui-city-surcharge", "dishui-local-surcharge",
                    "county-transfer-funds")
CLOSED = "2017-11-15"  # the archive is ready for the national assessment of November 2017


def _township_stem(name: str) -> str:
    return name.removesuffix("乡").removesuffix("镇")


def test_every_doc_no_is_in_the_real_pattern(demo_root: Path, inventory: Inventory) -> None:
    registry = load_schools(load_config(demo_root))
    townships = {s.township for s in registry.schools}
    numbered = [d for d in inventory.documents if d.doc_no]
    assert len(numbered) >= 30
    for doc in numbered:
        match = DOC_NO.fullmatch(doc.doc_no)
        assert match, (doc.path, doc.doc_no)
        org = match["org"]
        if doc.department == "xiangzhen":  # a township numbers its own documents, under its own name
            town = next(t for t in townships if t in (doc.author or ""))
            assert org == f"{_township_stem(town)}政发" and town in doc.title, (doc.path, doc.doc_no)
        else:
            assert org.startswith("示") and not org.startswith("示示"), (doc.path, doc.doc_no)
        assert match["year"] == (doc.date or "")[:4], (doc.path, doc.doc_no, doc.date)  # numbered the year issued


def test_each_issuer_numbers_its_documents_in_date_order(inventory: Inventory) -> None:
    series: dict[tuple[str, str], list[tuple[str, int]]] = defaultdict(list)
    for doc in inventory.documents:
        match = DOC_NO.fullmatch(doc.doc_no or "")
        if match:
            series[(match["org"], match["year"])].append((doc.date or "", int(match["number"])))
    assert len(series) >= 15
    for key, entries in series.items():
        numbers = [n for _, n in sorted(entries)]
        assert numbers == sorted(set(numbers)), key  # unique, rising with the date


def test_dates_follow_the_timeline(demo_root: Path, inventory: Inventory) -> None:
    from archive_builder.pipeline import check_archive

    assert all("2014-01-01" <= (d.date or CLOSED) <= CLOSED for d in inventory.documents)
    by_path = {d.path: d for d in inventory.documents}
    result = check_archive(load_config(demo_root))
    whole_year = [(r.item.years, by_path[e.path]) for r in result.items if r.item.id.startswith(WHOLE_YEAR_ITEMS)
                  for e in r.evidence if e.path in by_path]
    assert len(whole_year) >= 30
    for _years, doc in whole_year:
        (year,) = doc.years
        if year < 2017:  # an account of a whole year is written once the year is over
            assert doc.date >= f"{year + 1}-01-01", (doc.path, doc.date)
        else:  # 2017 was not over when the archive closed: the account says which months it covers
            assert "1—9月" in doc.title and "2017-10-01" <= doc.date <= CLOSED, (doc.path, doc.title, doc.date)


def test_the_publicity_campaign_starts_in_december_2016(inventory: Inventory) -> None:
    campaign = [d for d in inventory.documents if d.department == "xiangzhen" and "宣传发动" in d.title]
    assert {d.years[0] for d in campaign} == {2016, 2017}
    assert all(d.date >= "2016-12-01" for d in campaign)
