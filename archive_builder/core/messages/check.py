"""Messages of checklists, the school registry, the completeness check and its reports."""

MESSAGES = {
    # Checklist loading: every error names file and line.
    "checklist.bad_yaml": {
        "en": "{file}:{line}: the checklist is not valid YAML. Check indentation and colons near that line.",
        "zh": "{file}:{line}：清单文件不是有效的 YAML。请检查该行附近的缩进和冒号。",
    },
    "checklist.not_utf8": {
        "en": "{file}: the checklist is not UTF-8 text. Save it as UTF-8.",
        "zh": "{file}：清单文件不是 UTF-8 编码。请另存为 UTF-8。",
    },
    "checklist.no_items": {
        "en": "{file}:{line}: a checklist needs an 'items:' list at the top.",
        "zh": "{file}:{line}：清单文件顶层需要 “items:” 列表。",
    },
    "checklist.unknown_file_key": {
        "en": "{file}:{line}: unknown key '{field}' at the top of the checklist. Known keys: {known}.",
        "zh": "{file}:{line}：清单顶层的键 '{field}' 未知。可用的键：{known}。",
    },
    "checklist.item_not_mapping": {
        "en": "{file}:{line}: each item must be 'key: value' lines (id, title, …).",
        "zh": "{file}:{line}：每个条目应为 “键: 值” 形式（id、title 等）。",
    },
    "checklist.unknown_key": {
        "en": "{file}:{line}: item '{id}': unknown key '{field}'. Did you mean: {suggest}?",
        "zh": "{file}:{line}：条目 '{id}' 的键 '{field}' 未知。是否想写：{suggest}？",
    },
    "checklist.bad_id": {
        "en": "{file}:{line}: item '{id}': every item needs an 'id' without spaces.",
        "zh": "{file}:{line}：条目 '{id}'：每个条目都需要不含空格的 'id'。",
    },
    "checklist.no_title": {
        "en": "{file}:{line}: item '{id}': every item needs a 'title'.",
        "zh": "{file}:{line}：条目 '{id}'：每个条目都需要 'title'（名称）。",
    },
    "checklist.duplicate_id": {
        "en": "{file}:{line}: item id '{id}' is already used at {first_file}:{first_line}. Every id must be unique across all checklists.",
        "zh": "{file}:{line}：条目编号 '{id}' 已在 {first_file}:{first_line} 使用。所有清单中的编号不能重复。",
    },
    "checklist.unknown_department": {
        "en": "{file}:{line}: item '{id}': unknown department '{value}'. Closest names: {suggest}.",
        "zh": "{file}:{line}：条目 '{id}'：单位 '{value}' 不存在。相近的名称：{suggest}。",
    },
    "checklist.unknown_category": {
        "en": "{file}:{line}: item '{id}': unknown category '{value}'. Closest names: {suggest}.",
        "zh": "{file}:{line}：条目 '{id}'：类别 '{value}' 不存在。相近的名称：{suggest}。",
    },
    "checklist.bad_years": {
        "en": "{file}:{line}: item '{id}': years '{value}' is not a year range. Write it like 2014-2017 or [2015, 2016].",
        "zh": "{file}:{line}：条目 '{id}'：年份 '{value}' 写法不对，应写成 2014-2017 或 [2015, 2016]。",
    },
    "checklist.bad_min": {
        "en": "{file}:{line}: item '{id}': min '{value}' must be a whole number of at least 1.",
        "zh": "{file}:{line}：条目 '{id}'：min '{value}' 应为不小于 1 的整数。",
    },
    "checklist.bad_severity": {
        "en": "{file}:{line}: item '{id}': severity '{value}' must be 'required' or 'recommended'.",
        "zh": "{file}:{line}：条目 '{id}'：severity '{value}' 只能是 required（必备）或 recommended（建议）。",
    },
    "checklist.bad_match": {
        "en": "{file}:{line}: item '{id}': 'match' must hold 'keywords' and optionally 'types'.",
        "zh": "{file}:{line}：条目 '{id}'：'match' 下应写 'keywords'，可选 'types'。",
    },
    "checklist.unknown_match_key": {
        "en": "{file}:{line}: item '{id}': unknown key '{field}' under 'match'. Known keys: keywords, types.",
        "zh": "{file}:{line}：条目 '{id}'：'match' 下的键 '{field}' 未知。可用的键：keywords、types。",
    },
    "checklist.bad_keywords": {
        "en": "{file}:{line}: item '{id}': 'keywords' must be a word or a list of words.",
        "zh": "{file}:{line}：条目 '{id}'：'keywords' 应为一个词或词的列表。",
    },
    "checklist.bad_types": {
        "en": "{file}:{line}: item '{id}': 'types' must list file types among: {known}.",
        "zh": "{file}:{line}：条目 '{id}'：'types' 只能列出这些文件类型：{known}。",
    },
    "checklist.bad_per_school": {
        "en": "{file}:{line}: item '{id}': 'per_school' must be a filter such as {{level: [小学, 初中]}} or {{boarding: true}}.",
        "zh": "{file}:{line}：条目 '{id}'：'per_school' 应为筛选条件，例如 {{level: [小学, 初中]}} 或 {{boarding: true}}。",
    },
    "checklist.unknown_school_field": {
        "en": "{file}:{line}: item '{id}': 'per_school' cannot filter on '{field}'. Known fields: {known}.",
        "zh": "{file}:{line}：条目 '{id}'：'per_school' 不能按 '{field}' 筛选。可用字段：{known}。",
    },
    "checklist.bad_school_filter": {
        "en": "{file}:{line}: item '{id}': per_school '{field}: {value}' is not valid; expected {expected}.",
        "zh": "{file}:{line}：条目 '{id}'：per_school 的 '{field}: {value}' 不正确，应为 {expected}。",
    },
    "checklist.expect_text": {"en": "a name or a list of names", "zh": "一个名称或名称列表"},
    "checklist.expect_bool": {"en": "true or false (是/否)", "zh": "true 或 false（是/否）"},
    "checklist.expect_int": {"en": "a whole number", "zh": "一个整数"},
    # School registry problems: file, row and column.
    "schools.unreadable": {
        "en": "the school registry cannot be read ({reason}).",
        "zh": "无法读取学校名册（{reason}）。",
    },
    "schools.unreadable.hint": {
        "en": "Save it as CSV (UTF-8 or GBK) or as an .xlsx workbook.",
        "zh": "请另存为 CSV（UTF-8 或 GBK）或 .xlsx 工作簿。",
    },
    "schools.missing_column": {
        "en": "the school registry lacks the column(s) {columns} (found: {found}).",
        "zh": "学校名册缺少列 {columns}（现有列：{found}）。",
    },
    "schools.missing_column.hint": {
        "en": "The first row must name the columns: 学校名称, 学校代码, 学段 (or name, id, level), then 乡镇, 寄宿, 学生数, 班级数.",
        "zh": "第一行应为列名：学校名称、学校代码、学段，其后可有 乡镇、寄宿、学生数、班级数。",
    },
    "schools.duplicate": {
        "en": "row {row}: '{value}' already appears in row {first_row}.",
        "zh": "第 {row} 行的 '{value}' 与第 {first_row} 行重复。",
    },
    "schools.duplicate.hint": {
        "en": "Each school's name and code must be unique; remove or correct the repeated row.",
        "zh": "每所学校的名称和代码都不能重复，请删除或更正重复的行。",
    },
    "schools.empty_cell": {
        "en": "row {row}, column {column}: the cell is empty.",
        "zh": "第 {row} 行 {column} 列为空。",
    },
    "schools.empty_cell.hint": {
        "en": "Fill in the school's name and its school code (学校代码).",
        "zh": "请填写学校名称和学校代码。",
    },
    "schools.bad_level": {
        "en": "row {row}, column {column}: '{value}' is not a school level.",
        "zh": "第 {row} 行 {column} 列的 “{value}” 不是有效的学段。",
    },
    "schools.bad_level.hint": {
        "en": "Write one of 小学, 初中, 九年一贯制, 教学点, 特殊教育.",
        "zh": "请填写 小学、初中、九年一贯制、教学点、特殊教育 之一。",
    },
    "schools.bad_bool": {
        "en": "row {row}, column {column}: '{value}' is neither 是 nor 否.",
        "zh": "第 {row} 行 {column} 列的 “{value}” 应为 是 或 否。",
    },
    "schools.bad_bool.hint": {"en": "Write 是 (yes) or 否 (no).", "zh": "请填写 是 或 否。"},
    "schools.bad_number": {
        "en": "row {row}, column {column}: '{value}' is not a whole number.",
        "zh": "第 {row} 行 {column} 列的 “{value}” 不是整数。",
    },
    "schools.bad_number.hint": {
        "en": "Write digits only, without units or spaces.",
        "zh": "只填数字，不要带单位或空格。",
    },
    # The check.
    "check.unknown_department_option": {
        "en": "Unknown department '{value}'. Closest names: {suggest}.",
        "zh": "单位 “{value}” 不存在。相近的名称：{suggest}。",
    },
    "check.unknown_category_option": {
        "en": "Unknown category '{value}'. Closest names: {suggest}.",
        "zh": "类别 “{value}” 不存在。相近的名称：{suggest}。",
    },
    "check.unknown_school": {
        "en": "the school '{school}' is not in the school registry, so this file counts for no school.",
        "zh": "学校 “{school}” 不在学校名册中，此文件不计入任何学校。",
    },
    "check.unknown_school.hint": {
        "en": "Write the school's name or code exactly as in content/data/schools.csv, or add the school there.",
        "zh": "请按 content/data/schools.csv 中的名称或代码填写，或在名册中补充该校。",
    },
    "check.unknown_item": {
        "en": "the checklist item '{id}' named in its metadata does not exist.",
        "zh": "元数据中填写的清单条目 “{id}” 不存在。",
    },
    "check.unknown_item.hint": {
        "en": "Correct the id (closest: {suggest}) or remove it.",
        "zh": "请更正编号（相近的：{suggest}）或删除。",
    },
    "check.explicit_department": {
        "en": "names checklist item '{item_title}' but belongs to department '{department}', not '{item_department}', so it does not count.",
        "zh": "填写了清单条目“{item_title}”，但所属单位为 “{department}” 而非 “{item_department}”，因此不计入。",
    },
    "check.explicit_department.hint": {
        "en": "Move the file to the right department's folder or correct its 'department'.",
        "zh": "请将文件移到正确单位的文件夹，或更正其单位。",
    },
    "check.explicit_category": {
        "en": "names checklist item '{item_title}' but is filed under category '{category}', not '{item_category}', so it does not count.",
        "zh": "填写了清单条目“{item_title}”，但归入类别 “{category}” 而非 “{item_category}”，因此不计入。",
    },
    "check.explicit_category.hint": {
        "en": "Move the file to the right category or correct its 'category'.",
        "zh": "请将文件归入正确类别，或更正其类别。",
    },
    "check.explicit_years": {
        "en": "names checklist item '{item_title}' but none of its years falls in the item's years ({years}).",
        "zh": "填写了清单条目“{item_title}”，但其年度不在该条目要求的年度（{years}）内。",
    },
    "check.explicit_years.hint": {
        "en": "Give the document its 'years' (e.g. years: 2016).",
        "zh": "请为文件填写年度（如 years: 2016）。",
    },
    "check.no_schools": {
        "en": "item '{item_title}' is required per school, but no school in the registry matches its filter.",
        "zh": "条目“{item_title}”要求每校提供，但学校名册中没有符合条件的学校。",
    },
    "check.no_schools.hint": {
        "en": "Add content/data/schools.csv with the county's schools, or correct the item's per_school filter.",
        "zh": "请添加 content/data/schools.csv 学校名册，或更正该条目的 per_school 条件。",
    },
    "check.years_outside": {
        "en": "item '{item_title}' names no year within the archive years ({years}), so it is not checked.",
        "zh": "条目“{item_title}”的年度都不在档案年度（{years}）内，未作检查。",
    },
    "check.years_outside.hint": {
        "en": "Correct the item's 'years' or the archive's years in site_config/archive.yml.",
        "zh": "请更正该条目的年度，或 site_config/archive.yml 中的档案年度。",
    },
}

