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
        "en": "Evidence: {items} items — {complete} complete, {partial} partial, {missing} missing, {waived} waived; {completeness} of the required evidence is in.",
        "zh": "佐证材料：共 {items} 项，完整 {complete} 项，部分缺失 {partial} 项，缺失 {missing} 项，已豁免 {waived} 项；必备材料齐全率 {completeness}。",
    },
    "status.targets": {
        "en": "Targets: {met} met, {not_met} not met, {no_data} no data; {trend} figures of other years shown as trend.",
        "zh": "指标目标：达标 {met} 项，未达标 {not_met} 项，无数据 {no_data} 项；另有 {trend} 项其他年度的数值仅作趋势。",
    },
    "status.problems": {
        "en": "File problems: {count} ({held} held for review).",
        "zh": "文件问题：{count} 个（其中待人工审核 {held} 个）。",
    },
    "status.not_assigned": {"en": "Not assigned to a department", "zh": "未归属任何单位"},
    "status.gaps_heading": {"en": "Still to deliver:", "zh": "还需提供："},
    "status.no_gaps": {"en": "Nothing is missing.", "zh": "没有缺少的材料。"},
    "status.more": {"en": "  … and {count} more (see 'archive-builder check').", "zh": "  ……另有 {count} 项（见“archive-builder check”）。"},
}
