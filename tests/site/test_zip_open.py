"""The zip handed to the inspectors opens: a note on how to open it, and a page taken alone out of it
says to extract the whole zip first (in Chromium over file://); the 404 page works from disk too."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.pipeline import build_site
from archive_builder.site.manifest import ZIP_README, verify_site

import chromium
from site_helpers import archive_files

NOTICE = "请先完整解压"
CRITICAL_STYLE = ":where(svg:not(.md-content *))"


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """(site folder, zip) of the scratch archive."""
    root = tmp_path_factory.mktemp("zip-open") / "archive"
    for rel, data in archive_files().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8") if isinstance(data, str) else path.write_bytes(data)
    result = build_site(load_config(root), zip_path=root.parent / "迎检档案.zip")
    return result.output, result.zip_path


def test_zip_root_holds_the_note_and_one_ascii_site_folder(built):
    site, zip_path = built
    with zipfile.ZipFile(zip_path) as archive:
        names = archive.namelist()
        note = archive.read(ZIP_README)
    assert {name.split("/", 1)[0] for name in names} == {ZIP_README, "site"}
    assert "site/index.html" in names
    assert all(name.isascii() for name in names if name != ZIP_README)
    assert len(names) == 1 + len([p for p in site.rglob("*") if p.is_file()])
    # Notepad on any Windows reads it: UTF-8 with a byte-order mark, CRLF line ends.
    assert note.startswith("\ufeff".encode())
    text = note.decode("utf-8-sig")
    assert "\n" not in text.replace("\r\n", "")
    assert "解压" in text and "index.html" in text and "“site”文件夹" in text
    assert verify_site(zip_path).intact  # the note is not a site file


def test_zip_with_a_stray_file_beside_the_site_is_not_intact(built, tmp_path):
    _, zip_path = built
    copy = tmp_path / "copy.zip"
    copy.write_bytes(zip_path.read_bytes())
    with zipfile.ZipFile(copy, "a") as archive:
        archive.writestr("index.html", "<p>not the site</p>")
    report = verify_site(copy)
    assert report.added == ["../index.html"] and not report.intact


def _open(browser, url: str):
    context, page = chromium.open_page(browser)
    page.console_errors = []
    page.on("console", lambda msg: msg.type == "error" and page.console_errors.append(msg.text))
    page.on("pageerror", lambda error: page.console_errors.append(str(error)))
    context.route("http://*/**", lambda route: route.abort())
    context.route("https://*/**", lambda route: route.abort())
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto(url)
    page.wait_for_load_state("load")
    return context, page


@pytest.mark.browser
def test_index_taken_alone_out_of_the_zip_shows_the_chinese_notice(built, browser, tmp_path):
    _, zip_path = built
    alone = tmp_path / "Temp1_迎检档案.zip"  # what Windows Explorer does on a double click inside a zip
    alone.mkdir()
    with zipfile.ZipFile(zip_path) as archive:
        (alone / "index.html").write_bytes(archive.read("site/index.html"))
    context, page = _open(browser, (alone / "index.html").as_uri())
    notice = page.locator(".ab-unzip")
    assert notice.is_visible()
    assert NOTICE in notice.inner_text() and "index.html" in notice.inner_text()
    box = notice.bounding_box()
    assert box["y"] < 100 and box["width"] > 400  # at the top, not squeezed
    assert float(page.evaluate("getComputedStyle(document.querySelector('.ab-unzip p')).fontSize")[:-2]) >= 20
    # Nothing the theme draws is giant without its stylesheet: every icon and the logo stay icon-sized.
    sizes = page.evaluate("[...document.querySelectorAll('svg, .md-logo img')]"
                          ".map(e => {const r = e.getBoundingClientRect(); return [r.width, r.height]})")
    assert sizes and max(max(pair) for pair in sizes) <= 48, sizes
    page.screenshot(path=str(tmp_path / "index-alone.png"))
    context.close()


@pytest.mark.browser
def test_notice_hidden_and_layout_unchanged_when_the_site_is_extracted(built, browser):
    site, _ = built
    for rel in ("index.html", "departments/caizheng.html"):
        context, page = _open(browser, (site / rel).as_uri())
        assert page.locator(".ab-unzip").count() == 1
        assert not page.locator(".ab-unzip").is_visible()
        assert page.console_errors == []
        measure = ("[...document.querySelectorAll('svg, img')]"
                   ".map(e => {const r = e.getBoundingClientRect(); return [r.x, r.y, r.width, r.height]})")
        styled = page.evaluate(measure)
        removed = page.evaluate(f"""() => {{
            const style = [...document.querySelectorAll('style')].find(s => s.textContent.startsWith({CRITICAL_STYLE!r}));
            if (!style) return false;
            style.remove();
            return true;
        }}""")
        assert removed
        assert page.evaluate(measure) == styled  # the fallback sizes never override the theme's
        context.close()


@pytest.mark.browser
def test_404_page_over_file_is_styled_and_has_no_console_errors(built, browser):
    site, _ = built
    text = (site / "404.html").read_text("utf-8")
    assert 'href="/' not in text and 'src="/' not in text
    context, page = _open(browser, (site / "404.html").as_uri())
    assert page.console_errors == []
    assert all(url.startswith("file://") for url in page.requests)
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert not page.locator(".ab-unzip").is_visible()
    assert page.locator("h1").inner_text() == "找不到这个页面"  # in the site's language
    for link in (".md-header__button.md-logo", "article a:has-text('返回首页')"):  # both lead home, on disk
        page.locator(link).click()
        page.wait_for_load_state("load")
        assert page.url == (site / "index.html").as_uri()
        page.go_back()
    context.close()
