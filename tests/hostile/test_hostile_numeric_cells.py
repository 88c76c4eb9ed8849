"""Personal numbers a clerk typed into a workbook as numbers, not text.

A spreadsheet stores 15912345678 as a float (it shows 1.5912345678E+10 or 15912345678.0), and keeps 15
significant digits, so an 18-digit ID or a 19-digit card typed as a number comes back rounded and its check
digit fails. Whole floats are read as integers, and a number of 15 or more digits is masked as a personal one.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.inventory.readers import sheets
from archive_builder.inventory.readers.cells import cell_text, cell_value

PHONE = 15912345678
ID_NUMBER = 110101199003071233  # stored as a float: 1.101011990030712e+17
CARD = 6217001234567890123
#: what must appear nowhere: the digits, the rounded ones, and the float spellings
RAW = ("15912345678", "1.5912345678", "11010119900307", "1.10101199", "621700123456789", "6.21700123")


def _roster(path: Path) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "资助名册"
    sheet.append(["姓名", "手机", "身份证号", "银行卡", "人数", "补助"])
    sheet.append(["张三", PHONE, ID_NUMBER, CARD, 300, 1250.5])
    sheet.append(["李四", float(PHONE), float(ID_NUMBER), float(CARD), 12.0, 99999999999999])  # 14 digits: an amount
    book.save(path)
    assert sheet["B2"].data_type == "n" and sheet["C2"].data_type == "n"  # numbers, not text


@pytest.mark.parametrize(("value", "shown"), [
    (15912345678.0, "15912345678"), (300.0, "300"), (1250.5, "1250.5"), (99999999999999.0, "99999999999999"),
    (1.101011990030712e17, "110101********1200"), (6.21700123456789e18, "621700*********9920"),
    (123456789012345.0, "123456*****2345"), (123456789012345.5, "123456*****2345"),
])
def test_numeric_cells_are_read_whole_and_long_ones_masked(value, shown):
    assert cell_text(value) == shown
    if "*" in shown:
        assert cell_value(value) == shown
    else:
        assert cell_value(value) == value and isinstance(cell_value(value), int) == value.is_integer()


def test_the_reader_gives_whole_numbers_and_masks_personal_figures(tmp_path):
    _roster(tmp_path / "名册.xlsx")
    table = sheets.read_tables(tmp_path / "名册.xlsx")[0]
    assert table.rows[1][1] == PHONE and isinstance(table.rows[1][1], int)
    assert table.rows[1][4] == 300 and table.rows[2][4] == 12
    text = "\n".join(sheets.read(tmp_path / "名册.xlsx").units)
    assert not any(raw in text for raw in RAW[1:]), text  # the mobile is whole, for mask_text to find
    assert "\t15912345678\t" in text and "15912345678.0" not in text
    assert "110101********1200" in text and "621700*********9920" in text


def test_site_index_and_cache_show_numeric_personal_numbers_masked(tmp_path):
    root = tmp_path / "archive"
    folder = root / "content/县教科局/规范办学行为/2016"
    folder.mkdir(parents=True)
    _roster(folder / "资助名册.xlsx")
    for command in (["build"], ["index"]):
        result = CliRunner().invoke(cli, ["--root", str(root), *command], catch_exceptions=False)
        assert result.exit_code == 0, result.output

    pages = [p for p in (root / "site").rglob("*.html") if "张三" in p.read_text("utf-8", "replace")]
    assert pages, "the roster has a page"
    page = pages[0].read_text("utf-8")
    assert "159****5678" in page and "110101********1200" in page and "621700*********9920" in page

    cached = [p.read_text("utf-8") for p in (root / ".archive-cache" / "text").rglob("*") if p.is_file()]
    assert any("159****5678" in text and "110101********1200" in text for text in cached)

    found = CliRunner().invoke(cli, ["--root", str(root), "search", "张三"], catch_exceptions=False)
    assert found.exit_code == 0, found.output
    assert "张三" in found.output

    written = [p for folder in (root / "site", root / ".archive-cache") for p in folder.rglob("*") if p.is_file()]
    assert not any(p.suffix == ".xlsx" for p in written if "site" in p.relative_to(root).parts[:1])  # no original
    for path in written:
        data = re.sub(rb"\s", b"", path.read_bytes())
        for raw in RAW:
            assert raw.encode() not in data, (path, raw)
            assert raw.encode("utf-16-le") not in data, (path, raw)
