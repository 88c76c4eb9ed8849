"""The whoosh index: incremental refresh, ranking by unique phrases, filters, privacy, damage repair."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive_builder.core.config import load_config
from archive_builder.core.errors import UsageError
from archive_builder.inventory.scan import scan_archive
from archive_builder.pipeline import search
from archive_builder.search.index import update_index
from archive_builder.search.query import index_dir, make_snippet, resolve_filters

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "search"
PDF = "县教科局/教师队伍建设/2016/report.pdf"
SCAN = "县教科局/教师队伍建设/2016/scan.pdf"
DOCX = "县教科局/规范办学行为/2017/minutes.docx"
XLSX = "县财政局/保障机制/2016/ledger.xlsx"
TXT = "县政府办/发展规划/2015/notice-gbk.txt"
MD = "县教科局/教师队伍建设/2016/交流.md"
MD_TEXT = (
    "---\ntitle: 教师交流轮岗实施办法\n文号: 襄政办发〔2017〕13号\n---\n"
    "全县推进教师交流轮岗，骨干教师到农村学校任教。联系电话 13812345678。\n"
)
#: the phrase only each file holds
PHRASES = {PDF: "城乡教师流动补助发放", DOCX: "校长职级制改革座谈", XLSX: "薄弱学校改造资金台账",
           TXT: "留守儿童关爱服务站"}


def archive_files() -> dict[str, str | bytes]:
    """The search fixtures filed under departments, categories and years, plus one Markdown page."""
    files: dict[str, str | bytes] = {f"content/{rel}": (FIXTURES / Path(rel).name).read_bytes()
                                     for rel in (PDF, SCAN, DOCX, XLSX, TXT)}
    files[f"content/{MD}"] = MD_TEXT
    files["content/县财政局/保障机制/2016/经费.md"] = "# 经费保障\n教师培训经费按公用经费的百分之五安排。\n"
    return files


@pytest.fixture
def archive(make_archive):
    """A scratch archive with its config."""
    return load_config(make_archive(archive_files()))


def refresh(config, **kwargs):
    return update_index(config, scan_archive(config), **kwargs)


def paths(results) -> list[str]:
    return [hit.path for hit in results.hits]


@pytest.mark.parametrize("path", sorted(PHRASES))
def test_phrase_only_in_one_file_ranks_it_first(archive, path):
    refresh(archive)
    results = search(archive, PHRASES[path])
    assert paths(results)[0] == path
    assert PHRASES[path] in results.hits[0].snippet


def test_first_refresh_counts_and_second_does_nothing(archive):
    first = refresh(archive)
    assert (first.added, first.extracted, first.removed, first.unchanged) == (6, 7, 0, 0)
    assert first.created is True
    assert first.withheld == 1  # the scan whose text nothing could read is held for review, not indexed
    second = refresh(archive)
    assert (second.extracted, second.indexed, second.removed, second.unchanged) == (0, 0, 0, 6)


def test_unchanged_refresh_leaves_index_files_untouched(archive):
    refresh(archive)
    folder = index_dir(archive)
    before = {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.suffix in (".seg", ".toc")}
    refresh(archive)
    after = {p.name: p.stat().st_mtime_ns for p in folder.iterdir() if p.suffix in (".seg", ".toc")}
    assert before == after


def test_changed_file_is_reindexed_alone(archive):
    refresh(archive)
    (archive.content_dir / MD).write_text(MD_TEXT.replace("农村学校", "山区教学点"), "utf-8")
    report = refresh(archive)
    assert (report.extracted, report.updated, report.added, report.unchanged) == (1, 1, 0, 5)
    assert paths(search(archive, "山区教学点")) == [MD]
    assert search(archive, "农村学校").total == 0


def test_changed_metadata_alone_is_reindexed(archive):
    refresh(archive)
    (archive.content_dir / MD).write_text(MD_TEXT.replace("实施办法", "工作方案"), "utf-8")
    report = refresh(archive)
    assert (report.updated, report.unchanged) == (1, 5)
    assert search(archive, "工作方案").hits[0].title == "教师交流轮岗工作方案"


def test_removed_file_disappears(archive):
    refresh(archive)
    (archive.content_dir / DOCX).unlink()
    report = refresh(archive)
    assert (report.removed, report.indexed, report.unchanged) == (1, 0, 5)
    assert search(archive, PHRASES[DOCX]).total == 0


def test_filters_narrow_results(archive):
    refresh(archive)
    everything = set(paths(search(archive, "教师")))
    assert {PDF, MD, "县财政局/保障机制/2016/经费.md"} <= everything
    by_dept = search(archive, "教师", resolve_filters(archive, department="财政局"))
    assert paths(by_dept) == ["县财政局/保障机制/2016/经费.md"]
    by_type = search(archive, "教师", resolve_filters(archive, type="PDF"))
    assert paths(by_type) == [PDF]
    by_year = search(archive, "学校", resolve_filters(archive, year="2015"))
    assert paths(by_year) == [TXT]
    by_cat = search(archive, "教师", resolve_filters(archive, category="baozhang"))
    assert paths(by_cat) == ["县财政局/保障机制/2016/经费.md"]


def test_unknown_filters_are_usage_errors(archive):
    with pytest.raises(UsageError, match="'不存在局' is not a known department"):
        resolve_filters(archive, department="不存在局")
    with pytest.raises(UsageError, match="not one of the six categories"):
        resolve_filters(archive, category="nope")
    with pytest.raises(UsageError, match="'16' is not a year"):
        resolve_filters(archive, year="16")


def test_words_are_anded_and_not_and_minus_exclude(archive):
    refresh(archive)
    assert paths(search(archive, "教师 经费")) == ["县财政局/保障机制/2016/经费.md"]
    assert paths(search(archive, "留守儿童 薄弱学校")) == []  # no document holds both
    not_rural = set(paths(search(archive, "教师 NOT 农村")))
    assert MD not in not_rural and PDF in not_rural
    assert set(paths(search(archive, "教师 -农村"))) == not_rural


def test_quoted_phrase_must_appear_as_written(archive):
    refresh(archive)
    assert paths(search(archive, '"教师交流轮岗"')) == [MD]
    assert search(archive, '"轮岗交流教师"').total == 0  # same words, other order
    assert search(archive, "轮岗交流教师").total == 0  # a term is found as written, never as its pieces
    assert paths(search(archive, "轮岗 交流 教师")) == [MD]


def test_a_phrase_read_only_for_the_page_shown_counts_at_most(make_archive, monkeypatch):
    """Candidates holding a phrase's pairs but not the phrase: past VERIFY_ALL the count is an upper bound."""
    from archive_builder.search import query as searchindex

    files = {f"content/县教科局/教师队伍建设/2016/有{n}.md": f"# 记录{n}\n推进教师交流。\n" for n in range(4)}
    files.update({f"content/县教科局/教师队伍建设/2016/无{n}.md": f"# 记录{n}\n教师、师交、交流。\n" for n in range(4)})
    config = load_config(make_archive(files))
    refresh(config)
    holding = {f"县教科局/教师队伍建设/2016/有{n}.md" for n in range(4)}
    assert search(config, "教师交流").exact and set(paths(search(config, "教师交流"))) == holding
    monkeypatch.setattr(searchindex, "VERIFY_ALL", 0)
    page = search(config, "教师交流", limit=1)
    assert not page.exact and 4 <= page.total <= 8 and set(paths(page)) <= holding and len(page.hits) == 1
    everything = search(config, "教师交流", limit=100)
    assert everything.exact and everything.total == 4 and set(paths(everything)) == holding
    assert set(paths(search(config, "教师 -教师交流", limit=100))) == set(
        f"县教科局/教师队伍建设/2016/无{n}.md" for n in range(4))


