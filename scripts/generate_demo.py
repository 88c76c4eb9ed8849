#!/usr/bin/env python3
"""Rebuild the demo archive of the fictional 示范县 under content/ (deterministic, fixed seed).

Run from anywhere: ``python scripts/generate_demo.py``. It deletes content/ and writes it again:
the school registry and statistics tables in content/data/, then the evidence documents of every
member unit. All text is invented for this project. Needs fpdf2, python-docx, openpyxl, Pillow,
xlwt (for the one legacy .xls) and a glyf-based CJK TrueType font such as Debian's
fonts-wqy-zenhei, so PDF text layers can be extracted.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import math
import random
import re
import shutil
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"
DATA = CONTENT / "data"
SEED = 20170227
YEARS = (2014, 2015, 2016, 2017)
COUNTY = "示范县"
FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/arphic/uming.ttc",
    "/usr/share/fonts/truetype/arphic/ukai.ttc",
)
FIXED_TIME = dt.datetime(2017, 6, 1, 9, 0, 0)

# ---------------------------------------------------------------------------------------------
# The school registry
# ---------------------------------------------------------------------------------------------

#: township -> [(school name, level, boarding, pupils in 2014)]
TOWNSHIPS: dict[str, list[tuple[str, str, bool, int]]] = {
    "城关镇": [
        ("示范县第一小学", "小学", False, 1880), ("示范县第二小学", "小学", False, 1640),
        ("示范县第三小学", "小学", False, 1390), ("示范县实验小学", "小学", False, 2120),
        ("城关镇西关小学", "小学", False, 660), ("示范县第一初级中学", "初中", False, 1950),
        ("示范县第二初级中学", "初中", True, 1520), ("示范县实验学校", "九年一贯制", False, 2280),
        ("示范县特殊教育学校", "特殊教育", True, 92), ("示范县第四小学", "小学", False, 980),
    ],
    "东阳镇": [
        ("东阳镇中心小学", "小学", True, 720), ("东阳镇北庄小学", "小学", False, 240),
        ("东阳镇槐树湾小学", "小学", False, 150), ("东阳镇柳湾教学点", "教学点", False, 38),
        ("东阳镇初级中学", "初中", True, 860), ("东阳镇南堡小学", "小学", False, 310),
    ],
    "西河乡": [
        ("西河乡中心小学", "小学", True, 520), ("西河乡后沟小学", "小学", False, 128),
        ("西河乡河口小学", "小学", False, 96), ("西河乡枣园教学点", "教学点", False, 26),
        ("西河乡初级中学", "初中", True, 540), ("西河乡南坪小学", "小学", False, 160),
    ],
    "南岭镇": [
        ("南岭镇中心小学", "小学", True, 680), ("南岭镇坡头小学", "小学", False, 205),
        ("南岭镇桃坪教学点", "教学点", False, 31), ("南岭镇初级中学", "初中", True, 780),
        ("南岭镇上庄小学", "小学", False, 180), ("南岭镇寨子教学点", "教学点", False, 19),
    ],
    "北原乡": [
        ("北原乡中心小学", "小学", True, 430), ("北原乡石门教学点", "教学点", False, 22),
        ("北原乡高家庄小学", "小学", False, 118), ("北原乡九年制学校", "九年一贯制", True, 690),
        ("北原乡马坊教学点", "教学点", False, 35), ("北原乡柏树小学", "小学", False, 130),
    ],
    "青石镇": [
        ("青石镇中心小学", "小学", True, 810), ("青石镇红岩小学", "小学", False, 260),
        ("青石镇初级中学", "初中", True, 920), ("青石镇石桥小学", "小学", False, 175),
        ("青石镇白杨教学点", "教学点", False, 29), ("青石镇东沟小学", "小学", False, 90),
    ],
    "柳林乡": [
        ("柳林乡中心小学", "小学", True, 460), ("柳林乡河滩小学", "小学", False, 140),
        ("柳林乡初级中学", "初中", True, 480), ("柳林乡瓦窑教学点", "教学点", False, 24),
        ("柳林乡前营小学", "小学", False, 105), ("柳林乡杨家岭教学点", "教学点", False, 22),
    ],
    "杏花镇": [
        ("杏花镇中心小学", "小学", True, 760), ("杏花镇岭下小学", "小学", False, 330),
        ("杏花镇初级中学", "初中", True, 840), ("杏花镇西坡教学点", "教学点", False, 33),
        ("杏花镇南关小学", "小学", False, 270), ("杏花镇九年制学校", "九年一贯制", False, 910),
    ],
    "白水乡": [
        ("白水乡中心小学", "小学", True, 390), ("白水乡初级中学", "初中", True, 420),
        ("白水乡沙岭小学", "小学", False, 112), ("白水乡石窑教学点", "教学点", False, 18),
        ("白水乡庙坪小学", "小学", False, 86),
    ],
    "龙泉镇": [
        ("龙泉镇中心小学", "小学", True, 880), ("龙泉镇初级中学", "初中", True, 1010),
        ("龙泉镇泉头小学", "小学", False, 290), ("龙泉镇下河小学", "小学", False, 230),
        ("龙泉镇峪口教学点", "教学点", False, 27), ("龙泉镇新村小学", "小学", False, 340),
    ],
}
#: Schools whose resources lag behind the county (the story the indicators tell).
LAGGING = {"西河乡后沟小学": 1.6, "白水乡初级中学": 1.5, "北原乡石门教学点": 1.2, "白水乡沙岭小学": 1.0}
#: Deliberate gaps (see docs/demo.md).
NO_CHARTER = ("西河乡河口小学", "青石镇白杨教学点")
NO_BOARDING_RECORD = "白水乡初级中学"
MISSING_YEARS = {  # checklist item -> the year left without evidence
    "dizhen-earthquake-safety": 2015,
    **{f"shenji-audit-report-{slug}": 2016 for slug in ("mechanism", "projects", "special-funds", "county-input")},
    "wenhua-market-summary": 2014,
    "bianban-staffing": 2014,
}


@dataclass
class School:
    """One school of the demo county and its pupils per grade and year."""

    name: str
    code: str
    level: str
    township: str
    boarding: bool
    base: int
    urban: bool
    grades: dict[int, dict[str, list[int]]] = field(default_factory=dict)  # year -> stage -> pupils per grade
    classes: dict[int, list[tuple[str, int]]] = field(default_factory=dict)  # year -> (class, pupils)

    def pupils(self, year: int, stage: str | None = None) -> int:
        """Pupils in a year, for one stage (小学/初中) or all."""
        stages = self.grades[year]
        return sum(sum(v) for k, v in stages.items() if stage in (None, k))

    @property
    def canteen(self) -> bool:
        """Boarding schools run a canteen (十有), and so do the county seat's and townships' central schools."""
        return self.boarding or self.name.endswith("中心小学") or (self.urban and self.level != "特殊教育"
                                                                     and self.base >= 1500)

    def stages(self) -> list[str]:
        """The statistics stages of the school: 小学, 初中 or both; none for special schools."""
        return {"小学": ["小学"], "教学点": ["小学"], "初中": ["初中"],
                "九年一贯制": ["小学", "初中"], "特殊教育": []}[self.level]


def build_schools(rng: random.Random) -> list[School]:
    """The registry with pupils per grade and classes per year."""
    schools = []
    number = 1
    for township, rows in TOWNSHIPS.items():
        for name, level, boarding, base in rows:
            school = School(name, f"314102{number:04d}", level, township, boarding, base, township == "城关镇")
            number += 1
            _fill_grades(school, rng)
            _fill_classes(school, rng)
            schools.append(school)
    return schools


def _fill_grades(school: School, rng: random.Random) -> None:
    """Pupils per grade: the county seat grows, villages shrink."""
    trend = 1.035 if school.urban else (0.94 if school.level == "教学点" else 0.97)
    for index, year in enumerate(YEARS):
        total = school.base * trend ** index
        if school.level == "九年一贯制":
            split = {"小学": (total * 0.64, 6), "初中": (total * 0.36, 3)}
        elif school.level == "初中":
            split = {"初中": (total, 3)}
        elif school.level == "教学点":
            split = {"小学": (total, 3)}
        elif school.level == "特殊教育":
            split = {"特殊": (total, 6)}
        else:
            split = {"小学": (total, 6)}
        school.grades[year] = {
            stage: [max(3, round(amount / n * rng.uniform(0.9, 1.1))) for _ in range(n)]
            for stage, (amount, n) in split.items()
        }


_GRADE_NAMES = {"小学": "一二三四五六", "初中": "七八九"}
#: largest class the county seat tolerated each year (the big-class story)
_CAP = {2014: 63, 2015: 60, 2016: 57, 2017: 52}
_OVERSIZE = {2014: ("示范县第一小学", "示范县实验小学", "示范县第一初级中学"), 2015: ("示范县实验小学",)}


def _fill_classes(school: School, rng: random.Random) -> None:
    """Split each grade into classes; 66+ classes exist only early, in three crowded schools."""
    for year in YEARS:
        rows: list[tuple[str, int]] = []
        for stage, grades in school.grades[year].items():
            for g, pupils in enumerate(grades):
                label = f"培智{'一二三四五六'[g]}年级" if stage == "特殊" else f"{_GRADE_NAMES[stage][g]}年级"
                cap = _CAP[year] if school.urban else 45
                if school.name in _OVERSIZE.get(year, ()) and g in (0, 1):
                    cap = 69
                count = 1 if school.level == "教学点" or stage == "特殊" else max(1, math.ceil(pupils / cap))
                base, extra = divmod(pupils, count)
                for c in range(count):
                    rows.append((f"{label}({c + 1})班", base + (1 if c < extra else 0)))
        school.classes[year] = rows


# ---------------------------------------------------------------------------------------------
# School statistics and the difference coefficient
# ---------------------------------------------------------------------------------------------

INDICATORS = (  # column, per-student base 2014 (小学, 初中), growth to 2017, CV weight, decimals
    ("教学及辅助用房面积", (4.2, 5.6), 1.20, 1.05, 1),
    ("体育运动场馆面积", (6.4, 8.1), 1.17, 1.20, 1),
    ("教学仪器设备值(万元)", (0.092, 0.13), 1.65, 1.15, 2),
    ("计算机台数", (0.08, 0.10), 1.60, 1.10, 0),
    ("图书册数", (18.0, 28.0), 1.38, 0.95, 0),
    ("专任教师数", (1 / 18.0, 1 / 13.2), 1.06, 0.80, 0),
    ("高于规定学历教师数", (0.034, 0.052), 1.30, 0.90, 0),
    ("中级及以上专业技术职务教师数", (0.028, 0.040), 1.22, 0.85, 0),
)
TARGET = {"小学": {2014: 0.76, 2015: 0.70, 2016: 0.62, 2017: 0.56},
          "初中": {2014: 0.63, 2015: 0.58, 2016: 0.52, 2017: 0.47}}
THRESHOLD = {"小学": 0.65, "初中": 0.55}


def weighted_cv(resources: list[float], pupils: list[int]) -> float:
    """Student-weighted coefficient of variation of R/n (population form)."""
    total = sum(pupils)
    mean = sum(resources) / total
    spread = sum((n / total) * (r / n - mean) ** 2 for r, n in zip(resources, pupils))
    return math.sqrt(spread) / mean


@dataclass
class StatRow:
    """One row of school_stats.xlsx."""

    year: int
    school: School
    stage: str
    pupils: int
    values: list[float]


def build_stats(schools: list[School], rng: random.Random) -> tuple[list[StatRow], dict]:
    """Statistics rows tuned so each stage's composite CV follows TARGET; returns rows and CVs."""
    units = [(s, stage) for s in schools for stage in s.stages()]
    persistent = {(s.name, st): rng.gauss(0, 1) - LAGGING.get(s.name, 0) for s, st in units}
    noise = {(s.name, st, i): rng.gauss(0, 0.7) for s, st in units for i in range(len(INDICATORS))}
    rows: list[StatRow] = []
    report: dict = {}
    for year in YEARS:
        for stage in ("小学", "初中"):
            group = [s for s, st in units if st == stage]
            block, cvs = _tune(group, stage, year, persistent, noise)
            rows.extend(block)
            report[(year, stage)] = cvs
    rows.sort(key=lambda r: (r.year, r.school.code, r.stage))
    return rows, report


