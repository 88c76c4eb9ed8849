"""A 密级 at the top of an OFD's first page that is no TextCode: a picture (an ``ImageObject`` showing a
``MultiMedia`` resource), a ``CompositeObject`` (its content kept in a resource), or glyph outlines drawn as
filled ``PathObject``s — in the page's content, its template page or an annotation. An OFD reader prints them
all at the top of the page.

The picture is read by OCR, as a picture at the top of a Word file or a PDF page is; a composite's text is read
from its resource. What cannot be read there (outlines, a composite whose unit is missing, a picture without OCR)
holds the document back with a problem that names the fix. A thin rule at the top (the red line under a 红头)
holds nothing back.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from fixtures.make_ofd import DRAWN_BOX, make_ofd
from fixtures.make_scans import font
from PIL import Image, ImageDraw
from withheld import FOLDER, assert_classified_and_unstored

from archive_builder.core.config import load_config
from archive_builder.pipeline import load_inventory
from archive_builder.review.policy import decide

BODY = [["示范县教育局文件", "关于 SLIPWORD 教师交流的通知", "各学校：现将方案印发给你们。"]]
#: a glyph-like outline: a filled square with a hole, as a character converted to curves is drawn
OUTLINE = "M 0 0 L 12 0 L 12 12 L 0 12 C M 3 3 L 9 3 L 9 9 L 3 9 C"


def _mark_png(text: str = "机密★5年") -> bytes:
    """The mark as a pasted picture: black characters on white."""
    image = Image.new("RGB", (560, 130), "white")
    ImageDraw.Draw(image).text((20, 15), text, font=font("sans-bold", 90), fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


@pytest.mark.parametrize("where", ["page", "template", "annotation"])
def test_a_mark_pasted_as_a_picture_at_the_top_is_read_and_classifies_the_ofd(make_archive, where):
    def make(path: Path) -> None:
        make_ofd(path, BODY, drawn=("image", _mark_png()), drawn_in=where)

    assert_classified_and_unstored(make_archive(), "通知.ofd", make, ocr=True)


@pytest.mark.parametrize("where", ["page", "template"])
def test_a_mark_in_a_composite_object_is_read_from_its_resource(make_archive, where):
    def make(path: Path) -> None:
        make_ofd(path, BODY, drawn=("composite", "机密★5年"), drawn_in=where)

    assert_classified_and_unstored(make_archive(), "通知.ofd", make)


def _judged(root: Path, make, ocr: bool = False):  # noqa: ANN001 - a maker
    path = root / FOLDER / "通知.ofd"
    path.parent.mkdir(parents=True, exist_ok=True)
    make(path)
    inventory = load_inventory(load_config(root), ocr=ocr)
    [doc] = inventory.documents
    return decide(doc), [problem for problem in inventory.problems if problem.path == doc.path], doc


@pytest.mark.parametrize("where", ["page", "template", "annotation"])
def test_outlines_drawn_at_the_top_hold_the_ofd_with_the_fix_named(make_archive, where):
    verdict, problems, doc = _judged(make_archive(), lambda p: make_ofd(p, BODY, drawn=("path", OUTLINE),
                                                                        drawn_in=where))
    assert verdict.held and not verdict.visible(include_internal=True)
    assert "PDF" in (doc.read_error or "") and "密级" in (doc.read_error or "")
    assert problems


def test_a_composite_object_whose_unit_is_missing_holds_the_ofd(make_archive):
    def make(path: Path) -> None:
        make_ofd(path, BODY, drawn=("composite", "机密★5年"))
        _edit(path, "Doc_0/DocumentRes.xml", b"CompositeGraphicUnit ID=", b"CompositeGraphicUnit ID=\"999\" Was=")

    verdict, problems, _ = _judged(make_archive(), make)
    assert verdict.held and problems


def test_a_picture_at_the_top_read_without_ocr_holds_the_ofd(make_archive):
    verdict, _, _ = _judged(make_archive(), lambda p: make_ofd(p, BODY, drawn=("image", _mark_png())), ocr=False)
    assert verdict.held


def test_a_picture_at_the_top_without_a_mark_is_published(make_archive):
    verdict, _, _ = _judged(make_archive(), lambda p: make_ofd(p, BODY, drawn=("image", _mark_png("示范县教育局"))),
                            ocr=True)
    assert verdict.status == "published", verdict


def test_a_thin_rule_at_the_top_holds_nothing_back(make_archive):
    def make(path: Path) -> None:
        make_ofd(path, BODY, drawn=("path", "M 0 0 L 160 0 L 160 0.6 L 0 0.6 C"))
        _edit(path, "Doc_0/Pages/Page_0/Content.xml", DRAWN_BOX.encode(), b"25 32 160 0.6")

    verdict, _, _ = _judged(make_archive(), make)
    assert verdict.status == "published", verdict


def _edit(path: Path, name: str, old: bytes, new: bytes) -> None:
    with zipfile.ZipFile(path) as archive:
        members = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in members:
            if info.filename == name:
                assert old in data, (name, old)
                data = data.replace(old, new, 1)
            archive.writestr(info, data)