#: The one vocabulary of status words: the CLI, every report, the site (catalogue/site.py takes its
#: site.status.* from here) and the guide (README, docs/) say these and only these.
STATUS_WORDS = {
    # evidence: documents filed for an item × year × school
    "complete": {"en": "complete", "zh": "完整"},
    "partial": {"en": "partial", "zh": "部分缺失"},
    "missing": {"en": "missing", "zh": "缺失"},
    "waived": {"en": "waived", "zh": "已豁免"},
    # targets: a figure against its threshold
    "met": {"en": "met", "zh": "达标"},
    "not_met": {"en": "not met", "zh": "未达标"},
    "no_data": {"en": "no data", "zh": "无数据"},
    "trend": {"en": "trend (not judged)", "zh": "趋势（不评判）"},
}
#: File problems: what kept a file out of the check.
PROBLEM_WORDS = {
    "unknown_folder": {"en": "unknown folder", "zh": "文件夹无法识别"},
    "no_year": {"en": "no year", "zh": "缺少年度"},
    "bad_metadata": {"en": "broken metadata", "zh": "著录信息有误"},
    "unreadable": {"en": "unreadable", "zh": "无法读取"},
    "held": {"en": "held for review", "zh": "待人工审核"},
    "other": {"en": "other problem", "zh": "其他问题"},
}
MESSAGES.update({f"report.status.{key}": words for key, words in STATUS_WORDS.items()})
MESSAGES.update({f"report.problem_kind.{key}": words for key, words in PROBLEM_WORDS.items()})

