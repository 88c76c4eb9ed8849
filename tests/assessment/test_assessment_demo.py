"""The assessment of the demo archive: the command's figures, the school table from the ledgers, the built site."""

from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner
from openpyxl import load_workbook

from archive_builder.commands.cli import cli

REPO = Path(__file__).resolve().parents[2]
HREF = re.compile(r'href="([^"]*)"')


def invoke(root: Path, *args: str):
    return CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)


@pytest.fixture(scope="module")
def readiness(demo_archive) -> dict:
    result = invoke(demo_archive, "assess", "--format", "json")
    assert result.exit_code in (0, 1), result.output
    return json.loads(result.stdout)


def test_assess_on_the_demo_gives_four_criteria_17_items_and_the_total(readiness):
    assert [c["id"] for c in readiness["criteria"]] == ["school-standard", "balance", "government", "satisfaction"]
    for criterion in readiness["criteria"]:
        assert criterion["pass"] is not None, criterion  # every criterion has its figure
        assert re.search(r"\d", criterion["text"]), criterion
    items = [i for a in readiness["areas"] for i in a["items"]]
    assert len(items) == 17 and readiness["points"] == 100
    assert readiness["total"] == round(sum(i["earned"] for i in items), 4)
    government = next(c for c in readiness["criteria"] if c["id"] == "government")
    assert government["value"] == readiness["total"] and government["pass"] == (readiness["total"] >= 85)
    assert readiness["pass"] == all(c["pass"] for c in readiness["criteria"])


def test_the_table_output_lists_every_item_and_the_total(readiness, demo_archive):
    result = invoke(demo_archive, "assess")
    for area in readiness["areas"]:
        for item in area["items"]:
            assert item["title"][:12] in result.stdout
    total = f"{readiness['total']:.2f}".rstrip("0").rstrip(".")
    assert f"Total {total} of 100 points (pass mark 85)." in result.stdout


def _ledger_verdicts(path: Path) -> dict[str, str]:
    """指标 -> 达标情况, read straight from the ledger's cells."""
    rows = list(load_workbook(path, read_only=True).worksheets[0].iter_rows(values_only=True))
    header = next(i for i, row in enumerate(rows) if "达标情况" in row)
    label, verdict = rows[header].index("指标"), rows[header].index("达标情况")
    return {str(row[label]): str(row[verdict]) for row in rows[header + 1:] if row[label]}


def test_the_demo_school_table_shows_per_school_which_indicators_are_met_from_the_ledger_cells(readiness):
    table = readiness["school_standard"]
    indicators = {i["indicator"]: i for i in table["indicators"]}
    from archive_builder.assessment.profile import load_profile
    from archive_builder.core.config import load_config

    standard = load_profile(load_config(REPO), "basic-2012").standard
    labels = {i.id: i.row_label for i in standard.indicators}
    words = {"达标": "met", "未达标": "not_met", "不适用": "na"}
    seen_not_met = 0
    for row in table["rows"]:
        assert row["ledger"], row["school"]  # every judged school's ledger is read
        cells = _ledger_verdicts(REPO / "content" / row["ledger"])
        for indicator_id, cell in row["cells"].items():
            written = next(v for k, v in cells.items() if any(word in k for word in labels[indicator_id]))
            assert cell["state"] == words[written], (row["school"], indicator_id, written)
            seen_not_met += cell["state"] == "not_met"
        assert row["meets"] == all(c["state"] in ("met", "na") for c in row["cells"].values())
    met = {key: sum(r["cells"][key]["state"] == "met" for r in table["rows"]) for key in indicators}
    assert met == {key: i["met"] for key, i in indicators.items()}
    assert len(table["rows"]) == table["schools"] and table["schools"] >= 50
    score = sum(i["points"] * i["met"] / i["judged"] for i in indicators.values())
    assert table["score"] == pytest.approx(score)
    assert seen_not_met == sum(i["judged"] - i["met"] for i in indicators.values())


