"""Levels written the ways clerks and their programs write them: a star inserted from Word's symbol font, a mark
under a phonetic guide, Markdown emphasis, an admonition's title, a braille blank as the gap, the words offices
print beside 内部资料, an English level in a file's properties, a level under an unknown key in full-width letters,
look-alike letters, pinyin or with its term; the same file filed twice; a file replaced by another of the same
size and time. Each is found, and what it classifies stays out of every output."""

from __future__ import annotations

import io
import os
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from fixtures.packages import rewritten
from withheld import FOLDER

from archive_builder.commands.cli import cli
from archive_builder.core.config import load_config
from archive_builder.core.privacy import detect_mark
from archive_builder.inventory.metadata import normalise_classification
from archive_builder.pipeline import load_inventory
from archive_builder.review.policy import decide

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize("line, level", [
    ("*绝密*", "绝密"), ("_秘密_", "秘密"), ("*机密*★5年", "机密"), ("# 绝密 {: .red}", "绝密"),
    ('!!! danger "绝密"', "绝密"), ("机\u2800密★5年", "机密"), ("*内部资料*", "内部"),
    ("内部资料，免费交流", "内部"), ("内部资料　严禁转载", "内部"), ("仅供内部参考使用", "内部"), ("内部传阅件", "内部"),
    ("关于*加强*管理的通知", None), ("内部管理制度", None), ("内部资料管理办法", None)])
def test_a_mark_is_found_however_the_line_is_written(line, level):
    assert detect_mark(f"{line}\n\n正文\n") == level


@pytest.mark.parametrize("value, level", [
    ("ＳＥＣＲＥＴ", "秘密"), ("S\u0435cret", "秘密"), ("confidential (5 years)", "机密"), ("classified", "秘密"),
    ("Top Secret★5年", "绝密"), ("绝密件", "绝密"), ("jimi", "机密"), ("public", "公开"), ("财务科", None)])
def test_a_stated_level_is_read_in_every_spelling(value, level):
    assert normalise_classification(value) == level


def _docx_with_first_paragraph(path: Path, xml: str) -> None:
    """A DOCX whose first paragraph's runs are ``xml`` (WordprocessingML), then ordinary text."""
    document = docx.Document()
    document.add_paragraph("PLACEHOLDER")
    document.add_paragraph("关于2017年工作的安排 SLIPWORD")
    buffer = io.BytesIO()
    document.save(buffer)
    rewritten(buffer.getvalue(), path, {"word/document.xml": (b"<w:r><w:t>PLACEHOLDER</w:t></w:r>", xml.encode())})


def _statuses(root: Path) -> dict[str, str]:
    return {doc.path.rsplit("/", 1)[-1]: decide(doc).status
            for doc in load_inventory(load_config(root), ocr=False).documents}


def test_word_symbols_and_phonetic_guides_are_read_as_printed(tmp_path):
    root = tmp_path / "archive"
    (root / FOLDER).mkdir(parents=True)
    sym = '<w:r><w:t>绝密</w:t></w:r><w:r><w:sym w:font="Wingdings" w:char="F0AB"/></w:r><w:r><w:t>启用前</w:t></w:r>'
    ruby = ('<w:r><w:ruby><w:rubyPr/><w:rt><w:r><w:t>jī mì</w:t></w:r></w:rt><w:rubyBase><w:r><w:t>机密</w:t></w:r>'
            '</w:rubyBase></w:ruby></w:r><w:r><w:t>★5年</w:t></w:r>')
    _docx_with_first_paragraph(root / FOLDER / "符号.docx", sym)
    _docx_with_first_paragraph(root / FOLDER / "注音.docx", ruby)
    assert _statuses(root) == {"符号.docx": "classified", "注音.docx": "classified"}


_ALTERNATIVES = ('<w:r><mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006">'
                 '<mc:Choice Requires="wps"><w:t>{}</w:t></mc:Choice><mc:Fallback><w:t>{}</w:t></mc:Fallback>'
                 '</mc:AlternateContent></w:r>')


def test_a_mark_in_either_of_a_runs_alternatives_classifies_the_document(tmp_path):
    """Word shows the mc:Choice it understands, the site (mammoth) the mc:Fallback: a mark in either counts."""
    root = tmp_path / "archive"
    (root / FOLDER).mkdir(parents=True)
    _docx_with_first_paragraph(root / FOLDER / "首选.docx", _ALTERNATIVES.format("机密★5年", "通知"))
    _docx_with_first_paragraph(root / FOLDER / "备选.docx", _ALTERNATIVES.format("通知", "机密★5年"))
    _docx_with_first_paragraph(root / FOLDER / "都无.docx", _ALTERNATIVES.format("通知", "通知"))
    assert _statuses(root) == {"首选.docx": "classified", "备选.docx": "classified", "都无.docx": "published"}


