"""Control characters in a file name never reach a report raw: JSON escapes them, Markdown shows them escaped.

``json.dumps(…, ensure_ascii=False)`` escapes only C0, so DEL, C1 (CSI ``\\x9b`` starts a terminal sequence,
NEL ``\\x85`` breaks a line), U+2028 and the bidirectional overrides (U+202E turns ``FDP.exe.pdf`` around) of
a name would be printed as they are; ``scan --json`` and ``check --format json`` write them as ``\\uXXXX``
(the JSON reads back the same), and ``check --format markdown`` and ``junit`` as the console messages do
(``\\x07``); XML 1.0 cannot carry C0 controls at all, so a raw one would leave CI a report it cannot parse.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli
from archive_builder.core.i18n import printable, printable_json

FOLDER = "content/县财政局/保障机制/2016"
NAMES = {"bell": "f\x07BEL.pdf", "c1csi": "f\u009b31mC1.pdf", "del": "f\x7fDEL.pdf", "nel": "f\u0085NEL.pdf",
         "rlo": "f\u202eFDP.exe.pdf", "lsep": "f\u2028LS.pdf", "psep": "f\u2029PS.pdf", "lri": "f\u2066LRI.pdf",
         "esc": "f\x1b[31mESC.pdf"}
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")


def test_printable_json_escapes_every_control_character_and_reads_back_the_same():
    value = {"path": "".join(NAMES.values()), "名称": "县财政局 正文", "n": 3}
    text = printable_json(value, indent=2)
    assert not RAW.search(text.replace("\n", ""))
    assert json.loads(text) == value
    assert "县财政局 正文" in text  # ordinary text stays as written, not ASCII-escaped
    assert printable_json({"a": "plain"}) == json.dumps({"a": "plain"}, ensure_ascii=False)


@pytest.fixture(scope="module")
def outputs(tmp_path_factory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("control-names") / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    for name in NAMES.values():
        (folder / name).write_bytes(b"%PDF-1.4 broken")
    found = {}
    for label, args in {"scan-json": ["scan", "--json"], "check-json": ["check", "--format", "json"],
                        "check-markdown": ["check", "--format", "markdown"],
                        "check-junit": ["check", "--format", "junit"]}.items():
        result = CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)
        assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
        found[label] = result.stdout
    return found


@pytest.mark.parametrize("label", ["scan-json", "check-json", "check-markdown", "check-junit"])
def test_no_control_character_of_a_name_reaches_a_report_raw(outputs, label):
    raw = RAW.findall(outputs[label])
    assert not raw, [hex(ord(ch)) for ch in raw]


@pytest.mark.parametrize("label", ["scan-json", "check-json"])
def test_the_json_still_names_each_file_as_it_is(outputs, label):
    strings = "\n".join(_strings(json.loads(outputs[label])))
    for name in NAMES.values():
        assert name in strings


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("label", ["check-markdown", "check-junit"])
def test_the_text_reports_show_each_name_escaped_as_messages_do(outputs, label):
    report = outputs[label]
    for name in NAMES.values():
        assert printable(name) in report, printable(name)


def test_the_junit_report_parses_and_names_every_file_in_an_error_case(outputs):
    root = ET.fromstring(outputs["check-junit"].encode("utf-8"))
    files = {case.get("file") for case in root.iter("testcase") if case.find("error") is not None}
    folder = FOLDER.removeprefix("content/")
    assert {printable(f"{folder}/{name}") for name in NAMES.values()} <= files
