"""Rendering messages from the catalogues: each language read on first use, unknown keys never silent."""

from __future__ import annotations

import logging

import pytest

from archive_builder.core import i18n, messages
from archive_builder.core.i18n import UnknownMessage, has, lookup, t_in, tn_in


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
