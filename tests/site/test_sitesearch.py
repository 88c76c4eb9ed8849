"""The site search index: tokens, encoding, query semantics, recall against a text scan, rebuilds."""

from __future__ import annotations

import json
import random
import shutil
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive_builder.core.i18n import lookup
from archive_builder.site import search as sitesearch
from archive_builder.site.search import (
    SearchEntry,
    clean_text,
    decode_postings,
    encode_postings,
    install_assets,
    parse_query,
    query_index,
    scan_text,
    search_html,
    search_partial,
    shard_of,
    write_search_index,
)
from archive_builder.site.search.assets import _UI_KEYS
from archive_builder.site.search.keys import _ALPHABET

DOCS = [
    SearchEntry(
        "docs/jiaoyu/a1.html", "关于推进义务教育均衡发展的通知", "县教育局", "发展规划", [2016], None, "md",
        "为推进义务教育均衡发展，根据示政办发〔2016〕12号文件，全县实行教师轮岗交流制度。Budget Report",
    ),
    SearchEntry(
        "docs/caizheng/b2.html", "教育经费保障", "县财政局", "经费投入", [2015, 2016], "第一中学", "pdf",
        "教师\n轮岗经费由县财政保障。均衡 配置 资源，发展 学校。",
    ),
    SearchEntry(
        "docs/jiaoyu/c3.html", "校舍安全", "县教育局", "办学条件", [2017], "城关小学", "docx",
        "校舍安全排查：轮岗教师宿舍改造。ＡＢＣ budgets ２０１７年",
    ),
]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write_search_index(DOCS, tmp_path)
    return tmp_path


def test_postings_round_trip_examples():
    packed = [(0 << 16) | 1, (1 << 16) | 2, (40 << 16) | 1, (123456 << 16) | 999]
    assert decode_postings(encode_postings(packed)) == [(0, 1), (1, 2), (40, 1), (123456, 999)]


@given(st.dictionaries(st.integers(0, 2_000_000), st.integers(1, 0xFFFF), max_size=60))
@settings(max_examples=60, deadline=None)
def test_postings_round_trip(postings: dict[int, int]):
    packed = [(doc << 16) | tf for doc, tf in sorted(postings.items())]
    assert decode_postings(encode_postings(packed)) == sorted(postings.items())


def test_encoding_uses_only_json_safe_characters():
    encoded = encode_postings([(d << 16) | (d % 7 + 1) for d in range(0, 50_000, 97)])
    assert set(encoded) <= set(_ALPHABET)
    assert '"' not in encoded and "\\" not in encoded


def test_shard_hash_is_fnv1a_over_utf16():
    # FNV-1a 32 of "a" is 0xE40C292C; of the empty string the offset basis 0x811C9DC5.
    assert shard_of("a", 1 << 31) == 0xE40C292C & ((1 << 31) - 1)
    assert shard_of("", 16) == 0x811C9DC5 & 15
    assert 0 <= shard_of("教育", 4096) < 4096


def test_clean_text_joins_cjk_across_line_breaks_and_normalises_width():
    assert clean_text("教师\n 轮岗  交流 Budget\t Report") == "教师轮岗交流 budget report"
    assert clean_text("ＡＢＣ２０１７") == "abc2017"
    assert clean_text("學校 機密") == "学校机密"  # traditional folded to simplified
    assert clean_text("襄政办发[2017]13号") == clean_text("襄政办发【2017】13号") == "襄政办发〔2017〕13号"
    assert clean_text("10% 以上") == "10%以上"


def test_document_keys_hold_every_character_and_pair_and_jieba_words():
    keys = sitesearch.document_keys("义务教育 abc12", ["义务教育"])
    assert keys["义"] == 1 and keys["教育"] == 1 and keys["务教"] == 1
    assert keys["ab"] == 1 and keys["c1"] == 1 and keys["2"] == 1 and keys["育 "] == 1
    assert " " not in keys
    assert keys["义务教育"] == 1


