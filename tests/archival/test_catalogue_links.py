"""The 归档文件目录 on the site is connected: every published 件 links to its page and back, by 档号.

A scratch archive with a published, a classified and an internal document is built twice (without
and with ``--include-internal``); the class pages and document pages are read as HTML.
"""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from archive_builder.archival.numbers import assign_numbers, read_record
from archive_builder.core.config import load_config
from archive_builder.core.sitepaths import doc_page
from archive_builder.pipeline import build_site, load_inventory

from site_helpers import DOC_BUDGET, DOC_INTERNAL, DOC_PLAN, DOC_SECRET, archive_files


class _Rows(HTMLParser):
    """Rows of ``table.ab-catalogue`` (id, cell texts, hrefs) and every ``data-ab-*`` link."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[dict] = []
        self.marked: dict[str, list[tuple[str, str]]] = {}  # data-ab-x -> [(href, text)]
        self._in_table = False
        self._cell: list[str] | None = None
        self._link: tuple[str, str] | None = None
        self._link_text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table" and "ab-catalogue" in (a.get("class") or ""):
            self._in_table = True
        elif tag == "tr" and self._in_table and a.get("id"):
            self.rows.append({"id": a["id"], "cells": [], "links": []})
        elif tag == "td" and self._in_table and self.rows:
            self._cell = []
        elif tag == "a":
            marks = [k for k in a if k.startswith("data-ab-")]
            self._link = (a.get("href") or "", marks[0] if marks else "")
            self._link_text = []
            if self._in_table and self._cell is not None and self.rows:
                self.rows[-1]["links"].append(a.get("href") or "")

    def handle_endtag(self, tag):
        if tag == "table":
            self._in_table = False
        elif tag == "td" and self._cell is not None:
            self.rows[-1]["cells"].append("".join(self._cell).strip())
            self._cell = None
        elif tag == "a" and self._link:
            href, mark = self._link
            if mark:
                self.marked.setdefault(mark, []).append((href, "".join(self._link_text).strip()))
            self._link = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)
        if self._link:
            self._link_text.append(data)


def _parse(path: Path) -> _Rows:
    parser = _Rows()
    parser.feed(path.read_text("utf-8"))
    return parser


def _build(root: Path, include_internal: bool) -> tuple[Path, dict[str, str], dict[str, Path]]:
    """The built site, each document's 档号 and the file of its page (by path under content/)."""
    for rel, data in archive_files().items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(data, encoding="utf-8") if isinstance(data, str) else path.write_bytes(data)
    config = load_config(root)
    site = build_site(config, include_internal=include_internal).output
    documents = load_inventory(config).documents
    codes = assign_numbers(config, documents, read_record(root)).codes
    pages = {d.path: site / (doc_page(d)[:-3] + ".html") for d in documents}
    return site, codes, pages


@pytest.fixture(scope="module")
def public(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("catalogue-public") / "archive", include_internal=False)


@pytest.fixture(scope="module")
def internal(tmp_path_factory):
    return _build(tmp_path_factory.mktemp("catalogue-internal") / "archive", include_internal=True)


def _rows(site: Path) -> dict[str, tuple[Path, dict]]:
    """档号 -> (class page, row) over every class page."""
    found = {}
    for page in sorted((site / "catalogue").glob("*.html")):
        if page.name == "index.html":
            continue
        for row in _parse(page).rows:
            found[row["cells"][1]] = (page, row)
    return found


def _key(doc: str) -> str:
    return doc.removeprefix("content/")


def _target(page: Path, href: str) -> tuple[Path, str]:
    parts = urlsplit(href)
    assert not parts.scheme and not parts.netloc, href  # relative: works over file://
    return (page.parent / unquote(parts.path)).resolve(), parts.fragment


def test_every_published_document_is_linked_from_its_row(public):
    site, codes, pages = public
    rows = _rows(site)
    assert set(rows) == set(codes.values())  # every 件 has its row, found by its 档号
    for doc in (DOC_BUDGET, DOC_PLAN):
        page, row = rows[codes[_key(doc)]]
        assert row["id"] == "j" + codes[_key(doc)][-4:]
        assert len(row["links"]) == 1, row
        target, _ = _target(page, row["links"][0])
        assert target == pages[_key(doc)].resolve() and target.is_file()
    linked = sum(len(row["links"]) for _page, row in rows.values())
    assert linked == 2  # the two published documents, and nothing else


