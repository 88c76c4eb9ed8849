"""OFD (GB/T 33190-2016): the text of every page in reading order, with its templates and annotations.

An OFD file is a zip package of XML parts; this reader follows the spec's package structure:

| part | what is read |
|---|---|
| ``OFD.xml`` (root) | ``DocBody/DocInfo`` (metadata) and ``DocBody/DocRoot`` (where Document.xml is) |
| ``Doc_N/Document.xml`` | ``Pages/Page`` (ID, BaseLoc), ``CommonData/TemplatePage`` (ID, BaseLoc), ``Annotations`` |
| ``Doc_N/Pages/Page_M/Content.xml`` | ``Template@TemplateID`` and ``Content/Layer`` (PageBlocks nest) |
| template pages | the same structure as a page; their text (headers, a 密级 mark) joins the page's |
| ``Annotations`` index | ``Page@PageID/FileLoc`` -> ``PageAnnot/Annot/Appearance`` with TextObjects (stamps) |

Locations (ST_Loc) starting with ``/`` are absolute in the package; others are relative to the
folder of the part that names them (a page's BaseLoc to Document.xml's folder, an annotation's
FileLoc to the annotation index's folder), as ofdrw resolves them; the document's folder and the
package root are tried next because some writers use those instead. Elements are matched by local
name whatever their namespace, since writers exist that declare ``http://www.ofdspec.org`` or none.

Reading order, kept simple: every TextCode is placed on the page (TextObject ``Boundary`` origin,
its ``CTM`` when present, plus the code's X/Y; an annotation's ``Appearance`` boundary adds its
own origin), codes whose baselines lie within half a font size of each other form one line, a
line's codes run left to right and are joined without spaces (Chinese is written without them),
lines run top to bottom. A page's annotation text follows its content, as separate lines, because
a stamp is printed over the text it certifies and would interleave with it. A composite object's text
is read from its unit in the resource files, placed at the object's boundary. Text in clip paths is not read.

The top of the first page (its content, template pages and annotations) is where a 密级 is printed, and it
may be no text: a picture (an ImageObject showing a MultiMedia resource) is read by OCR, as the top pictures
of a Word file are; glyph outlines (filled PathObjects) and a composite whose unit is missing cannot be read,
so such a document is not vouched for (``scan.ofd_drawn_top``). Without OCR, a picture there leaves the
document unread (method ``none``) until OCR reads it.

Hostile input: every XML part is parsed without entity expansion, network access or huge-tree
mode; a part over 50 MB unpacked, or over 1 MB and packed more than 200:1, is refused with
``scan.too_large``; member names and locations that leave the package (``..`` above the root)
are ignored. Damage (not a zip, no OFD.xml, bad XML, no page, a page part missing) raises
``scan.broken_ofd``; a missing template or annotation part is skipped, as ofdrw does.
"""

from __future__ import annotations

import math
import posixpath
import re
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lxml import etree

from archive_builder.core.i18n import t
from archive_builder.core.privacy import detect_classification
from archive_builder.inventory.readers import ocr as ocr_engine
from archive_builder.inventory.readers.base import Method, ReadFailed, Reading
from archive_builder.inventory.readers.pictures import MAX_PICTURES, Unreadable, decoded

#: The namespace GB/T 33190-2016 gives its parts (matched loosely, see the module docstring).
NAMESPACE = "http://www.ofdspec.org/2016"
#: No part may unpack to more than this ...
MAX_MEMBER = 50 * 1024 * 1024
#: ... nor be more than this many times its packed size (zip bombs reach 1000:1) ...
MAX_RATIO = 200
#: ... once it is this big: a small part cannot exhaust memory, and padding compresses well.
_RATIO_FLOOR = 1024 * 1024
#: Font size (mm) assumed for a TextObject without a usable Size.
_DEFAULT_SIZE = 3.5
#: DocInfo elements and the property keys they become.
_DOC_INFO_KEYS = {
    "Title": "title", "Author": "author", "Subject": "subject", "Abstract": "abstract",
    "CreationDate": "created", "ModDate": "modified", "DocUsage": "doc_usage", "DocID": "doc_id",
    "Creator": "application", "CreatorVersion": "application_version",
}
_BROKEN = "scan.broken_ofd"
_PRETTY_PRINT = re.compile(r"\s*\n\s*")


