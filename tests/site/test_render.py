"""render_tree: the Markdown tree from hand-made documents (no scan), incremental writes, pagination."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.core.i18n import t_in
from archive_builder.core.model import Document, Inventory, Problem
from archive_builder.core.sitepaths import doc_page, original_path, url_of
from archive_builder.review.stage import review_inventory
from archive_builder.site import listings, render
from archive_builder.site.tree import fill_bodies


def _doc(root: Path, rel: str, body: str, **meta) -> Document:
    path = root / "content" / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(body, encoding="utf-8")
    data = path.read_bytes()
    fields = {"department": "caizheng", "category": "baozhang", "years": [2015], "title": Path(rel).stem}
    fields.update(meta)
    return Document(path=rel, abspath=path, type=path.suffix[1:], sha256=hashlib.sha256(data).hexdigest(),
                    size=len(data), body=body, **fields)


def page_text(page):
    """A Markdown page of the tree with its stored body filled in."""
    bodies = next(parent / "bodies" for parent in page.parents if (parent / "bodies").is_dir())
    return fill_bodies(page.read_text("utf-8"), bodies)


@pytest.fixture
def setup(make_archive):
    root = make_archive({})
    return root, load_config(root)


def test_document_page_has_metadata_body_and_original(setup):
    root, config = setup
    doc = _doc(root, "县财政局/保障机制/预算.md", "# 标题\n\n正文**加粗**\n", doc_no="财教〔2015〕1号",
               author="县财政局办公室", retention="永久", pages=3)
    result = render.render_tree(config, Inventory(documents=[doc]), root / ".archive-cache" / "build")
    page = result.docs_dir / doc_page(doc)
    text = page_text(page)
    for value in ("财教〔2015〕1号", "县财政局办公室", "永久", "县财政局", "保障机制", doc.sha256, "<strong>加粗</strong>"):
        assert value in text
    assert doc_page(doc).startswith("docs/caizheng/") and doc_page(doc).isascii()
    copy = result.docs_dir / original_path("caizheng", doc.sha256, "md")
    assert copy.read_text("utf-8") == "# 标题\n\n正文**加粗**\n"
    assert result.search_entries[0].url == url_of(doc_page(doc))
    assert "正文" in result.search_entries[0].text


def test_unchanged_documents_are_not_rendered_again(setup):
    root, config = setup
    docs = [_doc(root, f"县财政局/保障机制/文件{i}.md", f"内容{i}\n") for i in range(3)]
    build = root / ".archive-cache" / "build"
    render.render_tree(config, Inventory(documents=docs), build)
    again = render.render_tree(config, Inventory(documents=docs), build)
    assert again.pages_written == 0 and again.originals_copied == 0
    docs[1] = _doc(root, "县财政局/保障机制/文件1.md", "改过的内容\n")
    third = render.render_tree(config, Inventory(documents=docs), build)
    # the changed page, its new original copy, and the listings that show its size/date stay equal
    assert third.pages_written >= 1
    assert "改过的内容" in page_text(third.docs_dir / doc_page(docs[1]))
    assert third.pages_written < 5


def test_removed_documents_leave_the_tree(setup):
    root, config = setup
    docs = [_doc(root, f"县财政局/保障机制/文件{i}.md", f"内容{i}\n") for i in range(2)]
    build = root / ".archive-cache" / "build"
    render.render_tree(config, Inventory(documents=docs), build)
    result = render.render_tree(config, Inventory(documents=docs[:1]), build)
    assert not (result.docs_dir / doc_page(docs[1])).exists()
    assert (result.docs_dir / doc_page(docs[0])).exists()


def test_long_listings_are_split_into_pages(setup, monkeypatch):
    root, config = setup
    monkeypatch.setattr(listings, "LIST_PAGE_SIZE", 2)
    docs = [_doc(root, f"县财政局/保障机制/文件{i}.md", f"内容{i}\n") for i in range(5)]
    result = render.render_tree(config, Inventory(documents=docs), root / ".archive-cache" / "build")
    pages = sorted(p.name for p in (result.docs_dir / "departments").glob("caizheng*.md"))
    assert pages == ["caizheng-2.md", "caizheng-3.md", "caizheng.md"]
    assert 'href="caizheng-2.html"' in (result.docs_dir / "departments" / "caizheng.md").read_text("utf-8")


def test_nav_has_sections_not_documents(setup):
    root, config = setup
    doc = _doc(root, "县财政局/保障机制/预算.md", "内容\n")
    result = render.render_tree(config, Inventory(documents=[doc]), root / ".archive-cache" / "build")
    flat = repr(result.nav)
    assert "categories/baozhang.md" in flat and "departments/caizheng.md" in flat and "years/2015.md" in flat
    assert "docs/" not in flat and "schools/index.md" in flat


def test_problems_page_lists_path_problem_and_hint(setup):
    root, config = setup
    problem = Problem("县财政局/保障机制/坏.pdf", "error", "scan.zero_bytes")
    render.render_tree(config, Inventory(problems=[problem]), root / ".archive-cache" / "build")
    text = (root / ".archive-cache" / "build" / "docs" / "problems.md").read_text("utf-8")
    assert "县财政局/保障机制/坏.pdf" in text
    assert t_in("zh", "scan.zero_bytes") in text


def test_home_page_without_checklists_says_so(setup):
    root, config = setup
    render.render_tree(config, Inventory(), root / ".archive-cache" / "build")
    home = (root / ".archive-cache" / "build" / "docs" / "index.md").read_text("utf-8")
    assert t_in("zh", "site.home.no_check") in home
    assert config.name in home


def test_titles_are_escaped_for_the_theme(setup):
    root, config = setup
    doc = _doc(root, "县财政局/保障机制/x.md", "内容\n", title="<b>粗</b>标题")
    result = render.render_tree(config, Inventory(documents=[doc]), root / ".archive-cache" / "build")
    text = page_text(result.docs_dir / doc_page(doc))
    assert "<b>粗</b>" not in text and "&lt;b&gt;粗&lt;/b&gt;标题" in text


def test_csv_documents_become_tables(setup):
    root, config = setup
    doc = _doc(root, "县财政局/保障机制/名单.csv", "学校,学生数\n第一小学,300\n")
    result = render.render_tree(config, Inventory(documents=[doc]), root / ".archive-cache" / "build")
    text = page_text(result.docs_dir / doc_page(doc))
    assert "<th>学校</th>" in text and "<td>300</td>" in text


def test_docx_is_converted(setup):
    import docx

    root, config = setup
    path = root / "content" / "县财政局/保障机制/报告.docx"
    path.parent.mkdir(parents=True, exist_ok=True)
    document = docx.Document()
    document.add_paragraph("经费保障报告正文")
    document.save(path)
    data = path.read_bytes()
    doc = Document(path="县财政局/保障机制/报告.docx", abspath=path, type="docx", title="报告",
                   department="caizheng", category="baozhang", years=[2016],
                   sha256=hashlib.sha256(data).hexdigest(), size=len(data))
    reviewed = review_inventory(config, Inventory(documents=[doc]))
    result = render.render_tree(config, reviewed, root / ".archive-cache" / "build")
    assert "<p>经费保障报告正文</p>" in page_text(result.docs_dir / doc_page(doc))


def test_an_unreviewed_binary_document_is_held_not_rendered(setup):
    """A binary whose text nobody read could carry a 密级 mark: the policy holds it."""
    root, config = setup
    path = root / "content" / "县财政局" / "保障机制" / "报告.pdf"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(b"%PDF-1.4 whatever")
    doc = Document(path="县财政局/保障机制/报告.pdf", abspath=path, type="pdf", title="报告",
                   department="caizheng", category="baozhang", years=[2016], sha256="0" * 64, size=17)
    result = render.render_tree(config, Inventory(documents=[doc]), root / ".archive-cache" / "build")
    assert result.published == [] and [p.path for p in result.withheld] == [doc.path]
    assert not (result.docs_dir / doc_page(doc)).exists()


def test_slimmed_docx_converts_exactly_like_the_original_for_every_demo_docx():
    """The styles cut for speed never change mammoth's HTML."""
    from pathlib import Path

    import mammoth

    from archive_builder.inventory.readers.docx import _slim_docx

    repo = Path(__file__).resolve().parents[2]
    files = sorted((repo / "content").rglob("*.docx")) + sorted((repo / "tests/fixtures").rglob("*.docx"))
    assert len(files) >= 10
    for path in files:
        with open(path, "rb") as handle:
            full = mammoth.convert_to_html(handle).value
        assert mammoth.convert_to_html(_slim_docx(path)).value == full, path
