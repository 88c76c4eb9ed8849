"""Formulas in the tool's spreadsheets and CSV: every cell that a spreadsheet program would run is text.

Payloads go in through titles, 文号, 责任者, checklist titles, school names and the county name, and
come out of ``catalogue`` (xlsx, csv), ``check --format xlsx``, ``indicators --output``, ``init`` and
``archive_numbers.csv``. The promise checked: no cell of any workbook is a formula (no ``<f>`` in the
sheet XML), every formula-like string is a text cell with the quote prefix or, in CSV, begins with an
apostrophe, and numbers are still numbers.
"""

from __future__ import annotations

import csv
import io
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest

from archive_builder.archival.numbers import RECORD_FILE, Numbering, read_record, write_record
from archive_builder.core.cells import (
    FORMULA_STARTS,
    append_row,
    csv_cell,
    is_formula_like,
    read_record_cell,
    record_cell,
)

PAYLOADS = (
    '=HYPERLINK("http://evil.example/x","点击查看")',
    "=cmd|' /C calc'!A0",
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    "＝1+1",
    "﹦1+1",  # the small equals sign: NFKC makes it '='
    "\u3000=1+1",  # an ideographic space before the formula
)
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "stats"


def _yaml(text: str) -> str:
    """A YAML scalar for any payload (JSON strings are YAML)."""
    return json.dumps(text, ensure_ascii=False)


def _doc(title: str, number: int, extra: str = "") -> str:
    return f"---\n标题: {_yaml(title)}\n日期: 2016-0{1 + number % 9}-01\n{extra}---\n正文{number}\n"


def _formula_like(value: object) -> bool:
    return is_formula_like(value) or (isinstance(value, str) and value.startswith(FORMULA_STARTS))


def assert_no_live_formula(path: Path) -> list[str]:
    """No cell of the workbook is a formula; every formula-like string is a quoted text cell. Returns those strings."""
    with zipfile.ZipFile(path) as package:
        for name in package.namelist():
            if name.startswith("xl/worksheets/") and name.endswith(".xml"):
                assert not re.search(rb"<f[ >]", package.read(name)), f"{name} holds a formula"
    workbook = openpyxl.load_workbook(path)
    texts = []
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if _formula_like(cell.value):
                    assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.coordinate, cell.value)
                    texts.append(cell.value)
    return texts


def _shown(payload: str) -> str:
    """What a payload becomes once metadata is read (leading whitespace is stripped from titles)."""
    return payload.strip()


# --- the one function --------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_a_formula_like_string_is_written_as_a_text_cell_with_its_value_unchanged(tmp_path, payload):
    workbook = openpyxl.Workbook()
    append_row(workbook.active, [payload, "普通文字", 3])
    workbook.save(tmp_path / "w.xlsx")
    assert assert_no_live_formula(tmp_path / "w.xlsx") == [payload]
    assert [c.value for c in openpyxl.load_workbook(tmp_path / "w.xlsx").active[1]] == [payload, "普通文字", 3]


def test_numbers_stay_numbers_and_a_number_like_string_is_text(tmp_path):
    workbook = openpyxl.Workbook()
    append_row(workbook.active, [-5, -0.25, 0, "-5", None, "—"])
    workbook.save(tmp_path / "n.xlsx")
    cells = openpyxl.load_workbook(tmp_path / "n.xlsx").active[1]
    assert [(c.value, c.data_type) for c in cells[:3]] == [(-5, "n"), (-0.25, "n"), (0, "n")]
    assert (cells[3].value, cells[3].data_type, cells[3].quotePrefix) == ("-5", "s", True)
    assert cells[4].value is None and cells[5].value == "—" and not cells[5].quotePrefix
    assert csv_cell(-5) == -5 and csv_cell("-5") == "'-5" and csv_cell("甲") == "甲"


@pytest.mark.parametrize("value", [*PAYLOADS, "'=already marked", "'", "plain", ""])
def test_the_record_marking_reads_back_exactly(value):
    assert read_record_cell(record_cell(value)) == value
    assert not _formula_like(record_cell(value))


# --- every writer of the tool --------------------------------------------------------------------


@pytest.fixture
def hostile_archive(make_archive) -> Path:
    files = {}
    for number, payload in enumerate(PAYLOADS):
        extra = f"文号: {_yaml(payload)}\n责任者: {_yaml(payload)}\n"
        files[f"content/县财政局/保障机制/2016/f{number}.md"] = _doc(payload, number, extra)
    files["content/县财政局/保障机制/2016/plain.md"] = _doc("普通通知", 9)
    return make_archive(files)


def test_catalogue_xlsx_writes_every_payload_as_text(hostile_archive, run_cli, tmp_path):
    out = tmp_path / "目录.xlsx"
    result = run_cli(hostile_archive, "catalogue", "--format", "xlsx", "--output", str(out))
    assert result.exit_code == 0, result.output
    texts = assert_no_live_formula(out)
    for payload in PAYLOADS:
        assert texts.count(_shown(payload)) >= 3, payload  # 题名, 文号 and 责任者, each a text cell
    sheet = openpyxl.load_workbook(out).worksheets[1]
    assert {sheet.cell(row=r, column=1).data_type for r in range(2, sheet.max_row + 1)} == {"n"}  # 序号