# Report wording.
MESSAGES.update({
    "report.title": {"en": "Archive completeness check", "zh": "档案完整性检查"},
    "report.summary_line": {
        "en": "Evidence: {items} items, {complete} complete, {partial} partial, {missing} missing; {completeness} of required evidence in place.",
        "zh": "佐证材料：共 {items} 项，完整 {complete} 项，部分缺失 {partial} 项，缺失 {missing} 项；必备材料齐全率 {completeness}。",
    },
    "report.targets_line": {
        "en": "Targets (assessment year {year}): {met} met, {not_met} not met, {no_data} no data; {trend} figures of other years shown as trend.",
        "zh": "指标目标（评估年度 {year}）：达标 {met} 项，未达标 {not_met} 项，无数据 {no_data} 项；另有 {trend} 项其他年度的数值仅作趋势。",
    },
    "report.problems_line": {
        "en": "File problems: {count} ({held} held for review).",
        "zh": "文件问题：{count} 个（其中待人工审核 {held} 个）。",
    },
    "report.targets": {"en": "Targets", "zh": "指标目标"},
    "report.file_problems": {"en": "File problems", "zh": "文件问题"},
    "report.check_warnings": {"en": "Other warnings", "zh": "其他提示"},
    "report.col.year": {"en": "Year", "zh": "年度"},
    "report.col.target": {"en": "Target", "zh": "指标"},
    "report.col.value": {"en": "Figure", "zh": "数值"},
    "report.col.threshold": {"en": "Threshold", "zh": "标准"},
    "report.col.source": {"en": "Source table", "zh": "数据来源"},
    "report.col.due": {"en": "Judged", "zh": "评判年度"},
    "report.col.path": {"en": "File", "zh": "文件"},
    "report.col.kind": {"en": "Problem", "zh": "问题类别"},
    "report.col.message": {"en": "What is wrong", "zh": "问题"},
    "report.col.fix": {"en": "Fix", "zh": "处理办法"},
    "report.judged.assessment_year": {"en": "assessment year only, from {due}", "zh": "{due}年起，仅评判评估年度"},
    "report.judged.every_year": {"en": "every year from {due}", "zh": "{due}年起每年"},
    "report.trend_note": {"en": "{year}: trend, not judged ({why})", "zh": "{year}年：仅作趋势，不评判（{why}）"},
    "report.trend_before_due": {"en": "due from {due}", "zh": "{due}年起须达到"},
    "report.trend_not_assessment": {"en": "only {year}, the assessment year, is judged",
                                    "zh": "只评判评估年度 {year} 年"},
    "report.guessed_department": {"en": "probably {department} (folder name misspelt)",
                                  "zh": "可能属于 {department}（文件夹名称写错）"},
    "report.folder_files": {"en": "{count} file(s) not read: {files}", "zh": "未读取的 {count} 个文件：{files}"},
    "report.xlsx.targets_sheet": {"en": "Targets", "zh": "指标目标"},
    "report.xlsx.problems_sheet": {"en": "File problems", "zh": "文件问题"},
    "report.xlsx.targets_not_met": {"en": "Targets not met", "zh": "未达标指标"},
    "report.xlsx.file_problems": {"en": "File problems", "zh": "文件问题"},
    "report.unassigned": {"en": "(no department)", "zh": "（未指定单位）"},
    "report.any_category": {"en": "(any category)", "zh": "（不限类别）"},
    "report.severity.required": {"en": "required", "zh": "必备"},
    "report.severity.recommended": {"en": "recommended", "zh": "建议"},
    "report.matched.explicit": {"en": "named", "zh": "元数据指定"},
    "report.matched.keyword": {"en": "keyword", "zh": "关键词匹配"},
    "report.withheld": {"en": "(classified, withheld)", "zh": "（涉密，不公开）"},
    "report.missing_years": {"en": "missing years: {years}", "zh": "缺少年度：{years}"},
    "report.missing_schools": {"en": "missing for {count} school(s): {schools}", "zh": "缺少 {count} 所学校：{schools}"},
    "report.no_evidence": {"en": "no evidence yet (needs {min} document(s))", "zh": "尚无材料（至少需要 {min} 份）"},
    "report.slots": {"en": "{filled} of {total} required years/schools have evidence.", "zh": "应有 {total} 个年度/学校，已有 {filled} 个。"},
    "report.basis": {"en": "Basis: {basis}", "zh": "依据：{basis}"},
    "report.more": {"en": "… and {count} more", "zh": "…… 另有 {count} 份"},
    "report.matrix": {"en": "Departments × categories (years/schools with evidence)", "zh": "单位 × 类别（已有材料的年度/学校）"},
    "report.problems": {"en": "Problems", "zh": "问题"},
    "report.col.id": {"en": "Id", "zh": "编号"},
    "report.col.title": {"en": "Item", "zh": "条目"},
    "report.col.category": {"en": "Category", "zh": "类别"},
    "report.col.department": {"en": "Department", "zh": "单位"},
    "report.col.status": {"en": "Status", "zh": "状态"},
    "report.col.gap": {"en": "What is missing", "zh": "缺少内容"},
    "report.col.evidence": {"en": "Evidence", "zh": "已有材料"},
    "report.xlsx.summary_sheet": {"en": "Summary", "zh": "汇总"},
    "report.xlsx.total": {"en": "Total", "zh": "合计"},
    "report.xlsx.department": {"en": "Department", "zh": "单位"},
    "report.xlsx.items": {"en": "Items", "zh": "条目数"},
    "report.xlsx.complete": {"en": "Complete", "zh": "完整"},
    "report.xlsx.partial": {"en": "Partial", "zh": "部分缺失"},
    "report.xlsx.missing": {"en": "Missing", "zh": "缺失"},
    "report.xlsx.completeness": {"en": "Completeness", "zh": "齐全率"},
    "report.xlsx.id": {"en": "Id", "zh": "编号"},
    "report.xlsx.title": {"en": "Item", "zh": "条目名称"},
    "report.xlsx.category": {"en": "Category", "zh": "类别"},
    "report.xlsx.severity": {"en": "Requirement", "zh": "要求"},
    "report.xlsx.years": {"en": "Years", "zh": "年度"},
    "report.xlsx.status": {"en": "Status", "zh": "状态"},
    "report.xlsx.gap": {"en": "What is missing", "zh": "缺少内容"},
    "report.xlsx.evidence": {"en": "Evidence", "zh": "已有材料"},
    "report.xlsx.matched": {"en": "Matched by", "zh": "匹配方式"},
    "report.xlsx.basis": {"en": "Basis", "zh": "依据"},
})

