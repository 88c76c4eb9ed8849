"""Property tests: whatever clerks drop into content/, the scan reports and never crashes or writes."""

from __future__ import annotations

import json
import shutil
import tempfile
from pathlib import Path

import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive_builder.commands.cli import cli
from archive_builder.inventory import metadata as meta

SETTINGS = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
FOLDER = "content/县教科局/发展规划/2016"
EXTENSIONS = ["md", "txt", "pdf", "docx", "doc", "xlsx", "xls", "csv", "jpg", "png", "tif", "yml", "exe", ""]

yaml_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20) | st.dates(),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=8,
)
name_chars = st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="/\\\x00")


@given(yaml_values)
@SETTINGS
def test_metadata_parsers_never_raise(value):
    for parse in (meta.parse_years, meta.parse_date, meta.normalise_classification, meta.normalise_retention,
                  meta.as_text_list, meta.parse_pages):
        parse(value)
    years = meta.parse_years(value)
    assert years is None or (years == sorted(set(years)) and all(1949 <= y <= 2100 for y in years))


def run_scan(files: dict[str, bytes]) -> tuple[int, dict, dict[str, bytes], dict[str, bytes]]:
    root = Path(tempfile.mkdtemp(prefix="prop-"))
    try:
        for rel, data in files.items():
            path = root / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        before = {str(p): p.read_bytes() for p in sorted((root / "content").rglob("*")) if p.is_file()}
        result = CliRunner().invoke(cli, ["--root", str(root), "scan", "--json"])
        after = {str(p): p.read_bytes() for p in sorted((root / "content").rglob("*")) if p.is_file()}
        assert result.exception is None or isinstance(result.exception, SystemExit), result.output
        return result.exit_code, json.loads(result.stdout), before, after
    finally:
        shutil.rmtree(root, ignore_errors=True)


@given(st.binary(max_size=600), st.sampled_from(EXTENSIONS))
@SETTINGS
def test_random_bytes_as_any_file_type(data, ext):
    name = f"{FOLDER}/随机.{ext}" if ext else f"{FOLDER}/随机"
    code, report, before, after = run_scan({name: data, f"{FOLDER}/好.md": "# 好\n正文".encode()})
    assert code in (0, 1)
    assert before == after
    assert "县教科局/发展规划/2016/好.md" in [d["path"] for d in report["documents"]]
    assert (code == 1) == any(p["severity"] == "error" for p in report["problems"])
    for problem in report["problems"]:
        assert problem["message"] and problem["hint"] and problem["path"]


@given(yaml_values)
@SETTINGS
def test_random_yaml_as_frontmatter(value):
    text = "---\n" + yaml.safe_dump({"title": value, "year": value, "密级": value}, allow_unicode=True) + "---\n正文\n"
    code, report, before, after = run_scan({f"{FOLDER}/a.md": text.encode("utf-8")})
    assert code in (0, 1) and before == after
    documents, problems = report["documents"], report["problems"]
    assert len(documents) + sum(p["severity"] == "error" for p in problems) >= 1
    for doc in documents:
        assert doc["years"] and doc["classification"] in ("公开", "内部", "秘密", "机密", "绝密")


@given(st.text(name_chars, min_size=1, max_size=60).filter(lambda n: n.strip(". ") and not n.startswith(("~$", "."))))
@SETTINGS
def test_random_file_names(name):
    code, report, before, after = run_scan({f"{FOLDER}/{name}.md": "# 标题\n正文".encode()})
    assert code in (0, 1) and before == after
    assert len(report["documents"]) == 1
