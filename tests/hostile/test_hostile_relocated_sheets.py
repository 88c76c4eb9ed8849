"""A sheet part stored outside ``xl/worksheets/`` is measured before calamine opens the workbook.

The workbook's relationships say where each sheet is (``/xl/data/sheet1.xml``, ``data/s.xml``, any name); calamine
follows them, so the extent check does too: a sparse sheet anywhere in the package is one problem line, never an
aborted process (calamine would hold 1,048,576 × 16,384 cells as a dense range, 512 GB).
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from archive_builder.inventory.readers.base import ReadFailed
from archive_builder.inventory.readers.budget import check_sheet_extent

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WORKSHEET_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"


def relocated_xlsx(part: str, target: str, far: str = "XFD1048576") -> bytes:
    """A workbook whose one sheet is stored at ``part``, named by the workbook's rels as ``target``."""
    row = "".join(ch for ch in far if ch.isdigit())
    members = {
        "[Content_Types].xml": (
            f'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            f'<Override PartName="/{part}" ContentType="{_WORKSHEET_TYPE}"/></Types>'),
        "_rels/.rels": (f'<?xml version="1.0"?><Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
                        f'Type="{_OFFICE}/officeDocument" Target="xl/workbook.xml"/></Relationships>'),
        "xl/workbook.xml": (f'<?xml version="1.0"?><workbook xmlns="{_MAIN}" xmlns:r="{_OFFICE}"><sheets>'
                            '<sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'),
        "xl/_rels/workbook.xml.rels": (f'<?xml version="1.0"?><Relationships xmlns="{_RELS}"><Relationship Id="rId1" '
                                       f'Type="{_OFFICE}/worksheet" Target="{target}"/></Relationships>'),
        part: (f'<?xml version="1.0"?><worksheet xmlns="{_MAIN}"><sheetData>'
               '<row r="1"><c r="A1" t="inlineStr"><is><t>学校名称</t></is></c>'
               '<c r="B1" t="inlineStr"><is><t>学生数</t></is></c></row>'
               f'<row r="{row}"><c r="{far}"><v>1</v></c></row></sheetData></worksheet>'),
    }
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return buffer.getvalue()


PLACES = [
    ("xl/data/sheet1.xml", "/xl/data/sheet1.xml"),  # absolute
    ("xl/data/sheet1.xml", "data/sheet1.xml"),  # from the workbook's folder
    ("xl/sheet.xml", "sheet.xml"),
    ("other/s.xml", "/other/s.xml"),
    ("xl/Sheets/S1.XML", "/xl/Sheets/S1.XML"),
]


@pytest.mark.parametrize(("part", "target"), PLACES)
def test_a_sparse_sheet_stored_anywhere_is_refused(part, target):
    with zipfile.ZipFile(io.BytesIO(relocated_xlsx(part, target))) as archive, pytest.raises(ReadFailed) as caught:
        check_sheet_extent(archive)
    assert caught.value.code == "scan.too_large" and "1,048,576 rows × 16,384 columns" in caught.value.detail


@pytest.mark.parametrize(("part", "target"), PLACES[:2])
def test_an_ordinary_sheet_stored_elsewhere_is_within_the_extent_and_read(tmp_path, part, target):
    from archive_builder.inventory.readers import table_rows

    data = relocated_xlsx(part, target, far="C20")
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        check_sheet_extent(archive)
    path = tmp_path / "ordinary.xlsx"
    path.write_bytes(data)
    assert table_rows(path)[0][:2] == ["学校名称", "学生数"]


def test_a_relocated_sparse_data_table_is_one_line_and_the_build_goes_on(make_archive):
    folder = "content/县财政局/保障机制/2016"
    root = make_archive({"content/data/school_stats.xlsx": relocated_xlsx("xl/data/sheet1.xml", "/xl/data/sheet1.xml"),
                         f"{folder}/普通通知.md": "---\n标题: 普通通知\n---\n这是普通通知的正文，蓝鲸计划。\n"})
    for command in (["build"], ["indicators"]):
        done = subprocess.run([sys.executable, "-c", "from archive_builder.commands.cli import main; main()",
                               "--root", str(root), *command], capture_output=True, text=True, timeout=300,
                              env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
        output = done.stdout + done.stderr
        assert done.returncode >= 0, output  # not killed by a signal
        assert "memory allocation" not in output and "Traceback" not in output and "backtrace" not in output
        lines = [line for line in output.splitlines() if "school_stats.xlsx" in line]
        assert lines and all("1,048,576 rows × 16,384 columns" in line for line in lines), output
    assert "蓝鲸计划" in "".join(p.read_text("utf-8") for p in (root / "site" / "docs").rglob("*.html"))
