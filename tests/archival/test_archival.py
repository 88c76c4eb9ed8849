"""档号 assignment, its stability, and the 归档文件目录 in every format."""

from __future__ import annotations

import csv
import io

import openpyxl
from PIL import Image

from archive_builder.archival.catalogue import COLUMNS
from archive_builder.archival.numbers import RECORD_FILE, assign_numbers, parse_code, read_record, write_record
from archive_builder.core.config import load_config
from archive_builder.inventory.scan import scan_archive


def md(title: str, date: str, extra: str = "") -> str:
    return f"---\n标题: {title}\n日期: {date}\n{extra}---\n{title}正文\n"


FILES = {
    "content/县财政局/保障机制/2016/b.md": md("乙通知", "2016-03-01"),
    "content/县财政局/保障机制/2016/a.md": md("甲通知", "2016-01-05"),
    "content/县财政局/保障机制/2016/c.md": md("丙通知", "2016-05-01", "保管期限: 10年\n"),
    "content/县教科局/发展规划/2015/d.md": md("规划", "2015-06-01"),
}


def numbered(root):
    config = load_config(root)
    inventory = scan_archive(config)
    return config, inventory, assign_numbers(config, inventory.documents, read_record(root))


def test_codes_follow_the_standard_form_and_date_order(make_archive):
    _, _, numbering = numbered(make_archive(FILES))
    assert numbering.codes == {
        "县财政局/保障机制/2016/a.md": "J001-WS·2016-Y-CZJ-0001",
        "县财政局/保障机制/2016/b.md": "J001-WS·2016-Y-CZJ-0002",
        "县财政局/保障机制/2016/c.md": "J001-WS·2016-D10-CZJ-0001",
        "县教科局/发展规划/2015/d.md": "J001-WS·2015-Y-JKJ-0001",
    }
    assert numbering.problems == []


def test_adding_a_document_in_the_middle_changes_no_earlier_code(make_archive):
    root = make_archive(FILES)
    _, _, first = numbered(root)
    write_record(root, first)
    (root / "content/县财政局/保障机制/2016/between.md").write_text(md("新通知", "2016-02-01"), encoding="utf-8")
    _, _, second = numbered(root)
    for path, code in first.codes.items():
        assert second.codes[path] == code
    assert second.codes["县财政局/保障机制/2016/between.md"] == "J001-WS·2016-Y-CZJ-0003"
    assert second.new == ["县财政局/保障机制/2016/between.md"]


def test_a_moved_file_keeps_its_code_and_a_removed_one_leaves_a_reported_gap(make_archive):
    root = make_archive(FILES)
    _, _, first = numbered(root)
    write_record(root, first)
    base = root / "content/县财政局/保障机制/2016"
    (base / "a.md").rename(base / "moved-a.md")
    _, _, moved = numbered(root)
    assert moved.codes["县财政局/保障机制/2016/moved-a.md"] == "J001-WS·2016-Y-CZJ-0001"
    write_record(root, moved)
    (base / "moved-a.md").unlink()
    _, _, gap = numbered(root)
    assert [(p.code, p.params["numbers"]) for p in gap.problems] == [("archival.gap", "0001")]


def test_clerk_given_codes_are_validated(make_archive):
    root = make_archive({
        "content/县财政局/保障机制/2016/ok.md": md("自编", "2016-01-01", "档号: J001-WS·2016-Y-CZJ-0005\n"),
        "content/县财政局/保障机制/2016/bad.md": md("格式错", "2016-01-02", "档号: 2016-CZJ-5\n"),
        "content/县财政局/保障机制/2016/cls.md": md("类别错", "2016-01-03", "档号: J001-WS·2015-Y-CZJ-0001\n"),
        "content/县财政局/保障机制/2016/dup.md": md("重复", "2016-01-04", "档号: J001-WS·2016-Y-CZJ-0005\n"),
    })
    _, _, numbering = numbered(root)
    codes = {p.path.rsplit("/", 1)[1]: p.code for p in numbering.problems if p.severity == "error"}
    assert codes == {"bad.md": "archival.bad_format", "cls.md": "archival.class_mismatch",
                     "dup.md": "archival.duplicate"}
    assert numbering.codes["县财政局/保障机制/2016/ok.md"] == "J001-WS·2016-Y-CZJ-0005"
    gaps = [p for p in numbering.problems if p.code == "archival.gap"]
    assert gaps and "0001" in gaps[0].params["numbers"]


def test_parse_code_round_trip():
    cls, number = parse_code("J001-WS·2016-D30-CZJ-0042")
    assert (cls.year, cls.retention, cls.org, number) == (2016, "D30", "CZJ", 42)
    assert cls.code(number) == "J001-WS·2016-D30-CZJ-0042"
    assert parse_code("J001-WS-2016-Y-CZJ-1") is None