def test_an_english_level_in_a_files_properties_classifies_it(tmp_path):
    root = tmp_path / "archive"
    (root / FOLDER).mkdir(parents=True)
    document = docx.Document()
    document.add_paragraph("关于2017年工作的安排")
    document.core_properties.content_status = "Confidential"
    document.save(root / FOLDER / "状态.docx")
    assert _statuses(root) == {"状态.docx": "classified"}


def test_every_copy_of_a_file_is_as_strict_as_its_strictest(tmp_path):
    root = tmp_path / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    (root / "content/县教科局/保障机制/2016").mkdir(parents=True)
    text = "# 专项工作安排\n\n正文 SLIPWORD\n"
    (folder / "专项工作安排.md").write_text(text, "utf-8")
    (folder / "专项工作安排.md.yml").write_text("密级: 机密\n", "utf-8")
    (root / "content/县教科局/保障机制/2016/工作安排.md").write_text(text, "utf-8")  # the same bytes, no metadata
    os.symlink(folder / "专项工作安排.md", root / "content/县教科局/保障机制/2016/副本.md")
    assert set(_statuses(root).values()) == {"classified"}
    result = CliRunner().invoke(cli, ["--root", str(root), "build"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    assert b"SLIPWORD" not in b"".join(p.read_bytes() for p in (root / "site").rglob("*") if p.is_file())


def test_a_file_replaced_by_one_of_the_same_size_and_time_is_read_again(tmp_path):
    root = tmp_path / "archive"
    (root / FOLDER).mkdir(parents=True)
    path = root / FOLDER / "方案.md"
    path.write_text("密级：公开\n\n# 方案\n\n正文\n", "utf-8")
    stat = path.stat()
    assert _statuses(root) == {"方案.md": "published"}
    replacement = path.with_name("新.md")
    replacement.write_text("密级：机密\n\n# 方案\n\n正文\n", "utf-8")  # the same length in UTF-8
    os.utime(replacement, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    os.replace(replacement, path)  # as rsync -t puts a corrected file in place
    assert path.stat().st_size == stat.st_size and path.stat().st_mtime_ns == stat.st_mtime_ns
    assert _statuses(root) == {"方案.md": "classified"}


@pytest.mark.parametrize("line, level", [
    ("TOP SECRET", "绝密"), ('classification = "secret"', "秘密"), ('{"classification": "confidential"}', "机密"),
    ('security_level = "top secret"', "绝密"), ("The secret of good teaching", None)])
def test_an_english_level_atop_a_page_or_in_unread_front_matter_is_found(line, level):
    assert detect_mark(f"{line}\n\n正文\n") == level


@pytest.mark.parametrize("front, held", [
    ("内部: 是", True), ("internal: true", True), ("公开属性: 不予公开", True), ("是否公开: 否", True),
    ("公开属性: 主动公开", False), ("备注: 否", False)])
def test_a_yes_or_no_that_says_a_document_is_not_public_holds_it(tmp_path, front, held):
    root = tmp_path / "archive"
    (root / FOLDER).mkdir(parents=True)
    (root / FOLDER / "方案.md").write_text(f"---\n{front}\n---\n# 方案\n\n正文\n", "utf-8")
    documents = load_inventory(load_config(root), ocr=False).documents
    assert (documents == [] or decide(documents[0]).status != "published") is held


def test_a_merge_key_cannot_lower_a_level(tmp_path):
    root = tmp_path / "archive"
    (root / FOLDER).mkdir(parents=True)
    (root / FOLDER / "方案.md").write_text("---\n<<: {密级: 机密}\n密级: 公开\n---\n# 方案\n\n正文\n", "utf-8")
    inventory = load_inventory(load_config(root), ocr=False)
    assert [decide(doc).status for doc in inventory.documents] in ([], ["classified"], ["held"])
    assert any(problem.code == "scan.yaml_merge_key" for problem in inventory.problems)


def test_a_pictures_own_properties_are_read_for_a_mark(tmp_path):
    from PIL import Image, PngImagePlugin

    root = tmp_path / "archive"
    (root / FOLDER).mkdir(parents=True)
    chunks = PngImagePlugin.PngInfo()
    chunks.add_itxt("Description", "机密★5年")
    Image.new("RGB", (400, 300), "white").save(root / FOLDER / "扫描件.png", pnginfo=chunks)
    assert _statuses(root) == {"扫描件.png": "classified"}
