"""Messages of the assessment: profile, standard and timeline errors, scores, hints, the command and the site."""

_FIGURES = {
    "composite": ("{year} {level} composite difference coefficient", "{year}年{level}综合差异系数"),
    "indicator_cv": ("{year} {level} largest single-indicator difference coefficient", "{year}年{level}单项差异系数（最大一项）"),
    "satisfaction": ("{year} public satisfaction", "{year}年公众满意度"),
    "exchange_rate": ("{year} teacher exchange rate", "{year}年教师交流比例"),
    "exchange_backbone": ("{year} backbone and senior teachers among those exchanged",
                          "{year}年交流教师中骨干及中高级教师占比"),
    "consolidation": ("{year} {level} consolidation rate", "{year}年{level}巩固率"),
    "very_large_classes": ("{year} classes of 66 or more", "{year}年66人以上超大班额"),
    "large_classes": ("{year} classes of 56 or more", "{year}年56人以上大班额"),
    "standard_score": ("school standard score", "学校办学基本标准得分"),
    "standard_share": ("share of schools meeting the standard", "达到标准的学校比例"),
}

#: The parts of a profile, standard or timeline file, as error messages name them.
_PARTS = {
    "profile": ("profile", "评分方案"), "standard": ("school standard", "学校标准"), "timeline": ("timeline", "时间节点"),
    "criterion": ("criterion", "认定条件"), "area": ("area", "评估方面"), "item": ("item", "评估项目"),
    "rule": ("rule", "得分规则"), "figure": ("figure", "指标"), "share": ("share rule", "比例规则"),
    "score": ("score", "总分条件"), "indicator": ("indicator", "指标"), "ledger": ("ledger section", "台账设置"),
    "ledger_row": ("ledger row", "台账行"), "statistics": ("statistics section", "统计设置"),
    "schools": ("school filter", "学校范围"), "exclude": ("exclusion", "排除范围"),
    "school_rule": ("school rule", "逐校达标规则"), "stage": ("stage", "阶段"), "items": ("item stages", "清单项阶段"),
}

