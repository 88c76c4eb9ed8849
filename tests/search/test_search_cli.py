"""``archive-builder index`` and ``archive-builder search`` driven through the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "search"
FILED = {
    "县教科局/教师队伍建设/2016/report.pdf": "城乡教师流动补助发放",
    "县教科局/规范办学行为/2017/minutes.docx": "校长职级制改革座谈",
    "县财政局/保障机制/2016/ledger.xlsx": "薄弱学校改造资金台账",
    "县政府办/发展规划/2015/notice-gbk.txt": "留守儿童关爱服务站",
}
MD = "县教科局/教师队伍建设/2016/交流.md"


@pytest.fixture
def root(make_archive) -> Path:
    files: dict[str, str | bytes] = {f"content/{rel}": (FIXTURES / Path(rel).name).read_bytes() for rel in FILED}
    files[f"content/{MD}"] = "---\n文号: 襄政办发〔2017〕13号\n---\n# 教师交流轮岗办法\n推进教师交流轮岗。\n"
    return make_archive(files)


def counters(output: str) -> dict[str, int]:
    """The numbers the index command reports, by name."""
    return {name: int(value) for name, value in re.findall(r"(extracted|indexed|removed|unchanged) (\d+)", output)}


def test_index_twice_second_run_does_nothing(root, run_cli):
    first = run_cli(root, "index")
    assert first.exit_code == 0, first.output
    assert counters(first.output) == {"extracted": 5, "indexed": 5, "removed": 0, "unchanged": 0}
    second = run_cli(root, "index")
    assert second.exit_code == 0
    assert counters(second.output) == {"extracted": 0, "indexed": 0, "removed": 0, "unchanged": 5}


def test_index_json_counters_and_rebuild(root, run_cli):
    run_cli(root, "index")
    result = run_cli(root, "index", "--rebuild", "--json")
    data = json.loads(result.output)
    assert (data["indexed"], data["extracted"], data["unchanged"]) == (5, 0, 0)  # text comes from the cache


@pytest.mark.parametrize("rel", sorted(FILED))
def test_search_json_ranks_the_file_with_the_phrase_first(root, run_cli, rel):
    result = run_cli(root, "search", FILED[rel], "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["query"] == FILED[rel] and data["total"] >= 1
    first = data["results"][0]
    assert first["path"] == rel
    assert set(first) == {"path", "title", "department", "category", "years", "score", "snippet"}
    assert FILED[rel] in first["snippet"]


def test_missing_index_is_built_with_a_notice(root, run_cli):
    result = run_cli(root, "search", "留守儿童")
    assert result.exit_code == 0
    assert "has been built" in result.stderr
    assert "县政府办/发展规划/2015/notice-gbk.txt" in result.stdout
    assert "1 document matches '留守儿童'" in result.stdout


def test_terminal_output_marks_the_match(root, run_cli):
    run_cli(root, "index")
    result = run_cli(root, "search", "流动补助")
    assert "[流动]" in result.stdout or "[流动补助]" in result.stdout
    assert "县教科局 · 教师队伍建设 · 2016" in result.stdout


def test_filters_accept_names_aliases_and_ids(root, run_cli):
    run_cli(root, "index")
    for option in (["--department", "县财政局"], ["--department", "财政局"], ["--department", "caizheng"]):
        data = json.loads(run_cli(root, "search", "学校", *option, "--json").stdout)
        assert [r["path"] for r in data["results"]] == ["县财政局/保障机制/2016/ledger.xlsx"]
    data = json.loads(run_cli(root, "search", "教师", "--category", "队伍建设", "--type", "md", "--json").stdout)
    assert [r["path"] for r in data["results"]] == [MD]
    data = json.loads(run_cli(root, "search", "学校", "--year", "2015", "--json").stdout)
    assert [r["path"] for r in data["results"]] == ["县政府办/发展规划/2015/notice-gbk.txt"]


def test_unknown_department_is_explained(root, run_cli):
    result = run_cli(root, "search", "教师", "--department", "火星局")
    assert result.exit_code == 2
    assert "'火星局' is not a known department name, alias or id." in result.output


def test_doc_no_and_limit(root, run_cli):
    data = json.loads(run_cli(root, "search", "襄政办发[2017]13号", "--json").stdout)
    assert data["results"][0]["path"] == MD
    limited = json.loads(run_cli(root, "search", "教", "--limit", "1", "--json").stdout)
    assert len(limited["results"]) == 1 and limited["total"] > 1


def test_a_count_not_read_through_is_given_as_at_most(make_archive, run_cli, monkeypatch):
    from archive_builder.search import query as searchindex

    root = make_archive({f"content/县教科局/教师队伍建设/2016/{n}.md": "# 记录\n推进教师交流。\n" for n in "甲乙"})
    monkeypatch.setattr(searchindex, "VERIFY_ALL", 0)
    result = run_cli(root, "search", "教师交流", "--limit", "1")
    assert "At most 2 documents match '教师交流'; showing 1" in result.stdout
    assert json.loads(run_cli(root, "search", "教师交流", "--limit", "1", "--json").stdout)["total_exact"] is False
    assert "2 documents match '教师交流'; showing 2." in run_cli(root, "search", "教师交流").stdout


def test_changed_and_removed_files(root, run_cli):
    run_cli(root, "index")
    (root / "content" / MD).write_text("# 教师交流轮岗办法\n推进教师交流轮岗，新增山区教学点。\n", "utf-8")
    (root / "content/县教科局/规范办学行为/2017/minutes.docx").unlink()
    result = run_cli(root, "index")
    assert counters(result.output) == {"extracted": 1, "indexed": 1, "removed": 1, "unchanged": 3}
    assert json.loads(run_cli(root, "search", "校长职级制改革座谈", "--json").stdout)["total"] == 0


def test_corrupt_index_is_rebuilt_with_a_message(root, run_cli):
    run_cli(root, "index")
    for segment in (root / ".archive-cache" / "index").glob("*.seg"):
        segment.write_bytes(segment.read_bytes()[:64])
    result = run_cli(root, "search", "薄弱学校改造资金台账", "--json")
    assert result.exit_code == 0
    assert "damaged" in result.stderr and "rebuilt" in result.stderr
    assert json.loads(result.stdout)["results"][0]["path"] == "县财政局/保障机制/2016/ledger.xlsx"


def test_a_scan_without_the_ocr_engine_is_held_and_says_how_to_install(make_archive, run_cli, monkeypatch):
    import io

    from PIL import Image

    from archive_builder.inventory.readers import ocr
    from archive_builder.inventory.readers.base import ReaderMissing

    image = io.BytesIO()
    Image.new("RGB", (200, 100), "white").save(image, "PNG")
    root = make_archive({"content/县教科局/教师队伍建设/2016/照片.png": image.getvalue()})

    def missing(*_args):
        raise ReaderMissing("reader.ocr_missing", ocr.INSTALL_HINT)

    from archive_builder.core import budgets

    budgets.stop_worker()  # the reading worker is forked afresh and inherits the missing engine
    monkeypatch.setattr(ocr, "recognise", missing)  # the engine is absent: nothing recognises
    try:
        result = run_cli(root, "index")
    finally:
        budgets.stop_worker()  # later tests get a worker with the real engine
    assert result.exit_code == 0
    assert "rapidocr-onnxruntime" in result.output and "照片.png" in result.output
    assert "held for review" in result.output


def test_commands_have_examples(run_cli):
    for name in ("index", "search"):
        result = run_cli(None, name, "--help")
        assert result.exit_code == 0 and "Example:" in result.output
