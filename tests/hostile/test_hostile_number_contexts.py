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
])
def test_the_number_is_masked(text):
    masked, count = mask_text(text)
    assert count == 1, masked
    assert "19900302" not in masked.replace(" ", "").replace("|", "").replace(",", "")


@pytest.mark.parametrize("text", ["项目编号：140102201601010012", "凭证号 2024120300001234", "批次号：2016090112345678",
                                  "3×4=12 个班", "1,2,3,4,5,6,7,8,9,10"])
def test_what_is_no_personal_number_stays(text):
    assert mask_text(text) == (text, 0)