def _tune(group, stage, year, persistent, noise):
    """Find, per indicator, the spread that gives the target CV; keep counts whole."""
    step = YEARS.index(year) / 3
    pupils = [s.pupils(year, stage) for s in group]
    columns, cvs = [], []
    for i, (_name, bases, growth, weight, decimals) in enumerate(INDICATORS):
        base = bases[0 if stage == "小学" else 1] * (1 + (growth - 1) * step)
        target = TARGET[stage][year] * weight
        size_bonus = [0.35 * math.log(300 / max(n, 10)) if i in (0, 1, 4, 5) else 0.0 for n in pupils]

        # the loop's values bound now, so each pass reads its own indicator
        def make(sigma: float, base: float = base, decimals: int = decimals, i: int = i,
                 size_bonus: list[float] = size_bonus) -> list[float]:
            out = []
            for s, n, bonus in zip(group, pupils, size_bonus):
                z = persistent[(s.name, stage)] * 0.8 + noise[(s.name, stage, i)] * 0.6 + bonus
                per = base * math.exp(sigma * z - sigma * sigma / 2)
                out.append(_round(per * n, decimals, i))
            return out

        low, high = 0.01, 3.0
        for _ in range(40):
            mid = (low + high) / 2
            if weighted_cv(make(mid), pupils) < target:
                low = mid
            else:
                high = mid
        columns.append(make((low + high) / 2))
    teachers = columns[5]
    for j in (6, 7):  # qualified or senior teachers never outnumber the teachers
        columns[j] = [min(v, t) for v, t in zip(columns[j], teachers)]
    for i in range(len(INDICATORS)):
        cvs.append(weighted_cv(columns[i], pupils))
    rows = [StatRow(year, s, stage, n, [col[k] for col in columns]) for k, (s, n) in enumerate(zip(group, pupils))]
    return rows, cvs


def _round(value: float, decimals: int, index: int) -> float:
    """Round a school total; head counts are whole and at least one teacher."""
    if decimals == 0:
        return float(max(1 if index == 5 else 0, round(value)))
    return round(value, decimals)


# ---------------------------------------------------------------------------------------------
# Tables in content/data/
# ---------------------------------------------------------------------------------------------

def write_csv(path: Path, header: list[str], rows: list[list[Any]], encoding: str = "utf-8-sig") -> None:
    """A CSV file with a header row."""
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
    path.write_bytes(buffer.getvalue().encode(encoding))


def write_tables(schools: list[School], stats: list[StatRow], rng: random.Random) -> None:
    """schools.csv, school_stats.xlsx, classes.csv, teacher_exchange.csv, consolidation.csv, satisfaction.csv."""
    write_csv(DATA / "schools.csv", ["学校名称", "学校代码", "学段", "乡镇", "寄宿", "食堂", "学生数", "班级数"], [
        [s.name, s.code, s.level, s.township, "是" if s.boarding else "否", "是" if s.canteen else "否", s.pupils(2017),
         len(s.classes[2017])]
        for s in schools
    ])
    header = ["年度", "学校", "学段", "学生数", *[name for name, *_ in INDICATORS]]
    write_xlsx(DATA / "school_stats.xlsx", "学校统计", None, header, [
        [r.year, r.school.name, r.stage, r.pupils, *[_cell(v) for v in r.values]] for r in stats
    ])
    write_csv(DATA / "classes.csv", ["年度", "学校", "班级", "学生数"], [
        [year, s.name, label, pupils] for year in YEARS for s in schools for label, pupils in s.classes[year]
    ], encoding="utf-8")
    exchange = {2014: (512, 41, 6), 2015: (523, 49, 9), 2016: (531, 61, 14), 2017: (538, 70, 18)}
    write_csv(DATA / "teacher_exchange.csv", ["年度", "应交流教师数", "实际交流教师数", "其中骨干及中高级教师数"],
              [[y, *v] for y, v in exchange.items()], encoding="utf-8")
    write_csv(DATA / "consolidation.csv", ["年度", "学段", "毕业人数", "入学时人数", "转入人数", "转出人数"],
              _consolidation(schools, rng), encoding="utf-8")
    write_csv(DATA / "satisfaction.csv", ["年度", "调查人数", "满意人数"],
              [[2014, 1200, 978], [2015, 1350, 1134], [2016, 1500, 1338], [2017, 1620, 1522]], encoding="utf-8")


def _cell(value: float) -> float | int:
    return int(value) if float(value).is_integer() else value


def _consolidation(schools: list[School], rng: random.Random) -> list[list[int]]:
    """Graduating cohorts against their intake: the rate climbs towards 99 %."""
    rates = {"小学": (0.978, 0.984, 0.990, 0.994), "初中": (0.962, 0.971, 0.982, 0.991)}
    rows = []
    for index, year in enumerate(YEARS):
        for stage, last in (("小学", 5), ("初中", 2)):
            graduates = sum(s.grades[year][stage][last] for s in schools if len(s.grades[year].get(stage, ())) > last)
            moved_in, moved_out = rng.randint(60, 120), rng.randint(80, 150)
            intake = round(graduates / rates[stage][index]) - moved_in + moved_out
            rows.append([year, stage, graduates, intake, moved_in, moved_out])
    return rows


# ---------------------------------------------------------------------------------------------
# File writers: one per type
# ---------------------------------------------------------------------------------------------

def find_font() -> str:
    """A glyf-based CJK TrueType font (CFF-based OpenType fonts lose their text layer in fpdf2)."""
    for candidate in FONT_CANDIDATES:
        if Path(candidate).is_file():
            return candidate
    sys.exit("需要一种 TrueType 中文字体：apt-get install fonts-wqy-zenhei (a CJK TrueType font is needed)")


