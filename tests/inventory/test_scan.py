"""Scanning content/: inventory, metadata precedence and one clear problem per bad file."""

from __future__ import annotations

import hashlib
import json
import os
import re
from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.inventory.scan import scan_archive

GOOD_MD = "---\ntitle: 经费保障制度\n---\n正文内容\n"


def scan(root: Path):
    return scan_archive(load_config(root))


def by_path(inventory):
    return {d.path: d for d in inventory.documents}


def problems_for(inventory, path):
    return [p for p in inventory.problems if p.path == path]


def test_department_and_category_folders_accept_name_alias_and_id(make_archive):
    root = make_archive({
        "content/县财政局/保障机制/2016/a.md": GOOD_MD,
        "content/财政局/baozhang/2016/b.md": GOOD_MD + "x",
        "content/caizheng/保障机制/2016/c.md": GOOD_MD + "y",
    })
    inventory = scan(root)
    assert inventory.problems == []
    assert {(d.department, d.category) for d in inventory.documents} == {("caizheng", "baozhang")}
    assert len(inventory.documents) == 3


def test_year_comes_from_folder_file_name_or_metadata(make_archive):
    root = make_archive({
        "content/县教科局/发展规划/2015年/规划.md": "# 五年规划\n",
        "content/县教科局/发展规划/2016-总结.md": "# 总结\n",
        "content/县教科局/发展规划/学年.md": "---\n年度: 2015-2016\n---\n",
        "content/县教科局/发展规划/日期.md": "---\n日期: 2017年3月1日\n---\n",
        "content/县教科局/发展规划/文号.md": "---\n文号: 示教发〔2014〕3号\n---\n",
    })
    docs = by_path(scan(root))
    assert docs["县教科局/发展规划/2015年/规划.md"].years == [2015]
    assert docs["县教科局/发展规划/2016-总结.md"].years == [2016]
    assert docs["县教科局/发展规划/学年.md"].years == [2015, 2016]
    assert docs["县教科局/发展规划/日期.md"].years == [2017]
    assert docs["县教科局/发展规划/日期.md"].date == "2017-03-01"
    assert docs["县教科局/发展规划/文号.md"].years == [2014]


def test_title_precedence_frontmatter_heading_file_name(make_archive):
    root = make_archive({
        "content/县教科局/发展规划/2016-文件名标题.md": "# 标题行\n正文",
        "content/县教科局/发展规划/2016-另一个.md": "---\n标题: 元数据标题\n---\n# 标题行\n",
        "content/县教科局/发展规划/2016-无标题.txt": "正文",
    })
    docs = by_path(scan(root))
    assert docs["县教科局/发展规划/2016-文件名标题.md"].title == "标题行"
    assert docs["县教科局/发展规划/2016-另一个.md"].title == "元数据标题"
    assert docs["县教科局/发展规划/2016-无标题.txt"].title == "无标题"


def test_meta_defaults_sidecar_and_frontmatter_precedence(make_archive):
    root = make_archive({
        "content/县住建局/_meta.yml": "保管期限: 30年\n密级: 公开\n",
        "content/县住建局/学校标准化建设/_meta.yml": "year: 2015\ntags: [校舍]\n",
        "content/县住建局/学校标准化建设/验收.pdf": _pdf_bytes(),
        "content/县住建局/学校标准化建设/验收.pdf.yml": "year: 2016\n文号: 示建发〔2016〕5号\n",
        "content/县住建局/学校标准化建设/说明.md": "---\nretention: 10年\n---\n正文",
    })
    docs = by_path(scan(root))
    pdf = docs["县住建局/学校标准化建设/验收.pdf"]
    assert pdf.years == [2016]  # sidecar beats folder default
    assert pdf.retention == "30年"  # inherited from the department's _meta.yml
    assert pdf.tags == ["校舍"]
    assert pdf.doc_no == "示建发〔2016〕5号"
    assert pdf.pages == 1
    note = docs["县住建局/学校标准化建设/说明.md"]
    assert note.retention == "10年"  # frontmatter beats every default
    assert note.years == [2015]


