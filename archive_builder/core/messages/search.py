"""Messages of text extraction, the search index and the search command."""

MESSAGES = {
    "extract.failed": {
        "en": "the text of this file cannot be read ({detail}); it will not be found by search.",
        "zh": "无法读取该文件的文字（{detail}），搜索时找不到它。",
    },
    "extract.failed.hint": {
        "en": "Open the file in its program and save it again (PDF: print to PDF; Word/Excel: save as .docx/.xlsx).",
        "zh": "请用相应软件打开后重新保存（PDF 可“打印为 PDF”，Word/Excel 另存为 .docx/.xlsx）。",
    },
    "extract.needs_ocr": {
        "en": "this file is a scan without a text layer; its words cannot be searched until it is recognised (OCR).",
        "zh": "该文件是没有文字层的扫描件，需文字识别（OCR）后才能被搜索到。",
    },
    "extract.needs_ocr.hint": {
        "en": "Run the command again without --no-ocr, or file a text PDF as well.",
        "zh": "请不带 --no-ocr 重新运行命令，或另外归档一份带文字的 PDF。",
    },
    "extract.no_ocr": {
        "en": "Text recognition (OCR) needs the rapidocr-onnxruntime package, which is not installed. "
              "Install it with: python -m pip install rapidocr-onnxruntime (or run with --no-ocr)",
        "zh": "文字识别（OCR）需要 rapidocr-onnxruntime 软件包，当前未安装。"
              "安装方法：python -m pip install rapidocr-onnxruntime（或使用 --no-ocr 跳过）",
    },
    "index.summary": {
        "en": "Search index: extracted {extracted}, indexed {indexed} (added {added}, updated {updated}), "
              "removed {removed}, unchanged {unchanged}.",
        "zh": "搜索索引：提取文字 {extracted} 个，写入索引 {indexed} 个（新增 {added}，更新 {updated}），"
              "删除 {removed} 个，未变 {unchanged} 个。",
    },
    "index.counters": {
        "en": "extracted {extracted}\nindexed {indexed}\nremoved {removed}\nunchanged {unchanged}",
        "zh": "提取文字 {extracted}\n写入索引 {indexed}\n删除 {removed}\n未变 {unchanged}",
    },
    "index.withheld": {
        "en": "{count} classified or held document(s) were left out of the index.",
        "zh": "{count} 个涉密或待审核文件未编入索引。",
    },
    "index.needs_ocr": {
        "en": "{count} scanned file(s) have no text layer and cannot be searched (run without --no-ocr).",
        "zh": "{count} 个扫描件没有文字层，无法被搜索（请不带 --no-ocr 运行）。",
    },
    "index.rebuilt_corrupt": {
        "en": "The search index was damaged ({detail}); it has been rebuilt from the files.",
        "zh": "搜索索引已损坏（{detail}），已根据文件重新建立。",
    },
    "index.built_first": {
        "en": "The search index did not exist yet; it has been built.",
        "zh": "搜索索引尚未建立，现已建好。",
    },
    "index.progress": {
        "en": "Reading documents",
        "zh": "正在读取文件",
    },
    "index.locked": {
        "en": "The search index is being updated by another archive-builder command; try again when it has finished.",
        "zh": "另一个 archive-builder 命令正在更新搜索索引，请待其完成后重试。",
    },
    "search.unknown_department": {
        "en": "'{value}' is not a known department name, alias or id.",
        "zh": "“{value}”不是已登记的单位名称、简称或编号。",
    },
    "search.unknown_category": {
        "en": "'{value}' is not one of the six categories (name, alias or id).",
        "zh": "“{value}”不是六类档案之一（名称、简称或编号）。",
    },
    "search.bad_year": {
        "en": "'{value}' is not a year such as 2016.",
        "zh": "“{value}”不是年份（例如 2016）。",
    },
    "search.empty_query": {
        "en": "Give some words to search for, e.g. archive-builder search 教师交流",
        "zh": "请输入要搜索的词，例如：archive-builder search 教师交流",
    },
    "search.bad_query": {
        "en": "The search words cannot be understood ({detail}). Use words, \"quoted phrases\", AND, OR and NOT.",
        "zh": "无法理解搜索条件（{detail}）。请使用词语、\"带引号的短语\"、AND、OR 和 NOT。",
    },
    "search.no_results": {
        "en": "No document matches '{query}'.",
        "zh": "没有文件与“{query}”匹配。",
    },
    "search.total": {
        "en": "{total} document(s) match '{query}'; showing {shown}.",
        "zh": "共 {total} 个文件与“{query}”匹配，显示 {shown} 个。",
    },
    "search.total_upper": {
        "en": "At most {total} document(s) match '{query}'; showing {shown} (the rest were not read one by one).",
        "zh": "最多 {total} 个文件与“{query}”匹配，显示 {shown} 个（其余未逐一核对）。",
    },
    "search.meta": {
        "en": "{department} · {category} · {years}",
        "zh": "{department} · {category} · {years}",
    },
}
