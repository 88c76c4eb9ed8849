"""Real files that hide a script, a mark or a number in their structure, for the hostile-file tests."""

from __future__ import annotations

import hashlib
import io
import zipfile
import zlib
from pathlib import Path

from click.testing import CliRunner

from archive_builder.commands.cli import cli

FOLDER = "content/县教科局/规范办学行为/2016"
CJK_FONT = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
MOBILE = "13900000013"
ID = "141023200808020091"
BODY = "关于规范办学行为的工作方案，各学校现将有关事项通知如下。"


def pdf_of(objects: list[bytes], version: bytes = b"1.5") -> bytes:
    """A PDF written byte by byte: ``objects`` numbered from 1 (the first is the catalog), a classic xref."""
    out = bytearray(b"%PDF-" + version + b"\n")
    offsets = []
    for number, obj in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    start = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, start)
    return bytes(out)


def object_stream_pdf(action: bytes, pad: int = 700, predictor: int = 0, page: bytes = b"OBJSTMBODY") -> bytes:
    """A PDF 1.5 whose catalog (``/OpenAction 4 0 R``), pages and action are objects of a Flate object
    stream; the stream's dictionary has ``pad`` spaces before its ``>>``, and its rows a PNG predictor
    when ``predictor`` (a row width) is given. The xref is a stream too."""
    objects = {1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 4 0 R >>",
               2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
               3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R /Resources"
                  b" << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> >>",
               4: action}
    body, offsets = b"", []
    for number, text in objects.items():
        offsets.append(b"%d %d" % (number, len(body)))
        body += text + b"\n"
    header = b" ".join(offsets) + b"\n"
    raw, parms = header + body, b""
    if predictor:
        rows = [raw[i:i + predictor].ljust(predictor, b" ") for i in range(0, len(raw), predictor)]
        raw = b"".join(b"\x02" + bytes((r[i] - (rows[n - 1][i] if n else 0)) & 0xFF for i in range(predictor))
                       for n, r in enumerate(rows))  # "Up" rows
        parms = b" /DecodeParms << /Predictor 12 /Columns %d >>" % predictor
    packed = zlib.compress(raw)
    out = b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"
    where = {}
    content = b"BT /F1 24 Tf 72 760 Td (" + page + b") Tj ET"
    where[5] = len(out)
    out += b"5 0 obj\n<< /Length %d >>\nstream\n%s\nendstream\nendobj\n" % (len(content), content)
    where[6] = len(out)
    out += (b"6 0 obj\n<< /Type /ObjStm /N 4 /First %d /Filter /FlateDecode%s /Length %d%s>>\nstream\n"
            % (len(header), parms, len(packed), b" " * pad)) + packed + b"\nendstream\nendobj\n"
    where[7] = len(out)
    rows = b"\x00\x00\x00\x00\xff\xff" + b"".join(b"\x02\x00\x00\x00\x06" + bytes([i]) for i in range(4))
    rows += b"".join(b"\x01" + where[n].to_bytes(4, "big") + b"\x00" for n in (5, 6, 7))
    packed_rows = zlib.compress(rows)
    out += (b"7 0 obj\n<< /Type /XRef /Size 8 /W [1 4 1] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n"
            % len(packed_rows)) + packed_rows + b"\nendstream\nendobj\n"
    return out + b"startxref\n%d\n%%%%EOF\n" % where[7]


SCRIPT = b"<< /Type /Action /S /JavaScript /JS (app.alert\\('OBJSTM'\\);) >>"
GOTO = b"<< /Type /Action /S /GoTo /D [3 0 R /Fit] >>"


def cjk_pdf(lines: list[str], annotation: str | None = None, xmp: str | None = None,
            annotation_page: int = 1) -> bytes:
    """A PDF of ``lines`` in a CJK font; with a FreeText ``annotation`` on page ``annotation_page`` (pages
    after the first say only 续页)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.add_font("cjk", "", CJK_FONT, collection_font_number=2)
    pdf.set_font("cjk", size=12)
    for index, line in enumerate(lines):
        pdf.text(20, 30 + 10 * index, line)
    for _ in range(1, annotation_page):
        pdf.add_page()
        pdf.text(20, 30, "续页 附件内容")
    if annotation:
        pdf.free_text_annotation(annotation, x=15, y=8, w=60, h=12)
    if xmp:
        pdf.set_xmp_metadata('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF '
                             'xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
                             'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>' + xmp
                             + "</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>")
    return bytes(pdf.output())


def docx_bytes(lines: list[str], picture: str | None = None, link: str | None = None) -> bytes:
    """A python-docx document; with a picture whose alt text is ``picture``, a hyperlink to ``link``."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml.ns import qn
    from docx.oxml.parser import OxmlElement
    from PIL import Image

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    if picture is not None:
        image = io.BytesIO()
        Image.new("RGB", (40, 20), "white").save(image, "PNG")
        document.add_picture(image)
        document.inline_shapes[0]._inline.docPr.set("descr", picture)
    if link is not None:
        paragraph = document.add_paragraph()
        rid = paragraph.part.relate_to(link, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
        hyperlink = OxmlElement("w:hyperlink")
        hyperlink.set(qn("r:id"), rid)
        run = OxmlElement("w:r")
        text = OxmlElement("w:t")
        text.text = "联系我们"
        run.append(text)
        hyperlink.append(run)
        paragraph._p.append(hyperlink)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def edited(data: bytes, part: str, edit) -> bytes:  # noqa: ANN001 - bytes -> bytes
    """The package with one part rewritten."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            content = source.read(info)
            target.writestr(info, edit(content) if info.filename == part else content)
    return out.getvalue()


def build(tmp_path: Path, files: dict[str, bytes]) -> tuple[set[str], dict[Path, str], Path]:
    """An archive of ``files`` built: the hashes of site/files/, the document pages, the site."""
    root = tmp_path / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    for name, data in files.items():
        (folder / name).write_bytes(data)
    result = CliRunner().invoke(cli, ["--root", str(root), "build"], catch_exceptions=False)
    assert result.exit_code in (0, 1), result.output
    site = root / "site"
    copied = {sha(p.read_bytes()) for p in (site / "files").rglob("*") if p.is_file()}
    return copied, {p: p.read_text("utf-8") for p in (site / "docs").rglob("*.html")}, site


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def page(pages: dict[Path, str], marker: str) -> str:
    """The one document page that shows ``marker``."""
    [html] = [html for html in pages.values() if marker in html and "ab-meta" in html]
    return html


def assert_published_without_original(pages: dict[Path, str], copied: set[str], data: bytes, marker: str) -> None:
    """The document's page is there (its masked text), the original is neither copied nor framed."""
    assert sha(data) not in copied
    html = page(pages, marker)
    assert "<iframe" not in html and "data-ab-original" not in html


def assert_withheld(site: Path, copied: set[str], data: bytes, marker: str) -> None:
    """Neither the original nor any word of it reaches the site."""
    assert sha(data) not in copied
    assert not [p for p in site.rglob("*") if p.is_file() and marker.encode() in p.read_bytes()]


def emblem():
    """A picture with no words: a red disc and ring, as a letterhead's emblem."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (300, 300), "white")
    draw = ImageDraw.Draw(image)
    draw.ellipse((20, 20, 280, 280), outline=(205, 25, 30), width=18)
    draw.ellipse((110, 110, 190, 190), fill=(205, 25, 30))
    return image