def test_metadata_that_contradicts_its_folder_is_a_warning_naming_both(make_archive):
    root = make_archive({
        "content/县财政局/保障机制/2016/a.md": "---\n单位: 县教科局\n年度: 2014\n---\n",
    })
    inventory = scan(root)
    doc = inventory.documents[0]
    assert (doc.department, doc.years) == ("jiaoke", [2014])
    messages = [p.message for p in inventory.problems]
    assert all(p.severity == "warning" for p in inventory.problems)
    assert any("县财政局" in m and "县教科局" in m for m in messages)
    assert any("2016" in m and "2014" in m for m in messages)


def test_gbk_utf8_and_bom_text_are_decoded(make_archive):
    text = "县财政局关于2016年义务教育经费拨付情况的说明"
    root = make_archive({
        "content/县财政局/保障机制/2016/gbk.txt": text.encode("gbk"),
        "content/县财政局/保障机制/2016/bom.txt": text.encode("utf-8-sig"),
        "content/县财政局/保障机制/2016/plain.txt": text.encode("utf-8"),
        "content/县财政局/保障机制/2016/gb.csv": "学校,金额\n示范一小,1000\n".encode("gb18030"),
    })
    inventory = scan(root)
    assert inventory.problems == []
    docs = by_path(inventory)
    for name in ("gbk.txt", "bom.txt", "plain.txt"):
        assert docs[f"县财政局/保障机制/2016/{name}"].body == text
    assert "示范一小" in docs["县财政局/保障机制/2016/gb.csv"].body


def test_acceptance_each_bad_file_gives_exactly_one_problem(make_archive):
    """GBK text is fine; broken frontmatter, unknown department and empty PDF are one problem each."""
    root = make_archive({
        "content/县财政局/保障机制/2016/经费说明.txt": "县财政局2016年教育经费".encode("gbk"),
        "content/县财政局/保障机制/2016/坏元数据.md": "---\ntitle: [未闭合\nyear 2016\n---\n正文",
        "content/县财政局/保障机制/2016/空文件.pdf": b"",
        "content/县财政局/保障机制/2016/好文件.md": GOOD_MD + "甲",
        "content/不存在的局/发展规划/2016/材料.md": GOOD_MD + "乙",
        "content/县教科局/发展规划/2016/好文件.md": GOOD_MD + "丙",
    })
    inventory = scan(root)
    paths = sorted(p.path for p in inventory.problems)
    assert paths == sorted([
        "县财政局/保障机制/2016/坏元数据.md",
        "县财政局/保障机制/2016/空文件.pdf",
        "不存在的局",
    ])
    assert all(p.severity == "error" for p in inventory.problems)
    assert all(p.message and p.hint and not p.hint.endswith(".hint") for p in inventory.problems)
    assert set(by_path(inventory)) == {
        "县财政局/保障机制/2016/经费说明.txt",
        "县财政局/保障机制/2016/好文件.md",
        "县教科局/发展规划/2016/好文件.md",
    }


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("坏.pdf", b"not a pdf at all", "scan.broken_pdf"),
        ("坏.docx", b"PK\x03\x04broken zip", "scan.broken_docx"),
        ("坏.xlsx", b"plain text pretending", "scan.broken_xlsx"),
        ("坏.doc", b"hello", "scan.broken_doc"),
        ("坏.png", b"GIF89a....", "scan.broken_image"),
        ("坏.txt", b"\x00\x01\x02binary", "scan.undecodable"),
        ("无年度.md", "---\ntitle: 没有年份\n---\n".encode(), "scan.no_year"),
        ("坏年度.md", "---\nyear: 去年\n---\n".encode(), "scan.bad_year"),
        ("坏密级.md", "---\n密级: 很秘密\n---\n".encode(), "scan.bad_classification"),
        ("列表.md", b"---\n- a\n- b\n---\n", "scan.frontmatter_not_mapping"),
    ],
)
def test_bad_files_are_one_error_each(make_archive, name, data, code):
    folder = "content/县教科局/发展规划/" + ("" if "年度" in name else "2016/")
    root = make_archive({folder + name: data, folder + "2016-ok.md": GOOD_MD})
    inventory = scan(root)
    assert [(p.code, p.severity) for p in inventory.problems] == [(code, "error")]
    assert [d.path.rsplit("/", 1)[1] for d in inventory.documents] == ["2016-ok.md"]


def test_unsupported_type_is_a_warning_and_skipped(make_archive):
    root = make_archive({"content/县教科局/发展规划/2016/a.exe": b"MZ", "content/县教科局/发展规划/2016/b.md": GOOD_MD})
    inventory = scan(root)
    assert [(p.code, p.severity) for p in inventory.problems] == [("scan.unsupported_type", "warning")]
    assert len(inventory.documents) == 1


