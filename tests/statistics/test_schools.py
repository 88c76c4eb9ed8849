"""The school registry: CSV (UTF-8, BOM, GBK) or XLSX, Chinese or English headers, bad cells."""

from __future__ import annotations

from archive_builder.core.config import load_config
from archive_builder.statistics.schools import load_schools, parse_bool

ZH_CSV = "学校名称,学校代码,学段,乡镇,寄宿,学生数,班级数\n城关一小,S001,小学,城关镇,否,1200,24\n东乡中学,S002,初中,东乡,是,480,12\n"
EN_CSV = "name,id,level,township,boarding,students,classes\nTown Primary,P1,小学,Town,no,90,6\n"


def registry(make_archive, files):
    return load_schools(load_config(make_archive(files)))


def test_chinese_headers_utf8(make_archive):
    reg = registry(make_archive, {"content/data/schools.csv": ZH_CSV})
    assert reg.problems == []
    assert reg.source == "data/schools.csv"
    first, second = reg.schools
    assert (first.name, first.id, first.level, first.township, first.boarding) == ("城关一小", "S001", "小学", "城关镇", False)
    assert (second.boarding, second.students, second.classes, second.row) == (True, 480, 12, 3)


def test_bom_and_gbk_decode_the_same(make_archive):
    bom = registry(make_archive, {"content/data/schools.csv": b"\xef\xbb\xbf" + ZH_CSV.encode("utf-8")})
    gbk = load_schools(load_config(make_archive({"content/data/schools.csv": ZH_CSV.encode("gbk")}, name="gbk")))
    assert [s.name for s in bom.schools] == [s.name for s in gbk.schools] == ["城关一小", "东乡中学"]
    assert bom.problems == gbk.problems == []


def test_english_headers(make_archive):
    reg = registry(make_archive, {"content/data/schools.csv": EN_CSV})
    assert reg.schools[0].id == "P1" and reg.schools[0].students == 90 and reg.schools[0].boarding is False


def test_xlsx_registry(make_archive, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["学校名称", "学校代码", "学段", "寄宿", "学生数"])
    sheet.append(["西山教学点", "T9", "教学点", "否", 35])
    sheet.append(["南湖九年制", 1001, "九年一贯制", "是", 800.0])
    path = tmp_path / "schools.xlsx"
    workbook.save(path)
    reg = registry(make_archive, {"content/data/schools.xlsx": path.read_bytes()})
    assert reg.problems == []
    assert [(s.name, s.id, s.students, s.boarding) for s in reg.schools] == [
        ("西山教学点", "T9", 35, False), ("南湖九年制", "1001", 800, True)]


def test_bad_cells_name_row_and_column(make_archive):
    reg = registry(make_archive, {"content/data/schools.csv": (
        "学校名称,学校代码,学段,寄宿,学生数\n甲校,A,小学,否,1百\n乙校,B,大学,也许,10\n,C,小学,否,5\n")})
    messages = [p.message for p in reg.problems]
    assert "row 2, column 学生数 (E): '1百' is not a whole number." in messages
    assert "row 3, column 学段 (C): '大学' is not a school level." in messages
    assert "row 3, column 寄宿 (D): '也许' is neither 是 nor 否." in messages
    assert any(m.startswith("row 4, column 学校名称 (A)") for m in messages)
    assert all(p.path == "data/schools.csv" and p.severity == "error" for p in reg.problems)
    assert [s.name for s in reg.schools] == ["甲校", "乙校"]  # the nameless row is dropped


def test_missing_required_column(make_archive):
    reg = registry(make_archive, {"content/data/schools.csv": "学校名称,乡镇\n甲校,城关\n"})
    assert reg.schools == []
    assert reg.problems[0].code == "schools.missing_column"
    assert "id, level" in reg.problems[0].message


def test_duplicates_reported(make_archive):
    reg = registry(make_archive, {"content/data/schools.csv": "学校名称,学校代码,学段\n甲校,A,小学\n甲校,B,初中\n"})
    assert [p.code for p in reg.problems] == ["schools.duplicate"]
    assert "row 3" in reg.problems[0].message and "row 2" in reg.problems[0].message


def test_find_by_name_or_id(make_archive):
    reg = registry(make_archive, {"content/data/schools.csv": ZH_CSV})
    assert reg.find("城关一小").id == "S001"
    assert reg.find("s002").name == "东乡中学"
    assert reg.find(" S001 ").name == "城关一小"
    assert reg.find("没有这所学校") is None
    assert reg.find(None) is None


def test_no_registry_is_empty(make_archive):
    reg = registry(make_archive, {})
    assert reg.schools == [] and reg.problems == [] and reg.source is None


def test_undecodable_registry_is_one_problem(make_archive):
    reg = registry(make_archive, {"content/data/schools.csv": b"\x00\x01\x02binary"})
    assert [p.code for p in reg.problems] == ["schools.unreadable"]


def test_parse_bool():
    assert parse_bool("是") is True and parse_bool("否") is False
    assert parse_bool("Yes") is True and parse_bool("") is False
    assert parse_bool("也许") is None
