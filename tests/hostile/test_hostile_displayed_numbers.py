"""A personal number a workbook shows through a number format or a formula, not through its stored value.

Excel shows 19970802 formatted ``"141023"00000000"1016"`` as an ID, 141023199708021016 stored as a float and
formatted ``000000-00000000-0000`` in groups, and works ``="1410231997"&"08021016"`` or
``=TEXT(141023199708021016,"0")`` out on opening even when no result is stored. The review reads what is shown:
the number is masked in the site, the search index and the cache, it is counted, and the original (which holds
it) is not copied into the site.
"""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from withheld import FOLDER, build_and_judge

from archive_builder.core.config import load_config
from archive_builder.pipeline import load_inventory
from archive_builder.review.policy import decide

ID = 141023199708021016
#: what must appear nowhere in the site or the cache: the ID, its halves as the formulas and formats spell them
RAW = ("141023199708021016", "1410231997", "08021016", "1410231997 08021016")

CASES = {
    "format0.xlsx": (float(ID), "0"),
    "groups.xlsx": (float(ID), "000000-00000000-0000"),
    "literals.xlsx": (19970802, '"141023"00000000"1016"'),
    "joined.xlsx": ('="1410231997"&"08021016"', "General"),
    "text.xlsx": ('=TEXT(141023199708021016,"0")', "General"),
    "concatenated.xlsx": ('=CONCATENATE("1410231997","0802","1016")', "General"),
}


def _roster(path: Path, value: object, number_format: str) -> None:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["姓名", "身份证号"])
    sheet.append(["张三", value])
    sheet["B2"].number_format = number_format
    book.save(path)


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, bytes, dict[str, str]]:
    root = tmp_path_factory.mktemp("numbers")
    for name, (value, number_format) in CASES.items():
        (root / FOLDER).mkdir(parents=True, exist_ok=True)
        _roster(root / FOLDER / name, value, number_format)
    site, statuses = build_and_judge(root)
    return root, site, statuses


def test_every_roster_is_published_and_counted_as_holding_a_personal_number(built):
    root, _, statuses = built
    assert statuses == dict.fromkeys(CASES, "published")
    documents = {doc.path.rsplit("/", 1)[-1]: doc for doc in load_inventory(load_config(root), ocr=False).documents}
    for name, doc in documents.items():
        assert doc.personal_numbers > 0, name
        assert not decide(doc).held


def test_no_original_is_copied_into_the_site(built):
    root, _, _ = built
    assert not [p for p in (root / "site").rglob("*") if p.suffix.lower() == ".xlsx"]


@pytest.mark.parametrize("raw", RAW)
def test_the_number_is_in_no_page_index_or_cache(built, raw):
    root, site, _ = built
    written = [site, *(p.read_bytes() for p in (root / ".archive-cache").rglob("*") if p.is_file())]
    for data in written:
        flat = re.sub(rb"\s", b"", data)
        assert raw.replace(" ", "").encode() not in flat


def test_the_cached_text_holds_what_each_roster_shows_masked(built):
    root, _, _ = built
    cached = "\n".join(p.read_text("utf-8") for p in (root / ".archive-cache" / "text").rglob("*.json"))
    assert "141023-********-" in cached  # the groups of the format, the digits masked
    assert cached.count("141023********1016") >= 2  # the literals' ID and the joined one
