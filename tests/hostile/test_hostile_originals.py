"""Originals copied verbatim into the site: only when every piece of their text is clean.

Each file below holds a personal number only where no reader shows it: PDF document information,
XMP, annotations and attachments; the OLE summary information of a .doc or .xls; a comment whose
number Word split over runs; a workbook embedded in a document; a photo's EXIF comment. None of
them may reach ``site/files/``; the clean controls beside them must.
"""

from __future__ import annotations

import hashlib
import io
import shutil
import zipfile
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from fixtures import make_office

from archive_builder.commands.cli import cli
from archive_builder.inventory.readers.hidden import Unchecked, hidden_text

FOLDER = "content/县教科局/规范办学行为/2016"
ID = make_office.RESIDENT_ID
MOBILE = make_office.HIDDEN_MOBILE
FORMATS = Path(make_office.__file__).parent / "formats"
XMP = ('<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">'
       '<rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>经办人 {}</dc:creator>'
       "</rdf:Description></rdf:RDF></x:xmpmeta>")


def _pdf(path: Path, **hidden: str) -> None:
    """A one-page PDF with clean page text and the given hidden parts (fpdf2)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="Notice on the repair of school buildings, county education bureau")
    if "author" in hidden:
        pdf.set_author(hidden["author"])
    if "subject" in hidden:
        pdf.set_subject(hidden["subject"])
    if "annotation" in hidden:
        pdf.text_annotation(10, 10, hidden["annotation"])
    if "xmp" in hidden:
        pdf.set_xmp_metadata(XMP.format(hidden["xmp"]))
    if "attachment" in hidden:
        attached = path.with_suffix(".csv.tmp")
        attached.write_text(hidden["attachment"], "utf-8")
        pdf.embed_file(str(attached))
        attached.unlink()
    pdf.output(str(path))


def _docx_split_comment(path: Path) -> None:
    """A clean body; the ID only in a comment, written over two runs as Word does after an edit."""
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("学生资助工作说明")
    comment = document.add_comment(paragraph.runs[0], text="", author="审核人")
    target = comment.paragraphs[0]
    target.add_run("身份证 " + ID[:10])
    target.add_run(ID[10:])
    document.save(str(path))


def _docx_labelled_numbers(path: Path) -> None:
    """A clean body; 身份证编号 in a comment and 银行卡编号 in the core properties (编号 is no project number here)."""
    import docx

    document = docx.Document()
    paragraph = document.add_paragraph("关于学生资助的说明，正文无号码。")
    document.add_comment(paragraph.runs, text=f"核对：学生 身份证编号：{ID}，家长 手机编号 {MOBILE}", author="审核人")
    document.core_properties.comments = "银行卡编号：6222021234567890128"
    document.save(str(path))


def _docx_with_embedded_workbook(path: Path) -> None:
    """A clean body with a roster workbook embedded as a package part (as Word embeds an Excel object)."""
    import docx

    document = docx.Document()
    document.add_paragraph("学生资助工作说明，名册见附件。")
    buffer = io.BytesIO()
    document.save(buffer)
    book = openpyxl.Workbook()
    book.active.append(["张三", ID])
    embedded = io.BytesIO()
    book.save(embedded)
    with zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as source, zipfile.ZipFile(path, "w") as target:
        for info in source.infolist():
            target.writestr(info, source.read(info))
        target.writestr("word/embeddings/Microsoft_Excel_Worksheet1.xlsx", embedded.getvalue())


def _jpeg_with_exif_comment(path: Path) -> None:
    """A photo of a school gate whose EXIF description names a parent's mobile (Pillow)."""
    from PIL import Image

    image = Image.new("RGB", (64, 64), "white")
    exif = Image.Exif()
    exif[0x010E] = f"家长电话 {MOBILE}"  # ImageDescription
    image.save(path, exif=exif)