def test_catalogue_xlsx_lists_every_document_and_withholds_secret_titles(make_archive, run_cli, tmp_path):
    files = dict(FILES)
    files["content/县财政局/保障机制/2016/s.md"] = md("绝不能出现的题名", "2016-04-01", "密级: 秘密\n")
    root = make_archive(files)
    out = tmp_path / "目录.xlsx"
    result = run_cli(root, "catalogue", "--format", "xlsx", "--output", str(out))
    assert result.exit_code == 0, result.output
    workbook = openpyxl.load_workbook(out)
    assert workbook.sheetnames[0] == "封面"
    titles, codes = [], []
    for sheet in workbook.worksheets[1:]:
        rows = list(sheet.iter_rows(values_only=True))
        assert tuple(rows[0]) == COLUMNS
        assert sheet.page_setup.orientation == "landscape"
        assert sheet.freeze_panes == "A2"
        numbers = [int(r[1].rsplit("-", 1)[1]) for r in rows[1:]]
        assert numbers == list(range(1, len(numbers) + 1))  # 件号 continuous within the class
        titles += [r[4] for r in rows[1:]]
        codes += [r[1] for r in rows[1:]]
    assert len(codes) == 5
    assert "绝不能出现的题名" not in titles
    assert any("title withheld" in str(tt) for tt in titles)
    assert (root / RECORD_FILE).is_file()


def test_catalogue_xlsx_without_an_output_file_is_a_usage_error(make_archive, run_cli):
    root = make_archive(FILES)
    result = run_cli(root, "catalogue", "--format", "xlsx")
    assert result.exit_code == 2
    assert "--format xlsx writes a workbook: add --output FILE.xlsx" in result.output
    assert not (root / RECORD_FILE).exists()
    chinese = run_cli(root, "--lang", "zh", "catalogue", "--format", "xlsx")
    assert chinese.exit_code == 2 and "请加上 --output 文件名.xlsx" in chinese.output


def test_catalogue_csv_has_bom_and_exact_header(make_archive, run_cli, tmp_path):
    root = make_archive(FILES)
    out = tmp_path / "c.csv"
    assert run_cli(root, "catalogue", "--format", "csv", "--output", str(out)).exit_code == 0
    data = out.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == COLUMNS
    assert len(rows) == 5
    assert rows[1][5] == "20160105" or rows[1][5].isdigit()


def test_catalogue_markdown_prints_by_class(make_archive, run_cli):
    root = make_archive(FILES)
    result = run_cli(root, "catalogue", "--no-record")
    assert result.exit_code == 0
    assert "## J001-WS·2016-Y-CZJ" in result.stdout
    assert "甲通知" in result.stdout
    assert not (root / RECORD_FILE).exists()


def test_a_document_marked_secret_in_its_text_is_listed_without_its_title(make_archive, run_cli):
    files = dict(FILES)
    files["content/县财政局/保障机制/2016/mark.txt"] = "机密★1年\n\n不可外传的标题\n正文"
    root = make_archive(files)
    result = run_cli(root, "catalogue", "--no-record")
    assert result.exit_code == 0
    assert "不可外传" not in result.stdout and "mark" not in result.stdout
    assert "title withheld" in result.stdout


def test_names_typed_on_a_mac_give_the_same_inventory_and_codes(make_archive):
    import unicodedata

    from archive_builder.archival.numbers import assign_numbers

    name = "2016-Lǚ老师的Café交流总结.md"  # pinyin tone marks decompose under NFD (macOS)
    text = "---\n日期: 2016-05-01\n---\n# 总结\n"
    nfc_root = make_archive({f"content/县教科局/教师队伍建设/{unicodedata.normalize('NFC', name)}": text}, name="nfc")
    nfd_root = make_archive({f"content/县教科局/教师队伍建设/{unicodedata.normalize('NFD', name)}": text}, name="nfd")
    _, nfc_inventory, nfc_numbers = numbered(nfc_root)
    write_record(nfd_root, nfc_numbers)  # the record made on Windows, used on the Mac
    config, nfd_inventory, _ = numbered(nfd_root)
    assert [d.path for d in nfd_inventory.documents] == [d.path for d in nfc_inventory.documents]
    assert unicodedata.is_normalized("NFC", nfd_inventory.documents[0].path)
    nfd_numbers = assign_numbers(config, nfd_inventory.documents, read_record(nfd_root))
    assert nfd_numbers.codes == nfc_numbers.codes and nfd_numbers.new == []


def test_a_document_held_for_review_is_listed_by_its_number_only(make_archive, run_cli):
    """Nobody could read it, so nobody knows it is not classified: neither its title nor its file name shows."""
    files = dict(FILES)
    blank = io.BytesIO()
    Image.new("RGB", (400, 300), "white").save(blank, format="PNG")  # a photo the OCR finds no text on
    files["content/县财政局/保障机制/2016/未读的通知.png"] = blank.getvalue()
    files["content/县财政局/保障机制/2016/未读的通知.png.yml"] = "标题: 无人读过的题名\n日期: 2016-05-01\n"
    root = make_archive(files)
    result = run_cli(root, "catalogue", "--no-record")
    assert result.exit_code == 0, result.output
    assert "无人读过" not in result.stdout and "未读的通知" not in result.stdout
    assert "held for review; title not published" in result.stdout
