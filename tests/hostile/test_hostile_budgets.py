"""One hostile file costs one problem line, never the build: YAML bombs, deep Markdown, zip bombs, files
over the time or memory one file's reading may take.

Each case builds (or scans) an archive holding the hostile file beside an ordinary document and checks
the promise: the hostile file is one line naming it and what to do, the ordinary document is
published, and the work took milliseconds (YAML, Markdown) or stayed inside its budget (readers).
"""

from __future__ import annotations

import io
import os
import re
import subprocess
import sys
import time
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from structures import pdf_of

from archive_builder.core import budgets, yamlio
from archive_builder.core.config import load_config
from archive_builder.inventory.scan import scan_archive
from archive_builder.review.extract import ExtractFailed, extract_text
from archive_builder.review.policy import decide
from archive_builder.review.stage import review_inventory
from archive_builder.site.bodies import _markdown_html

FOLDER = "content/县财政局/保障机制/2016"
ORDINARY = f"{FOLDER}/普通通知.md"
ORDINARY_TEXT = "---\n标题: 普通通知\n---\n这是普通通知的正文，蓝鲸计划。\n"
LAUGHS = "\n".join(
    [f"a: &a [{', '.join(['lol'] * 9)}]"]
    + [f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]" for prev, name in zip("abcdefgh", "bcdefghi")]
) + "\n"


def lines_about(output: str, name: str) -> list[str]:
    """The lines of the output that name a file (its fix lines follow them, indented)."""
    return [line for line in output.splitlines() if name in line]


def published_text(site: Path) -> str:
    return "".join(p.read_text("utf-8") for p in (site / "docs").rglob("*.html"))


# --- YAML: no alias is expanded, no nesting crashes the parser ---------------------------------------


def test_a_billion_laughs_is_refused_in_a_millisecond_with_its_line():
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(yamlio.Refused) as caught:
        yamlio.safe_loads("标题: 正常\n" + LAUGHS)
    seconds = time.perf_counter() - started
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert caught.value.code == "scan.yaml_alias" and yamlio.error_line(caught.value) == 2
    assert seconds < 0.05 and peak < 1024 * 1024


