"""PDF: the text layer of each page with pypdfium2, and OCR of pages that have none or whose words are drawn
(outlines, Type3 glyphs), and of the top of the first page when a picture or a drawing lies there (where a 密级
may be stamped as an image or drawn as outlines over a page that has text).

pypdfium2 is Chromium's PDF engine: it reads the text layer of damaged and CJK-font PDFs that
pure-Python readers get wrong, and renders pages without a text layer for OCR in the same pass.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from archive_builder.core import budgets
from archive_builder.core.privacy import detect_classification
from archive_builder.inventory.readers.base import Method, ReadFailed, Reading
from archive_builder.inventory.readers.pdfobjects import (
    Objects,
    Ref,
    Unparsed,
    bodies_in_place,
    parse,
    read_objects,
    streams_in_place,
)
from archive_builder.inventory.readers.pictures import MAX_PIXELS, too_small, with_margin
from archive_builder.inventory.readers.scanned import OcrSummary, recognise_images
from archive_builder.inventory.readers.xmp import xmp_properties

#: A page with fewer visible characters than this has no usable text layer (page numbers only).
MIN_CHARS_PER_PAGE = 5
#: Scanned pages are rendered at this resolution for OCR (dots per inch).
OCR_DPI = 150
#: A PDF with more pages than this is read but not OCR'd page by page (a person reviews it).
MAX_OCR_PAGES = budgets.MAX_OCR_PAGES

_CJK_BREAK = re.compile(r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t]*\r?\n[ \t]*(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef0-9])")
_PROPERTY_KEYS = {"Title": "title", "Author": "author", "Subject": "subject", "Keywords": "keywords",
                  "Creator": "creator", "Producer": "producer"}


def _pdfium() -> Any:
    import pypdfium2

    return pypdfium2


def probe(data: bytes) -> int:
    """Pages of a PDF given as bytes; ReadFailed when it does not open."""
    if b"%PDF" not in data[:1024]:
        raise ReadFailed("scan.broken_pdf", "no PDF header")
    with _open(data) as pdf:
        return len(pdf)


def read(path: Path, *, ocr: bool = True) -> Reading:
    """Text of every page; pages without a text layer, and pages whose words are drawn (glyph outlines, a Type3
    font, codes no font maps to a character), are OCR'd (unless ``ocr`` is False)."""
    with _open(str(path)) as pdf:
        pages = [_text_and_drawing(pdf[i]) for i in range(len(pdf))]
        texts = [text for text, _ in pages]
        structure = _Structure(Path(path))
        properties = {**_properties(pdf), **_other_information(pdf, structure), **_metadata_properties(structure)}
        blank = [i for i, (text, drawn) in enumerate(pages) if drawn or not _has_text(text)]
        summary = OcrSummary()
        if blank and ocr and len(pdf) <= MAX_OCR_PAGES:
            summary = recognise_images(_render(pdf[i]) for i in blank)
            for index, text in zip(blank, summary.texts):
                texts[index] = text
        head = texts[0] if texts else ""
        if texts:  # a stamp or note put on the first page as an annotation: its text and what it draws
            head = "\n".join(part for part in (_first_page_annotations(pdf, head), head) if part)
            head = "\n".join(part for part in (_later_stamped_marks(pdf), head) if part)
        if ocr and texts and 0 not in blank:
            head = "\n".join(part for part in (_stamped_head(pdf[0], head), head) if part)
    if blank and summary.pages == 0:
        return Reading(kind="pdf", units=tuple(texts), unit="page", head=head,
                       properties=properties, count=len(texts), method="none")
    method: Method = "ocr" if blank else "born-digital"
    if blank and not any(_has_text(text) for text in texts):
        method = "none"  # OCR found nothing either: nobody has read this file
    first_ocr = bool(blank) and blank[0] == 0
    return Reading(
        kind="pdf", units=tuple(texts), unit="page", head=head, properties=properties,
        count=len(texts), method=method, confidence=summary.confidence if blank else None,
        head_confidence=(summary.head_confidence or 0.0) if first_ocr else None,
    )


