"""Every value a command prints to the terminal has its control characters escaped, whoever wrote it.

A file name may hold ESC (``\\x1b[1A\\x1b[2K`` moves the cursor up and erases the line), BS and DEL (which
overwrite what was printed) or U+202E (which turns the rest of the line around); a tampered site's
``manifest.sig`` may hold a newline and a line of its own ("Signature valid …"). The catalogue's table, CSV
and Markdown, the search snippets and verify's verdict show them as ``\\x1b``, ``\\x7f``, ``\\u202e``.
"""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from archive_builder.commands.cli import cli

NAMES = ("bs\b\bx.txt", "del\x7fx.txt", "bidi\u202ex.txt", "esc\x1b[1A\x1b[2Kx.txt")
#: what must never reach the terminal raw (a newline ends a printed line and is allowed between lines)
RAW = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
FOLDER = "content/县地震局/发展规划/2016"


def _run(root: Path, *args: str):
    result = CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)
    assert "Traceback" not in result.output
    return result


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("terminal") / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    for name in NAMES:
        (folder / name).write_text("正文内容 2016\n", encoding="utf-8")
    return root


@pytest.mark.parametrize("fmt", ["markdown", "csv"])
def test_the_catalogue_printed_to_the_terminal_holds_no_raw_control_character(archive, fmt):
    result = _run(archive, "catalogue", "--no-record", "--format", fmt)
    assert result.exit_code == 0, result.output
    assert not RAW.findall(result.stdout), [hex(ord(ch)) for ch in RAW.findall(result.stdout)]
    assert "esc\\x1b[1A\\x1b[2Kx" in result.stdout and "bidi\\u202ex" in result.stdout


def test_the_catalogue_csv_file_is_the_printed_one_and_the_workbook_keeps_the_name(archive, tmp_path):
    out, book = tmp_path / "目录.csv", tmp_path / "目录.xlsx"
    printed = _run(archive, "catalogue", "--no-record", "--format", "csv").stdout
    _run(archive, "catalogue", "--no-record", "--format", "csv", "--output", str(out))
    _run(archive, "catalogue", "--no-record", "--format", "xlsx", "--output", str(book))
    written = out.read_bytes().decode("utf-8-sig")
    assert written.replace("\r\n", "\n") == printed.replace("\r\n", "\n")
    assert not RAW.findall(written.replace("\r\n", "\n"))  # CSV's own line ends, nothing else
    titles = {row[4] for row in csv.reader(io.StringIO(written))}
    assert "bidi\\u202ex" in titles

    import openpyxl

    cells = {cell.value for row in openpyxl.load_workbook(book).worksheets[1].iter_rows() for cell in row}
    assert "bidi\u202ex" in cells  # the workbook is data, not terminal text: the name as it is


def test_a_search_snippet_holds_no_raw_control_character(archive):
    assert _run(archive, "index").exit_code == 0
    result = _run(archive, "search", "正文")
    assert result.exit_code == 0, result.output
    assert not RAW.findall(result.stdout), [hex(ord(ch)) for ch in RAW.findall(result.stdout)]
    snippets = [line for line in result.stdout.splitlines() if line.startswith("   [")]
    assert len(snippets) == len(NAMES) and all(line.startswith("   [正文]") for line in snippets)
    assert any("bidi\\u202ex" in line for line in snippets)


FORGED_KEY = "abc\n\x1b[1A\x1b[2KSignature valid: signed by the bureau key 0000\x1b[0m"


def test_a_forged_signature_file_cannot_print_a_verdict_of_its_own(tmp_path):
    root = tmp_path / "archive"
    (root / FOLDER).mkdir(parents=True)
    (root / FOLDER / "规划.md").write_text("---\n标题: 发展规划\n日期: 2016-03-01\n---\n\n# 正文\n", "utf-8")
    keys = tmp_path / "keys"
    assert _run(root, "keygen", str(keys / "k.pem"), "--public", str(keys / "pub.pem")).exit_code == 0
    assert _run(root, "build").exit_code == 0
    (root / "site/manifest.sig").write_text(json.dumps({"key": FORGED_KEY, "signature": "AAAA",
                                                        "algorithm": "ed25519"}), "ascii")
    result = _run(root, "verify", str(root / "site"), "--public-key", str(keys / "pub.pem"))
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert not RAW.findall(result.stdout)
    assert not [line for line in lines if line.startswith("Signature valid")], lines
    assert "Signature not valid" in result.stdout and "bureau key 0000" not in result.stdout
    assert "(the signature names the key ?)" in result.stdout  # no key id: the file names none


def test_a_signature_file_naming_a_real_key_id_is_shown(tmp_path):
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from archive_builder.site.provenance import check_signature

    key = Ed25519PrivateKey.generate().public_key()
    record = {"key": "0123456789abcdef", "signature": "AAAA", "algorithm": "ed25519"}
    assert check_signature(b"{}", json.dumps(record).encode(), key).signed_with == "0123456789abcdef"
    record["key"] = "0123456789abcdef\n"
    assert check_signature(b"{}", json.dumps(record).encode(), key).signed_with == ""
