"""A roster with real-format ID, mobile and bank card numbers, filed in every supported format.

After scan, index, search, build (site and zip), check in every report format and the catalogue,
no file the tool wrote — site, zip, caches, both indexes — and no report holds a raw number.
"""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from fixtures import make_office, make_scans
from fixtures.make_ofd import make_ofd
from fixtures.search.generate import FONT

from archive_builder.commands.cli import cli

FOLDER = "content/县教科局/规范办学行为/2016"
ID = make_office.RESIDENT_ID  # 18 digits, valid check digit
MOBILE = make_office.MOBILE
CARD = make_office.BANK_CARD  # Luhn-valid
ROW = f"张三\t{ID}\t{MOBILE}\t{CARD}"
RAW = (ID, MOBILE, CARD)


def _docx(path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("学生资助名册")
    table = document.add_table(rows=2, cols=4)
    for cell, text in zip(table.rows[0].cells, ("姓名", "身份证号", "手机", "银行卡")):
        cell.text = text
    for cell, text in zip(table.rows[1].cells, ("张三", ID, MOBILE, CARD)):
        cell.text = text
    document.save(str(path))


def _docx_with_comment(path: Path) -> None:
    """A clean body whose numbers sit only in a reviewer's comment: the original must not be copied."""
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("学生资助工作说明")
    document.add_comment(paragraph.runs[0], text=f"请核对张三 {ID} {MOBILE}", author="审核人")
    document.save(str(path))


def _xlsx(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "身份证号", "手机", "银行卡"])
    sheet.append(["张三", ID, MOBILE, CARD])
    book.save(path)


def _xlsx_with_hidden_numbers(path: Path) -> None:
    """Clean cells; the numbers only in a cell comment and the workbook's properties."""
    from openpyxl.comments import Comment

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["学校", "人数"])
    sheet.append(["东阳镇中心小学", 300])
    sheet["A2"].comment = Comment(f"联系人手机 {MOBILE}", "审核人")
    book.properties.description = f"身份证 {ID}"
    book.save(path)


def _pdf(path: Path) -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_creation_date(dt.datetime(2017, 3, 1, tzinfo=dt.UTC))
    pdf.add_font("zenhei", fname=str(FONT))
    pdf.set_font("zenhei", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 8, f"学生资助名册\n张三 身份证号 {ID} 手机 {MOBILE} 银行卡 {CARD}")
    pdf.output(str(path))


def _scan(path: Path) -> None:
    lines = ["示范县教育科技局文件", "示教发〔2016〕3号", "学生资助名册", "各乡镇中心学校：",
             f"张三 身份证号 {ID}", f"手机 {MOBILE} 银行卡 {CARD}", "示范县教育科技局", "2016年3月1日"]
    make_scans.save_jpeg(make_scans.scan(make_scans.render_page(lines, stamp=None), 5), path)


def _write_roster(root: Path) -> None:
    folder = root / FOLDER
    folder.mkdir(parents=True)
    (folder / "名册.md").write_text(f"# 学生资助名册\n\n| 姓名 | 身份证号 | 手机 | 银行卡 |\n|---|---|---|---|\n"
                                  f"| 张三 | {ID} | {MOBILE} | {CARD} |\n", "utf-8")
    (folder / "名册.txt").write_bytes(f"学生资助名册\n{ROW}\n".encode("gb18030"))
    (folder / "名册.csv").write_text(f"姓名,身份证号,手机,银行卡\n张三,{ID},{MOBILE},{CARD}\n", "utf-8")
    _docx(folder / "名册.docx")
    _docx_with_comment(folder / "说明.docx")
    _xlsx(folder / "名册.xlsx")
    _xlsx_with_hidden_numbers(folder / "统计.xlsx")
    _pdf(folder / "名册.pdf")
    shutil.copy(Path(make_office.__file__).parent / "formats" / "roster.doc", folder / "名册.doc")
    make_ofd(folder / "名册.ofd", [["学生资助名册", f"张三 {ID}", f"手机 {MOBILE}", f"银行卡 {CARD}"]])
    _scan(folder / "名册扫描.jpg")
    for name in ("名册.md", "名册.txt", "名册.csv", "名册.docx", "名册.xlsx", "名册.pdf", "名册.doc", "名册.ofd",
                 "名册扫描.jpg"):
        assert name in {p.name for p in folder.iterdir()}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    root = tmp_path_factory.mktemp("roster") / "archive"
    _write_roster(root)
    runner = CliRunner()
    reports = {}
    commands = {
        "scan": ["scan"], "scan-json": ["scan", "--json"], "index": ["index"], "search": ["search", "张三"],
        "search-id": ["search", ID], "build": ["build", "--zip", str(root / "site.zip")],
        "status": ["status"], "catalogue-csv": ["catalogue", "--format", "csv"],
        "catalogue-md": ["catalogue", "--format", "markdown"],
        **{f"check-{f}": ["check", "--format", f] for f in ("table", "json", "junit", "markdown")},
        "check-xlsx": ["check", "--format", "xlsx", "--output", str(root / "reports" / "check.xlsx")],
        "catalogue-xlsx": ["catalogue", "--format", "xlsx", "--output", str(root / "reports" / "catalogue.xlsx")],
    }
    (root / "reports").mkdir()
    for name, args in commands.items():
        reports[name] = runner.invoke(cli, ["--root", str(root), *args], catch_exceptions=False).output
    return root, reports


def _texts(root: Path, reports: dict[str, str]) -> dict[str, bytes]:
    """Every report and every byte the tool wrote outside content/ (zip and xlsx members unpacked)."""
    found = {f"report:{k}": v.encode() for k, v in reports.items()}
    for path in root.rglob("*"):
        if not path.is_file() or (root / "content") in path.parents:
            continue
        data = path.read_bytes()
        found[str(path)] = data
        if path.suffix in (".zip", ".xlsx", ".docx", ".ofd"):
            with zipfile.ZipFile(path) as archive:
                for info in archive.infolist():
                    found[f"{path}!{info.filename}"] = archive.read(info)
    return found


def test_the_roster_was_read_in_every_format(archive):
    root, reports = archive
    for name in ("名册.md", "名册.txt", "名册.csv", "名册.docx", "名册.xlsx", "名册.pdf", "名册.doc", "名册.ofd",
                 "名册扫描.jpg"):
        assert f"{FOLDER[8:]}/{name}" in reports["scan"], name  # listed as holding personal numbers
    assert "个人信息" in reports["scan"] or "personal data" in reports["scan"]


def test_no_raw_number_in_any_output(archive):
    root, reports = archive
    leaks = [(where, number) for where, data in _texts(root, reports).items() for number in RAW
             if number.encode() in data or number.encode("utf-16-le") in data]
    assert leaks == []