@dataclass(frozen=True)
class _Drawing:
    """An object a page draws that holds no TextCode: a picture, outlines, a composite (box in mm, y down)."""

    kind: str  # ImageObject, PathObject, CompositeObject
    left: float
    top: float
    width: float
    height: float
    resource: str


@dataclass
class _Drawn:
    """The document's resources by ID (with the folder their files are named from), and the objects the first
    page draws besides text, gathered while its text is read."""

    resources: dict[str, tuple[etree._Element, str]]
    found: list[_Drawing] | None = None  # gathered only for the first page


@dataclass(frozen=True)
class _Run:
    """One TextCode placed on the page: its first glyph's position (mm), font size and text."""

    x: float
    y: float
    size: float
    text: str


def sniff(head: bytes, names: list[str]) -> bool:
    """Whether a zip (``head``: its first bytes, ``names``: its member names) is an OFD package."""
    if not head.startswith(b"PK\x03\x04"):
        return False
    return any(_member_key(name) == "ofd.xml" for name in names)


def read(path: Path, ocr: bool = True) -> Reading:
    """Page texts in reading order, DocInfo as properties, the pictures atop the first page OCR'd (unless
    ``ocr`` is False); raises ReadFailed when damaged, too large or drawn at the top where nothing reads it."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _read_package(_Package(archive), ocr)
    except zipfile.BadZipFile as exc:
        raise ReadFailed(_BROKEN, f"not a zip package: {exc}") from exc


def _read_package(package: _Package, ocr: bool = True) -> Reading:
    """The reading of an opened package: every document's pages, the first DocInfo's properties."""
    root = package.xml(package.require("OFD.xml", ""))
    if _local(root) != "OFD":
        raise ReadFailed(_BROKEN, f"OFD.xml: root element is {_local(root)}, not OFD")
    bodies = _children(root, "DocBody")
    if not bodies:
        raise ReadFailed(_BROKEN, "OFD.xml: no DocBody")
    properties: dict[str, str] = {}
    pages: list[str] = []
    top: list[_Drawing] = []
    height = _DEFAULT_HEIGHT
    for body in bodies:
        for key, value in _doc_info(_child(body, "DocInfo")).items():
            properties.setdefault(key, value)
        doc_root = _child_text(body, "DocRoot")
        if not doc_root:
            raise ReadFailed(_BROKEN, "OFD.xml: DocBody without DocRoot")
        first = not pages
        texts, drawn = _document_pages(package, package.require(doc_root, ""), first)
        if first and drawn.found is not None:
            top, height = drawn.found, _page_height(package.xml(package.require(doc_root, "")))
        pages.extend(texts)
    if not pages:
        raise ReadFailed(_BROKEN, "no pages")
    pictured, unread = ([], False) if detect_classification(pages[0]) else _top_pictures(package, top, height, ocr)
    head = "\n".join(text for text in (*pictured, pages[0], properties.get("title", ""),
                                        properties.get("keywords", "")) if text)
    has_text = any(not ch.isspace() for page in pages for ch in page)
    method: Method = "born-digital" if has_text and not unread else "none"
    return Reading(kind="ofd", units=tuple(pages), unit="page", head=head, properties=properties,
                   count=len(pages), method=method)


# --- the top of the first page ------------------------------------------------------------------------

#: The top of a page (a share of its height) where a 密级 is printed, as pdf.HEAD_BAND.
HEAD_BAND = 0.25
#: Objects narrower or lower than this (mm) are no mark: a rule, the red line under a 红头, a bullet
#: (a mark in 3号 type is 5.6 mm high; pdf.MIN_MARK_IMAGE_HEIGHT is 1.2 % of an A4 page, 3.6 mm).
MIN_MARK_SIDE = 3.0
_DEFAULT_HEIGHT = 297.0


def _page_height(document: etree._Element) -> float:
    """The height (mm) of the document's pages, from CommonData/PageArea/PhysicalBox (A4 when absent)."""
    box = _numbers(_child_text(_child(_child(document, "CommonData"), "PageArea"), "PhysicalBox"))
    return box[3] if len(box) == 4 and box[3] > 0 else _DEFAULT_HEIGHT


