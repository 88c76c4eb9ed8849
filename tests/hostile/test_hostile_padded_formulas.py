"""A formula after any number of leading spaces is still a formula: written as text in every sheet and CSV.

Spreadsheet programs skip the spaces before a formula, so `` =1+1`` is treated as ``=1+1``; the check does
not stop at a cell's first characters: twenty ideographic spaces (or any Unicode space, a line break, a
zero-width space) before ``=1+1`` are skipped too.
"""

from __future__ import annotations

import csv
import io

import pytest

from archive_builder.core.cells import csv_cell, is_formula_like

PADDINGS = ["\u3000" * 20, " " * 100, "\u2003" * 17, "\u00a0" * 30, "\u200b" + "\u3000" * 20, "\n" * 40,
            "\u2002\u3000 " * 10, "\ufeff" * 3 + " " * 20]


@pytest.mark.parametrize("padding", PADDINGS, ids=range(len(PADDINGS)))
@pytest.mark.parametrize("formula", ["=1+1", "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3+cmd|' /C calc'!A0", "＝1+1", "﹦1+1"])
def test_a_formula_after_leading_spaces_of_any_length_is_written_as_text(padding, formula):
    value = padding + formula
    assert is_formula_like(value)
    assert csv_cell(value) == "'" + value


@pytest.mark.parametrize("value", ["\u3000" * 20 + "正文", " " * 50 + "1+1", "\u3000" * 20 + "12-3", "   ",
                                   "\u3000" * 20 + "合计 =100", "项目 -5", "2016-03-01"])
def test_ordinary_text_after_spaces_is_left_as_written(value):
    assert not is_formula_like(value)
    assert csv_cell(value) == value


def test_the_site_s_copy_of_a_csv_writes_a_padded_formula_as_text(make_archive, run_cli):
    padded = "\u3000" * 20 + "=1+1"
    rows = [["学校", "备注"], ["示范一小", padded], ["示范二小", "正常"]]
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    root = make_archive({"content/县财政局/保障机制/2016/名单.csv": buffer.getvalue()})
    assert run_cli(root, "build").exit_code == 0
    copies = list((root / "site" / "files").rglob("*.csv"))
    assert copies
    cells = [cell for copy in copies for row in csv.reader(io.StringIO(copy.read_text("utf-8-sig"))) for cell in row]
    assert "'" + padded in cells and padded not in cells
    assert "正常" in cells and "示范一小" in cells
