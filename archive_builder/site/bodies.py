"""Document bodies: each kind of file as sanitised, masked HTML and its search text.

Converting a body (DOCX through mammoth, workbooks through openpyxl, Markdown, extracted PDF text)
is the costliest step of a cold build and depends only on the document, so it is prepared apart
from the page around it: on every core first (``warm_bodies``, one JSON file per document in
``build/prepared/``), then taken up by the ordered render pass, which prepares inline whatever the
warm-up did not leave behind. A prepared body is keyed by the page's signature, so a stale one is
never used.
"""

from __future__ import annotations

import html
import logging
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from archive_builder.core import budgets, cache
from archive_builder.core.budgets import check_markdown_depth
from archive_builder.core.i18n import t_in
from archive_builder.core.model import Document
from archive_builder.core.parallel import warm
from archive_builder.core.privacy import mask_text
from archive_builder.core.sitepaths import doc_page, url_of
from archive_builder.inventory.readers import docx as docx_reader
from archive_builder.inventory.readers import sheets as sheets_reader
from archive_builder.inventory.readers import text as text_reader
from archive_builder.review.extract import extract_text
from archive_builder.review.policy import decide, original_kept
from archive_builder.review.sanitize import sanitize_html

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
    active: bool = False  # a PDF with scripts or actions (its original is not copied, nor shown in a frame)
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
    """The body of a document's page: withheld unless the publication policy lets it out, else converted."""
    doc = job.doc
    verdict = decide(doc)
    if not verdict.visible(job.include_internal):
        return Prepared(withheld=withheld_reason(doc))
    if doc.body is not None:
        text, masked_before, active = doc.body, 0, False
    else:
        text, masked_before, active = extracted_text(doc, job.cache_dir)
    # The search text is the review's extracted text, as the command-line index holds it (one answer).
    searched = extracted_text(doc, job.cache_dir)[0] if doc.body is not None else text
    failed = None
    shown = None if original_kept(masked_before, active) else job.original  # only a copied original is shown
    try:
        body, _plain = _body_for_type(doc, shown, text)
        body, count = mask(body)
        if shown is not None and original_kept(count + masked_before, active):
            body, _plain = _body_for_type(doc, None, text)
            body = mask(body)[0]
    except Exception as exc:  # noqa: BLE001 - one bad file must not stop the build
        failed = str(exc)[:200] or type(exc).__name__
        body, count = mask(_text_block(text))
    return Prepared(body=body, text=mask(searched)[0], masked=count + masked_before, failed=failed, active=active)


def withheld_reason(doc: Document) -> str:
    """Why a document is kept out of the site, in the site's language (never its content)."""
    verdict = decide(doc)
    return t_in(SITE_LANG, verdict.reason or "policy.internal", **verdict.params)


def warm_bodies(jobs: list[BodyJob]) -> None:
    """Prepare many bodies on every core, each into its job's ``out`` file."""
    warm(_prepare_to_file, jobs)


def take_prepared(job: BodyJob) -> Prepared | None:
    """The body a warm-up left for this job (removing the file), or None."""
    data = cache.read_entry(job.out, job.signature, valid=_is_prepared)
    job.out.unlink(missing_ok=True)
    return Prepared(**data) if data is not None else None


def _is_prepared(entry: dict[str, Any]) -> bool:
    return cache.fields_of(Prepared)(entry) and isinstance(Prepared(**entry), Prepared)


def _prepare_to_file(job: BodyJob) -> None:
    cache.write_entry(job.out, job.signature, asdict(prepare_body(job)))  # the page's signature as its rules


# --- hooks into the privacy, sanitiser and extraction modules ------------------------------------


def mask(text: str) -> tuple[str, int]:
    """Personal numbers masked (ID, mobile, bank card); returns the text and how many."""
    return mask_text(text) if text else (text, 0)


def sanitize(raw_html: str, doc: Document) -> str:
    """HTML from a document made safe: no script, handler, iframe or external resource, and no relative
    URL that climbs out of the site from the document's page."""
    return sanitize_html(raw_html, url_of(doc_page(doc)))


def extracted_text(doc: Document, cache_dir: Path) -> tuple[str, int, bool]:
    """Text of a PDF, scan, Word, WPS, OFD or workbook (masked), how many numbers were masked, and whether
    the file holds scripts or actions (True when it could not be read)."""
    try:
        result = extract_text(doc, cache_dir)
    except Exception as exc:  # noqa: BLE001 - a bad file must not stop the build
        log.warning("text extraction failed for %s: %s", doc.path, exc)
        return "", 0, True
    return result.text or "", result.masked, result.active