@pytest.mark.parametrize("query", ["襄政办发〔2017〕13号", "襄政办发[2017]13号", "襄政办发（2017）13号"])
def test_doc_no_finds_its_document(archive, query):
    refresh(archive)
    assert paths(search(archive, query))[0] == MD


def test_snippet_is_masked(archive):
    refresh(archive)
    hit = search(archive, "联系电话").hits[0]
    assert "13812345678" not in hit.snippet and "138****5678" in hit.snippet
    assert "联系电话" in hit.snippet


def test_secret_documents_are_never_indexed(make_archive):
    config = load_config(make_archive({
        "content/县教科局/教师队伍建设/2016/标注.md": "---\n密级: 秘密\n---\n涉密花名册甲\n",
        "content/县教科局/教师队伍建设/2016/文中.md": "绝密★长期\n\n涉密花名册乙\n",
        "content/县教科局/教师队伍建设/2016/内部.md": "---\n密级: 内部\n---\n内部花名册丙\n",
    }))
    report = refresh(config)
    assert report.withheld == 2 and report.indexed == 0
    assert search(config, "花名册").total == 0
    with_internal = refresh(config, include_internal=True)
    assert with_internal.added == 1
    assert paths(search(config, "花名册")) == ["县教科局/教师队伍建设/2016/内部.md"]
    assert refresh(config).removed == 1