#: Annotations whose text is read, per page and in all, at most.
MAX_ANNOTATIONS = 2000
#: an annotation's contents, rich text, subject and author, and a form field's value (/V: a viewer draws it in
#: the field when the file asks it to, /NeedAppearances, though no appearance stream holds it)
_ANNOTATION_KEYS = (b"Contents", b"RC", b"Subj", b"T", b"V")
_TAG = re.compile(r"<[^<>]{0,2000}>")


def _first_page_annotations(pdf: Any, text: str) -> str:
    """The text of the first page's annotations (a FreeText or Stamp annotation saying 机密★5年, a note),
    and the text their appearances draw: the page is flattened in memory (annotations made part of its
    content, stamp pictures too, so the OCR of the top of the page sees them) and read again; the lines
    that were not in ``text`` are kept. '' when the page has none."""
    page = pdf[0]
    try:
        if not _pdfium().raw.FPDFPage_GetAnnotCount(page.raw):
            return ""
        lines = annotation_strings(page)
        flattened = _pdfium().raw.FPDFPage_Flatten(page.raw, _pdfium().raw.FLAT_NORMALDISPLAY)
    finally:
        page.close()
    if flattened == _pdfium().raw.FLATTEN_SUCCESS:
        page = pdf[0]
        try:
            before = set(text.splitlines())
            lines.extend(line for line in _page_text(page).splitlines() if line.strip() and line not in before)
        finally:
            page.close()
    return "\n".join(lines)


def _later_stamped_marks(pdf: Any) -> str:
    """The annotations on pages after the first whose own text is a mark: a 机密★5年 stamp put on page 3
    marks the whole file as much as one on page 1 (a reader's stamp tool puts it where the page is open).
    Only an annotation that is itself a mark counts, so a note quoting 保守机密 in prose does not; '' when
    there is none. Annotations are read :data:`MAX_ANNOTATIONS` at most, as the hidden text reads them."""
    marks: list[str] = []
    seen = 0
    for index in range(1, len(pdf)):
        page = pdf[index]
        try:
            if not _pdfium().raw.FPDFPage_GetAnnotCount(page.raw):
                continue
            lines = annotation_strings(page, MAX_ANNOTATIONS - seen)
        finally:
            page.close()
        seen += len(lines)
        marks.extend(line for line in lines if detect_classification(line))
        if seen >= MAX_ANNOTATIONS:
            break
    return "\n".join(marks)


def annotation_strings(page: Any, limit: int = MAX_ANNOTATIONS) -> list[str]:
    """The texts of a page's annotations (contents, rich text without its tags, subject, author), one a line."""
    import ctypes

    raw = _pdfium().raw
    lines: list[str] = []
    for index in range(min(raw.FPDFPage_GetAnnotCount(page.raw), limit)):
        annotation = raw.FPDFPage_GetAnnot(page.raw, index)
        if not annotation:
            continue
        try:
            for key in _ANNOTATION_KEYS:
                size = raw.FPDFAnnot_GetStringValue(annotation, key, None, 0)
                if size <= 2:
                    continue
                buffer = ctypes.create_string_buffer(size)
                raw.FPDFAnnot_GetStringValue(annotation, key, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), size)
                value = buffer.raw[:size].decode("utf-16-le", "replace").rstrip("\0")
                value = _TAG.sub(" ", value) if key == b"RC" else value
                if value.strip():
                    lines.append(value.strip())
        finally:
            raw.FPDFPage_CloseAnnot(annotation)
    return lines


def pictures_on_text_pages(pdf: Any, limit: int) -> Iterator[Any]:
    """The pictures (also inside forms) on the pages that have a text layer, as images, ``limit`` + 1 at
    most (so the caller sees there were too many); a page without text is OCR'd whole by :func:`read`.
    Pictures too small to hold text are None; one bigger than any scan raises ReadFailed unread."""
    import pypdfium2.raw as pdfium_c

    found = 0
    for index in range(len(pdf)):
        page = pdf[index]
        try:
            if not _has_text(_page_text(page)):
                continue
            for image in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3):
                width, height = image.get_px_size()
                if too_small(width, height):
                    continue
                if width * height > MAX_PIXELS:
                    raise ReadFailed("scan.broken_pdf", f"a picture of {width}x{height} pixels")
                found += 1
                yield with_margin(image.get_bitmap(render=False).to_pil().convert("RGB"))
                if found > limit:
                    return
        finally:
            page.close()


