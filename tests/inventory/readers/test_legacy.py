"""The .doc / .wps reader on the fixtures of tests/fixtures/make_office.py and on files that only look like them."""

from __future__ import annotations

import random
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from fixtures.make_office import (
    BANK_CARD,
    HEADER_PHRASE,
    MARK,
    MOBILE,
    NAME,
    PHRASES,
    RESIDENT_ID,
    TABLE_CELL_PHRASE,
)

from archive_builder.inventory.readers.base import ReaderMissing, ReadFailed
from archive_builder.inventory.readers.legacy import read, sniff

FORMATS = Path(__file__).resolve().parents[2] / "fixtures" / "formats"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _head(name: str) -> bytes:
    """The first 64 KB of a fixture."""
    return (FORMATS / name).read_bytes()[:65536]


@pytest.mark.parametrize(
    ("name", "phrase"),
    [
        ("plain.doc", PHRASES["plain"]),
        ("plain.wps", PHRASES["plain"]),
        ("secret.doc", PHRASES["secret"]),
        ("secret.wps", PHRASES["secret"]),
        ("roster.doc", PHRASES["roster"]),
    ],
)
def test_chinese_text_and_the_files_phrase_come_back(name: str, phrase: str) -> None:
    reading = read(FORMATS / name)
    assert phrase in reading.text
    assert reading.kind == "doc"
    assert reading.unit == "paragraph"
    assert reading.method == "born-digital"
    assert reading.count is None
    # Each file's phrase is its own: no other fixture's phrase leaks in.
    assert not [p for p in PHRASES.values() if p != phrase and p in reading.text]


def test_a_wps_file_reads_like_the_doc_it_is() -> None:
    assert read(FORMATS / "plain.wps").units == read(FORMATS / "plain.doc").units


@pytest.mark.parametrize("name", ["secret.doc", "secret.wps"])
def test_the_classification_mark_is_the_first_line_of_the_head(name: str) -> None:
    reading = read(FORMATS / name)
    assert reading.head.splitlines()[0] == MARK
    assert PHRASES["secret"] in reading.head


def test_a_short_document_that_antiword_refuses_is_read_through_catdoc() -> None:
    path = FORMATS / "secret.doc"
    refused = subprocess.run(["antiword", "-x", "db", str(path)], capture_output=True, check=False)
    assert refused.returncode != 0 and b"too small" in refused.stderr
    reading = read(path)
    assert reading.units[:2] == (MARK, PHRASES["secret"])


def test_the_page_header_is_in_the_head_before_the_body() -> None:
    reading = read(FORMATS / "plain.doc")
    lines = reading.head.splitlines()
    assert HEADER_PHRASE in lines
    assert lines.index(HEADER_PHRASE) < lines.index("关于下达校舍维修资金的通知")
    assert reading.units[0] == HEADER_PHRASE


def test_table_cells_are_whole_and_tab_separated() -> None:
    reading = read(FORMATS / "plain.doc")
    assert f"{TABLE_CELL_PHRASE}\t小学每生每年一千元" in reading.units
    assert reading.tables[0].rows == (("项目", "标准"), (TABLE_CELL_PHRASE, "小学每生每年一千元"))


def test_the_roster_numbers_are_in_the_raw_reading() -> None:
    reading = read(FORMATS / "roster.doc")
    row = next(unit for unit in reading.units if RESIDENT_ID in unit)
    # Whole cells between tabs: a masking pattern finds each number with its boundaries intact.
    assert row.split("\t") == [NAME, RESIDENT_ID, MOBILE, BANK_CARD]
    assert reading.tables[0].rows[1] == (NAME, RESIDENT_ID, MOBILE, BANK_CARD)


def test_the_roster_numbers_are_valid() -> None:
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    total = sum(int(d) * w for d, w in zip(RESIDENT_ID[:17], weights))
    assert len(RESIDENT_ID) == 18 and RESIDENT_ID[17] == "10X98765432"[total % 11]
    digits = [int(d) for d in reversed(BANK_CARD)]
    luhn = sum(digits[0::2]) + sum(sum(divmod(2 * d, 10)) for d in digits[1::2])
    assert len(BANK_CARD) == 16 and BANK_CARD.startswith("62") and luhn % 10 == 0
    assert len(MOBILE) == 11 and MOBILE.startswith("1")


def test_a_character_beyond_the_bmp_survives() -> None:
    assert NAME in read(FORMATS / "roster.doc").text
    assert "\ufffd" not in read(FORMATS / "roster.doc").text


def test_properties_are_decoded_or_left_out_never_garbled() -> None:
    properties = read(FORMATS / "plain.doc").properties
    assert properties["author"] == "县教育局办公室"
    assert properties.get("title") in (None, "关于下达校舍维修资金的通知")


