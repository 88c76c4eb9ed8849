"""Messages about 档号 and the 归档文件目录."""

MESSAGES = {
    "archival.record_unreadable": {
        "en": "{path} cannot be read as the 档号 record (UTF-8 CSV): {detail}. Restore it from version control, "
              "or delete it to number every document anew.",
        "zh": "{path} 无法作为档号记录读取（应为 UTF-8 CSV）：{detail}。请从版本库恢复该文件，或删除它以重新编号。",
    },
    "archival.bad_format": {
        "en": "the 档号 '{code}' is not in the form 全宗号-门类代码·年度-保管期限-机构代码-件号 (e.g. J001-WS·2016-Y-CZJ-0007); a new one was given.",
        "zh": "档号“{code}”不符合“全宗号-门类代码·年度-保管期限-机构代码-件号”格式（如 J001-WS·2016-Y-CZJ-0007），已重新编号。",
    },
    "archival.bad_format.hint": {
        "en": "Correct the 档号 in the metadata or remove it to let the tool number the document.",
        "zh": "请改正元数据中的档号，或删去它由工具自动编号。",
    },
    "archival.class_mismatch": {
        "en": "the 档号 '{code}' does not match the document's year, retention and department ({expected}); a new one was given.",
        "zh": "档号“{code}”与材料的年度、保管期限、单位（{expected}）不符，已重新编号。",
    },
    "archival.class_mismatch.hint": {
        "en": "Correct the 档号 or the document's year, retention (保管期限) or department.",
        "zh": "请改正档号，或改正材料的年度、保管期限或单位。",
    },
    "archival.duplicate": {
        "en": "the 档号 '{code}' is already used by {other}; a new one was given.",
        "zh": "档号“{code}”已被 {other} 使用，已重新编号。",
    },
    "archival.duplicate.hint": {
        "en": "Give each document its own 件号.",
        "zh": "请为每件材料使用不同的件号。",
    },
    "archival.gap": {
        "en": "件号 missing in this class: {numbers}.",
        "zh": "该类别中缺少件号：{numbers}。",
    },
    "archival.gap.hint": {
        "en": "Find the missing documents, or note in the catalogue why the numbers are empty.",
        "zh": "请查找缺失的材料，或在目录备注中说明空号原因。",
    },
    "archival.withheld_title": {"en": "(classified; title withheld)", "zh": "（涉密，题名不公开）"},
    "archival.withheld_note": {"en": "classified, not published", "zh": "涉密，不上网"},
    "archival.internal_note": {"en": "internal", "zh": "内部"},
    "archival.xlsx_needs_output": {
        "en": "--format xlsx writes a workbook: add --output FILE.xlsx, e.g. --output 归档文件目录.xlsx.",
        "zh": "--format xlsx 生成工作簿，请加上 --output 文件名.xlsx，例如 --output 归档文件目录.xlsx。",
    },
    "archival.internal_title": {"en": "(internal; title not published)", "zh": "（内部文件，题名不公开）"},
    "archival.held_title": {"en": "(held for review; title not published)", "zh": "（待审核，题名不公开）"},
    "archival.recorded": {
        "en": "Recorded {count} 档号 in {file} ({new} new). Commit this file so numbers stay fixed.",
        "zh": "已在 {file} 中登记 {count} 个档号（新增 {new} 个）。请提交该文件以固定编号。",
    },
    "archival.written": {"en": "Catalogue written to {file}.", "zh": "归档文件目录已写入 {file}。"},
    "archival.cover_title": {"en": "归档文件目录", "zh": "归档文件目录"},
    "archival.col.box": {"en": "Catalogue (box)", "zh": "所在目录（盒）"},
    "archival.box_label": {"en": "{label} ({year}, {retention}, {org})", "zh": "{label}（{year}年 · {retention} · {org}）"},
}
