"""Spreadsheets and CSV files the tool writes, read the way a program may read them: split on a semicolon or a tab
(where that is the list separator, or when a first line ``sep=;`` says so), with control characters in a value,
with a configured code that no sheet title may hold. No cell is ever live, and no value takes the file down."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.core.cells import append_row, csv_cell, is_formula_like, neutral_csv, sheet_name
from archive_builder.site.originals import text_copy


def _cells_under_every_separator(text: str) -> list[str]:
    """Every cell of a CSV as Excel may read it: by comma, by semicolon, by tab, and as its sep= line says."""
    cells = []
    for delimiter in (",", ";", "\t"):
        cells += [cell for row in csv.reader(io.StringIO(text), delimiter=delimiter) for cell in row]
    return cells


@pytest.mark.parametrize("value", ["甲;=cmd|' /C calc'!A0;x", "乙\t+HYPERLINK(C4)", "丙; @SUM(1)", "sep=;", "SEP=,"])
def test_a_cell_is_not_live_under_another_separator(value):
    written = neutral_csv([["学校", value]])
    assert not [cell for cell in _cells_under_every_separator(written) if is_formula_like(cell)], written
    assert csv_cell("甲;乙") == "甲;乙"  # an ordinary semicolon is left as it is


def test_a_clerks_csv_with_a_separator_line_is_copied_inert():
    clerk = "sep=;\n学校,金额,备注\n甲;=cmd|' /C calc'!A0;x,2,a\n乙;=HYPERLINK(C4);http://example.invalid/,3,b\n"
    copy = text_copy(clerk, "csv").decode("utf-8")
    assert not copy.lower().startswith("sep=")  # the directive no longer tells Excel to split on ;
    assert not [cell for cell in _cells_under_every_separator(copy) if is_formula_like(cell)], copy


def test_control_characters_in_a_value_are_left_out_of_a_workbook_cell():
    book = openpyxl.Workbook()
    append_row(book.active, ["2017年规划\x01标题", "示政发〔2017〕1号\x02", "=cmd|x\x03", 5])
    buffer = io.BytesIO()
    book.save(buffer)  # would raise IllegalCharacterError with the control characters kept
    row = [cell.value for cell in openpyxl.load_workbook(io.BytesIO(buffer.getvalue())).active[1]]
    assert row == ["2017年规划标题", "示政发〔2017〕1号", "=cmd|x", 5]


@pytest.mark.parametrize("name", ["2017-Y-JK:J", "2017/Y/JK", "a[b]*?\\", "'quoted'", "\x01控制", ""])
def test_a_sheet_title_is_always_valid_and_unique(name):
    used: set[str] = set()
    first, second = sheet_name(name, used), sheet_name(name, used)
    book = openpyxl.Workbook()
    book.create_sheet(first)
    book.create_sheet(second)  # openpyxl raises on a title Excel refuses
    assert first != second and len(first) <= 31


def _archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    folder = root / "content" / "县教科局" / "发展规划" / "2017"
    folder.mkdir(parents=True)
    (folder / "规划.md").write_text('---\n标题: "2017年规划\\x01标题"\n文号: "示政发〔2017〕1号\\x02"\n---\n正文\n',
                                  "utf-8")
    (root / "site_config").mkdir()
    (root / "site_config" / "archive.yml").write_text(
        "departments:\n  - id: jiaoke\n    code: 'JK:J'\n", "utf-8")
    return root


@pytest.mark.parametrize("args", [["catalogue", "--format", "xlsx", "--no-record"], ["check", "--format", "xlsx"]])
def test_a_workbook_report_is_written_whatever_its_values_hold(tmp_path, args):
    root = _archive(tmp_path)
    output = tmp_path / "report.xlsx"
    result = CliRunner().invoke(cli, ["--root", str(root), *args, "--output", str(output)])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    assert "Traceback" not in result.output
    with zipfile.ZipFile(output) as book:
        sheets = b"".join(book.read(n) for n in book.namelist() if n.startswith("xl/worksheets/"))
    assert b"<f>" not in sheets
    if args[0] == "catalogue":  # the check has no checklist here to name the document in
        values = [cell.value for sheet in openpyxl.load_workbook(output) for row in sheet.iter_rows() for cell in row]
        assert "2017年规划标题" in values and "示政发〔2017〕1号" in values


SPLIT_NAMES = ("2014年a;=1+1;b.md", "2014年c\t=2+2\td.md", "2014年e;@SUM(1);f.md", "2014年g;'h.md")


def test_the_number_record_has_no_live_cell_under_another_separator_and_reads_back(tmp_path):
    root = tmp_path / "archive"
    folder = root / "content/县财政局/保障机制/2014"
    folder.mkdir(parents=True)
    for name in SPLIT_NAMES:
        (folder / name).write_text(f"---\n标题: 通知\n日期: 2014-03-01\n---\n正文 {name}\n", "utf-8")
    result = CliRunner().invoke(cli, ["--root", str(root), "catalogue"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    written = (root / "archive_numbers.csv").read_text("utf-8-sig")
    assert not [cell for cell in _cells_under_every_separator(written) if is_formula_like(cell)], written
    again = CliRunner().invoke(cli, ["--root", str(root), "catalogue"], catch_exceptions=False)
    assert again.exit_code == 0 and (root / "archive_numbers.csv").read_text("utf-8-sig") == written  # no renumbering
    assert "(0 new)" in again.output, again.output
