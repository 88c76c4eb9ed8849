"""Messages of ``archive-builder status``."""

MESSAGES = {
    "status.unknown_department": {
        "en": "'{value}' is not a known department. Use a name, alias or id from the registry.",
        "zh": "“{value}”不是已登记的单位，请使用单位全称、简称或编号。",
    },
    "status.filed": {
        "en": "Filed: {count} documents ({categories}).",
        "zh": "已归档：{count} 份材料（{categories}）。",
    },
    "status.by_year": {"en": "By year: {years}.", "zh": "按年度：{years}。"},
    "status.totals": {
        "en": "Checklist: {items} items — {complete} complete, {partial} partly missing, {missing} missing; {completeness} of the required evidence is in.",
        "zh": "清单：共 {items} 项，完整 {complete} 项，部分缺失 {partial} 项，缺失 {missing} 项；必备材料齐全率 {completeness}。",
    },
    "status.gaps_heading": {"en": "Still to deliver:", "zh": "还需提供："},
    "status.no_gaps": {"en": "Nothing is missing.", "zh": "没有缺少的材料。"},
    "status.more": {"en": "  … and {count} more (see 'archive-builder check').", "zh": "  ……另有 {count} 项（见“archive-builder check”）。"},
    "status.problems_heading": {"en": "Files with problems:", "zh": "有问题的文件："},
}