MESSAGES.update({
    "check.year_outside_option": {
        "en": "--year {year} is not one of the archive years ({years}).",
        "zh": "--year {year} 不在档案年度（{years}）内。",
    },
    "check.no_checklists": {
        "en": "there are no checklists, so nothing is checked.",
        "zh": "没有任何检查清单，因此未作检查。",
    },
    "check.no_checklists.hint": {
        "en": "Put YAML checklists (with an 'items:' list) in the checklists/ folder.",
        "zh": "请在 checklists/ 文件夹中放入含 “items:” 列表的 YAML 清单。",
    },
    "check.xlsx_needs_output": {
        "en": "--format xlsx writes a workbook: add --output FILE.xlsx.",
        "zh": "--format xlsx 生成工作簿，请加上 --output 文件名.xlsx。",
    },
    "check.written": {"en": "Report written to {path}.", "zh": "报告已写入 {path}。"},
    "check.bad_fail_on": {
        "en": "'{value}' is not a condition. Use any of: {choices} (repeat --fail-on or separate by commas).",
        "zh": "“{value}”不是可用的条件。可用：{choices}（可重复 --fail-on，或用逗号分隔）。",
    },
    "check.failed.missing": {
        "en": "Failed (exit 3): a required item has no evidence at all (missing).",
        "zh": "检查未通过（状态码 3）：有必备条目完全没有材料（缺失）。",
    },
    "check.failed.partial": {
        "en": "Failed (exit 4): a required item lacks evidence for some years or schools (partial).",
        "zh": "检查未通过（状态码 4）：有必备条目缺少部分年度或学校的材料（部分缺失）。",
    },
    "check.failed.targets": {
        "en": "Failed (exit 5): a target due in a judged year is not met or has no data.",
        "zh": "检查未通过（状态码 5）：有评判年度的指标目标未达标或无数据。",
    },
    "check.failed.problems": {
        "en": "Failed (exit 6): some files could not be taken in (see the file problems).",
        "zh": "检查未通过（状态码 6）：有文件未能收录（见文件问题）。",
    },
    "check.failed.held": {
        "en": "Failed (exit 7): some files are held for review.",
        "zh": "检查未通过（状态码 7）：有文件待人工审核。",
    },
    "check.failed.assessment": {
        "en": "Failed (exit 8): the assessment falls short of its pass mark.",
        "zh": "检查未通过（状态码 8）：评估认定未达到通过标准。",
    },
})

