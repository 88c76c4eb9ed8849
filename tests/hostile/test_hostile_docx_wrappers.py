"""A mark Word shows at the top of a document but python-docx's paragraphs skip: runs and paragraphs wrapped in a
content control (w:sdt), a tracked insertion (w:ins), a smart tag, custom XML or either alternative of markup
compatibility (mc:Choice, mc:Fallback), and a mark split over the two
paragraphs of one table cell (机密 over ★5年). Each classifies the document and keeps its words out of the cache."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import mammoth
import pytest
from fixtures.packages import docx_with_body_xml, rewritten
from withheld import assert_classified_and_unstored

from archive_builder.core.privacy import detect_classification
from archive_builder.inventory.readers.docx import read, to_html

MARK = "机密★5年"
RUN = f"<w:r><w:t>{MARK}</w:t></w:r>"
WRAPPED = {
    "content control around a paragraph": f"<w:sdt><w:sdtPr/><w:sdtContent><w:p>{RUN}</w:p></w:sdtContent></w:sdt>",
    "content control around a run": f"<w:p><w:sdt><w:sdtPr/><w:sdtContent>{RUN}</w:sdtContent></w:sdt></w:p>",
    "tracked insertion": f'<w:p><w:ins w:id="1" w:author="a" w:date="2016-01-01T00:00:00Z">{RUN}</w:ins></w:p>',
    "smart tag": f'<w:p><w:smartTag w:uri="urn:x" w:element="place">{RUN}</w:smartTag></w:p>',
    "custom XML around a run": f'<w:p><w:customXml w:element="level">{RUN}</w:customXml></w:p>',
    "custom XML around a paragraph": f'<w:customXml w:element="head"><w:p>{RUN}</w:p></w:customXml>',
    "markup-compatibility choice around a run": (
        f'<w:p><mc:AlternateContent><mc:Choice Requires="w14">{RUN}</mc:Choice>'
        "<mc:Fallback><w:r><w:t>通知</w:t></w:r></mc:Fallback></mc:AlternateContent></w:p>"),
    "markup-compatibility fallback around a run": (
        '<w:p><mc:AlternateContent><mc:Choice Requires="w14"><w:r><w:t>通知</w:t></w:r></mc:Choice>'
        f"<mc:Fallback>{RUN}</mc:Fallback></mc:AlternateContent></w:p>"),
    "markup-compatibility fallback around a paragraph": (
        '<mc:AlternateContent><mc:Choice Requires="w14"><w:p><w:r><w:t>通知</w:t></w:r></w:p></mc:Choice>'
        f"<mc:Fallback><w:p>{RUN}</w:p></mc:Fallback></mc:AlternateContent>"),
    "content control around a table row": (
        "<w:tbl><w:tblPr/><w:tblGrid><w:gridCol/></w:tblGrid><w:sdt><w:sdtPr/><w:sdtContent>"
        f"<w:tr><w:tc><w:p>{RUN}</w:p></w:tc></w:tr></w:sdtContent></w:sdt></w:tbl><w:p/>"),
}


def _docx_cell(path: Path, first: str, before: tuple[str, ...] = ()) -> None:
    """A document whose top table has a cell of two paragraphs: ``first`` over ★5年 (after cells ``before``)."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=len(before) + 1)
    for index, text in enumerate(before):
        table.cell(0, index).text = text
    cell = table.cell(0, len(before))
    cell.text = first
    cell.add_paragraph("★5年")
    document.add_paragraph("方案正文 SLIPWORD")
    document.save(str(path))


def _docx_header_control(path: Path) -> None:
    """A page header whose mark sits in a content control, as Word's built-in header designs put it."""
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "页眉"
    document.add_paragraph("方案正文 SLIPWORD")
    buffer = io.BytesIO()
    document.save(buffer)
    control = f"<w:sdt><w:sdtPr/><w:sdtContent><w:p>{RUN}</w:p></w:sdtContent></w:sdt>".encode()
    rewritten(buffer.getvalue(), path, {"word/header1.xml": (b"</w:hdr>", control + b"</w:hdr>")})


MAKERS = {
    **{name: (lambda p, xml=xml: docx_with_body_xml(p, xml)) for name, xml in WRAPPED.items()},
    "content control in the page header": _docx_header_control,
    "one cell": lambda p: _docx_cell(p, "机密"),
    "one cell after the copy number": lambda p: _docx_cell(p, "机密", ("份号 000012",)),
    "one cell with the number": lambda p: _docx_cell(p, "份号 000012  机密"),
}


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_the_reader_s_head_holds_the_mark(tmp_path, name):
    path = tmp_path / "方案.docx"
    MAKERS[name](path)
    assert detect_classification(read(path).head, lines=60) == "机密"


@pytest.mark.parametrize("name", sorted(MAKERS))
def test_a_mark_wrapped_or_split_in_a_cell_classifies_the_document(make_archive, name):
    assert_classified_and_unstored(make_archive(), "方案.docx", MAKERS[name])


def test_text_in_wrappers_is_read_and_deleted_text_is_not(tmp_path):
    path = tmp_path / "名单.docx"
    docx_with_body_xml(path, '<w:p><w:ins w:id="1" w:author="a" w:date="2016-01-01T00:00:00Z"><w:r><w:t>联系电话 '
                             '15912345678</w:t></w:r></w:ins><w:del w:id="2" w:author="a" w:date="2016-01-01T00:00:00Z">'
                             '<w:r><w:delText>DELETEDWORD</w:delText></w:r></w:del></w:p>')
    reading = read(path)
    assert "联系电话 15912345678" in reading.text  # so it is masked and counted like the body
    assert "DELETEDWORD" not in reading.text and "DELETEDWORD" not in reading.head


def test_a_number_in_either_markup_compatibility_alternative_is_read(tmp_path):
    path = tmp_path / "名单.docx"
    docx_with_body_xml(path, '<mc:AlternateContent><mc:Choice Requires="w14"><w:p><w:r><w:t>联系电话 15912345678'
                             '</w:t></w:r></w:p></mc:Choice><mc:Fallback><w:p><w:r><w:t>身份证 '
                             '110101199003078515</w:t></w:r></w:p></mc:Fallback></mc:AlternateContent>')
    text = read(path).text
    assert "联系电话 15912345678" in text and "身份证 110101199003078515" in text  # so both are masked


@pytest.mark.parametrize(("text", "level"), [
    ("份号 000012  机密\n★5年\n正文", "机密"), ("份号 000012\t秘密\n★1年\n正文", "秘密"),
    ("各校要保守机密\n★5年\n正文", None), ("通知\n★\n正文", None),
])
def test_a_star_and_term_below_a_line_ending_in_a_level_is_a_mark(text, level):
    assert detect_classification(text) == level


def test_a_style_map_the_document_carries_does_not_choose_its_page_s_html(tmp_path):
    """A mammoth/style-map part (Word ignores it) asking for pre.mermaid — a class the theme's bundle acts on by
    fetching a script — leaves the page's HTML as mammoth's defaults make it."""
    path = tmp_path / "经费报告.docx"
    document = docx.Document()
    document.add_paragraph("graph TD; A-->B")
    document.save(str(path))
    with open(path, "r+b") as package:
        mammoth.write_style_map(package, "p => pre.mermaid:fresh")
    html = to_html(path)
    assert "mermaid" not in html and "<pre" not in html
    assert "<p>graph TD; A--&gt;B</p>" in html
