"""A 密级 stamped as a picture at the top of a PDF page that has a text layer: the text layer does not hold the mark,
and OCR used to run only on pages without text. The top band of the first page is OCR'd when a picture lies there
and the text shows no mark, so the document is classified; a file without such a picture costs no OCR."""

from __future__ import annotations

from pathlib import Path

import pytest
from fixtures.make_scans import font
from fpdf import FPDF
from PIL import Image, ImageDraw
from structures import emblem
from withheld import assert_classified_and_unstored

from archive_builder.core.privacy import detect_classification
from archive_builder.inventory.readers import pdf as pdf_reader

BODY = "STAMPBODY Notice of the county education bureau on the plan for the exchange of teachers in 2017."


def _stamp(text: str = "机密★5年") -> Image.Image:
    """The mark as a clerk's stamp or pasted picture: black characters on white, 300 dpi."""
    image = Image.new("RGB", (560, 130), "white")
    ImageDraw.Draw(image).text((20, 15), text, font=font("sans-bold", 90), fill=(20, 20, 20))
    return image


def _pdf(path: Path, picture: Image.Image | None, y: float = 12, pages: int = 1) -> None:
    """An A4 PDF (fpdf2) with a text layer on every page and ``picture`` at ``y`` mm on each."""
    document = FPDF()
    document.set_font("helvetica", size=12)
    for _ in range(pages):
        document.add_page()
        if picture is not None:
            document.image(picture, x=130, y=y, w=60)
        document.set_xy(20, 60)
        document.multi_cell(170, 8, BODY * 3)
    document.output(str(path))


def test_a_mark_stamped_as_a_picture_at_the_top_of_a_text_page_is_read(tmp_path):
    path = tmp_path / "通知.pdf"
    _pdf(path, _stamp())
    reading = pdf_reader.read(path, ocr=True)
    assert reading.method == "born-digital" and "STAMPBODY" in reading.text
    assert detect_classification(reading.head, lines=60) == "机密"
    assert "机密" not in reading.text  # the head only: the page's words are its text layer


def test_a_pdf_with_a_stamped_mark_is_classified(make_archive):
    def stamped(path: Path) -> None:
        _pdf(path, _stamp())

    assert_classified_and_unstored(make_archive(), "通知.pdf", stamped, word="STAMPBODY", ocr=True)


@pytest.mark.parametrize(("picture", "y"), [(None, 12), ("emblem", 12), ("stamp", 230)])
def test_no_ocr_and_no_mark_without_a_stamp_at_the_top(tmp_path, monkeypatch, picture, y):
    calls: list[int] = []
    real = pdf_reader.recognise_images
    monkeypatch.setattr(pdf_reader, "recognise_images", lambda images: calls.append(1) or real(images))
    path = tmp_path / "通知.pdf"
    _pdf(path, {"emblem": emblem(), "stamp": _stamp()}.get(picture or ""), y=y)
    reading = pdf_reader.read(path, ocr=True)
    assert detect_classification(reading.head, lines=60) is None
    assert len(calls) == (1 if picture == "emblem" else 0)  # a picture at the top costs one OCR of its band


def test_only_the_first_page_s_top_is_read_and_not_without_ocr(tmp_path, monkeypatch):
    calls: list[int] = []
    real = pdf_reader.recognise_images
    monkeypatch.setattr(pdf_reader, "recognise_images", lambda images: calls.append(1) or real(images))
    path = tmp_path / "通知.pdf"
    _pdf(path, _stamp(), pages=3)
    assert pdf_reader.read(path, ocr=False).head.count("机密") == 0 and calls == []
    pdf_reader.read(path, ocr=True)
    assert len(calls) == 1
