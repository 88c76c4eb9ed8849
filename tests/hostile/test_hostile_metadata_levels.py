"""A 密级 stated more than once in a document's metadata, or in English: the strictest level holds.

``密级: 机密`` followed by ``classification: 公开`` in one front matter used to publish the document as 公开 (the
later alias won), and ``security_level: top secret`` was not read as a 密级 at all. Every recognised key and
alias, in every layer (``_meta.yml``, sidecar, front matter), is a statement of the level; the strictest one holds,
and English values (top secret, secret, confidential, internal) are the Chinese levels.
"""

from __future__ import annotations

import pytest
from withheld import FOLDER, build_and_judge, found

from archive_builder.inventory import metadata as meta

#: file name (under FOLDER) -> (front matter, the status the policy gives it)
CASES = {
    "两键.md": ("密级: 机密\nclassification: 公开\n", "classified"),
    "两键倒序.md": ("classification: 公开\n密级: 机密\n", "classified"),
    "英文键.md": ("security_level: top secret\n", "classified"),
    "英文空格键.md": ("Security Level: Secret\n", "classified"),
    "英文别名.md": ("secrecy: confidential\n", "classified"),
    "下划线值.md": ("classification: Top_Secret\n", "classified"),
    "期限两键.md": ("保密期限: 5年\nsecrecy_period: 无\n", "classified"),
    "下层/覆盖.md": ("密级: 公开\n", "classified"),  # its folder's _meta.yml says 机密
    "公开两键.md": ("classification: public\n密级: 公开\n", "published"),
    "内部.md": ("security_level: internal\n", "internal"),
    "秘书.md": ("secretary: 张三\n", "published"),
}
META = {"下层/_meta.yml": "密级: 机密\n"}


def _word(name: str) -> str:
    return f"LEVELWORD{sorted(CASES).index(name)}"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    root = tmp_path_factory.mktemp("levels") / "archive"
    for name, (front, _) in CASES.items():
        path = root / FOLDER / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"---\n{front}---\n# 工作方案\n\n正文 {_word(name)}\n", "utf-8")
    for name, text in META.items():
        (root / FOLDER / name).write_text(text, "utf-8")
    return root, *build_and_judge(root)


@pytest.mark.parametrize("name", sorted(CASES))
def test_the_strictest_stated_level_holds_in_the_site_and_the_search(built, name):
    root, site, verdicts = built
    expected = CASES[name][1]
    assert verdicts[name] == expected
    paths = found(root, _word(name))
    if expected == "published":
        assert _word(name).encode() in site and len(paths) == 1
    else:
        assert _word(name).encode() not in site and paths == []


@pytest.mark.parametrize(("raw", "level"), [
    ({"密级": "机密", "classification": "公开"}, "机密"),
    ({"classification": "secret", "保密等级": "内部"}, "secret"),
    ({"密级": "公开", "security_level": "很秘密"}, "很秘密"),  # a level nobody can read is never lowered
    ({"classification": "公开"}, "公开"),
])
def test_one_layer_with_two_keys_keeps_the_stricter(raw, level):
    known, extra = meta.canonical(raw)
    assert known["classification"] == level and extra == {}


@pytest.mark.parametrize(("value", "level"), [("top secret", "绝密"), ("TOP-SECRET", "绝密"), ("topsecret", "绝密"),
                                              ("Secret", "秘密"), ("confidential", "机密"), ("Internal", "内部"),
                                              ("public", "公开")])
def test_english_levels(value, level):
    assert meta.normalise_classification(value) == level


@pytest.mark.parametrize(("key", "suspect"), [("secret_class", True), ("classified", True), ("机密性", True),
                                              ("secretary", False), ("备注", False)])
def test_an_unknown_key_that_may_mean_a_level_is_suspected(key, suspect):
    assert meta.looks_like_classification_key(key) is suspect
