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
        "en": "{level} {indicator} ≤ {threshold}",
        "zh": "{level}{indicator} ≤ {threshold}",
    },
    "indicator.item.rate": {"en": "{what} ≥ {threshold}", "zh": "{what} ≥ {threshold}"},
    "indicator.item.none": {"en": "{what} = 0", "zh": "{what} = 0"},
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
    "indicator.incomplete_short": {
        "en": "{value}, not judged: {count} problem(s) in {file} (see the problems)",
        "zh": "{value}，不评判：{file} 中有 {count} 个问题（见问题列表）",
    },
    "indicator.incomplete_no_value": {
        "en": "no figure: {count} problem(s) in the statistics leave it out; first: {file}: {first}",
        "zh": "无数据：统计数据中有 {count} 个问题导致无法计算；首个问题：{file}：{first}",
    },
    "indicator.no_value": {
        "en": "no figure: the statistics tables lack the data for it",
        "zh": "无数据：统计表中缺少计算所需的数据",
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
    # per_kind and register in checklists: every error names file and line.
    "checklist.bad_per_kind": {
        "en": "{file}:{line}: item '{id}': per_kind must list the kinds, each 'slug: {{name: …, keywords: […]}}'.",
        "zh": "{file}:{line}：条目 '{id}'：per_kind 应逐项列出各类，每项写成 “编号: {{name: …, keywords: […]}}”。",
    },
    "checklist.bad_kind_slug": {
        "en": "{file}:{line}: item '{id}': kind '{value}' needs an ASCII slug (lower-case letters, digits, '-').",
        "zh": "{file}:{line}：条目 '{id}'：类别 '{value}' 的编号应为 ASCII（小写字母、数字、“-”）。",
    },
    "checklist.bad_kind": {
        "en": "{file}:{line}: item '{id}': kind '{kind}' needs a name and a list of keywords (known keys: {known}).",
        "zh": "{file}:{line}：条目 '{id}'：类别 '{kind}' 需要 name 和 keywords 列表（可用的键：{known}）。",
    },
    "checklist.register_needs_per_school": {
        "en": "{file}:{line}: item '{id}': a register lists schools, so the item needs per_school.",
        "zh": "{file}:{line}：条目 '{id}'：register（登记表）按学校列出，条目须有 per_school。",
    },
    "checklist.bad_register": {
        "en": "{file}:{line}: item '{id}': register must name the column headers of the table, at least 'school: [学校]' (known keys: {known}).",
        "zh": "{file}:{line}：条目 '{id}'：register 须写明登记表的列名，至少 “school: [学校]”（可用的键：{known}）。",
    },
    # Registers: table documents whose rows fill per-school slots.
    "check.register_unknown_school": {
        "en": "row {row} of the register names '{school}', which is not in the school registry; item '{item_title}' does not count it.",
        "zh": "登记表第 {row} 行的学校“{school}”不在学校名录中，条目“{item_title}”未计入该行。",
    },
    "check.register_unknown_school.hint": {
        "en": "Write the school's registered name or code (学校代码) in the register.",
        "zh": "请在登记表中填写名录中的学校名称或学校代码。",
    },
    "check.register_not_closed": {
        "en": "row {row} of the register: class {cls} of {school} has no 销号 status; item '{item_title}' counts it as still open.",
        "zh": "登记表第 {row} 行：{school}{cls}没有填写销号情况，条目“{item_title}”按未销号计。",
    },
    "check.register_not_closed.hint": {
        "en": "Write 已销号 (with the date) once the class is back to standard size, or 未销号 with the measure taken.",
        "zh": "班额化解后请填写“已销号”（注明时间）；尚未化解的填写“未销号”及化解措施。",
    },
    "check.register_unreadable": {
        "en": "the register could not be read as a table with a column {columns}; item '{item_title}' counts none of its schools.",
        "zh": "无法把该登记表读成含有“{columns}”列的表格，条目“{item_title}”未计入其中任何学校。",
    },
    "check.register_unreadable.hint": {
        "en": "File the register as a workbook or CSV whose header row has the column {columns}.",
        "zh": "请将登记表保存为 Excel 或 CSV，表头中要有“{columns}”列。",
    },
    "check.register_class_missing": {
        "en": "{year}: {school} had {count} class(es) of 56 or more ({classes}) that the 大班额 ledger does not list; item '{item_title}' is not met for it.",
        "zh": "{year} 年：{school}有 {count} 个 56 人以上的班级（{classes}）未列入大班额台账，条目“{item_title}”对该校未达到。",
    },
    "check.register_class_missing.hint": {
        "en": "List every class of 56 or more from {table} in the ledger, with its measure and 销号 status.",
        "zh": "请把 {table} 中每个 56 人以上的班级列入台账，写明化解措施和销号情况。",
    },
    "check.needs_statistics": {
        "en": "item '{item_title}' decides its schools from {table}, which is missing or unreadable, so it cannot be checked.",
        "zh": "条目“{item_title}”需根据 {table} 确定应有材料的学校，该表缺失或无法读取，无法检查。",
    },
    "check.needs_statistics.hint": {
        "en": "Add {table} under content/data/ (see docs/checklists.md).",
        "zh": "请在 content/data/ 中补上 {table}（见 docs/checklists.md）。",
    },
    "report.register_summary": {
        "en": "{listed} class(es) listed, {closed} closed (销号), {open} open",
        "zh": "台账列出 {listed} 个班，已销号 {closed} 个，未销号 {open} 个",
    },
    # Calendar years.
    "check.school_year_evidence": {
        "en": "'{title}' covers the school year {years}, but item '{item_title}' needs calendar-year evidence.",
        "zh": "“{title}” 按学年（{years}）归档，但条目“{item_title}”需要按自然年度的材料。",
    },
    "check.school_year_evidence.hint": {
        "en": "Give the calendar year the document reports on (年度: {last}), or file one document per calendar year.",
        "zh": "请写明该文件所属的自然年度（年度: {last}），或按自然年度分别归档。",
    },
    "checklist.bad_calendar_years": {
        "en": "{file}:{line}: item '{id}': calendar_years must be true or false.",
        "zh": "{file}:{line}：条目 '{id}'：calendar_years 只能是 true 或 false。",
    },
    # checklists/targets.yml: every error names file and line.
    "targets.bad_yaml": {
        "en": "{file}:{line}: the targets file is not valid YAML. Check indentation and colons near that line.",
        "zh": "{file}:{line}：指标目标文件不是有效的 YAML。请检查该行附近的缩进和冒号。",
    },
    "targets.no_list": {
        "en": "{file}:{line}: the targets file needs a 'targets:' list at the top (see docs/checklists.md).",
        "zh": "{file}:{line}：指标目标文件顶层需要 “targets:” 列表（见 docs/checklists.md）。",
    },
    "targets.not_mapping": {
        "en": "{file}:{line}: each target must be 'key: value' lines (id, due_from, judged, basis).",
        "zh": "{file}:{line}：每个指标目标应为 “键: 值” 形式（id、due_from、judged、basis）。",
    },
    "targets.unknown_key": {
        "en": "{file}:{line}: target '{id}': unknown key '{field}'. Known keys: {known}.",
        "zh": "{file}:{line}：指标目标 '{id}' 的键 '{field}' 未知。可用的键：{known}。",
    },
    "targets.unknown_id": {
        "en": "{file}:{line}: target '{id}' is not a figure the statistics give. Known: {known}.",
        "zh": "{file}:{line}：指标目标 '{id}' 不是统计表能算出的指标。可用的编号：{known}。",
    },
    "targets.bad_due_from": {
        "en": "{file}:{line}: target '{id}': due_from '{value}' must be the year the target applies from, e.g. due_from: 2018.",
        "zh": "{file}:{line}：指标目标 '{id}'：due_from '{value}' 应为目标开始适用的年份，如 due_from: 2018。",
    },
    "targets.bad_judged": {
        "en": "{file}:{line}: target '{id}': judged '{value}' must be assessment_year (only the assessment year) or every_year.",
        "zh": "{file}:{line}：指标目标 '{id}'：judged '{value}' 只能是 assessment_year（只评判评估年度）或 every_year（每年评判）。",
    },
    "targets.no_basis": {
        "en": "{file}:{line}: target '{id}' needs a 'basis': the document (and clause) it comes from.",
        "zh": "{file}:{line}：指标目标 '{id}' 需要写明 basis：出自哪份文件（及条款）。",
    },
    "targets.duplicate": {
        "en": "{file}:{line}: target '{id}' is listed twice; keep one entry.",
        "zh": "{file}:{line}：指标目标 '{id}' 重复列出，请只保留一条。",
    },
}
