"""Create a ready archive project: folders, checklists, registry templates, config, guide."""

from __future__ import annotations

import csv
import io
import shutil
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

import yaml

from archive_builder.core.cells import append_row, csv_row
from archive_builder.core.config import _read_defaults, parse_year_range
from archive_builder.core.errors import ArchiveError, UsageError, message

SCHOOL_HEADERS = ("学校名称", "学校代码", "学段", "乡镇", "寄宿", "学生数", "班级数")


@dataclass
class InitReport:
    """What ``init`` created."""

    root: Path
    folders: int = 0
    files: list[str] = field(default_factory=list)


def init_archive(root: Path, county: str, years: str = "2014-2017") -> InitReport:
    """Create a new archive project in ``root``; refuse if one is already there."""
    year_range = parse_year_range(years)
    if year_range is None:
        raise UsageError(message("init.bad_years", value=years))
    if _is_archive(root) or (root.exists() and any(root.iterdir())):
        raise ArchiveError(message("init.exists", root=str(root)))
    registry = _read_defaults()
    report = InitReport(root)
    root.mkdir(parents=True, exist_ok=True)
    report.folders = _make_folders(root, registry)
    _write(report, "site_config/archive.yml", _archive_yml(county, years))
    _write(report, "mkdocs.yml", _template("mkdocs.yml").replace("{name}", _archive_name(county)))
    _write(report, ".gitignore", _template("gitignore"))
    _write(report, "使用说明.md", _template("使用说明.md").replace("{county}", county))
    _write(report, "content/data/schools.csv", _school_csv(county).decode("utf-8"), encoding="utf-8-sig")
    _write_school_xlsx(report, county)
    _copy_package_dir(report, "checklists", "checklists")
    _copy_package_dir(report, "defaults/ci", "ci")
    return report


def _is_archive(root: Path) -> bool:
    return (root / "content").exists() or (root / "site_config" / "archive.yml").exists()


def _archive_name(county: str) -> str:
    return f"{county}义务教育发展基本均衡县迎检档案"


def _make_folders(root: Path, registry: dict) -> int:
    count = 0
    for department in registry["departments"]:
        for category in registry["categories"]:
            folder = root / "content" / department["name"] / category["name"]
            folder.mkdir(parents=True, exist_ok=True)
            (folder / ".gitkeep").touch()  # so an empty folder survives git and zips
            count += 1
    return count


def _archive_yml(county: str, years: str) -> str:
    data = {"name": _archive_name(county), "county": county, "years": years}
    header = "# 档案项目配置。可在此覆盖单位、类别等内置设置（见 archive-builder 文档）。\n"
    return header + yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


def _template(name: str) -> str:
    return resources.files("archive_builder").joinpath(f"defaults/project/{name}").read_text("utf-8")


def _example_school(county: str) -> tuple[str, ...]:
    return (f"{county}第一小学", "0000000001", "小学", "城关镇", "否", "600", "12")


def _school_csv(county: str) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(SCHOOL_HEADERS)
    writer.writerow(csv_row(_example_school(county)))
    return buffer.getvalue().encode("utf-8")


def _write_school_xlsx(report: InitReport, county: str) -> None:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.worksheets[0]  # the one sheet a new workbook starts with
    sheet.title = "学校名册"
    sheet.append(SCHOOL_HEADERS)
    example = _example_school(county)
    append_row(sheet, [*example[:5], int(example[5]), int(example[6])])
    sheet.freeze_panes = "A2"
    path = report.root / "模板" / "学校名册.xlsx"
    path.parent.mkdir(parents=True, exist_ok=True)
    workbook.save(path)
    report.files.append("模板/学校名册.xlsx")


def _write(report: InitReport, rel: str, text: str, encoding: str = "utf-8") -> None:
    path = report.root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding=encoding)
    report.files.append(rel)


def _copy_package_dir(report: InitReport, package_dir: str, target: str) -> None:
    source = resources.files("archive_builder").joinpath(package_dir)
    if not source.is_dir():
        return
    for entry in source.iterdir():
        if entry.is_file() and not entry.name.startswith((".", "__")):
            path = report.root / target / entry.name
            path.parent.mkdir(parents=True, exist_ok=True)
            with resources.as_file(entry) as real:
                shutil.copyfile(real, path)
            report.files.append(f"{target}/{entry.name}")
