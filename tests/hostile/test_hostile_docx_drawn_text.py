"""DOCX text that no run holds: Word's own watermark (a VML ``v:textpath string="机密★5年"`` in a header) is read
for marks and withholds the document; personal numbers in attributes (a picture's alt text, a tracked change's
author, a ``tel:`` link target in the relationships) keep the original out. An ordinary DOCX with a picture
and a web link is still attached."""

from __future__ import annotations

import io

from structures import (
    BODY,
    ID,
    MOBILE,
    assert_published_without_original,
    assert_withheld,
    build,
    docx_bytes,
    edited,
    sha,
)

from archive_builder.core.privacy import mask_text
from archive_builder.inventory.readers import docx as docx_reader
from archive_builder.inventory.readers.hidden import hidden_text

WATERMARK = ('<w:p xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"><w:r>'
             '<w:pict><v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
             'path="m@7,l@8,m@5,21600l@6,21600e"><v:textpath on="t" fitshape="t"/></v:shapetype>'
             '<v:shape id="PowerPlusWaterMarkObject" type="#_x0000_t136" style="position:absolute;'
             'width:415pt;height:207pt;rotation:315;z-index:-251657216" fillcolor="silver" stroked="f">'
             '<v:textpath style="font-family:&quot;宋体&quot;;font-size:1pt" string="机密★5年"/></v:shape>'
             "</w:pict></w:r></w:p>")


def _watermarked() -> bytes:
    import docx

    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "县教科局"
    document.add_paragraph("工作方案")
    document.add_paragraph(BODY + " WATERMARKBODY")
    out = io.BytesIO()
    document.save(out)
    return edited(out.getvalue(), "word/header1.xml",
                  lambda xml: xml.replace(b"</w:hdr>", WATERMARK.encode() + b"</w:hdr>"))


def _tracked_author() -> bytes:
    insertion = (f'<w:ins w:id="1" w:author="张老师 {MOBILE}" w:date="2016-08-15T10:00:00Z">'
                 "<w:r><w:t>补充</w:t></w:r></w:ins>")
    return edited(docx_bytes(["情况说明", BODY + " AUTHORBODY"]), "word/document.xml",
                  lambda xml: xml.replace(b"</w:p>", insertion.encode() + b"</w:p>", 1))


HIDDEN = {"替代文字.docx": (lambda: docx_bytes(["情况说明", BODY + " ALTBODY"], picture=f"学生身份证号 {ID}"), "ALTBODY"),
          "修订者.docx": (_tracked_author, "AUTHORBODY"),
          "电话链接.docx": (lambda: docx_bytes(["情况说明", BODY + " TELBODY"], link=f"tel:{MOBILE}"), "TELBODY")}


def test_the_watermark_is_read_for_marks_and_hidden_text(tmp_path):
    path = tmp_path / "水印.docx"
    path.write_bytes(_watermarked())
    assert "机密★5年" in docx_reader.read(path).head
    assert "机密★5年" in hidden_text(path)


def test_numbers_in_attributes_and_link_targets_are_hidden_text(tmp_path):
    for name, (make, _) in HIDDEN.items():
        path = tmp_path / name
        path.write_bytes(make())
        assert mask_text(hidden_text(path))[1] >= 1, name


def test_watermarked_docx_is_withheld_and_attribute_numbers_keep_the_original_out(tmp_path):
    watermarked = _watermarked()
    hidden = {name: (make(), marker) for name, (make, marker) in HIDDEN.items()}
    clean = docx_bytes(["情况说明", BODY + " CLEANDOCXBODY"], picture="校门照片 2016年",
                       link="https://www.example.org/2016/08/notice.html")
    files = {"水印.docx": watermarked, "说明.docx": clean, **{name: data for name, (data, _) in hidden.items()}}
    copied, pages, site = build(tmp_path, files)
    assert_withheld(site, copied, watermarked, "WATERMARKBODY")
    for data, marker in hidden.values():
        assert_published_without_original(pages, copied, data, marker)
    assert sha(clean) in copied