def test_text_turning_secret_removes_the_document(archive):
    refresh(archive)
    (archive.content_dir / MD).write_text(MD_TEXT.replace("全县推进", "秘密★1年\n\n全县推进"), "utf-8")
    report = refresh(archive)
    assert (report.removed, report.withheld) == (1, 2)  # the text turned secret, and the held scan
    assert search(archive, "教师交流轮岗").total == 0


def test_missing_index_is_built_on_first_search(archive):
    results = search(archive, PHRASES[XLSX])
    assert results.notice == "index.built_first"
    assert paths(results) == [XLSX]


def _damage(config) -> None:
    """Truncate every segment file of the index."""
    segments = list(index_dir(config).glob("*.seg"))
    assert segments
    for segment in segments:
        segment.write_bytes(segment.read_bytes()[:64])


def test_corrupt_index_is_rebuilt_by_refresh(archive):
    refresh(archive)
    _damage(archive)
    report = refresh(archive)
    assert report.rebuilt and report.added == 6
    assert paths(search(archive, PHRASES[PDF]))[0] == PDF


def test_corrupt_index_is_rebuilt_by_search(archive):
    refresh(archive)
    _damage(archive)
    results = search(archive, PHRASES[DOCX])
    assert results.notice == "index.rebuilt_corrupt"
    assert paths(results) == [DOCX]


def test_lost_manifest_means_a_full_refresh_not_a_failure(archive):
    refresh(archive)
    (index_dir(archive) / "manifest.json").unlink()
    report = refresh(archive)
    assert report.updated == 6 and report.added == 0
    manifest = json.loads((index_dir(archive) / "manifest.json").read_text("utf-8"))
    assert len(manifest["indexed"]) == 6


@pytest.mark.parametrize("damage", [b"{cut sh", b'{"rules": 0, "indexed": [], "skipped": {}}'])
def test_a_damaged_manifest_is_one_notice_and_a_full_refresh(archive, caplog, damage):
    refresh(archive)
    manifest = index_dir(archive) / "manifest.json"
    damage = damage.replace(b'"rules": 0', f'"rules": {json.loads(manifest.read_text("utf-8"))["rules"]}'.encode())
    manifest.write_bytes(damage)
    with caplog.at_level("WARNING"):
        report = refresh(archive)
    assert report.updated == 6 and report.added == 0
    assert [r.getMessage() for r in caplog.records if r.levelname == "WARNING"] == [
        f"notice: the cache file {manifest} was damaged; it was discarded and is made again."]
    assert len(json.loads(manifest.read_text("utf-8"))["indexed"]) == 6


def test_empty_query_is_a_usage_error(archive):
    with pytest.raises(UsageError):
        search(archive, "   ")


def test_make_snippet_centres_on_the_match():
    text = "甲" * 300 + "教师交流" + "乙" * 300
    snippet, spans = make_snippet(text, ["教师交流"])
    assert snippet.startswith("…") and snippet.endswith("…")
    assert [snippet[a:b] for a, b in spans] == ["教师交流"]
