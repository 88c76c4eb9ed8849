"""What an Office Open XML package (DOCX, XLSX) says about itself: its core and custom document properties.

Word and Excel show both under 文件 › 属性: the core ones (标题, 主题, 关键词, 类别, 状态 …) and the custom ones a
bureau's template adds (密级 = 机密★5年). A mark may be written in any of them, so the review reads them all.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path

from lxml import etree

_CORE = "docProps/core.xml"
_CUSTOM = "docProps/custom.xml"
_APP = "docProps/app.xml"
#: app.xml's free-text fields (the rest are counts and the template's name)
_APP_TEXT = frozenset({"Company", "Manager", "HyperlinkBase"})
#: properties read at most, each part (a generator's hundreds of custom properties are not a reviewer's)
MAX_PROPERTIES = 200


def package_properties(path: Path | str) -> dict[str, str]:
    """Every text property of the package: core ones by their element name (title, contentStatus …), custom
    ones as ``custom:<name>``, app.xml's company and manager; values stripped, empty ones left out."""
    properties: dict[str, str] = {}
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        for part, read in ((_CORE, _core), (_CUSTOM, _custom), (_APP, _app)):
            if part in names:
                root = _parsed(archive.read(part))
                if root is not None:
                    properties.update(read(root))
    return properties


def _parsed(data: bytes) -> etree._Element | None:
    try:
        return etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True, recover=True))
    except etree.XMLSyntaxError:
        return None


def _core(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in list(root)[:MAX_PROPERTIES]:
        text = " ".join("".join(element.itertext()).split())
        if text and isinstance(element.tag, str):
            found[etree.QName(element).localname] = text
    return found


def _custom(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in list(root)[:MAX_PROPERTIES]:
        name = (element.get("name") or "").strip()
        text = " ".join("".join(element.itertext()).split())
        if name and text:
            found[f"custom:{name}"] = text
    return found


def _app(root: etree._Element) -> dict[str, str]:
    found: dict[str, str] = {}
    for element in root:
        if isinstance(element.tag, str) and etree.QName(element).localname in _APP_TEXT:
            text = " ".join("".join(element.itertext()).split())
            if text:
                found[etree.QName(element).localname] = text
    return found


#: a relationship to something outside the package that the program fetches or runs on opening (a picture or
#: a template by URL, an OLE link, a frame); a hyperlink is only followed when a person clicks it
_EXTERNAL = re.compile(rb"<(?:\w+:)?Relationship\b[^>]*TargetMode\s*=\s*[\"']External[\"'][^>]*>", re.IGNORECASE)
_HYPERLINK_TYPE = re.compile(rb"Type\s*=\s*[\"'][^\"']*/hyperlink[\"']", re.IGNORECASE)
#: relationship parts read at most (a package of thousands of parts is over its budget long before)
MAX_RELATIONSHIP_PARTS = 2000


def reaches_out(archive: zipfile.ZipFile) -> bool:
    """Whether the package has a relationship to an outside target other than a hyperlink (an image, template,
    OLE object or frame by URL or UNC path) that Word or Excel would fetch when the file is opened."""
    parts = [name for name in archive.namelist() if name.endswith(".rels")][:MAX_RELATIONSHIP_PARTS]
    for name in parts:
        data = archive.read(name)
        if any(not _HYPERLINK_TYPE.search(match.group(0)) for match in _EXTERNAL.finditer(data)):
            return True
    return False


_MACRO_PARTS = re.compile(r"(?:^|/)(?:vbaProject\.bin|activeX/|embeddings/.*\.(?:bin|exe|js|vbs|bat|cmd|ps1)$)",
                          re.IGNORECASE)


def live_package(path: Path | str) -> bool:
    """Whether a DOCX does something when opened besides showing itself: macros, ActiveX controls, an embedded
    program, or a relationship Word fetches from outside (:func:`reaches_out`). True when it cannot be gone
    through."""
    try:
        with zipfile.ZipFile(path) as archive:
            return any(_MACRO_PARTS.search(name) for name in archive.namelist()) or reaches_out(archive)
    except Exception:  # noqa: BLE001 - a package that cannot be gone through is not vouched for
        return True
