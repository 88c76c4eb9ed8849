"""Limits a file must stay within before a reader opens it, so one hostile file cannot exhaust memory."""

from __future__ import annotations

import re
import zipfile

from archive_builder.core.i18n import t
from archive_builder.inventory.readers.base import ReadFailed

#: An Office or OFD package may unpack to at most this many bytes in all ...
MAX_UNPACKED = 200 * 1024 * 1024
#: ... and no member may be more than this many times its compressed size (zip bombs reach 1000+).
MAX_RATIO = 200
#: Members this small are never judged by their ratio (a run of spaces compresses well).
_SMALL = 1024 * 1024
#: A sheet may span at most this many rows × columns. calamine holds a sheet as the dense rectangle from
#: its first to its last cell (32 bytes a cell): two cells at A1 and XFD1048576 ask for 512 GB and abort
#: the process, which no exception can catch, so the extent is measured before calamine opens the file.
MAX_SHEET_CELLS = 20_000_000
#: A CSV table may have at most this many cells: each is a Python object while it is read and shown (one
#: 30 MB line of 15 million cells cost the build 2.4 GB); a county's statistics tables have thousands
MAX_CSV_CELLS = 1_000_000


def csv_too_large(cells: int) -> ReadFailed:
    """The failure of a CSV table with more than MAX_CSV_CELLS cells (``cells``: as many as were counted)."""
    return ReadFailed("scan.too_large", t("budget.csv_too_large", cells=f"{cells:,}", limit=f"{MAX_CSV_CELLS:,}"))


def check_zip(archive: zipfile.ZipFile) -> None:
    """Raise ReadFailed('scan.too_large') when the package would unpack beyond the budget."""
    total = 0
    for info in archive.infolist():
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > _SMALL and ratio > MAX_RATIO:
            raise ReadFailed("scan.too_large", f"{info.filename}: {info.file_size} bytes packed {ratio:.0f}:1")
    if total > MAX_UNPACKED:
        raise ReadFailed("scan.too_large", f"{total} bytes unpacked")


_COLUMN = re.compile(r"([A-Za-z]{1,3})(\d+)")


def _cell_ref(ref: str) -> tuple[int, int] | None:
    """``XFD1048576`` -> (1048576, 16384); None when it is not a cell reference."""
    match = _COLUMN.fullmatch(ref.strip().replace("$", ""))
    if match is None:
        return None
    column = 0
    for letter in match.group(1).upper():
        column = column * 26 + ord(letter) - 64
    return int(match.group(2)), column


def check_sheet_extent(archive: zipfile.ZipFile) -> None:
    """Raise ReadFailed('scan.too_large') when a worksheet of an XLSX spans more than MAX_SHEET_CELLS.

    Every sheet part is measured wherever the package stores it: those under ``xl/worksheets/`` and every
    part a relationship or the content types name as a sheet (a workbook may keep its sheet at
    ``/xl/data/sheet1.xml``). Both what a sheet declares (``<dimension ref="A1:XFD1048576"/>``) and where its cells really are
    (the ``r`` of every row and cell, or their positions where it is left out) count; each sheet's XML
    is streamed, never held whole.
    """
    from lxml import etree

    for name in sheet_parts(archive):
        rows = columns = 0
        with archive.open(name) as part:
            row = 0
            for _, element in etree.iterparse(part, tag=("{*}dimension", "{*}row"), resolve_entities=False,
                                              no_network=True, recover=True, huge_tree=True):
                if element.tag.endswith("dimension"):
                    ends = [_cell_ref(ref) for ref in (element.get("ref") or "").split(":")]
                    if len(ends) == 2 and ends[0] and ends[1]:
                        rows = max(rows, ends[1][0] - ends[0][0] + 1)
                        columns = max(columns, ends[1][1] - ends[0][1] + 1)
                    elif ends and ends[-1]:
                        rows, columns = max(rows, ends[-1][0]), max(columns, ends[-1][1])
                else:
                    number = element.get("r")
                    row = int(number) if number and number.isdigit() else row + 1
                    column = 0
                    for cell in element:
                        where = _cell_ref(cell.get("r") or "")
                        column = where[1] if where else column + 1
                        columns = max(columns, column)
                    rows = max(rows, row)
                _refuse_extent(name.rsplit("/", 1)[-1].removesuffix(".xml"), rows, columns)
                element.clear()


#: relationship types and content types of the parts that hold a sheet's cells
_SHEET_KINDS = re.compile(r"(?:work|chart|dialog|macro)sheet", re.IGNORECASE)