def test_yaml_nested_100000_deep_is_refused_not_a_crash():
    # In a child process: without the refusal libyaml's composer overflows the stack and kills it.
    code = ("from archive_builder.core import yamlio\n"
            "try:\n    yamlio.safe_loads('a: ' + '[' * 100000 + ']' * 100000)\n"
            "except yamlio.Refused as exc:\n    print(exc.code, yamlio.error_line(exc))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["scan.yaml_too_deep", "1"]


def test_ordinary_metadata_with_ampersands_and_stars_still_loads():
    data = yamlio.safe_loads("标题: 教育局&财政局联合通知 *重要*\n日期: 2016-01-01\n标签: [经费, 保障]\n")
    assert data["标题"] == "教育局&财政局联合通知 *重要*" and data["标签"] == ["经费", "保障"]


def test_billion_laughs_in_frontmatter_is_one_line_and_the_build_goes_on(make_archive, run_cli):
    root = make_archive({f"{FOLDER}/笑话.md": "---\n" + LAUGHS + "---\n正文\n", ORDINARY: ORDINARY_TEXT})
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    [line] = lines_about(result.output, "笑话.md")
    assert "line 2" in line and "alias" in line
    assert "蓝鲸计划" in published_text(root / "site")


def test_billion_laughs_in_a_sidecar_and_in_meta_yml_are_refused(make_archive, run_cli):
    root = make_archive({
        f"{FOLDER}/附件.md": "附件正文\n", f"{FOLDER}/附件.md.yml": LAUGHS,
        "content/县教科局/发展规划/2016/_meta.yml": "标签: [规划]\n" + LAUGHS,
        "content/县教科局/发展规划/2016/规划.md": "# 规划\n规划正文\n",
    })
    result = run_cli(root, "scan")
    assert [line for line in lines_about(result.output, "附件.md.yml") if "alias" in line]
    meta = [line for line in lines_about(result.output, "_meta.yml") if "alias" in line]
    assert len(meta) == 1 and "line 2" in meta[0]
    inventory = scan_archive(load_config(root))
    assert inventory.documents == []  # the sidecar's file is held, and so is every one under the broken _meta.yml


# --- Markdown nesting -------------------------------------------------------------------------------


def test_a_5000_level_list_is_refused_in_well_under_a_second():
    text = "\n".join("  " * level + "- 项目" for level in range(5000))
    started = time.perf_counter()
    with pytest.raises(budgets.OverBudget) as caught:
        _markdown_html(text)
    assert time.perf_counter() - started < 1.0
    assert caught.value.params["line"] == budgets.MAX_MARKDOWN_DEPTH + 1


@pytest.mark.parametrize("text", [
    "\n".join(">" * level + " 引文" for level in range(1, 2000)),
    "- " * 3000 + "项目",
    "[" * 3000 + "链接" + "]" * 3000,
])
def test_other_deep_nestings_are_refused_too(text):
    with pytest.raises(budgets.OverBudget):
        _markdown_html(text)


def test_ordinary_nesting_is_still_rendered():
    html = _markdown_html("# 标题\n\n- 一\n    - 二\n        - 三\n\n> 引文\n>> 再引\n\n[链接](a.html)\n")
    assert html.count("<ul>") == 3 and "<blockquote>" in html and '<a href="a.html">' in html


def test_a_deeply_nested_body_is_published_as_plain_text_with_one_problem(make_archive, run_cli):
    deep = "---\n标题: 深层列表\n---\n" + "\n".join("  " * level + f"- 第{level}层" for level in range(400))
    root = make_archive({f"{FOLDER}/深层.md": deep, ORDINARY: ORDINARY_TEXT})
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    problems = [line for line in lines_about(result.output, "深层.md") if line.startswith("warning")]
    assert len(problems) == 1 and "levels deep" in problems[0]
    text = published_text(root / "site")
    assert "蓝鲸计划" in text and "- 第10层" in text and "<li>第10层" not in text  # shown plain, not as a list


def test_a_body_whose_markdown_takes_too_long_is_published_as_plain_text_with_one_problem(make_archive, run_cli,
                                                                                         monkeypatch):
    """'[a](' 30,000 times: Python-Markdown needed minutes; it is converted in the worker, stopped at its budget."""
    monkeypatch.setattr(budgets, "MARKDOWN_SECONDS", 2.0)
    slow = "---\n标题: 链接炸弹\n---\n" + "[a](" * 30000
    root = make_archive({f"{FOLDER}/链接.md": slow, ORDINARY: ORDINARY_TEXT})
    started = time.monotonic()
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    assert time.monotonic() - started < 120  # not minutes: the conversion was stopped
    problems = [line for line in lines_about(result.output, "链接.md") if line.startswith("warning")]
    assert len(problems) == 1 and "2 s" in problems[0], result.output  # over its time budget
    assert "蓝鲸计划" in published_text(root / "site")  # the rest is built


def test_markdown_converts_in_the_worker_as_it_does_here():
    text = "正文 [链接](a.html) `代码` *强调*\n\n" * 800
    assert _markdown_html(text) == __import__("markdown").markdown(
        text, extensions=["tables", "fenced_code", "sane_lists"], output_format="html")


# --- zip bombs: the package budget ---------------------------------------------------------------------


def _docx_with_body(xml_body: bytes) -> bytes:
    """A real DOCX (python-docx) whose document.xml body is replaced by ``xml_body``."""
    import docx

    buffer = io.BytesIO()
    document = docx.Document()
    document.add_paragraph("x")
    document.save(buffer)
    return _replace_member(buffer.getvalue(), "word/document.xml",
                           lambda data: data.split(b"<w:body>")[0] + b"<w:body>" + xml_body + b"</w:body></w:document>")


def _replace_member(package: bytes, name: str, change) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(package))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info.filename, change(data) if info.filename == name else data)
    return out.getvalue()