def test_files_outside_category_folders_and_unknown_category(make_archive):
    root = make_archive({
        "content/散落.md": GOOD_MD,
        "content/县教科局/散落.md": GOOD_MD,
        "content/县教科局/杂项/2016/a.md": GOOD_MD,
    })
    codes = sorted(p.code for p in scan(root).problems)
    assert codes == ["scan.not_in_category_folder", "scan.not_in_category_folder", "scan.unknown_category_folder"]


def test_office_lock_files_hidden_files_and_sidecars_are_not_documents(make_archive):
    root = make_archive({
        "content/县教科局/发展规划/2016/~$报告.docx": b"lock",
        "content/县教科局/发展规划/2016/.DS_Store": b"x",
        "content/县教科局/发展规划/2016/报告.md": GOOD_MD,
        "content/县教科局/发展规划/2016/报告.md.yml": "tags: [a]\n",
    })
    inventory = scan(root)
    assert inventory.problems == []
    assert [d.path for d in inventory.documents] == ["县教科局/发展规划/2016/报告.md"]
    assert inventory.documents[0].tags == ["a"]


def test_broken_sidecar_skips_its_file(make_archive):
    root = make_archive({
        "content/县教科局/发展规划/2016/名单.pdf": _pdf_bytes(),
        "content/县教科局/发展规划/2016/名单.pdf.yml": "密级: [秘密\n",
    })
    inventory = scan(root)
    assert inventory.documents == []
    assert {p.code for p in inventory.problems} == {"scan.bad_sidecar", "scan.skipped_for_sidecar"}


def test_broken_yaml_is_reported_at_its_line_in_the_file(make_archive):
    """The line counts from the top of the file: frontmatter starts after its opening ---."""
    root = make_archive({
        "content/县教科局/发展规划/2016/坏.md": "---\ntitle: 规划\nyear: 2016\n密级: 公开: 是\n---\n正文\n",
        "content/县教科局/发展规划/_meta.yml": "保管期限: 30年\n\ttags: [a]\n",
    })
    lines = {p.path: p.params.get("line") for p in scan(root).problems}
    assert lines["县教科局/发展规划/2016/坏.md"] == 4
    assert lines["县教科局/发展规划/_meta.yml"] == 2


def test_data_folder_holds_tables_not_documents(make_archive):
    root = make_archive({
        "content/data/schools.csv": "学校名称,学校代码\n示范一小,1\n",
        "content/data/说明.pdf": _pdf_bytes(),
    })
    inventory = scan(root)
    assert [t.path for t in inventory.tables] == ["data/schools.csv"]
    assert inventory.documents == []
    assert [p.code for p in inventory.problems] == ["scan.data_not_table"]


def test_sha256_and_size_are_of_the_original(make_archive):
    data = "---\nyear: 2016\n---\n内容".encode()
    root = make_archive({"content/县教科局/发展规划/a.md": data})
    doc = scan(root).documents[0]
    assert doc.sha256 == hashlib.sha256(data).hexdigest()
    assert doc.size == len(data)


def test_duplicate_originals_are_reported(make_archive):
    root = make_archive({
        "content/县教科局/发展规划/2016/a.md": GOOD_MD,
        "content/县财政局/保障机制/2016/b.md": GOOD_MD,
    })
    problems = scan(root).problems
    assert [p.code for p in problems] == ["scan.duplicate", "scan.duplicate"]
    assert "县财政局/保障机制/2016/b.md" in problems[0].message


def test_symlink_outside_content_is_refused(make_archive, tmp_path):
    secret = tmp_path / "outside.md"
    secret.write_text(GOOD_MD, encoding="utf-8")
    root = make_archive({"content/县教科局/发展规划/2016/ok.md": GOOD_MD + "ok"})
    os.symlink(secret, root / "content/县教科局/发展规划/2016/link.md")
    inventory = scan(root)
    assert [d.path for d in inventory.documents] == ["县教科局/发展规划/2016/ok.md"]
    assert [p.code for p in inventory.problems] == ["scan.symlink_outside"]


