"""A personal number drawn in a picture that a document embeds — a scanned 身份证 pasted into a Word file, a
photo of a roster put on a page of a typed PDF — is text a viewer reads though no text layer holds it. The
pictures are read by OCR: such an original is not copied into the site (its masked rendering stands in) and a
Word page leaves the picture out with a note; a picture without a number (an emblem) changes nothing."""

from __future__ import annotations

import io

from fixtures.make_scans import font
from fpdf import FPDF
from PIL import Image, ImageDraw
from structures import CJK_FONT, ID, assert_published_without_original, build, emblem, page, sha

from archive_builder.core.i18n import t, using_language
from archive_builder.core.privacy import mask_text
from archive_builder.inventory.readers.hidden import hidden_text


def _card() -> Image.Image:
    """A scanned ID line: black characters on white, large enough for OCR to read every digit."""
    image = Image.new("RGB", (1000, 140), "white")
    ImageDraw.Draw(image).text((20, 30), f"身份证 {ID}", font=font("sans-bold", 60), fill=(0, 0, 0))
    return image


def _docx(marker: str, picture: Image.Image) -> bytes:
    import docx

    document = docx.Document()
    document.add_paragraph(f"{marker} 各学校现将有关事项通知如下")
    buffer = io.BytesIO()
    picture.save(buffer, "PNG")
    buffer.seek(0)
    document.add_picture(buffer)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _pdf(marker: str, picture: Image.Image) -> bytes:
    """A typed page (a text layer) with ``picture`` in the middle of it, below the band a mark is looked for in."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("cjk", "", CJK_FONT, collection_font_number=2)
    pdf.set_font("cjk", size=12)
    pdf.text(20, 30, "关于报送学生名单的通知")
    pdf.text(20, 40, f"{marker} 各学校现将有关事项通知如下，名单见下图。")
    pdf.image(picture, x=20, y=120, w=170)
    return bytes(pdf.output())


def test_the_hidden_text_of_an_original_holds_what_its_pictures_show(tmp_path):
    for name, data in {"a.docx": _docx("DOCXCARD", _card()), "a.pdf": _pdf("PDFCARD", _card())}.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert mask_text(hidden_text(path))[1] >= 1, name


def test_an_original_with_a_number_in_a_picture_is_not_copied_and_an_emblem_changes_nothing(tmp_path):
    files = {"名单.docx": _docx("DOCXCARD", _card()), "徽标.docx": _docx("DOCXEMBLEM", emblem()),
             "名单.pdf": _pdf("PDFCARD", _card()), "徽标.pdf": _pdf("PDFEMBLEM", emblem())}
    copied, pages, site = build(tmp_path, files)
    for name, marker in (("名单.docx", "DOCXCARD"), ("名单.pdf", "PDFCARD")):
        assert_published_without_original(pages, copied, files[name], marker)
    assert sha(files["徽标.docx"]) in copied and sha(files["徽标.pdf"]) in copied
    card_page = page(pages, "DOCXCARD")
    assert "data:image" not in card_page
    with using_language("zh"):
        note = t("site.picture_withheld")
    assert note in card_page
    assert "data:image/png;base64," in page(pages, "DOCXEMBLEM")
