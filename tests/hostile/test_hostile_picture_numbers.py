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


def _strip() -> Image.Image:
    """One line cut from a form, lower than a scan's smallest side: 900 × 40."""
    image = Image.new("RGB", (900, 40), "white")
    ImageDraw.Draw(image).text((10, 6), f"ID {ID}", font=font("sans-bold", 26), fill=(0, 0, 0))
    return image


def _blank_with(**info: bytes | str) -> bytes:
    """A white picture whose metadata carries ``info`` (PNG text chunks, compressed or not)."""
    from PIL import PngImagePlugin

    chunks = PngImagePlugin.PngInfo()
    for key, value in info.items():
        chunks.add_text(key, value if isinstance(value, str) else value.decode(), zip=True)
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "white").save(buffer, "PNG", pnginfo=chunks)
    return buffer.getvalue()


def _jpeg_with_comment(comment: bytes) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (200, 200), "white").save(buffer, "JPEG", comment=comment)
    return buffer.getvalue()


def test_a_one_line_picture_is_read_like_a_scan(tmp_path):
    for name, data in {"a.docx": _docx("STRIP", _strip()), "a.pdf": _pdf("STRIP", _strip())}.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert mask_text(hidden_text(path))[1] >= 1, name


def test_what_a_picture_says_of_itself_is_checked_for_numbers(tmp_path):
    """A compressed PNG text chunk, an XMP packet written with character references, a JPEG comment in GB 18030
    with full-width digits: a viewer's 属性 shows each of them."""
    references = "".join(f"&#{ord(c)};" for c in ID)
    full_width = ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    pictures = {"chunk.png": _blank_with(Description=f"身份证 {ID}"),
                "xmp.png": _blank_with(**{"XML:com.adobe.xmp": f"<x:xmpmeta><dc:description>{references}"
                                                             "</dc:description></x:xmpmeta>"}),
                "comment.jpg": _jpeg_with_comment(f"身份证：{full_width}".encode("gb18030"))}
    for name, data in pictures.items():
        path = tmp_path / name
        path.write_bytes(data)
        assert mask_text(hidden_text(path))[1] >= 1, name
    inside = _docx("EXIF", Image.open(io.BytesIO(pictures["chunk.png"])))
    (tmp_path / "inside.docx").write_bytes(inside)
    assert mask_text(hidden_text(tmp_path / "inside.docx"))[1] == 0  # python-docx re-encodes: nothing carried
    clean = tmp_path / "clean.png"
    clean.write_bytes(_blank_with(Description="学校平面图"))
    assert mask_text(hidden_text(clean))[1] == 0


def test_hidden_word_text_between_the_digits_does_not_part_the_number(tmp_path):
    """Word shows 110101<hidden>zz</hidden>200808020091 as one number: the page masks it and the original stays out."""
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("学生身份证号：")
    paragraph.add_run(ID[:6])
    paragraph.add_run("zz").font.hidden = True
    paragraph.add_run(ID[6:])
    document.add_paragraph("HIDDENRUN 各学校现将有关事项通知如下")
    buffer = io.BytesIO()
    document.save(buffer)
    files = {"名单.docx": buffer.getvalue()}
    copied, pages, _site = build(tmp_path, files)
    assert_published_without_original(pages, copied, files["名单.docx"], "HIDDENRUN")
    shown = page(pages, "HIDDENRUN")
    assert ID[6:] not in shown and "zz" not in shown