def test_a_docx_whose_xml_is_100_mb_and_an_xlsx_zip_bomb_are_one_line_each(make_archive, run_cli):
    import openpyxl

    bomb_docx = _docx_with_body(b"<w:p><w:r><w:t>" + "检查".encode() * 17_500_000 + b"</w:t></w:r></w:p>")
    workbook = openpyxl.Workbook()
    workbook.active.append(["学校", "学生数"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    rows = b'<row><c t="inlineStr"><is><t>x</t></is></c></row>' * 2_000_000  # 100 MB of XML
    bomb_xlsx = _replace_member(buffer.getvalue(), "xl/worksheets/sheet1.xml",
                                lambda data: data.split(b"<sheetData>")[0] + b"<sheetData>" + rows
                                + b"</sheetData></worksheet>")
    assert len(bomb_docx) < 1024 * 1024 and len(bomb_xlsx) < 1024 * 1024
    root = make_archive({f"{FOLDER}/炸弹.docx": bomb_docx, f"{FOLDER}/炸弹表.xlsx": bomb_xlsx, ORDINARY: ORDINARY_TEXT})
    started = time.monotonic()
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    for name in ("炸弹.docx", "炸弹表.xlsx"):
        [line] = lines_about(result.output, name)
        assert "over the reading budget" in line
    assert "蓝鲸计划" in published_text(root / "site")
    assert time.monotonic() - started < 120


# --- sparse workbooks: the extent of a sheet ---------------------------------------------------------


def _sparse_xlsx(first: str = "A1", last: str = "XFD1048576", dimension: bool = True) -> bytes:
    """A workbook of two cells, at ``first`` and ``last``: 5 KB that calamine would hold as a dense range."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active[first] = "表头"
    workbook.active[last] = "end"
    buffer = io.BytesIO()
    workbook.save(buffer)
    if dimension:
        return buffer.getvalue()
    return _replace_member(buffer.getvalue(), "xl/worksheets/sheet1.xml",
                           lambda data: re.sub(rb"<dimension [^>]*/>", b"", data))


def test_a_sparse_workbook_as_a_data_table_is_one_line_and_the_rest_is_built(make_archive, run_cli):
    # calamine allocates the dense 1,048,576 × 16,384 range (512 GB) and aborts the process: no exception to catch.
    root = make_archive({"content/data/school_stats.xlsx": _sparse_xlsx(), ORDINARY: ORDINARY_TEXT})
    checked = run_cli(root, "check")
    assert checked.exit_code in (0, 1, 3), checked.output
    [line] = {line for line in lines_about(checked.output, "school_stats.xlsx")}
    assert "1,048,576 rows × 16,384 columns" in line and "delete the empty rows and columns" in line
    built = run_cli(root, "build")
    assert built.exit_code == 0, built.output
    assert "1,048,576 rows × 16,384 columns" in "".join(lines_about(built.output, "school_stats.xlsx"))
    assert "蓝鲸计划" in published_text(root / "site")


def test_a_sparse_workbook_as_evidence_is_one_line_without_a_backtrace(make_archive, run_cli):
    root = make_archive({f"{FOLDER}/稀疏表.xlsx": _sparse_xlsx(), ORDINARY: ORDINARY_TEXT})
    done = subprocess.run([sys.executable, "-c", "from archive_builder.commands.cli import main; main()",
                           "--root", str(root), "build"], capture_output=True, text=True, timeout=300,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    assert done.returncode == 0, done.stderr
    output = done.stdout + done.stderr
    [line] = lines_about(output, "稀疏表.xlsx")
    assert "1,048,576 rows × 16,384 columns" in line
    assert "backtrace" not in output and "memory allocation" not in output
    assert "蓝鲸计划" in published_text(root / "site")


@pytest.mark.parametrize("cells", [("A1", "XFD1048576", True), ("A1", "XFD1048576", False), ("C3", "ZZ100000", False)])
def test_a_sheet_s_extent_is_measured_from_its_declaration_and_from_its_cells(tmp_path, cells):
    from archive_builder.inventory.readers import ReadFailed, table_rows

    path = tmp_path / "稀疏.xlsx"
    path.write_bytes(_sparse_xlsx(*cells))
    with pytest.raises(ReadFailed) as caught:
        table_rows(path)
    assert caught.value.code == "scan.too_large" and "delete the empty rows and columns" in caught.value.detail


def test_an_ordinary_workbook_is_within_the_extent():
    from archive_builder.inventory.readers.budget import check_sheet_extent

    with zipfile.ZipFile(io.BytesIO(_sparse_xlsx("A1", "Z1000"))) as archive:
        check_sheet_extent(archive)  # 26,000 cells


def _record(kind: int, body: bytes) -> bytes:
    return kind.to_bytes(2, "little") + len(body).to_bytes(2, "little") + body


def test_a_biff_sheet_s_extent_is_measured_from_its_records():
    from archive_builder.inventory.readers.base import ReadFailed
    from archive_builder.inventory.readers.budget import check_biff_extent

    bof = _record(0x0809, b"\x00\x06\x10\x00" + bytes(12))
    number = _record(0x0203, (0).to_bytes(2, "little") * 3 + bytes(8))
    check_biff_extent(bof + number)
    far = _record(0x0203, (65535).to_bytes(2, "little") * 2 + bytes(10))
    dimensions = _record(0x0200, (0).to_bytes(4, "little") + (65536).to_bytes(4, "little")
                         + (0).to_bytes(2, "little") + (65535).to_bytes(2, "little") + bytes(2))
    for sheet in (bof + number + far, bof + dimensions):
        with pytest.raises(ReadFailed) as caught:
            check_biff_extent(sheet)
        assert "65,536 rows" in caught.value.detail


def test_a_reader_that_aborts_is_one_line_and_its_standard_error_stays_out_of_the_terminal():
    # a Rust reader that fails to allocate prints its backtrace on the worker's standard error and aborts
    code = ("import os\n"
            "from archive_builder.core import budgets\n"
            "def abort_noisily():\n"
            "    os.write(2, b'memory allocation of 549755813888 bytes failed\\nstack backtrace:\\n  0: rust_oom\\n')\n"
            "    os.abort()\n"
            "try:\n    budgets.bounded(abort_noisily, seconds=30)\n"
            "except budgets.OverBudget as exc:\n    print(exc.code)\n"
            "print(budgets.bounded(len, b'next', seconds=30))\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60,
                          env={**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])})
    assert done.stdout.split() == ["budget.crashed", "4"], done.stderr
    assert "backtrace" not in done.stderr and "memory allocation" not in done.stderr


# --- the reader worker: time and memory ----------------------------------------------------------------


def _heavy_docx(megabytes: int) -> bytes:
    """A DOCX within the package budget whose reading needs several times its XML in memory."""
    count = megabytes * 1024 * 1024 // 48
    return _docx_with_body(b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % (i * 7) for i in range(count)))


@pytest.fixture
def small_memory_budget(monkeypatch):
    monkeypatch.setattr(budgets, "READ_MEMORY", 64 * 1024 * 1024)
    yield
    budgets.stop_worker()


def test_a_file_over_the_memory_budget_is_one_line_and_the_rest_is_published(make_archive, run_cli,
                                                                              small_memory_budget):
    root = make_archive({f"{FOLDER}/巨型.docx": _heavy_docx(24), ORDINARY: ORDINARY_TEXT})
    result = run_cli(root, "build")
    assert result.exit_code == 0, result.output
    [line] = lines_about(result.output, "巨型.docx")
    assert "more than 64 MB of memory" in line
    assert "蓝鲸计划" in published_text(root / "site")


def test_text_extraction_over_the_memory_budget_holds_the_document(make_archive, monkeypatch):
    root = make_archive({f"{FOLDER}/巨型.docx": _heavy_docx(24), ORDINARY: ORDINARY_TEXT})
    config = load_config(root)
    inventory = scan_archive(config)  # the full budget: the file opens
    monkeypatch.setattr(budgets, "READ_MEMORY", 64 * 1024 * 1024)
    try:
        inventory = review_inventory(config, inventory, ocr=False)
    finally:
        budgets.stop_worker()
    heavy = next(d for d in inventory.documents if d.path.endswith("巨型.docx"))
    assert decide(heavy).held and "more than 64 MB" in heavy.read_error
    lines = [p for p in inventory.problems if p.path == heavy.path]
    assert len(lines) == 1 and "more than 64 MB" in lines[0].message
    ordinary = next(d for d in inventory.documents if d.path.endswith("普通通知.md"))
    assert decide(ordinary).status == "published"


def test_an_overrun_is_remembered_so_the_ordered_pass_does_not_pay_it_again(make_archive, monkeypatch):
    root = make_archive({f"{FOLDER}/巨型.docx": _heavy_docx(24)})
    config = load_config(root)
    [doc] = scan_archive(config).documents
    monkeypatch.setattr(budgets, "READ_MEMORY", 64 * 1024 * 1024)
    try:
        with pytest.raises(ExtractFailed) as first:
            extract_text(doc, config.cache_dir, ocr=False)
    finally:
        budgets.stop_worker()
    monkeypatch.setattr(budgets, "bounded", lambda *a, **k: pytest.fail("read again"))
    with pytest.raises(ExtractFailed) as second:
        extract_text(doc, config.cache_dir, ocr=False)
    assert first.value.code == second.value.code == "scan.too_large"
    assert str(first.value) == str(second.value)


def _processes_running(marker: str) -> list[int]:
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            if marker.encode() in Path(f"/proc/{pid}/cmdline").read_bytes():
                found.append(int(pid))
        except OSError:
            continue
    return found


def test_a_reading_over_its_time_is_stopped_with_what_it_started():
    started = time.monotonic()
    with pytest.raises(budgets.OverBudget) as caught:
        budgets.bounded(subprocess.run, ["sleep", "41.2345"], seconds=0.5)
    assert caught.value.code == "budget.over_time"
    assert time.monotonic() - started < 5
    deadline = time.monotonic() + 5
    while _processes_running("41.2345") and time.monotonic() < deadline:
        time.sleep(0.05)
    assert _processes_running("41.2345") == []
    assert budgets.bounded(len, b"next file", seconds=5) == 9  # a fresh worker takes the next file


def _pdf_claiming_pages(claimed: int) -> bytes:
    """A 600-byte PDF with one real page whose page tree claims ``claimed`` pages (pdfium believes /Count)."""
    body = b"BT /F1 12 Tf 72 720 Td (PAGECOUNTLIE one real page) Tj ET"
    return pdf_of([b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [5 0 R] /Count %d >>" % claimed,
                   b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
                   b"<< /Length %d >>\nstream\n" % len(body) + body + b"\nendstream",
                   b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                   b"/Contents 4 0 R >>"], version=b"1.7")


def test_the_pages_a_file_claims_count_towards_its_time_only_up_to_what_ocr_reads():
    most = budgets.read_seconds(budgets.MAX_OCR_PAGES, True)
    assert budgets.read_seconds(100_000, True) == budgets.read_seconds(2 * 10**9, True) == most
    assert budgets.read_seconds(2, True) < most and budgets.read_seconds(100_000, False) == budgets.READ_SECONDS


def test_a_budget_longer_than_the_pipe_can_wait_is_still_a_budget():
    assert budgets.bounded(len, b"file", seconds=10.0**12) == 4  # poll() takes at most 2**31 ms


def test_a_pdf_claiming_100000_pages_is_read_and_the_rest_is_published(make_archive, run_cli):
    root = make_archive({f"{FOLDER}/页数.pdf": _pdf_claiming_pages(100_000), ORDINARY: ORDINARY_TEXT})
    result = run_cli(root, "build")
    assert result.exit_code == 0 and result.exception is None, result.output
    assert len([line for line in lines_about(result.output, "页数.pdf") if not line.startswith(" ")]) <= 1
    assert "蓝鲸计划" in published_text(root / "site")


def test_reader_errors_cross_the_worker_with_their_code(tmp_path):
    from archive_builder.core.model import Document
    from archive_builder.review.extract import _extract

    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"PK\x03\x04 not really a zip")
    doc = Document(path="x/坏.docx", abspath=broken, type="docx", title="坏", department="d", category="c",
                   years=[2016], sha256="0" * 64, size=broken.stat().st_size)
    with pytest.raises(ExtractFailed) as direct:
        _extract(doc, False)
    with pytest.raises(ExtractFailed) as through:
        budgets.bounded(_extract, doc, False, seconds=30)
    assert (through.value.code, str(through.value)) == (direct.value.code, str(direct.value))


def test_a_word_body_too_slow_to_convert_is_shown_as_its_text_with_one_problem(make_archive, run_cli, monkeypatch):
    # mammoth needs minutes and gigabytes for a DOCX whose text is read in seconds; its page falls back.
    monkeypatch.setattr(budgets, "RENDER_SECONDS", 0.2)
    marker = b"<w:p><w:r><w:t>\xe8\x9c\x82\xe9\xb8\x9f\xe4\xba\x8c\xe5\x8f\xb7</w:t></w:r></w:p>"  # 蜂鸟二号
    slow = _docx_with_body(marker + b"".join(b"<w:p><w:r><w:t>%d</w:t></w:r></w:p>" % i for i in range(60_000)))
    root = make_archive({f"{FOLDER}/慢文件.docx": slow, ORDINARY: ORDINARY_TEXT})
    try:
        result = run_cli(root, "build")
    finally:
        budgets.stop_worker()
    assert result.exit_code == 0, result.output
    problems = [line for line in lines_about(result.output, "慢文件.docx") if line.startswith("warning")]
    assert len(problems) == 1 and "could not be shown on the site" in problems[0] and "longer than" in problems[0]
    text = published_text(root / "site")
    assert "蓝鲸计划" in text and "蜂鸟二号" in text  # the document is published, its text shown plain


def test_a_text_body_that_stalls_its_reader_is_held_and_the_rest_is_published(make_archive, run_cli, monkeypatch):
    # Text the scan decoded is reviewed in the worker too: a reader stuck on one body costs its budget only.
    import archive_builder.inventory.readers.text as text_reader

    plain = text_reader.markdown_plain

    def stuck(text: str) -> str:
        if "卡住" in text:
            time.sleep(60)
        return plain(text)

    monkeypatch.setattr(text_reader, "markdown_plain", stuck)
    monkeypatch.setattr(budgets, "READ_SECONDS", 1.0)
    budgets.stop_worker()  # the next worker is forked with the stuck reader
    root = make_archive({f"{FOLDER}/卡住.md": "# 卡住\n正文卡住了。\n", ORDINARY: ORDINARY_TEXT})
    started = time.monotonic()
    try:
        result = run_cli(root, "build")
    finally:
        budgets.stop_worker()
    assert time.monotonic() - started < 50
    assert result.exit_code == 0, result.output
    [line] = lines_about(result.output, "卡住.md")
    assert "held for review" in line and "longer than 1 s" in line
    text = published_text(root / "site")
    assert "蓝鲸计划" in text and "正文卡住了" not in text


# --- YAML the tool reads besides metadata: config, checklists, waivers, targets -------------------


@pytest.mark.parametrize(("file", "command"), [
    ("site_config/archive.yml", "scan"),
    ("checklists/county.yml", "check"),
    ("checklists/waivers.yml", "check"),
])
def test_an_alias_in_any_yaml_file_is_one_line_naming_file_line_and_fix(make_archive, run_cli, file, command):
    root = make_archive({ORDINARY: ORDINARY_TEXT, file: "# 说明\n" + LAUGHS})
    started = time.perf_counter()
    result = run_cli(root, command)
    assert time.perf_counter() - started < 30
    assert result.exit_code != 0
    [line] = [line for line in lines_about(result.output, Path(file).name) if "alias" in line]
    assert f"{file}:2:" in line and "Write each value out in full" in line


def test_an_alias_in_the_targets_file_is_one_line_naming_file_line_and_fix(make_archive):
    from archive_builder.checking.targets import load_targets
    from archive_builder.core.errors import ConfigError

    root = make_archive({ORDINARY: ORDINARY_TEXT, "checklists/targets.yml": "# 说明\n" + LAUGHS})
    with pytest.raises(ConfigError) as caught:
        load_targets(load_config(root))
    assert "checklists/targets.yml:2:" in str(caught.value) and "Write each value out in full" in str(caught.value)


def test_a_yaml_alias_is_refused_before_anything_is_built():
    with pytest.raises(yamlio.Refused) as caught:
        yamlio.loads("a: &x 1\nb: *x\n")
    assert caught.value.code == "scan.yaml_alias" and yamlio.error_line(caught.value) == 1
    assert "anchor or alias" in str(caught.value).splitlines()[0]


def test_an_alias_in_the_archive_s_mkdocs_yml_is_refused_with_a_clear_line(make_archive, run_cli):
    root = make_archive({ORDINARY: ORDINARY_TEXT, "mkdocs.yml": "site_name: 示范县\n" + LAUGHS})
    started = time.perf_counter()
    result = run_cli(root, "build")
    assert time.perf_counter() - started < 60
    assert result.exit_code != 0
    [line] = [line for line in result.output.splitlines() if "mkdocs.yml" in line]
    assert "anchor or alias" in line and "line 2" in line
