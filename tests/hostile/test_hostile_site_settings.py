"""What the archive's own settings and a clerk's odd values can make of the built site: the archive's name and
全宗号 with HTML in them, a title holding a character YAML cannot (the page's front matter must still parse, or
mkdocs renders it as Markdown), the archive's mkdocs.yml naming analytics, remote scripts and stylesheets, a
repository or a logo by URL, and a theme override that loads from the network. None of it may put markup on a
page or make the site ask the network; a request the build cannot take out stops it, with the old site kept."""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import docx
import openpyxl
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.site.offline import network_references

PAYLOAD = "<img src=http://127.0.0.1:9/x.png onerror=alert(1)>"
FOLDER = "content/县教科局/发展规划/2017"
MKDOCS = """\
site_name: "示范县档案<img src=http://127.0.0.1:9/n.png onerror=alert(7)>"
repo_url: https://github.com/example/archive
copyright: "<img src=http://127.0.0.1:9/c.png>"
extra:
  analytics: {provider: google, property: G-ABCDEFGH}
extra_javascript: [http://127.0.0.1:9/extra.js, "//127.0.0.1:9/relative.js"]
extra_css: [https://127.0.0.1:9/extra.css]
theme:
  logo: http://127.0.0.1:9/logo.png
"""


def _workbook_with(formula: str) -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"], book.active["A2"] = "学校", formula
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _docx_with_remote_picture() -> bytes:
    document = docx.Document()
    document.add_paragraph("2017年工作要点")
    buffer = io.BytesIO()
    document.save(buffer)
    source, out = zipfile.ZipFile(io.BytesIO(buffer.getvalue())), io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", (
                    b'<Relationship Id="rIdRemote" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                    b'relationships/image" Target="http://127.0.0.1:9/track.png" TargetMode="External"/>'
                    b"</Relationships>"))
            target.writestr(item, data)
    return out.getvalue()


def _archive(tmp_path: Path) -> Path:
    root = tmp_path / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    (folder / "要点.md").write_text(
        '---\n标题: "2017年工作要点![x](http://127.0.0.1:9/t.png){: onerror=alert(8) }\\x80"\n'
        '标签: ["校舍\\x80<b>x</b>"]\n---\n正文\n', "utf-8")
    (folder / "台账.xlsx").write_bytes(_workbook_with('=WEBSERVICE("http://127.0.0.1:9/ws")'))
    (folder / "合计.xlsx").write_bytes(_workbook_with("=SUM(1,2)"))
    (folder / "远程图片.docx").write_bytes(_docx_with_remote_picture())
    (root / "site_config").mkdir()
    (root / "site_config" / "archive.yml").write_text(f'name: "示范县{PAYLOAD}"\nfonds: "J031{PAYLOAD}"\n', "utf-8")
    (root / "mkdocs.yml").write_text(MKDOCS, "utf-8")
    return root


def _build(root: Path) -> str:
    result = CliRunner().invoke(cli, ["--root", str(root), "build"], catch_exceptions=False)
    return f"{result.exit_code}\n{result.output}"


def _pages(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): p.read_text("utf-8") for p in site.rglob("*.html")}


def test_settings_and_values_put_no_markup_on_a_page_and_no_request_in_the_site(tmp_path):
    root = _archive(tmp_path)
    outcome = _build(root)
    assert outcome.startswith("0\n"), outcome
    site = root / "site"
    pages = _pages(site)
    everything = "\n".join(pages.values())
    assert "onerror" not in everything.replace("onerror=alert", "")  # no handler as an attribute anywhere
    assert not re.search(r"<img[^>]*127\.0\.0\.1", everything)
    for address in ("googletagmanager", "127.0.0.1:9/extra", "127.0.0.1:9/relative", "127.0.0.1:9/logo",
                    "github.com/example"):
        assert address not in everything, address
    assert network_references(site, [*pages, *(p.relative_to(site).as_posix() for p in site.rglob("*.css"))]) == []
    page = next(text for text in pages.values() if "2017年工作要点" in text and "<h1" in text)
    assert "title:" not in page  # the front matter was read as front matter, not shown as text
    home = pages["index.html"]
    assert "示范县档案&lt;img" in home  # the name shown as written, as text


def test_a_workbook_or_word_file_that_fetches_when_opened_is_not_attached(tmp_path):
    root = _archive(tmp_path)
    assert _build(root).startswith("0\n")
    files = [p.name for p in (root / "site" / "files").rglob("*") if p.is_file()]
    assert sum(name.endswith(".xlsx") for name in files) == 1  # =SUM is attached, =WEBSERVICE is not
    assert not [name for name in files if name.endswith(".docx")]


def test_a_theme_override_that_loads_from_the_network_stops_the_build_and_keeps_the_site(tmp_path):
    root = _archive(tmp_path)
    assert _build(root).startswith("0\n")
    before = (root / "site" / "index.html").read_bytes()
    overrides = root / "site_config" / "overrides"
    overrides.mkdir()
    (overrides / "main.html").write_text('{% extends "base.html" %}{% block extrahead %}'
                                         '<script src="https://cdn.example.invalid/x.js"></script>{% endblock %}',
                                         "utf-8")
    outcome = _build(root)
    assert not outcome.startswith("0\n")
    assert "cdn.example.invalid" in outcome and "Traceback" not in outcome
    assert (root / "site" / "index.html").read_bytes() == before