def _body_for_type(doc: Document, original: str | None, text: str) -> tuple[str, str]:
    """(HTML, plain text) for each kind of file; ``original`` is the link to the copied original, or None."""
    kind = doc.type
    if kind == "md":
        return sanitize(_markdown_html(mask(doc.body or "")[0]), doc), text
    if kind == "txt":
        return _text_block(text), text
    if kind == "csv":
        return table_html(csv_rows(doc.body or "")), text
    if kind == "docx":
        raw = budgets.bounded(docx_reader.to_html, doc.abspath, t_in(SITE_LANG, "site.picture_withheld"),
                              seconds=budgets.RENDER_SECONDS)
        return sanitize(raw, doc), text or _strip_tags(raw)
    if kind in ("xlsx", "xls", "et"):
        sheets = workbook_sheets(doc.abspath, kind)
        plain = text or "\n".join(" ".join(map(str, row)) for _, rows in sheets for row in rows)
        return "".join(sheet_html(name, rows) for name, rows in sheets), plain
    ocr_note = (f'<p class="ab-note ab-needs-ocr">{html.escape(t_in(SITE_LANG, "site.needs_ocr"))}</p>\n'
                if doc.needs_ocr else "")
    return _embed_html(kind, original) + ocr_note + _text_block(text, extracted=not doc.needs_ocr), text


def _markdown_html(text: str) -> str:
    """Markdown -> HTML (tables, fenced code), before sanitising; refused beyond the nesting budgets (its
    Markdown's and its raw HTML's), and converted in the reader worker within MARKDOWN_SECONDS.

    Every body goes to the worker: Python-Markdown's inline patterns take time growing with the square of
    more than one construct (runs of unclosed '[a](', of '&amp;' and backslashes), and no count of them
    up front has caught them all. Either refusal raises OverBudget: the page then shows the text plain,
    with a problem line."""
    check_markdown_depth(text)
    budgets.check_html_depth(text, source=True)  # its raw HTML, refused before it is converted (the sanitiser would refuse it after)
    return str(budgets.bounded(convert_markdown, text, seconds=budgets.MARKDOWN_SECONDS))


def convert_markdown(text: str) -> str:
    """Python-Markdown with the site's extensions (module level, so the reader worker can run it)."""
    import markdown

    return markdown.markdown(text, extensions=["tables", "fenced_code", "sane_lists"], output_format="html")


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


def _embed_html(kind: str, original: str | None) -> str:
    """PDFs in a frame, browser images shown, other files only linked (the link is in the metadata);
    nothing when the original is not copied into the site (the page says why)."""
    if original is None:
        return ""
    src = html.escape(original, quote=True)
    if kind == "pdf":
        return f'<iframe class="ab-pdf" src="{src}" title="PDF"></iframe>\n'
    if kind in BROWSER_IMAGES:
        return f'<p><img class="ab-image" src="{src}" alt=""></p>\n'
    return f'<p class="ab-note">{html.escape(t_in(SITE_LANG, "site.no_preview"))}</p>\n'


def csv_rows(text: str) -> list[list[str]]:
    """Rows of a CSV body (the delimiter sniffed)."""
    return text_reader.csv_rows(text)


def workbook_sheets(path: Path, kind: str, limit: int | None = ROW_LIMIT + 1) -> list[tuple[str, list[list[Any]]]]:
    """Each sheet's name and first rows (ROW_LIMIT + 1, so truncation can be shown; None: all)."""
    tables = budgets.bounded(sheets_reader.read_tables, path, kind, limit, seconds=budgets.RENDER_SECONDS)
    return [(table.name, [list(row[:COL_LIMIT]) for row in table.rows]) for table in tables]


def sheet_html(name: str, rows: list[list[Any]]) -> str:
    title = html.escape(t_in(SITE_LANG, "site.sheet", name=name))
    return f"<h3>{title}</h3>\n{table_html(rows)}"


def table_html(rows: list[list[Any]], total: int | None = None) -> str:
    """Rows as an HTML table (first row as header), shortened to ROW_LIMIT rows."""
    rows = [r for r in rows if any(str(c).strip() for c in r)]
    if not rows:
        return ""
    shown = rows[: ROW_LIMIT + 1]

    def cells(row: list[Any], tag: str) -> str:
        return "".join(f"<{tag}>{html.escape(_cell(c))}</{tag}>" for c in row[:COL_LIMIT])

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
