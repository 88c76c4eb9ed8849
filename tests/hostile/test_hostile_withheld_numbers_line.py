"""A classified file that also holds personal numbers: ``scan`` says how many numbers were masked, and names the
file there as it names it everywhere (its folder and a short reference), never by its own name."""

from __future__ import annotations

from withheld import FOLDER, run


def test_the_personal_numbers_line_of_a_classified_file_hides_its_name(tmp_path):
    root = tmp_path / "archive"
    folder = root / FOLDER
    folder.mkdir(parents=True)
    (folder / "2016-NAMESLIPA方案.md").write_text("机密★5年\n\n# 方案\n\n联系电话 13812345678\n", "utf-8")
    (folder / "2016-NAMESLIPB方案.md").write_text("密级: 机密\n---\n联系电话 13912345678\n", "utf-8")
    (folder / "2016-NAMESLIPB方案.md.yml").write_text("密级: 机密\n", "utf-8")
    output = run(root, "scan")
    assert "NAMESLIP" not in output
    assert output.count("13812345678") == 0