#: The top of a page (a share of its height) where a 密级 mark may be stamped as a picture, as ocr.HEAD_FRACTION.
HEAD_BAND = 0.25
#: An image narrower or lower than this share of the page is no mark (a rule, a bullet, a spacer pixel).
MIN_MARK_IMAGE = 0.03
#: ... and lower than this share of its height (a mark printed in 3号, 16 pt, is 2 % of an A4 page)
MIN_MARK_IMAGE_HEIGHT = 0.012


def _stamped_head(page: Any, text: str) -> str:
    """The OCR'd top band of a first page that has a text layer, when the text shows no mark and something is
    drawn there that is no trusted text: a 机密★5年 stamped or pasted as a picture, drawn as filled glyph
    outlines, or shown in a font whose codes extract as nothing or as no character. '' otherwise. Only that
    part of the top band of one page is read, so a file costs one small OCR at most, and only a file with such
    a drawing at its top."""
    area = _drawn_at_top(page)
    if area is None or detect_classification(text):
        return ""
    width, height = page.get_size()
    left, bottom, right, top = area
    crop = (max(0.0, left - 4), max(0.0, bottom - 4), max(0.0, width - right - 4), max(0.0, height - top - 4))
    return recognise_images([page.render(scale=OCR_DPI / 72, crop=crop).to_pil()]).texts[0]


#: A path lower or narrower than this (points) is a rule or a hairline, no glyph: not read for a mark.
MIN_DRAWN_SIDE = 3.0


def _drawn_at_top(page: Any) -> tuple[float, float, float, float] | None:
    """Where the page's pictures, paths and untrusted text (also inside forms) lie in its top band, big enough
    to hold a mark: the bounds of them all, cut to the band, in points from the bottom left; None when there
    is none. Text whose codes extract as nothing or as no character (a font without a ToUnicode map) may
    show any mark; a filled path may be a mark's outlines (a rule, a box or a hairline is left out)."""
    import pypdfium2.raw as pdfium_c

    width, height = page.get_size()
    floor = height * (1 - HEAD_BAND)
    found: list[tuple[float, float, float, float]] = []
    textpage = None
    try:
        for kind, item in _objects(page):
            left, bottom, right, top = _bounds(item)
            if top <= floor or bottom >= height:
                continue
            if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                kept = right - left >= width * MIN_MARK_IMAGE and top - bottom >= height * MIN_MARK_IMAGE_HEIGHT
            elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
                kept = _outline_segments(item) > 0
            elif kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
                # a text object of no size shows nothing (a writer's empty run at a line start, 　　 indents)
                textpage = textpage or page.get_textpage()
                kept = _shows_something(left, bottom, right, top) and not _has_reading(_object_text(item, textpage))
            else:
                kept = False
            if kept:
                found.append((max(left, 0.0), max(bottom, floor), min(right, width), min(top, height)))
    finally:
        if textpage is not None:
            textpage.close()
    if not found:
        return None
    return (min(f[0] for f in found), min(f[1] for f in found), max(f[2] for f in found), max(f[3] for f in found))


#: Forms inside forms looked into, at most (as pypdfium2's get_objects(max_depth=3))
MAX_FORM_DEPTH = 3


