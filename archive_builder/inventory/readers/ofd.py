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
a stamp is printed over the text it certifies and would interleave with it. Text in clip paths and
in composite objects (whose content lives in resource files) is not read.

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

from lxml import etree

from archive_builder.inventory.readers.base import ReadFailed, Reading

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


def read(path: Path) -> Reading:
    """Page texts in reading order, DocInfo as properties; raises ReadFailed when damaged or too large."""
    try:
        with zipfile.ZipFile(path) as archive:
            return _read_package(_Package(archive))
    except zipfile.BadZipFile as exc:
        raise ReadFailed(_BROKEN, f"not a zip package: {exc}") from exc


def _read_package(package: _Package) -> Reading:
    """The reading of an opened package: every document's pages, the first DocInfo's properties."""
    root = package.xml(package.require("OFD.xml", ""))
    if _local(root) != "OFD":
        raise ReadFailed(_BROKEN, f"OFD.xml: root element is {_local(root)}, not OFD")
    bodies = _children(root, "DocBody")
    if not bodies:
        raise ReadFailed(_BROKEN, "OFD.xml: no DocBody")
    properties: dict[str, str] = {}
    pages: list[str] = []
    for body in bodies:
        for key, value in _doc_info(_child(body, "DocInfo")).items():
            properties.setdefault(key, value)
        doc_root = _child_text(body, "DocRoot")
        if not doc_root:
            raise ReadFailed(_BROKEN, "OFD.xml: DocBody without DocRoot")
        pages.extend(_document_pages(package, package.require(doc_root, "")))
    if not pages:
        raise ReadFailed(_BROKEN, "no pages")
    head = "\n".join(t for t in (pages[0], properties.get("title", ""), properties.get("keywords", "")) if t)
    has_text = any(not ch.isspace() for page in pages for ch in page)
    return Reading(kind="ofd", units=tuple(pages), unit="page", head=head, properties=properties,
                   count=len(pages), method="born-digital" if has_text else "none")


# --- the package --------------------------------------------------------------------------------------


class _Package:
    """The zip's members by normalised name, each XML part read under the size limits and parsed once."""

    def __init__(self, archive: zipfile.ZipFile) -> None:
        self._archive = archive
        self._parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        self._members: dict[str, zipfile.ZipInfo] = {}
        self._trees: dict[str, etree._Element] = {}
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


def _document_pages(package: _Package, doc_path: str) -> list[str]:
    """The text of each page of one document (Document.xml at ``doc_path``), in page order."""
    document = package.xml(doc_path)
    doc_dir = posixpath.dirname(doc_path)
    templates = _templates(package, document, doc_dir)
    annotations = _annotations(package, document, doc_dir)
    texts = []
    for page in _children(_child(document, "Pages"), "Page"):
        content = package.require(page.get("BaseLoc", ""), doc_dir, "")
        page_annotations = annotations.get(page.get("ID", "").strip(), [])
        texts.append(_page_text(package, content, templates, page_annotations))
    return texts


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


def _page_text(package: _Package, content: str, templates: dict[str, str], annotations: list[str]) -> str:
    """A page's lines: its own and its templates' text in reading order, then its annotations'."""
    page = package.xml(content)
    runs = list(_page_runs(page))
    for template in _children(page, "Template"):
        name = templates.get(template.get("TemplateID", "").strip())
        if name is not None and name != content:
            runs.extend(_page_runs(package.xml(name)))
    lines = _lines(runs)
    for name in annotations:
        for annot in _children(package.xml(name), "Annot"):
            lines.extend(_lines(list(_annotation_runs(annot))))
    return "\n".join(lines)


def _page_runs(page: etree._Element) -> Iterator[_Run]:
    """Every TextCode of a page's (or template's) content layers."""
    for layer in _children(_child(page, "Content"), "Layer"):
        yield from _block_runs(layer, (0.0, 0.0))


def _annotation_runs(annot: etree._Element) -> Iterator[_Run]:
    """The TextCodes of an annotation's appearance, placed by the appearance's boundary."""
    appearance = _child(annot, "Appearance")
    if appearance is not None:
        box = _numbers(appearance.get("Boundary", ""))
        origin = (box[0], box[1]) if len(box) >= 2 else (0.0, 0.0)
        yield from _block_runs(appearance, origin)


def _block_runs(block: etree._Element, origin: tuple[float, float]) -> Iterator[_Run]:
    """TextCodes of a page block (a layer, an appearance): its TextObjects and nested PageBlocks."""
    for element in _elements(block):
        name = _local(element)
        if name == "TextObject":
            yield from _text_runs(element, origin)
        elif name == "PageBlock":
            yield from _block_runs(element, origin)


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