def _top_pictures(package: _Package, drawings: list[_Drawing], height: float, ocr: bool) -> tuple[list[str], bool]:
    """The OCR'd lines of the pictures at the top of the first page, and whether one was left unread for want
    of OCR. Outlines or a composite there that nothing can read raise ReadFailed(``scan.ofd_drawn_top``)."""
    top = [d for d in drawings if d.top < height * HEAD_BAND and min(d.width, d.height) >= MIN_MARK_SIDE]
    drawn = [d for d in top if d.kind != "ImageObject"]
    if drawn:
        raise ReadFailed("scan.ofd_drawn_top", t("scan.ofd_drawn_top", what=drawn[0].kind))
    pictures = [d for d in top if d.kind == "ImageObject"]
    if not pictures:
        return [], False
    if not ocr or not ocr_engine.available():
        return [], True
    lines: list[str] = []
    for picture in pictures[:MAX_PICTURES]:
        image = _picture(package, picture.resource)
        if image is not None:
            lines.extend(ocr_engine.recognise(image).text.splitlines())
    return lines, False


def _picture(package: _Package, resource: str) -> Any:
    """The image a MultiMedia resource shows (None when too small to hold text); ReadFailed when it is missing
    or does not decode, since what it shows at the top cannot be known."""
    name = package.media.get(resource)
    if name is None:
        raise ReadFailed("scan.ofd_drawn_top", t("scan.ofd_drawn_top", what="ImageObject"))
    try:
        return decoded(package.data(name))
    except Unreadable as exc:
        raise ReadFailed(_BROKEN, f"{name}: {exc}") from exc


# --- the package --------------------------------------------------------------------------------------


class _Package:
    """The zip's members by normalised name, each XML part read under the size limits and parsed once."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        self._parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._trees: dict[str, etree._Element] = {}
        self.media: dict[str, str] = {}  # MultiMedia resource ID -> the part of its file
        for info in archive.infolist():
            key = _member_key(info.filename)
            if key and not info.is_dir():
                self._members.setdefault(key, info)

    def find(self, loc: str, *bases: str) -> str | None:
        """The member a location names, tried against each base folder in turn (None: not there)."""
        for base in bases:
            name = _resolve(base, loc)
            if name is not None and name.lower() in self._members:
                return name
        return None

    def require(self, loc: str, *bases: str) -> str:
        """Like :meth:`find`, but a missing part is damage."""
        name = self.find(loc, *bases)
        if name is None:
            raise ReadFailed(_BROKEN, f"{loc.strip() or '(empty location)'}: no such part in the package")
        return name

    def xml(self, name: str) -> etree._Element:
        """The parsed part; ReadFailed when it is too large or not well-formed XML."""
        if name not in self._trees:
            try:
                self._trees[name] = etree.fromstring(self._bytes(name), self._parser)
            except etree.XMLSyntaxError as exc:
                raise ReadFailed(_BROKEN, f"{name}: {exc}") from exc
        return self._trees[name]

    def data(self, name: str) -> bytes:
        """A member's bytes under the size limits (a picture's file, say)."""
        return self._bytes(name)

    def _bytes(self, name: str) -> bytes:
        """A member's bytes, refused before unpacking when its header says it is too big."""
        info = self._members[name.lower()]
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > MAX_MEMBER or (info.file_size > _RATIO_FLOOR and ratio > MAX_RATIO):
            raise ReadFailed("scan.too_large", f"{name}: {info.file_size} bytes packed {ratio:.0f}:1")
        try:
            with self._archive.open(info) as stream:
                # The header may lie about the size: never unpack more than the limit.
                data = stream.read(MAX_MEMBER + 1)
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            raise ReadFailed(_BROKEN, f"{name}: {exc}") from exc
        if len(data) > MAX_MEMBER:
            raise ReadFailed("scan.too_large", f"{name}: over {MAX_MEMBER} bytes unpacked")
        return data


