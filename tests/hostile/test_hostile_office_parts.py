"""A mark Word or Excel shows outside the body python-docx and calamine read: a custom document property
(文件 › 属性 › 自定义: 密级 = 机密★5年), a core property such as 状态 (contentStatus) or a workbook's 标题, 主题 and
关键词, a cell's note, a footnote or comment on the first page of a long document, an embedded HTML part
(``w:altChunk``) Word shows inline, and a formula written without its cached value (``="机"&"密★5年"``). Each
classifies the document and keeps its words out of the cache; the same parts saying nothing keep it published."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import openpyxl
import pytest
from fixtures.packages import rewritten
from openpyxl.comments import Comment
from withheld import FOLDER, assert_classified_and_unstored

from archive_builder.core.config import load_config
from archive_builder.pipeline import load_inventory
from archive_builder.review.policy import decide

MARK = "机密★5年"
_W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
_CUSTOM_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"


def _custom_xml(name: str, value: str) -> str:
    return ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties '
            'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
            'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
            f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="2" name="{name}">'
            f"<vt:lpwstr>{value}</vt:lpwstr></property></Properties>")


def _with_custom(saved: bytes, path: Path, name: str, value: str) -> None:
    rewritten(saved, path, {"_rels/.rels": (b"</Relationships>", (
        f'<Relationship Id="rIdCustom" Type="{_CUSTOM_TYPE}" Target="docProps/custom.xml"/>'
        "</Relationships>").encode())}, {"docProps/custom.xml": _custom_xml(name, value)})


def _saved_docx(paragraphs: int = 1, **core: str) -> bytes:
    document = docx.Document()
    for number in range(paragraphs):
        document.add_paragraph(f"方案正文第{number}段 SLIPWORD")
    for key, value in core.items():
        setattr(document.core_properties, key, value)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _saved_xlsx(a1: str = "学校", note: str = "", **core: str) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet["A1"], sheet["A2"] = a1, "示范县第一小学 SLIPWORD"
    if note:
        sheet["A2"].comment = Comment(note, "录入员")
    for key, value in core.items():
        setattr(book.properties, key, value)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _docx_custom(value: str):
    return lambda path: _with_custom(_saved_docx(), path, "密级", value)


def _xlsx_custom(value: str):
    return lambda path: _with_custom(_saved_xlsx(), path, "密级", value)


def _docx_core(**core: str):
    return lambda path: path.write_bytes(_saved_docx(**core))


def _xlsx_core(**core: str):
    return lambda path: path.write_bytes(_saved_xlsx(**core))


def _docx_with_part(part: str, content_type: str, relation: str, body: tuple[bytes, bytes], xml: str,
                     paragraphs: int = 1):
    """A saved DOCX with the part ``word/<part>`` added, typed, related to the document, and ``body`` edited in."""
    def make(path: Path) -> None:
        rewritten(_saved_docx(paragraphs), path, {
            "[Content_Types].xml": (b"</Types>", f'<Override PartName="/word/{part}" ContentType="{content_type}"/>'
                                                 "</Types>".encode()),
            "word/_rels/document.xml.rels": (b"</Relationships>", (
                f'<Relationship Id="rIdAdded" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                f'relationships/{relation}" Target="{part}"/></Relationships>').encode()),
            "word/document.xml": body,
        }, {f"word/{part}": xml})
    return make


def _footnote(text: str):
    """60 paragraphs (past the head's 40 lines), a footnote on the first one."""
    notes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes {_W}>'
             f'<w:footnote w:id="1"><w:p><w:r><w:t xml:space="preserve"> {text}</w:t></w:r></w:p></w:footnote>'
             "</w:footnotes>")
    return _docx_with_part("footnotes.xml", "application/vnd.openxmlformats-officedocument.wordprocessingml."
                           "footnotes+xml", "footnotes",
                           (b"</w:t></w:r>", b'</w:t></w:r><w:r><w:footnoteReference w:id="1"/></w:r>'), notes, 60)


def _alt_chunk(html: str):
    """An HTML part Word shows inline, first in the body."""
    return _docx_with_part("chunk1.html", "text/html", "aFChunk",
                           (b"<w:body>", b'<w:body><w:altChunk r:id="rIdAdded"/>'), html)


def _note(text: str):
    return lambda path: path.write_bytes(_saved_xlsx(note=text))


def _uncached_formula(formula: str):
    return lambda path: path.write_bytes(_saved_xlsx(a1=formula))  # openpyxl stores no cached value


CLASSIFIED = {
    "自定义属性.docx": _docx_custom(MARK),
    "自定义属性.xlsx": _xlsx_custom("机密"),
    "状态.docx": _docx_core(content_status=MARK),
    "标题.xlsx": _xlsx_core(title=MARK),
    "主题.xlsx": _xlsx_core(subject="密级：机密", keywords=MARK),
    "脚注.docx": _footnote(f"本文件密级：{MARK}"),
    "嵌入网页.docx": _alt_chunk(f"<html><body><p>{MARK}</p></body></html>"),
    "批注.xlsx": _note(MARK),
    "公式.xlsx": _uncached_formula('="机"&"密★5年"'),
    "字符公式.xlsx": _uncached_formula('=CHAR(48122)&"密★5年"'),  # 机 by its GBK code, as Chinese Excel shows it
    "统一码公式.xlsx": _uncached_formula('=_xlfn.UNICHAR(26426)&"密★5年"'),
}
PUBLISHED = {
    "自定义属性.docx": lambda path: _with_custom(_saved_docx(), path, "部门", "县教科局"),
    "状态.docx": _docx_core(content_status="定稿"),
    "嵌入网页.docx": _alt_chunk("<html><body><p>关于保守机密的学习材料</p></body></html>"),
    "批注.xlsx": _note("请核对人数"),
    "公式.xlsx": _uncached_formula('="合计"&"人数"'),
}


@pytest.mark.parametrize("name", sorted(CLASSIFIED))
def test_a_mark_in_a_part_beside_the_body_classifies(tmp_path, name):
    assert_classified_and_unstored(tmp_path / "archive", name, CLASSIFIED[name])


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_the_same_part_without_a_mark_keeps_the_document_published(tmp_path, name):
    root = tmp_path / "archive"
    path = root / FOLDER / name
    path.parent.mkdir(parents=True)
    PUBLISHED[name](path)
    [doc] = load_inventory(load_config(root), ocr=False).documents
    assert decide(doc).status == "published"
