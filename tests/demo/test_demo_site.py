"""The demo archive built into its site once: the acceptance checks of the site, privacy and catalogue."""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.core.config import load_config
from archive_builder.inventory.scan import scan_archive

from site_helpers import _EXTERNAL

REPO = Path(__file__).resolve().parents[2]
ID_RE = re.compile(r"(?<!\d)(\d{17}[\dXx])(?!\d)")
_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def valid_id(number: str) -> bool:
    total = sum(int(d) * w for d, w in zip(number[:17], _WEIGHTS))
    return "10X98765432"[total % 11] == number[17].upper()


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("demo")
    for part in ("content", "checklists", "site_config"):
        shutil.copytree(REPO / part, root / part)
    for name in ("mkdocs.yml", "archive_numbers.csv"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, root / name)
    result = CliRunner().invoke(cli, ["--root", str(root), "build", "--zip", str(root / "demo.zip")],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root


def site_files(root: Path) -> list[Path]:
    return [p for p in (root / "site").rglob("*") if p.is_file()]


def test_the_demo_builds_an_ascii_offline_site(demo_site):
    site = demo_site / "site"
    assert (site / "index.html").is_file()
    for path in site.rglob("*"):
        assert path.relative_to(site).as_posix().isascii(), path
    for path in site_files(demo_site):
        if path.suffix in (".html", ".js", ".css"):
            assert not _EXTERNAL.search(path.read_text("utf-8", "replace")), path
    assert 'href="//' not in (site / "index.html").read_text("utf-8")


def test_no_page_is_larger_than_150_kb(demo_site):
    largest = max((p for p in site_files(demo_site) if p.suffix == ".html"), key=lambda p: p.stat().st_size)
    assert largest.stat().st_size <= 150 * 1024, largest


def test_classified_documents_reach_no_site_file_and_no_zip(demo_site):
    config = load_config(demo_site)
    secret = [d for d in scan_archive(config).documents if d.is_secret]
    assert secret, "the demo has a classified document"
    needles = [d.title.encode() for d in secret] + [d.sha256.encode() for d in secret]
    for path in site_files(demo_site):
        data = path.read_bytes()
        assert not any(n in data for n in needles), path
    zipped = (demo_site / "demo.zip").read_bytes()
    assert not any(n in zipped for n in needles[len(secret):])


def test_valid_id_numbers_in_rosters_appear_in_no_site_file(demo_site):
    numbers = set()
    for path in (demo_site / "content").rglob("*.csv"):
        text = path.read_bytes().decode("utf-8-sig", "replace")
        numbers |= {n for n in ID_RE.findall(text) if valid_id(n)}
    assert numbers, "the demo rosters hold ID numbers"
    encoded = [n.encode() for n in numbers]
    for path in site_files(demo_site):
        data = path.read_bytes()
        assert not any(n in data for n in encoded), path


def test_indicator_section_has_chinese_trend_charts(demo_site):
    page = (demo_site / "site/indicators/index.html").read_text("utf-8")
    charts = re.findall(r'<img class="ab-chart" src="([^"]+)"', page)
    assert charts
    svg = (demo_site / "site/indicators" / charts[0]).read_text("utf-8")
    assert svg.lstrip().startswith("<?xml") and "<svg" in svg
    assert "综合差异系数" in page
    assert "均衡指标" in (demo_site / "site/index.html").read_text("utf-8")


def test_catalogue_page_lists_classes_and_hides_classified_titles(demo_site):
    page = "".join(p.read_text("utf-8") for p in (demo_site / "site/catalogue").glob("*.html"))
    assert "归档文件目录" in page
    assert "涉密，题名不公开" in page
    assert re.search(r"J\d+-WS·201[4-7]-(Y|D30|D10)-[A-Z]+-\d{4}", page)


def test_the_built_site_verifies_and_one_changed_byte_is_named(demo_site, tmp_path):
    runner = CliRunner()
    site = tmp_path / "copy"
    shutil.copytree(demo_site / "site", site)
    assert runner.invoke(cli, ["verify", str(site)]).exit_code == 0
    target = site / "catalogue/index.html"
    data = bytearray(target.read_bytes())
    data[100] ^= 1
    target.write_bytes(bytes(data))
    result = runner.invoke(cli, ["verify", str(site)])
    assert result.exit_code == 1
    assert "catalogue/index.html" in result.output


@pytest.mark.browser
def test_searching_a_two_character_word_from_a_demo_docx_finds_it_offline(demo_site):
    from playwright.sync_api import sync_playwright

    import chromium

    with sync_playwright() as pw:
        browser = chromium.launch(pw)
        context = browser.new_context()
        context.route("http://*/**", lambda route: route.abort())
        context.route("https://*/**", lambda route: route.abort())
        page = context.new_page()
        requests: list[str] = []
        page.on("request", lambda request: requests.append(request.url))
        page.goto((demo_site / "site/index.html").as_uri())
        page.wait_for_selector("[data-ab-search][data-state=ready]")
        page.fill(".ab-search__input", "渡船")  # from 白鹭湾跨河助学渡船, inside a DOCX body
        page.press(".ab-search__input", "End")
        page.wait_for_selector("[data-ab-search][data-state=done]")
        titles = page.locator(".ab-search__title").all_text_contents()
        assert "2016年白水乡学生上学交通安全保障方案" in titles
        browser.close()
    assert {url.split(":", 1)[0] for url in requests} == {"file"}


GOLDEN_TREE = Path(__file__).resolve().parents[1] / "golden" / "demo_site_tree.txt"
_HASHED = re.compile(r"\.[0-9a-f]{8}(?=\.min\.(?:js|css)(?:\.map)?$)")  # the theme's cache-busting names


def site_tree(root: Path) -> str:
    """Every file of the built site, one path a line, the theme's content hashes in names as HASH."""
    return "".join(sorted(_HASHED.sub(".HASH", p.relative_to(root / "site").as_posix()) + "\n"
                          for p in site_files(root)))


def test_the_demo_site_has_the_page_tree_of_its_snapshot(demo_site):
    """A page appearing, vanishing or moving is a change to look at: when it is meant, write the snapshot
    again with ARCHIVE_BUILDER_UPDATE_GOLDEN=1 and commit it with the change."""
    tree = site_tree(demo_site)
    if os.environ.get("ARCHIVE_BUILDER_UPDATE_GOLDEN") == "1":
        GOLDEN_TREE.write_text(tree, "utf-8")
    expected = GOLDEN_TREE.read_text("utf-8")
    gone = sorted(set(expected.splitlines()) - set(tree.splitlines()))
    new = sorted(set(tree.splitlines()) - set(expected.splitlines()))
    assert (gone, new) == ([], []), f"{len(gone)} files gone, {len(new)} new"
