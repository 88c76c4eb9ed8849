"""Rendering messages from the catalogues: each language read on first use, unknown keys never silent."""

from __future__ import annotations

import logging
import re

import pytest
from click.testing import CliRunner
from test_catalogue import forms

from archive_builder.commands.cli import cli
from archive_builder.core import i18n, messages
from archive_builder.core.i18n import UnknownMessage, Verbatim, has, lookup, t_in, tn_in
from archive_builder.core.model import Problem


@pytest.fixture
def lenient(monkeypatch):
    """Messages as users get them: a missing key warns instead of raising."""
    monkeypatch.delenv("ARCHIVE_BUILDER_STRICT_MESSAGES", raising=False)
    monkeypatch.setattr(i18n, "_warned", set())


def test_a_key_gives_its_text_in_each_language():
    assert t_in("en", "scan.zero_bytes") == "the file is empty (0 bytes)."
    assert t_in("zh", "scan.zero_bytes") == "文件是空的（0 字节）。"
    assert lookup("scan.zero_bytes") == {"en": "the file is empty (0 bytes).", "zh": "文件是空的（0 字节）。"}
    assert lookup("search.no_such_message") is None and not has("search.no_such_message")


def test_an_unknown_key_raises_in_the_tests():
    with pytest.raises(UnknownMessage, match="search.no_such_message"):
        t_in("en", "search.no_such_message")
    with pytest.raises(UnknownMessage, match="not a counting"):
        tn_in("en", "scan.zero_bytes", 2)


def test_for_users_an_unknown_key_warns_once_and_shows_the_key(lenient, caplog):
    with caplog.at_level(logging.WARNING, logger="archive_builder.core.i18n"):
        assert t_in("zh", "search.no_such_message") == "search.no_such_message"
        assert t_in("zh", "search.no_such_message") == "search.no_such_message"
    assert [r.getMessage() for r in caplog.records] == [
        "unknown message key 'search.no_such_message'; the key is shown instead"]


def test_for_users_a_key_without_chinese_is_shown_in_english(lenient, caplog, monkeypatch):
    monkeypatch.delitem(messages.catalogue("zh")._catalog, "scan.zero_bytes")
    with caplog.at_level(logging.WARNING, logger="archive_builder.core.i18n"):
        assert t_in("zh", "scan.zero_bytes") == "the file is empty (0 bytes)."
    assert "has no 'zh' translation" in caplog.text


def test_for_users_a_count_on_a_message_that_does_not_count_gives_its_text(lenient, caplog):
    with caplog.at_level(logging.WARNING, logger="archive_builder.core.i18n"):
        assert tn_in("zh", "scan.zero_bytes", 3) == "文件是空的（0 字节）。"
    assert "not a counting (plural) message" in caplog.text


def test_a_language_is_read_on_its_first_message_only(monkeypatch):
    monkeypatch.setattr(messages, "_CATALOGUES", {})
    assert t_in("zh", "search.empty_query")
    assert set(messages._CATALOGUES) == {"zh"}


def test_the_digest_changes_with_the_catalogues(monkeypatch, tmp_path):
    before = messages.digest()
    for lang in messages.LANGUAGES:
        copy = tmp_path / lang / "LC_MESSAGES" / "archive_builder.mo"
        copy.parent.mkdir(parents=True)
        copy.write_bytes(messages.catalogue_path(lang).read_bytes() + (b"x" if lang == "zh" else b""))
    monkeypatch.setattr(messages, "LOCALE_DIR", tmp_path)
    assert messages.digest() != before


def test_a_counting_message_takes_the_form_its_language_gives_the_count():
    assert tn_in("en", "search.total", 1, total=1, query="a", shown=1) == "1 document matches 'a'; showing 1."
    assert tn_in("en", "search.total", 2, total=2, query="a", shown=2) == "2 documents match 'a'; showing 2."
    assert tn_in("en", "search.total", 0, total=0, query="a", shown=0) == "0 documents match 'a'; showing 0."
    one, many = (tn_in("zh", "search.total", n, total=n, query="a", shown=n) for n in (1, 2))
    assert one == "共 1 个文件与“a”匹配，显示 1 个。" and many == "共 2 个文件与“a”匹配，显示 2 个。"
    assert tn_in("en", "assess.total", 1.5, total=1, points="1.5", mark=1).startswith("Total 1 of 1.5 points")


def test_a_message_that_counts_several_things_counts_each(run_cli, make_archive):
    root = make_archive({"content/县教科局/发展规划/2016/a.md": "# 规划\n", "content/县教科局/发展规划/2016/b.md": "# 计划\n"})
    assert "2 documents, 0 data tables; 0 errors, 0 warnings." in run_cli(root, "scan").output
    (root / "content/县教科局/发展规划/2016/b.md").unlink()
    assert "1 document, 0 data tables; 0 errors, 0 warnings." in run_cli(root, "scan").output
    chinese = CliRunner().invoke(cli, ["--lang", "zh", "--root", str(root), "scan"]).output
    assert "共 1 份材料、0 个数据表；错误 0 个，警告 0 个。" in chinese


def test_a_counting_message_shown_without_its_count_is_an_error_in_the_tests():
    with pytest.raises(UnknownMessage, match="counts something"):
        t_in("en", "search.total", total=2, query="a", shown=2)


def test_no_english_message_counts_with_a_bracketed_plural():
    bracketed = {key for key, texts in forms("en").items() if any(re.search(r"\{\w+\}[^{.;:]*?\w\((s|es)\)", text)
                                                                  for text in texts)}
    assert not bracketed


def test_a_problem_s_message_counts_by_its_count_parameter():
    one = Problem("content/data/x.csv", "error", "stats.missing_indicator_columns",
                  {"file": "x.csv", "profile": "p", "count": 1, "indicators": "a", "columns": "A"})
    two = Problem("content/data/x.csv", "error", "stats.missing_indicator_columns",
                  {"file": "x.csv", "profile": "p", "count": 2, "indicators": "a、b", "columns": "A、B"})
    assert one.message.startswith("the table has no column for 1 indicator of the profile p")
    assert two.message.startswith("the table has no column for 2 indicators of the profile p")
    assert t_in("zh", two.code, **two.params).startswith("数据表缺少指标方案“p”中 2 项指标所需的列")


def test_a_value_the_tool_made_itself_is_shown_as_it_is_and_any_other_is_masked():
    """A SHA-256 in hex holds a run of eleven digits (here 16619874760, a mobile's shape) about once in fifty
    builds: the fingerprint the bureau records must print whole, while a name holding it is still masked."""
    digest = "da16619874760d680697d420635f09bcd6556f7f8beb276556392653a5ef11fe"
    assert digest in t_in("en", "build.fingerprint", fingerprint=Verbatim(digest))
    assert digest not in t_in("en", "build.fingerprint", fingerprint=digest)
