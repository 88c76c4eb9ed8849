"""A realistic synthetic archive of N documents for the scale benchmark.

Mixed Markdown, PDF, DOCX, XLSX and CSV files of about 3,000 Chinese characters each, filed under every
department and category of the built-in registry for the years 2014-2017, a school registry of 300
schools in ``content/data/schools.csv`` and the shipped checklists. Planted rare words (3-4 uncommon CJK
characters, each in 1-3 documents) give the search benchmark its ground truth, recorded in
``truth.json`` beside ``content/`` by a plain scan of every document's text.

Deterministic for a given seed. PDFs embed a glyf-based CJK TrueType font (Debian fonts-wqy-zenhei),
subset once to the characters the generator uses so each PDF is quick to write.

Usage: python benchmarks/generate.py OUT_DIR --n 1000 [--seed 7] [--rare 200] [--workers 2]
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import logging
import random
import shutil
import time
from dataclasses import asdict, dataclass, field
from importlib import resources
from multiprocessing import Pool
from pathlib import Path
from typing import Any

import yaml

FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
YEARS = (2014, 2015, 2016, 2017)
TEXT_CHARS = 3000
SCHOOLS = 300
TRUTH_FILE = "truth.json"
#: file type -> share of the documents
TYPE_MIX = (("md", 0.40), ("pdf", 0.20), ("docx", 0.20), ("xlsx", 0.10), ("csv", 0.10))

# --- vocabulary: county-education words and sentence templates --------------------------------

TOPICS = (
    "义务教育均衡发展", "学校标准化建设", "教师交流轮岗", "控辍保学", "营养改善计划", "校舍安全工程",
    "教育经费保障", "薄弱学校改造", "寄宿制学校建设", "留守儿童关爱", "随迁子女入学", "教育信息化",
    "班额控制", "特殊教育随班就读", "学生资助", "教师培训", "校长职级制", "集团化办学", "课后服务",
    "体育卫生艺术教育", "图书配备", "实验室建设", "食堂管理", "校车安全", "教育督导评估",
)
KINDS = ("实施方案", "工作总结", "情况报告", "会议纪要", "通知", "统计台账", "检查记录", "整改报告",
         "自查报告", "经费明细", "考核办法", "专项审计报告")
ACTIONS = (
    "认真贯彻落实上级部署", "细化分解目标任务", "建立联席会议制度", "加大财政投入力度", "完善督查考核机制",
    "逐校开展摸底排查", "统筹城乡教育资源配置", "严格落实目标责任", "开展专项督导检查", "建立问题整改台账",
    "推进校际结对帮扶", "优化学校布局结构", "落实教师编制标准", "规范招生入学秩序", "加强师德师风建设",
)
RESULTS = (
    "各项指标均达到省定标准", "校际差异系数明显缩小", "群众满意度持续提高", "办学条件显著改善",
    "教师队伍结构不断优化", "辍学率控制在规定范围以内", "生均公用经费按时足额拨付", "学校管理更加规范",
    "信息化设备实现全覆盖", "薄弱环节得到有效加强", "大班额问题基本消除", "学生体质健康水平稳步提升",
)
SUBJECTS = ("全县", "各乡镇", "各中小学", "县直各部门", "各学区", "各教学点", "城区学校", "农村学校")
FIGURES = ("生均教学仪器设备值", "生师比", "生均校舍面积", "生均体育运动场馆面积", "百名学生计算机台数",
           "生均图书册数", "高于规定学历教师数", "骨干教师数")
TEMPLATES = (
    "{year}年，{subject}围绕{topic}工作，{action}，{result}。",
    "为做好{topic}工作，{dept}{action}，并{action2}，确保{result}。",
    "截至{year}年底，{subject}{figure}为{num}，较上年增长{pct}%，{result}。",
    "{dept}会同有关单位{action}，对{subject}的{topic}情况进行了全面检查。",
    "在{topic}方面，{subject}坚持问题导向，{action}，{action2}。",
    "根据{docno}文件精神，{dept}制定了{topic}{kind}，明确了时间表和路线图。",
    "{school}{figure}达到{num}，{result}。",
    "下一步，{dept}将继续{action}，巩固{topic}成果，推动{result}。",
)
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = "建国明华志强秀英丽娟海涛文军红梅晓东玉兰春燕永刚"
TOWNS = ("城关镇", "东关镇", "西河乡", "南山镇", "北塬乡", "白杨镇", "青石乡", "柳湾镇", "石门乡",
         "清水镇", "红岩乡", "新集镇", "桃园乡", "马坊镇", "河口乡")
LEVELS = ("小学", "初中", "九年一贯制", "教学点", "特殊教育")
#: Uncommon CJK characters for planted words (not used by the vocabulary above).
RARE_RANGE = (0x9E00, 0x9FA5)


@dataclass
class DocSpec:
    """One document to write: where, what type, its title and text."""

    path: str  # relative to content/
    type: str
    title: str
    department: str
    category: str
    year: int
    paragraphs: list[str]
    meta: dict[str, Any] = field(default_factory=dict)

    @property
    def text(self) -> str:
        return "\n".join([self.title, *self.paragraphs])


@dataclass
class GeneratedArchive:
    """What generate_archive wrote: the root, the documents and the planted words' ground truth."""

    root: Path
    n: int
    seed: int
    documents: list[dict[str, Any]]
    rare_words: dict[str, list[str]]  # word -> content paths containing it (plain text scan)
    seconds: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["root"] = str(self.root)
        return data