def _objects(page: Any) -> Iterator[tuple[int, Any]]:
    """The type and raw handle of every object of a page, also inside forms (MAX_FORM_DEPTH deep): pdfium's
    own calls, a fraction of the cost of pypdfium2's wrapped objects on a page of thousands of text runs."""
    raw = _pdfium().raw
    get_type, get_object, get_inner = raw.FPDFPageObj_GetType, raw.FPDFPage_GetObject, raw.FPDFFormObj_GetObject
    for index in range(raw.FPDFPage_CountObjects(page.raw)):
        item = get_object(page.raw, index)
        kind = get_type(item)
        yield kind, item
        if kind == raw.FPDF_PAGEOBJ_FORM:
            forms = [(item, 1)]
            while forms:
                form, depth = forms.pop()
                for inner_index in range(raw.FPDFFormObj_CountObjects(form)):
                    inner = get_inner(form, inner_index)
                    inner_kind = get_type(inner)
                    yield inner_kind, inner
                    if inner_kind == raw.FPDF_PAGEOBJ_FORM and depth < MAX_FORM_DEPTH:
                        forms.append((inner, depth + 1))


def _bounds(item: Any) -> tuple[float, float, float, float]:
    """An object's bounds on the page (left, bottom, right, top) in points."""
    import ctypes

    edges = [ctypes.c_float() for _ in range(4)]
    _pdfium().raw.FPDFPageObj_GetBounds(item, *(ctypes.byref(edge) for edge in edges))
    return edges[0].value, edges[1].value, edges[2].value, edges[3].value


