"""A 密级 drawn rather than written at the top of a PDF page that has a text layer: the glyphs' outlines filled as
paths, or shown in a Type3 font whose codes say nothing of the characters. The text layer does not hold the
mark; the top of the first page is OCR'd when something is drawn there that is no trusted text, and a page
whose words are drawn (a phone number in outlines or in a Type3 font) is OCR'd whole, so its digits are masked.
An ordinary text page costs no OCR."""

from __future__ import annotations

import pytest
from drawn import drawn_pdf
from structures import MOBILE, assert_withheld, build, sha

from archive_builder.core.privacy import detect_classification, detect_internal_mark, mask_text
from archive_builder.inventory.readers import pdf as pdf_reader

BODY = "DRAWNBODY Notice of the county education bureau on the plan for the exchange of teachers in 2017. " * 3


@pytest.mark.parametrize("mark", ["机密★5年", "秘密", "绝密"])
@pytest.mark.parametrize("how", ["outlines", "type3"])
def test_a_mark_drawn_at_the_top_of_a_text_page_is_read(tmp_path, mark, how):
    path = tmp_path / "通知.pdf"
    path.write_bytes(drawn_pdf(BODY, mark=mark) if how == "outlines" else drawn_pdf(BODY, type3=mark))
    reading = pdf_reader.read(path, ocr=True)
    assert "DRAWNBODY" in reading.text
    assert detect_classification(reading.head, lines=60) == mark[:2]


def test_an_internal_mark_drawn_in_outlines_is_read(tmp_path):
    path = tmp_path / "通知.pdf"
    path.write_bytes(drawn_pdf(BODY, mark="内部"))
    assert detect_internal_mark(pdf_reader.read(path, ocr=True).head, lines=60)


def test_without_ocr_a_page_of_type3_glyphs_is_not_taken_as_read(tmp_path):
    path = tmp_path / "通知.pdf"
    path.write_bytes(drawn_pdf(BODY, type3="机密★5年"))
    assert pdf_reader.read(path, ocr=False).method == "none"


@pytest.mark.parametrize("how", ["outlines", "type3"])
def test_a_number_drawn_on_a_text_page_is_masked(tmp_path, how):
    path = tmp_path / "名单.pdf"
    body = BODY + " Contact:"
    drawn = drawn_pdf(body, mark=MOBILE, mark_at=(60, 600), size=12) if how == "outlines" else drawn_pdf(
        body, type3=MOBILE, type3_at=(60, 600), size=12)
    path.write_bytes(drawn)
    reading = pdf_reader.read(path, ocr=True)
    assert "DRAWN" in reading.text and mask_text(reading.text)[1] >= 1


def test_drawn_marks_and_numbers_keep_the_documents_off_the_site(tmp_path):
    marked = {"机密通知.pdf": ("OUTLINEMARK", {"mark": "机密★5年"}), "绝密通知.pdf": ("TYPE3MARK", {"type3": "绝密"}),
              "内部通知.pdf": ("INTERNALMARK", {"mark": "内部"})}
    files = {name: drawn_pdf(BODY.replace("DRAWNBODY", marker), **drawn) for name, (marker, drawn) in marked.items()}
    number = drawn_pdf(BODY.replace("DRAWNBODY", "NUMBERPAGE") + " Contact:", type3=MOBILE, type3_at=(60, 600),
                       size=12)
    clean = drawn_pdf(BODY.replace("DRAWNBODY", "CLEANPAGE"))
    copied, pages, site = build(tmp_path, {**files, "名单.pdf": number, "普通通知.pdf": clean})
    for name, (marker, _) in marked.items():
        assert_withheld(site, copied, files[name], marker)
    assert sha(number) not in copied and MOBILE not in "".join(pages.values())
    assert sha(clean) in copied


@pytest.fixture
def images(monkeypatch) -> list[tuple[int, int]]:
    """The sizes of the images the PDF reader OCRs, as it reads them."""
    sizes: list[tuple[int, int]] = []
    real = pdf_reader.recognise_images
    monkeypatch.setattr(pdf_reader, "recognise_images",
                        lambda found: real([sizes.append(image.size) or image for image in found]))
    return sizes


