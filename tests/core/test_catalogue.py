"""The message catalogues: every message in both languages, compiled, and the CLI documented."""

from __future__ import annotations

import re
from functools import cache

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.core.i18n import set_language, t
from archive_builder.core.messages import LANGUAGES, catalogue_path


@cache
def po(lang: str) -> Catalog:
    """The source catalogue of ``lang``, as Babel reads it."""
    with catalogue_path(lang, ".po").open("rb") as file:
        return read_po(file, locale=lang)


def forms(lang: str) -> dict[str, tuple[str, ...]]:
    """Each key of the ``lang`` catalogue with its text (one form, or each plural form)."""
    return {message.id if isinstance(message.id, str) else message.id[0]:
            (message.string,) if isinstance(message.string, str) else tuple(message.string)
            for message in po(lang) if message.id}


def test_both_catalogues_hold_the_same_keys_with_nothing_fuzzy_or_empty():
    assert forms("en").keys() == forms("zh").keys()
    assert len(forms("en")) > 1000
    for lang in LANGUAGES:
        assert not po(lang).obsolete, lang
        for message in po(lang):
            if message.id:
                assert "fuzzy" not in message.flags, (lang, message.id)
                assert all(text.strip() for text in forms(lang)[message.id if isinstance(message.id, str)
                                                                 else message.id[0]]), (lang, message.id)


def test_plural_forms_follow_each_language():
    assert po("en").num_plurals == 2 and po("zh").num_plurals == 1
    for lang in LANGUAGES:
        for message in po(lang):
            if message.pluralizable:
                assert message.id[0] == message.id[1], message.id  # a key, whatever the count
                assert len(message.string) == po(lang).num_plurals, (lang, message.id)


def test_every_message_exists_in_english_and_chinese():
    english, chinese = forms("en"), forms("zh")
    for key, texts in english.items():
        words = re.sub(r"\{\w+[^}]*\}", "", texts[-1])
        if re.search(r"[A-Za-z]{2,}", words):  # a sentence, not just a format like "{a} · {b}"
            assert re.search(r"[\u4e00-\u9fff]", chinese[key][-1]), f"{key} has no Chinese text"


def test_both_languages_and_every_form_use_the_same_placeholders():
    english, chinese = forms("en"), forms("zh")
    for key, texts in english.items():
        names = {frozenset(re.findall(r"\{(\w+)", text)) for text in (*texts, *chinese[key])}
        assert len(names) == 1, key


def _texts(catalogue: Catalog) -> dict[object, object]:
    """Each message's id and text, the forms of a plural entry as tuples."""
    def frozen(value: object) -> object:
        return tuple(value) if isinstance(value, list | tuple) else value

    return {frozen(m.id): frozen(m.string) for m in catalogue if m.id}


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_compiled_catalogue_is_the_source_catalogue(lang):
    """The committed .mo says what the .po says (``pybabel compile`` after every change to a .po)."""
    with catalogue_path(lang).open("rb") as file:
        compiled = read_mo(file)
    assert _texts(compiled) == _texts(po(lang)), (
        f"run: pybabel compile -d archive_builder/core/messages -D archive_builder -l {lang}")
    assert compiled.plural_forms == po(lang).plural_forms


def test_language_switch_changes_the_rendering():
    set_language("zh")
    assert t("scan.zero_bytes") == "文件是空的（0 字节）。"
    set_language("en")
    assert t("scan.zero_bytes") == "the file is empty (0 bytes)."


def test_every_command_has_help_with_an_example():
    runner = CliRunner()
    commands = cli.list_commands(None)  # type: ignore[arg-type]
    assert "scan" in commands
    for name in commands:
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0, name
        assert "Example" in result.output, f"{name} --help has no example"
        assert "archive-builder" in result.output.split("Example", 1)[1], name


def test_ci_runs_exactly_the_readme_test_command():
    from pathlib import Path

    repo = Path(__file__).resolve().parents[2]
    readme = (repo / "README.md").read_text("utf-8")
    commands = re.findall(r"```bash\n(.+?)\n```", readme)
    test_command = next(c for c in commands if "pytest" in c)
    assert test_command in (repo / ".ci/run").read_text("utf-8").splitlines()