def normalise_zip(path: Path) -> None:
    """Rewrite an Office zip with fixed timestamps so a rebuild gives identical bytes."""
    with zipfile.ZipFile(path) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in entries:
            if info.filename == "docProps/core.xml":  # openpyxl stamps the save time here
                data = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2017-06-01T09:00:00Z", data)
            fixed = zipfile.ZipInfo(info.filename, date_time=(2017, 6, 1, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = info.external_attr
            target.writestr(fixed, data)


def write_md(path: Path, meta: dict[str, Any], title: str, paragraphs: list[str]) -> None:
    """Markdown with YAML frontmatter and a heading."""
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False).strip()
    body = "\n\n".join(paragraphs)
    path.write_text(f"---\n{head}\n---\n\n# {title}\n\n{body}\n", encoding="utf-8")


def write_txt(path: Path, title: str, paragraphs: list[str], encoding: str) -> None:
    """Plain text the way office PCs save it: GBK, UTF-8 with BOM or plain UTF-8, CRLF lines."""
    text = "\r\n\r\n".join([title, *paragraphs]) + "\r\n"
    path.write_bytes(text.encode(encoding))


def write_pdf(path: Path, font: str, doc_no: str | None, title: str, paragraphs: list[str],
              signer: str | None, date: str | None) -> None:
    """A typeset notice or report with an extractable text layer."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_title(title)
    pdf.add_font("cjk", fname=font)
    pdf.set_margins(24, 26, 24)
    pdf.add_page()
    if doc_no:
        pdf.set_font("cjk", size=11)
        pdf.cell(0, 8, doc_no, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_draw_color(200, 30, 30)
        pdf.line(24, pdf.get_y() + 1, 186, pdf.get_y() + 1)
        pdf.ln(5)
    pdf.set_font("cjk", size=16)
    pdf.multi_cell(0, 10, title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.ln(3)
    pdf.set_font("cjk", size=11.5)
    for paragraph in paragraphs:
        pdf.multi_cell(0, 7.5, "\u3000\u3000" + paragraph, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1.5)
    if signer:
        pdf.ln(6)
        pdf.cell(0, 8, signer, align="R", new_x="LMARGIN", new_y="NEXT")
    if date:
        pdf.cell(0, 8, chinese_date(date), align="R", new_x="LMARGIN", new_y="NEXT")
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(io.StringIO()):
        pdf.output(str(path))  # the font subsetter reports the bitmap tables it drops


def write_docx(path: Path, title: str, paragraphs: list[str], table: list[list[Any]] | None = None,
               doc_no: str | None = None, signer: str | None = None, date: str | None = None) -> None:
    """A Word document: optional 文号 line, title, body, optional table, signature."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = docx.Document()
    style = document.styles["Normal"]
    style.font.name = "SimSun"
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    style.font.size = Pt(12)
    document.core_properties.created = FIXED_TIME
    document.core_properties.modified = FIXED_TIME
    document.core_properties.title = title
    document.core_properties.author = ""
    if doc_no:
        document.add_paragraph(doc_no).alignment = WD_ALIGN_PARAGRAPH.CENTER
    document.add_heading(title, level=1).alignment = WD_ALIGN_PARAGRAPH.CENTER
    for paragraph in paragraphs:
        document.add_paragraph(paragraph).paragraph_format.first_line_indent = Pt(24)
    if table:
        grid = document.add_table(rows=0, cols=len(table[0]))
        grid.style = "Table Grid"
        for row in table:
            cells = grid.add_row().cells
            for cell, value in zip(cells, row):
                cell.text = str(value)
    for line in (signer, chinese_date(date) if date else None):
        if line:
            document.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.RIGHT
    document.save(path)
    normalise_zip(path)


def write_xlsx(path: Path, sheet: str, caption: str | None, header: list[str], rows: list[list[Any]],
               note: str | None = None) -> None:
    """A one-sheet workbook: optional caption row, header, rows, optional note; widths set."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    path.parent.mkdir(parents=True, exist_ok=True)
    workbook = Workbook()
    workbook.properties.created = FIXED_TIME
    workbook.properties.modified = FIXED_TIME
    workbook.properties.creator = COUNTY
    ws = workbook.active
    ws.title = sheet
    if caption:
        ws.append([caption])
        ws.cell(row=1, column=1).font = Font(bold=True, size=14)
    ws.append(header)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
    for row in rows:
        ws.append(row)
    if note:
        ws.append([])
        ws.append([note])
    for index, name in enumerate(header, start=1):
        width = max([len(str(name)) * 2] + [len(str(r[index - 1])) * 1.6 for r in rows if len(r) >= index])
        ws.column_dimensions[ws.cell(row=1, column=index).column_letter].width = min(48, max(8, width))
    workbook.save(path)
    normalise_zip(path)


def write_xls(path: Path, sheet: str, caption: str, header: list[str], rows: list[list[Any]]) -> None:
    """A legacy Excel 97-2003 workbook, as older office PCs still produce."""
    import xlwt

    book = xlwt.Workbook(encoding="utf-8")
    ws = book.add_sheet(sheet)
    ws.write(0, 0, caption)
    for c, name in enumerate(header):
        ws.write(1, c, name)
        ws.col(c).width = 256 * max(10, len(name) * 2 + 2)
    for r, row in enumerate(rows, start=2):
        for c, value in enumerate(row):
            ws.write(r, c, value)
    book.save(str(path))


def chinese_date(iso: str) -> str:
    """2016-03-08 -> 2016年3月8日."""
    day = dt.date.fromisoformat(iso)
    return f"{day.year}年{day.month}月{day.day}日"


def _pil_font(font: str, size: int):
    from PIL import ImageFont

    return ImageFont.truetype(font, size)


def write_photo(path: Path, rng: random.Random, caption: str, font: str) -> None:
    """A photo-like picture of a school building under a sky, with a little sensor noise."""
    from PIL import Image, ImageDraw, ImageFilter

    w, h = 960, 620
    img = Image.new("RGB", (w, h))
    draw = ImageDraw.Draw(img)
    for y in range(h):  # sky fading into a paved yard
        t = y / h
        colour = (int(120 + 90 * t), int(170 + 60 * t), int(230 - 40 * t)) if t < 0.62 else (150, 146, 140)
        draw.line([(0, y), (w, y)], fill=colour)
    left, top = rng.randint(120, 200), rng.randint(170, 220)
    floors = rng.randint(3, 5)
    right, bottom = w - rng.randint(120, 200), 390
    draw.rectangle([left, top, right, bottom], fill=(222, 208, 186), outline=(120, 100, 80), width=3)
    draw.rectangle([left - 10, top - 16, right + 10, top], fill=(170, 60, 50))
    floor_h = (bottom - top) / floors
    for f in range(floors):
        for x in range(left + 24, right - 30, 56):
            y0 = int(top + f * floor_h + 10)
            draw.rectangle([x, y0, x + 32, y0 + int(floor_h) - 22], fill=(90, 130, 160), outline=(60, 60, 60))
    draw.rectangle([w // 2 - 36, bottom - 70, w // 2 + 36, bottom], fill=(80, 60, 50))
    for x in range(30, w, rng.randint(110, 150)):  # trees along the yard
        draw.ellipse([x - 30, 330, x + 30, 410], fill=(50, 110 + rng.randint(0, 40), 50))
        draw.rectangle([x - 4, 405, x + 4, 440], fill=(90, 70, 40))
    draw.line([(w - 90, 440), (w - 90, 250)], fill=(200, 200, 200), width=4)  # flag pole
    draw.rectangle([w - 90, 250, w - 40, 282], fill=(220, 30, 30))
    draw.text((left + 10, top - 60), caption, font=_pil_font(font, 30), fill=(250, 250, 250))
    img = img.filter(ImageFilter.GaussianBlur(0.8))
    pixels = img.load()
    for _ in range(9000):
        x, y = rng.randrange(w), rng.randrange(h)
        r, g, b = pixels[x, y]
        d = rng.randint(-18, 18)
        pixels[x, y] = (max(0, min(255, r + d)), max(0, min(255, g + d)), max(0, min(255, b + d)))
    img.save(path, "JPEG", quality=78)


def write_scan(path: Path, rng: random.Random, title: str, lines: list[str], font: str, kind: str) -> None:
    """A scanned paper page (no text layer): slightly tilted text, a red seal, paper noise."""
    from PIL import Image, ImageDraw

    w, h = 1000, 1400
    page = Image.new("RGB", (w, h), (246, 244, 236))
    draw = ImageDraw.Draw(page)
    draw.text((w // 2, 120), title, font=_pil_font(font, 40), fill=(30, 30, 30), anchor="mm")
    body = _pil_font(font, 26)
    y = 220
    for line in lines:
        for start in range(0, len(line), 30):
            draw.text((110, y), line[start:start + 30], font=body, fill=(40, 40, 40))
            y += 46
        y += 14
    cx, cy = w - 260, y + 80
    draw.ellipse([cx - 95, cy - 95, cx + 95, cy + 95], outline=(200, 30, 30), width=7)
    draw.regular_polygon((cx, cy, 26), 5, fill=(200, 30, 30), rotation=rng.randint(0, 10))
    for _ in range(2500):
        x, yy = rng.randrange(w), rng.randrange(h)
        draw.point((x, yy), fill=(200, 198, 190))
    page = page.rotate(rng.uniform(-1.2, 1.2), fillcolor=(246, 244, 236), expand=False)
    if kind == "tif":
        page.convert("L").point(lambda v: 255 if v > 150 else 0, mode="1").save(path, "TIFF", compression="group4")
    else:
        page.convert("L").quantize(16).save(path, "PNG", optimize=True)


# ---------------------------------------------------------------------------------------------
# The document plan
# ---------------------------------------------------------------------------------------------

@dataclass
class Doc:
    """One evidence file to write, with its metadata (frontmatter for md, a sidecar otherwise)."""

    folder: str  # relative to content/
    name: str  # file name without extension
    kind: str  # md txt pdf docx xlsx csv xls jpg png tif
    title: str
    paras: list[str] = field(default_factory=list)
    table: tuple[list[str], list[list[Any]]] | None = None
    meta: dict[str, Any] = field(default_factory=dict)
    encoding: str = "utf-8"
    item: str | tuple[str, ...] | None = None  # the checklist items this file is meant to satisfy
    signer: str | None = None
    caption: str | None = None  # photo caption or scan lines' owner

    def __post_init__(self) -> None:
        if isinstance(self.item, str):
            self.item = (self.item,)
        self.item = tuple(self.item or ())

    @property
    def path(self) -> Path:
        return CONTENT / self.folder / f"{self.name}.{self.kind}"


#: department id -> (folder name, issuer, 文号 prefix)
UNITS = {
    "zhengfuban": ("县政府办", "示范县人民政府办公室", "示政办发"),
    "fagai": ("县发改局", "示范县发展和改革局", "示发改字"),
    "jiaoke": ("县教科局", "示范县教育科技局", "示教科字"),
    "caizheng": ("财政局", "示范县财政局", "示财教"),
    "bianban": ("县编办", "示范县机构编制委员会办公室", "示编字"),
    "renshe": ("县人社局", "示范县人力资源和社会保障局", "示人社字"),
    "guotu": ("县国土资源局", "示范县国土资源局", "示国土资字"),
    "shiyaojian": ("县食药监局", "示范县食品药品监督管理局", "示食药监字"),
    "zhujian": ("县住建局", "示范县住房和城乡建设局", "示建字"),
    "shenji": ("县审计局", "示范县审计局", "示审教报"),
    "minzheng": ("县民政局", "示范县民政局", "示民字"),
    "gongan": ("县公安局", "示范县公安局", "示公治字"),
    "weiji": ("县卫计局", "示范县卫生和计划生育局", "示卫计字"),
    "tongji": ("县统计局", "示范县统计局", "示统字"),
    "wenhua": ("县文化局", "示范县文化局", "示文字"),
    "canlian": ("县残联", "示范县残疾人联合会", "示残联字"),
    "tuanwei-fulian": ("团县委、县妇联", "共青团示范县委员会 示范县妇女联合会", "示团联字"),
    "guoshui": ("县国税局", "示范县国家税务局", "示国税发"),
    "dishui": ("县地税局", "示范县地方税务局", "示地税发"),
    "dizhen": ("dizhen", "示范县地震局", "示震字"),
    "nongwei": ("县农委", "示范县农业委员会", "示农字"),
    "xiangzhen": ("各乡镇", "各乡镇人民政府", None),  # each township numbers its own: 白水政发〔2016〕12号
}
#: category id -> folder name (mostly full names, a few aliases or ids)
CATS = {"guihua": "发展规划", "baozhang": "保障机制", "biaozhunhua": "学校标准化建设",
        "jiaoshi": "教师队伍建设", "guifan": "规范办学行为", "zhiliang": "教育教学水平"}
CAT_FOLDER_OVERRIDES = {("fagai", "guihua"): "规划", ("guoshui", "baozhang"): "baozhang",
                        ("tongji", "guihua"): "guihua", ("weiji", "zhiliang"): "教学水平"}
YEAR_NOTES = {
    2014: "本年度是全县推进义务教育均衡发展的起步之年，各项工作以摸清底数、补齐短板为重点。",
    2015: "本年度全县按照均衡发展规划分年度推进，薄弱学校改造项目陆续开工。",
    2016: "本年度全县进入全面创建阶段，县创建工作领导组对各成员单位的工作实行台账管理。",
    2017: "本年度全县接受省政府督导评估和国家审核认定，各项工作以查漏补缺、巩固提高为主。",
}
TOWNS = list(TOWNSHIPS)


def township_prefix(town: str) -> str:
    """A township government's 文号 prefix: its name without 乡/镇, then 政发 (白水乡 -> 白水政发)."""
    return f"{town.removesuffix('乡').removesuffix('镇')}政发"


#: The national assessment came in November 2017 (襄政办发〔2017〕13号 三(四)): nothing is dated later.
LAST_DAY = dt.date(2017, 11, 15)


def fill(template: str, year: int, r: random.Random, **extra: Any) -> str:
    """Fill a text template with the year and plausible numbers (``extra`` wins over the defaults)."""
    values = dict(
        y=year, y1=year + 1, y0=year - 1, county=COUNTY, town=r.choice(TOWNS[1:]),
        a=r.randint(3, 9), b=r.randint(11, 38), c=r.randint(120, 860), d=r.randint(1200, 9800),
        e=round(r.uniform(1.5, 9.5), 1), p=round(r.uniform(95.5, 99.8), 1), m=r.randint(3, 11),
        k=round(r.uniform(120, 980), 1), w=r.randint(21, 64),
    )
    return template.format(**{**values, **extra})

# item id -> how its yearly evidence looks. kinds: one file type per year 2014..2017 (None: no file).
ITEM_DOCS: dict[str, dict[str, Any]] = {
    "zhengfuban-coordination": dict(
        dept="zhengfuban", cat="baozhang", kinds=("md", "md", "md", "pdf"), genre="minutes",
        title="{y}年义务教育均衡发展工作推进会会议纪要",
        paras=["{y}年{m}月，县政府在县行政中心第{a}会议室召开义务教育均衡发展工作推进会，分管副县长主持，县直{b}个成员单位和各乡镇分管负责同志参加。",
               "会议听取了县教科局关于全县学校标准化建设进展的汇报，逐项梳理了经费保障、教师配备、校舍改造等方面存在的问题，明确了各单位的完成时限。",
               "会议议定：一是县政府督查室对议定事项实行清单式督办，每月通报一次进度；二是对推进迟缓的单位由县政府办约谈主要负责人；三是各成员单位确定一名档案联络员，按季度报送工作资料。"]),
    "zhengfuban-inspection-prep": dict(
        dept="zhengfuban", cat="guihua", kinds=(None, None, "pdf", "docx"), genre="notice", docno=True,
        title="{y}年关于调整示范县创建义务教育发展基本均衡县工作领导组的通知",
        paras=["为加强对创建工作的组织领导，经县政府研究，决定调整县创建全国义务教育发展基本均衡县工作领导组，由县长任组长，分管副县长任副组长，县直有关单位和各乡镇主要负责同志为成员。",
               "领导组下设办公室，办公室设在县教科局，负责日常协调、督促检查和迎检准备工作。各成员单位要按照职责分工，于{m}月底前将本单位迎检资料整理完毕，报领导组办公室审核。",
               "各乡镇、各单位要把迎接督导评估作为当前的重点工作，主要负责同志亲自部署，确保人员、经费、时间三落实。"]),
    "fagai-education-plan": dict(
        period="year",
        dept="fagai", cat="guihua", kinds=("pdf", "docx", "md", "pdf"), genre="report", docno=True,
        title="{y}年示范县中长期教育改革与发展规划实施情况报告",
        paras=["根据县国民经济和社会发展规划，县发改局会同县教科局对全县中长期教育改革与发展规划的执行情况进行了年度评估。",
               "{y}年全县共安排教育类建设项目{a}个，总投资{k}万元，其中农村学校项目占比达到{w}%。学校布点与城镇发展规划相衔接，县城新区预留中小学用地{b}亩。",
               "下一步，将把义务教育学校建设项目列入年度重点项目库，优先保障用地和资金，推动规划目标按期实现。"]),
    "fagai-fee-review": dict(
        dept="fagai", cat="guifan", kinds=("xlsx", "xls", "xlsx", "docx"), genre="ledger",
        title="{y}年中小学收费标准审核档案",
        header=["序号", "收费项目", "收费对象", "审核标准", "审核结论", "审核日期"],
        events=["作业本费", "住宿费（寄宿生）", "课后服务费", "校服代购费", "教辅材料代购费", "体检费代收"],
        paras=["县发改局对全县义务教育学校的服务性收费和代收费项目进行了逐项审核，严禁学校以任何名义收取择校费、借读费。",
               "经审核，{y}年全县保留服务性收费项目{a}项，取消不合规代收费项目{a}项，审核结果已在各校公示栏公示。"]),
    "fagai-project-approval": dict(
        dept="fagai", cat="biaozhunhua", kinds=("pdf", "pdf", "docx", "pdf"), genre="notice", docno=True,
        title="{y}年关于{town}学校改扩建项目立项的批复",
        paras=["你局报来的项目建议书及可行性研究报告收悉。经研究，同意{town}中心小学综合楼改扩建项目立项。",
               "项目新建教学及辅助用房{c}平方米，改造运动场{d}平方米，总投资{k}万元，资金来源为中央薄弱学校改造专项资金和县级配套资金。",
               "请按照基本建设程序抓紧开展初步设计，严格执行招标投标、工程监理和合同管理制度，确保工程质量和资金安全。"]),
    "jiaoke-enrolment-rates": dict(
        dept="jiaoke", cat="zhiliang", kinds=("xlsx", "xlsx", "xlsx", "xlsx"), genre="ledger",
        title="{y}年义务教育入学率辍学率完成率毕业率统计表",
        header=["学段", "适龄人口", "在校生", "入学率(%)", "辍学率(%)", "完成率(%)", "毕业率(%)"]),
    "jiaoke-teacher-archive": dict(
        period="year",
        dept="jiaoke", cat="jiaoshi", kinds=("docx", "docx", "pdf", "docx"), genre="report",
        title="{y}年示范县教师队伍建设工作总结",
        paras=["{y}年全县义务教育阶段共有专任教师{d}人，本年度新补充教师{w}人，其中分配到农村学校的占{p}%。",
               "县教科局建立了教师队伍管理档案，逐人记录学历、职称、任教学科和交流经历。针对农村学校音乐、体育、美术教师不足的问题，采取走教和送教下乡的办法加以弥补。",
               "存在的问题是部分村小教师年龄偏大、学科结构不够合理，下一步将通过公开招聘和定向培养逐步解决。"]),
    "jiaoke-teacher-training": dict(
        period="year",
        dept="jiaoke", cat="jiaoshi", kinds=("md", "pdf", "txt", "md"), genre="report",
        title="{y}年中小学教师继续教育培训工作总结",
        paras=["本年度全县组织各类教师培训{b}期，参训教师{d}人次，完成率{p}%。培训以课堂教学能力和信息技术应用为重点。",
               "县教师进修学校承担全员培训任务，各乡镇中心学校组织校本研修。每名教师的学时登记在继续教育证书中，年终统一审核。",
               "县教科局对培训效果进行了抽查，{a}名教师在市级优质课评选中获奖。"]),
    "jiaoke-school-layout": dict(
        dept="jiaoke", cat="guihua", kinds=("docx", "pdf", "docx", "md"), genre="report",
        title="{y}年农村学校布局调整工作情况报告",
        paras=["{y}年，县教科局在广泛征求群众意见的基础上，对{town}等乡镇的学校布局进行了调整，保留必要的村小和教学点，方便低年级学生就近上学。",
               "调整后，学生规模过小的{a}所村小由乡镇中心学校统一管理，教师实行走教，课程开设情况明显好转。布局调整方案经过论证、公示和县政府批准程序。",
               "对撤并学校的闲置校舍，按照规定登记造册，优先用于学前教育。"]),
    "jiaoke-construction": dict(
        period="year",
        dept="jiaoke", cat="biaozhunhua", kinds=("docx", "pdf", "docx", "pdf"), genre="report",
        title="{y}年教育项目工程建设及校舍危旧房改造情况",
        paras=["{y}年全县实施教育项目工程{a}项，新建、改建校舍{c}平方米，完成投资{k}万元。",
               "经鉴定为C级、D级的危旧校舍共{a}栋，已全部停止使用，其中{a}栋完成拆除重建，其余列入下一年度改造计划。",
               "每项工程均建立了从立项、招标、施工、监理到竣工验收的完整档案，由县教科局基建股统一保管。"]),
    "jiaoke-equipment": dict(
        dept="jiaoke", cat="biaozhunhua", kinds=("xlsx", "xlsx", "xlsx", "xlsx"), genre="ledger",
        title="{y}年学校教育技术装备与设施配套统计表",
        header=["学校", "计算机(台)", "多媒体教室(间)", "实验仪器达标", "图书(册)", "音体美器材达标"]),
    "jiaoke-self-evaluation": dict(
        dept="jiaoke", cat="zhiliang", kinds=(None, None, "docx", "pdf"), genre="report", docno=True,
        title="{y}年示范县义务教育均衡发展自查自评报告",
        paras=["按照省定评估办法，县教科局组织督导室、计财股、基教股等股室，于{m}月对全县义务教育学校逐校开展了自查。",
               "自查结果：全县义务教育学校办学基本标准达标率{p}%，小学、初中校际差异系数逐年缩小，公众满意度调查满意率达到{p}%。",
               "针对自查发现的问题，县教科局建立整改台账，明确责任股室和完成时限，整改情况纳入对学校的年度考核。"]),
    "jiaoke-statistics-report": dict(
        dept="jiaoke", cat="zhiliang", kinds=("md", "txt", "md", "docx"), genre="report",
        title="{y}学年度教育事业统计年报分析",
        paras=["本学年度全县共有义务教育学校{n_schools}所，在校学生{n_pupils}人，其中小学{n_primary}人，初中{n_junior}人。",
               "统计数据以学籍系统为基础，与乡镇、学校逐一核对，确保学生数、班级数、教师数和办学条件数据准确一致。",
               "与上年相比，县城学校学生继续增加，农村学校学生有所减少，班额结构进一步优化。"]),
    "caizheng-funding-docs": dict(
        dept="caizheng", cat="baozhang", kinds=("pdf", "pdf", "docx", "pdf"), genre="notice", docno=True,
        title="{y}年义务教育经费保障机制资金拨付通知",
        paras=["县教科局：根据义务教育经费保障机制有关规定，现下达你局{y}年义务教育学校公用经费、寄宿生生活补助等资金共计{k}万元。",
               "资金已通过国库集中支付系统拨付，拨付凭证随文附后。请严格按照规定用途使用，不得挤占挪用，并于年底前报送资金使用情况。"]),
    "caizheng-funding-table": dict(
        period="year", calendar=True,
        dept="caizheng", cat="baozhang", kinds=("xlsx", "xlsx", "xlsx", "xlsx"), genre="ledger",
        title="{y}年教育经费投入情况统计表",
        header=["项目", "上年决算(万元)", "本年决算(万元)", "增长(%)"]),
    "caizheng-funding-report": dict(
        period="year", calendar=True,
        dept="caizheng", cat="baozhang", kinds=("docx", "docx", "pdf", "docx"), genre="report",
        title="{y}年教育经费投入和使用情况报告",
        paras=["{y}年，县财政坚持把教育作为公共财政支出的重点，全年教育支出{d}万元，比上年增长{e}%，高于同期财政经常性收入增幅。",
               "按在校学生人数计算的义务教育生均教育事业费和生均公用经费均有增长，实现了“三个增长”的要求。城市教育费附加、地方教育费附加全额用于教育。",
               "经费安排向农村学校和薄弱学校倾斜，全年用于农村学校改善办学条件的资金占{w}%。"]),
    "caizheng-land-revenue": dict(
        period="year", calendar=True,
        dept="caizheng", cat="baozhang", kinds=("txt", "txt", "txt", "txt"), genre="report", encoding="gbk",
        title="{y}年从土地出让收益中计提教育资金情况说明",
        paras=["{y}年全县土地出让收益{d}万元，按规定比例计提教育资金{k}万元，已全额拨付县教科局。",
               "计提资金主要用于农村学校校舍改造、运动场建设和教学设备购置，专款专用，年终接受审计。"]),
    "bianban-staffing": dict(
        dept="bianban", cat="jiaoshi", kinds=("pdf", "pdf", "pdf", "docx"), genre="notice", docno=True,
        title="{y}年关于核定全县中小学教职工编制的通知",
        paras=["根据中小学教职工编制标准和各校在校学生数，经县编委研究，核定全县中小学教职工编制{d}名，其中小学{c}名、初中{c}名。",
               "对农村寄宿制学校和乡村小规模学校，按照班师比与生师比相结合的办法适当增加编制。县教科局可在核定总量内统筹调配，报县编办备案。"]),
    "renshe-teacher-staffing": dict(
        period="year",
        dept="renshe", cat="jiaoshi", kinds=("docx", "md", "docx", "pdf"), genre="report",
        title="{y}年中小学教师招聘补充及职称晋升工作情况",
        paras=["{y}年，县人社局会同县教科局公开招聘中小学教师{w}名，全部充实到农村学校和紧缺学科岗位。",
               "本年度全县中小学教师晋升中级职称{b}人、高级职称{a}人，职称评审向农村一线教师倾斜，岗位设置和聘用结果已公示。",
               "教职工养老、医疗等社会保险按时足额缴纳，教师工资收入不低于当地公务员平均水平。"]),
    "shiyaojian-canteen": dict(
        dept="shiyaojian", cat="guifan", kinds=("txt", "md", "docx", "txt"), genre="report", encoding="utf-8-sig",
        period="year", items=("shiyaojian-canteen-inspection", "shiyaojian-canteen-training"),
        title="{y}年学校食堂食品安全监督检查及餐饮从业人员培训情况",
        paras=["{y}年，县食药监局对全县{w}所学校食堂开展了春秋两季全覆盖检查，重点检查食品经营许可证、原料采购索证索票和餐饮从业人员健康证。",
               "全年审验办理学校食堂《食品经营许可证》{a}份，组织餐饮从业人员培训{a}期、{c}人次。发现问题{b}处，已全部督促整改到位。"]),
    "zhujian-project-archive": dict(
        period="year", calendar=True,
        dept="zhujian", cat="biaozhunhua", kinds=("pdf", "xlsx", "pdf", "xlsx"), genre="ledger",
        title="{y}年教育建设项目招投标监理及竣工验收档案目录",
        header=["项目名称", "设计单位", "招投标日期", "监理单位", "竣工验收日期", "决算(万元)"],
        paras=["{y}年县住建局对全县教育建设项目实行全过程质量监督，建立了从设计、预算、招投标到竣工验收和决算的项目档案。",
               "本年度完成竣工验收的教育项目{a}个，工程质量全部合格，决算总额{k}万元。"]),
    "zhujian-residential-schools": dict(
        dept="zhujian", cat="guihua", kinds=("md", "docx", "md", "pdf"), genre="report", period="year",
        title="{y}年新建居住区配建教育设施管理工作记录",
        paras=["{y}年县住建局对县城新建的{a}个居住区项目逐一核对配建中小学校、幼儿园的规划条件，配建学校与住宅同步设计、同步建设。",
               "对未按规划条件配建教育设施的项目，不予办理建设工程规划核实和竣工验收备案。"]),
    "zhujian-building-safety": dict(
        dept="zhujian", cat="biaozhunhua", kinds=("md", "md", "docx", "md"), genre="report",
        title="{y}年中小学校舍安全排查工作记录",
        paras=["县住建局会同教育、国土、消防部门于{m}月对全县中小学校舍开展了安全排查，共排查校舍{b}栋。",
               "对排查出的{a}栋存在隐患的校舍委托有资质的机构进行了安全鉴定，并指导学校落实加固或拆除措施。"]),
    **{f"shenji-audit-report-{slug}": dict(
        dept="shenji", cat="baozhang", kinds=("pdf", "pdf", "pdf", "docx"), genre="notice", docno=True,
        period="year", calendar=True,
        title="{y}年" + subject + "专项审计报告",
        paras=["根据年度审计计划，县审计局对县教科局及所属学校{y}年" + subject + "进行了专项审计。",
               "审计结果表明，县级财政教育投入按规定足额预算、及时拨付，专项资金基本做到专款专用。审计发现个别学校支出凭证不规范等问题{a}项。",
               "针对上述问题，审计局随报告出具整改建议书，要求有关单位于三个月内完成整改并报送整改结果。"])
       for slug, subject in (("mechanism", "义务教育经费保障机制执行情况"), ("projects", "教育项目工程资金使用情况"),
                             ("special-funds", "教育专项经费使用情况"), ("county-input", "县级财政教育投入情况"))},
    "minzheng-relief": dict(
        period="year",
        dept="minzheng", cat="baozhang", kinds=("xlsx", "txt", "xlsx", "md"), genre="ledger", encoding="gbk",
        title="{y}年困难家庭及留守儿童救助工作台账",
        header=["乡镇", "救助对象类别", "人数", "救助金额(元)", "发放方式"],
        paras=["{y}年县民政局将符合条件的困难家庭学生纳入低保和临时救助范围，全年救助{c}人次，发放救助金{k}万元。",
               "对流浪儿童和留守儿童，建立了乡镇摸排、民政救助、学校关爱的工作机制。"]),
    "gongan-campus-security": dict(
        period="year",
        dept="gongan", cat="guifan", kinds=("md", "docx", "md", "pdf"), genre="report",
        title="{y}年校园周边治安环境整治工作总结",
        paras=["{y}年县公安局在全县中小学建立护校岗，上下学时段警力在校门口值守，全年开展校园周边治安整治行动{a}次。",
               "对校园周边的摊点、网吧和交通秩序进行了集中整治，查处违规行为{b}起，协助学校完善了门卫、视频监控和一键报警设施。"]),
    "weiji-health-records": dict(
        dept="weiji", cat="zhiliang", kinds=("docx", "xlsx", "docx", "md"), genre="report",
        period="year", items=tuple(f"weiji-health-records-{k}" for k in ("checkups", "prevention", "infections",
                                                                               "canteen-staff")),
        title="{y}年中小学生健康体检、预防保健、传染病防控及学校餐饮人员健康体检档案",
        header=["项目", "应检人数", "实检人数", "完成率(%)"],
        paras=["{y}年县卫计局组织全县中小学生健康体检，应检{d}人，实检率{p}%，体检结果逐人建档并反馈学校和家长。",
               "春秋季传染病高发期，卫计部门深入学校开展预防保健指导，落实晨午检和因病缺课追踪制度；学校食堂从业人员全部完成年度健康体检。"]),
    **{f"weiji-water-quality-q{q}": dict(
        dept="weiji", cat="guifan", kinds=("xlsx", "xlsx", "xlsx", "xlsx"), genre="ledger", period=f"q{q}",
        title="{y}年第" + "一二三四"[q - 1] + "季度学校生活饮用水水质检验报告",
        header=["学校", "水源类型", "检验项目", "检验结果", "结论", "检验机构"])
       for q in (1, 2, 3, 4)},
    "weiji-disability-assessment": dict(
        dept="weiji", cat="guifan", kinds=("md", "docx", "md", "pdf"), genre="report", period="year",
        title="{y}年适龄残疾儿童少年医学鉴定工作记录",
        paras=["{y}年县卫计局会同县残联、县教科局对新申报的适龄残疾儿童少年进行了医学鉴定，鉴定{b}人，出具鉴定意见{b}份。",
               "鉴定结果作为安排随班就读、特殊教育学校就读和送教上门的依据，逐人建立档案，并反馈县教科局和县残联。"]),
    "tongji-statistics": dict(
        period="year", calendar=True,
        dept="tongji", cat="guihua", kinds=("csv", "md", "csv", "docx"), genre="ledger",
        title="{y}年国民经济和社会发展及人口统计资料",
        header=["指标", "单位", "数值"],
        paras=["县统计局为义务教育均衡发展评估提供经济社会发展和人口统计资料。",
               "{y}年末全县户籍人口约{w}万人，地区生产总值比上年增长{e}%。"]),
    "wenhua-market-summary": dict(
        period="year",
        dept="wenhua", cat="guifan", kinds=("docx", "docx", "pdf", "docx"), genre="report",
        title="{y}年文化市场管理工作总结",
        paras=["{y}年县文化局加强对学校周边文化娱乐场所的日常监管，检查网吧、游艺场所{b}家次，查处接纳未成年人等违规行为{a}起。",
               "在寒暑假和开学前后开展专项整治，联合公安、工商部门清理校园周边非法出版物，净化了学生成长的社会环境。"]),
    "canlian-disabled-children": dict(
        period="year",
        dept="canlian", cat="guifan", kinds=("txt", "txt", "md", "txt"), genre="report", encoding="gbk",
        title="{y}年残疾适龄儿童普查帮扶及办证工作记录",
        paras=["{y}年县残联会同教育、卫计部门对全县6至15周岁残疾儿童进行了入户普查，核实残疾适龄儿童{b}人。",
               "为{a}名儿童新办或换发残疾人证，对不能到校就读的重度残疾儿童安排送教上门，做到一人一案。"]),
    "tuanwei-fulian-student-aid": dict(
        period="year",
        dept="tuanwei-fulian", cat="baozhang", kinds=("md", "md", "docx", "md"), genre="report",
        title="{y}年希望工程助学和留守儿童关爱工作情况",
        paras=["{y}年团县委、县妇联通过希望工程募集助学资金{k}万元，资助家庭困难学生{c}名。",
               "在{a}所农村学校建立留守儿童之家，组织志愿者开展亲情通话、课业辅导和心理疏导，关爱活动覆盖留守儿童{d}人次。"]),
    "guoshui-city-surcharge": dict(
        period="year", calendar=True,
        dept="guoshui", cat="baozhang", kinds=("xlsx", "xls", "xlsx", "xlsx"), genre="ledger",
        items=("guoshui-city-surcharge-collection", "guoshui-city-surcharge-donations"),
        title="{y}年城市教育费附加征收入库及捐赠减免税落实情况表",
        header=["月份", "征收额(万元)", "入库额(万元)", "入库率(%)"]),
    "dishui-local-surcharge": dict(
        period="year", calendar=True,
        dept="dishui", cat="baozhang", kinds=("xlsx", "md", "xlsx", "docx"), genre="ledger",
        items=("dishui-local-surcharge-collection", "dishui-local-surcharge-donations"),
        title="{y}年地方教育费附加征收入库及捐赠减免税落实情况",
        header=["月份", "征收额(万元)", "入库额(万元)", "入库率(%)"],
        paras=["{y}年县地税局按规定足额征收地方教育费附加，全年入库{k}万元，做到应收尽收、及时入库。",
               "对纳税人通过公益性社会团体向教育事业的捐赠，按政策落实税前扣除，全年办理减免税{a}户次。"]),
    "dizhen-earthquake-safety": dict(
        period="year", items=("dizhen-earthquake-safety-education", "dizhen-earthquake-safety-inspection"),
        dept="dizhen", cat="biaozhunhua", kinds=("pdf", "pdf", "docx", "pdf"), genre="report",
        title="{y}年中小学防震减灾宣传及抗震设防检查情况",
        paras=["{y}年县地震局在全县中小学开展防震减灾知识进校园活动{b}场，指导学校每学期组织一次应急疏散演练。",
               "对本年度新建、改扩建的{a}项学校工程进行了抗震设防要求审核和施工现场检查，均符合设防标准。"]),
    "nongwei-poverty-aid": dict(
        period="year",
        dept="nongwei", cat="baozhang", kinds=("docx", "md", "docx", "docx"), genre="report",
        title="{y}年农村贫困家庭子女就学帮扶及扶贫项目支持学校建设情况",
        paras=["{y}年县农委把贫困家庭子女就学纳入精准扶贫工作，建档立卡贫困家庭义务教育阶段学生{c}人全部在校就读。",
               "统筹扶贫项目资金{k}万元，支持{a}所贫困村学校维修校舍、改造厕所和取暖设施。"]),
    "xiangzhen-law-publicity": dict(
        dept="xiangzhen", cat="baozhang", kinds=("md", "txt", "md", "docx"), genre="report", encoding="utf-8",
        period="year", title="{y}年{town}教育法律法规宣传工作记录",
        paras=["{y}年{town}结合普法工作，利用集日、村民大会和宣传栏，宣传《义务教育法》《未成年人保护法》等法律法规{b}场次。",
               "乡司法所、派出所和乡中心学校联合开展送法进村活动，发放宣传资料{d}份，重点讲解适龄儿童少年入学和监护人的法定义务。"]),
    "xiangzhen-campaign-publicity": dict(
        dept="xiangzhen", cat="baozhang", kinds=(None, None, "docx", "pdf"), genre="notice", docno=True,
        period="campaign", title="{y}年{town}关于开展创建义务教育发展基本均衡县宣传发动工作的通知",
        paras=["为营造创建全国义务教育发展基本均衡县的良好氛围，经乡（镇）政府研究，决定在全乡（镇）开展创建宣传发动工作。",
               "各村要通过广播、宣传栏、入户走访等形式，宣传义务教育均衡发展的意义和全县创建工作的目标任务，做到家喻户晓。",
               "乡（镇）中心学校组织各校召开家长会，发放《致家长的一封信》，收集群众对学校工作的意见和建议。"]),
    "xiangzhen-dropout-control": dict(
        period="year",
        dept="xiangzhen", cat="guifan", kinds=("md", "txt", "md", "md"), genre="report", encoding="utf-8",
        title="{y}年{town}控辍保学工作记录",
        paras=["{y}年{town}落实控辍保学责任，乡镇长、村委会主任、校长和家长层层签订责任书。",
               "本年度排查出有辍学倾向的学生{a}名，经入户劝返全部返校就读，劝返情况登记在册并书面报告县教科局。"]),
    "xiangzhen-campus-environment": dict(
        dept="xiangzhen", cat="guifan", kinds=("md", "md", "txt", "md"), genre="report", encoding="utf-8-sig",
        period="year", items=("xiangzhen-campus-environment-land", "xiangzhen-campus-environment-environment"),
        title="{y}年{town}学校建设用地协调和周边环境综合治理记录",
        paras=["{y}年{town}协调落实学校建设用地{a}亩，组织派出所、市场监管所对学校周边环境开展综合治理。",
               "清理校门口占道摊点{b}处，在学校路段增设减速带和警示标志，学校周边安全卫生状况明显改善。"]),
    # county items (seed 001) and the six categories
    "county-class-size-ledger": dict(
        items=("school-class-size-ledger",),
        dept="jiaoke", cat="guifan", kinds=("xlsx", "xlsx", "xlsx", "xlsx"), genre="classes",
        title="{y}年消除大班额工作台账"),
    "county-teacher-exchange": dict(
        period="year",
        dept="jiaoke", cat="jiaoshi", kinds=("docx", "xlsx", "docx", "pdf"), genre="exchange",
        title="{y}年校长教师交流轮岗工作情况"),
    "county-small-school-funding": dict(
        dept="caizheng", cat="baozhang", kinds=("xlsx", "xlsx", "xlsx", "xlsx"), genre="smallschools",
        title="{y}年乡村小规模学校和教学点公用经费核拨表"),
    "county-transfer-funds": dict(
        period="year", calendar=True,
        dept="caizheng", cat="baozhang", kinds=("pdf", "docx", "pdf", "md"), genre="report",
        title="{y}年农村税费改革转移支付教育资金落实情况",
        paras=["{y}年县财政安排农村税费改革转移支付资金用于义务教育，小学按每生每年{p_small}元、初中按每生每年{p_junior}元标准足额拨付，均不低于省定标准。",
               "资金重点用于农村学校日常运转和校舍维修，由县教科局按学校在校生人数分配到校。"]),
    "county-satisfaction-survey": dict(
        dept="jiaoke", cat="zhiliang", kinds=(None, None, "docx", "pdf"), genre="satisfaction",
        title="{y}年公众对义务教育均衡发展满意度调查报告"),
    "category-guifan-curriculum": dict(
        dept="jiaoke", cat="guifan", kinds=("pdf", "md", "docx", "md"), genre="notice", docno=True,
        title="{y}年秋季学期开齐课程开足课时专项检查通报",
        paras=["{y}年秋季开学后，县教科局对全县义务教育学校课程开设情况进行了专项检查，重点检查音乐、体育、美术、综合实践等课程的课时安排。",
               "检查中发现{a}所学校存在挤占综合实践活动课时的现象，已责令整改。全县义务教育学校均未设置重点班，招生严格执行免试就近入学。"]),
    "category-zhiliang-physical-health": dict(
        dept="jiaoke", cat="zhiliang", kinds=("xlsx", "xlsx", "xlsx", "xlsx"), genre="ledger",
        title="{y}年学生体质健康测试结果汇总",
        header=["学段", "测试人数", "优秀率(%)", "良好率(%)", "及格率(%)"]),
    "category-zhiliang-quality-monitoring": dict(
        dept="jiaoke", cat="zhiliang", kinds=(None, "md", "pdf", "docx"), genre="report",
        title="{y}年义务教育质量监测分析报告",
        paras=["{y}年县教科局对四年级、八年级学生进行了语文、数学和科学学科的质量监测，抽样学校{w}所。",
               "监测结果显示，农村学校与县城学校的平均成绩差距比上年缩小{e}个百分点。监测结果纳入学校年度督导评估和综合考核。"]),
    "category-biaozhunhua-acceptance": dict(
        dept="jiaoke", cat="biaozhunhua", kinds=(None, None, "pdf", "docx"), genre="report",
        title="{y}年义务教育标准化学校达标验收报告",
        paras=["县教科局按照省定办学基本标准，从校舍建设、装备配置、信息技术、办学规模、队伍建设、生活设施、管理质量、校园文化八个方面，对申报学校进行了达标验收。",
               "{y}年共验收学校{b}所，全部达到标准化学校要求，验收材料逐校归档。"]),
    "category-jiaoshi-rural-teachers": dict(
        dept="jiaoke", cat="jiaoshi", kinds=(None, None, "md", "docx"), genre="report",
        title="{y}年紧缺学科及寄宿制学校生活管理教师配备情况",
        paras=["针对农村学校音体美教师不足的问题，{y}年县教科局通过招聘和调剂补充音体美教师{b}名，紧缺学科教师基本配齐。",
               "全县寄宿制学校按寄宿生规模配备生活管理教师{w}名，负责学生住宿、就餐和课余生活管理。"]),
}

#: (item, year) -> a title without the item's keywords; the file names the item in its checklist metadata
EXPLICIT = {("dishui-local-surcharge", 2015): "2015年地方教育附加征管及捐赠减免税落实情况",
            ("caizheng-land-revenue", 2016): "2016年国有土地收益教育资金计提台账说明"}
#: (item, year) -> extra metadata
EXTRA_META = {("zhengfuban-coordination", 2016): {"密级": "内部"},
              ("jiaoke-teacher-training", 2015): {"年度": "2015-2016"},
              ("shenji-audit-report-mechanism", 2017): {"保管期限": "永久"}}


@dataclass
class Context:
    """What the document builders need: the county's schools, statistics and a seeded rng."""

    schools: list[School]
    stats: list[StatRow]
    rng: random.Random
    font: str


def _date(year: int, r: random.Random, months: tuple[int, int] = (3, 11)) -> str:
    return min(dt.date(year, r.randint(*months), r.randint(1, 28)), LAST_DAY).isoformat()


def _period_date(year: int, period: str, r: random.Random) -> str:
    """When a document is written: events within their year; a whole year's report after it ends.

    ``year``: a report on the whole year, written early the next year; the 2017 one (the archive closes
    before the national assessment in November 2017) covers January to September and is dated October.
    ``q1`` … ``q4``: a quarterly test, reported in the quarter's last month but one (Q4: November).
    """
    if period == "year":
        return _date(year + 1, r, (1, 3)) if year < 2017 else _date(2017, r, (10, 10))
    if period == "campaign":  # the publicity stage began in December 2016 (襄政办发〔2017〕13号 三(一))
        return _date(year, r, (12, 12)) if year == 2016 else _date(year, r, (3, 5))
    if period.startswith("q"):
        month = 3 * int(period[1]) - 1
        return dt.date(year, month, r.randint(3, 15)).isoformat()
    return _date(year, r)


#: A whole-year 2017 report covers what had passed when the archive closed.
PART_OF_2017 = "2017年1—9月"


def number_documents(docs: list[Doc]) -> None:
    """Give every document that has an issuer prefix its 文号: 〔year of its date〕, numbered in date order.

    Each issuer numbers its documents through the year; the demo's documents are a few of them, so
    numbers leave gaps (the other documents of that issuer), fixed by a seeded generator of their own.
    """
    r = random.Random(SEED + 13)
    groups: dict[tuple[str, str], list[Doc]] = {}
    for doc in docs:
        prefix = doc.meta.pop("_prefix", None)
        if prefix:
            groups.setdefault((prefix, doc.meta["日期"][:4]), []).append(doc)
    for (prefix, year), group in sorted(groups.items()):
        number = r.randint(1, 9)
        for doc in sorted(group, key=lambda d: (d.meta["日期"], d.name)):
            doc.meta = {"文号": f"{prefix}〔{year}〕{number}号", **doc.meta}
            number += r.randint(2, 11)


def _folder(dept: str, cat: str, year: int | None, sub: str | None = None) -> str:
    """content-relative folder; year folders alternate between ``2016`` and ``2016年``."""
    unit = UNITS[dept][0]
    category = CAT_FOLDER_OVERRIDES.get((dept, cat), CATS[cat])
    parts = [unit, category]
    if sub:
        parts.append(sub)
    if year is not None:
        parts.append(f"{year}年" if sorted(UNITS).index(dept) % 2 else str(year))
    return "/".join(parts)


def item_docs(ctx: Context) -> list[Doc]:
    """One file per item and year, as ITEM_DOCS describes, minus the deliberate gaps."""
    docs = []
    for item, spec in ITEM_DOCS.items():
        for year, kind in zip(YEARS, spec["kinds"]):
            if kind is None or MISSING_YEARS.get(item) == year:
                continue
            docs.append(_item_doc(ctx, item, spec, year, kind))
    return docs


def _item_doc(ctx: Context, item: str, spec: dict[str, Any], year: int, kind: str) -> Doc:
    r = ctx.rng
    town = r.choice(TOWNS[1:])
    extra = {**_numbers(ctx, year), "town": town}
    title = fill(spec["title"], year, r, town=town)
    partial = spec.get("calendar") and spec.get("period") == "year" and year == 2017
    if partial:  # the 2017 whole-year report covers what had passed when the archive closed
        title = title.replace("2017年", PART_OF_2017, 1)
    meta: dict[str, Any] = {}
    if (item, year) in EXPLICIT:
        title = EXPLICIT[(item, year)]
        meta["checklist"] = [item]
    unit, issuer, prefix = UNITS[spec["dept"]]
    if spec["dept"] == "xiangzhen":
        issuer, prefix = f"{town}人民政府", township_prefix(town)
        meta["责任者"] = issuer
    date = _period_date(year, spec.get("period", "event"), r)
    if spec.get("docno"):
        meta["_prefix"] = prefix  # numbered once every document is known (number_documents)
    meta["日期"] = date
    meta.update(EXTRA_META.get((item, year), {}))
    paras = [fill(t, year, r, **extra) for t in spec.get("paras", [])]
    if paras and spec["genre"] == "report":
        paras.insert(1, YEAR_NOTES[year])
    table = _table(ctx, item, spec, year)
    genre = spec["genre"]
    if genre == "minutes":
        paras = [f"时间：{chinese_date(date)}上午9时", f"地点：{COUNTY}行政中心第{r.randint(2, 6)}会议室",
                 "主持：分管副县长", "记录：县政府办综合股", *paras]
    elif genre == "notice":
        to = "各村民委员会，乡（镇）直各单位，辖区各学校：" if spec["dept"] == "xiangzhen" else "各乡镇人民政府，县直有关单位："
        paras = [to, *paras, "特此通知。"]
    elif genre in ("classes", "exchange", "smallschools", "satisfaction"):
        paras = _county_paras(ctx, genre, year)
    if partial:
        paras.insert(0, f"本报告反映{PART_OF_2017}的情况，全年数据待年度决算后补充归档。")
    name = title if r.random() < 0.7 else f"{year}-{title.removeprefix(f'{year}年')}"
    return Doc(_folder(spec["dept"], spec["cat"], year), name, kind, title, paras, table, meta,
               spec.get("encoding", "utf-8"), tuple(spec.get("items", (item,))), signer=issuer)


def _numbers(ctx: Context, year: int) -> dict[str, Any]:
    """County totals for a year, for text templates."""
    primary = sum(r.pupils for r in ctx.stats if r.year == year and r.stage == "小学")
    junior = sum(r.pupils for r in ctx.stats if r.year == year and r.stage == "初中")
    return {"n_schools": len(ctx.schools), "n_pupils": primary + junior, "n_primary": primary,
            "n_junior": junior, "p_small": 100 + (year - 2014) * 10, "p_junior": 142 + (year - 2014) * 12}


def _table(ctx: Context, item: str, spec: dict[str, Any], year: int) -> tuple[list[str], list[list[Any]]] | None:
    """The table a ledger-like item carries, if any."""
    r = ctx.rng
    header = spec.get("header")
    rows_of_year = [s for s in ctx.stats if s.year == year]
    if item == "fagai-fee-review":
        rows = [[i + 1, e, "义务教育学生", "据实代收" if "代" in e else f"{r.randint(3, 12) * 10}元/学期",
                 "取消" if i == 4 else "同意", _date(year, r, (7, 8))] for i, e in enumerate(spec["events"])]
    elif item == "jiaoke-enrolment-rates":
        rows = []
        for stage, base in (("小学", 99.6), ("初中", 98.4)):
            pupils = sum(s.pupils for s in rows_of_year if s.stage == stage)
            step = YEARS.index(year) * 0.1
            rows.append([stage, round(pupils * 1.004), pupils, round(base + step, 2), round(0.6 - step, 2),
                         round(base - 1.2 + step * 2, 2), round(99.1 + step, 2)])
    elif item == "jiaoke-equipment":
        rows = [[s.school.name + ("（初中部）" if s.school.level == "九年一贯制" and s.stage == "初中" else ""),
                 int(s.values[3]), max(1, int(s.pupils / 45)), "是", int(s.values[4]), "是" if s.values[2] > 1 else "否"]
                for s in rows_of_year]
    elif item == "caizheng-funding-table":
        base = 21000 * 1.09 ** YEARS.index(year)
        if year == 2017:  # no 决算 yet: what was spent in January to September, against the same months of 2016
            header = ["项目", "上年同期(万元)", "本年1—9月(万元)", "增长(%)"]
            base *= 0.72
        rows = [[name, round(base * share / 1.08, 1), round(base * share, 1), round(r.uniform(6.5, 11.5), 1)]
                for name, share in (("教育支出合计", 1.0), ("其中：义务教育支出", 0.62),
                                    ("农村学校公用经费", 0.08), ("校舍维修改造", 0.06), ("教师培训", 0.015))]
    elif item.startswith("weiji-water-quality"):
        sampled = sorted(r.sample([s.name for s in ctx.schools], 12))
        rows = [[name, r.choice(("集中式供水", "自备井")), "感官性状、微生物、消毒剂等", "符合GB 5749-2006", "合格",
                 f"{COUNTY}疾病预防控制中心"] for name in sampled]
    elif item == "tongji-statistics":
        rows = [["年末户籍人口", "万人", round(31.2 + YEARS.index(year) * 0.2, 1)],
                ["地区生产总值", "亿元", round(86.4 * 1.07 ** YEARS.index(year), 1)],
                ["一般公共预算收入", "亿元", round(5.8 * 1.06 ** YEARS.index(year), 2)],
                ["6-14周岁人口", "人", 30500 + YEARS.index(year) * 310],
                ["城镇化率", "%", round(43.5 + YEARS.index(year) * 1.3, 1)]]
    elif item in ("guoshui-city-surcharge", "dishui-local-surcharge"):
        rows = []
        for month in range(1, 13 if year < 2017 else 10):  # 2017: the months before the archive closed
            amount = round(r.uniform(38, 95) * (1.05 ** YEARS.index(year)), 2)
            rows.append([f"{month}月", amount, amount, 100.0])
    elif item == "minzheng-relief":
        rows = [[town, kind, r.randint(8, 60), r.randint(40, 300) * 100, "一卡通发放"]
                for town in TOWNS for kind in ("低保家庭学生", "留守儿童")][: 12]
    elif item == "zhujian-project-archive":
        rows = [[f"{r.choice(TOWNS[1:])}{r.choice(['中心小学', '初级中学'])}{r.choice(['综合楼', '学生宿舍楼', '食堂', '运动场'])}工程",
                 f"{COUNTY}建筑设计院", _date(year, r, (3, 5)), f"{COUNTY}建设监理公司",
                 _date(year, r, (9, 12) if year < 2017 else (7, 9)),
                 round(r.uniform(80, 900), 1)] for _ in range(r.randint(3, 6))]
    elif item == "weiji-health-records":
        rows = [["学生健康体检", 32000, 31650, 98.9], ["食堂从业人员体检", 380, 380, 100.0]]
    elif item == "category-zhiliang-physical-health":
        step = YEARS.index(year)
        rows = [[stage, sum(s.pupils for s in rows_of_year if s.stage == stage), round(18 + step * 1.5, 1),
                 round(40 + step, 1), round(91.5 + step * 1.1, 1)] for stage in ("小学", "初中")]
    else:
        return None
    return header, rows


def _county_paras(ctx: Context, genre: str, year: int) -> list[str]:
    """Text for the county ledgers that come from the statistics tables."""
    if genre == "classes":
        big = sum(1 for s in ctx.schools for _, n in s.classes[year] if 56 <= n <= 65)
        huge = sum(1 for s in ctx.schools for _, n in s.classes[year] if n >= 66)
        return [f"{year}年秋季开学统计，全县56至65人的大班额{big}个，66人以上的超大班额{huge}个。",
                "对每个大班额逐班登记，明确化解措施和完成时限，化解一个销号一个。" if big or huge
                else "全县已无56人以上班级，大班额台账全部销号。"]
    if genre == "exchange":
        eligible, moved, senior = {2014: (512, 41, 6), 2015: (523, 49, 9), 2016: (531, 61, 14), 2017: (538, 70, 18)}[year]
        return [f"{year}年全县符合交流条件的教师{eligible}人，实际交流{moved}人，占{moved / eligible:.1%}；"
                f"其中县级以上骨干教师和中高级教师{senior}人，占交流人数的{senior / moved:.1%}。",
                "交流教师主要由县城学校流向农村学校，交流期限不少于三年，交流经历作为评优和职称晋升的必要条件。"]
    if genre == "smallschools":
        small = [s for s in ctx.schools if s.level != "特殊教育" and s.pupils(year) < 100]
        return [f"{year}年全县不足100人的乡村小规模学校和教学点{len(small)}所，均按100人核定公用经费。"]
    total, satisfied = {2016: (1500, 1338), 2017: (1620, 1522)}[year]
    return [f"{year}年县教科局委托第三方对学生家长、教师、人大代表和政协委员等开展问卷调查，收回有效问卷{total}份。",
            f"对义务教育均衡发展表示满意的{satisfied}人，满意度{satisfied / total:.1%}，高于85%的要求。"]


def benchmark(year: int, stage: str) -> float:
    """The 生均公用经费基准定额 of the archive's configuration (site_config/archive.yml, else the shipped defaults)."""
    sys.path.insert(0, str(ROOT))
    from archive_builder.core.config import load_config

    rate = load_config(ROOT).funding.benchmark_for(year)
    if rate is None or rate.rate(stage) is None:
        raise SystemExit(f"no funding benchmark for {year} {stage} in the archive's configuration")
    return rate.rate(stage)  # type: ignore[return-value]


def county_tables(ctx: Context, doc: Doc, year: int) -> None:
    """Attach the class-size, exchange and small-school tables to their ledgers."""
    if "school-class-size-ledger" in doc.item:
        header = ["学校", "班级", "学生数", "类型", "化解措施", "销号情况"]
        rows = [[s.name, label, n, "超大班额" if n >= 66 else "大班额",
                 "新建教学楼分班" if n >= 66 else "下学年分流至新校区", f"已销号（{year + 1}年秋季分班）"]
                for s in ctx.schools for label, n in s.classes[year] if n >= 56]
        doc.table = (header, rows or [["全县", "—", 0, "无", "—", "全部销号"]])
    elif "county-teacher-exchange" in doc.item:
        eligible, moved, senior = {2014: (512, 41, 6), 2015: (523, 49, 9), 2016: (531, 61, 14), 2017: (538, 70, 18)}[year]
        doc.table = (["年度", "应交流教师数", "实际交流教师数", "其中骨干及中高级教师数"], [[year, eligible, moved, senior]])
    elif "county-small-school-funding" in doc.item:
        rows = []
        for s in ctx.schools:
            if s.level == "特殊教育" or s.pupils(year) >= 100:
                continue
            rate = sum(benchmark(year, stage) * s.pupils(year, stage) for stage in s.stages()) / s.pupils(year)
            rows.append([s.name, s.township, s.pupils(year), 100, round(rate), round(100 * rate)])
        doc.table = (["学校", "乡镇", "实有学生数", "核定人数", "生均公用经费基准定额(元)", "核拨公用经费(元)"], rows)
    elif "county-satisfaction-survey" in doc.item:
        total, satisfied = {2016: (1500, 1338), 2017: (1620, 1522)}[year]
        doc.table = (["调查人数", "满意人数", "满意度(%)"], [[total, satisfied, round(satisfied / total * 100, 1)]])


# ---------------------------------------------------------------------------------------------
# Rosters with personal data (the site must mask them)
# ---------------------------------------------------------------------------------------------

_SURNAMES = "王李张刘陈杨赵黄周吴徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董潘袁蔡蒋余于杜叶程魏苏吕丁任卢姚沈钟姜崔谭陆范汪廖石金韦贾夏付方邹熊白孟秦邱侯江尹薛闫段雷龙黎史陶贺毛郝顾龚邵万覃武钱戴严莫孔向常汤康易乔赖文"
_GIVEN = "子涵欣怡梓轩浩宇佳琪一诺思彤俊杰雨萱博文梦瑶嘉怡宇航紫涵晨曦诗琪皓轩雅静明哲欣妍天佑若溪志远可馨家乐依诺"
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def id_check_digit(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of a resident ID number."""
    total = sum(int(c) * w for c, w in zip(first17, _WEIGHTS))
    return "10X98765432"[total % 11]


def fake_id(r: random.Random, birth: dt.date, male: bool) -> str:
    """An invented 18-digit ID number with a valid check digit (region code of no real county)."""
    serial = r.randint(10, 99) * 10 + (r.choice((1, 3, 5, 7, 9)) if male else r.choice((0, 2, 4, 6, 8)))
    first = f"149927{birth:%Y%m%d}{serial:03d}"
    return first + id_check_digit(first)


def fake_mobile(r: random.Random) -> str:
    """An invented mobile number."""
    return f"1{r.choice('3578')}{r.randint(0, 9)}{r.randint(0, 99999999):08d}"


def _name(r: random.Random) -> str:
    given = r.randrange(0, len(_GIVEN) - 1, 2)
    return r.choice(_SURNAMES) + _GIVEN[given:given + 2] if r.random() < 0.8 else r.choice(_SURNAMES) + _GIVEN[given]


def roster_docs(ctx: Context) -> list[Doc]:
    """Enrolment rosters of migrant, left-behind and disabled children, one or two a year."""
    groups = (("随迁子女", "migrant"), ("留守儿童", "left-behind"), ("残疾儿童", "disabled"))
    plan = {year: [(group, slug, ("csv", "xlsx")[(index + i) % 2]) for i, (group, slug) in enumerate(groups)]
            for index, year in enumerate(YEARS)}
    header = ["序号", "姓名", "性别", "身份证号", "出生日期", "类别", "就读学校", "年级", "监护人", "联系电话"]
    docs = []
    r = ctx.rng
    primaries = [s for s in ctx.schools if s.level in ("小学", "九年一贯制")]
    for year, entries in plan.items():
        for group, slug, kind in entries:
            rows = []
            for i in range(r.randint(14, 26)):
                male = r.random() < 0.5
                grade = r.randint(1, 6)
                birth = dt.date(year - 6 - grade, r.randint(1, 12), r.randint(1, 28))
                kind_of = r.choice(group.split("、"))
                rows.append([i + 1, _name(r), "男" if male else "女", fake_id(r, birth, male), birth.isoformat(),
                             kind_of, r.choice(primaries).name, f"{'一二三四五六'[grade - 1]}年级", _name(r), fake_mobile(r)])
            title = f"{year}年{group}入学花名册"
            docs.append(Doc(_folder("jiaoke", "guifan", year, "入学花名册"), title, kind, title, [],
                            (header, rows), {"日期": _date(year, r, (9, 10)), "保管期限": "30年"},
                            item=f"jiaoke-enrolment-rosters-{slug}"))
    return docs


# ---------------------------------------------------------------------------------------------
# One-off documents: images, scans, the secret file, the search phrases
# ---------------------------------------------------------------------------------------------

#: unique phrases for search demos (listed in docs/demo.md)
PHRASE_PDF = "杏花岭下读书声"
PHRASE_DOCX = "白鹭湾跨河助学渡船"
PHRASE_XLSX = "龙泉镇紫藤长廊图书角"


def special_docs(ctx: Context) -> list[Doc]:
    """Files that do not follow the yearly pattern."""
    r = ctx.rng
    docs = [
        Doc(_folder("jiaoke", "guifan", 2015, "安全管理"), "2015年中小学校安全管理制度汇编", "pdf",
            "2015年中小学校安全管理制度汇编",
            ["本汇编收录县教科局制定的学校安全管理规章制度，包括门卫值守、校舍巡查、食堂卫生、学生接送、实验室危险品管理等制度。",
             "各学校应结合实际制定本校的安全管理细则，明确校长为安全工作第一责任人，做到制度上墙、责任到人。",
             "学校每月开展一次安全隐患排查，排查记录由分管副校长签字后存档，发现隐患立即整改。"],
            meta={"_prefix": UNITS["jiaoke"][2], "日期": "2015-03-12"}, item="jiaoke-safety-rules-rules",
            signer=UNITS["jiaoke"][1]),
        Doc(_folder("jiaoke", "guifan", 2017, "安全管理"), "2017年校园突发事件应急预案", "docx",
            "2017年校园突发事件应急预案",
            ["为提高学校应对自然灾害、事故灾难、公共卫生和社会安全事件的能力，制定本预案。",
             "县教科局成立学校突发事件应急处置领导组，各校成立相应机构，按照统一指挥、分级负责、快速反应的原则开展处置。",
             "各校每学期至少组织一次应急疏散演练，演练方案、照片和总结报县教科局备案。"],
            meta={"日期": "2017-02-20", "checklist": ["jiaoke-safety-rules"]}, item="jiaoke-safety-rules-plans",
            signer=UNITS["jiaoke"][1]),
        Doc(_folder("guotu", "biaozhunhua", 2016), "2016年学校用地清理确权及教育发展用地预留工作记录", "md",
            "2016年学校用地清理确权及教育发展用地预留工作记录",
            ["县国土资源局对全县中小学校用地进行了清理，逐校测绘土地定界图，核对权属来源。",
             f"截至年底，已为{r.randint(38, 46)}所学校办理国有土地使用证，其余学校的确权资料已报县政府审批。",
             "在调整土地利用总体规划时，县城新区和东阳镇、龙泉镇各预留了一处教育发展用地。"],
            meta={"日期": "2016-12-20", "责任者": UNITS["guotu"][1]},
            item=("guotu-school-land-reserve", "guotu-school-land-title")),
        Doc(_folder("guotu", "biaozhunhua", 2015), "2015年东阳镇中心小学国有土地使用证（扫描件）", "tif",
            "2015年东阳镇中心小学国有土地使用证（扫描件）",
            ["土地使用者：东阳镇中心小学", "座落：东阳镇东街", "地类（用途）：教育用地", "使用权类型：划拨",
             f"使用权面积：{r.randint(9000, 16000)}平方米", "发证机关：示范县人民政府"],
            meta={"学校": "东阳镇中心小学", "checklist": ["guotu-land-certificate"], "日期": "2015-08-18"},
            item="guotu-land-certificate", caption="国有土地使用证"),
        Doc(_folder("caizheng", "baozhang", 2015), "2015年教育资金拨付凭证（扫描件）", "png",
            "2015年教育资金拨付凭证（扫描件）",
            ["付款单位：示范县财政局国库支付中心", "收款单位：示范县教育科技局", f"金额：人民币{r.randint(300, 900)}万元整",
             "用途：农村义务教育学校公用经费", "附件：资金分配表一份"],
            meta={"checklist": ["caizheng-funding-docs"], "日期": "2015-04-09", "页数": 1},
            item="caizheng-funding-docs", caption="国库集中支付凭证"),
        Doc(_folder("zhengfuban", "guihua", 2017), "2017年迎接省级督导评估工作日程安排（扫描件）", "png",
            "2017年迎接省级督导评估工作日程安排（扫描件）",
            ["第一天上午：汇报会，县长作创建工作汇报", "第一天下午：查阅县级档案资料", "第二天：分组随机抽查学校",
             "第三天上午：问卷调查和座谈", "第三天下午：反馈会"],
            meta={"日期": "2017-06-02", "清单": ["zhengfuban-inspection-prep"]}, item="zhengfuban-inspection-prep",
            caption="迎检日程"),
        Doc(_folder("jiaoke", "biaozhunhua", 2016), "2016年校舍改造竣工照片-东阳镇中心小学", "jpg",
            "2016年校舍改造竣工照片（东阳镇中心小学综合楼）", [],
            meta={"学校": "东阳镇中心小学", "checklist": ["jiaoke-construction"], "日期": "2016-09-01", "密级": "公开",
                  "标题": "2016年校舍改造竣工照片（东阳镇中心小学综合楼）"},
            item="jiaoke-construction", caption="东阳镇中心小学"),
        Doc(_folder("jiaoke", "biaozhunhua", 2017), "2017年运动场改造完工照片-杏花镇初级中学", "jpg",
            "2017年运动场改造完工照片（杏花镇初级中学）", [],
            meta={"学校": "杏花镇初级中学", "日期": "2017-05-16", "tags": ["照片", "运动场"], "密级": "公开"},
            caption="杏花镇初级中学"),
        Doc(_folder("jiaoke", "biaozhunhua", 2015), "2015年薄弱学校改造前校舍照片-西河乡后沟小学", "jpg",
            "2015年薄弱学校改造前校舍照片（西河乡后沟小学）", [],
            meta={"学校": "西河乡后沟小学", "日期": "2015-04-20", "密级": "公开"}, caption="西河乡后沟小学"),
        Doc(_folder("gongan", "guifan", 2016), "2016年校园周边重点人员管控工作方案", "docx",
            "2016年校园周边重点人员管控工作方案",
            ["本方案涉及重点人员的具体信息和布控措施，仅限县公安局和县教科局主要负责同志掌握。",
             "各派出所对辖区学校周边的重点人员逐人落实管控责任民警，发现异常情况立即处置并报告。"],
            meta={"密级": "秘密", "保管期限": "30年", "日期": "2016-08-25", "_prefix": UNITS["gongan"][2]},
            signer=UNITS["gongan"][1]),
        Doc(_folder("jiaoke", "guifan", 2016), "2016年减轻中小学生过重课业负担专项检查记录", "md",
            "2016年减轻中小学生过重课业负担专项检查记录",
            ["县教科局于2016年11月对全县义务教育学校的作业量、在校时间和教辅材料使用情况进行了专项检查。",
             f"检查采取听课、查阅作业、问卷和学生座谈相结合的方式，抽查学校{r.randint(18, 26)}所。",
             "总体看，各校能够控制书面作业总量，个别学校存在统一征订教辅材料的情况，已通报并责令退还费用。"],
            meta={"日期": "2016-11-30"}, item="category-guifan-burden"),
        Doc(_folder("jiaoke", "zhiliang", 2017), "2017年校园文化建设成果汇编", "pdf", "2017年校园文化建设成果汇编",
            ["近年来，全县各校把校园文化作为学校标准化建设的重要内容，做到一校一品、一校一景。",
             f"杏花镇岭下小学以“{PHRASE_PDF}”为主题，把村口的老杏树和校史长廊连在一起，每天清晨由高年级学生带领全校诵读，成为全县书香校园建设的一张名片。",
             "龙泉镇中心小学建成剪纸工作室，白水乡中心小学开设秧歌社团，县第一初级中学的书法长廊被评为市级校园文化示范项目。"],
            meta={"日期": "2017-04-18"}, item="category-zhiliang-campus-culture", signer=UNITS["jiaoke"][1]),
        Doc(_folder("xiangzhen", "guifan", 2016), "2016年白水乡学生上学交通安全保障方案", "docx",
            "2016年白水乡学生上学交通安全保障方案",
            ["白水乡沙岭、庙坪两村的学生上学须过白水河，雨季河水上涨时徒步过河存在安全隐患。",
             f"乡政府与村委会协商，开通“{PHRASE_DOCX}”，每天早晚两班，由持证船工驾驶，配备救生衣，乡中心学校派教师随船护送。",
             "同时在河两岸设立候船点和安全警示牌，汛期由乡安监站每日检查渡船和救生设备。"],
            meta={"日期": "2016-05-06", "单位": "各乡镇", "责任者": "白水乡人民政府"}, signer="白水乡人民政府"),
        Doc(_folder("jiaoke", "zhiliang", 2016), "2016年书香校园阅读活动统计表", "xlsx", "2016年书香校园阅读活动统计表", [],
            (["学校", "活动名称", "参与学生数", "新增图书(册)", "备注"],
             [["龙泉镇中心小学", PHRASE_XLSX, 620, 1800, "利用走廊改建，学生自主管理"],
              ["杏花镇岭下小学", "晨读诵读", 300, 650, ""],
              ["示范县第一小学", "班级图书漂流", 1900, 4200, ""],
              ["西河乡中心小学", "寄宿生晚间阅读", 410, 900, "寄宿生每晚阅读30分钟"]]),
            meta={"日期": "2016-12-26"}),
    ]
    docs += register_docs(ctx)
    for doc in docs:
        if doc.kind in ("jpg", "png", "tif"):
            doc.meta.setdefault("标题", doc.title)
    return docs


def register_docs(ctx: Context) -> list[Doc]:
    """Registers that list every school (certificates, maps, drawings, canteen licences) and the 住建局 plan."""
    r = ctx.rng
    schools = ctx.schools

    def register(dept: str, cat: str, year: int, title: str, header: list[str], row: Callable[[School, int], list[Any]],
                 item: str, which: list[School] | None = None, date: str | None = None) -> Doc:
        rows = [[i + 1, s.name, s.code, *row(s, i)] for i, s in enumerate(which or schools)]
        return Doc(_folder(dept, cat, year), title, "xlsx", title, [], (["序号", "学校", "学校代码", *header], rows),
                   meta={"日期": date or _date(year, r, (9, 11)), "责任者": UNITS[dept][1]}, item=item)

    canteens = [s for s in schools if s.canteen]
    docs = [
        register("guotu", "biaozhunhua", 2016, "全县中小学校土地使用证登记表", ["土地使用证号", "使用权面积(平方米)", "发证日期"],
                 lambda s, i: [f"示国用（{2012 + i % 5}）第{300 + 7 * i:04d}号", r.randint(1200, 26000),
                               _date(2012 + i % 5, r)], "guotu-land-certificate", date="2016-11-24"),
        register("guotu", "biaozhunhua", 2015, "全县中小学校土地定界图测绘登记表", ["定界图图号", "测绘单位", "测绘日期"],
                 lambda s, i: [f"示国土定2015-{i + 1:03d}", f"{COUNTY}测绘队", _date(2015, r, (4, 9))],
                 "guotu-boundary-map", date="2015-10-16"),
        register("zhujian", "biaozhunhua", 2016, "全县中小学校房屋所有权证登记表", ["房屋所有权证号", "建筑面积(平方米)", "登记日期"],
                 lambda s, i: [f"示房权证教字第{20160000 + 11 * i + 3}号", r.randint(300, 18000), _date(2016, r, (2, 10))],
                 "zhujian-property-certificate", date="2016-11-08"),
        register("zhujian", "biaozhunhua", 2017, "全县中小学校建筑规划图绘制登记表", ["图号", "绘制单位", "图幅"],
                 lambda s, i: [f"JZGH-2017-{i + 1:03d}", f"{COUNTY}建筑设计院", r.choice(("A1", "A2"))],
                 "zhujian-building-plan", date="2017-04-12"),
        register("shiyaojian", "guifan", 2017, "2017年学校食堂食品经营许可证登记表", ["许可证编号", "有效期至", "经营项目"],
                 lambda s, i: [f"JY3{141023 + i:06d}", f"{2020 + i % 3}-{r.randint(1, 12):02d}-{r.randint(1, 28):02d}",
                               "单位食堂（学校食堂）"],
                 "shiyaojian-canteen-licence", which=canteens, date="2017-03-20"),
        Doc(_folder("zhujian", "guihua", 2016), "示范县城区中小学校布点及用地控制规划（2016—2020年）", "pdf",
            "示范县城区中小学校布点及用地控制规划（2016—2020年）",
            ["按照县城总体规划和城镇中小学校建设专项规划的要求，县住建局会同县国土资源局、县教科局编制城区中小学校布点及用地控制规划。",
             f"规划期内城区保留和改扩建学校{r.randint(8, 12)}所，新建小学2所、初级中学1所，控制教育用地{r.randint(180, 260)}亩，"
             "在控制性详细规划中逐块标明，不得改变用途。",
             "新建居住区按规划配建中小学校，与住宅同步规划、同步建设、同步交付使用。"],
            meta={"日期": "2016-06-28", "_prefix": UNITS["zhujian"][2]}, item="zhujian-layout-plan",
            signer=UNITS["zhujian"][1]),
    ]
    return docs


# ---------------------------------------------------------------------------------------------
# Per-school files: charters, standardisation ledgers, boarding facilities
# ---------------------------------------------------------------------------------------------

_FACILITIES = ("食堂", "餐厅", "宿舍", "安全取暖设施", "厕所", "运动场", "卫生保健室", "音体美活动室", "图书阅览室", "电化教育室")


def school_docs(ctx: Context) -> list[Doc]:
    """A charter, a ledger and (for boarding schools) the 十有 record for every school, minus the gaps."""
    docs = []
    for index, school in enumerate(ctx.schools):
        if school.name not in NO_CHARTER:
            docs.append(_charter(ctx, school, index))
        docs.append(_ledger(ctx, school))
        if school.boarding and school.name != NO_BOARDING_RECORD:
            docs.append(_boarding(ctx, school, index))
    return docs


def _charter(ctx: Context, school: School, index: int) -> Doc:
    r = ctx.rng
    title = f"{school.name}章程"
    paras = [
        "第一条 为规范办学行为，依法治校，根据《中华人民共和国义务教育法》等法律法规，结合本校实际，制定本章程。",
        f"第二条 本校全称为{COUNTY}{school.name}，学校代码{school.code}，位于{school.township}，是{COUNTY}人民政府举办的公办{school.level}"
        + ("学校" if school.level in ("小学", "初中") else "") + "。",
        "第三条 学校坚持社会主义办学方向，全面贯彻党的教育方针，面向全体学生，促进学生德智体美全面发展。",
        "第四条 学校实行校长负责制，设立教职工代表大会和家长委员会，重大事项经集体研究决定并向师生公开。",
        "第五条 学校按照国家课程方案开齐开足课程，不设重点班，学生就近免试入学。" + ("学校为寄宿制学校，建立寄宿生管理制度。" if school.boarding else ""),
        f"第六条 本章程经学校教职工代表大会审议通过，报{UNITS['jiaoke'][1]}核准后施行，解释权归学校。",
    ]
    date = _date(2017, r, (3, 10))
    folder = f"县教科局/规范办学行为/学校章程/{school.township}"
    if index % 6 == 0:
        return Doc(folder, title, "docx", title, paras, meta={"学校": school.name, "年度": 2017, "日期": date},
                   item="school-charter", signer=school.name)
    return Doc(folder, title, "md", title, paras, meta={"学校": school.name, "年度": 2017, "日期": date},
               item="school-charter")


def _school_stats(ctx: Context, school: School) -> dict[int, list[float]]:
    """Per-student indicator values of a school by year (first stage only)."""
    out: dict[int, list[float]] = {}
    for row in ctx.stats:
        if row.school is school and row.year not in out:
            out[row.year] = [v / row.pupils for v in row.values]
    return out


def _ledger(ctx: Context, school: School) -> Doc:
    per = _school_stats(ctx, school)
    header = ["建设项目", "指标", *[f"{y}年" for y in YEARS], "达标情况"]
    rows: list[list[Any]] = [["办学规模", "在校学生数", *[school.pupils(y) for y in YEARS], "达标"],
                             ["办学规模", "教学班数", *[len(school.classes[y]) for y in YEARS], "达标"]]
    labels = (("校舍建设", "生均教学及辅助用房(㎡)", 0, 1), ("校舍建设", "生均体育运动场馆(㎡)", 1, 1),
              ("装备配置", "生均教学仪器设备值(元)", 2, 10000), ("信息技术", "每百名学生计算机(台)", 3, 100),
              ("装备配置", "生均图书(册)", 4, 1), ("队伍建设", "每百名学生专任教师(人)", 5, 100))
    for aspect, label, i, scale in labels:
        values = [round(per[y][i] * scale, 1) if y in per else "—" for y in YEARS]
        ok = "未达标" if school.name in LAGGING and i in (0, 2) else "达标"
        rows.append([aspect, label, *values, ok])
    rows.append(["生活设施", "寄宿生宿舍、食堂", *(["有" if school.boarding else "不适用"] * 4), "达标"])
    rows.append(["管理质量", "规章制度和档案", "基本健全", "健全", "健全", "健全", "达标"])
    rows.append(["校园文化", "校园环境和文化布置", "一般", "较好", "好", "好", "达标"])
    title = f"{school.name}标准化建设台账"
    return Doc(f"县教科局/学校标准化建设/逐校档案/{school.township}/{school.name}", title, "xlsx", title, [],
               (header, rows), item="school-standardisation-ledger")


def _boarding(ctx: Context, school: School, index: int) -> Doc:
    r = ctx.rng
    rows = [[name, r.randint(1, 6) if name not in ("运动场", "食堂") else 1,
             r.randint(2009, 2017), "达标"] for name in _FACILITIES]
    title = f"{school.name}寄宿制学校十有生活设施登记表"
    paras = [f"{school.name}现有寄宿生{round(school.pupils(2017) * r.uniform(0.35, 0.7))}人。学校对照寄宿制学校“十有”要求逐项登记生活设施，登记结果如下。"]
    kind = "docx" if index % 2 else "pdf"
    return Doc(f"县教科局/学校标准化建设/逐校档案/{school.township}/{school.name}", title, kind, title, paras,
               (["设施", "数量", "建成年份", "状况"], rows), item="school-boarding-facilities", signer=school.name)


# ---------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------

def _table_lines(table: tuple[list[str], list[list[Any]]] | None, sep: str = "｜") -> list[str]:
    if not table:
        return []
    header, rows = table
    return [sep.join(header), *[sep.join(str(v) for v in row) for row in rows]]


def _markdown_table(table: tuple[list[str], list[list[Any]]] | None) -> list[str]:
    if not table:
        return []
    header, rows = table
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(v) for v in row) + " |" for row in rows]
    return ["\n".join(lines)]


def write_doc(doc: Doc, ctx: Context) -> None:
    """Write one document and, for non-Markdown files with metadata, its sidecar."""
    path = doc.path
    path.parent.mkdir(parents=True, exist_ok=True)
    date, doc_no = doc.meta.get("日期"), doc.meta.get("文号")
    kind = doc.kind
    if kind in ("xlsx", "xls", "csv") and doc.table is None:
        doc.table = (["序号", "内容"], [[i + 1, p] for i, p in enumerate(doc.paras)])
    if kind == "md":
        write_md(path, doc.meta, doc.title, [*doc.paras, *_markdown_table(doc.table)])
    elif kind == "txt":
        write_txt(path, doc.title, [*doc.paras, *_table_lines(doc.table, "\t")], doc.encoding)
    elif kind == "pdf":
        write_pdf(path, ctx.font, doc_no, doc.title, [*doc.paras, *_table_lines(doc.table)], doc.signer, date)
    elif kind == "docx":
        write_docx(path, doc.title, doc.paras, [doc.table[0], *doc.table[1]] if doc.table else None,
                   doc_no, doc.signer, date)
    elif kind == "xlsx":
        write_xlsx(path, "台账", doc.title, doc.table[0], doc.table[1], doc.paras[0] if doc.paras else None)
    elif kind == "xls":
        write_xls(path, "台账", doc.title, doc.table[0], doc.table[1])
    elif kind == "csv":
        write_csv(path, doc.table[0], doc.table[1], "utf-8-sig" if "花名册" in doc.title else "utf-8")
    elif kind == "jpg":
        write_photo(path, ctx.rng, doc.caption or doc.title, ctx.font)
    elif kind in ("png", "tif"):
        write_scan(path, ctx.rng, doc.caption or doc.title, doc.paras, ctx.font, kind)
    else:
        raise ValueError(kind)
    if kind != "md" and doc.meta:
        sidecar = path.with_name(path.name + ".yml")
        sidecar.write_text(yaml.safe_dump(doc.meta, allow_unicode=True, sort_keys=False), encoding="utf-8")


def write_school_meta(schools: list[School]) -> None:
    """_meta.yml in each school's folder: the school and the year for everything inside."""
    for school in schools:
        folder = CONTENT / "县教科局/学校标准化建设/逐校档案" / school.township / school.name
        folder.mkdir(parents=True, exist_ok=True)
        meta = {"学校": school.name, "年度": 2017, "保管期限": "永久"}
        (folder / "_meta.yml").write_text(yaml.safe_dump(meta, allow_unicode=True, sort_keys=False), encoding="utf-8")


def self_check(docs: list[Doc]) -> None:
    """Every file meant for an item names it or carries one of its keywords (catches typos early)."""
    sys.path.insert(0, str(ROOT))
    from archive_builder.checking.checklist import load_checklists
    from archive_builder.core.config import load_config

    items = {i.id: i for i in load_checklists(load_config(ROOT))}
    for doc in docs:
        for item_id in doc.item:
            item = items[item_id]
            named = {item_id, item.parent} & set(doc.meta.get("checklist", doc.meta.get("清单", [])))
            found = any(k in doc.title or k in doc.name for k in item.keywords)
            kind = not item.kind_keywords or any(k in doc.title or k in doc.name for k in item.kind_keywords)
            if not (named or found) or not kind:
                raise SystemExit(f"{doc.path}: no keyword of {item_id} in its title")
            if item.types and doc.kind not in item.types:
                raise SystemExit(f"{doc.path}: type {doc.kind} not allowed for {item_id}")


def print_composites(report: dict) -> None:
    """Composite difference coefficients per year and stage, against the thresholds."""
    print("综合差异系数 (composite CV):")
    for (year, stage), cvs in sorted(report.items()):
        composite = sum(cvs) / len(cvs)
        verdict = "达标" if composite <= THRESHOLD[stage] else "未达标"
        detail = " ".join(f"{v:.3f}" for v in cvs)
        print(f"  {year} {stage}: {composite:.3f} (≤ {THRESHOLD[stage]}) {verdict}  [{detail}]")


def main() -> None:
    """Delete content/ and write the whole demo archive again."""
    rng = random.Random(SEED)
    font = find_font()
    if CONTENT.exists():
        shutil.rmtree(CONTENT)
    schools = build_schools(rng)
    stats, report = build_stats(schools, rng)
    write_tables(schools, stats, rng)
    ctx = Context(schools, stats, rng, font)
    docs = item_docs(ctx) + roster_docs(ctx) + special_docs(ctx) + school_docs(ctx)
    for doc in docs:
        if set(doc.item) & {"school-class-size-ledger", "county-teacher-exchange", "county-small-school-funding",
                            "county-satisfaction-survey"}:
            county_tables(ctx, doc, next(y for y in YEARS if str(y) in doc.title))
    number_documents(docs)
    self_check(docs)
    write_school_meta(schools)
    names = [d.path for d in docs]
    if len(names) != len(set(names)):
        raise SystemExit("two documents share a path")
    for doc in docs:
        write_doc(doc, ctx)
    print(f"{len(schools)} schools, {len(stats)} statistics rows, {len(docs)} documents in {CONTENT}")
    print_composites(report)


if __name__ == "__main__":
    main()
