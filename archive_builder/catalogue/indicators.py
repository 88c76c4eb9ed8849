"""Messages about school statistics, the balance indicators and their pages."""

MESSAGES = {
    # --- problems with the statistics tables -------------------------------------------------
    "stats.unknown_profile": {
        "en": "there is no indicator profile called '{profile}' (known: {known}).",
        "zh": "没有名为“{profile}”的指标方案（可用：{known}）。",
    },
    "stats.missing_table": {
        "en": "the table '{table}' is missing from content/data/, so its figures cannot be computed.",
        "zh": "content/data/ 中缺少数据表“{table}”，无法计算相应指标。",
    },
    "stats.missing_table.hint": {
        "en": "Save the table as content/data/{table}.xlsx or content/data/{table}.csv.",
        "zh": "请把该表保存为 content/data/{table}.xlsx 或 content/data/{table}.csv。",
    },
    "stats.unreadable": {
        "en": "the table {file} cannot be read ({reason}).",
        "zh": "无法读取数据表 {file}（{reason}）。",
    },
    "stats.unreadable.hint": {
        "en": "Open it in Excel and save it again as .xlsx, or as CSV (UTF-8).",
        "zh": "请用 Excel 打开后重新另存为 .xlsx，或另存为 CSV（UTF-8）。",
    },
    "stats.empty_table": {
        "en": "the table {file} is empty.",
        "zh": "数据表 {file} 是空的。",
    },
    "stats.empty_table.hint": {
        "en": "The first row must hold the column headers, one row per record below it.",
        "zh": "第一行应为列标题，下面每行一条记录。",
    },
    "stats.missing_column": {
        "en": "the table {file} has no column {columns} (found: {found}).",
        "zh": "数据表 {file} 缺少列：{columns}（现有：{found}）。",
    },
    "stats.missing_column.hint": {
        "en": "Add the column with exactly this header (Chinese or the English name), then run again.",
        "zh": "请按上述列名（中文或对应英文）补上该列后重新运行。",
    },
    "stats.no_students": {
        "en": "row {row}, column {column}: the number of students is missing or zero ('{value}'); the row was left out.",
        "zh": "第 {row} 行“{column}”列：学生数为空或为 0（“{value}”），该行未参与计算。",
    },
    "stats.no_students.hint": {
        "en": "Enter the number of students from the statistics report; a school without students should not have a row.",
        "zh": "请按教育事业统计报表填写学生数；没有学生的学校不应列入此表。",
    },
    "stats.empty_cell": {
        "en": "row {row}, column {column} is empty; the row was left out.",
        "zh": "第 {row} 行“{column}”列为空，该行未参与计算。",
    },
    "stats.empty_cell.hint": {
        "en": "Fill in the figure from the statistics report (enter 0 if there really is none).",
        "zh": "请按统计报表填写该数据（确实没有请填 0）。",
    },
    "stats.bad_year": {
        "en": "row {row}, column {column}: '{value}' is not a year; the row was left out.",
        "zh": "第 {row} 行“{column}”列：“{value}”不是年份，该行未参与计算。",
    },
    "stats.bad_year.hint": {
        "en": "Write the year as four digits, e.g. 2016.",
        "zh": "请用四位数字填写年份，例如 2016。",
    },
    "stats.bad_number": {
        "en": "row {row}, column {column}: '{value}' is not a valid number; the row was left out.",
        "zh": "第 {row} 行“{column}”列：“{value}”不是有效数字，该行未参与计算。",
    },
    "stats.bad_number.hint": {
        "en": "Enter a plain number without units or notes (counts as whole numbers, never negative).",
        "zh": "请只填数字，不要带单位或说明（人数、台数等为非负整数）。",
    },
    "stats.bad_level": {
        "en": "row {row}, column {column}: '{value}' is not a school level; the row was left out.",
        "zh": "第 {row} 行“{column}”列：“{value}”不是学段，该行未参与计算。",
    },
    "stats.bad_level.hint": {
        "en": "Write 小学 or 初中.",
        "zh": "请填写“小学”或“初中”。",
    },
    "stats.combined_level": {
        "en": "row {row}, column {column}: '{value}' covers two levels; the row was left out.",
        "zh": "第 {row} 行“{column}”列：“{value}”包含两个学段，该行未参与计算。",
    },
    "stats.combined_level.hint": {
        "en": "Split the school into two rows, one 小学 and one 初中, each with its own students and resources.",
        "zh": "请把该校拆成“小学”“初中”两行，分别填写各学段的学生数和办学条件。",
    },
    "stats.unknown_school": {
        "en": "row {row}: the school '{school}' is not in the school registry (schools.csv).",
        "zh": "第 {row} 行：学校“{school}”不在学校名录（schools.csv）中。",
    },
    "stats.unknown_school.hint": {
        "en": "Use the school's registered name or code, or add the school to content/data/schools.csv.",
        "zh": "请使用名录中的学校名称或代码，或把该校补入 content/data/schools.csv。",
    },
    "stats.duplicate_row": {
        "en": "row {row} repeats row {first_row} ({key}); only the first was used.",
        "zh": "第 {row} 行与第 {first_row} 行重复（{key}），只采用了前一行。",
    },
    "stats.duplicate_row.hint": {
        "en": "Keep one row per school, level and year; delete or correct the other.",
        "zh": "每所学校每个学段每年只保留一行，请删除或更正另一行。",
    },
    "stats.zero_mean": {
        "en": "{indicator} is zero for every {level} school in {year}, so it has no difference coefficient.",
        "zh": "{year} 年{level}所有学校的“{indicator}”均为 0，无法计算差异系数。",
    },
    "stats.zero_mean.hint": {
        "en": "Check that the column holds the figures from the statistics report.",
        "zh": "请核对该列是否已按统计报表填写。",
    },
    "stats.zero_denominator": {
        "en": "{year}: {what} is zero, so the rate cannot be computed.",
        "zh": "{year} 年：{what}为 0，无法计算比率。",
    },
    "stats.zero_denominator.hint": {
        "en": "Check the figures for that year in {file}.",
        "zh": "请核对 {file} 中该年度的数据。",
    },
    "stats.more_satisfied_than_asked": {
        "en": "{year}: more people satisfied than people surveyed; the year was left out.",
        "zh": "{year} 年：满意人数多于调查人数，该年度未参与计算。",
    },
    "stats.more_satisfied_than_asked.hint": {
        "en": "Correct the figures for that year in {file}.",
        "zh": "请更正 {file} 中该年度的数据。",
    },
    # --- the indicators command ------------------------------------------------------------------
    "indicators.profile": {
        "en": "Indicator profile: {title} ({profile})",
        "zh": "指标方案：{title}（{profile}）",
    },
    "indicators.balance_title": {
        "en": "{year} {level}: difference coefficients",
        "zh": "{year} 年{level}校际差异系数",
    },
    "indicators.col_indicator": {"en": "Indicator", "zh": "指标"},
    "indicators.col_mean": {"en": "County value X̄", "zh": "全县值 X̄"},
    "indicators.col_std": {"en": "S", "zh": "标准差 S"},
    "indicators.col_cv": {"en": "CV", "zh": "差异系数"},
    "indicators.col_threshold": {"en": "Threshold", "zh": "标准"},
    "indicators.col_result": {"en": "Result", "zh": "结果"},
    "indicators.col_top": {"en": "Schools that widen the gap most", "zh": "拉大差距最多的学校"},
    "indicators.pass": {"en": "met", "zh": "达标"},
    "indicators.fail": {"en": "not met", "zh": "未达标"},
    "indicators.unknown": {"en": "no data", "zh": "无数据"},
    "indicators.not_judged": {"en": "not judged alone", "zh": "不单独评判"},
    "indicators.no_threshold": {"en": "none", "zh": "无"},
    "indicators.exchange_line": {
        "en": "{year} teacher exchange: {rate} of eligible teachers (target 10 %): {verdict}; backbone or senior {share} of those exchanged (target 20 %): {verdict2}",
        "zh": "{year} 年教师交流：占应交流教师 {rate}（标准 10%）{verdict}；骨干及中高级教师占交流人数 {share}（标准 20%）{verdict2}",
    },
    "indicators.consolidation_line": {
        "en": "{year} {level} consolidation rate: {rate} (target 98.8 %): {verdict}",
        "zh": "{year} 年{level}巩固率：{rate}（标准 98.8%）{verdict}",
    },
    "indicators.satisfaction_line": {
        "en": "{year} public satisfaction: {rate} of {respondents} surveyed (target 85 %): {verdict}",
        "zh": "{year} 年群众满意度：调查 {respondents} 人，满意 {rate}（标准 85%）{verdict}",
    },
    "indicators.class_size_line": {
        "en": "{year}: {classes} classes, {large} of 56–65 pupils ({large_share}), {very_large} of 66 or more ({very_large_share}), largest {max_size}",
        "zh": "{year} 年：共 {classes} 个班，大班额（56–65 人）{large} 个（{large_share}），超大班额（66 人及以上）{very_large} 个（{very_large_share}），最大班额 {max_size} 人",
    },
    "indicators.small_schools_line": {
        "en": "{year}: {count} schools under 100 pupils; funding owed at the 100-pupil floor: {owed} yuan",
        "zh": "{year} 年：不足 100 人的学校 {count} 所，按 100 人核定公用经费应补足 {owed} 元",
    },
    "indicators.funding_floor_note": {
        "en": "Funding floor used: {primary} yuan per primary pupil and {junior} yuan per junior-secondary pupil a year (county implementation plan, part 四(一)); schools under 100 pupils are funded as if they had 100.",
        "zh": "所用公用经费标准：小学每生每年 {primary} 元，初中每生每年 {junior} 元（县实施方案 四(一)）；不足 100 人的学校按 100 人核定。",
    },
    "indicators.wrote": {
        "en": "Wrote {path}.",
        "zh": "已写入 {path}。",
    },
    "indicators.nothing": {
        "en": "No statistics to show: content/data/school_stats is missing or has no valid rows.",
        "zh": "没有可显示的统计数据：content/data/school_stats 缺失或没有有效行。",
    },
    "indicators.bad_output": {
        "en": "--output must name an .xlsx file, not '{path}'.",
        "zh": "--output 须为 .xlsx 文件，而不是“{path}”。",
    },
    # --- the site pages ---------------------------------------------------------------------------
    "indicators.page_title": {"en": "Balance indicators", "zh": "均衡发展指标"},
    "indicators.page_intro": {
        "en": "Figures computed from the school statistics tables with the {title} profile. Each difference coefficient is student-weighted: CV = S / X̄.",
        "zh": "以下数据由学校统计表按“{title}”计算。差异系数按学生数加权：差异系数 = S / X̄。",
    },
    "indicators.page_year_title": {"en": "{year} {level}", "zh": "{year} 年{level}"},
    "indicators.trend_heading": {"en": "Composite difference coefficient over the years", "zh": "综合差异系数变化"},
    "indicators.summary_heading": {"en": "Composite by year and level", "zh": "各年度综合差异系数"},
    "indicators.details_heading": {"en": "Details by year and level", "zh": "分年度、分学段明细"},
    "indicators.bars_heading": {"en": "Each school's value", "zh": "各校指标值"},
    "indicators.targets_title": {"en": "Other targets", "zh": "其他指标"},
    "indicators.exchange_heading": {"en": "Teacher exchange", "zh": "教师交流"},
    "indicators.consolidation_heading": {"en": "Consolidation rate", "zh": "巩固率"},
    "indicators.satisfaction_heading": {"en": "Public satisfaction", "zh": "群众满意度"},
    "indicators.small_heading": {"en": "Schools under 100 pupils", "zh": "不足 100 人的学校"},
    "indicators.class_title": {"en": "Class-size ledger", "zh": "班额台账"},
    "indicators.class_intro": {
        "en": "Classes of 56–65 pupils are large (大班额), 66 or more very large (超大班额): none of 66+ by 2018, none of 56+ by 2020.",
        "zh": "56–65 人为大班额，66 人及以上为超大班额：2018 年基本消除超大班额，2020 年基本消除大班额。",
    },
    "indicators.source": {"en": "Source table: {name}", "zh": "数据来源：{name}"},
    "indicators.no_data_page": {
        "en": "No figures yet: the statistics tables are missing or empty.",
        "zh": "暂无数据：统计表缺失或为空。",
    },
    "indicators.chart_trend": {"en": "{level}: composite CV and threshold", "zh": "{level}综合差异系数与标准"},
    "indicators.chart_bar": {
        "en": "{year} {level} {indicator}: CV {cv}",
        "zh": "{year} 年{level}{indicator}：差异系数 {cv}",
    },
    "indicators.chart_threshold": {"en": "threshold {value}", "zh": "标准 {value}"},
    "indicators.chart_composite_threshold": {
        "en": "composite threshold {value}", "zh": "综合差异系数标准 {value}",
    },
    "indicators.chart_mean": {"en": "county value {value}", "zh": "全县值 {value}"},
    "indicators.chart_year": {"en": "year", "zh": "年度"},
    "indicators.font_missing": {
        "en": "no Noto Sans CJK font found; Chinese labels in the charts may show as boxes (install fonts-noto-cjk).",
        "zh": "未找到 Noto Sans CJK 字体，图表中的中文可能显示为方框（请安装 fonts-noto-cjk）。",
    },
    "indicators.col_school": {"en": "School", "zh": "学校"},
    "indicators.col_year": {"en": "Year", "zh": "年度"},
    "indicators.col_level": {"en": "Level", "zh": "学段"},
    "indicators.col_classes": {"en": "Classes", "zh": "班级数"},
    "indicators.col_large": {"en": "56–65", "zh": "大班额（56–65）"},
    "indicators.col_very_large": {"en": "66+", "zh": "超大班额（66+）"},
    "indicators.col_max": {"en": "Largest", "zh": "最大班额"},
    "indicators.col_students": {"en": "Students", "zh": "学生数"},
    "indicators.col_rate": {"en": "Rate", "zh": "比率"},
    "indicators.col_owed": {"en": "Owed (yuan)", "zh": "应补足（元）"},
    "indicators.col_eligible": {"en": "Eligible", "zh": "应交流"},
    "indicators.col_exchanged": {"en": "Exchanged", "zh": "实际交流"},
    "indicators.col_backbone": {"en": "Backbone/senior", "zh": "骨干及中高级"},
    "indicators.col_share": {"en": "Share", "zh": "占比"},
    "indicators.col_respondents": {"en": "Surveyed", "zh": "调查人数"},
    "indicators.col_satisfied": {"en": "Satisfied", "zh": "满意人数"},
    "indicators.county_total": {"en": "County", "zh": "全县"},
}