def load_truth(root: Path) -> dict[str, Any]:
    """The ground truth a previous generate_archive wrote beside content/."""
    return json.loads((Path(root) / TRUTH_FILE).read_text("utf-8"))


# --- registry, schools, rare words -------------------------------------------------------------


def registry() -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """Departments and categories of the built-in registry."""
    text = resources.files("archive_builder").joinpath("defaults/archive.yml").read_text("utf-8")
    data = yaml.safe_load(text)
    return data["departments"], data["categories"]


def make_schools(rng: random.Random) -> list[dict[str, Any]]:
    """300 schools with unique names and codes."""
    schools = []
    for number in range(1, SCHOOLS + 1):
        town = TOWNS[number % len(TOWNS)]
        level = LEVELS[0] if number % 3 else LEVELS[1 + number % 4]
        name = f"{town}第{number}{'小学' if level in ('小学', '教学点') else '中学'}"
        schools.append({"学校名称": name, "学校代码": f"S{number:04d}", "学段": level, "乡镇": town,
                        "寄宿": "是" if number % 5 == 0 else "否", "学生数": rng.randint(40, 2400),
                        "班级数": rng.randint(3, 48)})
    return schools


def vocabulary_chars(departments: list[dict[str, str]], categories: list[dict[str, str]],
                     schools: list[dict[str, Any]]) -> set[str]:
    """Every character the common text can contain."""
    parts = [*TOPICS, *KINDS, *ACTIONS, *RESULTS, *SUBJECTS, *FIGURES, *TEMPLATES, SURNAMES, GIVEN, *TOWNS,
             *LEVELS, "0123456789.%年月日第号文件县政办发教〔〕（）、，。：；序学校项目说明金额万元备注单位类别标题度期页"]
    parts += [d["name"] for d in departments] + [c["name"] for c in categories]
    parts += [s["学校名称"] for s in schools]
    return set("".join(parts))


def rare_words(rng: random.Random, count: int, avoid: set[str], covered: set[int] | None) -> list[str]:
    """``count`` distinct 3-4 character strings of uncommon CJK characters the font can draw."""
    pool = [chr(c) for c in range(*RARE_RANGE) if chr(c) not in avoid and (covered is None or c in covered)]
    words: set[str] = set()
    while len(words) < count:
        words.add("".join(rng.sample(pool, rng.choice((3, 4)))))
    return sorted(words)


# --- text --------------------------------------------------------------------------------------


def sentence(rng: random.Random, dept: str, year: int, schools: list[dict[str, Any]]) -> str:
    """One sentence from a template with its slots filled."""
    return rng.choice(TEMPLATES).format(
        year=year, subject=rng.choice(SUBJECTS), topic=rng.choice(TOPICS), action=rng.choice(ACTIONS),
        action2=rng.choice(ACTIONS), result=rng.choice(RESULTS), dept=dept, figure=rng.choice(FIGURES),
        num=f"{rng.uniform(1, 120):.2f}", pct=f"{rng.uniform(0.5, 15):.1f}", kind=rng.choice(KINDS),
        docno=f"县政办发〔{year}〕{rng.randint(1, 90)}号", school=rng.choice(schools)["学校名称"],
    )