def _member_key(name: str) -> str:
    """A zip member's name normalised for lookup; empty when it points outside the package."""
    resolved = _resolve("", name)
    return resolved.lower() if resolved else ""


def _resolve(base: str, loc: str) -> str | None:
    """A location made a package path (no leading slash); None when it climbs above the root."""
    loc = loc.strip().replace("\\", "/")
    if not loc:
        return None
    joined = loc if loc.startswith("/") else f"{base}/{loc}"
    parts: list[str] = []
    for part in joined.split("/"):
        if part in ("", "."):
            continue
        if part == "..":
            if not parts:
                return None
            parts.pop()
        else:
            parts.append(part)
    return "/".join(parts) or None


# --- documents and pages --------------------------------------------------------------------------


def _doc_info(info: etree._Element | None) -> dict[str, str]:
    """DocInfo as properties: lower-case keys, keywords joined, custom data as ``custom.<name>``."""
    if info is None:
        return {}
    properties: dict[str, str] = {}
    for element in _elements(info):
        name = _local(element)
        if name in _DOC_INFO_KEYS and _text(element):
            properties[_DOC_INFO_KEYS[name]] = _text(element)
        elif name == "Keywords":
            words = [_text(k) for k in _children(element, "Keyword") if _text(k)]
            if words:
                properties["keywords"] = "; ".join(words)
        elif name == "CustomDatas":
            for data in _children(element, "CustomData"):
                if data.get("Name") and _text(data):
                    properties[f"custom.{data.get('Name', '').strip()}"] = _text(data)
    return properties


def _document_pages(package: _Package, doc_path: str, first: bool = False) -> tuple[list[str], _Drawn]:
    """The text of each page of one document (Document.xml at ``doc_path``), in page order, and what its
    first page draws besides text (gathered when ``first``: the first document of the file)."""
    document = package.xml(doc_path)
    doc_dir = posixpath.dirname(doc_path)
    templates = _templates(package, document, doc_dir)
    annotations = _annotations(package, document, doc_dir)
    drawn = _Drawn(_resources(package, document, doc_dir), [] if first else None)
    texts = []
    for number, page in enumerate(_children(_child(document, "Pages"), "Page")):
        content = package.require(page.get("BaseLoc", ""), doc_dir, "")
        page_annotations = annotations.get(page.get("ID", "").strip(), [])
        gathering = drawn if number == 0 else _Drawn(drawn.resources)
        texts.append(_page_text(package, content, templates, page_annotations, gathering))
    return texts, drawn


#: resource parts (CommonData) whose resources pages name
_RESOURCE_PARTS = ("PublicRes", "DocumentRes")


def _resources(package: _Package, document: etree._Element, doc_dir: str) -> dict[str, tuple[etree._Element, str]]:
    """Resource ID -> its element and the folder its files are named from (the Res part's BaseLoc), for every
    resource part the document names; the MultiMedia files are noted in the package too."""
    found: dict[str, tuple[etree._Element, str]] = {}
    common = _child(document, "CommonData")
    for kind in _RESOURCE_PARTS:
        for loc in _children(common, kind):
            name = package.find(_text(loc), doc_dir, "")
            if name is None:
                continue
            root = package.xml(name)
            res_dir = posixpath.dirname(name)
            base = _resolve(res_dir, root.get("BaseLoc", "")) or res_dir
            for group in _elements(root):
                for resource in _elements(group):
                    ident = resource.get("ID", "").strip()
                    if not ident:
                        continue
                    found.setdefault(ident, (resource, base))
                    media = package.find(_child_text(resource, "MediaFile"), base, res_dir, doc_dir, "") \
                        if _local(resource) == "MultiMedia" else None
                    if media is not None:
                        package.media.setdefault(ident, media)
    return found