def test_parse_query_words_phrases_and_exclusions():
    clauses = parse_query('教师 "均衡 发展" -经费 NOT 校舍 Budget')
    assert [(c.text, c.negated) for c in clauses] == [
        ("教师", False), ("均衡发展", False), ("经费", True), ("校舍", True), ("budget", False),
    ]
    assert clauses[0].exact and not clauses[1].exact
    assert clauses[1].keys == ["均衡", "衡发", "发展"]


def test_words_are_anded(site: Path):
    assert query_index(site, "教师 轮岗") == ["docs/caizheng/b2.html", "docs/jiaoyu/a1.html", "docs/jiaoyu/c3.html"]
    assert query_index(site, "校舍 均衡") == []


def test_unquoted_run_and_quoted_phrase_need_adjacency(site: Path):
    # c3 has 轮岗 and 教师 but not 教师轮岗; b2 has it across a line break.
    assert query_index(site, "教师轮岗") == ["docs/caizheng/b2.html", "docs/jiaoyu/a1.html"]
    assert query_index(site, '"教师 轮岗"') == ["docs/caizheng/b2.html", "docs/jiaoyu/a1.html"]
    # b2 has 均衡 and 发展 apart; only a1 has the phrase (b2's "均衡 配置" is not "均衡发展").
    assert query_index(site, '"均衡发展"') == ["docs/jiaoyu/a1.html"]


def test_exclusions(site: Path):
    assert query_index(site, "轮岗 -经费") == ["docs/jiaoyu/a1.html", "docs/jiaoyu/c3.html"]
    assert query_index(site, "轮岗 NOT 校舍") == ["docs/caizheng/b2.html", "docs/jiaoyu/a1.html"]
    assert query_index(site, '轮岗 -"教师轮岗"') == ["docs/jiaoyu/c3.html"]
    assert query_index(site, "-轮岗") == []


def test_filters(site: Path):
    assert query_index(site, "轮岗", department="县教育局") == ["docs/jiaoyu/a1.html", "docs/jiaoyu/c3.html"]
    assert query_index(site, "轮岗", category="经费投入") == ["docs/caizheng/b2.html"]
    assert query_index(site, "轮岗", year=2015) == ["docs/caizheng/b2.html"]
    assert query_index(site, "轮岗", year=2017, department="县财政局") == []


def test_doc_numbers_single_characters_and_ascii(site: Path):
    assert query_index(site, "示政办发〔2016〕12号") == ["docs/jiaoyu/a1.html"]
    assert query_index(site, "示政办发〔2016〕13号") == []
    assert query_index(site, "舍") == ["docs/jiaoyu/c3.html"]
    assert query_index(site, "BUDGET") == ["docs/jiaoyu/a1.html", "docs/jiaoyu/c3.html"]  # any case, substrings
    assert query_index(site, "budget report") == ["docs/jiaoyu/a1.html"]
    assert query_index(site, "abc 2017") == ["docs/jiaoyu/c3.html"]  # full-width text found
    assert query_index(site, "县教育局") == ["docs/jiaoyu/a1.html", "docs/jiaoyu/c3.html"]  # by department
    assert query_index(site, "城关小学") == ["docs/jiaoyu/c3.html"]  # by school


def test_recall_of_random_substrings_equals_a_text_scan(tmp_path: Path):
    rng = random.Random(20240501)
    alphabet = "教育均衡发展学校教师轮岗经费校舍义务安全保障资源配置督导评估规划年度县乡镇村小中"
    docs = []
    for i in range(120):
        words = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 6))) for _ in range(60)]
        text = rng.choice(["，", "。", " ", "\n", ""]).join(words)
        docs.append(SearchEntry(f"docs/x/{i:03d}.html", f"文件{i}", "县教育局", "发展规划", [2016], None, "md", text))
    write_search_index(docs, tmp_path)
    checked = 0
    for _ in range(150):
        source = clean_text(rng.choice(docs).text)
        length = rng.randint(1, 7)
        start = rng.randrange(0, max(1, len(source) - length))
        needle = source[start : start + length].strip()
        if '"' in needle or not sitesearch.query_keys(needle):
            continue  # punctuation alone is not a search
        expected = scan_text(docs, needle)
        assert query_index(tmp_path, f'"{needle}"') == expected, needle
        checked += 1
    assert checked > 100


