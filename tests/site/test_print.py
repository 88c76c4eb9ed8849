"""Printing from Chromium: the 归档文件目录 on A4 landscape in the DA/T 22 layout, other pages on A4 portrait.

Pages are printed to PDF the way Chromium's print dialog does (the page's own @page size), the text
of each sheet is read back with pypdfium2, and the first sheet of the catalogue is rendered to PNG
beside the PDFs under tmp_path, to look at.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from archive_builder.archival.catalogue import COLUMNS
from archive_builder.core.config import load_config
from archive_builder.pipeline import build_site

from site_helpers import archive_files

pytestmark = pytest.mark.browser

REPO = Path(__file__).resolve().parents[2]
A4_PORTRAIT = (595, 842)  # points
A4_LANDSCAPE = (842, 595)
CLASS_FOLDER = "content/县教科局/发展规划/2016"
#: Long enough to wrap inside the 题名 cell, so a row split across sheets would split a title.
LONG = "关于进一步推进县域义务教育优质均衡发展、统筹城乡学校布局和教师交流轮岗工作的实施意见"


def _titles() -> list[str]:
    return [f"2016年第{n:02d}号工作材料{LONG if n % 3 == 0 else ''}" for n in range(1, 46)]


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    """A scratch archive with 45 documents in one class (several sheets) and the demo's checklists."""
    root = tmp_path_factory.mktemp("print") / "archive"
    files = dict(archive_files())
    for n, title in enumerate(_titles(), 1):
        files[f"{CLASS_FOLDER}/材料{n:02d}.md"] = (
            f"---\ntitle: {title}\ndate: 2016-03-{n % 28 + 1:02d}\ndoc_no: 示教字〔2016〕{n}号\n---\n{title}。\n"
        )
    for rel, data in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8") if isinstance(data, str) else path.write_bytes(data)
    shutil.copytree(REPO / "checklists", root / "checklists")
    return build_site(load_config(root)).output


def _print(browser, page_file: Path, out: Path) -> tuple[bytes, list[str]]:
    """The page printed to PDF as Chromium's print dialog does, and the words of its site chrome on screen."""
    context = browser.new_context(viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    chrome = " ".join(page.locator(".md-header, .md-tabs, .md-sidebar, .md-footer, .md-top, .ab-search-bar")
                      .all_text_contents())
    article = page.locator("article").first.text_content() or ""
    words = sorted({w for w in re.split(r"\s+", chrome) if len(w) >= 2 and w not in article})
    data = page.pdf(prefer_css_page_size=True, print_background=True)
    context.close()
    out.write_bytes(data)
    return data, words


def _sheets(data: bytes) -> tuple[list[tuple[int, int]], list[str]]:
    """Each sheet's size in points and its text without white space."""
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(data)
    sizes = [tuple(round(v) for v in pdf[i].get_size()) for i in range(len(pdf))]
    texts = [re.sub(r"\s+", "", pdf[i].get_textpage().get_text_range()) for i in range(len(pdf))]
    return sizes, texts  # type: ignore[return-value]


def _no_chrome(words: list[str], texts: list[str]) -> None:
    assert "首页" in words  # the navigation was on screen, so its absence from the sheets means something
    printed = "".join(texts)
    assert [w for w in words if w in printed] == []


def test_the_catalogue_prints_on_a4_landscape_in_the_dat22_layout(browser, site, tmp_path):
    import pypdfium2 as pdfium

    data, chrome = _print(browser, site / "catalogue/2016-y-jkj.html", tmp_path / "catalogue.pdf")
    sizes, texts = _sheets(data)
    assert len(sizes) >= 2 and set(sizes) == {A4_LANDSCAPE}
    header = "".join(COLUMNS)  # 序号档号文号责任者题名日期密级页数备注, in this order on every sheet
    assert all(header in text for text in texts), [t[:120] for t in texts]
    assert [text[:len(f"{n}/{len(texts)}")] for n, text in enumerate(texts, 1)] == [
        f"{n}/{len(texts)}" for n in range(1, len(texts) + 1)]  # each sheet numbered at its foot
    assert "归档文件目录" in texts[0] and "年度：2016" in texts[0] and "保管期限：永久" in texts[0]
    for title in _titles():  # every title whole on one sheet: no row is split
        assert sum(title in text for text in texts) == 1, title
    assert "绝密测算表" not in "".join(texts) and "涉密" in "".join(texts)
    _no_chrome(chrome, texts)
    bitmap = pdfium.PdfDocument(data)[0].render(scale=1.5).to_pil()
    bitmap.save(tmp_path / "catalogue-1.png")
    assert bitmap.width > bitmap.height


@pytest.mark.parametrize("page, expected", [
    ("assessment/index.html", "评估认定"),
    ("items/caizheng-funding-docs.html", "县财政"),
])
def test_readiness_and_item_pages_print_on_a4_portrait(browser, site, tmp_path, page, expected):
    data, chrome = _print(browser, site / page, tmp_path / "page.pdf")
    sizes, texts = _sheets(data)
    assert set(sizes) == {A4_PORTRAIT}
    assert expected in texts[0] and texts[0].startswith(f"1/{len(texts)}")
    _no_chrome(chrome, texts)


def test_a_document_page_prints_its_archive_number_and_box(browser, site, tmp_path):
    page = next(p for p in sorted((site / "docs").rglob("*.html")) if "2016年第01号工作材料" in p.read_text("utf-8"))
    data, chrome = _print(browser, page, tmp_path / "document.pdf")
    sizes, texts = _sheets(data)
    assert set(sizes) == {A4_PORTRAIT}
    assert "档号J001-WS·2016-Y-JKJ-" in texts[0] and "所在目录（盒）J001-WS·2016-Y-JKJ" in texts[0]
    _no_chrome(chrome, texts)
