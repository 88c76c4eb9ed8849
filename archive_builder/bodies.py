"""Document bodies: each kind of file as sanitised, masked HTML and its search text.

Converting a body (DOCX through mammoth, workbooks through openpyxl, Markdown, extracted PDF text)
is the costliest step of a cold build and depends only on the document, so it is prepared apart
from the page around it: on every core first (``warm_bodies``, one JSON file per document in
``build/prepared/``), then taken up by the ordered render pass, which prepares inline whatever the
warm-up did not leave behind. A prepared body is keyed by the page's signature, so a stale one is
never used.
"""

from __future__ import annotations

import csv
import html
import io
import json
import logging
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from .extract import extract_text
from .i18n import t_in
from .model import Document
from .parallel import warm
from .privacy import detect_classification, mask_text
from .sanitize import sanitize_html

log = logging.getLogger(__name__)

SITE_LANG = "zh"
TEXT_LIMIT = 20_000  # characters of text shown on a page
ROW_LIMIT = 200  # table rows shown on a page (keeps a table page under 150 KB)
COL_LIMIT = 40
BROWSER_IMAGES = frozenset({"jpg", "jpeg", "png"})


@dataclass
class Prepared:
    """One document's body, or why it is withheld."""

    withheld: str | None = None  # the reason, in the site's language
    body: str = ""  # sanitised, masked HTML
    text: str = ""  # masked plain text for the site's search
    masked: int = 0  # personal numbers masked in the body and the extracted text
    failed: str | None = None  # the converter's error, when the body fell back to plain text


@dataclass(frozen=True)
class BodyJob:
    """What preparing one body needs; picklable, so it can go to a worker process."""

    doc: Document
    original: str  # link from the page to the original file
    signature: str  # the page's signature: the prepared file is valid for it only
    cache_dir: Path  # extracted text is read from here
    out: Path  # where the prepared body goes
    include_internal: bool = False


def prepare_body(job: BodyJob) -> Prepared:
    """The body of a document's page: withheld when secret, internal or marked, else converted."""
    doc = job.doc
    if doc.is_secret:
        return Prepared(withheld=t_in(SITE_LANG, "render.reason.secret", level=doc.classification))
    if doc.classification == "内部" and not job.include_internal:
        return Prepared(withheld=t_in(SITE_LANG, "render.reason.internal"))
    if doc.body is not None:
        text, mark, masked_before = doc.body, None, 0
    else:
        text, mark, masked_before = extracted_text(doc, job.cache_dir)
    mark = mark or classification_mark(text)
    if mark:
        return Prepared(withheld=t_in(SITE_LANG, "render.reason.mark", mark=mark))
    failed = None
    try:
        body, plain = _body_for_type(doc, job.original, text)
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the build
        failed = str(exc)[:200] or type(exc).__name__
        body, plain = _text_block(text), text
    body, count = mask(body)
    plain, _ = mask(plain)
    return Prepared(body=body, text=plain, masked=count + masked_before, failed=failed)


def warm_bodies(jobs: list[BodyJob]) -> None:
    """Prepare many bodies on every core, each into its job's ``out`` file."""
    warm(_prepare_to_file, jobs)