def _templates(package: _Package, document: etree._Element, doc_dir: str) -> dict[str, str]:
    """Template page ID -> the part holding it, for the templates present in the package."""
    found = {}
    for template in _children(_child(document, "CommonData"), "TemplatePage"):
        name = package.find(template.get("BaseLoc", ""), doc_dir, "")
        if name is not None:
            found[template.get("ID", "").strip()] = name
    return found


def _annotations(package: _Package, document: etree._Element, doc_dir: str) -> dict[str, list[str]]:
    """Page ID -> its annotation parts, from the document's annotation index when there is one."""
    index_name = package.find(_child_text(document, "Annotations"), doc_dir, "")
    if index_name is None:
        return {}
    index_dir = posixpath.dirname(index_name)
    found: dict[str, list[str]] = {}
    for page in _children(package.xml(index_name), "Page"):
        name = package.find(_child_text(page, "FileLoc"), index_dir, doc_dir, "")
        if name is not None:
            found.setdefault(page.get("PageID", "").strip(), []).append(name)
    return found


def _page_text(package: _Package, content: str, templates: dict[str, str], annotations: list[str],
               drawn: _Drawn | None = None) -> str:
    """A page's lines: its own and its templates' text in reading order, then its annotations'."""
    drawn = drawn if drawn is not None else _Drawn({})
    page = package.xml(content)
    runs = list(_page_runs(page, drawn))
    for template in _children(page, "Template"):
        name = templates.get(template.get("TemplateID", "").strip())
        if name is not None and name != content:
            runs.extend(_page_runs(package.xml(name), drawn))
    lines = _lines(runs)
    for name in annotations:
        for annot in _children(package.xml(name), "Annot"):
            lines.extend(_lines(list(_annotation_runs(annot, drawn))))
    return "\n".join(lines)


def _page_runs(page: etree._Element, drawn: _Drawn) -> Iterator[_Run]:
    """Every TextCode of a page's (or template's) content layers."""
    for layer in _children(_child(page, "Content"), "Layer"):
        yield from _block_runs(layer, (0.0, 0.0), drawn)


def _annotation_runs(annot: etree._Element, drawn: _Drawn) -> Iterator[_Run]:
    """The TextCodes of an annotation's appearance, placed by the appearance's boundary."""
    appearance = _child(annot, "Appearance")
    if appearance is not None:
        box = _numbers(appearance.get("Boundary", ""))
        origin = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        yield from _block_runs(appearance, origin, drawn)


#: composite units opened inside one another at most (a unit may name itself)
_MAX_NESTING = 4
_DRAWING_KINDS = frozenset({"ImageObject", "PathObject", "CompositeObject"})


def _block_runs(block: etree._Element, origin: tuple[float, float], drawn: _Drawn, depth: int = 0) -> Iterator[_Run]:
    """TextCodes of a page block (a layer, an appearance, a composite unit's content): its TextObjects, nested
    PageBlocks and composite objects; the pictures, filled outlines and composites are noted in ``drawn``."""
    for element in _elements(block):
        name = _local(element)
        if name == "TextObject":
            yield from _text_runs(element, origin)
        elif name == "PageBlock":
            yield from _block_runs(element, origin, drawn, depth)
        elif name in _DRAWING_KINDS:
            yield from _drawing_runs(element, name, origin, drawn, depth)


def _drawing_runs(element: etree._Element, kind: str, origin: tuple[float, float], drawn: _Drawn,
                  depth: int) -> Iterator[_Run]:
    """Note a picture, filled outlines or a composite; a composite's unit's text is read at its boundary."""
    box = _numbers(element.get("Boundary", ""))
    if len(box) < 4:
        return
    left, top = origin[0] + box[0], origin[1] + box[1]
    resource = element.get("ResourceID", "").strip()
    unit = drawn.resources.get(resource, (None, ""))[0] if kind == "CompositeObject" else None
    if kind == "CompositeObject" and unit is not None and depth < _MAX_NESTING:
        yield from _block_runs(_child(unit, "Content") if _child(unit, "Content") is not None else unit,
                               (left, top), drawn, depth + 1)
    elif kind == "PathObject" and element.get("Fill", "false").strip().lower() != "true":
        return  # stroked lines: rules and borders, no glyphs
    elif drawn.found is not None:
        drawn.found.append(_Drawing(kind, left, top, box[2], box[3], resource))


