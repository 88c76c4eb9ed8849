"""``archive-builder status``: a department's filed documents, gaps and problems."""

from __future__ import annotations

CHECKLIST = """items:
  - id: cz-funding
    title: 教育经费拨付文件
    department: caizheng
    category: baozhang
    years: 2014-2017
    match: {keywords: [经费]}
"""


def archive(make_archive):
    return make_archive({
        "checklists/a.yml": CHECKLIST,
        "content/县财政局/保障机制/2014/经费拨付.md": "拨付一",
        "content/县财政局/保障机制/2015/经费拨付.md": "拨付二",
        "content/县财政局/保障机制/2016/坏.pdf": b"",
        "content/县教科局/发展规划/2016/规划.md": "规划",
    })


def test_status_shows_filed_missing_and_problems_for_one_department(make_archive, run_cli):
    result = run_cli(archive(make_archive), "status", "--department", "财政局")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "县财政局" in out and "县教科局" not in out
    assert "Filed: 2 documents" in out
    assert "教育经费拨付文件" in out and "2016, 2017" in out
    assert "坏.pdf" in out and "empty" in out


def test_status_in_chinese(make_archive, run_cli):
    result = run_cli(archive(make_archive), "--lang", "zh", "status", "--department", "caizheng")
    assert "已归档：2 份材料" in result.output
    assert "还需提供" in result.output


def test_status_unknown_department_is_a_usage_error(make_archive, run_cli):
    result = run_cli(archive(make_archive), "status", "--department", "不存在局")
    assert result.exit_code == 2
    assert "not a known department" in result.output
