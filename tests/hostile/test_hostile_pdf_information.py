"""A mark a PDF viewer shows outside the page's text layer: an entry of the document information beyond the standard
ones (/Classification, /Security: Acrobat's 属性 › 自定义), and the value of a text field on the first page that the
viewer draws itself (/NeedAppearances, no appearance stream). Each classifies the file; an ordinary entry does not."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from withheld import FOLDER, assert_classified_and_unstored

from archive_builder.core.config import load_config
from archive_builder.pipeline import load_inventory
from archive_builder.review.policy import decide


def _text(value: str) -> str:
    return "<FEFF" + value.encode("utf-16-be").hex().upper() + ">"


def _pdf(path: Path, info: dict[str, str], field: str | None = None) -> None:
    """One page of ASCII text; the Info entries given; a text field whose value is ``field``."""
    content = b"BT /F1 12 Tf 72 720 Td (Report body SLIPWORD text) Tj ET"
    annots = "/Annots [7 0 R]" if field is not None else ""
    form = "/AcroForm << /Fields [7 0 R] /NeedAppearances true >>" if field is not None else ""
    objects = [
        f"<< /Type /Catalog /Pages 2 0 R {form} >>".encode(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> "
         b"/Contents 5 0 R " + annots.encode() + b" >>"),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        ("<< /Producer (x) " + "".join(f"/{key} {_text(value)} " for key, value in info.items()) + ">>").encode(),
    ]
    if field is not None:
        objects.append(f"<< /Type /Annot /Subtype /Widget /FT /Tx /T (f1) /V {_text(field)} /Rect [72 740 400 770] "
                       "/P 3 0 R /F 4 /DA (/Helv 12 Tf 0 g) >>".encode())
    out = io.BytesIO()
    out.write(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    out.write(b"".join(b"%010d 00000 n \n" % offset for offset in offsets))
    out.write(b"trailer\n<< /Size %d /Root 1 0 R /Info 6 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    path.write_bytes(out.getvalue())


CLASSIFIED = {
    "Classification.pdf": lambda path: _pdf(path, {"Classification": "机密★5年"}),
    "Security.pdf": lambda path: _pdf(path, {"Security": "密级：机密"}),
    "表单.pdf": lambda path: _pdf(path, {}, field="机密★5年"),
}


@pytest.mark.parametrize("name", sorted(CLASSIFIED))
def test_a_mark_in_the_information_or_a_field_classifies(tmp_path, name):
    assert_classified_and_unstored(tmp_path / "archive", name, CLASSIFIED[name])


def test_ordinary_information_and_fields_keep_the_file_published(tmp_path):
    root = tmp_path / "archive"
    path = root / FOLDER / "报告.pdf"
    path.parent.mkdir(parents=True)
    _pdf(path, {"Department": "县教科局"}, field="张三")
    [doc] = load_inventory(load_config(root), ocr=False).documents
    assert decide(doc).status == "published"