def paragraphs(rng: random.Random, dept: str, year: int, schools: list[dict[str, Any]],
               planted: list[str]) -> list[str]:
    """About TEXT_CHARS characters in paragraphs of 4-7 sentences, the planted words inside sentences."""
    sentences: list[str] = []
    size = 0
    while size < TEXT_CHARS:
        text = sentence(rng, dept, year, schools)
        sentences.append(text)
        size += len(text)
    for word in planted:
        at = rng.randrange(len(sentences))
        sentences[at] = f"{sentences[at][:-1]}，涉及{word}事项。"
    out, i = [], 0
    while i < len(sentences):
        step = rng.randint(4, 7)
        out.append("".join(sentences[i:i + step]))
        i += step
    return out


# --- planning ------------------------------------------------------------------------------------


def plan(n: int, seed: int, rare: int, covered: set[int] | None) -> tuple[list[DocSpec], list[dict], list[str]]:
    """Every document's spec, the schools and the rare words, from the seed alone."""
    rng = random.Random(seed)
    departments, categories = registry()
    schools = make_schools(rng)
    words = rare_words(rng, rare, vocabulary_chars(departments, categories, schools), covered)
    placements: dict[int, list[str]] = {}
    for word in words:
        for index in rng.sample(range(n), min(n, rng.randint(1, 3))):
            placements.setdefault(index, []).append(word)
    types = [kind for kind, share in TYPE_MIX for _ in range(round(share * 100))]
    specs = []
    for index in range(n):
        dept = departments[index % len(departments)]
        cat = categories[index % len(categories)]  # 22 and 6: every pair within 66 documents
        year = YEARS[(index + index // 132) % len(YEARS)]
        kind = types[(index * 37) % len(types)]
        title = f"{year}年{dept['name']}{rng.choice(TOPICS)}{rng.choice(KINDS)}（第{index + 1}号）"
        body = paragraphs(rng, dept["name"], year, schools, placements.get(index, []))
        meta = {}
        if cat["id"] == "biaozhunhua" or index % 9 == 0:
            meta["学校"] = schools[index % len(schools)]["学校名称"]
        if index % 4 == 0:
            meta["文号"] = f"县政办发〔{year}〕{index % 90 + 1}号"
        path = f"{dept['name']}/{cat['name']}/{year}/{title}.{kind}"
        specs.append(DocSpec(path, kind, title, dept["id"], cat["id"], year, body, meta))
    return specs, schools, words


# --- writers -----------------------------------------------------------------------------------

_FONT_FILE: str | None = None


def _init_worker(font_file: str | None) -> None:
    global _FONT_FILE
    _FONT_FILE = font_file


def write_doc(args: tuple[str, DocSpec]) -> None:
    """Write one document under ``content`` (runs in a worker process)."""
    content, spec = args
    path = Path(content) / spec.path
    path.parent.mkdir(parents=True, exist_ok=True)
    WRITERS[spec.type](path, spec)
    if spec.meta and spec.type != "md":
        sidecar = path.with_name(path.name + ".yml")
        sidecar.write_text(yaml.safe_dump(spec.meta, allow_unicode=True), "utf-8")


def write_md(path: Path, spec: DocSpec) -> None:
    """Markdown with frontmatter."""
    meta = {"标题": spec.title, "年度": spec.year, **spec.meta}
    head = yaml.safe_dump(meta, allow_unicode=True, sort_keys=False)
    path.write_text(f"---\n{head}---\n\n# {spec.title}\n\n" + "\n\n".join(spec.paragraphs) + "\n", "utf-8")


def write_pdf(path: Path, spec: DocSpec) -> None:
    """A text PDF in the subset CJK font."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("cjk", fname=_FONT_FILE)
    pdf.set_auto_page_break(True, margin=15)
    pdf.add_page()
    pdf.set_font("cjk", size=15)
    pdf.multi_cell(0, 9, spec.title, align="C", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("cjk", size=11)
    for text in spec.paragraphs:
        pdf.multi_cell(0, 6.5, "　　" + text, new_x="LMARGIN", new_y="NEXT")
    path.write_bytes(bytes(pdf.output()))


def write_docx(path: Path, spec: DocSpec) -> None:
    """A Word document: heading and paragraphs."""
    from docx import Document as Docx

    doc = Docx()
    doc.add_heading(spec.title, level=1)
    for text in spec.paragraphs:
        doc.add_paragraph(text)
    doc.core_properties.title = spec.title
    doc.save(str(path))


def table_rows(spec: DocSpec) -> list[list[Any]]:
    """A ledger: one row per sentence of the text."""
    rows: list[list[Any]] = [["序号", "项目", "说明", "金额（万元）"]]
    number = 0
    for text in spec.paragraphs:
        for part in text.split("。"):
            if part:
                number += 1
                rows.append([number, part[:8], part + "。", round(number * 3.7 % 97 + 1, 2)])
    return rows


def write_xlsx(path: Path, spec: DocSpec) -> None:
    """A workbook with a title row and the ledger."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    sheet = book.create_sheet("台账")
    sheet.append([spec.title])
    for row in table_rows(spec):
        sheet.append(row)
    book.save(str(path))


def write_csv(path: Path, spec: DocSpec) -> None:
    """The ledger as UTF-8 CSV with a BOM (as Excel saves it)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows([[spec.title], *table_rows(spec)])
    path.write_text(buffer.getvalue(), encoding="utf-8-sig")


WRITERS = {"md": write_md, "pdf": write_pdf, "docx": write_docx, "xlsx": write_xlsx, "csv": write_csv}


def subset_font(chars: set[str], target: Path) -> Path:
    """A small glyf-based TTF holding only ``chars``, cut once from wqy-zenhei."""
    from fontTools import subset, ttLib

    logging.getLogger("fontTools").setLevel(logging.ERROR)  # "BDF NOT subset" notices
    if not FONT.is_file():
        raise SystemExit(f"{FONT} is missing: apt-get install -y fonts-wqy-zenhei")
    font = ttLib.TTFont(str(FONT), fontNumber=0, recalcTimestamp=False)
    subsetter = subset.Subsetter(subset.Options())
    subsetter.populate(text="".join(sorted(chars)) + "　 ")
    subsetter.subset(font)
    font.save(str(target))
    return target


def font_coverage() -> set[int] | None:
    """Code points wqy-zenhei can draw (None when the font is missing)."""
    if not FONT.is_file():
        return None
    from fontTools import ttLib

    return set(ttLib.TTFont(str(FONT), fontNumber=0, lazy=True).getBestCmap())


# --- the whole archive -------------------------------------------------------------------------


def generate_archive(root: Path, n: int, seed: int = 7, rare: int = 200, workers: int = 2) -> GeneratedArchive:
    """Write a fresh archive of ``n`` documents into ``root`` (replacing its content/)."""
    started = time.monotonic()
    root = Path(root)
    content = root / "content"
    shutil.rmtree(content, ignore_errors=True)
    (content / "data").mkdir(parents=True)
    specs, schools, words = plan(n, seed, rare, font_coverage())
    _write_schools(content / "data" / "schools.csv", schools)
    _copy_checklists(root / "checklists")
    font_file = None
    if any(spec.type == "pdf" for spec in specs):
        chars = set("".join(spec.text for spec in specs))
        font_file = str(subset_font(chars, root / "benchmark-font.ttf"))
    jobs = [(str(content), spec) for spec in specs]
    if workers > 1:
        with Pool(workers, initializer=_init_worker, initargs=(font_file,)) as pool:
            pool.map(write_doc, jobs, chunksize=16)
    else:
        _init_worker(font_file)
        for job in jobs:
            write_doc(job)
    result = GeneratedArchive(root, n, seed, [_doc_row(spec) for spec in specs], scan_truth(specs, words))
    result.seconds = time.monotonic() - started
    (root / TRUTH_FILE).write_text(json.dumps(result.to_dict(), ensure_ascii=False, indent=1), "utf-8")
    return result


def scan_truth(specs: list[DocSpec], words: list[str]) -> dict[str, list[str]]:
    """Each rare word -> the documents whose text holds it, by a plain substring scan."""
    texts = [(spec.path, spec.text) for spec in specs]
    return {word: sorted(path for path, text in texts if word in text) for word in words}


def _doc_row(spec: DocSpec) -> dict[str, Any]:
    return {"path": spec.path, "type": spec.type, "title": spec.title, "department": spec.department,
            "category": spec.category, "year": spec.year}


def _write_schools(path: Path, schools: list[dict[str, Any]]) -> None:
    with open(path, "w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(schools[0]))
        writer.writeheader()
        writer.writerows(schools)


def _copy_checklists(target: Path) -> None:
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    source = resources.files("archive_builder").joinpath("checklists")
    for entry in source.iterdir():
        if entry.name.endswith(".yml"):
            (target / entry.name).write_bytes(entry.read_bytes())


def main() -> None:
    """Command line: generate an archive and print a one-line summary."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--rare", type=int, default=200)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    result = generate_archive(args.root, args.n, args.seed, args.rare, args.workers)
    print(f"{result.n} documents, {len(result.rare_words)} rare words in {result.root} ({result.seconds:.1f} s)")


if __name__ == "__main__":
    main()
