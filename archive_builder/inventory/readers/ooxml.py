"""What an Office Open XML package (DOCX, XLSX) says about itself: its core and custom document properties.

Word and Excel show both under 文件 › 属性: the core ones (标题, 主题, 关键词, 类别, 状态 …) and the custom ones a
bureau's template adds (密级 = 机密★5年). A mark may be written in any of them, so the review reads them all.
"""

from __future__ import annotations

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
