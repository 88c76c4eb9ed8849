"""密级 marks as offices really typeset them, and as a hostile file hides them, in Markdown, DOCX and PDF.

- GB/T 9704 spaces out the characters of 密级 and 紧急程度, and they share a line with the 份号:
  ``000012　　机　密★5年``, ``机　密★１年　　特　急``.
- Any star-like sign, or a dash, between the level and the term: ``机密✩5年``, ``机密-5年``.
- Characters a page does not show inside the level: bidi isolates, U+061C, combining marks.
- A PDF's letterhead line that ends in a Chinese character is joined to the mark below it by the text layer:
  ``示范县教育和科技局机密★5年工作方案…``, ``示范县教育局绝密★启用前考试试卷…``.
- A ruby reading between the characters of the level: ``<ruby>机<rt>jī</rt></ruby>…★5年``.

Each classified file is built into a site and indexed: its words are in no file of the site and no search finds
it. Each ordinary file beside it (prose that speaks of 机密, a year after 秘密) stays published and found.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from fixtures.search.generate import FONT
from withheld import FOLDER, build_and_judge, found

from archive_builder.core.privacy import detect_classification

BODY = "现将有关事项通知如下，请各学校认真贯彻执行。"


def _markdown(first: str, word: str) -> str:
    return f"{first}\n\n# 工作方案\n\n{BODY}{word}\n"


def _docx(path: Path, paragraphs: list[str]) -> None:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))


def _pdf(path: Path, lines: list[str]) -> None:
    """One A4 page, one text line each 10 mm: the text layer the PDF reader joins where a line ends in CJK."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("zenhei", fname=str(FONT))
    pdf.set_font("zenhei", size=12)
    pdf.add_page()
    for number, text in enumerate(lines):
        pdf.text(20, 20 + 10 * number, text)
    pdf.output(str(path))


def _md(first: str, word: str):
    return lambda path: path.write_text(_markdown(first, word), "utf-8")


