"""What an XMP packet (a PDF's /Metadata stream) says of its document, as properties: a viewer shows them under
文件 › 属性 (说明, 其他元数据), and a bureau's template may state its 密级 there (``<pdfx:密级>机密</pdfx:密级>``,
``dc:rights`` = 机密), so the review reads them as it reads the document information.

The packet is parsed by lxml without its entities expanded, without a DTD loaded or the network asked, and
without huge-tree mode: an entity that would expand a few bytes into gigabytes stays an unexpanded reference.
"""

from __future__ import annotations

from lxml import etree

from archive_builder.inventory.readers.base import ReadFailed

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XML = "http://www.w3.org/XML/1998/namespace"
_META = "adobe:ns:meta/"
#: the machine's bookkeeping of where a file came from (ids of ancestors, a history of saves): no viewer shows it
#: as a property, and an InDesign file lists thousands of ancestors there
_BOOKKEEPING = frozenset({"DocumentAncestors", "History", "DerivedFrom", "Ingredients", "Manifest", "Pantry"})
#: values taken at most; a packet with more is not taken as reviewed
MAX_VALUES = 400


def xmp_properties(packet: bytes) -> dict[str, str]:
    """Every text value of the packet's properties, as ``xmp:<name>`` (``xmp:<name>[2]`` … for the further items
    of an array: XMP's own path syntax), values with their white space collapsed. Element and attribute forms
    (``<pdfx:密级>机密</pdfx:密级>``, ``pdfx:密级="机密"``) both count. {} for a packet that is no XML;
    ReadFailed for one with more than MAX_VALUES values."""
    root = _parsed(packet)
    if root is None:
        return {}
    found: dict[str, str] = {}
    for name, value in _values(root):
        text = " ".join(value.split())
        if not text:
            continue
        if len(found) >= MAX_VALUES:
            raise ReadFailed("scan.too_large", f"XMP metadata with more than {MAX_VALUES} values")
        key, number = f"xmp:{name}", 1
        while key in found:
            number += 1
            key = f"xmp:{name}[{number}]"
        found[key] = text
    return found


def _parsed(packet: bytes) -> etree._Element | None:
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, recover=True)
    try:
        return etree.fromstring(packet.strip(b"\x00\t\n\r "), parser)
    except (etree.XMLSyntaxError, ValueError):
        return None


def _values(root: etree._Element) -> list[tuple[str, str]]:
    """(property name, text) of every text node under a property, and of every attribute of a description."""
    found: list[tuple[str, str]] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            continue  # a comment or a processing instruction
        if _local(element.tag) == "Description" and _namespace(element.tag) == _RDF:
            found.extend((_local(key), value) for key, value in element.attrib.items()
                         if _namespace(key) not in (_RDF, _XML))
        if element.text and element.text.strip():
            name = _property(element)
            if name is not None:
                found.append((name, element.text))
    return found


def _property(element: etree._Element) -> str | None:
    """The name of the property a text belongs to: the element itself or, for an item of an array (rdf:li in
    an rdf:Alt, Bag or Seq), the nearest element that is no RDF syntax; None for bookkeeping or no property."""
    current: etree._Element | None = element
    while current is not None and _namespace(current.tag) in (_RDF, _META):
        current = current.getparent()
    if current is None or not isinstance(current.tag, str):
        return None
    ancestors = [current, *current.iterancestors()]
    if any(isinstance(node.tag, str) and _local(node.tag) in _BOOKKEEPING for node in ancestors):
        return None
    return _local(current.tag)


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _namespace(tag: object) -> str:
    return tag[1:].split("}", 1)[0] if isinstance(tag, str) and tag.startswith("{") else ""
