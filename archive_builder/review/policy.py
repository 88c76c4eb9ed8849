"""The publication policy: the one place that decides who may see each document.

Every output asks :func:`decide` (site pages and originals, both search indexes, the zip, the
manifest, the catalogue, ``check`` and ``status``). It fails closed: what the tool could not read,
it has not reviewed, so such a document is *held for review* until a person looks at it and
writes its 密级 in its metadata (``密级: 公开`` in a sidecar, say).

| status | when | reaches the site |
|---|---|---|
| classified | 密级 秘密/机密/绝密 in metadata, or such a mark printed in the document | never |
| held | its text could not be read, or OCR was unsure about the top of its first page, and no person stated its 密级 | never |
| internal | 密级 内部 | only with ``--include-internal`` |
| published | everything else | yes |
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from archive_builder.core.i18n import t
from archive_builder.core.model import CLASSIFICATIONS, SECRET_LEVELS, Document, Inventory, Problem
from archive_builder.core.privacy import detect_mark, mask_text, name_level_mark
from archive_builder.inventory.readers.hidden import Unchecked, hidden_text
from archive_builder.inventory.readers.ooxml import live_package
from archive_builder.inventory.readers.pdf import active_content
from archive_builder.inventory.readers.sheets import live_content

Status = Literal["published", "internal", "classified", "held"]

#: Below this OCR confidence on the top of the first page, a missed 密级 mark cannot be ruled out.
#: rapidocr scores clean and scanned print at 0.9–1.0; smudged, stamped or skewed headers fall below.
MIN_HEAD_CONFIDENCE = 0.80


@dataclass(frozen=True)
class Verdict:
    """What the policy decided for one document, with the reason as a message key and its values."""

    status: Status
    reason: str = ""  # message key under policy.*, with a matching .hint that says the fix
    params: dict[str, Any] = field(default_factory=dict)

    def visible(self, include_internal: bool = False) -> bool:
        """Whether the document may appear in a public output of this build."""
        return self.status == "published" or (self.status == "internal" and include_internal)

    @property
    def classified(self) -> bool:
        return self.status == "classified"

    @property
    def held(self) -> bool:
        return self.status == "held"


def decide(doc: Document) -> Verdict:
    """The publication status of one reviewed document."""
    if doc.classification in SECRET_LEVELS:
        return Verdict("classified", "policy.classified_meta", {"level": doc.classification})
    marks = [mark for mark in (doc.classification_mark, _body_mark(doc), name_mark(doc)) if mark]
    secret = [mark for mark in marks if mark in SECRET_LEVELS]
    if secret:
        return Verdict("classified", "policy.classified_mark", {"level": max(secret, key=CLASSIFICATIONS.index)})
    held = None if doc.classification_stated else _why_held(doc)
    if held:
        return held
    if doc.classification == "内部":
        return Verdict("internal", "policy.internal")
    if "内部" in marks:  # 内部资料 printed atop it or naming its folder: a person's 公开 does not lower a print
        return Verdict("internal", "policy.internal_mark")
    return Verdict("published")


def _why_held(doc: Document) -> Verdict | None:
    """Why the document's text cannot vouch for it (nothing read, or OCR unsure at the top)."""
    if doc.read_error:
        return Verdict("held", "policy.held_unreadable", {"problem": doc.read_error})
    if doc.text_method is None and doc.body is None:
        return Verdict("held", "policy.held_unreviewed")
    if doc.text_method == "none":
        return Verdict("held", "policy.held_no_text")
    head = doc.head_confidence
    if head is not None and head < MIN_HEAD_CONFIDENCE:
        return Verdict("held", "policy.held_low_confidence", {"confidence": f"{head:.2f}"})
    return None


def _body_mark(doc: Document) -> str | None:
    """A text document is judged by the body the scan decoded (the mark the scan found in it) as well as by its
    review: the reader's plain text keeps what a page drops (a style block's rules), which may push the mark
    out of the head the review reads."""
    if doc.body_mark is not None:
        return doc.body_mark or None
    if doc.text_method is not None or doc.body is None:
        return None
    return detect_mark(doc.body)


def original_kept(masked: int, active: bool) -> str | None:
    """Why the original file of a published document is not copied into the site (a message key), or None.

    An original is copied only when it can do nothing and hide nothing: a PDF with scripts or actions
    (:func:`scripted`) would run them in the browser that shows it, and the personal numbers of a binary
    (its text and the parts :func:`hidden_numbers` goes through) cannot be masked inside it. Its masked
    text rendering stands in.
    """
    if active:
        return "site.original_active"
    if masked:
        return "site.original_kept"
    return None


def scripted(path: Path, kind: str = "pdf") -> bool:
    """Whether an original would do something when opened besides showing itself, so it is never copied into
    the site (its text or cells stand in): a PDF's JavaScript or actions, a workbook's formulas that fetch or
    link out, data connections or macros, a Word file's macros or pictures and templates fetched by URL.
    True when that cannot be ruled out."""
    if kind == "pdf":
        return active_content(path)
    if kind == "sheet":
        return live_content(path)
    if kind == "docx":
        return live_package(path)
    return False


