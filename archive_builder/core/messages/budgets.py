"""Messages of the per-file budgets: metadata the scan refuses, and files too costly to read or render."""

MESSAGES = {
    "scan.yaml_alias": {
        "en": "the metadata uses a YAML anchor or alias (&name or *name) at line {line}; the tool does not expand "
              "them, so this metadata was not used.",
        "zh": "元数据第 {line} 行使用了 YAML 锚点或别名（&名称 或 *名称），本工具不展开它们，这部分元数据未被采用。",
    },
    "scan.yaml_alias.hint": {
        "en": "Write each value out in full where '*name' stands and delete the '&name' label, e.g. 'title: 2016年教育经费报告'.",
        "zh": "请在“*名称”处直接写出完整的值，并删去“&名称”标记，例如“标题: 2016年教育经费报告”。",
    },
    "scan.yaml_too_deep": {
        "en": "the metadata is nested too deeply at line {line}; this metadata was not used.",
        "zh": "元数据在第 {line} 行嵌套层数过多，这部分元数据未被采用。",
    },
    "scan.yaml_too_deep.hint": {
        "en": "Write one 'key: value' per line; lists as '[a, b]', e.g. '标签: [经费, 2016]'.",
        "zh": "每行写一项“键: 值”，列表写成“[甲, 乙]”，例如“标签: [经费, 2016]”。",
    },
    "scan.yaml_alias_in_file": {
        "en": "{file}:{line}: the file uses a YAML anchor or alias (&name or *name); the tool does not expand them, "
              "so the file was not read. Write each value out in full where '*name' stands and delete the '&name' label.",
        "zh": "{file}:{line}：文件使用了 YAML 锚点或别名（&名称 或 *名称），本工具不展开它们，因此未读取该文件。"
              "请在“*名称”处直接写出完整的值，并删去“&名称”标记。",
    },
    "scan.yaml_too_deep_in_file": {
        "en": "{file}:{line}: the file is nested too deeply, so it was not read. Write it with fewer levels of "
              "indentation: one 'key: value' per line, lists as '[a, b]'.",
        "zh": "{file}:{line}：文件嵌套层数过多，因此未读取。请减少缩进层级：每行一项“键: 值”，列表写成“[甲, 乙]”。",
    },
    "budget.over_time": {
        "en": "reading it took longer than {seconds} s, the most one file may take",
        "zh": "读取用时超过 {seconds} 秒，即单个文件的时间上限",
    },
    "budget.over_memory": {
        "en": "reading it needed more than {megabytes} MB of memory, the most one file may use",
        "zh": "读取所需内存超过 {megabytes} MB，即单个文件的内存上限",
    },
    "budget.crashed": {
        "en": "the program reading it stopped ({signal}), probably beyond the {megabytes} MB one file may use",
        "zh": "读取程序意外终止（{signal}），可能超出了单个文件 {megabytes} MB 的内存上限",
    },
    "budget.markdown_too_deep": {
        "en": "its Markdown nests {depth} levels deep at line {line}, more than the {limit} that are formatted, "
              "so its text is shown plain",
        "zh": "其 Markdown 在第 {line} 行嵌套达 {depth} 层，超过可排版的 {limit} 层，因此按纯文本显示",
    },
    "budget.sheet_too_large": {
        "en": "its sheet {sheet} spans {rows} rows × {columns} columns, over the {limit} cells a sheet may have; "
              "delete the empty rows and columns after the data and save it again",
        "zh": "其工作表 {sheet} 的范围为 {rows} 行 × {columns} 列，超过单个工作表 {limit} 个单元格的上限；"
              "请删除数据之后的空行和空列后重新保存",
    },
}
