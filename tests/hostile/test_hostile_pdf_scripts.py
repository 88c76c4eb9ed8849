"""No script runs from content: a PDF with JavaScript or actions is neither copied into the site nor framed.

Chromium's PDF viewer runs a PDF's open action (``app.alert``) inside the page that frames it. Such a
PDF is published as its text, with a line saying why the original is not attached; a clean PDF beside it
keeps its copy and its frame. The PDFs are written byte by byte (no library writes JavaScript), and
pypdfium2 opens each.
"""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path

import pypdfium2
import pypdfium2.raw as pdfium_raw
import pytest
from structures import pdf_of

from archive_builder.inventory.readers.pdf import active_content

FOLDER = "content/县教科局/规范办学行为/2016"
BODY = b"BT /F1 14 Tf 72 720 Td (PDFJSBODY Notice of the county education bureau, plan for 2017 work.) Tj ET"
ALERT = b"<< /Type /Action /S /JavaScript /JS (app.alert('PDFJS-RAN');) >>"
FONT = b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"


def _pdf(catalog: bytes = b"", page: bytes = b"", extra: tuple[bytes, ...] = (), body: bytes = BODY) -> bytes:
    """A one-page PDF with a text layer: objects 1 catalog, 2 pages, 3 page, 4 contents, 5 font, then ``extra``."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R " + page + b" >>",
        b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
        FONT,
        *extra,
    ]
    return pdf_of(objects)


def _object_stream(obj: bytes, number: int) -> bytes:
    """An object stream (PDF 1.5, Flate) that holds object ``number``: where a dictionary is out of sight."""
    head = b"%d 0 " % number
    packed = zlib.compress(head + obj)
    return (b"<< /Type /ObjStm /N 1 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (len(head), len(packed))
            + packed + b"\nendstream")


OPEN_ACTION = _pdf(b"/OpenAction 6 0 R", extra=(ALERT,))
ACTIVE = {
    "open action": OPEN_ACTION,
    "inline open action": _pdf(b"/OpenAction << /S /JavaScript /JS (app.alert(1)) >>"),
    "names tree": _pdf(b"/Names << /JavaScript << /Names [(a) 6 0 R] >> >>", extra=(ALERT,)),
    "page action": _pdf(page=b"/AA << /O 6 0 R >>", extra=(ALERT,)),
    "escaped name": _pdf(b"/OpenAction << /S /J#61vaScript /J#53 (app.alert(1)) >>"),
    "launch": _pdf(b"/OpenAction << /S /Launch /F (calc.exe) >>"),
    "open URI": _pdf(b"/OpenAction << /S /URI /URI (http://127.0.0.1:9/) >>"),
    "submit form": _pdf(page=b"/Annots [6 0 R]", extra=(
        b"<< /Type /Annot /Subtype /Widget /Rect [0 0 10 10] /A << /S /SubmitForm /F (http://127.0.0.1:9/) >> >>",)),
    "compressed": _pdf(page=b"/Annots [7 0 R]", extra=(_object_stream(
        b"<< /Type /Annot /Subtype /Link /Rect [0 0 10 10] /A << /S /JavaScript /JS (app.alert(1)) >> >>", 7),)),
}


@pytest.mark.parametrize("name", sorted(ACTIVE))
def test_scripts_and_actions_are_found(tmp_path, name):
    path = tmp_path / "有脚本.pdf"
    path.write_bytes(ACTIVE[name])
    assert active_content(path)


def test_the_hand_written_pdf_opens_with_its_script():
    pdf = pypdfium2.PdfDocument(OPEN_ACTION)
    try:
        assert len(pdf) == 1 and "PDFJSBODY" in pdf[0].get_textpage().get_text_range()
        assert pdfium_raw.FPDFDoc_GetJavaScriptActionCount(pdf.raw) == 0  # the open action is not in the names tree
    finally:
        pdf.close()
    named = pypdfium2.PdfDocument(ACTIVE["names tree"])
    try:
        assert pdfium_raw.FPDFDoc_GetJavaScriptActionCount(named.raw) == 1
    finally:
        named.close()


def _clean_pdf(path: Path) -> None:
    """A PDF as fpdf2 writes it, with a link (a /URI a person clicks is no script)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    pdf.cell(text="CLEANPDFBODY Notice on the repair of school buildings", link="https://example.org/")
    pdf.output(str(path))


