"""One vocabulary of status words, in both languages: the CLI, the reports, the site and the guide say the same."""

from __future__ import annotations

from pathlib import Path

import pytest

from archive_builder.core.i18n import lookup, t_in, tn_in
from archive_builder.core.messages import counts

REPO = Path(__file__).resolve().parents[2]
#: The vocabulary: the reports' words for each status and each kind of file problem, in both languages.
STATUS_WORDS = {key: lookup(f"report.status.{key}") for key in
                ("complete", "partial", "missing", "waived", "met", "not_met", "no_data", "trend")}
PROBLEM_WORDS = {kind: lookup(f"report.problem_kind.{kind}") for kind in
                 ("unknown_folder", "no_year", "bad_metadata", "unreadable", "held", "other")}
EVIDENCE = ("complete", "partial", "missing")
#: Messages that count items by evidence status, in the words of the vocabulary.
COUNTING = ("report.summary_line", "status.totals", "site.home.overall")


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_the_cli_reports_and_site_say_the_vocabulary_words(lang):
    for key, words in STATUS_WORDS.items():
        assert t_in(lang, f"report.status.{key}") == words[lang] == t_in(lang, f"site.status.{key}")
    for key in COUNTING:
        text = tn_in(lang, key, 2) if counts(lang, key) else t_in(lang, key)
        for status in EVIDENCE:
            assert STATUS_WORDS[status][lang] in text, (key, status)
    for kind, words in PROBLEM_WORDS.items():
        assert t_in(lang, f"report.problem_kind.{kind}") == words[lang]


def test_no_other_word_for_a_status_survives():
    texts = [tn_in("zh", key, 2) if counts("zh", key) else t_in("zh", key)
             for key in (*COUNTING, "site.home.legend", "site.home.no_gaps")]
    guide = (REPO / "archive_builder/defaults/project/使用说明.md").read_text("utf-8")
    for text in (*texts, guide):
        assert "部分完成" not in text and "**部分**" not in text


def test_the_guide_and_the_docs_list_every_word():
    guide = (REPO / "archive_builder/defaults/project/使用说明.md").read_text("utf-8")
    docs = (REPO / "docs/checklists.md").read_text("utf-8")
    for key in ("complete", "partial", "missing", "waived", "met", "not_met", "no_data"):
        assert STATUS_WORDS[key]["zh"] in guide and STATUS_WORDS[key]["zh"] in docs, key
        assert STATUS_WORDS[key]["en"] in docs, key
    for words in PROBLEM_WORDS.values():
        if words["zh"] != "其他问题":
            assert words["zh"] in docs, words
