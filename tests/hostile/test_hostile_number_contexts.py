"""Where a personal number stands decides nothing against it: a label of another kind (批次, 编号, 金额) that names
something else on the line, a form's label that states the number's length (公民身份号码（18位）), a check
character typed as × or a look-alike letter, one digit per CSV cell. A label right before a number still keeps
a project number or voucher as it is."""

from __future__ import annotations

import pytest

from archive_builder.core.privacy import mask_text

ID = "110101199003020508"
ID_X = "11010119900302551X"  # its check character is X


@pytest.mark.parametrize("text", [
    f"1,第一批次,王五,{ID}",
    f"编号 001 李四 {ID}",
    f"金额 200 元，领取人身份证 {ID}",
    f"身份证号：{ID_X[:17]}×", f"身份证号：{ID_X[:17]}χ", f"身份证号：{ID_X[:17]}х", f"{ID_X[:17]}Х",
    "公民身份号码（18位）| " + " | ".join(ID),
    "公民身份号码（18位）," + ",".join(ID),
    "家长手机（11位）|" + "|".join("13912346501"),
    f"{ID[:6]} {ID[6:14]} {ID[14:17]} {ID[17]}",  # 地址码 出生日期码 顺序码 校验码
    f"{ID[:2]} {ID[2:4]} {ID[4:6]} {ID[6:14]} {ID[14:]}",
    f"{ID[:6]}-{ID[6:10]}-{ID[10:12]}-{ID[12:14]}-{ID[14:]}",
    f"sfz={ID[:6]}%20{ID[6:14]}%20{ID[14:]}",
    "".join(f"{digit}\u0332" for digit in ID),  # each digit underlined by a combining mark
])
def test_the_number_is_masked(text):
    masked, count = mask_text(text)
    assert count == 1, masked
    shown = "".join(ch for ch in masked if ch.isdigit() or ch == "*")
    assert "19900302" not in shown


@pytest.mark.parametrize("text", ["项目编号：140102201601010012", "凭证号 2024120300001234", "批次号：2016090112345678",
                                  "3×4=12 个班", "1,2,3,4,5,6,7,8,9,10"])
def test_what_is_no_personal_number_stays(text):
    assert mask_text(text) == (text, 0)


@pytest.mark.parametrize("text", [
    "手机：139•1234•0051", "手机：139‧1234‧0052", "手机：139─1234─0054", "139   1234   0056", "139\u28001234\u28000057",
    "tel:139%2D1234%2D6401", "139&zwnj;1234&zwnj;6900", "139&nbsp1234&nbsp6901", "+86 1391 2346 701"])
def test_a_mobile_parted_by_any_separator_is_masked(text):
    masked, count = mask_text(text)
    assert count == 1 and "1234" not in masked.replace("2346", ""), masked


def test_a_number_typed_into_the_school_registry_is_masked_for_every_output(tmp_path):
    """A head's mobile typed into a school's name or code: the registry gives every page, chart and report the
    masked name, and still finds the school by what documents and tables write."""
    from archive_builder.core.config import load_config
    from archive_builder.core.sitepaths import slug
    from archive_builder.statistics.schools import load_schools

    root = tmp_path / "archive"
    (root / "content" / "data").mkdir(parents=True)
    (root / "content" / "data" / "schools.csv").write_text(
        "学校名称,学校代码,学段,乡镇,寄宿制\n示范县第九小学13912346001,3141020099,小学,城关镇,否\n"
        "示范县第十小学,13912346801,小学,城关镇,否\n", "utf-8")
    registry = load_schools(load_config(root))
    names = [school.name for school in registry.schools]
    assert names == ["示范县第九小学139****6001", "示范县第十小学"]
    assert registry.find("示范县第九小学13912346001") is registry.schools[0]
    assert registry.find("13912346801") is registry.schools[1]
    assert "13912346801" not in slug(registry.schools[1].id) and slug(registry.schools[1].id).isascii()
