"""Workbooks: XLSX, XLS and WPS .et, read with python-calamine (Rust; several times openpyxl's speed).

openpyxl stays the writer of the tool's own workbooks; every workbook a clerk files is read here.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from typing import Any

from archive_builder.core.i18n import t
from archive_builder.inventory.readers.base import ReadFailed, Reading, Table, property_lines
from archive_builder.inventory.readers.budget import check_biff_extent, check_sheet_extent, check_zip, sheet_parts
from archive_builder.inventory.readers.cells import cell_value, rows_text
from archive_builder.inventory.readers.displayed import (
    Unevaluated,
    builds_text,
    formatted_number,
    formula_text,
    literal_text,
)
from archive_builder.inventory.readers.hidden import ole_streams
from archive_builder.inventory.readers.ooxml import package_properties, reaches_out

#: Rows read per sheet at most (the tables of an archive have hundreds, not millions).
MAX_ROWS = 100_000
_BROKEN = {"xlsx": "scan.broken_xlsx", "xls": "scan.broken_xls", "et": "scan.broken_xls"}


def probe(data: bytes, ext: str) -> int:
    """Sheets of a workbook given as bytes; ReadFailed when it does not open."""
    code = _BROKEN.get(ext, "scan.broken_xlsx")
    if data.startswith(b"PK"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                check_zip(archive)
                check_sheet_extent(archive)
        except zipfile.BadZipFile as exc:
            raise ReadFailed(code, str(exc)) from exc
    else:
        _check_biff(data)
    book = _open(io.BytesIO(data), code)
    return len(book.sheet_names)


#: every sheet prints as pages of its own, so the top of each (its name and first rows) is where a mark may
#: stand, not only the first sheet's, which may be hidden
SHEET_TOP_LINES = 3
SHEETS_LOOKED_AT = 10


def _sheet_tops(units: tuple[str, ...]) -> list[str]:
    """The first lines of each sheet after the first (the first one's head follows in full)."""
    return [line for unit in units[1:SHEETS_LOOKED_AT] for line in unit.splitlines()[:SHEET_TOP_LINES]]


def read(path: Path, ext: str = "xlsx") -> Reading:
    """Every sheet as a table and as text: the sheet's name, then one line per non-empty row."""
    tables = read_tables(path, ext)
    margins = headers_and_footers(path)
    drawn = drawn_texts(path)
    properties = package_properties(path) if zipfile.is_zipfile(path) else {}
    computed, formatted = displayed_texts(path)
    units = tuple("\n".join([table.name, *rows_text(table.rows)]) for table in tables)
    head = "\n".join([*margins, *cell_notes(path)[:_DRAWN_IN_HEAD], *computed[:_DRAWN_IN_HEAD],
                      *_sheet_tops(units), *(units[0].splitlines()[:20] if units else []),
                      *drawn[:_DRAWN_IN_HEAD], *format_literals(path)[:_DRAWN_IN_HEAD], *property_lines(properties)])
    # a number in a text box, a formula or a number format is masked and counted too
    units = (*margins, *units, "\n".join(drawn), "\n".join([*computed, *formatted]))
    return Reading(kind="sheet", units=tuple(u for u in units if u), unit="sheet", head=head, tables=tables,
                   properties=properties, count=len(tables))


#: the parts of notes and threaded comments, wherever the writer put them (Excel: xl/comments1.xml and
#: xl/threadedComments/, openpyxl: xl/comments/comment1.xml)
_NOTE_PARTS = re.compile(r"^xl/(?:[^/]+/)*[^/]*comment[^/]*\.xml$", re.IGNORECASE)
_NOTE_TAGS = ["{http://schemas.openxmlformats.org/spreadsheetml/2006/main}comment",
              "{http://schemas.microsoft.com/office/spreadsheetml/2018/threadedcomments}threadedComment"]


def cell_notes(path: Path) -> list[str]:
    """The text of the notes and threaded comments on cells of an XLSX, one a line (Excel shows a note beside
    its cell, and prints it with the sheet when asked; calamine reads cell values only)."""
    return _element_lines(path, _NOTE_PARTS, _NOTE_TAGS)


_CELL = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}c"
_FORMULA = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}f"
_VALUE = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}v"


