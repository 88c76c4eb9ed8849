"""The review stage: findings from each document's text, remembered by file hash."""

from __future__ import annotations

import shutil

from archive_builder.core.config import load_config
from archive_builder.pipeline import load_inventory
from archive_builder.review import stage as review

FILES = {
    "content/县教科局/规范办学行为/2016/名册.csv": "姓名,身份证号\n张三,11010519491231002X\n",
    "content/县教科局/规范办学行为/2016/标记.txt": "机密★1年\n\n通知\n",
    "content/县教科局/规范办学行为/2016/普通.md": "# 普通\n正文",
}


def findings(root):
    docs = load_inventory(load_config(root)).documents
    return {d.path.rsplit("/", 1)[1]: (d.classification_mark, d.personal_numbers, d.is_secret) for d in docs}


def test_findings_are_remembered_so_a_warm_run_reads_no_text(make_archive, monkeypatch):
    root = make_archive(FILES)
    first = findings(root)
    assert first == {"名册.csv": (None, 1, False), "标记.txt": ("机密", 0, True), "普通.md": (None, 0, False)}
    shutil.rmtree(root / ".archive-cache" / "text")
    calls = []
    monkeypatch.setattr("archive_builder.review.extract.extract_text", lambda *a, **k: calls.append(a))
    assert findings(root) == first
    assert calls == []


def test_new_rules_or_a_changed_file_are_reviewed_again(make_archive, monkeypatch):
    root = make_archive(FILES)
    findings(root)
    (root / FILES_KEY).write_text("普通的文件\n", encoding="utf-8")
    assert findings(root)["标记.txt"] == (None, 0, False)
    monkeypatch.setattr(review, "rules_version", lambda: "other-rules")
    (root / FILES_KEY).write_text("绝密★\n\n通知\n", encoding="utf-8")
    assert findings(root)["标记.txt"] == ("绝密", 0, True)


FILES_KEY = "content/县教科局/规范办学行为/2016/标记.txt"


def test_a_damaged_findings_file_is_discarded_with_a_notice_and_rebuilt(make_archive, caplog):
    root = make_archive(FILES)
    first = findings(root)
    (root / ".archive-cache" / "review.json").write_bytes(b"\xff\xfe not json")
    with caplog.at_level("WARNING"):
        assert findings(root) == first
    assert any("review.json" in record.getMessage() for record in caplog.records)


def test_the_text_of_a_file_changed_or_gone_is_not_kept(make_archive):
    root = make_archive(FILES)
    texts = root / ".archive-cache" / "text"
    findings(root)
    before = {p.name for p in texts.rglob("*.json")}
    assert len(before) == 3
    (root / "content/县教科局/规范办学行为/2016/普通.md").unlink()
    (root / FILES_KEY).write_text("普通的文件\n", encoding="utf-8")
    findings(root)
    after = {p.name for p in texts.rglob("*.json")}
    assert len(after) == 2 and len(after & before) == 1  # the register's text stays, the changed one is new