def sheet_parts(archive: zipfile.ZipFile) -> list[str]:
    """The names of every part of the package that may hold a sheet's cells, each once."""
    from lxml import etree

    names = archive.namelist()
    by_form = {_part_form(name): name for name in names}
    found = [name for name in names if _part_form(name).startswith("xl/worksheets/") and name.lower().endswith(".xml")]
    for name in names:
        form = _part_form(name)
        if not (form.endswith(".rels") or form == "[content_types].xml"):
            continue
        source = form.rsplit("/_rels/", 1)[0] if "/_rels/" in form else ""
        try:
            with archive.open(name) as part:
                for _, element in etree.iterparse(part, tag=("{*}Relationship", "{*}Override"), resolve_entities=False,
                                                  no_network=True, recover=True, huge_tree=True):
                    kind = element.get("Type") or element.get("ContentType") or ""
                    target = element.get("Target") or element.get("PartName") or ""
                    if _SHEET_KINDS.search(kind) and (element.get("TargetMode") or "").lower() != "external":
                        found.extend(by_form[form] for form in _targets(source, target) if form in by_form)
                    element.clear()
        except (etree.Error, OSError, zipfile.BadZipFile, ValueError, RuntimeError):
            continue  # a damaged part names no sheet; calamine judges the package
    return list(dict.fromkeys(found))


def _part_form(name: str) -> str:
    """A part's name as compared: forward slashes, no leading slash, lower case (readers differ in each)."""
    return name.replace("\\", "/").lstrip("/").lower()


def _targets(source: str, target: str) -> set[str]:
    """Every part a relationship's target may name: from the package root, from its source's folder, or
    (as some readers take it) from ``xl/``."""
    import posixpath

    target = _part_form(target.split("#", 1)[0])
    if not target:
        return set()
    joined = {target, posixpath.normpath(posixpath.join(source, target)), posixpath.normpath(posixpath.join("xl", target))}
    return {form.lstrip("/") for form in joined if not form.startswith("..")}


#: BIFF records: BOF (a sheet begins), DIMENSIONS, ROW, and the cell records that start with (row, column).
_BOF, _DIMENSIONS, _ROW = 0x0809, 0x0200, 0x0208
_CELLS = frozenset({0x0006, 0x00BD, 0x00BE, 0x00D6, 0x00FD, 0x0201, 0x0203, 0x0204, 0x0205, 0x027E})
_MULTIPLE = frozenset({0x00BD, 0x00BE})  # MULRK, MULBLANK: the last column is the record's last two bytes


def check_biff_extent(book: bytes) -> None:
    """Raise ReadFailed('scan.too_large') when a sheet of a BIFF workbook stream spans more than MAX_SHEET_CELLS."""
    offset, sheet, rows, columns = 0, 0, 0, 0
    while offset + 4 <= len(book):
        kind = int.from_bytes(book[offset:offset + 2], "little")
        size = int.from_bytes(book[offset + 2:offset + 4], "little")
        body = book[offset + 4:offset + 4 + size]
        offset += 4 + size
        if kind == _BOF:
            sheet, rows, columns = sheet + 1, 0, 0
        elif kind == _DIMENSIONS and len(body) >= 12:
            first, last = int.from_bytes(body[0:4], "little"), int.from_bytes(body[4:8], "little")
            low, high = int.from_bytes(body[8:10], "little"), int.from_bytes(body[10:12], "little")
            rows, columns = max(rows, last - first), max(columns, high - low)
        elif kind == _ROW and len(body) >= 6:
            rows = max(rows, int.from_bytes(body[0:2], "little") + 1)
            columns = max(columns, int.from_bytes(body[4:6], "little"))
        elif kind in _CELLS and len(body) >= 4:
            rows = max(rows, int.from_bytes(body[0:2], "little") + 1)
            end = body[-2:] if kind in _MULTIPLE and len(body) >= 6 else body[2:4]
            columns = max(columns, int.from_bytes(end, "little") + 1)
        else:
            continue
        _refuse_extent(f"sheet{max(sheet - 1, 1)}", rows, columns)


def _refuse_extent(sheet: str, rows: int, columns: int) -> None:
    if rows * columns > MAX_SHEET_CELLS:
        raise ReadFailed("scan.too_large", t("budget.sheet_too_large", sheet=sheet, rows=f"{rows:,}",
                                             columns=f"{columns:,}", limit=f"{MAX_SHEET_CELLS:,}"))
