"""Payloads in every field a clerk writes: no script runs, nothing loads, on any page of the built site."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

import chromium

PAYLOADS = [
    '<img src=x onerror="window.__pwned=1">',
    "![p](http://127.0.0.1:9/pwn.png)",
    "[点我](javascript:window.__pwned=2)",
    '标题 {: onclick="window.__pwned=3" }',
    "<script>window.__pwned=4</script>",
    '<svg onload="window.__pwned=5">',
    '"><img src=/\\127.0.0.1/x onerror=window.__pwned=6>',
]


def _files() -> dict[str, str]:
    files = {}
    for number, payload in enumerate(PAYLOADS, 1):
        front = {"标题": f"文件{number} {payload}", "文号": f"示教发〔2016〕{number}号{payload}",
                 "责任者": f"县教科局{payload}", "学校": f"东阳镇中心小学{payload}", "日期": "2016-03-01"}
        body = f"正文第{number}号 <img src=\"h&#10;ttp://127.0.0.1:9/b.png\"> [外链](http://127.0.0.1:9/)\n"
        files[f"content/县教科局/发展规划/2016/文件{number}.md"] = (
            "---\n" + yaml.safe_dump(front, allow_unicode=True) + "---\n" + body)
    return files


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    from click.testing import CliRunner

    from archive_builder.commands.cli import cli

    root = tmp_path_factory.mktemp("hostile") / "archive"
    for rel, text in _files().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    result = CliRunner().invoke(cli, ["--root", str(root), "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "site"


class _Markup(HTMLParser):
    """Every element and attribute of a page, and the text of its scripts."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        self._in_script = tag == "script"
        self.found.extend((tag, name, value or "") for name, value in attrs)
        if tag in ("iframe", "object", "embed"):
            self.found.append((tag, "", ""))

    def handle_data(self, data):
        if self._in_script:
            self.scripts.append(data)


def test_no_payload_survives_as_markup_in_any_page(site: Path):
    for page in site.rglob("*.html"):
        markup = _Markup()
        markup.feed(page.read_text("utf-8"))
        handlers = [(tag, name) for tag, name, _ in markup.found if name.startswith("on")]
        assert handlers == [], page
        assert not [tag for tag, name, _ in markup.found if tag in ("iframe", "object", "embed")], page
        urls = [value for _, name, value in markup.found if name in ("href", "src")]
        assert not [u for u in urls if u.lower().startswith("javascript:") or "127.0.0.1" in u], page
        assert not [s for s in markup.scripts if "__pwned" in s], page


@pytest.mark.browser
def test_no_page_runs_a_script_or_makes_a_request(site: Path, browser):
    pages = [site / "index.html", *sorted((site / "catalogue").rglob("*.html")),
             *sorted((site / "docs").rglob("*.html"))[:3], *sorted((site / "schools").rglob("*.html"))[:2]]
    assert len(pages) > 4
    context, page = chromium.open_page(browser)
    try:
        for target in pages:
            page.goto(target.as_uri())
            page.wait_for_load_state("load")
            for link in page.locator("main a").all()[:20]:
                href = link.get_attribute("href") or ""
                assert not href.lower().startswith(("javascript:", "http:", "https:")), (target, href)
            assert page.evaluate("window.__pwned") is None, target
        assert {url.split(":", 1)[0] for url in page.requests} <= {"file", "data"}, page.requests
    finally:
        context.close()


# --- what public outputs say about classified, internal and personal things --------------------------------

ID_IN_NAME = "141023199708021016"


@pytest.fixture(scope="module")
def secrets_site(tmp_path_factory):
    from click.testing import CliRunner

    from archive_builder.commands.cli import cli

    root = tmp_path_factory.mktemp("secrets") / "archive"
    folder = root / "content/县教科局/发展规划/2016"
    folder.mkdir(parents=True)
    (folder / "绝密方案SECRETNAME.md").write_text(
        "---\n标题: 绝密方案标题SECRETTITLE\n文号: 示教密〔2016〕9号SECRETNO\n责任者: 机要室SECRETAUTHOR\n"
        "密级: 机密\n---\n正文SECRETBODY\n", "utf-8")
    (folder / "内部通报.md").write_text(
        "---\n标题: 内部通报标题INTERNALTITLE\n文号: 示教〔2016〕8号INTERNALNO\n密级: 内部\n---\n正文\n", "utf-8")
    (folder / f"资助名单{ID_IN_NAME}.md").write_text(
        f"---\n标题: 资助名单\n学校: 东阳镇中心小学{ID_IN_NAME}\n---\n张三\n", "utf-8")
    (folder / "坏年份.md").write_text("---\n年度: 去年\n---\n正文\n", "utf-8")  # a problem, to fill problems.html
    result = CliRunner().invoke(cli, ["--root", str(root), "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return root / "site"


def _site_text(site: Path) -> str:
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in site.rglob("*") if p.is_file())


def test_a_classified_document_is_only_its_number_and_its_level(secrets_site: Path):
    text = _site_text(secrets_site)
    for word in ("SECRETNAME", "SECRETTITLE", "SECRETNO", "SECRETAUTHOR", "SECRETBODY"):
        assert word not in text, word
    assert "涉密" in "".join(p.read_text("utf-8") for p in (secrets_site / "catalogue").rglob("*.html"))


def test_an_internal_document_says_nothing_without_include_internal(secrets_site: Path):
    text = _site_text(secrets_site)
    assert "INTERNALTITLE" not in text and "INTERNALNO" not in text


def test_a_personal_number_in_a_file_name_or_school_is_masked_in_every_site_file(secrets_site: Path):
    assert ID_IN_NAME not in _site_text(secrets_site)
    assert "141023********1016" in (secrets_site / "manifest.json").read_text("utf-8")