HIDDEN = {
    "作者.pdf": lambda p: _pdf(p, author=f"联系人 {MOBILE}"),
    "主题.pdf": lambda p: _pdf(p, subject="身份证 " + ID.translate(str.maketrans("0123456789", "０１２３４５６７８９"))),
    "批注.pdf": lambda p: _pdf(p, annotation=f"family phone {MOBILE[:3]} {MOBILE[3:7]} {MOBILE[7:]}"),
    "元数据.pdf": lambda p: _pdf(p, xmp=ID),
    "附件.pdf": lambda p: _pdf(p, attachment=f"姓名,身份证号\n张三,{ID}\n"),
    "属性.doc": lambda p: shutil.copy(FORMATS / "hidden_properties.doc", p),
    "属性.xls": lambda p: shutil.copy(FORMATS / "hidden_properties.xls", p),
    "批注分段.docx": _docx_split_comment,
    "嵌入名册.docx": _docx_with_embedded_workbook,
    "编号批注.docx": _docx_labelled_numbers,
}
CLEAN = {
    "通知.pdf": lambda p: _pdf(p, author="县教育局办公室"),
    "通知.doc": lambda p: shutil.copy(FORMATS / "plain.doc", p),
    "统计.xls": lambda p: shutil.copy(FORMATS / "table.xls", p),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("originals") / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    for name, make in {**HIDDEN, **CLEAN}.items():
        make(folder / name)
    _jpeg_with_exif_comment(folder / "校门.jpg")
    data = root / "content" / "data"
    data.mkdir()
    shutil.copy(FORMATS / "hidden_properties.xls", data / "达标统计.xls")
    result = CliRunner().invoke(cli, ["--root", str(root), "build"], catch_exceptions=False)
    copied = {hashlib.sha256(p.read_bytes()).hexdigest() for p in (root / "site").rglob("*") if p.is_file()}
    return root, result, copied


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_an_original_with_a_hidden_number_is_not_copied(built, name):
    root, result, copied = built
    assert result.exit_code in (0, 1), result.output
    assert _sha(root / FOLDER / name) not in copied


def test_a_table_whose_properties_hold_a_number_is_not_copied(built):
    root, _, copied = built
    assert _sha(root / "content" / "data" / "达标统计.xls") not in copied


@pytest.mark.parametrize("name", sorted(CLEAN))
def test_clean_originals_are_still_copied(built, name):
    root, _, copied = built
    assert _sha(root / FOLDER / name) in copied


@pytest.mark.parametrize("name", sorted(HIDDEN))
def test_the_hidden_number_is_found(tmp_path, name):
    from archive_builder.core.privacy import mask_text

    path = tmp_path / name
    HIDDEN[name](path)
    assert mask_text(hidden_text(path))[1] >= 1


def test_exif_comment_is_found(tmp_path):
    from archive_builder.core.privacy import mask_text

    _jpeg_with_exif_comment(tmp_path / "校门.jpg")
    assert mask_text(hidden_text(tmp_path / "校门.jpg"))[1] == 1


def test_a_damaged_compound_file_cannot_be_vouched_for(tmp_path):
    data = bytearray((FORMATS / "plain.doc").read_bytes())
    data[48:52] = (0x7FFFFFF0).to_bytes(4, "little")  # the directory's first sector: past the end
    (tmp_path / "bad.doc").write_bytes(bytes(data))
    with pytest.raises(Unchecked):
        hidden_text(tmp_path / "bad.doc")


def test_files_nested_too_deep_cannot_be_vouched_for(tmp_path):
    data = b"plain text"
    for level in range(6):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w") as archive:
            archive.writestr(f"level{level}.bin", data)
        data = buffer.getvalue()
    (tmp_path / "nested.docx").write_bytes(data)
    with pytest.raises(Unchecked):
        hidden_text(tmp_path / "nested.docx")


def test_pdf_escapes_of_every_kind_are_read(tmp_path):
    from archive_builder.core.privacy import mask_text

    body = b"%PDF-1.4\n1 0 obj << /Author (\\061\\063\\070 1234 5678 \\8\\( x) /T (a\\\nb) >> endobj\n%%EOF\n"
    (tmp_path / "escapes.pdf").write_bytes(body)
    assert mask_text(hidden_text(tmp_path / "escapes.pdf"))[1] >= 1