def test_name_that_is_not_utf8_is_reported_not_fatal(make_archive):
    root = make_archive({"content/县教科局/发展规划/2016/ok.md": GOOD_MD})
    folder = os.fsencode(root / "content/县教科局/发展规划/2016")
    with open(folder + b"/" + "名单".encode("gbk") + b".txt", "wb") as handle:
        handle.write("内容".encode("gbk"))
    inventory = scan(root)
    assert len(inventory.documents) == 1
    assert [p.code for p in inventory.problems] == ["scan.bad_name_encoding"]
    assert "名单" in inventory.problems[0].path


def test_unusual_names_work(make_archive):
    names = ["带 空格 的 文件.md", "全角（括号）：说明.md", "emoji📁材料.md", "长" * 60 + ".md"]
    root = make_archive({f"content/县教科局/发展规划/2016/{n}": GOOD_MD + n for n in names})
    inventory = scan(root)
    assert inventory.problems == []
    assert len(inventory.documents) == 4


def test_second_scan_uses_the_cache_and_gives_the_same_inventory(make_archive):
    root = make_archive({
        "content/县教科局/发展规划/2016/a.pdf": _pdf_bytes(),
        "content/县教科局/发展规划/2016/b.md": GOOD_MD,
    })
    first = scan(root)
    assert (root / ".archive-cache" / "scan.json").is_file()
    second = scan(root)
    assert [d.to_dict() for d in first.documents] == [d.to_dict() for d in second.documents]


def test_cache_notices_a_changed_file(make_archive):
    root = make_archive({"content/县教科局/发展规划/2016/a.pdf": _pdf_bytes()})
    scan(root)
    target = root / "content/县教科局/发展规划/2016/a.pdf"
    target.write_bytes(b"broken now")
    inventory = scan(root)
    assert [p.code for p in inventory.problems] == ["scan.broken_pdf"]


def test_json_output_through_the_cli(make_archive, run_cli):
    root = make_archive({
        "content/县教科局/发展规划/2016/a.md": GOOD_MD,
        "content/县教科局/发展规划/2016/b.pdf": b"",
    })
    result = run_cli(root, "scan", "--json")
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    assert [d["path"] for d in data["documents"]] == ["县教科局/发展规划/2016/a.md"]
    doc = data["documents"][0]
    for key in ("path", "title", "department", "category", "years", "type", "sha256", "size"):
        assert key in doc
    assert data["problems"][0]["severity"] == "error"
    assert set(data["problems"][0]) >= {"path", "severity", "message", "hint"}


def test_cli_exit_codes_and_plain_messages(make_archive, run_cli):
    clean = make_archive({"content/县教科局/发展规划/2016/a.md": GOOD_MD}, name="clean")
    result = run_cli(clean, "scan")
    assert result.exit_code == 0
    assert "1 document, 0 data tables; 0 errors, 0 warnings." in result.output  # one document, not "1 documents"
    warned = make_archive({"content/县教科局/发展规划/2016/a.exe": b"MZ"}, name="warned")
    assert run_cli(warned, "scan").exit_code == 0
    assert run_cli(warned, "scan", "--strict").exit_code == 1
    assert run_cli(warned, "scan", "--bogus").exit_code == 2


def test_missing_content_folder_is_a_clear_error(tmp_path, run_cli):
    result = run_cli(tmp_path, "scan")
    assert result.exit_code == 1
    assert "no content/ folder" in result.output
    assert "Traceback" not in result.output


def test_scan_never_writes_under_content(make_archive):
    root = make_archive({
        "content/县教科局/发展规划/2016/a.md": GOOD_MD,
        "content/县教科局/发展规划/2016/b.pdf": _pdf_bytes(),
        "content/县教科局/发展规划/2016/c.txt": b"\xff\xfe\x00bad",
    })
    before = _snapshot(root / "content")
    scan(root)
    scan(root)
    assert _snapshot(root / "content") == before


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(folder.rglob("*")) if p.is_file()
    }