def _text_runs(text_object: etree._Element, origin: tuple[float, float]) -> Iterator[_Run]:
    """A TextObject's codes on the page; a code without X or Y continues from the previous one's."""
    box = _numbers(text_object.get("Boundary", ""))
    left, top = (origin[0] + box[0], origin[1] + box[1]) if len(box) >= 2 else origin
    ctm = _numbers(text_object.get("CTM", ""))
    matrix = tuple(ctm) if len(ctm) == 6 else (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    sizes = _numbers(text_object.get("Size", ""))
    size = (sizes[0] if sizes and sizes[0] > 0 else _DEFAULT_SIZE) * (abs(matrix[3]) or 1.0)
    x = y = 0.0
    for code in _children(text_object, "TextCode"):
        x = _number(code.get("X"), x)
        y = _number(code.get("Y"), y)
        text = _PRETTY_PRINT.sub("", _code_text(code))
        if text:
            a, b, c, d, e, f = matrix
            yield _Run(left + a * x + c * y + e, top + b * x + d * y + f, size, text)


def _code_text(code: etree._Element) -> str:
    """A TextCode's characters; an entity reference left unexpanded contributes none of its name."""
    parts = [code.text or ""]
    for child in code:
        if isinstance(child.tag, str):
            parts.append("".join(child.itertext()))
        parts.append(child.tail or "")
    return "".join(parts)


def _lines(runs: list[_Run]) -> list[str]:
    """Runs grouped into lines by baseline (within half a font size), each read left to right."""
    lines: list[list[_Run]] = []
    for run in sorted(runs, key=lambda r: (r.y, r.x)):
        if lines and abs(run.y - lines[-1][0].y) <= max(run.size, lines[-1][0].size) / 2:
            lines[-1].append(run)
        else:
            lines.append([run])
    texts = ("".join(r.text for r in sorted(line, key=lambda r: r.x)).strip() for line in lines)
    return [text for text in texts if text]


# --- XML helpers ----------------------------------------------------------------------------------


def _local(element: etree._Element) -> str:
    """An element's name without its namespace."""
    return etree.QName(element).localname


def _elements(parent: etree._Element) -> Iterator[etree._Element]:
    """Child elements (not comments, processing instructions or unexpanded entities)."""
    return (child for child in parent if isinstance(child.tag, str))


def _children(parent: etree._Element | None, name: str) -> list[etree._Element]:
    """Child elements with this local name (none when there is no parent)."""
    return [] if parent is None else [child for child in _elements(parent) if _local(child) == name]


def _child(parent: etree._Element | None, name: str) -> etree._Element | None:
    """The first child element with this local name."""
    found = _children(parent, name)
    return found[0] if found else None


def _child_text(parent: etree._Element | None, name: str) -> str:
    """The stripped text of the first child with this local name ('' when absent)."""
    child = _child(parent, name)
    return _text(child) if child is not None else ""


def _text(element: etree._Element) -> str:
    """An element's own text, stripped."""
    return (element.text or "").strip()


def _numbers(value: str) -> list[float]:
    """A space-separated ST_Array/ST_Box of numbers; [] when any item is not a number."""
    try:
        numbers = [float(item) for item in value.split()]
    except ValueError:
        return []
    return numbers if all(math.isfinite(n) for n in numbers) else []


def _number(value: str | None, default: float) -> float:
    """An attribute as a number, or the default when absent or not a number."""
    try:
        number = float(value) if value is not None else default
    except ValueError:
        return default
    return number if math.isfinite(number) else default
