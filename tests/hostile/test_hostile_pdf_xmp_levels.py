"""A 密级 stated in a PDF's XMP metadata (the catalogue's /Metadata stream: a custom ``pdfx:密级`` or
``Classification`` property, ``dc:rights`` or ``dc:subject`` saying 机密) classifies the document as the same
value in its document information does; an ordinary XMP keeps it published. The packet is parsed as XML
without its entities expanded, and one bigger than the reader's bound is not taken as reviewed."""

from __future__ import annotations

import zlib
from pathlib import Path

import pytest
from structures import assert_withheld, build, pdf_of, sha
from withheld import FOLDER, assert_classified_and_unstored

from archive_builder.core.config import load_config
from archive_builder.inventory.readers import pdf as pdf_reader
from archive_builder.pipeline import load_inventory
from archive_builder.review.policy import decide

_NAMESPACES = ('xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dc="http://purl.org/dc/elements/1.1/"'
               ' xmlns:pdfx="http://ns.adobe.com/pdfx/1.3/" xmlns:custom="http://example.org/bureau/1.0/"')


def xmp(description: str, attributes: str = "") -> bytes:
    """An XMP packet whose one rdf:Description holds ``description`` (and ``attributes``)."""
    return ('<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/">'
            f'<rdf:RDF {_NAMESPACES}><rdf:Description rdf:about="" {attributes}>{description}</rdf:Description>'
            '</rdf:RDF></x:xmpmeta><?xpacket end="w"?>').encode()


def xmp_pdf(packet: bytes, word: str = "XMPBODY", packed: bool = False) -> bytes:
    """One page of ASCII text whose catalogue names ``packet`` as its /Metadata (Flate-packed when asked)."""
    content = b"BT /F1 12 Tf 72 720 Td (Report body " + word.encode() + b" text) Tj ET"
    stream = zlib.compress(packet) if packed else packet
    return pdf_of([
        b"<< /Type /Catalog /Pages 2 0 R /Metadata 6 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >>"
        b" /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Metadata /Subtype /XML /Length %d%s >>\nstream\n" % (
            len(stream), b" /Filter /FlateDecode" if packed else b"") + stream + b"\nendstream"])


CLASSIFIED = {
    "pdfx密级.pdf": xmp("<pdfx:密级>机密</pdfx:密级>"),
    "Classification.pdf": xmp("<custom:Classification>Secret</custom:Classification>"),
    "rights.pdf": xmp('<dc:rights><rdf:Alt><rdf:li xml:lang="x-default">机密</rdf:li></rdf:Alt></dc:rights>'),
    "subject.pdf": xmp("<dc:subject><rdf:Bag><rdf:li>学生资助</rdf:li><rdf:li>机密★5年</rdf:li></rdf:Bag>"
                       "</dc:subject>"),
    "attribute.pdf": xmp("", attributes='pdfx:密级="绝密"'),
    "packed.pdf": xmp("<custom:Security>密级：秘密</custom:Security>"),
}


@pytest.mark.parametrize("name", sorted(CLASSIFIED))
def test_a_level_in_the_xmp_classifies(tmp_path, name):
    data = xmp_pdf(CLASSIFIED[name], packed=name == "packed.pdf")
    assert_classified_and_unstored(tmp_path / "archive", name, lambda path: path.write_bytes(data), word="XMPBODY")


def test_internal_in_the_xmp_holds_the_document(tmp_path):
    root = tmp_path / "archive"
    path = root / FOLDER / "通知.pdf"
    path.parent.mkdir(parents=True)
    path.write_bytes(xmp_pdf(xmp("<pdfx:密级>内部</pdfx:密级>")))
    [doc] = load_inventory(load_config(root), ocr=False).documents
    assert decide(doc).status == "internal"


def test_an_ordinary_xmp_keeps_the_file_published(tmp_path):
    root = tmp_path / "archive"
    path = root / FOLDER / "报告.pdf"
    path.parent.mkdir(parents=True)
    path.write_bytes(xmp_pdf(xmp('<dc:title><rdf:Alt><rdf:li xml:lang="x-default">学校工作计划</rdf:li></rdf:Alt>'
                                 "</dc:title><pdfx:密级>公开</pdfx:密级>")))
    [doc] = load_inventory(load_config(root), ocr=False).documents
    assert decide(doc).status == "published"


def test_an_entity_is_not_expanded_and_a_huge_packet_is_not_reviewed(tmp_path):
    laughs = ('<!DOCTYPE x [<!ENTITY a "机密机密机密机密机密机密机密机密机密机密">'
              + "".join(f'<!ENTITY {c} "{("&" + p + ";") * 10}">' for p, c in zip("abcdefgh", "bcdefghi")) + "]>")
    bomb = xmp("<dc:description>&i;</dc:description>").replace(b"<x:xmpmeta", laughs.encode() + b"<x:xmpmeta", 1)
    path = tmp_path / "bomb.pdf"
    path.write_bytes(xmp_pdf(bomb))
    reading = pdf_reader.read(path, ocr=False)
    assert sum(len(value) for value in reading.properties.values()) < 10_000
    huge = xmp("<dc:description>" + "说明" * (pdf_reader.MAX_XMP_BYTES // 4) + "</dc:description>")
    path.write_bytes(xmp_pdf(huge, packed=True))
    with pytest.raises(pdf_reader.ReadFailed):
        pdf_reader.read(path, ocr=False)


def test_levels_in_the_xmp_keep_the_documents_off_the_site(tmp_path):
    files = {name: xmp_pdf(packet, word=f"XMPSITE{index}") for index, (name, packet) in enumerate(
        sorted(CLASSIFIED.items()))}
    clean = xmp_pdf(xmp("<dc:creator><rdf:Seq><rdf:li>县教科局</rdf:li></rdf:Seq></dc:creator>"), word="XMPCLEAN")
    copied, pages, site = build(tmp_path, {**files, "报告.pdf": clean})
    for index, name in enumerate(sorted(files)):
        assert_withheld(site, copied, files[name], f"XMPSITE{index}")
    assert sha(clean) in copied and any("XMPCLEAN" in html for html in pages.values())


def test_a_pdf_without_xmp_has_no_xmp_properties(tmp_path):
    path = Path(tmp_path / "plain.pdf")
    path.write_bytes(xmp_pdf(b"").replace(b" /Metadata 6 0 R", b""))
    assert not [key for key in pdf_reader.read(path, ocr=False).properties if key.startswith("xmp:")]


def test_a_huge_packet_stored_as_it_is_is_not_reviewed(tmp_path):
    path = tmp_path / "huge.pdf"
    path.write_bytes(xmp_pdf(xmp("<dc:description>" + "x" * (pdf_reader.MAX_XMP_BYTES + 10) + "</dc:description>")))
    with pytest.raises(pdf_reader.ReadFailed):
        pdf_reader.read(path, ocr=False)
