"""A cache entry that is valid JSON but holds a value of the wrong type is damage: discarded with a notice.

``"text": 12345`` or ``"masked": "3"`` in a text-cache entry is not what the tool writes; it is dropped and the
text read again, never passed on to stop the build with a traceback.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from archive_builder.core import cache
from archive_builder.review.extract import Extracted
from archive_builder.site.bodies import Prepared

FOLDER = "content/县财政局/保障机制/2016"
WORD = "蓝鲸计划"
GOOD = asdict(Extracted(text="正文", needs_ocr=False, from_cache=False, masked=0, classification_mark=None))


@pytest.mark.parametrize("change", [
    {"text": 12345}, {"text": ["a"]}, {"text": None}, {"masked": "3"}, {"masked": True}, {"needs_ocr": 1},
    {"classification_mark": ["机密"]}, {"confidence": "high"}, {"method": {}}, {"unknown": 1},
])
def test_an_entry_with_a_value_of_the_wrong_type_is_not_valid(change):
    assert not cache.fields_of(Extracted)({**GOOD, **change})


@pytest.mark.parametrize("change", [{}, {"confidence": 0.93}, {"confidence": 1}, {"classification_mark": "机密"},
                                    {"head_confidence": None}])
def test_an_entry_as_the_tool_writes_it_is_valid(change):
    assert cache.fields_of(Extracted)({**GOOD, **change})
    assert cache.fields_of(Prepared)(asdict(Prepared(body="<p>正文</p>", masked=2, failed=None)))


def test_read_entry_discards_a_type_damaged_entry_with_a_notice(tmp_path, caplog):
    path = tmp_path / "entry.json"
    cache.write_entry(path, "rules", {**GOOD, "text": 12345})
    assert cache.read_entry(path, "rules", valid=cache.fields_of(Extracted)) is None
    assert not path.exists() and "damaged" in caplog.text


@pytest.mark.parametrize("value", [12345, ["a"], {"a": 1}, None])
def test_a_type_damaged_text_cache_is_discarded_and_the_build_goes_on(make_archive, run_cli, value):
    root = make_archive({f"{FOLDER}/通知.docx": _docx(f"这是普通通知的正文，{WORD}。"),
                         f"{FOLDER}/说明.md": "---\n标题: 说明\n---\n说明正文。\n"})
    assert run_cli(root, "build").exit_code == 0
    entries = list((root / ".archive-cache/text").rglob("*.json"))
    assert entries
    for entry in entries:
        data = json.loads(entry.read_text("utf-8"))
        entry.write_text(json.dumps({**data, "text": value}), "utf-8")
    (root / ".archive-cache/review.json").unlink(missing_ok=True)
    (root / f"{FOLDER}/说明.md").write_text("---\n标题: 说明\n---\n说明正文，改过。\n", "utf-8")
    result = run_cli(root, "build")
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0 and "Traceback" not in result.output, result.output
    notices = [line for line in result.output.splitlines() if line.startswith("notice:")]
    assert notices and all(".archive-cache" in line for line in notices), result.output
    pages = "".join(path.read_text("utf-8") for path in (root / "site/docs").rglob("*.html"))
    assert WORD in pages


def _docx(text: str) -> bytes:
    import io

    import docx

    document = docx.Document()
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
