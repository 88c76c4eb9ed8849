"""The OFD reader on real packages written by tests/fixtures/make_ofd.py, intact, rearranged and damaged."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from fixtures.make_ofd import make_ofd

from archive_builder.inventory.readers.base import ReadFailed
from archive_builder.inventory.readers.ofd import MAX_MEMBER, read, sniff

TITLE = "关于推进义务教育均衡发展的通知"
AUTHOR = "示范县教育局"
MARK = "机密★5年"
NUMBER = "示教发〔2017〕13号"
DATE = "2017年3月15日"
STAMP = "示范县教育局督导室"
PAGES = [["示范县教育局文件", NUMBER, TITLE], ["特此通知。", DATE]]
PAGE_0 = "Doc_0/Pages/Page_0/Content.xml"
OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _notice(tmp_path: Path, **options: object) -> Path:
    """The two-page notice with a 密级 header template, unless options say otherwise."""
    settings: dict = {"title": TITLE, "author": AUTHOR, "header": MARK, **options}
    return make_ofd(tmp_path / "notice.ofd", PAGES, **settings)


def _members(path: Path) -> dict[str, bytes]:
    """Every member of a zip by name."""
    with zipfile.ZipFile(path) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _rewrite(path: Path, changes: dict[str, bytes | str | None], stored: tuple[str, ...] = ()) -> Path:
    """The package with members replaced or added (None: removed); ``stored`` members are not compressed."""
    members = _members(path)
    for name, data in changes.items():
        if data is None:
            members.pop(name, None)
        else:
            members[name] = data.encode("utf-8") if isinstance(data, str) else data
    with zipfile.ZipFile(path, "w") as archive:
        for name, data in members.items():
            method = zipfile.ZIP_STORED if name in stored else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=method)
    return path


def _page(body: str, doctype: str = "", namespace: str = OFD_NS) -> str:
    """A page part whose single layer holds ``body``."""
    return (f'<?xml version="1.0" encoding="UTF-8"?>{doctype}<ofd:Page {namespace}><ofd:Content>'
            f'<ofd:Layer ID="90">{body}</ofd:Layer></ofd:Content></ofd:Page>')


def _failure(path: Path) -> str:
    """The code read() fails with."""
    with pytest.raises(ReadFailed) as caught:
        read(path)
    return caught.value.code


# --- intact packages --------------------------------------------------------------------------------


def test_pages_come_back_in_order_with_the_header_template_and_chinese_intact(tmp_path: Path) -> None:
    reading = read(_notice(tmp_path))

    assert reading.kind == "ofd" and reading.unit == "page"
    assert reading.count == 2
    assert reading.method == "born-digital"
    assert reading.units == (
        f"{MARK}\n示范县教育局文件\n{NUMBER}\n{TITLE}",
        f"{MARK}\n特此通知。\n{DATE}",
    )


def test_docinfo_becomes_properties_and_the_head_holds_page_one_title_and_keywords(tmp_path: Path) -> None:
    reading = read(_notice(tmp_path, keywords=("均衡发展", "督导评估")))

    assert reading.properties["title"] == TITLE
    assert reading.properties["author"] == AUTHOR
    assert reading.properties["created"] == "2017-03-15"
    assert reading.properties["keywords"] == "均衡发展; 督导评估"
    assert reading.head.splitlines() == [MARK, "示范县教育局文件", NUMBER, TITLE, TITLE, "均衡发展; 督导评估"]
    assert DATE not in reading.head  # page 2 is not the head


def test_a_stamp_annotation_is_read_on_page_one_after_its_content(tmp_path: Path) -> None:
    reading = read(_notice(tmp_path, stamp_text=STAMP))

    assert reading.units[0].splitlines()[-1] == STAMP
    assert reading.units[0].startswith(f"{MARK}\n示范县教育局文件")
    assert STAMP not in reading.units[1]
    assert STAMP in reading.head


def test_blank_pages_count_but_carry_no_text(tmp_path: Path) -> None:
    reading = read(make_ofd(tmp_path / "blank.ofd", [[], []]))

    assert reading.count == 2
    assert reading.units == ("", "")
    assert reading.method == "none" and not reading.has_text


def test_the_generator_is_reproducible(tmp_path: Path) -> None:
    first = make_ofd(tmp_path / "a.ofd", PAGES, title=TITLE, header=MARK, stamp_text=STAMP)
    second = make_ofd(tmp_path / "b.ofd", PAGES, title=TITLE, header=MARK, stamp_text=STAMP)

    assert first.read_bytes() == second.read_bytes()


# --- reading order and package variations ----------------------------------------------------------------


def test_text_is_ordered_by_position_not_by_xml_order(tmp_path: Path) -> None:
    body = (
        # the last line comes first in the XML
        f'<ofd:TextObject ID="91" Boundary="25 60 60 6" Font="1" Size="4">'
        f'<ofd:TextCode X="0" Y="4">{DATE}</ofd:TextCode></ofd:TextObject>'
        # line one, glyph by glyph out of order, in a nested PageBlock: a code without Y keeps the previous
        # one's, and a glyph a little below the baseline still belongs to the line, in its place by X
        '<ofd:PageBlock ID="92"><ofd:TextObject ID="93" Boundary="25 40 20 6" Font="1" Size="4">'
        '<ofd:TextCode X="8" Y="4">发</ofd:TextCode><ofd:TextCode X="4">教</ofd:TextCode>'
        '<ofd:TextCode X="0" Y="4.6">示</ofd:TextCode></ofd:TextObject></ofd:PageBlock>'
        # the rest of line one, placed by a CTM translation
        '<ofd:TextObject ID="94" Boundary="0 0 210 20" CTM="1 0 0 1 37 44" Font="1" Size="4">'
        '<ofd:TextCode X="0" Y="0">〔2017〕13号</ofd:TextCode></ofd:TextObject>'
        # line two, pretty-printed inside its TextCode
        '<ofd:TextObject ID="95" Boundary="25 48 60 6" Font="1" Size="4">'
        '<ofd:TextCode X="0" Y="4">\n        特此通知。\n      </ofd:TextCode></ofd:TextObject>'
    )
    path = _rewrite(make_ofd(tmp_path / "order.ofd", [["占位"]]), {PAGE_0: _page(body)})

    assert read(path).units == (f"{NUMBER}\n特此通知。\n{DATE}",)


def test_elements_are_matched_whatever_namespace_the_writer_declared(tmp_path: Path) -> None:
    path = _notice(tmp_path, stamp_text=STAMP)
    expected = read(path).units
    loose = {name: data.replace(b"http://www.ofdspec.org/2016", b"http://www.ofdspec.org")
             for name, data in _members(path).items()}

    assert read(_rewrite(path, dict(loose))).units == expected


def test_absolute_locations_and_an_annotation_index_in_its_own_folder(tmp_path: Path) -> None:
    path = _notice(tmp_path, stamp_text=STAMP)
    members = _members(path)
    document = members["Doc_0/Document.xml"].decode()
    document = document.replace('BaseLoc="Pages/Page_0/Content.xml"', 'BaseLoc="/Doc_0/Pages/Page_0/Content.xml"')
    document = document.replace(">Annots.xml<", ">Annots/Annotations.xml<")
    index = members["Doc_0/Annots.xml"].decode().replace("Pages/Page_0/Annotation.xml", "Page_0/Annotation.xml")
    _rewrite(path, {
        "Doc_0/Document.xml": document,
        "Doc_0/Annots.xml": None,
        "Doc_0/Annots/Annotations.xml": index,  # FileLoc is relative to this file's folder, as ofdrw lays it out
        "Doc_0/Pages/Page_0/Annotation.xml": None,
        "Doc_0/Annots/Page_0/Annotation.xml": members["Doc_0/Pages/Page_0/Annotation.xml"],
    })

    reading = read(path)

    assert reading.units[0] == f"{MARK}\n示范县教育局文件\n{NUMBER}\n{TITLE}\n{STAMP}"


def test_a_missing_template_or_annotation_part_is_skipped_not_fatal(tmp_path: Path) -> None:
    path = _rewrite(_notice(tmp_path, stamp_text=STAMP),
                    {"Doc_0/Tpls/Tpl_0/Content.xml": None, "Doc_0/Pages/Page_0/Annotation.xml": None})

    reading = read(path)

    assert reading.units == (f"示范县教育局文件\n{NUMBER}\n{TITLE}", f"特此通知。\n{DATE}")


# --- damaged and hostile packages ---------------------------------------------------------------------


def _not_a_zip(path: Path) -> None:
    path.write_bytes(b"%OFD? no, just text pretending to be a package")


def _no_main_entry(path: Path) -> None:
    _rewrite(path, {"OFD.xml": None})


def _bad_main_entry(path: Path) -> None:
    _rewrite(path, {"OFD.xml": "<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody>"})


def _wrong_root(path: Path) -> None:
    _rewrite(path, {"OFD.xml": "<Document/>"})


def _bad_page_xml(path: Path) -> None:
    _rewrite(path, {"Doc_0/Pages/Page_1/Content.xml": "<ofd:Page><ofd:Content></ofd:Page>"})


def _missing_page(path: Path) -> None:
    _rewrite(path, {"Doc_0/Pages/Page_1/Content.xml": None})


def _missing_document(path: Path) -> None:
    _rewrite(path, {"Doc_0/Document.xml": None})


def _doc_root_outside_the_package(path: Path) -> None:
    members = _members(path)
    main = members["OFD.xml"].decode().replace(">Doc_0/Document.xml<", ">../evil/Document.xml<")
    # a document that would read fine were the member named ../evil/Document.xml taken at its word
    document = members["Doc_0/Document.xml"].decode().replace('BaseLoc="', 'BaseLoc="/Doc_0/')
    _rewrite(path, {"OFD.xml": main, "../evil/Document.xml": document})


@pytest.mark.parametrize("damage", [_not_a_zip, _no_main_entry, _bad_main_entry, _wrong_root, _bad_page_xml,
                                    _missing_page, _missing_document, _doc_root_outside_the_package])
def test_damaged_packages_raise_broken_ofd(tmp_path: Path, damage) -> None:
    path = _notice(tmp_path)
    damage(path)

    assert _failure(path) == "scan.broken_ofd"


def test_a_member_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    page = _page("").encode() + b" " * (MAX_MEMBER + 1)  # stored, so packed 1:1: only its size is wrong
    path = _rewrite(_notice(tmp_path), {PAGE_0: page}, stored=(PAGE_0,))

    assert _failure(path) == "scan.too_large"


def test_a_big_member_packed_over_200_to_1_is_refused_a_small_one_is_not(tmp_path: Path) -> None:
    def padded(size: int) -> str:
        return _page(f'<!--{" " * size}--><ofd:TextObject ID="91" Boundary="25 40 40 6" Font="1" Size="4">'
                     f'<ofd:TextCode X="0" Y="4">{NUMBER}</ofd:TextCode></ofd:TextObject>')

    small = _rewrite(_notice(tmp_path), {PAGE_0: padded(200_000)})
    with zipfile.ZipFile(small) as archive:
        info = archive.getinfo(PAGE_0)
    assert info.file_size / info.compress_size > 200  # packed as tightly as a bomb ...
    assert read(small).units[0] == NUMBER  # ... but too small to be one

    big = _rewrite(small, {PAGE_0: padded(3 * 1024 * 1024)})
    assert _failure(big) == "scan.too_large"


def test_entities_are_neither_expanded_nor_fetched(tmp_path: Path) -> None:
    doctype = ('<!DOCTYPE ofd:Page [<!ENTITY secret "绝密"><!ENTITY passwd SYSTEM "file:///etc/passwd">'
               '<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
               '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>')
    body = ('<ofd:TextObject ID="91" Boundary="25 40 40 6" Font="1" Size="4">'
            '<ofd:TextCode X="0" Y="4">示&secret;教&passwd;发&d;</ofd:TextCode></ofd:TextObject>')
    path = _rewrite(make_ofd(tmp_path / "entities.ofd", [["占位"]]), {PAGE_0: _page(body, doctype)})

    assert read(path).units == ("示教发",)


# --- sniffing ----------------------------------------------------------------------------------------------


def _head_and_names(path: Path) -> tuple[bytes, list[str]]:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
    return path.read_bytes()[:64], names


def test_sniff_tells_an_ofd_package_from_other_zips(tmp_path: Path) -> None:
    assert sniff(*_head_and_names(_notice(tmp_path)))

    docx = tmp_path / "minutes.docx"
    with zipfile.ZipFile(docx, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", "<w:document/>")
        archive.writestr("docProps/core.xml", "<cp:coreProperties/>")
    assert not sniff(*_head_and_names(docx))

    nested = tmp_path / "nested.zip"
    with zipfile.ZipFile(nested, "w") as archive:
        archive.writestr("scans/OFD.xml", "<ofd:OFD/>")
    assert not sniff(*_head_and_names(nested))

    assert not sniff(b"%PDF-1.7\n", ["OFD.xml"])
