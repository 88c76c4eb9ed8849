"""``indicators --json`` carries full precision and agrees with an independent computation (numpy) to 1e-9."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import numpy as np
import pytest

REPO = Path(__file__).resolve().parents[2]
COLUMNS = ("教学及辅助用房面积", "体育运动场馆面积", "教学仪器设备值", "计算机台数", "图书册数", "专任教师数",
           "高于规定学历教师数", "中级及以上专业技术职务教师数")
#: basic-2012: indicator name, column, per
INDICATORS = (("生均教学及辅助用房面积", 0, 1), ("生均体育运动场馆面积", 1, 1), ("生均教学仪器设备值", 2, 1),
              ("每百名学生拥有计算机台数", 3, 100), ("生均图书册数", 4, 1), ("师生比", 5, 1),
              ("生均高于规定学历教师数", 6, 1), ("生均中级及以上专业技术职务教师数", 7, 1))
COMPOSITE = "综合差异系数"
TOLERANCE = 1e-9


def weighted(students: np.ndarray, totals: np.ndarray) -> tuple[float, float, float]:
    """X̄, S and CV with numpy: weights nᵢ/N, xᵢ = Rᵢ/nᵢ, X̄ = ΣR/N, S = √Σw(x − X̄)²."""
    weights = students / students.sum()
    values = totals / students
    mean = totals.sum() / students.sum()
    std = float(np.sqrt(np.sum(weights * (values - mean) ** 2)))
    return float(mean), std, std / float(mean)


def expected(rows: list[tuple]) -> dict[tuple[int, str, str], tuple[float, float, float]]:
    """(year, level, indicator) -> (X̄, S, CV), plus the composite as the mean of the eight CVs."""
    groups: dict[tuple[int, str], list[tuple]] = defaultdict(list)
    for row in rows:
        groups[(row[0], row[2])].append(row)
    out = {}
    for (year, level), block in groups.items():
        students = np.array([r[3] for r in block], dtype=float)
        cvs = []
        for name, column, per in INDICATORS:
            totals = np.array([r[4 + column] for r in block], dtype=float) * per
            out[(year, level, name)] = weighted(students, totals)
            cvs.append(out[(year, level, name)][2])
        out[(year, level, COMPOSITE)] = (float("nan"), float("nan"), float(np.mean(cvs)))
    return out


def assert_agrees(balance: list[dict], want: dict) -> None:
    assert len(balance) == len(want)
    for row in balance:
        mean, std, cv = want[(row["year"], row["level"], row["indicator"])]
        assert abs(row["cv"] - cv) <= TOLERANCE, row
        if row["indicator"] != COMPOSITE:
            assert abs(row["mean"] - mean) <= TOLERANCE * max(1.0, abs(mean)), row
            assert abs(row["s"] - std) <= TOLERANCE * max(1.0, abs(std)), row


@pytest.fixture(scope="module")
def random_county(tmp_path_factory) -> tuple[Path, list[tuple]]:
    """Three years, two levels, 9 to 14 schools each, with values no display would round the same way."""
    rng = np.random.default_rng(20170227)
    root = tmp_path_factory.mktemp("precision") / "archive"
    (root / "content" / "data").mkdir(parents=True)
    (root / "site_config").mkdir()
    (root / "site_config" / "archive.yml").write_text("years: 2015-2017\n", encoding="utf-8")
    rows, registry = [], ["学校名称,学校代码,学段"]
    for level, count in (("小学", 14), ("初中", 9)):
        for index in range(count):
            registry.append(f"{level}{index:02d},{'P' if level == '小学' else 'J'}{index:02d},{level}")
    for year in (2015, 2016, 2017):
        for line in registry[1:]:
            name, _code, level = line.split(",")
            students = int(rng.integers(12, 2400))
            scale = float(rng.lognormal(0, 0.45))
            areas = [round(students * 4.7 * scale * float(rng.uniform(0.8, 1.2)), 3),
                     round(students * 7.3 * scale * float(rng.uniform(0.7, 1.3)), 3),
                     round(students * 1733.37 * scale * float(rng.uniform(0.6, 1.4)), 2)]
            counts = [max(1, int(students * rate * scale * float(rng.uniform(0.7, 1.3))))
                      for rate in (0.117, 23.9, 0.071, 0.063, 0.041)]
            rows.append((year, name, level, students, *areas, *counts))
    (root / "content" / "data" / "schools.csv").write_text("\n".join(registry) + "\n", encoding="utf-8")
    header = "年度,学校,学段,学生数," + ",".join(COLUMNS)
    (root / "content" / "data" / "school_stats.csv").write_text(
        header + "\n" + "\n".join(",".join(map(str, r)) for r in rows) + "\n", encoding="utf-8")
    return root, rows


def test_json_agrees_with_numpy_to_1e_9(random_county, run_cli):
    root, rows = random_county
    result = run_cli(root, "indicators", "--json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert all(r["complete"] for r in data["balance"])
    assert_agrees(data["balance"], expected(rows))


def test_json_is_not_rounded(random_county, run_cli):
    root, _rows = random_county
    data = json.loads(run_cli(root, "indicators", "--json").stdout)
    cvs = [r["cv"] for r in data["balance"]]
    # 4-decimal rounding would leave every value equal to itself rounded; full precision leaves none
    assert not any(cv == round(cv, 6) for cv in cvs)
    values = [v["value"] for v in data["school_values"]]
    assert sum(v != round(v, 6) for v in values) > 0.9 * len(values)


def test_school_values_and_terms_agree_with_numpy(random_county, run_cli):
    root, rows = random_county
    data = json.loads(run_cli(root, "indicators", "--json").stdout)
    students = {(r[0], r[1], r[2]): r[3] for r in rows}
    books = {(r[0], r[1], r[2]): r[8] for r in rows}
    for value in (v for v in data["school_values"] if v["indicator"] == "生均图书册数"):
        key = (value["year"], value["school"], value["level"])
        assert abs(value["value"] - books[key] / students[key]) <= TOLERANCE
    group = [v for v in data["school_values"] if (v["year"], v["level"], v["indicator"]) == (2016, "初中", "师生比")]
    assert abs(sum(v["share"] for v in group) - 1.0) <= TOLERANCE
    std = next(r["s"] for r in data["balance"] if (r["year"], r["level"], r["indicator"]) == (2016, "初中", "师生比"))
    assert abs(sum(v["term"] for v in group) - std ** 2) <= TOLERANCE


def test_the_published_five_school_example():
    students = np.array([45, 37, 89, 76, 55], dtype=float)
    books = np.array([279, 137, 935, 160, 402], dtype=float)
    from archive_builder.statistics.coefficient import difference_coefficient

    spread = difference_coefficient(list(students), list(books))
    mean, std, cv = weighted(students, books)
    assert abs(spread.cv - cv) <= 1e-15 and abs(spread.mean - mean) <= 1e-15 and abs(spread.std - std) <= 1e-15
    assert round(cv, 3) == 0.515  # published: 0.52


def test_the_demo_agrees_with_numpy_read_straight_from_its_workbook(run_cli, demo_archive):
    from openpyxl import load_workbook

    sheet = load_workbook(REPO / "content" / "data" / "school_stats.xlsx", read_only=True).active
    header, *raw = list(sheet.iter_rows(values_only=True))
    assert header[6] == "教学仪器设备值(万元)"
    rows = [(*r[:6], r[6] * 10000, *r[7:]) for r in raw]  # 万元 -> 元
    data = json.loads(run_cli(demo_archive, "indicators", "--json").stdout)
    assert data["problems"] == []
    assert_agrees(data["balance"], expected(rows))