def _unmapped(path, mark: str = "", number: str = "") -> None:
    """An A4 page (fpdf2) with a Helvetica text layer and ``mark`` at its top, ``number`` in its body, in an
    embedded CJK font whose ToUnicode map is taken away: their codes extract as control characters."""
    from fpdf import FPDF
    from structures import CJK_FONT

    document = FPDF(format="A4")
    document.add_font("cjk", "", CJK_FONT, collection_font_number=2)
    document.add_page()
    document.set_font("cjk", size=20)
    if mark:
        document.text(120, 20, mark)
    document.set_font("helvetica", size=11)
    document.set_xy(20, 60)
    document.multi_cell(170, 7, BODY + " Contact:")
    if number:
        document.set_font("cjk", size=12)
        document.text(20, 140, number)
    path.write_bytes(bytes(document.output()).replace(b"/ToUnicode", b"/ToUnicodX"))  # same length: xref holds


def test_a_mark_in_a_font_without_a_unicode_map_is_read_from_the_top_band(tmp_path, images):
    path = tmp_path / "通知.pdf"
    _unmapped(path, mark="机密★5年")
    reading = pdf_reader.read(path, ocr=True)
    assert detect_classification(reading.head, lines=60) == "机密"
    assert reading.method == "born-digital" and "DRAWNBODY" in reading.text
    assert len(images) == 1 and images[0][1] < 100  # one strip of the top, not the page


def test_a_large_mark_in_outlines_is_read_from_the_top_band(tmp_path, images):
    path = tmp_path / "通知.pdf"
    path.write_bytes(drawn_pdf(BODY, mark="绝密", mark_at=(360, 760), size=60))
    reading = pdf_reader.read(path, ocr=True)
    assert detect_classification(reading.head, lines=60) == "绝密"
    assert reading.method == "born-digital" and len(images) == 1 and images[0][1] < 250


def test_a_number_in_a_font_without_a_unicode_map_is_masked(tmp_path):
    path = tmp_path / "名单.pdf"
    _unmapped(path, number=MOBILE)
    reading = pdf_reader.read(path, ocr=True)
    assert reading.method == "ocr" and mask_text(reading.text)[1] >= 1


def test_an_ordinary_page_with_rules_and_boxes_costs_no_ocr(tmp_path, monkeypatch):
    from fpdf import FPDF

    calls: list[int] = []
    monkeypatch.setattr(pdf_reader, "recognise_images", lambda images: calls.append(1))
    document = FPDF(format="A4")
    document.add_page()
    document.set_draw_color(200, 0, 0)
    document.set_line_width(1.2)
    document.line(20, 40, 190, 40)  # the red rule under a 红头 letterhead
    document.set_fill_color(230, 230, 230)
    document.rect(20, 10, 170, 25, style="DF")  # a shaded box behind the header
    document.set_font("helvetica", size=12)
    document.set_xy(20, 15)
    document.cell(170, 10, "County Education Bureau")
    document.set_xy(20, 60)
    document.multi_cell(170, 8, BODY)
    path = tmp_path / "通知.pdf"
    document.output(str(path))
    reading = pdf_reader.read(path, ocr=True)
    assert reading.method == "born-digital" and calls == []


def test_an_ordinary_chinese_page_with_indented_paragraphs_costs_no_ocr(tmp_path, monkeypatch):
    """fpdf2 writes an empty text object of no size where a paragraph's 　　 indent starts a line: it shows
    nothing, so it is no untrusted text at the top of the page."""
    from fpdf import FPDF
    from structures import CJK_FONT

    calls: list[int] = []
    monkeypatch.setattr(pdf_reader, "recognise_images", lambda images: calls.append(1))
    document = FPDF(format="A4")
    document.add_font("cjk", "", CJK_FONT, collection_font_number=2)
    document.add_page()
    document.set_font("cjk", size=15)
    document.multi_cell(0, 9, "2014年县人社局图书配备会议纪要", align="C", new_x="LMARGIN", new_y="NEXT")
    document.set_font("cjk", size=11)
    for _ in range(4):
        document.multi_cell(0, 6.5, "　　" + "为做好教师培训工作，县人社局完善督查考核机制，并推进校际结对帮扶。" * 3,
                            new_x="LMARGIN", new_y="NEXT")
    path = tmp_path / "纪要.pdf"
    path.write_bytes(bytes(document.output()))
    reading = pdf_reader.read(path, ocr=True)
    assert reading.method == "born-digital" and calls == []
    assert "校际结对帮扶" in reading.text
