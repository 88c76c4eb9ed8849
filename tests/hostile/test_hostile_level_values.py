"""A level spelt in English (confidential, Top Secret, SECRET) or 内部 as the value of a key the tool does not know,
at any depth, and a known key spelt with Cyrillic look-alike letters (clаssification): the file is held with an error
and named as a withheld file is; an ordinary value under an unknown key is only a warning."""

from __future__ import annotations

import pytest
from withheld import FOLDER

from archive_builder.core.config import load_config
from archive_builder.pipeline import load_inventory

HELD = {
    "Security.md": "Security: confidential",
    "顶级.md": "Security: top secret",
    "marking.md": "protective_marking: SECRET",
    "级别.md": "级别: Top Secret",
    "西里尔.md": "cl\u0430ssification: confidential",
    "等级.md": "等级: 内部",
    "嵌套.md": "档案:\n  级别: secret",
}


@pytest.mark.parametrize("name", sorted(HELD))
def test_a_level_under_an_unknown_key_holds_the_file(tmp_path, name):
    root = tmp_path / "archive"
    path = root / FOLDER / name
    path.parent.mkdir(parents=True)
    path.write_text(f"---\n{HELD[name]}\n---\n\n正文 SLIPWORD\n", "utf-8")
    inventory = load_inventory(load_config(root), ocr=False)
    published = [doc for doc in inventory.documents if doc.classification not in ("秘密", "机密", "绝密")]
    assert not published
    assert inventory.documents or any(problem.severity == "error" for problem in inventory.problems)  # read, or held


def test_an_ordinary_value_under_an_unknown_key_is_kept(tmp_path):
    root = tmp_path / "archive"
    path = root / FOLDER / "备注.md"
    path.parent.mkdir(parents=True)
    path.write_text("---\n备注: 已核对\nSecurity: public\n---\n\n正文\n", "utf-8")
    [doc] = load_inventory(load_config(root), ocr=False).documents
    assert doc.classification in (None, "公开")