@pytest.fixture(scope="module")
def demo_site(tmp_path_factory) -> tuple[Path, dict]:
    """The demo built into its site (the scan cache copied, so scans are not read again)."""
    root = tmp_path_factory.mktemp("demo")
    for part in ("content", "checklists", "site_config"):
        shutil.copytree(REPO / part, root / part)
    for name in ("mkdocs.yml", "archive_numbers.csv"):
        if (REPO / name).exists():
            shutil.copy2(REPO / name, root / name)
    if (REPO / ".archive-cache").is_dir():
        shutil.copytree(REPO / ".archive-cache", root / ".archive-cache", ignore=shutil.ignore_patterns("build"))
    result = invoke(root, "build")
    assert result.exit_code == 0, result.output
    data = json.loads(invoke(root, "assess", "--format", "json").stdout)
    return root, data


def hrefs_of(page: Path) -> list[str]:
    """The page's links as the browser reads them (entities decoded), without their fragments; anchors left out."""
    links = (html.unescape(h).split("#", 1)[0] for h in HREF.findall(page.read_text("utf-8")))
    return [link for link in links if link]


def _resolve(page: Path, href: str) -> Path:
    """A page's relative link as a file of the site."""
    return (page.parent / href).resolve()


def test_every_item_page_links_to_the_documents_and_figures_that_earned_its_points(demo_site):
    from archive_builder.core.config import load_config
    from archive_builder.core.sitepaths import doc_page, url_of
    from archive_builder.inventory.scan import scan_archive

    root, data = demo_site
    site = root / "site"
    documents = {d.path: d for d in scan_archive(load_config(root)).documents}
    for area in data["areas"]:
        for item in area["items"]:
            page = site / "assessment" / "items" / f"{item['id']}.html"
            hrefs = {_resolve(page, href) for href in hrefs_of(page)}
            for rule in item["rules"]:
                if not rule["earned"]:
                    continue
                if rule["kind"] == "evidence":
                    shown = [d for d in rule["documents"] if not d["withheld"]]
                    assert shown, (item["id"], rule)
                    for doc in shown:
                        target = (site / url_of(doc_page(documents[doc["path"]]))).resolve()
                        assert target in hrefs and target.is_file(), (item["id"], doc["path"])
                elif rule["kind"] == "figure":
                    sources = {v["source"] for v in rule["figure"]["values"]}
                    figure_pages = {h for h in hrefs if "/indicators/" in h.as_posix()}
                    assert figure_pages and all(h.is_file() for h in figure_pages), item["id"]
                    for source in sources:
                        tables = [h for h in hrefs if "/data/" in h.as_posix()]
                        assert tables and all(h.is_file() for h in tables), (item["id"], source)
                else:
                    assert (site / "assessment" / "schools.html").resolve() in hrefs, item["id"]


def test_every_link_of_the_assessment_section_resolves(demo_site):
    root, _ = demo_site
    site = root / "site"
    pages = sorted((site / "assessment").rglob("*.html"))
    assert len(pages) >= 19  # readiness, 17 items, the school table
    for page in pages:
        assert page.relative_to(site).as_posix().isascii()
        for href in hrefs_of(page):
            if re.match(r"^[a-z]+:", href):
                continue
            assert _resolve(page, href).exists(), (page.relative_to(site), href)


def test_the_readiness_page_shows_the_criteria_and_the_school_table_is_shaded(demo_site):
    root, data = demo_site
    site = root / "site"
    index = (site / "assessment" / "index.html").read_text("utf-8")
    for criterion in data["criteria"]:
        assert criterion["title"].split("（")[0] in index
    schools = (site / "assessment" / "schools.html").read_text("utf-8")
    table = data["school_standard"]
    cells = re.findall(r'<td class="ab-cell ab-(complete|missing|partial|none)"', schools)
    per_school = len(table["indicators"]) + 1  # the indicators and the school's verdict
    assert len(cells) == len(table["rows"]) * per_school
    not_met = sum(i["judged"] - i["met"] for i in table["indicators"])
    assert cells.count("missing") == not_met + sum(not r["meets"] for r in table["rows"])
    assert 'href="schools.html"' in index and 'href="timeline.html"' in index
