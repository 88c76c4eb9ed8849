"""内部 as offices mark it: printed atop the first page (内部资料, 仅供内部使用, 密级：内部), stated in a custom
property of the file, or naming the folder it is filed in. Each makes the document 内部: left out of the site,
the index and the catalogue's details unless --include-internal, and named in reports only by its folder."""

from __future__ import annotations

import io
import json
import re
import unicodedata
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from fixtures.packages import rewritten
from withheld import FOLDER

from archive_builder.commands.cli import cli
from archive_builder.core.config import load_config
from archive_builder.core.privacy import detect_internal_mark, name_level_mark
from archive_builder.pipeline import load_inventory
from archive_builder.review.policy import decide

PRINTED = ["内部资料", "内部", "内部文件★", "内部资料  注意保存", "仅供内部使用", "密级：内部", "内 部 资 料",
           "內部資料", "【内部】", "内部资料，严禁外传", "示范县教育和科技局文件        内部"]
PROSE = ["关于加强内部管理的通知", "内部控制制度", "学校内部管理体制改革方案", "内部审计工作报告",
         "加强内部资料管理的办法"]


@pytest.mark.parametrize("line", PRINTED)
def test_a_printed_internal_mark_is_found(line):
    assert detect_internal_mark(f"{line}\n\n关于2016年教育工作的安排\n") == "内部"


@pytest.mark.parametrize("line", PROSE)
def test_prose_that_speaks_of_internal_matters_is_no_mark(line):
    assert detect_internal_mark(f"{line}\n\n正文\n") is None


@pytest.mark.parametrize("name, internal", [
    ("内部资料", True), ("内部资料-2016年工作要点", True), ("【内部】会议纪要", True), ("（内部）名单", True),
    ("內部", True), ("内部控制制度", False), ("关于内部管理的通知", False), ("2016", False)])
def test_a_name_that_is_or_begins_with_the_mark_is_internal(name, internal):
    assert (name_level_mark([name]) == "内部") is internal


@pytest.mark.parametrize("name, level", [
    ("【机密】会议纪要", "机密"), ("（机密）工作方案", "机密"), ("[绝密]名单", "绝密"), ("秘密-请示", "秘密"),
    ("机密文件", "机密"), ("绝密资料", "绝密"), ("机密文件管理办法", None), ("保密工作要点", None),
    ("内部资料/【机密】纪要", "机密")])  # the strictest of the folder's and the file's
def test_a_name_that_is_or_begins_with_a_secret_level_is_classified(name, level):
    assert name_level_mark(name.split("/")) == level


def _docx_with_custom_level(path: Path, value: str) -> None:
    document = docx.Document()
    document.add_paragraph("关于2016年教育工作的安排 SLIPWORD")
    buffer = io.BytesIO()
    document.save(buffer)
    custom = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Properties '
              'xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
              'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
              '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="密级">'
              f"<vt:lpwstr>{value}</vt:lpwstr></property></Properties>")
    relation = ('<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                'relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>')
    rewritten(buffer.getvalue(), path, {"_rels/.rels": (b"</Relationships>", relation.encode())},
              {"docProps/custom.xml": custom})


def _archive(tmp_path: Path) -> Path:
    """Three 内部 documents, each marked another way, and one public one."""
    root = tmp_path / "archive"
    folder = root / FOLDER
    (folder / "内部资料").mkdir(parents=True)
    (folder / "2016-印有内部.md").write_text("内部资料  注意保存\n\n# 工作安排\n\n正文 SLIPWORD\n", "utf-8")
    (folder / "内部资料" / "2016-工作要点.md").write_text("# 工作要点\n\n正文 SLIPWORD\n", "utf-8")
    _docx_with_custom_level(folder / "2016-属性内部.docx", "内部")
    (folder / "2016-公开.md").write_text("# 公开方案\n\n正文 OPENWORD\n", "utf-8")
    return root


def _run(root: Path, *args: str) -> str:
    result = CliRunner().invoke(cli, ["--root", str(root), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_every_way_of_marking_a_document_internal_is_internal(tmp_path):
    root = _archive(tmp_path)
    statuses = {doc.path.rsplit("/", 1)[-1]: decide(doc).status
                for doc in load_inventory(load_config(root), ocr=False).documents}
    assert statuses == {"2016-印有内部.md": "internal", "2016-工作要点.md": "internal",
                        "2016-属性内部.docx": "internal", "2016-公开.md": "published"}


def test_internal_documents_stay_out_of_the_site_and_index_unless_included(tmp_path):
    root = _archive(tmp_path)
    _run(root, "build")
    site = b"\n".join(p.read_bytes() for p in (root / "site").rglob("*") if p.is_file())
    assert b"OPENWORD" in site and b"SLIPWORD" not in site
    assert "工作要点".encode() not in site and "印有内部".encode() not in site
    assert json.loads(_run(root, "search", "SLIPWORD", "--json"))["results"] == []
    _run(root, "build", "--include-internal")
    site = b"\n".join(p.read_bytes() for p in (root / "site").rglob("*") if p.is_file())
    assert site.count(b"SLIPWORD") >= 3  # published in full when asked, the printed mark no secret


def test_reports_name_internal_documents_by_their_folder_only(tmp_path):
    root = _archive(tmp_path)
    scanned = _run(root, "scan")
    assert len(re.findall(r"（内部文件 [0-9a-f]{8}）|\(internal file [0-9a-f]{8}\)", scanned)) == 3, scanned
    listed = json.loads(_run(root, "scan", "--json"))
    internal = [doc for doc in listed["documents"] if doc["classification"] == "内部"]
    assert len(internal) == 3 and all(doc["title"] == "内部" for doc in internal)
    for output in (scanned, json.dumps(listed, ensure_ascii=False)):
        assert "工作要点" not in output and "印有内部" not in output and "属性内部" not in output


def test_the_catalogue_lists_internal_details_only_when_asked(tmp_path):
    root = _archive(tmp_path)
    plain = _run(root, "catalogue", "--format", "csv", "--no-record")
    assert "工作要点" not in plain and "工作安排" not in plain and "公开方案" in plain
    included = _run(root, "catalogue", "--format", "csv", "--no-record", "--include-internal")
    assert "工作要点" in included and "工作安排" in included


def test_an_nfd_named_sidecar_is_a_near_miss_that_no_warning_names(tmp_path):
    """A sidecar renamed on a Mac (NFD) beside a document named in NFC: it holds the document, and no
    'unsupported file' warning prints its name (it may carry the 密级, so the name may say what the document is)."""
    root = tmp_path / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    name = "2016-Café方案.md"
    (folder / unicodedata.normalize("NFC", name)).write_text("# 方案\n\n正文 SLIPWORD\n", "utf-8")
    (folder / (unicodedata.normalize("NFD", name) + ".yml")).write_text("密级: 机密\n", "utf-8")
    inventory = load_inventory(load_config(root), ocr=False)
    assert inventory.documents == []
    codes = [problem.code for problem in inventory.problems]
    assert "scan.near_sidecar" in codes and "scan.unsupported_type" not in codes, codes