def test_plain_pdfs_and_plain_destinations_are_not_active(tmp_path):
    clean = tmp_path / "干净.pdf"
    _clean_pdf(clean)
    destination = tmp_path / "目的地.pdf"
    destination.write_bytes(_pdf(b"/OpenAction [3 0 R /Fit]"))
    assert not active_content(clean) and not active_content(destination)
    broken = tmp_path / "坏.pdf"
    broken.write_bytes(b"%PDF-1.4\nnot really")
    assert active_content(broken)  # what cannot be gone through is not vouched for


def _pdftex_pdf(open_action: bytes) -> bytes:
    """A PDF 1.5 laid out as pdfTeX writes it: the catalog in an object stream with the object its /OpenAction
    refers to (``/OpenAction 6 0 R``, 6 being ``[3 0 R /Fit]`` for hyperref), and a cross-reference stream."""
    packed_objects = {1: b"<< /Type /Catalog /Pages 2 0 R /OpenAction 6 0 R >>", 6: open_action}
    header = b" ".join(b"%d %d" % (number, offset) for number, offset in _offsets(packed_objects)) + b" "
    packed = zlib.compress(header + b"".join(body + b"\n" for body in packed_objects.values()))
    plain = {
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 5 0 R >> >> "
           b"/Contents 4 0 R >>",
        4: b"<< /Length %d >>\nstream\n" % len(BODY) + BODY + b"\nendstream",
        5: FONT,
        7: b"<< /Type /ObjStm /N 2 /First %d /Filter /FlateDecode /Length %d >>\nstream\n" % (len(header), len(packed))
           + packed + b"\nendstream",
    }
    out = bytearray(b"%PDF-1.5\n")
    where = {}
    for number, obj in plain.items():
        where[number] = len(out)
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    rows = [b"\x00\x00\x00\x00\x00\xff\xff"]
    for number in range(1, 9):
        if number in packed_objects:
            rows.append(b"\x02" + (7).to_bytes(4, "big") + list(packed_objects).index(number).to_bytes(2, "big"))
        else:
            rows.append(b"\x01" + where.get(number, len(out)).to_bytes(4, "big") + b"\x00\x00")
    table = zlib.compress(b"".join(rows))
    start = len(out)
    out += (b"8 0 obj\n<< /Type /XRef /Size 9 /W [1 4 2] /Root 1 0 R /Filter /FlateDecode /Length %d >>\nstream\n"
            % len(table) + table + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % start)
    return bytes(out)


def _offsets(objects: dict[int, bytes]) -> list[tuple[int, int]]:
    """Each packed object's number and its offset after an object stream's header."""
    offsets, at = [], 0
    for number, body in objects.items():
        offsets.append((number, at))
        at += len(body) + 1
    return offsets


PDFTEX_DESTINATION = _pdftex_pdf(b"[3 0 R /Fit]")
HARMLESS = {
    "indirect destination": _pdf(b"/OpenAction 6 0 R", extra=(b"[3 0 R /Fit]",)),
    "pdfTeX's object stream": PDFTEX_DESTINATION,
    "GoTo action": _pdf(b"/OpenAction << /S /GoTo /D [3 0 R /XYZ null null 0] >>"),
    "indirect GoTo action": _pdf(b"/OpenAction 6 0 R", extra=(b"<< /Type /Action /S /GoTo /D [3 0 R /FitH 792] >>",)),
}
STILL_ACTIVE = {
    "indirect script in an object stream": _pdftex_pdf(ALERT),
    "indirect URI": _pdf(b"/OpenAction 6 0 R", extra=(b"<< /S /URI /URI (http://127.0.0.1:9/) >>",)),
    "indirect GoTo with a next action": _pdf(b"/OpenAction 6 0 R", extra=(
        b"<< /S /GoTo /D [3 0 R /Fit] /Next 7 0 R >>", b"<< /S /Named /N /Print >>")),
    "reference to no object": _pdf(b"/OpenAction 9 0 R"),
    "destination, then an update making it a script": _pdf(b"/OpenAction 6 0 R", extra=(b"[3 0 R /Fit]",))
    + b"6 0 obj\n<< /S /URI /URI (http://127.0.0.1:9/) >>\nendobj\n",
}


