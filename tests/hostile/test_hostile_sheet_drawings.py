"""A mark a workbook prints where calamine, which reads cell values only, does not look: a text box drawn over
the sheet (xl/drawings/), and a cell's number format whose literal text is the mark (``"机密★5年"@``,
``"机密";"机密"``): the cell shows the mark whatever it holds. Either classifies the workbook."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from fixtures.packages import rewritten
from withheld import assert_classified_and_unstored

from archive_builder.core.privacy import detect_classification
from archive_builder.inventory.readers.base import property_lines
from archive_builder.inventory.readers.sheets import read

_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _drawing(text: str) -> str:
    """A drawing part with one text box anchored over E1:F2 (as Excel writes Insert > Text Box)."""
    runs = "".join(f"<a:r><a:t>{part}</a:t></a:r>" for part in text.split("|"))
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<xdr:wsDr xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" '
            'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><xdr:twoCellAnchor>'
            '<xdr:from><xdr:col>4</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>0</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:from>'
            '<xdr:to><xdr:col>6</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>2</xdr:row><xdr:rowOff>0</xdr:rowOff></xdr:to>'
            '<xdr:sp macro="" textlink=""><xdr:nvSpPr><xdr:cNvPr id="2" name="TextBox 1"/><xdr:cNvSpPr txBox="1"/>'
            '</xdr:nvSpPr><xdr:spPr><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></xdr:spPr>'
            f'<xdr:txBody><a:bodyPr/><a:lstStyle/><a:p>{runs}</a:p></xdr:txBody></xdr:sp><xdr:clientData/>'
            '</xdr:twoCellAnchor></xdr:wsDr>')


def _xlsx_with_text_box(path: Path, text: str = "机密|★5年") -> None:
    """A workbook openpyxl writes, with a text box drawn over its sheet (openpyxl writes no shapes)."""
    book = openpyxl.Workbook()
    book.active.append(["学校", "人数 SLIPWORD"])
    buffer = io.BytesIO()
    book.save(buffer)
    rewritten(buffer.getvalue(), path, {
        "xl/worksheets/sheet1.xml": (b"</worksheet>", f'<drawing xmlns:r="{_RELS}" r:id="rIdD1"/></worksheet>'.encode()),
        "[Content_Types].xml": (b"</Types>", b'<Override PartName="/xl/drawings/drawing1.xml" ContentType='
                                             b'"application/vnd.openxmlformats-officedocument.drawing+xml"/></Types>'),
    }, {
        "xl/worksheets/_rels/sheet1.xml.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats'
            f'.org/package/2006/relationships"><Relationship Id="rIdD1" Type="{_RELS}/drawing" '
            'Target="../drawings/drawing1.xml"/></Relationships>'),
        "xl/drawings/drawing1.xml": _drawing(text),
    })


def _xlsx_formatted(path: Path, number_format: str, value: object) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = value
    sheet["A1"].number_format = number_format
    sheet["A2"] = "人数 SLIPWORD"
    book.save(path)


MAKERS = {
    "text box": _xlsx_with_text_box,
    "text format": lambda p: _xlsx_formatted(p, '"机密★5年"@', "方案"),
    "number format": lambda p: _xlsx_formatted(p, '"机密";"机密"', 5),
    "escaped format": lambda p: _xlsx_formatted(p, "\\秘\\密0", 3),
}


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_the_reader_s_head_holds_the_mark(tmp_path, name):
    path = tmp_path / "报表.xlsx"
    MAKERS[name](path)
    assert detect_classification(read(path).head, lines=60) in ("机密", "秘密")


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_a_mark_in_a_text_box_or_a_number_format_classifies_the_workbook(make_archive, name):
    assert_classified_and_unstored(make_archive(), "报表.xlsx", MAKERS[name])


@pytest.mark.parametrize("number_format", ['yyyy"年"m"月"d"日"', '0.00"元"', '_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * "-"??_ ;_ @_ ',
                                           '0"人"', '[DBNum1][$-804]General'])
def test_ordinary_formats_add_nothing_to_the_head(tmp_path, number_format):
    path = tmp_path / "报表.xlsx"
    _xlsx_formatted(path, number_format, 12)
    reading = read(path)
    head = reading.head.splitlines()[:-len(property_lines(reading.properties)) or None]  # the properties last
    assert len(head) == 3 and head[0] == "Sheet" and head[2] == "人数 SLIPWORD"  # the cell's value in between


def test_the_text_of_a_text_box_is_read_so_its_numbers_are_masked(tmp_path):
    path = tmp_path / "名单.xlsx"
    _xlsx_with_text_box(path, "联系电话 |15912345678")
    reading = read(path)
    assert "联系电话 15912345678" in reading.text and detect_classification(reading.head) is None
