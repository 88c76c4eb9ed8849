"""Messages about archive configuration."""

MESSAGES = {
    "config.at_line": {"en": "{file}:{line}: {detail}", "zh": "{file}:{line}：{detail}"},
    "config.bad_file": {"en": "{file} could not be read: check its YAML.", "zh": "无法读取 {file}：请检查其中的 YAML 格式。"},
    "config.no_content": {
        "en": "{root} is not an archive: it has no content/ folder. Run the command in the archive folder, pass --root DIR, or create one with 'archive-builder init DIR'.",
        "zh": "{root} 不是档案项目：其中没有 content/ 文件夹。请在档案文件夹中运行，或用 --root 指定，或用 “archive-builder init 目录” 新建。",
    },
    "config.bad_yaml": {
        "en": "{file}:{line}: the file is not valid YAML. Check indentation and colons near that line.",
        "zh": "{file}:{line}：文件不是有效的 YAML。请检查该行附近的缩进和冒号。",
    },
    "config.not_utf8": {
        "en": "{file}: the file is not UTF-8 text. Save it as UTF-8.",
        "zh": "{file}：文件不是 UTF-8 编码。请另存为 UTF-8。",
    },
    "config.not_mapping": {
        "en": "{file}:{line}: expected 'key: value' lines at the top level.",
        "zh": "{file}:{line}：顶层应为 “键: 值” 形式。",
    },
    "config.unknown_key": {
        "en": "{file}:{line}: Config value '{key}': unknown key. Known keys: name, county, years, fonds, doc_class, default_retention, indicator_profile, statistics, funding, departments, categories.",
        "zh": "{file}:{line}：配置项 '{key}' 未知。可用的键：name、county、years、fonds、doc_class、default_retention、indicator_profile、statistics、funding、departments、categories。",
    },
    "config.not_list": {
        "en": "{file}:{line}: Config value '{key}': expected a list of entries (lines starting with '-').",
        "zh": "{file}:{line}：配置项 '{key}' 应为列表（每项以 “-” 开头）。",
    },
    "config.entry_without_id": {
        "en": "{file}:{line}: Config value '{key}': every entry needs an 'id'.",
        "zh": "{file}:{line}：配置项 '{key}' 的每一项都需要 'id'。",
    },
    "config.bad_value": {
        "en": "{file}:{line}: Config value '{key}': must be text.",
        "zh": "{file}:{line}：配置项 '{key}' 应为文字。",
    },
    "config.bad_assessment_year": {
        "en": "{file}:{line}: Config value 'assessment_year': '{value}' is not one of the archive years ({years}). Write the year the assessment judges, e.g. assessment_year: 2017, or leave it out for the last archive year.",
        "zh": "{file}:{line}：配置项 'assessment_year' 的值 '{value}' 不在档案年度（{years}）内。请写评估所评判的年度，如 assessment_year: 2017；不写则取档案的最后一年。",
    },
    "config.bad_years": {
        "en": "{file}:{line}: Config value 'years': '{value}' is not a year range. Write it like 2014-2017.",
        "zh": "{file}:{line}：配置项 'years' 的值 '{value}' 不是年份范围，应写成 2014-2017。",
    },
    "config.bad_entry": {
        "en": "{file}:{line}: entry '{id}' needs an ASCII id (lower-case letters, digits, '-') and a name.",
        "zh": "{file}:{line}：条目 '{id}' 需要 ASCII 的 id（小写字母、数字、“-”）和名称。",
    },
    "config.name_clash": {
        "en": "{file}: the name '{name}' is used by both '{first}' and '{second}'. Give each a different alias.",
        "zh": "{file}：名称 '{name}' 同时属于 '{first}' 和 '{second}'，请改用不同的别名。",
    },
}
