"""A mark a workbook's formula computes: Excel and WPS work a formula out on opening, so what it shows is what a
person reads, whether the file stores a result (Excel, LibreOffice) or not (openpyxl and other generators).

``=SUBSTITUTE("机X","X","密")&"★5年"``, ``=CHAR(48122)&CHAR(50140)``, ``=UNICHAR(HEX2DEC("673A"))&…`` and
``="机"&"密"`` all show 机密; a stored 普通 beside such a formula does not hide it. A formula that puts text together
from cells, with no stored result, shows something nobody has read: the workbook is held, and the problem says
which cell and what to do. A numeric formula (=SUM(B2:B9), =B2/C2) holds nothing back.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from fixtures.packages import rewritten
from withheld import FOLDER, assert_classified_and_unstored

from archive_builder.core.config import load_config
from archive_builder.pipeline import load_inventory
from archive_builder.review.policy import decide

MARK_FORMULAS = [
    '=SUBSTITUTE("机X","X","密")&"★5年"',
    "=CHAR(48122)&CHAR(50140)&\"★5年\"",
    '=_xlfn.UNICHAR(_xlfn.HEX2DEC("673A"))&_xlfn.UNICHAR(HEX2DEC("5BC6"))&"★5年"',
    '=UNICHAR(HEX2DEC("673A"))&UNICHAR(HEX2DEC("5BC6"))&"★5年"',
    '="机"&"密"&"★5年"',
    '=CONCATENATE("机",CONCAT("密","★"),REPT("5",1),"年")',
    '=MID("不机密★5年",2,5)',
]


def _workbook(path: Path, formula: str, stored: str | None = None) -> None:
    """A workbook openpyxl writes (no stored results), A1 the formula; ``stored``: a result written beside it,
    as Excel would have stored one."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"] = formula
    sheet.append(["学校", "人数 SLIPWORD"])
    buffer = io.BytesIO()
    book.save(buffer)
    if stored is None:
        path.write_bytes(buffer.getvalue())
        return
    rewritten(buffer.getvalue(), path, {"xl/worksheets/sheet1.xml": (b'<c r="A1"><f>', b'<c r="A1" t="str"><f>')})
    data = _member(path, "xl/worksheets/sheet1.xml").replace(b"<v></v>", f"<v>{stored}</v>".encode(), 1)
    _replace_member(path, "xl/worksheets/sheet1.xml", data)


def _member(path: Path, name: str) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return archive.read(name)


def _replace_member(path: Path, name: str, data: bytes) -> None:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, content in members:
            archive.writestr(info, data if info.filename == name else content)


@pytest.mark.parametrize("formula", MARK_FORMULAS)
def test_a_mark_a_formula_computes_without_a_stored_result_classifies_the_workbook(tmp_path, formula):
    assert_classified_and_unstored(tmp_path, "名册.xlsx", lambda path: _workbook(path, formula))


@pytest.mark.parametrize("formula", MARK_FORMULAS[:3])
def test_an_innocent_stored_result_does_not_hide_the_mark_its_formula_computes(tmp_path, formula):
    assert_classified_and_unstored(tmp_path, "名册.xlsx", lambda path: _workbook(path, formula, stored="普通"))


def _statuses(root: Path, files: dict[str, str]) -> dict[str, object]:
    for name, formula in files.items():
        (root / FOLDER).mkdir(parents=True, exist_ok=True)
        _workbook(root / FOLDER / name, formula)
    inventory = load_inventory(load_config(root), ocr=False)
    return {doc.path.rsplit("/", 1)[-1]: (decide(doc), doc, [p for p in inventory.problems if p.path == doc.path])
            for doc in inventory.documents}


@pytest.mark.parametrize("formula", ['=B1&C1&"★5年"', '=LOWER(INDIRECT("B1"))&"★5年"',
                                     "=" + "(" * 300 + '"机"' + ")" * 300 + '&"密★5年"'], ids=["cells", "indirect", "nested"])
def test_text_put_together_from_cells_without_a_stored_result_holds_the_workbook_and_says_which_cell(tmp_path, formula):
    [(verdict, doc, problems)] = _statuses(tmp_path, {"名册.xlsx": formula}).values()
    assert verdict.held and not verdict.visible(include_internal=True)
    assert "Sheet!A1" in (doc.read_error or "")
    assert any("Sheet!A1" in str(problem.params) for problem in problems)


@pytest.mark.parametrize("formula", ["=SUM(B2:B9)", "=B2/C2", '=IF(B2>0,"是","否")', "=ROUND(B2*100/C2,1)"])
def test_a_numeric_or_choosing_formula_without_a_stored_result_holds_nothing_back(tmp_path, formula):
    [(verdict, doc, _)] = _statuses(tmp_path, {"统计.xlsx": formula}).values()
    assert verdict.status == "published", (verdict, doc.read_error)
