"""What ``archive-builder search`` loads: the registry from its snapshot while archive.yml is unchanged,
only the compiled catalogue of its language, no YAML parser and no Babel."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from archive_builder.core import config as config_module
from archive_builder.core.config import CACHE_DIR, SNAPSHOT_FILE, load_config
from archive_builder.core.errors import ConfigError

OVERRIDE = "departments:\n  - id: wenlv\n    name: 县文旅局\n    aliases: [文旅局]\n"


@pytest.fixture
def root(make_archive) -> Path:
    return make_archive({"site_config/archive.yml": OVERRIDE, "content/县教科局/发展规划/2016/a.md": "# 教师交流\n"})


def _no_yaml(monkeypatch):
    from archive_builder.core import yamlio

    def refuse(text):
        raise AssertionError("the YAML files were parsed")

    monkeypatch.setattr(yamlio, "loads", refuse)


def test_the_snapshot_gives_the_configuration_the_files_give(root, monkeypatch):
    parsed = load_config(root)
    assert not (root / CACHE_DIR / SNAPSHOT_FILE).exists()  # only asked for
    assert load_config(root, snapshot=True) == parsed
    assert (root / CACHE_DIR / SNAPSHOT_FILE).is_file()
    _no_yaml(monkeypatch)
    kept = load_config(root, snapshot=True)
    assert kept == parsed
    assert kept.department("文旅局").name == "县文旅局"


def test_a_changed_archive_yml_is_parsed_again(root):
    load_config(root, snapshot=True)
    (root / "site_config" / "archive.yml").write_text(OVERRIDE.replace("[文旅局]", "[旅游局甲]"), "utf-8")
    changed = load_config(root, snapshot=True)
    assert changed.department("旅游局甲") is not None and changed.department("文旅局") is None
    (root / "site_config" / "archive.yml").unlink()
    assert load_config(root, snapshot=True) == load_config(root)


def test_a_broken_archive_yml_is_an_error_though_a_snapshot_exists(root):
    load_config(root, snapshot=True)
    (root / "site_config" / "archive.yml").write_text("departments: [\n", "utf-8")
    with pytest.raises(ConfigError):
        load_config(root, snapshot=True)


def test_a_snapshot_of_other_files_or_unreadable_is_not_used(root):
    load_config(root, snapshot=True)
    path = root / CACHE_DIR / SNAPSHOT_FILE
    kept = json.loads(path.read_text("utf-8"))
    kept["override"]["departments"][0]["name"] = "县别的局"
    kept["key"] = "0" * 64
    path.write_text(json.dumps(kept, ensure_ascii=False), "utf-8")
    assert load_config(root, snapshot=True).department("文旅局").name == "县文旅局"
    path.write_text("{not json", "utf-8")
    assert load_config(root, snapshot=True).department("文旅局").name == "县文旅局"


def test_a_value_json_cannot_hold_exactly_is_not_kept(root, monkeypatch):
    real = config_module._read_override

    def with_a_date(raw, errors):
        import datetime

        data = real(raw, errors)
        data["departments"][0]["aliases"] = [datetime.date(2016, 1, 1)]
        return data

    monkeypatch.setattr(config_module, "_read_override", with_a_date)
    assert load_config(root, snapshot=True).department("2016-01-01") is not None
    assert not (root / CACHE_DIR / SNAPSHOT_FILE).exists()


def test_a_search_call_loads_no_yaml_parser_and_only_its_language_s_messages(root, run_cli):
    first = run_cli(root, "search", "教师")
    assert first.exit_code == 0, first.output
    probe = (
        "import sys\n"
        "from archive_builder.commands.cli import cli\n"
        f"sys.argv = ['archive-builder', '--root', {str(root)!r}, '--lang', 'en', 'search', '教师']\n"
        "try:\n    cli(prog_name='archive-builder')\nexcept SystemExit:\n    pass\n"
        "from archive_builder.core import messages\n"
        "print(sorted(m for m in sys.modules if m in ('yaml', 'babel') or m.startswith('archive_builder.core.mes')))\n"
        "print(sorted(messages._CATALOGUES))\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    lines = done.stdout.strip().splitlines()
    assert "1. " in done.stdout and "a.md" in done.stdout  # it found the document
    assert lines[-2:] == ["['archive_builder.core.messages']", "['en']"]


def test_a_personal_number_in_archive_yml_is_not_copied_into_the_cache(root):
    (root / "site_config" / "archive.yml").write_text(OVERRIDE.replace("[文旅局]", "[文旅局, '13812345678']"),
                                                       "utf-8")
    assert load_config(root, snapshot=True).department("13812345678").name == "县文旅局"
    assert not (root / CACHE_DIR / SNAPSHOT_FILE).exists()
