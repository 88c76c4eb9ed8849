"""Messages about school statistics, the balance indicators and their pages."""

MESSAGES = {
    # --- statistics: and funding: in archive.yml (every error names file and line) --------------------
    "config.not_section": {
        "en": "{file}:{line}: Config value '{key}': expected 'key: value' lines indented under it.",
        "zh": "{file}:{line}：配置项 '{key}' 下应为缩进的 “键: 值” 行。",
    },
    "config.unknown_sub_key": {
        "en": "{file}:{line}: Config value '{key}': unknown key. Known keys: {known}.",
        "zh": "{file}:{line}：配置项 '{key}' 未知。可用的键：{known}。",
    },
    "config.bad_school_year_rule": {
        "en": "{file}:{line}: Config value 'statistics.school_year': '{value}' is neither start nor end. Write start (2016-2017学年 counts for 2016) or end (for 2017).",
        "zh": "{file}:{line}：配置项 'statistics.school_year' 的值 '{value}' 既不是 start 也不是 end。请写 start（2016-2017学年计入2016年）或 end（计入2017年）。",
    },
    "config.funding_no_region": {
        "en": "{file}:{line}: Config value 'funding.region': say which province and years these funding rules are for, e.g. 山西省（中部地区），2014—2017年.",
        "zh": "{file}:{line}：配置项 'funding.region'：请写明这些经费标准适用的省份和年份，例如 “山西省（中部地区），2014—2017年”。",
    },
    "config.funding_not_list": {
        "en": "{file}:{line}: Config value '{key}': expected a list of entries, each with years, 小学, 初中 and source.",
        "zh": "{file}:{line}：配置项 '{key}' 应为列表，每项写明 years、小学、初中 和 source。",
    },
    "config.funding_overlap": {
        "en": "{file}:{line}: Config value '{key}': {year} is covered by two entries. Give each year one rate.",
        "zh": "{file}:{line}：配置项 '{key}'：{year} 年出现在两项中。每年只能有一个标准。",
    },
    "config.funding_bad_years": {
        "en": "{file}:{line}: Config value '{key}': years '{value}' is not a year range. Write it like 2014-2017.",
        "zh": "{file}:{line}：配置项 '{key}'：years 的值 '{value}' 不是年份范围，应写成 2014-2017。",
    },
    "config.funding_bad_amount": {
        "en": "{file}:{line}: Config value '{key}': {level} must be a positive number of yuan per pupil a year, not '{value}'.",
        "zh": "{file}:{line}：配置项 '{key}'：{level} 应为每生每年的元数（正数），而不是 '{value}'。",
    },
    "config.funding_no_source": {
        "en": "{file}:{line}: Config value '{key}': every funding rule needs a source (the document and clause it comes from).",
        "zh": "{file}:{line}：配置项 '{key}'：每个经费标准都要写明 source（出自哪份文件的哪一条）。",
    },
    "config.funding_bad_size": {
        "en": "{file}:{line}: Config value 'funding.small_school.size': '{value}' is not a whole number of pupils. Write it like 100.",
        "zh": "{file}:{line}：配置项 'funding.small_school.size' 的值 '{value}' 不是整数人数，应写成 100。",
    },
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
        "en": "Write the year as four digits (2016) or the school year as the statistics report gives it (2016-2017学年, 2016学年).",
        "zh": "请用四位数字填写年份（2016），或按统计报表填写学年（2016-2017学年、2016学年）。",
    },
    "stats.bad_school_year": {
        "en": "row {row}, column {column}: '{value}' is not one school year (its two years must follow each other); the row was left out.",
        "zh": "第 {row} 行“{column}”列：“{value}”不是一个学年（前后两个年份应相连），该行未参与计算。",
    },
    "stats.bad_school_year.hint": {
        "en": "Write the school year as two consecutive years, e.g. 2016-2017学年.",
        "zh": "请写成相连的两个年份，例如 2016-2017学年。",
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
        "en": "row {row}: the school '{school}' is not in the school registry ({registry}), so no figure that counts it is judged.",
        "zh": "第 {row} 行：学校“{school}”不在学校名录（{registry}）中，含该校的指标均不评判。",
    },
    "stats.unknown_school.hint": {
        "en": "Use the school's registered name or code, or add the school to {registry}.",
        "zh": "请使用名录中的学校名称或代码，或把该校补入 {registry}。",
    },
    "stats.duplicate_row": {
        "en": "row {row} repeats row {first_row} ({key}); only the first was used and the figures it feeds are not judged.",
        "zh": "第 {row} 行与第 {first_row} 行重复（{key}），只采用了前一行，相关指标不评判。",
    },
    "stats.duplicate_row.hint": {
        "en": "Keep one row per school, level and year; delete or correct the other.",
        "zh": "每所学校每个学段每年只保留一行，请删除或更正另一行。",
    },
    "stats.empty_cell_indicator": {
        "en": "row {row}, column {column} is empty: {school} is left out of the {year} indicators that use this column (the others still count it), and those figures are not judged.",
        "zh": "第 {row} 行“{column}”列为空：{year} 年用到该列的指标未计入{school}（其他指标照常计入），这些指标不评判。",
    },
    "stats.empty_cell_indicator.hint": {
        "en": "Fill in the figure from the statistics report (enter 0 if there really is none).",
        "zh": "请按统计报表填写该数据（确实没有请填 0）。",
    },
    "stats.bad_number_indicator": {
        "en": "row {row}, column {column}: '{value}' is not a valid number: {school} is left out of the {year} indicators that use this column, and those figures are not judged.",
        "zh": "第 {row} 行“{column}”列：“{value}”不是有效数字：{year} 年用到该列的指标未计入{school}，这些指标不评判。",
    },
    "stats.bad_number_indicator.hint": {
        "en": "Enter a plain number without units or notes (counts as whole numbers, never negative).",
        "zh": "请只填数字，不要带单位或说明（人数、台数等为非负整数）。",
    },
    "stats.special_level": {
        "en": "row {row}, column {column}: '{value}' is a special-education row; special schools are not part of the difference coefficients, so the row was left out.",
        "zh": "第 {row} 行“{column}”列：“{value}”为特殊教育学校，特殊教育学校不参与差异系数计算，该行未计入。",
    },
    "stats.special_level.hint": {
        "en": "Nothing to do if this is a special school; otherwise write 小学 or 初中.",
        "zh": "如确为特殊教育学校，无需处理；否则请填写“小学”或“初中”。",
    },
    "stats.special_school_row": {
        "en": "row {row}: {school} is a special-education school in the registry (row {registry_row}) but this row counts it as {level}; special schools are not part of the difference coefficients, so the row was left out and the {level} figures of that year are not judged.",
        "zh": "第 {row} 行：{school}在学校名录（第 {registry_row} 行）中是特殊教育学校，此行却按{level}填报；特殊教育学校不参与差异系数计算，该行未计入，该年{level}指标不评判。",
    },
    "stats.special_school_row.hint": {
        "en": "Delete the row from {file}; if the school really is a {level}, correct its 学段 in the registry.",
        "zh": "请从 {file} 中删除此行；如该校确为{level}，请更正学校名录中的学段。",
    },
    "stats.level_mismatch": {
        "en": "row {row}: {school} is registered as {registered} (registry row {registry_row}), which has rows for {expected}, not {level}; the row was left out and the {level} figures of that year are not judged.",
        "zh": "第 {row} 行：{school}在学校名录（第 {registry_row} 行）中为{registered}，应填报{expected}，而不是{level}；该行未计入，该年{level}指标不评判。",
    },
    "stats.level_mismatch.hint": {
        "en": "Correct the 学段 of this row, or the school's 学段 in the registry (a 九年一贯制 school has a 小学 and a 初中 row; a 教学点 a 小学 row).",
        "zh": "请更正此行的学段或学校名录中的学段（九年一贯制学校填“小学”“初中”两行，教学点填“小学”一行）。",
    },
    "stats.school_missing": {
        "en": "{school} (registered as {registered}) has no {level} row for {year}, so the {year} {level} figures leave it out and are not judged.",
        "zh": "{school}（名录中为{registered}）缺少 {year} 年{level}的数据行，{year} 年{level}指标未计入该校，不评判。",
    },
    "stats.school_missing.hint": {
        "en": "Add the school's {year} {level} row to {file} from the statistics report; if it did not exist that year, write its 开办年度 or 停办年度 in {registry}.",
        "zh": "请按统计报表在 {file} 中补上该校 {year} 年{level}的一行；如该校当年尚未开办或已停办，请在 {registry} 中填写“开办年度”或“停办年度”。",
    },
    "stats.school_missing_classes": {
        "en": "{school} has no classes in {year} in this table, so the {year} class-size figures are not judged.",
        "zh": "{school}在本表中没有 {year} 年的班级，{year} 年班额指标不评判。",
    },
    "stats.school_missing_classes.hint": {
        "en": "Add the school's {year} classes to {file}; if it did not exist that year, write its 开办年度 or 停办年度 in {registry}.",
        "zh": "请在 {file} 中补上该校 {year} 年的班级；如该校当年尚未开办或已停办，请在 {registry} 中填写“开办年度”或“停办年度”。",
    },
    "stats.year_missing": {
        "en": "the table has no row for {year}, an archive year, so the {year} figures cannot be computed.",
        "zh": "数据表中没有 {year} 年（档案年度）的数据，{year} 年的指标无法计算。",
    },
    "stats.year_missing.hint": {
        "en": "Add the {year} rows to {file} from that year's statistics report, or remove {year} from 'years' in site_config/archive.yml.",
        "zh": "请按 {year} 年统计报表在 {file} 中补上数据，或从 site_config/archive.yml 的 years 中去掉 {year}。",
    },
    "stats.missing_indicator_columns": {
        "en": "the table has no column for {count} indicator(s) of the profile {profile}: {indicators}; the composite cannot be computed.",
        "zh": "数据表缺少指标方案“{profile}”中 {count} 项指标所需的列：{indicators}；无法计算综合差异系数。",
    },
    "stats.missing_indicator_columns.hint": {
        "en": "Add the columns {columns} to {file} from the statistics report (or choose another indicator_profile in site_config/archive.yml).",
        "zh": "请按统计报表在 {file} 中补上这些列：{columns}（或在 site_config/archive.yml 中改用其他 indicator_profile）。",
    },
    "stats.no_registry": {
        "en": "there is no school registry (content/data/schools.csv), so nothing checks that every school is in the statistics.",
        "zh": "没有学校名录（content/data/schools.csv），无法核对统计表是否包含每一所学校。",
    },
    "stats.no_registry.hint": {
        "en": "Add content/data/schools.csv with 学校名称, 学校代码 and 学段 for every school of the county.",
        "zh": "请建立 content/data/schools.csv，逐校填写学校名称、学校代码和学段。",
    },
    "stats.no_benchmark": {
        "en": "{year}: no per-pupil funding benchmark is configured for this year, so the funding of schools under {size} pupils is not computed.",
        "zh": "{year} 年：未配置该年的生均公用经费基准定额，无法计算不足 {size} 人学校的公用经费。",
    },
    "stats.no_benchmark.hint": {
        "en": "Add an entry for {year} under funding: benchmark: in site_config/archive.yml, with 小学, 初中 and its source.",
        "zh": "请在 site_config/archive.yml 的 funding: benchmark: 下补上 {year} 年的一项，写明 小学、初中 和 source。",
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
        "en": "{year}: more people satisfied than people surveyed; the year's satisfaction is not judged.",
        "zh": "{year} 年：满意人数多于调查人数，该年度满意度不评判。",
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
        "en": "{year}: {count} schools under {size} pupils; funding owed to fund them as {size} pupils at the benchmark: {owed} yuan",
        "zh": "{year} 年：不足 {size} 人的学校 {count} 所，按 {size} 人核定公用经费（基准定额）应补足 {owed} 元",
    },
    "indicators.incomplete": {"en": "incomplete, not judged", "zh": "数据不全，不评判"},
    "indicators.gaps_line": {
        "en": "{count} figure(s) are not judged because the statistics have gaps; the problems above say what to fix.",
        "zh": "有 {count} 项指标因统计数据不全未评判，请按上面列出的问题逐项处理。",
    },
    "indicators.benchmark_note": {
        "en": "Funding benchmark {years}: {primary} yuan per primary pupil and {junior} yuan per junior-secondary pupil a year ({region}; source: {source}).",
        "zh": "{years}年生均公用经费基准定额：小学每生每年 {primary} 元，初中每生每年 {junior} 元（{region}；依据：{source}）。",
    },
    "indicators.small_school_note": {
        "en": "Schools under {size} pupils are funded as if they had {size} (source: {source}).",
        "zh": "不足 {size} 人的学校按 {size} 人核定公用经费（依据：{source}）。",
    },
    "indicators.transfer_floor_note": {
        "en": "Rural transfer-payment floor {years}: {primary} yuan per primary pupil, {junior} per junior pupil a year (source: {source}); a floor on one transfer, not used for the small-school funding.",
        "zh": "{years}年农村税费改革转移支付资金下限：小学每生每年 {primary} 元，初中 {junior} 元（依据：{source}）；这是一项转移支付的下限，不用于小规模学校公用经费的计算。",
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
    "indicators.small_heading": {"en": "Small schools funded as if they had the minimum size", "zh": "按最低人数核定公用经费的小规模学校"},
    "indicators.class_title": {"en": "Class-size ledger", "zh": "班额台账"},
    "indicators.class_intro": {
        "en": "Classes of 56–65 pupils are large (大班额), 66 or more very large (超大班额): none of 66+ by 2018, none of 56+ by 2020.",
        "zh": "56–65 人为大班额，66 人及以上为超大班额：2018 年基本消除超大班额，2020 年基本消除大班额。",
    },
    "indicators.source": {"en": "Source table: {name}", "zh": "数据来源：{name}"},
    "indicators.source_table": {"en": "{table} ({path})", "zh": "{table}（{path}）"},
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
        "en": "no Chinese font file was found ({font} or another), so the indicator charts are left out of the site: their Chinese labels would show as empty boxes.",
        "zh": "未找到中文字体文件（{font} 或其他中文字体），指标图表未放入网站：否则图中的中文会显示为方框。",
    },
    "indicators.font_missing.hint": {
        "en": "Install a Chinese font, e.g. sudo apt-get install fonts-noto-cjk (or fonts-wqy-zenhei), then build again: the charts are drawn at the next build.",
        "zh": "请安装中文字体，例如运行 sudo apt-get install fonts-noto-cjk（或 fonts-wqy-zenhei），然后重新生成网站，下次生成时即会画出图表。",
    },
    "indicators.chart_left_out": {
        "en": "Chart not drawn: the computer that built this site has no Chinese font (see the problems page).",
        "zh": "图表未生成：生成本网站的电脑缺少中文字体（见“问题文件”页）。",
    },
    "indicators.glyph_missing": {
        "en": "the character {char} is not in the chart font {font}; it shows as a box in the charts.",
        "zh": "图表字体 {font} 中没有字符“{char}”，图表中该字会显示为方框。",
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
    "indicators.col_benchmark": {"en": "Benchmark (yuan per pupil)", "zh": "基准定额（元/生）"},
    "indicators.col_eligible": {"en": "Eligible", "zh": "应交流"},
    "indicators.col_exchanged": {"en": "Exchanged", "zh": "实际交流"},
    "indicators.col_backbone": {"en": "Backbone/senior", "zh": "骨干及中高级"},
    "indicators.col_share": {"en": "Share", "zh": "占比"},
    "indicators.col_respondents": {"en": "Surveyed", "zh": "调查人数"},
    "indicators.col_satisfied": {"en": "Satisfied", "zh": "满意人数"},
    "indicators.county_total": {"en": "County", "zh": "全县"},
}