def _pdf_bytes() -> bytes:
    """A one-page PDF (blank A4)."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    return bytes(pdf.output())


def test_years_outside_the_assessment_are_a_warning(make_archive):
    root = make_archive({"content/县教科局/发展规划/2012/旧规划.md": GOOD_MD})
    inventory = scan(root)
    assert [p.code for p in inventory.problems] == ["scan.outside_assessment_years"]
    assert "2012" in inventory.problems[0].message


def test_file_name_metadata_and_doc_no_years_that_disagree_are_a_warning(make_archive):
    root = make_archive({
        "content/县教科局/发展规划/2016-通知.md": "---\n年度: 2015\n文号: 示教发〔2017〕3号\n---\n",
        "content/县教科局/发展规划/2016-一致.md": "---\n年度: 2016\n文号: 示教发〔2016〕3号\n---\n",
        "content/县教科局/发展规划/2016-学年.md": "---\n年度: 2015-2016\n---\n",
    })
    inventory = scan(root)
    assert [(p.path, p.code) for p in inventory.problems] == [
        ("县教科局/发展规划/2016-通知.md", "scan.years_disagree"),
    ]
    message = inventory.problems[0].message
    assert "2015" in message and "2016" in message and "2017" in message


def test_stated_page_count_that_differs_from_the_file_is_a_warning(make_archive):
    root = make_archive({
        "content/县教科局/发展规划/2016/a.pdf": _pdf_bytes(),
        "content/县教科局/发展规划/2016/a.pdf.yml": "页数: 3\n",
    })
    inventory = scan(root)
    assert [p.code for p in inventory.problems] == ["scan.pages_mismatch"]
    assert inventory.documents[0].pages == 3 and inventory.documents[0].file_pages == 1


ID_NUMBER = "11010519491231002X"  # a valid check digit (ISO 7064 MOD 11-2)


def test_scan_lists_withheld_documents_and_counts_personal_numbers(make_archive, run_cli):
    root = make_archive({
        "content/县教科局/规范办学行为/2016/名册.csv": f"姓名,身份证号,电话\n张三,{ID_NUMBER},13812345678\n",
        "content/县教科局/规范办学行为/2016/密件.md": "---\n密级: 机密\n---\n正文",
        "content/县教科局/规范办学行为/2016/标记.txt": "秘密★1年\n\n关于某事的通知\n正文",
        "content/县教科局/规范办学行为/2016/内部.md": "---\n密级: 内部\n---\n内部正文",
    })
    result = run_cli(root, "scan", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    # a classified document is named by its folder and a short reference, never by its file name
    assert "密件" not in result.stdout and "标记" not in result.stdout
    reasons = sorted(w["reason"] for w in data["withheld"])
    assert len(reasons) == 2 and "秘密" in reasons[1] and "机密" in reasons[0], reasons
    assert all(re.fullmatch(r"县教科局/规范办学行为/2016/\(classified file [0-9a-f]{8}\)", w["path"])
               for w in data["withheld"])
    docs = {d["path"].rsplit("/", 1)[1]: d for d in data["documents"]}
    assert docs["名册.csv"]["personal_numbers"] == 2
    assert ID_NUMBER not in result.stdout
    plain = run_cli(root, "scan")
    assert len(re.findall(r"withheld: 县教科局/规范办学行为/2016/\(classified file [0-9a-f]{8}\)", plain.output)) == 2
    # a 内部 one likewise (its title is often its file name), whatever --include-internal a later build uses
    assert len(re.findall(r"internal: 县教科局/规范办学行为/2016/\(internal file [0-9a-f]{8}\)", plain.output)) == 1
    assert "内部.md" not in plain.output
    assert "holds 2 ID, phone or bank card numbers" in plain.output


def test_gbk_text_heavy_in_full_width_bars_is_decoded(make_archive):
    text = "学校｜班级｜人数\n示范一小｜一年级一班｜45\n示范二小｜二年级｜50\n"
    root = make_archive({"content/县教科局/发展规划/2016/表.txt": text.encode("gbk")})
    inventory = scan(root)
    assert inventory.problems == []
    assert inventory.documents[0].body == text


def test_the_year_as_written_is_kept_from_any_layer(make_archive):
    root = make_archive({
        "content/县教科局/发展规划/2015-2016学年/a.md": "# a\n",
        "content/县教科局/发展规划/b/_meta.yml": "年度: 2015-2016\n",
        "content/县教科局/发展规划/b/b.md": "# b\n",
        "content/县教科局/发展规划/2016/c.md": "---\nyear: [2015, 2016]\n---\n",
    })
    docs = {d.path.rsplit("/", 1)[1]: d for d in scan(root).documents}
    assert (docs["a.md"].years, docs["a.md"].year_text) == ([2015, 2016], "2015-2016学年")
    assert (docs["b.md"].years, docs["b.md"].year_text) == ([2015, 2016], "2015-2016")
    assert docs["c.md"].year_text is None


# --- the mark at the top of a text document, kept in the scan cache -----------------------

PLAIN_MD = "---\ntitle: 工作方案\n---\n# 工作方案\n\n各学校：现将方案印发给你们。\n"


def _marks_looked_for(monkeypatch) -> list[str]:
    """The bodies the scan looks for a mark in from now on (each still looked for by the real rules)."""
    import archive_builder.inventory.scan as scan_module

    looked: list[str] = []
    real = scan_module.detect_classification

    def counting(text, lines=40):
        looked.append(text)
        return real(text, lines)

    monkeypatch.setattr(scan_module, "detect_classification", counting)
    return looked


def test_a_warm_scan_reuses_the_mark_found_in_an_unchanged_text(make_archive, monkeypatch):
    root = make_archive({"content/县教科局/发展规划/2016/方案.md": PLAIN_MD,
                         "content/县教科局/发展规划/2016/密.md": "机密★5年\n\n" + PLAIN_MD})
    first = by_path(scan(root))
    looked = _marks_looked_for(monkeypatch)
    second = by_path(scan(root))
    assert looked == []
    assert [d.body_mark for d in second.values()] == [d.body_mark for d in first.values()]
    assert second["县教科局/发展规划/2016/密.md"].body_mark == "机密"
    assert second["县教科局/发展规划/2016/方案.md"].body_mark == ""


def test_a_mark_added_after_a_scan_holds_the_document_back_at_the_next(make_archive):
    from archive_builder.review.policy import decide

    root = make_archive({"content/县教科局/发展规划/2016/方案.md": PLAIN_MD})
    doc = by_path(scan(root))["县教科局/发展规划/2016/方案.md"]
    assert decide(doc).status == "published"
    path = root / "content/县教科局/发展规划/2016/方案.md"
    path.write_text(PLAIN_MD.replace("# 工作方案", "机密★5年\n\n# 工作方案"), encoding="utf-8")
    doc = by_path(scan(root))["县教科局/发展规划/2016/方案.md"]
    assert doc.body_mark == "机密"
    assert decide(doc).status == "classified"
    assert decide(doc).params == {"level": "机密"}


def test_a_mark_kept_under_other_rules_is_looked_for_again(make_archive, monkeypatch):
    import archive_builder.inventory.scan as scan_module
    from archive_builder.review.policy import decide

    root = make_archive({"content/县教科局/发展规划/2016/方案.md": PLAIN_MD})
    scan(root)
    monkeypatch.setattr(scan_module, "detect_mark", lambda text, lines=40: "机密")  # the new rules find one
    doc = by_path(scan(root))["县教科局/发展规划/2016/方案.md"]
    assert doc.body_mark == ""  # same rules version: the finding kept is used
    monkeypatch.setattr(scan_module, "mark_rules_version", lambda: "rules-changed")
    doc = by_path(scan(root))["县教科局/发展规划/2016/方案.md"]
    assert doc.body_mark == "机密"
    assert decide(doc).status == "classified"


def test_a_tampered_mark_in_the_cache_is_not_believed(make_archive):
    from archive_builder.review.policy import decide

    root = make_archive({"content/县教科局/发展规划/2016/方案.md": "绝密★长期\n\n" + PLAIN_MD})
    scan(root)
    cache = root / ".archive-cache" / "scan.json"
    data = json.loads(cache.read_text("utf-8"))
    assert [level for _, level in data["marks"].values()] == ["绝密"]
    data["marks"] = {sha: [rules, "公开"] for sha, (rules, _) in data["marks"].items()}
    cache.write_text(json.dumps(data), encoding="utf-8")
    doc = by_path(scan(root))["县教科局/发展规划/2016/方案.md"]
    assert decide(doc).status == "classified"


def test_the_rules_version_changes_with_the_mark_rules(tmp_path, monkeypatch):
    from archive_builder.core import privacy

    source = Path(privacy.__file__).read_text("utf-8")
    rules = {}
    for name, text in (("same", source), ("changed", source.replace("_SPLIT_PART = 4", "_SPLIT_PART = 5"))):
        (tmp_path / name).write_text(text, encoding="utf-8")
        monkeypatch.setattr(privacy, "__file__", str(tmp_path / name))
        privacy._mark_rules_digest.cache_clear()
        rules[name] = privacy.mark_rules_version()
    monkeypatch.undo()
    privacy._mark_rules_digest.cache_clear()
    assert rules["changed"] != rules["same"]