def displayed_texts(path: Path) -> tuple[list[str], list[str]]:
    """What the cells of an XLSX show that their stored values do not say, each once: every formula's text
    worked out (:mod:`displayed`), whether a result is stored or not (a stored 普通 does not hide the 机密 its
    formula computes when Excel recalculates), the literals of one that cannot be worked out, and every number in
    a custom format of digits and literal text as it shows (19970802 formatted ``"141023"00000000"1016"``): the
    formulas' texts and the numbers' apart (a format's own literal text is read by :func:`format_literals`).

    A formula that builds text (``&``, a text function) with no stored result and that cannot be worked out
    shows something nobody has read: ReadFailed(``scan.formula_unread``), so the workbook is held. A numeric
    formula (=SUM(B2:B9), =B2/C2) shows a number and is left to the stored value.
    """
    from lxml import etree

    if not zipfile.is_zipfile(path):
        return [], []
    lines: tuple[dict[str, None], dict[str, None]] = ({}, {})
    with zipfile.ZipFile(path) as archive:
        formats, names = _custom_formats(archive), _sheet_names(archive)
        for name in sheet_parts(archive):
            sheet = names.get(name.lstrip("/").lower(), name.rsplit("/", 1)[-1].removesuffix(".xml"))
            with archive.open(name) as part:
                for _, cell in etree.iterparse(part, tag=_CELL, resolve_entities=False, no_network=True,
                                               recover=True, huge_tree=True):
                    shown = _shown(cell, formats, sheet)
                    if shown.strip():
                        lines[cell.find(_FORMULA) is None].setdefault(shown.strip())
                    cell.clear()
    return list(lines[0]), list(lines[1])


def _shown(cell: Any, formats: dict[str, str], sheet: str) -> str:
    """What one cell shows beyond its stored value ('' when that says it all); ReadFailed as above."""
    formula, value = cell.find(_FORMULA), cell.find(_VALUE)
    stored = value is not None and bool(value.text)
    if formula is not None and formula.text:
        if '"' not in formula.text and not builds_text(formula.text):
            return ""
        try:
            return formula_text(formula.text)
        except Unevaluated:
            if not stored and builds_text(formula.text):
                where = f"{sheet}!{cell.get('r') or '?'}"
                raise ReadFailed("scan.formula_unread", t("scan.formula_unread", cell=where)) from None
            return literal_text(formula.text)
    code = formats.get(cell.get("s") or "")
    if code and stored and cell.get("t") in (None, "n"):
        try:
            return formatted_number(float(value.text), code) or ""
        except ValueError:
            return ""
    return ""