def take_prepared(job: BodyJob) -> Prepared | None:
    """The body a warm-up left for this job (removing the file), or None."""
    try:
        data = json.loads(job.out.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    job.out.unlink(missing_ok=True)
    if not isinstance(data, dict) or data.pop("signature", None) != job.signature:
        return None
    try:
        return Prepared(**data)
    except TypeError:
        return None


def _prepare_to_file(job: BodyJob) -> None:
    payload = {"signature": job.signature, **asdict(prepare_body(job))}
    job.out.parent.mkdir(parents=True, exist_ok=True)
    temp = job.out.with_suffix(".tmp")
    temp.write_text(json.dumps(payload, ensure_ascii=False), "utf-8")
    temp.replace(job.out)


# --- hooks into the privacy, sanitiser and extraction modules ------------------------------------


def mask(text: str) -> tuple[str, int]:
    """Personal numbers masked (ID, mobile, bank card); returns the text and how many."""
    return mask_text(text) if text else (text, 0)


def classification_mark(text: str) -> str | None:
    """A classification mark (秘密★ …) in the first lines of ``text``, or None."""
    return detect_classification(text) if text else None


def sanitize(raw_html: str) -> str:
    """HTML from a document made safe: no script, handler, iframe or external resource."""
    return sanitize_html(raw_html)


def extracted_text(doc: Document, cache_dir: Path) -> tuple[str, str | None, int]:
    """Text of a PDF, image, DOC, DOCX or workbook (masked), its classification mark, numbers masked."""
    try:
        result = extract_text(doc, cache_dir)
    except Exception as exc:  # noqa: BLE001 - a bad file must not stop the build
        log.warning("text extraction failed for %s: %s", doc.path, exc)
        return "", None, 0
    return result.text or "", result.classification_mark, result.masked


def _body_for_type(doc: Document, original: str, text: str) -> tuple[str, str]:
    """(HTML, plain text) for each kind of file."""
    kind = doc.type
    if kind == "md":
        return sanitize(_markdown_html(mask(doc.body or "")[0])), text
    if kind == "txt":
        return _text_block(text), text
    if kind == "csv":
        return table_html(csv_rows(doc.body or "")), text
    if kind == "docx":
        raw = _docx_html(doc.abspath)
        return sanitize(raw), text or _strip_tags(raw)
    if kind in ("xlsx", "xls"):
        sheets = workbook_sheets(doc.abspath, kind)
        plain = text or "\n".join(" ".join(map(str, row)) for _, rows in sheets for row in rows)
        return "".join(sheet_html(name, rows) for name, rows in sheets), plain
    ocr_note = (f'<p class="ab-note ab-needs-ocr">{html.escape(t_in(SITE_LANG, "site.needs_ocr"))}</p>\n'
                if doc.needs_ocr else "")
    return _embed_html(kind, original) + ocr_note + _text_block(text, extracted=not doc.needs_ocr), text


def _markdown_html(text: str) -> str:
    """Markdown -> HTML (tables, fenced code), before sanitising."""
    import markdown

    return markdown.markdown(text, extensions=["tables", "fenced_code", "sane_lists"], output_format="html")


def _docx_html(path: Path) -> str:
    """DOCX -> semantic HTML with mammoth (images inlined as data URIs)."""
    import mammoth

    return mammoth.convert_to_html(_slim_docx(path)).value


_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


_STYLE_REF = re.compile(rb'w:(?:pStyle|rStyle|tblStyle|numStyle) w:val="([^"]+)"')


def _slim_docx(path: Path) -> io.BytesIO:
    """The DOCX in memory with only the styles its body uses.

    mammoth parses styles.xml with minidom; Word's and python-docx's templates carry hundreds of
    unused (latent) styles, which made that parse ~90 % of the conversion time (0.14 s of 0.15 s per
    file measured). mammoth reads only the styles a paragraph, run or table names, so its output is
    unchanged (a test compares both on every demo DOCX).
    """
    import zipfile

    from lxml import etree

    out = io.BytesIO()
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target:
        used = set(_STYLE_REF.findall(source.read("word/document.xml")))
        for info in source.infolist():
            if info.filename == "word/stylesWithEffects.xml":
                continue
            data = source.read(info.filename)
            if info.filename == "word/styles.xml":
                data = _used_styles(etree.fromstring(data), used, etree)
            target.writestr(info.filename, data)
    out.seek(0)
    return out


def _used_styles(root, used: set[bytes], etree) -> bytes:
    """styles.xml keeping the defaults, the styles named in ``used`` and what they are based on."""
    styles = {s.get(f"{_W}styleId", "").encode(): s for s in root.findall(f"{_W}style")}
    keep = {sid for sid, s in styles.items() if s.get(f"{_W}default") == "1"} | (used & styles.keys())
    pending = list(keep)
    while pending:
        based = styles[pending.pop()].find(f"{_W}basedOn")
        parent = based.get(f"{_W}val", "").encode() if based is not None else b""
        if parent in styles and parent not in keep:
            keep.add(parent)
            pending.append(parent)
    for sid, style in styles.items():
        if sid not in keep:
            root.remove(style)
    latent = root.find(f"{_W}latentStyles")
    if latent is not None:
        root.remove(latent)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _strip_tags(raw: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", raw))


def _text_block(text: str, extracted: bool = False) -> str:
    """Decoded or extracted text as a preformatted block, shortened to TEXT_LIMIT."""
    if not text.strip():
        return f'<p class="ab-note">{html.escape(t_in(SITE_LANG, "site.no_text"))}</p>' if extracted else ""
    shown = text[:TEXT_LIMIT]
    heading = f'<h2>{html.escape(t_in(SITE_LANG, "site.extracted"))}</h2>\n' if extracted else ""
    note = (f'<p class="ab-note">{html.escape(t_in(SITE_LANG, "site.truncated"))}</p>'
            if len(text) > TEXT_LIMIT else "")
    return f'{heading}<pre class="ab-text">{html.escape(shown)}</pre>{note}'


def _embed_html(kind: str, original: str) -> str:
    """PDFs in a frame, browser images shown, other files only linked (the link is in the metadata)."""
    src = html.escape(original, quote=True)
    if kind == "pdf":
        return f'<iframe class="ab-pdf" src="{src}" title="PDF"></iframe>\n'
    if kind in BROWSER_IMAGES:
        return f'<p><img class="ab-image" src="{src}" alt=""></p>\n'
    return f'<p class="ab-note">{html.escape(t_in(SITE_LANG, "site.no_preview"))}</p>\n'


def csv_rows(text: str) -> list[list[str]]:
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    return [row for row in csv.reader(io.StringIO(text), dialect)]


def workbook_sheets(path: Path, kind: str, limit: int | None = ROW_LIMIT + 1) -> list[tuple[str, list[list[Any]]]]:
    """Each sheet's name and first rows (ROW_LIMIT + 1, so truncation can be shown; None: all)."""
    if kind == "xls":
        import xlrd

        book = xlrd.open_workbook(str(path))
        return [(s.name, [s.row_values(i)[:COL_LIMIT] for i in range(min(s.nrows, limit or s.nrows))])
                for s in book.sheets()]
    import openpyxl

    book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        sheets = []
        for sheet in book.worksheets:
            rows = []
            for row in sheet.iter_rows(values_only=True, max_col=COL_LIMIT):
                if limit is not None and len(rows) >= limit:
                    break
                rows.append(["" if v is None else v for v in row])
            sheets.append((sheet.title, rows))
        return sheets
    finally:
        book.close()


def sheet_html(name: str, rows: list[list[Any]]) -> str:
    title = html.escape(t_in(SITE_LANG, "site.sheet", name=name))
    return f"<h3>{title}</h3>\n{table_html(rows)}"


def table_html(rows: list[list[Any]], total: int | None = None) -> str:
    """Rows as an HTML table (first row as header), shortened to ROW_LIMIT rows."""
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    if not rows:
        return ""
    shown = rows[: ROW_LIMIT + 1]
    cells = lambda row, tag: "".join(f"<{tag}>{html.escape(_cell(c))}</{tag}>" for c in row[:COL_LIMIT])  # noqa: E731
    head = f"<thead><tr>{cells(shown[0], 'th')}</tr></thead>"
    body = "".join(f"<tr>{cells(row, 'td')}</tr>" for row in shown[1:])
    note = ""
    if len(rows) > ROW_LIMIT + 1:
        note = (f'<p class="ab-note">'
                f'{html.escape(t_in(SITE_LANG, "site.rows_truncated", shown=ROW_LIMIT, total=len(rows) - 1))}</p>')
    return f'<div class="ab-table"><table>{head}<tbody>{body}</tbody></table></div>{note}\n'


def _cell(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