#: file name -> (what makes it, the word only its body holds)
CLASSIFIED = {
    "份号空格.md": (_md("000012　　机　密★5年", "MARKSPACEDA"), "MARKSPACEDA"),
    "紧急程度.md": (_md("机　密★１年　　特　急", "MARKSPACEDB"), "MARKSPACEDB"),
    "空格.docx": (lambda path: _docx(path, ["000012", "机　密★１年　　特　急", "工作方案", BODY + "MARKSPACEDC"]),
                "MARKSPACEDC"),
    "白星.md": (_md("份号：000012　机密✩5年　特急", "MARKSTARA"), "MARKSTARA"),
    "横线.md": (_md("份号 000012　机密-5年", "MARKSTARB"), "MARKSTARB"),
    "隔离.md": (_md("机\u2066密\u2069★5年", "MARKINVISA"), "MARKINVISA"),
    "阿拉伯.md": (_md("秘\u061c密★1年", "MARKINVISB"), "MARKINVISB"),
    "组合.md": (_md("机\u0301密★5年", "MARKINVISC"), "MARKINVISC"),
    "隔离.docx": (lambda path: _docx(path, ["机\u2067密★5年", "工作方案", BODY + "MARKINVISD"]), "MARKINVISD"),
    "函头.pdf": (lambda path: _pdf(path, ["示范县教育和科技局", "机密★5年", "工作方案", "正文 MARKJOINA " + BODY]),
               "MARKJOINA"),
    "函头期限.pdf": (lambda path: _pdf(path, ["示范县教育和科技局", "秘密保密期限：10年", "工作方案", "正文 MARKJOINB"]),
                 "MARKJOINB"),
    "启用前.pdf": (lambda path: _pdf(path, ["示范县教育局", "绝密★启用前", "考试试卷", "正文 MARKJOINC"]), "MARKJOINC"),
    "注音.md": (_md("<ruby>机<rt>jī</rt></ruby><ruby>密<rp>(</rp><rt>mì</rt><rp>)</rp></ruby>★5年", "MARKRUBYA"),
              "MARKRUBYA"),
}
PUBLISHED = {
    "保守机密.md": (_md("各单位要严格保守机密，不得泄露。", "MARKPROSEA"), "MARKPROSEA"),
    "年度.md": (_md("秘密 2016年 工作总结", "MARKPROSEB"), "MARKPROSEB"),
    "有机.md": (_md("有 机 密封材料 5年 质保", "MARKPROSEC"), "MARKPROSEC"),
    "重音.md": (_md("Café naïve résumé 机制", "MARKPROSED"), "MARKPROSED"),
    "保守.docx": (lambda path: _docx(path, ["000012", "关于做好机密载体管理工作的通知", BODY + "MARKPROSEE"]),
                "MARKPROSEE"),
    "机密文件.pdf": (lambda path: _pdf(path, ["示范县教育和科技局", "机密文件管理办法", "工作方案", "正文 MARKPROSEF"]),
                 "MARKPROSEF"),
}


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One archive holding every case, built and indexed: (root, the site's files as bytes, statuses by name)."""
    root = tmp_path_factory.mktemp("marks") / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    for name, (make, _) in {**CLASSIFIED, **PUBLISHED}.items():
        make(folder / name)
    return root, *build_and_judge(root)


@pytest.mark.parametrize("name", sorted(CLASSIFIED))
def test_a_classified_file_is_withheld_from_the_site_and_the_search(built, name):
    root, site, verdicts = built
    word = CLASSIFIED[name][1]
    assert verdicts[name] == "classified"
    assert word.encode() not in site and word.encode("utf-16-le") not in site
    assert found(root, word) == []


@pytest.mark.parametrize("name", sorted(PUBLISHED))
def test_an_ordinary_file_beside_them_is_published_and_found(built, name):
    root, site, verdicts = built
    word = PUBLISHED[name][1]
    assert verdicts[name] == "published"
    assert word.encode() in site
    assert [path.rsplit("/", 1)[-1] for path in found(root, word)] == [name]


@pytest.mark.parametrize("line", [
    "000012　　机　密★5年", "机　密★１年　　特　急", "密　级：机　密", "绝 密★长期",
    "份号：000012　机密✩5年　特急", "份号 000012　机密-5年", "份号 机密⋆5年 特急", "份号 机密✦5年 特急",
    "份号 机密※5年 特急", "机密(5年)份号0001", "机密/5年 份号",
    "机\u2066密\u2069★5年", "秘\u061c密★1年", "机\u0301密★5年", "机\u20df密★5年", "机\U000e0020密★5年",
    "示范县教育和科技局机密★5年工作方案正文", "示范县教育局秘密保密期限：10年", "示范县人民政府文件绝密★长期",
    "中共示范县委办公室机密★10年", "示范县第一中学秘密★1年",
    "本文件定为机密★5年", "本文件属机密★5年", "按机密★5年管理", "本方案密级为秘密★1年",
])
def test_the_mark_is_found(line):
    assert detect_classification(f"{line}\n工作方案\n正文") in ("秘密", "机密", "绝密")


@pytest.mark.parametrize("line", [
    "各单位要严格保守机密，不得泄露。", "保守机密是每个公民的义务", "本局机密文件管理办法", "有 机 密封材料 5年 质保",
    "关于做好机密载体管理工作的通知", "秘密 2016年 工作总结", "机密-2016年度报告", "机密文件保管5年以上",
    "示范县教育和科技局工作方案", "对涉密人员进行机密教育，为期5年。", "★★★★★ 五星好评 5年",
    "各校要保守机密★5年", "严禁泄露秘密★1年", "涉及绝密★长期的材料",
    "这是一段很长很长的正文，" * 4 + "按机密★5年管理",  # deep in a paragraph: no letterhead joined to a mark
])
def test_prose_is_no_mark(line):
    assert detect_classification(f"{line}\n工作方案\n正文") is None