def test_catalogue_csv_marks_every_payload_with_an_apostrophe(hostile_archive, run_cli, tmp_path):
    out = tmp_path / "目录.csv"
    assert run_cli(hostile_archive, "catalogue", "--format", "csv", "--output", str(out)).exit_code == 0
    rows = list(csv.reader(io.StringIO(out.read_bytes().decode("utf-8-sig"))))
    cells = [cell for row in rows[1:] for cell in row]
    assert not any(_formula_like(cell) for cell in cells)
    for payload in PAYLOADS:
        assert cells.count("'" + _shown(payload)) >= 3, payload
    assert {row[0] for row in rows[1:]} <= {str(n) for n in range(1, 20)}  # 序号 still plain numbers


def test_the_number_record_keeps_paths_exact_and_inert(tmp_path):
    numbering = Numbering()
    numbering.record = {"=HYPERLINK(x)/a.md": ("-1", "ab" * 32), "县财政局/b.md": ("J001-WS·2016-Y-CZJ-0001", "cd" * 32)}
    write_record(tmp_path, numbering)
    rows = list(csv.reader(io.StringIO((tmp_path / RECORD_FILE).read_text("utf-8-sig"))))
    assert not any(_formula_like(cell) for row in rows for cell in row)
    assert read_record(tmp_path) == numbering.record


CHECKLIST = f"""\
items:
  - id: fund
    title: {_yaml(PAYLOADS[0])}
    department: 财政局
    category: 保障机制
    years: 2016
    basis: {_yaml(PAYLOADS[1])}
    match: {{keywords: [通知]}}
"""


def test_check_xlsx_writes_checklist_and_evidence_payloads_as_text(make_archive, run_cli, tmp_path):
    root = make_archive({
        "checklists/main.yml": CHECKLIST,
        "content/县财政局/保障机制/2016/a.md": _doc("-2+3+cmd|' /C calc'!A0 通知", 1),
    })
    out = tmp_path / "台账.xlsx"
    result = run_cli(root, "check", "--format", "xlsx", "--output", str(out))
    assert result.exit_code in (0, 1), result.output
    texts = assert_no_live_formula(out)
    assert PAYLOADS[0] in texts and PAYLOADS[1] in texts
    summary = openpyxl.load_workbook(out).worksheets[0]
    assert summary.cell(row=2, column=2).data_type == "n"  # counts stay numbers


def test_indicators_workbook_writes_school_names_as_text(make_archive, run_cli, tmp_path):
    buffer = io.StringIO()
    csv.writer(buffer).writerows([("年度", "学校", "班级", "学生数"),
                                  *[(2016, p, "1班", 40 + n) for n, p in enumerate(PAYLOADS[:5])]])
    classes = buffer.getvalue()
    root = make_archive({
        "content/data/school_stats.xlsx": (FIXTURES / "school_stats_wanyuan.xlsx").read_bytes(),
        "content/data/classes.csv": classes,
    })
    out = tmp_path / "差异系数.xlsx"
    result = run_cli(root, "indicators", "--output", str(out))
    assert out.is_file(), result.output
    texts = assert_no_live_formula(out)
    for payload in PAYLOADS[:5]:
        assert payload in texts, payload
    sizes = openpyxl.load_workbook(out)["班额"]
    assert all(sizes.cell(row=r, column=4).data_type == "n" for r in range(2, sizes.max_row + 1))


def test_init_templates_write_a_hostile_county_name_as_text(run_cli, tmp_path):
    target = tmp_path / "new"
    result = run_cli(None, "init", str(target), "--county", "=cmd|' /C calc'!A0")
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO((target / "content/data/schools.csv").read_text("utf-8-sig"))))
    assert rows[1][0] == "'=cmd|' /C calc'!A0第一小学"
    assert assert_no_live_formula(target / "模板" / "学校名册.xlsx") == ["=cmd|' /C calc'!A0第一小学"]


def test_a_clerk_s_csv_copied_into_the_site_has_no_live_formula(make_archive, run_cli):
    rows = "学校,说明\r\n东阳小学,\"=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"\r\n西河小学,﹦1+1\r\n"
    root = make_archive({"content/县教科局/发展规划/2016/名单.csv": rows, "content/data/学校.csv": rows})
    assert run_cli(root, "build").exit_code == 0
    copies = list((root / "site" / "files").rglob("*.csv"))
    assert len(copies) == 2
    for copy in copies:
        cells = [cell for row in csv.reader(io.StringIO(copy.read_text("utf-8"))) for cell in row]
        assert "东阳小学" in cells and not [cell for cell in cells if _formula_like(cell)]
        assert "'=HYPERLINK(\"http://evil.example\",\"x\")" in cells