def test_index_files_are_script_calls_with_utf8_and_safe_text(tmp_path: Path):
    doc = SearchEntry("docs/a.html", "标题</script>", "县教育局", "发展规划", [2016], None, "md", "正文</script><b>x")
    write_search_index([doc], tmp_path)
    docs_js = (tmp_path / "search" / "docs.js").read_text(encoding="utf-8")
    assert docs_js.startswith("__abSearch.docs(") and "县教育局" in docs_js and "\\u" not in docs_js
    text_js = (tmp_path / "search" / "text" / "0" / "0.js").read_text(encoding="utf-8")
    assert "</script>" not in text_js and "<\\/script>" in text_js
    assert all(p.relative_to(tmp_path).as_posix().isascii() for p in tmp_path.rglob("*"))


def test_rebuild_rewrites_only_what_changed(tmp_path: Path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    docs = [
        SearchEntry(f"docs/d{i}.html", f"文件{i}", "县教育局", "发展规划", [2016], None, "md",
                    f"第{i}号文件：教师轮岗与学校均衡发展，编号 n{i}。")
        for i in range(40)
    ]
    first = write_search_index(docs, site, cache_dir=cache)
    before = {p: p.read_bytes() for p in (site / "search").rglob("*.js")}
    again = write_search_index(docs, site, cache_dir=cache)
    assert again.shards_written == 0 and again.texts_written == 0
    docs[7].text = "内容改为：校舍安全排查。"
    changed = write_search_index(docs, site, cache_dir=cache)
    assert changed.texts_written == 1
    assert 0 < changed.shards_written < first.shards
    after = {p: p.read_bytes() for p in (site / "search").rglob("*.js")}
    same = [p for p in before if before[p] == after.get(p)]
    assert len(same) >= len(before) - changed.shards_written - 2
    assert query_index(site, "校舍") == ["docs/d7.html"]


def test_stable_ids_when_a_document_is_added(tmp_path: Path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    docs = [SearchEntry(f"docs/m{i}.html", "t", "县教育局", "发展规划", [2016], None, "md", f"正文{i}") for i in range(5)]
    write_search_index(docs, site, cache_dir=cache)
    ids = json.loads((cache / "sitesearch" / "state.json").read_text(encoding="utf-8"))["ids"]
    extra = SearchEntry("docs/a0.html", "t", "县教育局", "发展规划", [2016], None, "md", "新增正文")
    write_search_index([extra, *docs[1:]], site, cache_dir=cache)
    later = json.loads((cache / "sitesearch" / "state.json").read_text(encoding="utf-8"))["ids"]
    assert all(later[u] == ids[u] for u in ids if u != "docs/m0.html")
    assert later["docs/a0.html"] == 5
    assert not (site / "search" / "text" / "0" / "0.js").exists()  # the removed document's text
    assert query_index(site, "新增") == ["docs/a0.html"]
    assert query_index(site, "正文0") == []


def test_the_keys_of_a_text_no_longer_indexed_are_not_kept(tmp_path: Path):
    site, cache = tmp_path / "site", tmp_path / "cache"
    docs = [SearchEntry(f"docs/k{i}.html", "t", "县教育局", "发展规划", [2016], None, "md", f"正文{i}") for i in range(3)]
    write_search_index(docs, site, cache_dir=cache)
    keys = cache / "sitesearch" / "keys"
    assert len(list(keys.rglob("*.json"))) == 3
    write_search_index(docs[1:], site, cache_dir=cache)
    assert len(list(keys.rglob("*.json"))) == 2
    assert query_index(site, "正文2") == ["docs/k2.html"]


def test_install_assets_and_search_box(tmp_path: Path):
    target = install_assets(tmp_path)
    assert (target / "search.js").is_file() and (target / "search.css").is_file()
    box = search_html("../../", lang="zh")
    assert 'src="../../assets/ab-search/search.js"' in box
    assert "全文搜索" in box and "<script" in box and "&quot;" in box
    assert "{{ 'assets/ab-search/search.css' | url }}" in search_partial(lang="en")


def test_assets_use_no_network_and_no_eval():
    for path in sitesearch.ASSET_DIR.iterdir():
        text = path.read_text(encoding="utf-8")
        assert "http:" not in text and "https:" not in text and "//cdn" not in text, path.name
        assert "eval(" not in text and "innerHTML" not in text and "new Function" not in text, path.name


def test_ui_words_exist_in_both_languages():
    for key in _UI_KEYS:
        entry = lookup(f"sitesearch.ui.{key}")
        assert entry["en"] and entry["zh"]


def _tree(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_patched_index_equals_a_full_build(tmp_path: Path):
    docs = [
        SearchEntry(f"docs/p{i:02d}.html", f"文件{i}", "县教育局", "发展规划", [2016], None, "md",
                    f"第{i}号：教师轮岗与学校均衡发展，资源配置 r{i}。")
        for i in range(60)
    ]
    old, cache = tmp_path / "old", tmp_path / "cache"
    write_search_index(docs, old, cache_dir=cache)
    shutil.copytree(cache, tmp_path / "cache-before")
    docs[3].text = "改写后的正文：督导评估。"
    docs = [d for d in docs if d.url != "docs/p10.html"]
    docs.append(SearchEntry("docs/new.html", "新增", "县财政局", "经费投入", [2017], None, "pdf", "新增经费 文件"))
    patched_site = tmp_path / "patched"
    patched = write_search_index(docs, patched_site, cache_dir=cache, previous=old)
    assert patched.keys == 0  # the patch path ran (a full build counts its keys)
    full_site = tmp_path / "full"
    write_search_index(docs, full_site, cache_dir=tmp_path / "cache-before")
    assert _tree(patched_site / "search") == _tree(full_site / "search")
    assert query_index(patched_site, "督导") == ["docs/p03.html"]
    assert query_index(patched_site, "r10") == []
    assert query_index(patched_site, "经费", category="经费投入") == ["docs/new.html"]


def test_a_sentence_added_to_a_document_patches_its_new_keys_and_equals_a_full_build(tmp_path: Path):
    """Most keys of the changed document keep their counts and are left as they are; the rest is exact."""
    docs = [
        SearchEntry(f"docs/p{i:02d}.html", f"文件{i}", "县教育局", "发展规划", [2016], None, "md",
                    f"第{i}号：教师轮岗与学校均衡发展，资源配置 r{i}。教师培训。")
        for i in range(60)
    ]
    old, cache = tmp_path / "old", tmp_path / "cache"
    write_search_index(docs, old, cache_dir=cache)
    shutil.copytree(cache, tmp_path / "cache-before")
    docs[7].text += "补充说明：教师已按督导组意见修订。"  # 教师 once more, 督导 new, the rest as it was
    patched_site = tmp_path / "patched"
    patched = write_search_index(docs, patched_site, cache_dir=cache, previous=old)
    assert patched.keys == 0  # the patch path ran
    full_site = tmp_path / "full"
    write_search_index(docs, full_site, cache_dir=tmp_path / "cache-before")
    assert _tree(patched_site / "search") == _tree(full_site / "search")
    assert query_index(patched_site, "督导") == ["docs/p07.html"]
    assert len(query_index(patched_site, "教师")) == 60