def _sheet_names(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet part (lower case, from the package root) -> the sheet's name, as the workbook and its rels say."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, recover=True)
    try:
        book = etree.fromstring(archive.read("xl/workbook.xml"), parser)
        rels = etree.fromstring(archive.read("xl/_rels/workbook.xml.rels"), parser)
    except (KeyError, etree.Error):
        return {}
    if book is None or rels is None:
        return {}
    targets = {rel.get("Id"): rel.get("Target") or "" for rel in rels.iter("{*}Relationship")}
    found = {}
    for sheet in book.iter("{*}sheet"):
        target = targets.get(sheet.get(f"{{{_OFFICE}}}id"), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        found[part.lower()] = sheet.get("name") or ""
    return found


_OFFICE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _custom_formats(archive: zipfile.ZipFile) -> dict[str, str]:
    """Style index (a cell's ``s``) -> the custom number format it applies, for the styles that have one."""
    from lxml import etree

    if "xl/styles.xml" not in archive.namelist():
        return {}
    root = etree.fromstring(archive.read("xl/styles.xml"),
                            etree.XMLParser(resolve_entities=False, no_network=True, recover=True))
    if root is None:
        return {}
    codes = {element.get("numFmtId"): element.get("formatCode") or "" for element in root.iter("{*}numFmt")}
    found: dict[str, str] = {}
    for styles in root.iter("{*}cellXfs"):
        for index, style in enumerate(styles.iterfind("{*}xf")):
            if style.get("numFmtId") in codes:
                found[str(index)] = codes[style.get("numFmtId")]
    return found


#: parts of an XLSX that reach outside it when it is opened: links to other workbooks, data connections, web
#: queries, macros and ActiveX controls
_LIVE_PARTS = re.compile(r"^(?:xl/(?:externalLinks|queryTables|activeX|ctrlProps)/|xl/connections\.xml$|"
                         r".*vbaProject\.bin$|customUI/)", re.IGNORECASE)
#: formulas that fetch, run or link out when the workbook is computed: a web service, a picture or a hyperlink
#: by URL, a real-time server, a DLL call, a DDE link (cmd|' /C calc'!A0) or another workbook ([book.xlsx]Sheet1!A1)
_LIVE_FORMULA = re.compile(r"\b(?:_xlfn\.)?(?:WEBSERVICE|FILTERXML|IMAGE|HYPERLINK|RTD|CALL|REGISTER(?:\.ID)?|EXEC)"
                           r"\s*\(|\|[^|]*!|\[[^\]]+\]", re.IGNORECASE)
#: BIFF8 (.xls, .et): SUPBOOK and EXTERNNAME records (other workbooks, DDE and OLE links), and a formula that
#: calls HYPERLINK (function 359 after a tFuncVar token of any class)
_BIFF_SUPBOOK, _BIFF_EXTERNNAME, _BIFF_FORMULA = 0x01AE, 0x0023, 0x0006
_BIFF_HYPERLINK = re.compile(rb"[\x22\x42\x62].\x67\x01", re.DOTALL)


def live_content(path: Path) -> bool:
    """Whether a workbook does something when opened besides showing its cells: a formula that fetches or links
    out (:data:`_LIVE_FORMULA`), a link to another workbook, a data connection, a macro. Such an original is never
    copied into the site (its cells are shown on its page); True when its parts cannot all be gone through."""
    try:
        if zipfile.is_zipfile(path):
            return _live_package(path)
        return _live_biff(Path(path).read_bytes())
    except Exception:  # noqa: BLE001 - a workbook that cannot be gone through is not vouched for
        return True


def _live_package(path: Path) -> bool:
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        if any(_LIVE_PARTS.match(name) for name in names) or reaches_out(archive):
            return True
        return any(_live_formula_in(archive, name) for name in [*sheet_parts(archive), *_workbook_parts(archive)])


#: where a formula stands besides a cell's <f>: a conditional format's rule (<formula>, and <xm:f> in its
#: x14 form), a data validation (<formula1>, <formula2>) and, in the workbook part, a defined name, which a
#: cell then calls by its name (=web): Excel computes each of them when the workbook is opened
_FORMULA_TAGS = ("{*}f", "{*}formula", "{*}formula1", "{*}formula2", "{*}definedName")


def _live_formula_in(archive: zipfile.ZipFile, name: str) -> bool:
    """Whether a part holds a formula that fetches or links out, read element by element."""
    from lxml import etree

    with archive.open(name) as part:
        for _, element in etree.iterparse(part, tag=_FORMULA_TAGS, resolve_entities=False, no_network=True,
                                          recover=True):
            if element.text and _LIVE_FORMULA.search(element.text):
                return True
            element.clear()
    return False


#: the content type of a workbook's main part (its defined names): a workbook, a template, with macros or not
_WORKBOOK_TYPE = re.compile(r"spreadsheetml\.(?:sheet|template)\.main\+xml|ms-excel\.(?:sheet|template)\.macroEnabled\.main\+xml",
                            re.IGNORECASE)


def _workbook_parts(archive: zipfile.ZipFile) -> list[str]:
    """The workbook part: the one [Content_Types].xml names as the main part, wherever it is stored, and
    xl/workbook.xml."""
    from lxml import etree

    names = {name.lstrip("/").lower(): name for name in archive.namelist()}
    found = [names["xl/workbook.xml"]] if "xl/workbook.xml" in names else []
    if "[content_types].xml" in names:
        with archive.open(names["[content_types].xml"]) as part:
            for _, element in etree.iterparse(part, tag="{*}Override", resolve_entities=False, no_network=True,
                                              recover=True):
                target = (element.get("PartName") or "").lstrip("/").lower()
                if _WORKBOOK_TYPE.search(element.get("ContentType") or "") and target in names:
                    found.append(names[target])
                element.clear()
    return list(dict.fromkeys(found))


def _live_biff(data: bytes) -> bool:
    streams = dict(ole_streams(data))
    if any("vba" in name.lower() or "macros" in name.lower() for name in streams):
        return True
    book = streams.get("Workbook") or streams.get("Book") or b""
    offset = 0
    while offset + 4 <= len(book):
        kind, size = int.from_bytes(book[offset:offset + 2], "little"), int.from_bytes(book[offset + 2:offset + 4], "little")
        record = book[offset + 4:offset + 4 + size]
        if kind == _BIFF_EXTERNNAME or (kind == _BIFF_SUPBOOK and record[2:4] not in (b"\x01\x04", b"\x01\x3a")):
            return True  # a SUPBOOK of this workbook (0x0401) or of add-in functions (0x3A01) stays inside
        if kind == _BIFF_FORMULA and _BIFF_HYPERLINK.search(record[20:]):
            return True
        offset += 4 + size
    return False


_HEADER_TAGS = frozenset({"oddHeader", "oddFooter", "evenHeader", "evenFooter", "firstHeader", "firstFooter"})
#: the codes of a header's text: &L &C &R (sections), &"宋体,常规" (font), &12 (size), &P &N &D …
_HEADER_CODES = re.compile(r'&(?:"[^"]*"|\d+|[A-Za-z&])')


def headers_and_footers(path: Path) -> list[str]:
    """The printed page headers and footers of every sheet of an XLSX (where a 密级 may be printed).

    calamine reads cells only. An .xls or .et keeps them in HEADER and FOOTER records of its Workbook stream.
    """
    from lxml import etree

    if not zipfile.is_zipfile(path):
        return _biff_headers_and_footers(path)
    lines: list[str] = []
    tags = [f"{{*}}{tag}" for tag in sorted(_HEADER_TAGS)]
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
                continue
            with archive.open(name) as part:  # streamed: a sheet of a million cells is never held whole
                for _, element in etree.iterparse(part, tag=tags, resolve_entities=False, no_network=True,
                                                  recover=True):
                    text = " ".join(_HEADER_CODES.sub(" ", element.text or "").split())
                    if text and text not in lines:
                        lines.append(text)
                    element.clear()
    return lines


_DRAWING_PARTS = re.compile(r"^xl/(?:drawings|charts)/[^/]+\.(?:xml|vml)$")
_DRAWN_LINES = 40  # text boxes and shapes printed over the sheets, at most
#: drawn lines and number-format texts in the head, each: after the sheets' tops, within the 60 lines looked at
_DRAWN_IN_HEAD = 5


def drawn_texts(path: Path) -> list[str]:
    """The text of every text box, shape and chart title drawn over the sheets of an XLSX (a 密级 stamped in a box
    prints at the top of the page; calamine reads cells only): each DrawingML paragraph or VML box a line."""
    return _element_lines(path, _DRAWING_PARTS, ["{http://schemas.openxmlformats.org/drawingml/2006/main}p",
                                                 "{urn:schemas-microsoft-com:vml}textbox"])


def _element_lines(path: Path, parts: re.Pattern[str], tags: list[str]) -> list[str]:
    """The text of each element named in ``tags`` of the parts of an XLSX whose names match ``parts``, one a line,
    each once, :data:`_DRAWN_LINES` at most; streamed, so a large part is never held whole."""
    from lxml import etree

    if not zipfile.is_zipfile(path):
        return []
    lines: list[str] = []
    with zipfile.ZipFile(path) as archive:
        for name in sorted(n for n in archive.namelist() if parts.match(n)):
            with archive.open(name) as part:
                for _, element in etree.iterparse(part, tag=tags, resolve_entities=False, no_network=True,
                                                  recover=True):
                    text = " ".join("".join(element.itertext()).split())
                    if text and text not in lines:
                        lines.append(text)
                    element.clear()
                    if len(lines) >= _DRAWN_LINES:
                        return lines
    return lines


#: the literal text of a number format: "quoted", or one character after a backslash
_FORMAT_LITERAL = re.compile(r'"([^"]*)"|\\(.)')
_FORMAT_SECTIONS = re.compile(r';(?=(?:[^"]*"[^"]*")*[^"]*$)')  # a ; outside quotes parts the sections


def format_literals(path: Path) -> list[str]:
    """The literal text of the workbook's number formats, one line per section: a cell formatted
    ``"机密★5年"@`` or ``"机密";"机密"`` shows the mark whatever it holds (calamine reads the value alone)."""
    from lxml import etree

    if not zipfile.is_zipfile(path):
        return []
    with zipfile.ZipFile(path) as archive:
        if "xl/styles.xml" not in archive.namelist():
            return []
        root = etree.fromstring(archive.read("xl/styles.xml"),
                                etree.XMLParser(resolve_entities=False, no_network=True, recover=True))
    if root is None:
        return []
    lines: list[str] = []
    for element in root.iter("{*}numFmt"):
        for section in _FORMAT_SECTIONS.split(element.get("formatCode") or ""):
            text = "".join(a or b for a, b in _FORMAT_LITERAL.findall(section)).strip()
            if text and not _UNITS_ONLY.match(text) and text not in lines:
                lines.append(text)
    return lines


#: the literal text of an ordinary date, time, money or count format: 年月日, 时分秒, 元, 人, ¥, -
_UNITS_ONLY = re.compile(r"^[年月日时分秒元万亿角周星期上下午人个次件所名\s\-/:.,¥$￥%()（）_*]*$")


def read_tables(path: Path, ext: str = "xlsx", limit: int | None = None) -> tuple[Table, ...]:
    """Each sheet's name and rows (the first ``limit`` rows when given); cells as Python values."""
    code = _BROKEN.get(ext, "scan.broken_xlsx")
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            check_zip(archive)
            check_sheet_extent(archive)
    else:
        _check_biff(Path(path).read_bytes())
    book = _open(str(path), code)
    tables = []
    for name in book.sheet_names:
        try:
            sheet = book.get_sheet_by_name(name)
            rows = _rows(sheet, limit or MAX_ROWS)
        except Exception as exc:
            raise ReadFailed(code, f"{name}: {exc}") from exc
        tables.append(Table(name, rows))
    return tuple(tables)


_BIFF_HEADER_RECORDS = (0x0014, 0x0015)  # HEADER, FOOTER


def _check_biff(data: bytes) -> None:
    """The extent of each sheet of an .xls or .et before calamine opens it (a damaged file is left to calamine)."""
    try:
        streams = dict(ole_streams(data))
    except (IndexError, ValueError):
        return
    check_biff_extent(streams.get("Workbook") or streams.get("Book") or b"")


def _biff_headers_and_footers(path: Path) -> list[str]:
    """The page headers and footers of a BIFF8 workbook (Excel 97-2003, WPS .et); [] when none can be read."""

    try:
        streams = dict(ole_streams(Path(path).read_bytes()))
    except (OSError, IndexError, ValueError):
        return []
    book = streams.get("Workbook") or b""
    lines: list[str] = []
    offset = 0
    while offset + 4 <= len(book):
        kind, size = int.from_bytes(book[offset:offset + 2], "little"), int.from_bytes(book[offset + 2:offset + 4], "little")
        if kind in _BIFF_HEADER_RECORDS and size >= 3:
            text = " ".join(_HEADER_CODES.sub(" ", _biff_string(book[offset + 4:offset + 4 + size])).split())
            if text and text not in lines:
                lines.append(text)
        offset += 4 + size
    return lines


def _biff_string(record: bytes) -> str:
    """An XLUnicodeString: character count, a flag byte (bit 0: UTF-16), then the characters."""
    count, wide = int.from_bytes(record[:2], "little"), record[2] & 1
    body = record[3:3 + count * (2 if wide else 1)]
    return body.decode("utf-16-le" if wide else "latin-1", "replace")


def _open(source: Any, code: str) -> Any:
    from python_calamine import CalamineWorkbook

    try:
        if isinstance(source, str):
            return CalamineWorkbook.from_path(source)
        return CalamineWorkbook.from_filelike(source)
    except Exception as exc:
        raise ReadFailed(code, str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__) from exc


def _rows(sheet: Any, limit: int) -> tuple[tuple[Any, ...], ...]:
    """Up to ``limit`` rows, empty strings for empty cells, trailing empty rows dropped.

    calamine reads every number as a float: a whole one comes as int (15912345678, never 15912345678.0), and
    one of 15 or more digits as masked text (a personal number stored as a number, see ``cells.cell_value``).
    """
    rows: list[tuple[Any, ...]] = []
    for row in sheet.iter_rows():
        if len(rows) >= limit:
            break
        rows.append(tuple(cell_value(cell) for cell in row))
    while rows and not any(str(c).strip() for c in rows[-1]):
        rows.pop()
    return tuple(rows)