MESSAGES = {
    **{f"assessment.what.{key}": {"en": en, "zh": zh} for key, (en, zh) in _PARTS.items()},
    # --- reading the files (every message names the file and the line) -------------------------
    "assessment.bad_yaml": {
        "en": "{file}:{line}: this is not valid YAML ({detail}). Fix the indentation or the quoting on that line.",
        "zh": "{file} 第 {line} 行：YAML 格式有误（{detail}）。请检查这一行的缩进或引号。",
    },
    "assessment.not_utf8": {
        "en": "{file}:{line}: the file is not UTF-8. Save it as UTF-8 in your editor.",
        "zh": "{file} 第 {line} 行：文件不是 UTF-8 编码。请在编辑器中另存为 UTF-8。",
    },
    "assessment.unreadable": {
        "en": "{file}:{line}: the file cannot be read ({detail}).",
        "zh": "{file} 第 {line} 行：无法读取文件（{detail}）。",
    },
    "assessment.bad_value": {
        "en": "{file}:{line}: this value cannot be read ({detail}). Write a real day (2017-06-30) or quote the text.",
        "zh": "{file} 第 {line} 行：这个值无法读取（{detail}）。请写一个真实的日期（如 2017-06-30），或给文字加上引号。",
    },
    "assessment.not_mapping": {
        "en": "{file}:{line}: the {what} must be a mapping of keys and values (key: value).",
        "zh": "{file} 第 {line} 行：{what} 应写成“键: 值”的映射。",
    },
    "assessment.unknown_key": {
        "en": "{file}:{line}: unknown key '{key}' in the {what}. Known keys: {known}.",
        "zh": "{file} 第 {line} 行：{what} 中有未知的键“{key}”。可用的键：{known}。",
    },
    "assessment.bad_text": {
        "en": "{file}:{line}: the {what} needs '{key}' as a non-empty text.",
        "zh": "{file} 第 {line} 行：{what} 需要填写“{key}”（非空文字）。",
    },
    "assessment.bad_id": {
        "en": "{file}:{line}: the {what} needs an 'id' of ASCII letters, digits, '-' or '_' (found '{value}').",
        "zh": "{file} 第 {line} 行：{what} 的 id 只能由英文字母、数字、“-”或“_”组成（现为“{value}”）。",
    },
    "assessment.bad_number": {
        "en": "{file}:{line}: '{key}' of the {what} must be a number of at least {minimum} (found '{value}').",
        "zh": "{file} 第 {line} 行：{what} 的“{key}”应为不小于 {minimum} 的数字（现为“{value}”）。",
    },
    "assessment.bad_flag": {
        "en": "{file}:{line}: '{key}' of the {what} must be true or false (found '{value}').",
        "zh": "{file} 第 {line} 行：{what} 的“{key}”应为 true 或 false（现为“{value}”）。",
    },
    "assessment.bad_list": {
        "en": "{file}:{line}: '{key}' of the {what} must be a non-empty list.",
        "zh": "{file} 第 {line} 行：{what} 的“{key}”应为非空列表。",
    },
    "assessment.bad_years": {
        "en": "{file}:{line}: '{key}' of the {what} is not a year, a range like 2015-2017 or a list of years "
              "(found '{value}').",
        "zh": "{file} 第 {line} 行：{what} 的“{key}”应为年份、2015-2017 这样的范围或年份列表（现为“{value}”）。",
    },
    "assessment.bad_year": {
        "en": "{file}:{line}: 'year' must be one year, e.g. 2017 (found '{value}').",
        "zh": "{file} 第 {line} 行：year 只能是一个年份，例如 2017（现为“{value}”）。",
    },
    "assessment.bad_level": {
        "en": "{file}:{line}: '{key}' of the {what} names unknown school levels ({value}). Use {known}.",
        "zh": "{file} 第 {line} 行：{what} 的“{key}”中有未知学段（{value}）。可用：{known}。",
    },
    "assessment.bad_threshold": {
        "en": "{file}:{line}: the {what} needs exactly one of {keys}, e.g. at_least: 0.85 or "
              "at_most: {{小学: 0.65, 初中: 0.55}}.",
        "zh": "{file} 第 {line} 行：{what} 需要且只能有 {keys} 之一，例如 at_least: 0.85 或 "
              "at_most: {{小学: 0.65, 初中: 0.55}}。",
    },
    "assessment.bad_level_threshold": {
        "en": "{file}:{line}: '{key}' of the {what} gives '{value}' for '{level}': each level ({known}) needs a number.",
        "zh": "{file} 第 {line} 行：{what} 的“{key}”中“{level}”的值为“{value}”：每个学段（{known}）都应填数字。",
    },
    "assessment.duplicate_id": {
        "en": "{file}:{line}: the id '{id}' is already used on line {first_line}. Give each entry its own id.",
        "zh": "{file} 第 {line} 行：id“{id}”已在第 {first_line} 行用过。每一项的 id 不能重复。",
    },
    "assessment.no_profile": {
        "en": "There is no assessment profile '{name}' in {folder}/ or among the shipped ones ({known}). "
              "Choose one with --profile, or copy a shipped one into {folder}/.",
        "zh": "在 {folder}/ 和自带的评分方案（{known}）中都没有“{name}”。请用 --profile 选择，"
              "或把自带的方案复制到 {folder}/ 再修改。",
    },
    "assessment.no_standard": {
        "en": "There is no school standard '{name}' in {folder}/ or among the shipped files ({known}). "
              "Fix 'standard:' in the profile, or add {folder}/{name}.yml.",
        "zh": "在 {folder}/ 和自带文件（{known}）中都没有学校标准“{name}”。请修改评分方案中的 standard:，"
              "或新建 {folder}/{name}.yml。",
    },
    # profiles
    "assessment.criterion_kind": {
        "en": "{file}:{line}: criterion '{id}' needs either 'figure:' or 'score:', not both and not neither.",
        "zh": "{file} 第 {line} 行：认定条件“{id}”需要 figure: 或 score: 其中之一。",
    },
    "assessment.score_without_items": {
        "en": "{file}:{line}: criterion '{id}' judges the items' total, but the profile has no 'areas:' with items.",
        "zh": "{file} 第 {line} 行：认定条件“{id}”按条目总分判断，但评分方案中没有 areas: 条目。",
    },
    "assessment.points_differ": {
        "en": "{file}:{line}: the {what} '{id}' declares {declared} points but its rules add up to {total}. "
              "Change 'points:' or the rules' points.",
        "zh": "{file} 第 {line} 行：{what}“{id}”写明 {declared} 分，但各规则合计 {total} 分。请修改 points: 或规则的分值。",
    },
    "assessment.rule_kind": {
        "en": "{file}:{line}: a rule needs exactly one of {kinds}.",
        "zh": "{file} 第 {line} 行：每条规则需要且只能有 {kinds} 之一。",
    },
    "assessment.years_only_evidence": {
        "en": "{file}:{line}: 'years' applies to evidence rules only; a figure names its year in 'figure: {{year: …}}'.",
        "zh": "{file} 第 {line} 行：years 只用于材料规则；指标规则的年度写在 figure: {{year: …}} 中。",
    },
    "assessment.unknown_figure": {
        "en": "{file}:{line}: unknown figure '{name}'. Known figures: {known}.",
        "zh": "{file} 第 {line} 行：未知的指标“{name}”。可用：{known}。",
    },
    "assessment.figure_needs_standard": {
        "en": "{file}:{line}: the figure '{name}' needs a school standard: add 'standard:' to the profile.",
        "zh": "{file} 第 {line} 行：指标“{name}”需要学校标准：请在评分方案中写 standard:。",
    },
    "assessment.share_needs_standard": {
        "en": "{file}:{line}: a share rule needs a school standard: add 'standard:' to the profile.",
        "zh": "{file} 第 {line} 行：按比例得分的规则需要学校标准：请在评分方案中写 standard:。",
    },
    "assessment.unknown_indicator": {
        "en": "{file}:{line}: the standard {standard} has no indicator '{id}'. Its indicators: {known}.",
        "zh": "{file} 第 {line} 行：学校标准 {standard} 中没有指标“{id}”。其指标有：{known}。",
    },
    "assessment.unknown_checklist_item": {
        "en": "{file}:{line}: no checklist defines the item '{id}' (closest: {suggest}). Fix the id or add the "
              "item to checklists/.",
        "zh": "{file} 第 {line} 行：检查清单中没有条目“{id}”（最接近的：{suggest}）。请改正 id，或在 checklists/ 中加上该条目。",
    },
    "assessment.total_differs": {
        "en": "the profile's items add up to {points} points, not the {total} its 'total:' declares",
        "zh": "评分方案各条目合计 {points} 分，与 total: 写明的 {total} 分不同",
    },
    "assessment.total_differs.hint": {
        "en": "Change the items' points or 'total:' so the method's full marks add up.",
        "zh": "请修改条目分值或 total:，使满分相符。",
    },
    # standards
    "assessment.standard_needs_ledger": {
        "en": "{file}:{line}: indicators read from ledgers need a 'ledger:' section naming the checklist item "
              "whose evidence are the ledgers (e.g. ledger: {{item: school-standardisation-ledger}}).",
        "zh": "{file} 第 {line} 行：从台账读取的指标需要 ledger: 一节，写明台账所属的清单项"
              "（例如 ledger: {{item: school-standardisation-ledger}}）。",
    },
    "assessment.indicator_source": {
        "en": "{file}:{line}: indicator '{id}' needs either 'ledger_row:' or 'statistics:', not both.",
        "zh": "{file} 第 {line} 行：指标“{id}”需要 ledger_row: 或 statistics: 其中之一。",
    },
    "assessment.unknown_column": {
        "en": "{file}:{line}: unknown statistics column '{column}'. Known columns: {known}.",
        "zh": "{file} 第 {line} 行：未知的统计列“{column}”。可用：{known}。",
    },
    "assessment.bad_per": {
        "en": "{file}:{line}: 'per' must be 1 (per pupil) or 100 (per hundred pupils), found '{value}'.",
        "zh": "{file} 第 {line} 行：per 只能为 1（生均）或 100（每百名学生），现为“{value}”。",
    },
    "assessment.statistics_needs_threshold": {
        "en": "{file}:{line}: indicator '{id}' is read from the statistics and needs a threshold "
              "(at_least: {{小学: …, 初中: …}}).",
        "zh": "{file} 第 {line} 行：指标“{id}”取自统计表，需要写标准（at_least: {{小学: …, 初中: …}}）。",
    },
    "assessment.bad_at_least": {
        "en": "{file}:{line}: school_rule 'at_least' must be a whole number no larger than the {count} indicators "
              "(found {value}).",
        "zh": "{file} 第 {line} 行：school_rule 的 at_least 应为不超过指标数 {count} 的整数（现为 {value}）。",
    },
    "assessment.bad_share": {
        "en": "{file}:{line}: '{key}' must be a share above 0 and at most 1, e.g. 0.85 (found {value}).",
        "zh": "{file} 第 {line} 行：“{key}”应为大于 0、不超过 1 的比例，例如 0.85（现为 {value}）。",
    },
    # timelines
    "assessment.stage_order": {
        "en": "{file}:{line}: stage '{stage}' is due {due}, before the previous stage '{previous}' ({previous_due}). "
              "List the stages in order.",
        "zh": "{file} 第 {line} 行：阶段“{stage}”的时限 {due} 早于上一阶段“{previous}”（{previous_due}）。请按先后顺序排列。",
    },
    "assessment.unknown_stage": {
        "en": "{file}:{line}: unknown stage '{stage}'. Stages: {known}.",
        "zh": "{file} 第 {line} 行：未知的阶段“{stage}”。已有阶段：{known}。",
    },
    "assessment.bad_date": {
        "en": "{file}:{line}: '{key}' must be a day written 2017-06-30 (found '{value}').",
        "zh": "{file} 第 {line} 行：“{key}”应写成 2017-06-30 这样的日期（现为“{value}”）。",
    },
    "assessment.late_document": {
        "en": "dated {date}, after the stage it serves ({stage}, due {due}; items: {items})",
        "zh": "成文日期 {date} 晚于其服务的阶段（{stage}，时限 {due}；清单项：{items}）",
    },
    "assessment.late_document.hint": {
        "en": "Check the date: evidence for that stage must exist by {due}. Correct the 日期 in its metadata, or "
              "move the item to a later stage in {timeline}.",
        "zh": "请核对日期：该阶段的材料应在 {due} 前形成。如日期有误，请改正元数据中的“日期”；"
              "如该项本应在后一阶段完成，请在 {timeline} 中调整。",
    },
    # --- figures --------------------------------------------------------------------------------
    **{f"assessment.figure.{name}": {"en": en, "zh": zh} for name, (en, zh) in _FIGURES.items()},
    "assessment.figure_text": {
        "en": "{label}: {value} {op} {target}{detail}",
        "zh": "{label}：{value} {op} {target}{detail}",
    },
    "assessment.figure_unknown": {
        "en": "{label}: not judged ({reason})",
        "zh": "{label}：无法判断（{reason}）",
    },
    "assessment.no_target": {
        "en": "the threshold names no target for {level}",
        "zh": "标准中没有{level}的数值",
    },
    "assessment.no_standard_table": {
        "en": "the profile has no school standard",
        "zh": "评分方案没有学校标准",
    },
    "assessment.no_table": {
        "en": "there is no statistics table {table}",
        "zh": "没有统计表 {table}",
    },
    "assessment.no_row": {
        "en": "{table} has no row for {year}{level}",
        "zh": "{table} 中没有 {year} 年{level}的数据",
    },
    "assessment.figure_gap": {
        "en": "{path}: {problem}",
        "zh": "{path}：{problem}",
    },
    "assessment.figure_gap_more": {
        "en": "{path}: {problem} (and {more} more)",
        "zh": "{path}：{problem}（另有 {more} 处）",
    },
    "assessment.indicator_unknown": {
        "en": "{indicator} has no value",
        "zh": "{indicator}没有数值",
    },
    "assessment.standard_no_value": {
        "en": "the standard {standard} gives no score (its indicators have no points, or no school is judged)",
        "zh": "学校标准 {standard} 没有得分（指标没有分值，或没有学校参评）",
    },
    # --- the school standard ---------------------------------------------------------------------
    "assessment.no_ledger": {
        "en": "no ledger of {school} is filed (checklist item {item})",
        "zh": "{school}没有归档标准化建设台账（清单项 {item}）",
    },
    "assessment.ledger_no_row": {
        "en": "{path} has no row for {label} (aspect {aspect}); add the row, or fix 'ledger_row:' in {standard} line {line}",
        "zh": "{path} 中没有“{label}”一行（建设项目：{aspect}）；请补上这一行，或修改 {standard} 第 {line} 行的 ledger_row:",
    },
    "assessment.ledger_bad_verdict": {
        "en": "{path} row {row}: the verdict '{value}' is none of {words}",
        "zh": "{path} 第 {row} 行：达标情况“{value}”不是 {words} 之一",
    },
    "assessment.column_missing_short": {
        "en": "the statistics have no column {column}",
        "zh": "统计表缺少 {column} 列",
    },
    "assessment.no_school_row": {
        "en": "school_stats has no {year} row for {school} ({level})",
        "zh": "school_stats 中没有{school}（{level}）{year}年的数据",
    },
    "assessment.empty_school_cell": {
        "en": "school_stats has no {column} value for {school} ({level}) in {year}",
        "zh": "school_stats 中{school}（{level}）{year}年的 {column} 一栏没有数值",
    },
    "assessment.ledger_unreadable": {
        "en": "the ledger cannot be read ({reason}), so its school's indicators are not known",
        "zh": "台账无法读取（{reason}），该校各项指标无法判断",
    },
    "assessment.ledger_unreadable.hint": {
        "en": "Save the ledger again as .xlsx (or file a readable copy) with its rows and the 达标情况 column.",
        "zh": "请把台账重新保存为 .xlsx（或归档一份可以读取的副本），保留各行和“达标情况”一栏。",
    },
    "assessment.ledger_no_header": {
        "en": "the ledger has no table with a label column ({label}) and a verdict column ({verdict})",
        "zh": "台账中没有同时含有指标列（{label}）和达标情况列（{verdict}）的表格",
    },
    "assessment.ledger_no_header.hint": {
        "en": "Give the ledger a header row with those column names, or name its columns in the standard's 'ledger:' "
              "(label_headers, verdict_headers).",
        "zh": "请给台账加上含这些列名的表头，或在学校标准的 ledger: 中写明列名（label_headers、verdict_headers）。",
    },
    "assessment.ledger_disagrees": {
        "en": "{school}, row {row} ({label}): the value {value} is judged {op} {target}, but the verdict cell says '{verdict}'",
        "zh": "{school}第 {row} 行（{label}）：数值 {value} 按 {op} {target} 判断，与“达标情况”一栏的“{verdict}”不符",
    },
    "assessment.ledger_disagrees.hint": {
        "en": "Correct the value or the verdict in the ledger; the table uses the value.",
        "zh": "请改正台账中的数值或达标情况；达标表以数值为准。",
    },
    "assessment.no_schools_judged": {
        "en": "the standard judges no school of the registry",
        "zh": "学校名册中没有该标准评判的学校",
    },
    "assessment.no_schools_judged.hint": {
        "en": "Check the school levels in {registry} and 'schools:' of the standard.",
        "zh": "请核对 {registry} 中的学段和学校标准的 schools:。",
    },
    "assessment.no_statistics": {
        "en": "there is no school_stats table, so the standard {standard} cannot read its indicators",
        "zh": "没有 school_stats 统计表，学校标准 {standard} 的指标无法读取",
    },
    "assessment.no_statistics.hint": {
        "en": "Add content/data/school_stats.xlsx (or .csv) with a row per school, level and year.",
        "zh": "请在 content/data/ 中加上 school_stats.xlsx（或 .csv），每校、每学段、每年一行。",
    },
    "assessment.column_missing": {
        "en": "{file} has no column {column}, which the standard needs for {indicators}; those indicators are "
              "not judged (never taken as zero)",
        "zh": "{file} 缺少“{column}”列，学校标准的“{indicators}”需要这一列；这些指标记为无法判断（不当作 0）",
    },
    "assessment.column_missing.hint": {
        "en": "Add the column {column} (field {field}) to {file}, a value per school and year ({standard}).",
        "zh": "请在 {file} 中加上“{column}”列（字段 {field}），每校每年填写数值（{standard}）。",
    },
    # --- scoring ---------------------------------------------------------------------------------
    "assessment.score_text": {
        "en": "items' total {value} {op} {target}",
        "zh": "条目总分 {value} {op} {target}",
    },
    "assessment.raise_score": {
        "en": "{missing} more points are needed: see the items below that lost points",
        "zh": "还差 {missing} 分：见下面失分的条目",
    },
    "assessment.item_not_checked": {
        "en": "checklist item {id} was not checked",
        "zh": "清单项 {id} 未检查",
    },
    "assessment.evidence_complete": {
        "en": "{item} complete for {years} ({documents} documents)",
        "zh": "{item}{years} 材料齐全（{documents} 件）",
    },
    "assessment.evidence_missing": {
        "en": "{item} missing {what} ({documents} documents)",
        "zh": "{item}缺少 {what} 的材料（已有 {documents} 件）",
    },
    "assessment.for_schools": {
        "en": "for {count} schools: {names}",
        "zh": "{count} 所学校：{names}",
    },
    "assessment.for_years": {
        "en": "for {years}",
        "zh": "{years} 年",
    },
    "assessment.any_year": {
        "en": "for any one year",
        "zh": "任一年度",
    },
    "assessment.any_department": {
        "en": "any department",
        "zh": "任一单位",
    },
    "assessment.raise_evidence": {
        "en": "{department}: file {item} {what}",
        "zh": "{department}：补交{item}，{what}",
    },
    "assessment.share_unknown": {
        "en": "no school standard table: no school is judged",
        "zh": "没有学校达标表：没有参评学校",
    },
    "assessment.share_text": {
        "en": "{name}: {met} of {judged} schools ({share})",
        "zh": "{name}：{judged} 所学校中 {met} 所（{share}）",
    },
    "assessment.raise_share": {
        "en": "{count} schools do not meet {name}: {names}",
        "zh": "{count} 所学校未达到{name}：{names}",
    },
    "assessment.raise_figure": {
        "en": "{label} is {value}, the target is {op} {target} ({source})",
        "zh": "{label}为 {value}，要求 {op} {target}（{source}）",
    },
    "assessment.raise_standard": {
        "en": "{label} is {value}, the target is {op} {target}: see the schools that do not meet it",
        "zh": "{label}为 {value}，要求 {op} {target}：见未达标的学校",
    },
    "assessment.raise_unknown_figure": {
        "en": "{label}: {reason}",
        "zh": "{label}：{reason}",
    },
    # --- the site ---------------------------------------------------------------------------------
    "assessment.site.nav": {"en": "Assessment", "zh": "评估认定"},
    "assessment.site.title": {"en": "Readiness for the assessment", "zh": "评估认定：能否通过"},
    "assessment.site.profile": {"en": "{title}, assessed for {year}.", "zh": "{title}，按{year}年评估。"},
    "assessment.site.profile_file": {"en": "Scoring profile {file} ({source}).", "zh": "评分方案：{file}（{source}）。"},
    "assessment.site.criteria": {"en": "The criteria", "zh": "认定条件"},
    "assessment.site.figure_page": {"en": "indicator page", "zh": "指标页面"},
    "assessment.site.schools_link": {"en": "The school standard, school by school", "zh": "逐校办学标准达标表"},
    "assessment.site.timeline_link": {"en": "Stages, deadlines and what is overdue", "zh": "时间节点、逾期事项与日期晚于阶段的材料"},
    "assessment.site.total": {"en": "Total", "zh": "合计"},
    "assessment.site.pass_mark": {"en": "pass mark {mark}", "zh": "{mark} 分以上为通过"},
    "assessment.site.state.met": {"en": "full marks", "zh": "满分"},
    "assessment.site.state.partial": {"en": "points lost", "zh": "部分失分"},
    "assessment.site.state.not_met": {"en": "no points", "zh": "未得分"},
    "assessment.site.state.unknown": {"en": "not judged", "zh": "无法判断"},
    "assessment.site.item_points": {"en": "{earned} of {points} points", "zh": "得 {earned} 分（满分 {points} 分）"},
    "assessment.site.back": {"en": "back to the assessment", "zh": "返回评估认定"},
    "assessment.site.points_source": {"en": "Point values", "zh": "分值"},
    "assessment.site.verified": {"en": "checked against the primary text", "zh": "已与原文核对"},
    "assessment.site.unverified": {
        "en": "not verified against the primary text; edit them in {file} (line {line})",
        "zh": "未与原文核对；可在 {file} 第 {line} 行修改",
    },
    "assessment.site.note": {"en": "Note", "zh": "说明"},
    "assessment.site.rule": {"en": "Rule {number} ({kind})", "zh": "规则 {number}（{kind}）"},
    "assessment.site.kind.evidence": {"en": "evidence", "zh": "材料"},
    "assessment.site.kind.figure": {"en": "figure", "zh": "指标数值"},
    "assessment.site.kind.share": {"en": "share of schools", "zh": "学校达标比例"},
    "assessment.site.checklist": {"en": "Checklist items:", "zh": "清单项："},
    "assessment.site.withheld": {"en": "(withheld document)", "zh": "（不公开的材料）"},
    "assessment.site.schools_title": {"en": "The school standard, school by school", "zh": "逐校办学标准达标表"},
    "assessment.site.schools_intro": {
        "en": "Every judged school × indicator for {year}, read from the ledgers' cells and the statistics ({file}).",
        "zh": "{year}年每所参评学校的每项指标，读自各校台账的单元格和统计表（{file}）。",
    },
    "assessment.site.statistics": {"en": "statistics table", "zh": "统计表"},
    "assessment.site.school": {"en": "School", "zh": "学校"},
    "assessment.site.meets": {"en": "Meets the standard", "zh": "达到标准"},
    "assessment.site.school_score": {"en": "School score", "zh": "本校得分"},
    "assessment.site.ledger": {"en": "ledger", "zh": "台账"},
    "assessment.site.cell.met": {"en": "met", "zh": "达标"},
    "assessment.site.cell.not_met": {"en": "not met", "zh": "未达标"},
    "assessment.site.cell.unknown": {"en": "unknown", "zh": "无法判断"},
    "assessment.site.cell.na": {"en": "n/a", "zh": "不适用"},
    "assessment.site.share": {"en": "Schools meeting it", "zh": "达标学校"},
    "assessment.site.points": {"en": "Points", "zh": "得分/分值"},
    "assessment.site.legend": {
        "en": "Green: met; red: not met; yellow: cannot be known (hover for why); grey: does not apply.",
        "zh": "绿色：达标；红色：未达标；黄色：无法判断（鼠标停留可见原因）；灰色：不适用。",
    },
    "assessment.site.timeline_title": {"en": "Stages and deadlines", "zh": "时间节点"},
    "assessment.site.timeline_intro": {"en": "From {file}, as of {as_of}.", "zh": "依据 {file}，截至 {as_of}。"},
    "assessment.site.stage": {"en": "Stage", "zh": "阶段"},
    "assessment.site.due": {"en": "Due", "zh": "完成时限"},
    "assessment.site.passed": {"en": "passed", "zh": "已过"},
    "assessment.site.overdue": {"en": "Overdue, by department", "zh": "逾期未完成（按单位）"},
    "assessment.site.overdue_item": {"en": "due {due} ({stage}); missing {missing}", "zh": "应于 {due}（{stage}）前完成；缺少 {missing}"},
    "assessment.site.none_overdue": {"en": "Nothing is overdue.", "zh": "没有逾期未完成的事项。"},
    "assessment.site.late": {"en": "Documents dated after the stage they serve", "zh": "成文日期晚于所服务阶段的材料"},
    "assessment.site.late_intro": {
        "en": "Each is flagged for review: check its date against the stage it is evidence for.",
        "zh": "以下材料需要复核：请核对其成文日期与所服务阶段的时限。",
    },
    "assessment.site.none_late": {"en": "No document is dated after its stage.", "zh": "没有成文日期晚于所服务阶段的材料。"},
    # --- the command ------------------------------------------------------------------------------
    "assess.title": {
        "en": "{title}, assessed for {year} (profile {file})",
        "zh": "{title}：{year}年评估（评分方案 {file}）",
    },
    "assess.criteria": {"en": "The criteria", "zh": "认定条件"},
    "assess.col_criterion": {"en": "criterion", "zh": "条件"},
    "assess.col_figure": {"en": "figure", "zh": "数值"},
    "assess.col_result": {"en": "result", "zh": "结论"},
    "assess.col_area": {"en": "area", "zh": "方面"},
    "assess.col_no": {"en": "no.", "zh": "序号"},
    "assess.col_item": {"en": "item", "zh": "评估项目"},
    "assess.col_points": {"en": "points", "zh": "得分"},
    "assess.col_found": {"en": "what earned them", "zh": "得分依据"},
    "assess.items": {"en": "The county government's work: {count} items", "zh": "县级人民政府工作：{count} 项"},
    "assess.total": {
        "en": "Total {total} of {points} points (pass mark {mark}).",
        "zh": "总分 {total} 分（满分 {points} 分，{mark} 分以上为通过）。",
    },
    "assess.ready": {
        "en": "Ready: every criterion is met.",
        "zh": "可以通过：各项认定条件均已达到。",
    },
    "assess.not_ready": {
        "en": "Not ready: {count} criteria are not met.",
        "zh": "尚不能通过：{count} 项认定条件未达到。",
    },
    "assess.pass": {"en": "met", "zh": "达到"},
    "assess.fail": {"en": "not met", "zh": "未达到"},
    "assess.unknown": {"en": "not judged", "zh": "无法判断"},
    "assess.raise": {"en": "What would raise the score", "zh": "如何提高得分"},
    "assess.raise_line": {"en": "{no} {title} ({earned}/{points}): {hint}", "zh": "{no} {title}（{earned}/{points}）：{hint}"},
    "assess.standard": {
        "en": "School standard {title}: {meeting} of {schools} schools meet it; score {score}.",
        "zh": "学校标准“{title}”：{schools} 所学校中 {meeting} 所达到；得分 {score}。",
    },
    "assess.standard_missing_columns": {
        "en": "The statistics lack the columns {columns}: those indicators are not judged.",
        "zh": "统计表缺少 {columns} 列：这些指标无法判断。",
    },
    "assess.timeline": {
        "en": "Timeline ({file}, as of {as_of}): {overdue} items overdue, {late} documents dated after their stage.",
        "zh": "时间节点（{file}，截至 {as_of}）：逾期未完成 {overdue} 项，成文日期晚于所服务阶段的材料 {late} 件。",
    },
    "assess.stage_line": {"en": "  {due}  {title}{passed}", "zh": "  {due}  {title}{passed}"},
    "assess.stage_passed": {"en": " (passed)", "zh": "（已过）"},
    "assess.written": {"en": "Wrote {path}", "zh": "已写入 {path}"},
    "assess.xlsx_needs_output": {
        "en": "--format xlsx writes a workbook: give it a file with --output, e.g. --output 评估.xlsx",
        "zh": "--format xlsx 生成 Excel 工作簿：请用 --output 指定文件，例如 --output 评估.xlsx",
    },
    "assess.bad_as_of": {
        "en": "--as-of must be a day written 2017-06-30 (found '{value}').",
        "zh": "--as-of 应写成 2017-06-30 这样的日期（现为“{value}”）。",
    },
    "assess.check_line": {
        "en": "Assessment ({profile}, {year}): total {total} of {points}. {verdict}",
        "zh": "评估认定（{profile}，{year}年）：总分 {total} / {points}。{verdict}",
    },
    "help.assess": {
        "en": (
            "Score the archive against the national assessment: will the county pass, and on what proof?\n"
            "\n"
            "Reads the scoring profile (checklists/assessment/<name>.yml, else the shipped one named like\n"
            "indicator_profile in archive.yml), checks the archive, and shows the method's criteria with\n"
            "each figure, threshold and verdict, every item's points with what earned them, the school\n"
            "standard school by school, what would raise each item that lost points, and the timeline\n"
            "(site_config/timeline.yml) when there is one.\n"
            "\n"
            "Exit status: 0 when every criterion is met, 1 otherwise or when a profile is invalid.\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder assess\n"
            "  archive-builder assess --format json > assessment.json\n"
            "  archive-builder assess --format xlsx --output 评估.xlsx\n"
            "  archive-builder assess --profile quality-2017 --year 2017"
        ),
        "zh": (
            "按国家督导评估办法给档案打分：能否通过评估认定，每一分的依据在哪里。\n"
            "\n"
            "读取评分方案（checklists/assessment/<名称>.yml；没有时用自带的、与 archive.yml 中 indicator_profile "
            "同名的方案），核对档案，列出各项认定条件的数值、标准和结论，每个条目的得分及得分依据，"
            "逐校的办学标准达标情况，失分条目如何补足，以及时间节点（有 site_config/timeline.yml 时）。\n"
            "\n"
            "结束状态码：各项认定条件都达到时为 0；否则为 1，评分方案写错时也为 1。\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder assess\n"
            "  archive-builder assess --format json > assessment.json\n"
            "  archive-builder assess --format xlsx --output 评估.xlsx\n"
            "  archive-builder assess --profile quality-2017 --year 2017"
        ),
    },
    "help.assess.profile": {
        "en": "Scoring profile: a name (basic-2012, quality-2017) or a YAML file (default: indicator_profile).",
        "zh": "评分方案：名称（basic-2012、quality-2017）或 YAML 文件（默认与 indicator_profile 相同）。",
    },
    "help.assess.year": {
        "en": "The year assessed (default: the timeline's, else the archive's last year).",
        "zh": "评估的年度（默认取时间节点中的年度，没有时取档案的最后一年）。",
    },
    "help.assess.fmt": {
        "en": "Output format.",
        "zh": "输出格式。",
    },
    "help.assess.output": {
        "en": "Write the report to FILE (needed for xlsx).",
        "zh": "把报告保存到文件 FILE（xlsx 格式必须指定）。",
    },
    "help.assess.as_of": {
        "en": "Judge deadlines as of this day, e.g. 2017-06-15 (default: the timeline's as_of, else today).",
        "zh": "按这一天判断是否逾期，例如 2017-06-15（默认取时间节点中的 as_of，没有时为今天）。",
    },
}
