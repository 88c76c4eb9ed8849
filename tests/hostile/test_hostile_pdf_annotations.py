"""A 机密★5年 stamped on a PDF as a FreeText annotation withholds the document (the first page's annotations
are read for marks, and a later page's annotation that is itself a mark), and every annotation's text is part
of the hidden text an original must be clean of. A PDF with an ordinary note is still attached."""

from __future__ import annotations

from structures import MOBILE, assert_withheld, build, cjk_pdf, sha

from archive_builder.core.privacy import mask_text
from archive_builder.inventory.readers import pdf as pdf_reader
from archive_builder.inventory.readers.hidden import hidden_text

STAMPED = ["工作方案", "FREETEXTBODY 各学校现将有关事项通知如下"]


def test_the_first_page_s_annotations_are_in_the_head_and_in_the_hidden_text(tmp_path):
    stamp = tmp_path / "stamp.pdf"
    stamp.write_bytes(cjk_pdf(STAMPED, annotation="机密★5年"))
    assert pdf_reader.read(stamp, ocr=False).head.startswith("机密★5年")
    assert "机密★5年" in hidden_text(stamp)
    note = tmp_path / "note.pdf"
    note.write_bytes(cjk_pdf(["通知", "正文"], annotation=f"家长 {MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}"))
    assert mask_text(hidden_text(note))[1] >= 1


def test_a_mark_stamped_as_an_annotation_withholds_the_document(tmp_path):
    stamped = cjk_pdf(STAMPED, annotation="机密★5年")
    noted = cjk_pdf(["通知", "CLEANNOTEBODY 各学校现将有关事项通知如下"], annotation="通知")
    copied, _, site = build(tmp_path, {"批注密级.pdf": stamped, "备注.pdf": noted})
    assert_withheld(site, copied, stamped, "FREETEXTBODY")
    assert sha(noted) in copied


def test_a_mark_stamped_on_a_later_page_withholds_the_document_and_a_quoting_note_does_not(tmp_path):
    stamped = cjk_pdf(STAMPED, annotation="机密★5年", annotation_page=3)
    quoted = cjk_pdf(["通知", "QUOTENOTEBODY 各学校现将有关事项通知如下"], annotation="请各校保守机密，按时上报",
                     annotation_page=3)
    assert pdf_reader.read(_written(tmp_path, stamped), ocr=False).head.startswith("机密★5年")
    copied, _, site = build(tmp_path, {"末页批注.pdf": stamped, "批注.pdf": quoted})
    assert_withheld(site, copied, stamped, "FREETEXTBODY")
    assert sha(quoted) in copied


def _written(folder, data: bytes):
    path = folder / "later.pdf"
    path.write_bytes(data)
    return path