def hidden_numbers(path: Path) -> int:
    """Personal numbers in the parts of an original no reader shows (metadata, comments, annotations, embedded files).

    An original is copied into the site only when this is 0 and its text holds none either
    (:func:`original_kept`). A file whose hidden parts cannot all be gone through counts as holding
    one: it stays out, its masked rendering stands in.
    """

    try:
        return mask_text(hidden_text(path))[1]
    except Unchecked:
        return 1


def name_mark(doc: Document) -> str | None:
    """A mark written into a name or a metadata value: （机密★5年）方案.docx, a folder named 机密, a title or
    责任者 that carries 机密★5年 (a person wrote it there; the pages would show it)."""
    stem = doc.path.rsplit(".", 1)[0] if "." in doc.path.rsplit("/", 1)[-1] else doc.path
    values = [doc.title, doc.doc_no, doc.author, doc.school, *doc.tags, *_flat(doc.extra)]
    names = stem.split("/")
    found = [mark for mark in (_written_mark("\n".join([*names, *(v for v in values if v)])), _names_mark(stem),
                               _title_mark(doc.title or "")) if mark]
    return max(found, key=CLASSIFICATIONS.index) if found else None


def _flat(value: Any, depth: int = 0) -> list[str]:
    """Each value inside unknown metadata, one per item, and ``key: value`` for nested mappings (档案: {密级: 机密})."""
    if isinstance(value, (str, int, float)):
        return [str(value)]
    if depth > 20:
        return []
    if isinstance(value, dict):
        found: list[str] = []
        for key, item in value.items():
            inner = _flat(item, depth + 1)
            found.extend(f"{key}: {text}" if depth else text for text in inner)
        return found
    if isinstance(value, (list, tuple)):
        return [text for item in value for text in _flat(item, depth + 1)]
    return []


@lru_cache(maxsize=65536)
def _names_mark(stem: str) -> str | None:
    """The level a path's folder and file names give (every output asks, so the answer is kept)."""
    names = stem.split("/")
    return name_level_mark(names[:-1], names[-1])


@lru_cache(maxsize=65536)
def _title_mark(title: str) -> str | None:
    """The level a title begins or ends with as a name would (〖机密〗方案, 方案（机密）): a title names the document."""
    return name_level_mark([], title) if title else None


@lru_cache(maxsize=65536)
def _written_mark(text: str) -> str | None:
    """The mark in names and metadata values, one per line (every output asks, so the answer is kept)."""
    return detect_mark(text, lines=400)


def shown_path(doc: Document) -> str:
    """A document's path as public outputs print it: a classified or 内部 one's file name hidden (its folder and
    a short reference instead), numbers masked."""
    verdict = decide(doc)
    if verdict.classified:
        return _withheld_name(doc.path, doc.sha256)
    if verdict.status == "internal":
        return _withheld_name(doc.path, doc.sha256, "report.internal_file")
    return mask_text(doc.path)[0]


def withheld_problem_paths(inventory: Inventory) -> list[Problem]:
    """The inventory's problems with each problem of a classified or 内部 document, or of a file whose
    metadata states or may state a secret level or 内部 (a file the scan then skipped: ``suspected``),
    naming the file as public outputs name a classified document: its folder and a short reference.
    A problem list is printed by ``check`` and ``status`` and shown on the problems page."""
    # problems are printed whatever --include-internal says: a 内部 document is named by its folder too
    shown = {doc.path: shown_path(doc) for doc in inventory.documents if decide(doc).status in ("classified", "internal")}
    for path in inventory.suspected:
        shown.setdefault(path, _withheld_name(path, ""))
    return [replace(problem, path=shown.get(problem.path, problem.path), params=_veiled_params(problem.params, shown))
            for problem in inventory.problems]


def _veiled_params(params: dict[str, Any], shown: dict[str, str]) -> dict[str, Any]:
    """A problem's parameters with every withheld file they name (``the same file as …/密件.doc``) named as
    public outputs name it."""
    if not shown or not any(isinstance(value, str) for value in params.values()):
        return params
    veiled = {}
    for key, value in params.items():
        if isinstance(value, str):
            for path, name in shown.items():
                if path in value:
                    value = value.replace(path, name)
        veiled[key] = value
    return veiled


def _withheld_name(path: str, sha256: str, label: str = "report.withheld_file") -> str:
    """A withheld file as outputs name it: its folder (numbers masked) and a short reference."""
    folder = path.rsplit("/", 1)[0] + "/" if "/" in path else ""
    return mask_text(folder)[0] + t(label, ref=sha256[:8] or "-")


def visible(doc: Document, include_internal: bool = False) -> bool:
    """Whether ``doc`` may reach the site, the indexes, the zip and the public reports."""
    return decide(doc).visible(include_internal)


def public(documents: list[Document], include_internal: bool = False) -> list[Document]:
    """The documents a build may publish, in their order."""
    return [doc for doc in documents if visible(doc, include_internal)]
