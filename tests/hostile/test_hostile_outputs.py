"""Personal numbers written in every field and in names never reach a report, a JSON dump or a record.

The fields nobody reads as text (an unknown metadata key, a school the registry does not know) and
the file names the 档号 record keeps are where a number slipped through: each output of ``scan
--json``, ``check --format json``, the catalogue and ``archive_numbers.csv`` is searched for the
number as it was written and as bare digits.
"""

from __future__ import annotations

import json
import re

import pytest
import yaml

from archive_builder.archival.numbers import RECORD_FILE

MOBILE = "15912345678"
ID_X = "11010519491231002x"  # a resident ID whose check character is X, written lower-case
WRITTEN = {
    "mobile": MOBILE, "mobile_fullwidth": "１５９１２３４５６７８", "mobile_emdash": "159—1234—5678",
    "mobile_slash": "159/1234/5678", "id_lower_x": ID_X, "id_dots": "330106.19880715.0015",
    "id_ideographic_spaces": "110105\u300019491231\u3000002X",
}
FOLDER = "content/县教科局/发展规划/2016"


def _digits(text: str) -> str:
    return re.sub(r"[^0-9Xx]", "", text.translate(str.maketrans("０１２３４５６７８９Ｘ", "0123456789X")))


@pytest.fixture(scope="module")
def outputs(tmp_path_factory):
    from click.testing import CliRunner

    from archive_builder.commands.cli import cli

    root = tmp_path_factory.mktemp("outputs") / "archive"
    for name, number in WRITTEN.items():
        front = {"标题": f"名单{number}", "学校": f"东阳小学{number}", "备注": f"联系{number}", "日期": "2016-03-01"}
        path = root / FOLDER / f"{name}.md"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("---\n" + yaml.safe_dump(front, allow_unicode=True) + f"---\n张三 {number}\n", "utf-8")
    (root / FOLDER / f"资助{ID_X}.md").write_text("# 资助\n\n正文\n", "utf-8")
    (root / FOLDER / f"张三{MOBILE}").mkdir()
    (root / FOLDER / f"张三{MOBILE}" / "通知.md").write_text("# 通知\n\n正文\n", "utf-8")
    runner = CliRunner()
    found = {}
    for name, args in {"scan-json": ["scan", "--json"], "check-json": ["check", "--format", "json"],
                       "catalogue-csv": ["catalogue", "--format", "csv"], "scan": ["scan"]}.items():
        found[name] = runner.invoke(cli, ["--root", str(root), *args], catch_exceptions=False).output
    found[RECORD_FILE] = (root / RECORD_FILE).read_text("utf-8-sig")
    return found


@pytest.mark.parametrize("output", ["scan-json", "check-json", "catalogue-csv", "scan", RECORD_FILE])
def test_no_number_as_written_or_as_digits_in_any_output(outputs, output):
    text = outputs[output]
    assert text.strip(), output
    assert [w for w in WRITTEN.values() if w in text] == []
    digits = _digits(text)
    assert [w for w in WRITTEN.values() if _digits(w) in digits] == []


def test_scan_json_still_lists_the_documents_and_their_extra_keys(outputs):
    documents = json.loads(outputs["scan-json"])["documents"]
    assert len(documents) == len(WRITTEN) + 2
    assert all("备注" in doc["extra"] for doc in documents if doc["path"].endswith(tuple(f"{n}.md" for n in WRITTEN)))


def test_the_record_keeps_a_masked_name_s_number_on_the_next_run(tmp_path, make_archive):
    from archive_builder.archival.numbers import assign_numbers, read_record, write_record
    from archive_builder.core.config import load_config
    from archive_builder.pipeline import load_inventory

    root = make_archive({f"{FOLDER}/资助{ID_X}.md": "# 资助\n\n正文\n", f"{FOLDER}/通知.md": "# 通知\n\n正文\n"})
    config = load_config(root)
    documents = load_inventory(config, review_text=False).documents
    first = assign_numbers(config, documents)
    write_record(root, first)
    assert ID_X not in (root / RECORD_FILE).read_text("utf-8-sig")
    (root / FOLDER / f"资助{ID_X}.md").write_text("# 资助\n\n改过的正文\n", "utf-8")  # a new hash, the same name
    again = assign_numbers(config, load_inventory(config, review_text=False).documents, read_record(root))
    assert again.codes == first.codes


def test_a_metadata_key_or_value_named_like_a_parameter_does_not_stop_a_report(make_archive, run_cli, tmp_path):
    root = make_archive({f"{FOLDER}/通知.md": "---\n备注: 说明\nkey: 值\nlang: zh\n---\n# 通知\n\n正文\n"})
    for args in (["check"], ["check", "--format", "markdown"], ["check", "--format", "junit"], ["status"],
                 ["check", "--format", "xlsx", "--output", str(tmp_path / "check.xlsx")]):
        result = run_cli(root, *args)
        assert result.exception is None or isinstance(result.exception, SystemExit), (args, result.exception)
        assert "备注" in result.output or args[-1].endswith(".xlsx") or args == ["status"]
