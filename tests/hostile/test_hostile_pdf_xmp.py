"""XMP metadata (and any XML packet of a PDF) is read as XML: a number written as character references
(``&#49;&#51;…``) or grouped with slashes keeps the original out of the site. A PDF with a plain XMP and CJK
page text (whose font's glyph widths are numbers of PDF syntax, no text) is still attached."""

from __future__ import annotations

import pytest
from structures import MOBILE, assert_published_without_original, build, cjk_pdf, sha

from archive_builder.core.privacy import mask_text
from archive_builder.inventory.readers.hidden import hidden_text

REFERENCES = "联系电话 " + "".join(f"&#{ord(c)};" for c in MOBILE)
SLASHES = f"联系电话 {MOBILE[:3]}/{MOBILE[3:7]}/{MOBILE[7:]}"


@pytest.mark.parametrize("xmp", [REFERENCES, SLASHES])
def test_a_number_in_xmp_is_found_however_it_is_written(tmp_path, xmp):
    path = tmp_path / "xmp.pdf"
    path.write_bytes(cjk_pdf(["情况说明", "关于学生资助工作的情况说明"], xmp=xmp))
    assert mask_text(hidden_text(path))[1] >= 1


def test_a_pdf_original_with_a_number_in_its_xmp_is_not_attached(tmp_path):
    hidden = {"元数据引用.pdf": (cjk_pdf(["情况说明", "XMPREFBODY 关于学生资助工作的情况说明"], xmp=REFERENCES), "XMPREFBODY"),
              "元数据斜线.pdf": (cjk_pdf(["情况说明", "XMPSLASHBODY 关于学生资助工作的情况说明"], xmp=SLASHES), "XMPSLASHBODY")}
    clean = cjk_pdf(["通知", "CLEANPDFBODY 各学校现将有关事项通知如下"], xmp="县教科局办公室 2016-08-15")
    copied, pages, _ = build(tmp_path, {**{name: data for name, (data, _) in hidden.items()}, "通知.pdf": clean})
    for data, marker in hidden.values():
        assert_published_without_original(pages, copied, data, marker)
    assert sha(clean) in copied