def _object_text(item: Any, textpage: Any) -> str:
    """The text pdfium extracts for one text object."""
    import ctypes

    raw = _pdfium().raw
    size = raw.FPDFTextObj_GetText(item, textpage.raw, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    raw.FPDFTextObj_GetText(item, textpage.raw, ctypes.cast(buffer, ctypes.POINTER(raw.FPDF_WCHAR)), size)
    return buffer.raw[:size].decode("utf-16-le", "replace").rstrip("\0")


def _shows_something(left: float, bottom: float, right: float, top: float) -> bool:
    """Whether an object's bounds are big enough to show a character (MIN_DRAWN_SIDE on either side)."""
    return min(top - bottom, right - left) >= MIN_DRAWN_SIDE


def _has_reading(text: str) -> bool:
    """Whether some character of a text is one a font shows (not a control, private-use or U+FFFD code)."""
    return any(_readable(ch) for ch in text if not ch.isspace())


#: Codes in a row that extract as no character: a number or a line a font without a ToUnicode map shows
MIN_UNREAD_RUN = 6
#: Segments (of filled paths the height of a line of text, more than a box's) that make words drawn as
#: outlines: a mobile number drawn so has some 110, a rectangle 5, a chart's round marker 6
MIN_DRAWN_SEGMENTS = 80
#: A path higher than this (points) is no glyph of a line of text
MAX_GLYPH_HEIGHT = 42.0
#: Segments of a path that make it more than a box or a marker
MIN_GLYPH_SEGMENTS = 7
_UNREAD_RUN = re.compile(rf"(?:[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ue000-\uf8ff\ufffd]\s*){{{MIN_UNREAD_RUN}}}")


def _drawn_words(page: Any, text: str) -> bool:
    """Whether words of a page that has a text layer are drawn so that the layer cannot tell them: a run of
    codes that extract as no character, text in a Type3 font (its glyphs are drawings; what it extracts
    to is whatever its encoding claims), or filled glyph outlines the size of a line of text. Such a page is
    OCR'd whole, as a scan is: its digits reach the masker, its mark the review. Only paths and the fonts of
    text objects are looked at, so an ordinary page costs one pass over its objects."""
    import pypdfium2.raw as pdfium_c

    if _UNREAD_RUN.search(text):
        return True
    segments = 0
    fonts: dict[int, bool] = {}
    for kind, item in _objects(page):
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            if _type3(item, fonts):
                return True
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            segments += _glyph_segments(item)
            if segments >= MIN_DRAWN_SEGMENTS:
                return True
    return False


def _type3(item: Any, fonts: dict[int, bool]) -> bool:
    """Whether a text object's font is a Type3 font: embedded, yet with no font program (its glyphs are
    content streams). ``fonts`` keeps the answer per font."""
    import ctypes

    raw = _pdfium().raw
    font = raw.FPDFTextObj_GetFont(item)
    if not font:
        return False
    key = ctypes.addressof(font.contents)
    if key not in fonts:
        size = ctypes.c_size_t(0)
        raw.FPDFFont_GetFontData(font, None, 0, ctypes.byref(size))
        fonts[key] = raw.FPDFFont_GetIsEmbedded(font) == 1 and size.value == 0
    return fonts[key]


def _glyph_segments(item: Any) -> int:
    """The segments of a path that may be a glyph's outline in a line of text (:func:`_outline_segments`, no
    higher than MAX_GLYPH_HEIGHT); 0 for any other path."""
    _, bottom, _, top = _bounds(item)
    return _outline_segments(item) if top - bottom <= MAX_GLYPH_HEIGHT else 0


def _outline_segments(item: Any) -> int:
    """The segments of a path that may be outlines of glyphs: filled, more than a line, a box or a round
    marker, no side thinner than a hairline; 0 for any other path."""
    import ctypes

    raw = _pdfium().raw
    left, bottom, right, top = _bounds(item)
    if min(top - bottom, right - left) < MIN_DRAWN_SIDE:
        return 0
    fill, stroke = ctypes.c_int(0), ctypes.c_int(0)
    if not raw.FPDFPath_GetDrawMode(item, ctypes.byref(fill), ctypes.byref(stroke)) or not fill.value:
        return 0
    count = raw.FPDFPath_CountSegments(item)
    return count if count >= MIN_GLYPH_SEGMENTS else 0


#: Names that make a PDF do something when it is opened, shown or clicked: scripts, actions run on an event,
#: actions that start a program, send a form or play media, and XFA forms (which carry their own scripts).
_ACTIVE_NAMES = frozenset({b"JavaScript", b"JS", b"AA", b"Launch", b"SubmitForm", b"ImportData", b"ResetForm",
                           b"RichMedia", b"Rendition", b"Movie", b"Sound", b"GoToE", b"GoToR", b"XFA"})
_NAME = re.compile(rb"/([^\x00\t\n\f\r ()<>\[\]{}/%]*)")
_ESCAPED = re.compile(rb"#([0-9A-Fa-f]{2})")
#: Bytes of streams decompressed, in all, to look for names; a file with more is not vouched for.
MAX_INFLATED = 200 * 1024 * 1024
#: References followed from an open action to the object it names, at most.
MAX_HOPS = 8


def active_content(path: Path) -> bool:
    """Whether a PDF holds JavaScript or an action a viewer could run (an open action, a page's or a field's
    actions, a launch, a form submission, media); True too when that cannot be ruled out.

    The file's objects are parsed (:mod:`pdfobjects`: every object, its streams decoded, object streams
    opened); a file whose structure cannot be gone through completely is not vouched for. Every name of the
    file and of its decoded streams is looked at, ``#xx`` escapes undone, and pdfium counts the document's
    JavaScript. An open action may only show a page: a plain destination (``/OpenAction [3 0 R /Fit]``) or
    a GoTo action, written in place or in an object of its own (``/OpenAction 5 0 R``), which is looked up.
    """
    try:
        data = Path(path).read_bytes()
        objects = read_objects(data, MAX_INFLATED)
        pieces = [data, *(stream.decoded for stream in objects.streams if stream.decoded is not None)]
        if any(_names_active(piece, objects) for piece in pieces):
            return True
        with _open(str(path)) as pdf:
            return bool(_pdfium().raw.FPDFDoc_GetJavaScriptActionCount(pdf.raw))
    except Exception:  # noqa: BLE001 - a file that cannot be gone through is not vouched for
        return True


def _names_active(data: bytes, objects: Objects) -> bool:
    """Whether ``data`` names something active, or has an open action that does more than show a page."""
    for match in _NAME.finditer(data):
        name = _ESCAPED.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        if name in _ACTIVE_NAMES:
            return True
        if name == b"OpenAction":
            try:
                value, _ = parse(data, match.end())
            except Unparsed:
                return True
            if not _only_shows_a_page(value, objects, 0):
                return True
    return False


def _only_shows_a_page(value: Any, objects: Objects, hops: int) -> bool:
    """Whether an open action is a destination array or a GoTo action with nothing chained after it; an
    object it refers to is looked up (each body the file has for it must be harmless, and there must be one)."""
    if isinstance(value, list):
        return True
    if isinstance(value, Ref):
        bodies = objects.bodies.get(value.number, [])
        return hops < MAX_HOPS and bool(bodies) and all(_only_shows_a_page(b, objects, hops + 1) for b in bodies)
    if isinstance(value, dict):
        return value.get(b"S") == b"GoTo" and b"Next" not in value
    return False


def pdf_document(source: Any) -> Any:
    """A PdfDocument of a path or bytes, as a context manager; ReadFailed when it does not open."""
    return _open(source)


class _open:
    """A PdfDocument as a context manager, with pdfium's errors turned into ReadFailed."""

    def __init__(self, source: Any) -> None:
        pdfium = _pdfium()
        try:
            self.pdf = pdfium.PdfDocument(source)
        except pdfium.PdfiumError as exc:
            code = "scan.encrypted_pdf" if "password" in str(exc).lower() else "scan.broken_pdf"
            raise ReadFailed(code, str(exc)) from exc

    def __enter__(self) -> Any:
        return self.pdf

    def __exit__(self, *exc: object) -> None:
        self.pdf.close()


def _text_and_drawing(page: Any) -> tuple[str, bool]:
    """A page's text layer, and whether words of it are drawn so that the layer cannot tell them
    (:func:`_drawn_words`, asked only of a page that has a text layer); the page is loaded once for both."""
    try:
        text = _page_text(page)
        return text, _has_text(text) and _drawn_words(page, text)
    finally:
        page.close()


def _page_text(page: Any) -> str:
    """The page's text layer, with PDF line wrapping inside Chinese text undone (农\\n村 -> 农村)."""
    textpage = page.get_textpage()
    try:
        text = textpage.get_text_range()
    finally:
        textpage.close()
    return _CJK_BREAK.sub("", text.replace("\r\n", "\n")).strip()


def _has_text(text: str) -> bool:
    """Whether a page's text layer holds text: enough characters, most of them ones a font can show (a Chinese
    font without a ToUnicode map gives control and private-use codes, which are no reading of the page)."""
    shown = [ch for ch in text if not ch.isspace()]
    readable = sum(1 for ch in shown if ch != "\ufffd" and unicodedata.category(ch) not in _NO_READING)
    return readable >= MIN_CHARS_PER_PAGE and readable * 2 >= len(shown)


#: Unicode categories of codes that are no character a page shows: controls, private use, surrogates, unassigned
_NO_READING = frozenset({"Cc", "Co", "Cs", "Cn"})


def _readable(char: str) -> bool:
    """Whether a code is a character a font shows."""
    return char != "\ufffd" and unicodedata.category(char) not in _NO_READING


def _render(page: Any) -> Any:
    """A page as a PIL image at OCR_DPI."""
    return page.render(scale=OCR_DPI / 72).to_pil()


_INFO_REF = re.compile(rb"/Info[\x00\t\n\x0c\r ]*([0-9]{1,10})[\x00\t\n\x0c\r ]+[0-9]{1,5}[\x00\t\n\x0c\r ]+R")
#: bytes of a file looked through for its document information (its trailer is at the end, the rest is read
#: whole only when the information sits inside an object stream)
MAX_INFO_SCAN = 64 * 1024 * 1024
#: entries of the document information read at most
MAX_INFO_KEYS = 200


def _other_information(pdf: Any, structure: _Structure) -> dict[str, str]:
    """The entries of the document information beyond the standard ones, as ``info:<key>``: a bureau's
    /Classification or /Security (Acrobat shows them under 属性 › 自定义), which pypdfium's metadata leaves out.
    pdfium reads each value (any text encoding); the keys come from the file's own Info dictionary."""
    keys = _information_keys(structure)
    found: dict[str, str] = {}
    for key in keys[:MAX_INFO_KEYS]:
        if key in _PROPERTY_KEYS or not key.isascii() or "\0" in key:
            continue
        value = _meta_text(pdf, key)
        if value.strip():
            found[f"info:{key}"] = " ".join(value.split())
    return found


class _Structure:
    """The file's bytes, to find its document information and metadata in (none beyond MAX_INFO_SCAN), and its
    objects, parsed once when one looked for is not written in place (inside an object stream)."""

    def __init__(self, path: Path) -> None:
        self.data = b"" if path.stat().st_size > MAX_INFO_SCAN else path.read_bytes()
        self._objects: Objects | None = None

    def bodies(self, number: int) -> list[Any]:
        """The bodies of object ``number``; [] when the file's objects cannot be gone through."""
        bodies = bodies_in_place(self.data, number)
        if bodies:
            return bodies
        if self._objects is None:
            try:
                self._objects = read_objects(self.data, MAX_INFLATED)
            except Unparsed:
                self._objects = Objects()
        return self._objects.bodies.get(number, [])


def _information_keys(structure: _Structure) -> list[str]:
    """The keys of the Info dictionary the trailer names (the last one, an update's); [] when none is found."""
    keys: list[str] = []
    for body in _trailer_object(structure, _INFO_REF):
        if isinstance(body, dict):
            keys.extend(k.decode("latin-1") for k in body if k.decode("latin-1") not in keys)
    return keys


def _trailer_object(structure: _Structure, reference: re.Pattern[bytes]) -> list[Any]:
    """The bodies of the object the trailer names by ``reference`` (the last one, an update's), written in the
    file or inside an object stream (then the file's objects are gone through); [] when none is found."""
    refs = reference.findall(structure.data)
    return structure.bodies(int(refs[-1])) if refs else []


_ROOT_REF = re.compile(rb"/Root[\x00\t\n\x0c\r ]*([0-9]{1,10})[\x00\t\n\x0c\r ]+[0-9]{1,5}[\x00\t\n\x0c\r ]+R")
#: bytes of XMP metadata decoded at most; a file with more is not taken as reviewed
MAX_XMP_BYTES = 4 * 1024 * 1024


def _metadata_properties(structure: _Structure) -> dict[str, str]:
    """The properties the catalogue's XMP metadata states (:func:`xmp.xmp_properties`), every version of it an
    update left in the file; ReadFailed when it is bigger than MAX_XMP_BYTES."""
    found: dict[str, str] = {}
    for catalogue in _trailer_object(structure, _ROOT_REF):
        metadata = catalogue.get(b"Metadata") if isinstance(catalogue, dict) else None
        if not isinstance(metadata, Ref):
            continue
        try:
            packets = streams_in_place(structure.data, metadata.number, MAX_XMP_BYTES)
        except Unparsed as exc:
            raise ReadFailed("scan.too_large", f"XMP metadata: {exc}") from exc
        for packet in packets:
            found.update({key: value for key, value in xmp_properties(packet).items() if key not in found})
    return found


def _meta_text(pdf: Any, key: str) -> str:
    """One text entry of the document information, as pdfium decodes it ('' when it is not text)."""
    import ctypes

    raw = _pdfium().raw
    tag = key.encode("ascii")
    size = raw.FPDF_GetMetaText(pdf.raw, tag, None, 0)
    if size <= 2:
        return ""
    buffer = ctypes.create_string_buffer(size)
    raw.FPDF_GetMetaText(pdf.raw, tag, buffer, size)
    return buffer.raw[:size].decode("utf-16-le", "replace").rstrip("\0")


def _properties(pdf: Any) -> dict[str, str]:
    """Title, author, subject … from the PDF's document information."""
    try:
        raw = pdf.get_metadata_dict(skip_empty=True)
    except Exception:  # noqa: BLE001 - metadata is a bonus, never a reason to fail
        return {}
    return {_PROPERTY_KEYS[k]: str(v) for k, v in raw.items() if k in _PROPERTY_KEYS}
