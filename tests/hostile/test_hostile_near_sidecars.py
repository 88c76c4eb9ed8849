"""A sidecar whose name only nearly matches its document (a space before or after, a zero-width space, Notepad's
.txt, a full-width dot, 。 typed with a Chinese input method, other letter case) is an error that holds the document,
as docs/content-convention.md says: it may carry the 密级."""

from __future__ import annotations

import pytest
from withheld import FOLDER

from archive_builder.core.config import load_config
from archive_builder.pipeline import load_inventory

DOCUMENT = "2016-方案.md"
NEAR = {
    "trailing space": DOCUMENT + ".yml ",
    "leading space": " " + DOCUMENT + ".yml",
    "zero-width space": DOCUMENT + "\u200b.yml",
    "Notepad's .txt": DOCUMENT + ".yml.txt",
    "full-width dot": "2016-方案．md.yml",
    "ideographic full stop": DOCUMENT + "。yml",
    "letter case": DOCUMENT + ".YML",
}


@pytest.mark.parametrize("case", sorted(NEAR))
def test_a_near_miss_sidecar_holds_the_document(tmp_path, case):
    root = tmp_path / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    (folder / DOCUMENT).write_text("# 方案\n\n正文 SLIPWORD\n", "utf-8")
    (folder / NEAR[case]).write_text("密级: 机密\n", "utf-8")
    inventory = load_inventory(load_config(root), ocr=False)
    assert not [doc for doc in inventory.documents if doc.path.endswith(DOCUMENT)]
    assert any(problem.code == "scan.near_sidecar" for problem in inventory.problems)


META_NEAR = {"upper case": "_META.yml", "capital": "_Meta.yaml", "trailing space": "_meta.yml ",
             "zero-width space": "_meta\u200b.yml"}


@pytest.mark.parametrize("case", sorted(META_NEAR))
def test_a_near_miss_folder_defaults_file_holds_every_document_below_it(tmp_path, case):
    root = tmp_path / "archive"
    folder = root / FOLDER
    (folder / "附件").mkdir(parents=True)
    (folder / DOCUMENT).write_text("# 方案\n\n正文 SLIPWORD\n", "utf-8")
    (folder / "附件" / "2016-名单.md").write_text("# 名单\n\n正文\n", "utf-8")
    (folder / META_NEAR[case]).write_text("密级: 机密\n", "utf-8")
    inventory = load_inventory(load_config(root), ocr=False)
    assert not [doc for doc in inventory.documents if doc.path.startswith(FOLDER.removeprefix("content/"))]
    assert any(problem.code == "scan.near_sidecar" for problem in inventory.problems)


def test_a_broken_folder_defaults_file_holds_the_documents_below_it(tmp_path):
    root = tmp_path / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    (folder / DOCUMENT).write_text("# 方案\n\n正文 SLIPWORD\n", "utf-8")
    (folder / "_meta.yml").write_text("密级: [机密\n", "utf-8")
    inventory = load_inventory(load_config(root), ocr=False)
    assert not [doc for doc in inventory.documents if doc.path.endswith(DOCUMENT)]
    assert {"scan.bad_meta_file", "scan.skipped_for_sidecar"} <= {problem.code for problem in inventory.problems}
