"""The site's assessment section on a small archive: its pages, their proof links, when it is left out."""

from __future__ import annotations

import html
import re
from pathlib import Path

import assessment_archive as A
import pytest

HREF = re.compile(r'href="([^"]*)"')


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from click.testing import CliRunner

    from archive_builder.commands.cli import cli

    root = tmp_path_factory.mktemp("mini")
    # The archive's own basic-2012.yml replaces the shipped profile of that name.
    own = A.PROFILE.replace("id: mini", "id: basic-2012")
    for rel, data in {**A.files(), "site_config/timeline.yml": A.TIMELINE,
                      "checklists/assessment/basic-2012.yml": own}.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data) if isinstance(data, bytes) else path.write_text(data, encoding="utf-8")
    result = CliRunner().invoke(cli, ["--root", str(root), "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "site"


def links(page: Path) -> set[Path]:
    found = (html.unescape(h).split("#", 1)[0] for h in HREF.findall(page.read_text("utf-8")))
    return {(page.parent / h).resolve() for h in found if h and not re.match(r"^[a-z]+:", h)}


def test_the_section_has_a_readiness_page_item_pages_the_school_table_and_the_timeline(site):
    names = sorted(p.relative_to(site).as_posix() for p in (site / "assessment").rglob("*.html"))
    assert names == ["assessment/index.html", "assessment/items/plan-item.html", "assessment/items/sat-item.html",
                     "assessment/items/std-item.html", "assessment/schools.html", "assessment/timeline.html"]
    index = (site / "assessment/index.html").read_text("utf-8")
    assert "可以通过" in index and "15/20" in index
    assert 'href="assessment/index.html"' in (site / "index.html").read_text("utf-8")  # in the navigation


def test_an_item_page_links_the_documents_that_earned_its_points(site):
    page = site / "assessment/items/plan-item.html"
    targets = links(page)
    titles = {t.name: t.read_text("utf-8") for t in targets if "/docs/" in t.as_posix()}
    assert len(titles) == 2 and all(t.is_file() for t in targets)
    assert any("2016年均衡发展规划" in text for text in titles.values())
    assert (site / "items/plan.html").resolve() in targets  # the checklist item's page


def test_a_figure_item_links_its_statistics_table_and_a_share_item_the_school_table(site):
    figure = links(site / "assessment/items/sat-item.html")
    assert any("/data/" in t.as_posix() for t in figure) and all(t.is_file() for t in figure)
    assert (site / "assessment/schools.html").resolve() in links(site / "assessment/items/std-item.html")


def test_the_school_table_is_shaded_from_the_ledger_cells(site):
    text = (site / "assessment/schools.html").read_text("utf-8")
    rows = re.findall(r"<tr><th[^>]*><a [^>]*>([^<]+)</a>(.*?)</tr>", text)
    states = {name: re.findall(r'ab-cell ab-(\w+)"[^>]*>([^<]*)<', cells) for name, cells in rows}
    assert states["甲小学"] == [("complete", "5"), ("complete", "达标"), ("complete", "达标")]
    assert states["乙初中"] == [("missing", "6"), ("missing", "未达标"), ("missing", "未达标")]


def test_the_timeline_page_lists_overdue_items_per_department_and_late_documents(site):
    text = (site / "assessment/timeline.html").read_text("utf-8")
    assert "县财政局" in text and "budget" in text and "2017-06-30" in text
    assert "2017年均衡发展规划" in text and "2017-05-01" in text and "县级自查" in text


def test_the_shipped_profile_is_left_out_when_the_checklists_are_the_archives_own(make_archive, run_cli):
    files = {k: v for k, v in A.files().items() if not k.startswith("checklists/assessment/")}
    root = make_archive(files)
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    assert not (root / "site/assessment").exists()


def test_an_archives_own_profile_with_an_error_stops_the_build_with_its_line(make_archive, run_cli):
    text = A.PROFILE.replace("pass_mark: 15", "pass_mark: [15]")
    root = make_archive({**A.files(), "checklists/assessment/basic-2012.yml": text.replace("id: mini", "id: basic-2012")})
    result = run_cli(root, "build")
    assert result.exit_code == 1
    assert f"checklists/assessment/basic-2012.yml:{A.line_of(text, 'pass_mark')}:" in result.output