# The site's target pages (templates target.md.j2, items.md.j2, home.md.j2).
MESSAGES.update({
    "site.target.threshold": {"en": "Target", "zh": "标准"},
    "site.target.judged": {"en": "Judged", "zh": "评判年度"},
    "site.target.assessment_year": {"en": "assessment year {year}", "zh": "评估年度 {year} 年"},
    "site.target.statistics": {"en": "Statistics", "zh": "统计数据"},
    "site.target.statistics_link": {"en": "the figures and how they are computed", "zh": "查看数值及计算过程"},
    "site.target.trend": {"en": "Year by year", "zh": "历年数值"},
    "site.target.figure": {"en": "Figure", "zh": "数值"},
    "site.target.note": {"en": "Note", "zh": "说明"},
    "site.target.explain": {
        "en": "A target is judged on the figure of the statistics, not on documents: a year before it is due, or one the assessment does not judge, is shown as the trend. The statistical reports themselves are evidence items of the checklist.",
        "zh": "指标目标按统计数据评判，不看佐证文件：目标适用之前的年度、评估不评判的年度只作为趋势列出。统计报表本身是检查清单中的佐证材料条目。",
    },
    "site.targets.heading": {"en": "Targets", "zh": "指标目标"},
    "site.targets.none_not_met": {"en": "Every judged target is met.", "zh": "评判年度的指标目标全部达标。"},
    "site.targets.not_met": {"en": "Targets not met", "zh": "未达标的指标目标"},
    "site.targets.col.target": {"en": "Target", "zh": "指标"},
    "site.targets.col.year": {"en": "Year", "zh": "年度"},
    "site.evidence.heading": {"en": "Evidence", "zh": "佐证材料"},
    "site.problems.count": {
        "en": "{count} file problem(s) kept files out of the check ({held} held for review): see the problems page.",
        "zh": "有 {count} 个文件问题使文件未能计入检查（其中待人工审核 {held} 个），见问题文件页面。",
    },
    "site.problems.link": {"en": "Problems", "zh": "问题文件"},
})
