"""Text extraction: every type, the SHA-256 cache, privacy on the way out, failures as problems."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from archive_builder.core.errors import ArchiveError
from archive_builder.core.model import Document
from archive_builder.review import extract
from archive_builder.review.extract import cache_path, extract_all, extract_text

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "search"
PHRASES = {
    "report.pdf": "城乡教师流动补助发放",
    "minutes.docx": "校长职级制改革座谈",
    "ledger.xlsx": "薄弱学校改造资金台账",
    "notice-gbk.txt": "留守儿童关爱服务站",
}


def make_doc(path: Path, body: str | None = None, kind: str | None = None, rel: str | None = None) -> Document:
    """A Document for a file on disk, as the scanner would build it."""
    data = path.read_bytes() if path.exists() else (body or "").encode("utf-8")
    return Document(
        path=rel or path.name, abspath=path, type=kind or path.suffix.lstrip(".").lower(), title=path.stem,
        department="jiaoke", category="jiaoshi", years=[2016], sha256=hashlib.sha256(data).hexdigest(),
        size=len(data), body=body,
    )


@pytest.mark.parametrize("name", sorted(PHRASES))
def test_each_fixture_yields_its_phrase(name, tmp_path):
    result = extract_text(make_doc(FIXTURES / name), tmp_path)
    assert PHRASES[name] in result.text
    assert result.needs_ocr is False
    assert result.from_cache is False


def test_docx_table_cells_and_every_xlsx_sheet_are_read(tmp_path):
    assert "营养午餐供餐覆盖率" in extract_text(make_doc(FIXTURES / "minutes.docx"), tmp_path).text
    sheets = extract_text(make_doc(FIXTURES / "ledger.xlsx"), tmp_path).text
    assert "寄宿制学校床位统计\t860" in sheets
    assert "校舍维修\t120" in sheets


def test_pdf_without_text_layer_needs_ocr(tmp_path):
    result = extract_text(make_doc(FIXTURES / "scan.pdf"), tmp_path)
    assert result.needs_ocr is True
    assert result.text == ""


def test_text_and_markdown_come_from_the_scanned_body(tmp_path):
    md = make_doc(tmp_path / "a.md", body="# 标题\n正文中的独特语句\n")
    assert extract_text(md, tmp_path / "cache").text == "标题\n正文中的独特语句"  # Markdown read as plain text
    csv_doc = make_doc(tmp_path / "b.csv", body="学校,人数\n实验小学,1200\n,\n")
    assert extract_text(csv_doc, tmp_path / "cache").text == "学校\t人数\n实验小学\t1200"


def test_gbk_text_without_body_is_decoded_from_the_file(tmp_path):
    doc = make_doc(FIXTURES / "notice-gbk.txt")
    assert doc.body is None
    assert "各乡镇中心学校" in extract_text(doc, tmp_path).text


def test_second_extraction_comes_from_the_cache_written_by_sha(tmp_path):
    doc = make_doc(FIXTURES / "report.pdf")
    extract_text(doc, tmp_path)
    stored = cache_path(tmp_path, doc.sha256)
    assert stored == tmp_path / "text" / doc.sha256[:2] / f"{doc.sha256}.json"
    entry = json.loads(stored.read_text("utf-8"))
    assert entry["rules"] == extract.rules_version() and entry["needs_ocr"] is False
    again = extract_text(doc, tmp_path)
    assert again.from_cache is True
    assert PHRASES["report.pdf"] in again.text
    assert not list(stored.parent.glob(".tmp-*"))


def test_cache_from_another_extractor_version_is_redone(tmp_path, monkeypatch):
    doc = make_doc(FIXTURES / "minutes.docx")
    extract_text(doc, tmp_path)
    monkeypatch.setattr(extract, "EXTRACTOR_VERSION", extract.EXTRACTOR_VERSION + 1)
    assert extract_text(doc, tmp_path).from_cache is False


def test_cache_holds_masked_text_only(tmp_path):
    body = "联系人电话 13812345678，身份证号 11010519491231002X。\n"
    doc = make_doc(tmp_path / "contacts.md", body=body)
    result = extract_text(doc, tmp_path / "cache")
    assert "13812345678" not in result.text and "11010519491231002X" not in result.text
    assert result.masked == 2
    stored = cache_path(tmp_path / "cache", doc.sha256).read_text("utf-8")
    assert "13812345678" not in stored and "11010519491231002X" not in stored
    assert "138****5678" in json.loads(stored)["text"]
    again = extract_text(doc, tmp_path / "cache")
    assert again.from_cache and again.masked == 2


def test_classification_mark_is_reported(tmp_path):
    doc = make_doc(tmp_path / "s.md", body="机密★10年\n\n关于某事的报告\n")
    assert extract_text(doc, tmp_path / "cache").classification_mark == "机密"
    plain = make_doc(tmp_path / "p.md", body="关于某事的报告\n")
    assert extract_text(plain, tmp_path / "cache").classification_mark is None


def test_broken_file_becomes_a_problem_not_a_traceback(tmp_path):
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    good = make_doc(FIXTURES / "report.pdf")
    calls = []
    report = extract_all([make_doc(broken), good], tmp_path / "cache", progress=lambda d, n: calls.append((d, n)))
    assert (report.extracted, report.failed, report.from_cache) == (1, 1, 0)
    assert [(p.path, p.code, p.severity) for p in report.problems] == [("broken.docx", "extract.failed", "warning")]
    assert "broken.docx" not in report.results and "report.pdf" in report.results
    assert calls == [(1, 2), (2, 2)]
    again = extract_all([good], tmp_path / "cache")
    assert (again.extracted, again.from_cache) == (0, 1)


def test_images_without_ocr_need_it_and_ocr_explains_how_to_install(tmp_path, monkeypatch):
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 20)
    report = extract_all([make_doc(image)], tmp_path / "cache", ocr=False)
    assert report.needs_ocr == 1 and report.results["photo.png"].needs_ocr
    assert report.results["photo.png"].method == "none" and not report.results["photo.png"].ocr_tried
    broken = extract_all([make_doc(image)], tmp_path / "cache", ocr=True)  # OCR now allowed: read again
    assert broken.failed == 1 and "photo.png" in broken.errors
    monkeypatch.setattr("archive_builder.inventory.readers.ocr.available", lambda: False)
    with pytest.raises(ArchiveError, match="pip install rapidocr-onnxruntime"):
        extract.require_ocr()
