"""A formula stands in more places of a workbook than a cell's ``<f>``: a defined name (a cell calls it by name,
``=web``), a conditional format's rule and a data validation. Excel computes each of them when the workbook is
opened, so a WEBSERVICE or HYPERLINK there fetches as one in a cell does: such a workbook is never copied into
the site, while the same places holding plain arithmetic leave the original attached.
"""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from openpyxl.formatting.rule import FormulaRule
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation

from archive_builder.commands.cli import cli
from archive_builder.inventory.readers.sheets import live_content

FETCHING = 'WEBSERVICE("http://127.0.0.1:9/x")'


def _workbook(place: str, formula: str) -> bytes:
    """A small workbook of real cells whose one formula stands in ``place``."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(["学校", "学生数"])
    sheet.append(["第一小学", 420])
    if place == "defined name":
        workbook.defined_names["web"] = DefinedName("web", attr_text=formula)
        sheet["C2"] = "=web"
    elif place == "conditional format":
        sheet.conditional_formatting.add("B2", FormulaRule(formula=[f"LEN({formula})>0"]))
    else:
        validation = DataValidation(type="custom", formula1=f"LEN({formula})>0")
        sheet.add_data_validation(validation)
        validation.add("B2")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


PLACES = ("defined name", "conditional format", "data validation")


@pytest.mark.parametrize("place", PLACES)
@pytest.mark.parametrize("formula", [FETCHING, 'HYPERLINK("http://127.0.0.1:9/y")', "[其他.xlsx]Sheet1!A1"])
def test_a_fetching_formula_outside_the_cells_makes_the_workbook_live(tmp_path, place, formula):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(_workbook(place, formula))
    assert live_content(path)


@pytest.mark.parametrize("place", PLACES)
def test_plain_arithmetic_in_the_same_places_leaves_the_workbook_inert(tmp_path, place):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(_workbook(place, "SUM(1,2)"))
    assert not live_content(path)


def test_a_build_attaches_none_of_the_fetching_workbooks(tmp_path):
    root = tmp_path / "archive"
    folder = root / "content/县教科局/发展规划/2017"
    folder.mkdir(parents=True)
    for number, place in enumerate(PLACES):
        (folder / f"台账{number}.xlsx").write_bytes(_workbook(place, FETCHING))
    (folder / "合计.xlsx").write_bytes(_workbook("conditional format", "SUM(1,2)"))
    result = CliRunner().invoke(cli, ["--root", str(root), "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    attached = [p for p in (root / "site" / "files").rglob("*.xlsx")]
    assert len(attached) == 1 and b"WEBSERVICE" not in b"".join(_parts(p) for p in attached)


def _parts(path: Path) -> bytes:
    import zipfile

    with zipfile.ZipFile(path) as archive:
        return b"".join(archive.read(name) for name in archive.namelist())