@pytest.mark.parametrize("name", sorted(HARMLESS))
def test_an_open_action_that_only_shows_a_page_is_not_active(tmp_path, name):
    path = tmp_path / "目的地.pdf"
    path.write_bytes(HARMLESS[name])
    pdf = pypdfium2.PdfDocument(str(path))
    try:
        assert "PDFJSBODY" in pdf[0].get_textpage().get_text_range()  # a PDF pdfium reads
    finally:
        pdf.close()
    assert not active_content(path)


@pytest.mark.parametrize("name", sorted(STILL_ACTIVE))
def test_an_open_action_referring_to_anything_else_is_active(tmp_path, name):
    path = tmp_path / "有动作.pdf"
    path.write_bytes(STILL_ACTIVE[name])
    assert active_content(path)


def test_the_original_of_a_pdftex_pdf_is_attached_to_its_page(make_archive, run_cli):
    root = make_archive({f"{FOLDER}/论文.pdf": PDFTEX_DESTINATION})
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    html = _page_of(root / "site", "PDFJSBODY").read_text("utf-8")
    assert '<iframe class="ab-pdf"' in html and "data-ab-original" in html
    assert [p.read_bytes() for p in (root / "site" / "files").rglob("*.pdf")] == [PDFTEX_DESTINATION]


@pytest.fixture
def built(make_archive, run_cli, tmp_path):
    root = make_archive({f"{FOLDER}/脚本通知.pdf": OPEN_ACTION})
    _clean_pdf(root / FOLDER / "干净通知.pdf")
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    return root / "site"


def _page_of(site: Path, marker: str) -> Path:
    [page] = [p for p in (site / "docs").rglob("*.html") if marker in p.read_text("utf-8") and "ab-meta" in
              p.read_text("utf-8")]
    return page


def test_a_pdf_with_a_script_is_published_as_its_text_without_its_original(built):
    html = _page_of(built, "PDFJSBODY").read_text("utf-8")
    assert "<iframe" not in html and "data-ab-original" not in html
    assert "原件含有打开时会运行的脚本或动作" in html
    copies = [p.read_bytes() for p in (built / "files").rglob("*.pdf")]
    assert OPEN_ACTION not in copies and len(copies) == 1  # the clean one only
    clean = _page_of(built, "CLEANPDFBODY").read_text("utf-8")
    assert '<iframe class="ab-pdf"' in clean and "data-ab-original" in clean


def test_no_dialog_opens_on_the_page_of_a_pdf_with_a_script(built):
    # Chromium's PDF viewer loads in the new headless mode only (the project's --headless never shows a PDF).
    from playwright.sync_api import sync_playwright

    path = shutil.which("chromium")
    if path is None:
        pytest.fail("Debian chromium is required for browser tests (apt-get install chromium)")
    args = ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--no-first-run", "--disable-sync"]
    original = next(built.parent.rglob("脚本通知.pdf"))
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=path, args=args, headless=False)
        try:
            dialogs: list[str] = []
            page = browser.new_page()
            page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
            page.goto(original.as_uri(), wait_until="load")  # the control: this browser runs the script
            page.wait_for_timeout(4000)
            assert "PDFJS-RAN" in dialogs
            dialogs.clear()
            page.goto(_page_of(built, "PDFJSBODY").as_uri(), wait_until="load")
            page.wait_for_timeout(4000)
            assert dialogs == []
        finally:
            browser.close()
