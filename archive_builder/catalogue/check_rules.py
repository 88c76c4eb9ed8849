"""Messages of waivers, indicator thresholds as checklist items, and calendar-year evidence."""

MESSAGES = {
    # Waiver file: every error names file and line.
    "waiver.bad_yaml": {
        "en": "{file}:{line}: the waiver file is not valid YAML. Check indentation and colons near that line.",
        "zh": "{file}:{line}：豁免文件不是有效的 YAML。请检查该行附近的缩进和冒号。",
    },
    "waiver.not_utf8": {
        "en": "{file}: the waiver file is not UTF-8 text. Save it as UTF-8.",
        "zh": "{file}：豁免文件不是 UTF-8 编码。请另存为 UTF-8。",
    },
    "waiver.no_list": {
        "en": "{file}:{line}: the waiver file needs a 'waivers:' list at the top.",
        "zh": "{file}:{line}：豁免文件顶层需要 “waivers:” 列表。",
    },
    "waiver.unknown_file_key": {
        "en": "{file}:{line}: unknown key '{field}' at the top of the waiver file. Known keys: {known}.",
        "zh": "{file}:{line}：豁免文件顶层的键 '{field}' 未知。可用的键：{known}。",
    },
    "waiver.not_mapping": {
        "en": "{file}:{line}: each waiver must be 'key: value' lines (item, year or school, reason, approved_by).",
        "zh": "{file}:{line}：每条豁免应为 “键: 值” 形式（item、year 或 school、reason、approved_by）。",
    },
    "waiver.unknown_key": {
        "en": "{file}:{line}: waiver for '{item}': unknown key '{field}'. Known keys: {known}.",
        "zh": "{file}:{line}：条目 '{item}' 的豁免：键 '{field}' 未知。可用的键：{known}。",
    },
    "waiver.no_item": {
        "en": "{file}:{line}: a waiver must name the checklist item it applies to ('item: <id>').",
        "zh": "{file}:{line}：豁免须写明适用的清单条目（item: 条目编号）。",
    },
    "waiver.unknown_item": {
        "en": "{file}:{line}: waiver for '{item}': no checklist has an item with this id. Closest ids: {suggest}.",
        "zh": "{file}:{line}：豁免的条目 '{item}' 在清单中不存在。相近的编号：{suggest}。",
    },
    "waiver.no_reason": {
        "en": "{file}:{line}: waiver for '{item}' gives no reason. Write why the item does not apply ('reason: …').",
        "zh": "{file}:{line}：条目 '{item}' 的豁免没有写理由。请用 “reason: …” 写明为何不适用。",
    },
    "waiver.no_approver": {
        "en": "{file}:{line}: waiver for '{item}' does not say who approved it. Add 'approved_by: …'.",
        "zh": "{file}:{line}：条目 '{item}' 的豁免没有写批准人。请加上 “approved_by: …”。",
    },
    "waiver.no_scope": {
        "en": "{file}:{line}: waiver for '{item}' names neither a year nor a school. Waive one year, one school or both — never a whole item.",
        "zh": "{file}:{line}：条目 '{item}' 的豁免既没写年度也没写学校。只能豁免某一年度、某所学校或二者，不能豁免整个条目。",
    },
    "waiver.bad_date": {
        "en": "{file}:{line}: waiver for '{item}': date '{value}' is not a date. Write it like 2017-03-01.",
        "zh": "{file}:{line}：条目 '{item}' 的豁免：日期 '{value}' 写法不对，应写成 2017-03-01。",
    },
    "waiver.bad_year": {
        "en": "{file}:{line}: waiver for '{item}': year '{value}' is not a year. Write it like 2015 or [2015, 2016].",
        "zh": "{file}:{line}：条目 '{item}' 的豁免：年度 '{value}' 写法不对，应写成 2015 或 [2015, 2016]。",
    },
    "waiver.item_any_year": {
        "en": "{file}:{line}: waiver for '{item}': the item asks for evidence from any one year, so a year cannot be waived.",
        "zh": "{file}:{line}：条目 '{item}' 的豁免：该条目不分年度，不能按年度豁免。",
    },
    "waiver.year_outside_item": {
        "en": "{file}:{line}: waiver for '{item}': year {years} is not among the item's years ({item_years}).",
        "zh": "{file}:{line}：条目 '{item}' 的豁免：{years} 年不在该条目的年度（{item_years}）之内。",
    },
    "waiver.item_not_per_school": {
        "en": "{file}:{line}: waiver for '{item}': the item is not required per school, so a school cannot be waived.",
        "zh": "{file}:{line}：条目 '{item}' 的豁免：该条目不按学校要求，不能按学校豁免。",
    },
    "waiver.unknown_school": {
        "en": "{file}:{line}: waiver for '{item}': school '{school}' is not in the school registry.",
        "zh": "{file}:{line}：条目 '{item}' 的豁免：学校 “{school}” 不在学校名册中。",
    },
    "waiver.school_not_in_item": {
        "en": "{file}:{line}: waiver for '{item}': school '{school}' is not one of the schools this item applies to.",
        "zh": "{file}:{line}：条目 '{item}' 的豁免：学校 “{school}” 不在该条目要求的学校之中。",
    },
    # Reports of waived slots.
    "report.status.waived": {"en": "waived", "zh": "已豁免"},
    "report.col.waived": {"en": "Waived", "zh": "豁免"},
    "report.xlsx.waived": {"en": "Waived (reason; approved by)", "zh": "豁免（理由；批准人）"},
    "report.waived_slot": {
        "en": "{slot}: {reason} (approved by {approved_by}{date})",
        "zh": "{slot}：{reason}（批准人：{approved_by}{date}）",
    },
    "report.waived_count": {"en": "{count} waived as not applicable.", "zh": "已豁免 {count} 项（不适用）。"},
    "report.withheld_file": {"en": "(classified file {ref})", "zh": "（涉密文件 {ref}）"},
    "report.withheld_heading": {"en": "Withheld (classified) evidence", "zh": "不公开的涉密材料"},
    "report.xlsx.waived_items": {"en": "Waived", "zh": "已豁免"},
    "report.slot_county": {"en": "county", "zh": "全县"},
    # Indicator thresholds as checklist items.
    "indicator.item.cv": {
        "en": "{year} {level} {indicator} ≤ {threshold}",
        "zh": "{year} {level}{indicator} ≤ {threshold}",
    },
    "indicator.item.rate": {
        "en": "{year} {what} ≥ {threshold}",
        "zh": "{year} {what} ≥ {threshold}",
    },
    "indicator.item.none": {
        "en": "{year} {what} = 0 (required from {deadline})",
        "zh": "{year} {what} = 0（{deadline}年起须达到）",
    },
    "indicator.what.exchange": {"en": "teacher exchange rate", "zh": "教师交流比例"},
    "indicator.what.backbone": {"en": "backbone/senior share of exchanged teachers",
                                "zh": "交流教师中骨干及中高级教师比例"},
    "indicator.what.consolidation": {"en": "{level} consolidation rate", "zh": "{level}巩固率"},
    "indicator.what.satisfaction": {"en": "public satisfaction", "zh": "公众满意度"},
    "indicator.what.very_large": {"en": "classes of 66 or more", "zh": "66人以上超大班额班级数"},
    "indicator.what.large": {"en": "classes of 56 or more", "zh": "56人以上大班额班级数"},
    "indicator.not_met_cv": {"en": "{value} > {threshold}", "zh": "{value} > {threshold}"},
    "indicator.not_met_rate": {"en": "{value} < {threshold}", "zh": "{value} < {threshold}"},
    "indicator.not_met_count": {"en": "{value} > 0", "zh": "{value} > 0"},
    "indicator.incomplete": {
        "en": "{value}, but not judged: {count} problem(s) in the statistics leave this figure incomplete; first: {file}: {first}",
        "zh": "{value}，但不评判：统计数据中有 {count} 个问题使该指标不完整；首个问题：{file}：{first}",
    },
    "indicator.incomplete_no_value": {
        "en": "no figure: {count} problem(s) in the statistics leave it out; first: {file}: {first}",
        "zh": "无数据：统计数据中有 {count} 个问题导致无法计算；首个问题：{file}：{first}",
    },
    "indicator.no_value": {
        "en": "no figure: the statistics tables lack the data for it",
        "zh": "无数据：统计表中缺少计算所需的数据",
    },
    "indicator.basis.cv": {"en": "{profile}", "zh": "{profile}"},
    "indicator.basis.class_size": {
        "en": "运政发〔2017〕42号: no class of 66+ by 2018, none of 56+ by 2020",
        "zh": "运政发〔2017〕42号：2018年基本消除66人以上超大班额，2020年基本消除56人以上大班额",
    },
    "indicator.basis.exchange": {
        "en": "运政发〔2017〕42号 三(二)8: exchange ≥ 10 %, backbone/senior ≥ 20 %",
        "zh": "运政发〔2017〕42号 三(二)8：交流比例不低于10%，骨干及中高级教师不低于20%",
    },
    "indicator.basis.consolidation": {
        "en": "Consolidation rate of compulsory education ≥ 98.8 %",
        "zh": "义务教育巩固率不低于98.8%",
    },
    "indicator.basis.satisfaction": {
        "en": "襄政办发〔2017〕13号 二(二): public satisfaction ≥ 85 %",
        "zh": "襄政办发〔2017〕13号 二(二)：公众满意度85%以上",
    },
    "report.figure": {"en": "Figure: {value} (target {op} {threshold})", "zh": "数值：{value}（标准 {op} {threshold}）"},
    # The registry's opening and closing years.
    "schools.bad_year": {
        "en": "row {row}, column {column}: '{value}' is not a year.",
        "zh": "第 {row} 行“{column}”列：“{value}”不是年份。",
    },
    "schools.bad_year.hint": {
        "en": "Write the year the school opened (开办年度) or stopped (停办年度) as four digits, e.g. 2016; leave it empty otherwise.",
        "zh": "请用四位数字填写开办年度或停办年度，例如 2016；没有则留空。",
    },
    # Calendar years.
    "check.school_year_evidence": {
        "en": "'{title}' covers the school year {years}, but item '{id}' ({item_title}) needs calendar-year evidence.",
        "zh": "“{title}” 按学年（{years}）归档，但条目 '{id}'（{item_title}）需要按自然年度的材料。",
    },
    "check.school_year_evidence.hint": {
        "en": "Give the calendar year the document reports on (年度: {last}), or file one document per calendar year.",
        "zh": "请写明该文件所属的自然年度（年度: {last}），或按自然年度分别归档。",
    },
    "checklist.bad_calendar_years": {
        "en": "{file}:{line}: item '{id}': calendar_years must be true or false.",
        "zh": "{file}:{line}：条目 '{id}'：calendar_years 只能是 true 或 false。",
    },
}