def test_a_classified_document_is_only_its_code_and_classified(public):
    site, codes, _pages = public
    _page, row = _rows(site)[codes[_key(DOC_SECRET)]]
    assert row["links"] == []
    assert "涉密" in row["cells"]
    _number, _code, doc_no, author, title = row["cells"][:5]
    assert (doc_no, author) == ("", "") and "绝密测算表" not in title
    text = "".join(p.read_text("utf-8") for p in (site / "catalogue").glob("*.html"))
    assert "绝密测算表" not in text and "SECRETWORD" not in text and "2016年内部测算" not in text


def test_an_internal_document_is_listed_by_title_and_linked_only_when_included(public, internal):
    site, codes, pages = public
    _page, row = _rows(site)[codes[_key(DOC_INTERNAL)]]
    assert row["links"] == [] and "内部通报" not in row["cells"][4]
    assert "内部通报" not in "".join(p.read_text("utf-8") for p in (site / "catalogue").glob("*.html"))
    site, codes, pages = internal
    page, row = _rows(site)[codes[_key(DOC_INTERNAL)]]
    assert row["cells"][4] == "内部通报" and len(row["links"]) == 1
    assert _target(page, row["links"][0])[0] == pages[_key(DOC_INTERNAL)].resolve()
    classified = _rows(site)[codes[_key(DOC_SECRET)]][1]
    assert classified["links"] == [] and "绝密测算表" not in classified["cells"][4]  # the policy holds


@pytest.mark.parametrize("doc", [DOC_BUDGET, DOC_PLAN])
def test_a_document_page_links_its_code_and_box_to_its_row(public, doc):
    site, codes, pages = public
    page = pages[_key(doc)]
    links = _parse(page).marked
    code = codes[_key(doc)]
    (href, text), = links["data-ab-archive-no"]
    assert text == code
    (box_href, box_text), = links["data-ab-box"]
    assert box_href == href and box_text.startswith(code.rsplit("-", 1)[0])  # the class, e.g. J001-WS·2016-Y-JKJ
    target, fragment = _target(page, href)
    assert target.parent == (site / "catalogue").resolve() and target.is_file()
    row = next(r for r in _parse(target).rows if r["id"] == fragment)
    assert row["cells"][1] == code
    assert _target(target, row["links"][0])[0] == page.resolve()


@pytest.mark.parametrize("doc", [DOC_BUDGET, DOC_PLAN])
def test_an_archive_number_finds_its_document_on_the_site_and_on_the_command_line(public, doc):
    from archive_builder.pipeline import search
    from archive_builder.site.search import query_index

    site, codes, pages = public
    code = codes[_key(doc)]
    expected = pages[_key(doc)].relative_to(site).as_posix()
    for typed in (code, code.replace("·", "."), code.replace("·", "・")):  # the dot as a clerk may type it
        assert query_index(site, typed) == [expected], typed
        hits = search(load_config(site.parent), typed).hits
        assert [hit.path for hit in hits] == [doc.split("content/", 1)[1]], typed


def test_a_classified_archive_number_finds_nothing(public):
    from archive_builder.pipeline import search
    from archive_builder.site.search import query_index

    site, codes, _pages = public
    code = codes[_key(DOC_SECRET)]
    assert query_index(site, code) == []
    assert search(load_config(site.parent), code).hits == []


@pytest.mark.browser
def test_a_reader_goes_from_a_row_to_its_document_and_back_in_chromium(public, browser):
    import chromium

    site, codes, pages = public
    code = codes[_key(DOC_PLAN)]
    context, page = chromium.open_page(browser)
    try:
        page.goto((site / "catalogue" / "2016-y-jkj.html").as_uri())
        assert not page.locator(".ab-catalogue-title").is_visible()  # the print heading stays off the screen
        page.locator(f"tr#j{code[-4:]} a").click()
        page.wait_for_selector("table.ab-meta")
        assert page.url == pages[_key(DOC_PLAN)].as_uri()
        page.locator("a[data-ab-archive-no]").click()
        page.wait_for_load_state("load")
        assert page.url.endswith(f"/catalogue/2016-y-jkj.html#j{code[-4:]}")
        assert page.locator(f"tr#j{code[-4:]}").is_visible()
        assert page.evaluate("document.querySelector(':target').cells[1].textContent") == code
        assert {url.split(":", 1)[0] for url in page.requests} <= {"file", "data"}, page.requests
    finally:
        context.close()