@pytest.mark.parametrize("suffix", [".doc", ".wps"])
def test_a_docx_under_a_legacy_name_is_named_as_such(tmp_path: Path, suffix: str) -> None:
    document = docx.Document()
    document.add_paragraph("这是一个另存为错误扩展名的文件")
    path = tmp_path / f"notice{suffix}"
    document.save(str(path))
    with pytest.raises(ReadFailed) as caught:
        read(path)
    assert caught.value.code == "scan.doc_is_docx"


@pytest.mark.parametrize(
    "data",
    [
        random.Random(7).randbytes(5000),
        OLE_MAGIC + random.Random(8).randbytes(20000),
        (FORMATS / "plain.doc").read_bytes()[:9000],
        b"",
    ],
    ids=["random", "ole-signature-then-random", "truncated", "empty"],
)
def test_bytes_that_are_no_word_document_are_broken(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.doc"
    path.write_bytes(data)
    with pytest.raises(ReadFailed) as caught:
        read(path)
    assert caught.value.code == "scan.broken_doc"
    assert not isinstance(caught.value, ReaderMissing)


def test_an_rtf_under_a_doc_name_says_so(tmp_path: Path) -> None:
    path = tmp_path / "notice.doc"
    path.write_bytes(rb"{\rtf1\ansi\ansicpg936 {\f0 \'b9\'d8\'d3\'da}}")
    with pytest.raises(ReadFailed) as caught:
        read(path)
    assert caught.value.code == "scan.broken_doc"
    assert "RTF" in caught.value.detail


def test_an_excel_workbook_under_a_doc_name_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "table.doc"
    shutil.copy(FORMATS / "table.xls", path)
    with pytest.raises(ReadFailed) as caught:
        read(path)
    assert caught.value.code == "scan.broken_doc"
    assert "Excel" in caught.value.detail


def test_a_missing_converter_names_its_debian_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(ReaderMissing) as caught:
        read(FORMATS / "plain.doc")
    assert "antiword" in caught.value.detail
    assert "apt-get install antiword catdoc" in caught.value.detail


@pytest.mark.parametrize(
    ("name", "kind"),
    [("plain.doc", "doc"), ("plain.wps", "doc"), ("roster.doc", "doc"), ("table.xls", "xls"), ("table.et", "xls")],
)
def test_sniff_tells_word_from_excel(name: str, kind: str) -> None:
    assert sniff(_head(name)) == kind


def test_sniff_has_no_verdict_on_other_files(tmp_path: Path) -> None:
    document = docx.Document()
    document.save(str(tmp_path / "a.docx"))
    assert sniff((tmp_path / "a.docx").read_bytes()) is None
    assert sniff(random.Random(9).randbytes(4096)) is None
    assert sniff(OLE_MAGIC + bytes(4096)) is None


def _entry(name: str, kind: int = 2) -> bytes:
    """One 128-byte OLE2 directory entry for a stream (kind 2) or storage (kind 1)."""
    encoded = name.encode("utf-16-le") + b"\x00\x00"
    return encoded.ljust(64, b"\x00") + len(encoded).to_bytes(2, "little") + bytes([kind]) + bytes(61)


def _ole(*entries: bytes, text: bytes = b"") -> bytes:
    """An OLE2 header, then ``text`` in sector 0, then the directory in sector 1."""
    return OLE_MAGIC.ljust(512, b"\x00") + text.ljust(512, b"\x00") + b"".join(entries).ljust(512, b"\x00")


def test_sniff_prefers_the_word_stream_over_an_embedded_workbook() -> None:
    embedded = _ole(_entry("Root Entry", 5), _entry("WordDocument"), _entry("ObjectPool", 1), _entry("Workbook"))
    assert sniff(embedded) == "doc"


def test_sniff_counts_directory_entries_not_stream_names_in_the_text() -> None:
    # A workbook whose cell text holds "WordDocument" in UTF-16 is still a workbook.
    text = b"\x00\x00\x00" + "WordDocument".encode("utf-16-le")
    assert sniff(_ole(_entry("Root Entry", 5), _entry("Workbook"), text=text)) == "xls"
    assert sniff(_ole(_entry("Root Entry", 5), _entry("Book"))) == "xls"


def test_calamine_reads_an_et_workbook() -> None:
    from python_calamine import CalamineWorkbook

    et = CalamineWorkbook.from_path(str(FORMATS / "table.et"))
    rows = et.get_sheet_by_index(0).to_python()
    assert et.sheet_names == ["达标统计"]
    assert rows[0][0] == PHRASES["table"]
    assert rows == CalamineWorkbook.from_path(str(FORMATS / "table.xls")).get_sheet_by_index(0).to_python()
