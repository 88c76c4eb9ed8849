"""Words of the site's search box (rendered into the page; the browser shows them)."""

MESSAGES = {
    "sitesearch.ui.placeholder": {"en": "Search all documents", "zh": "全文搜索"},
    "sitesearch.ui.label": {"en": "Search the archive", "zh": "搜索档案"},
    "sitesearch.ui.all_departments": {"en": "All departments", "zh": "全部单位"},
    "sitesearch.ui.all_categories": {"en": "All categories", "zh": "全部类别"},
    "sitesearch.ui.all_years": {"en": "All years", "zh": "全部年度"},
    "sitesearch.ui.loading": {"en": "Searching…", "zh": "正在搜索…"},
    "sitesearch.ui.no_results": {
        "en": "No document contains all of these words. Try fewer words or clear the filters.",
        "zh": "没有同时包含这些词的文件。请减少词语或清除筛选条件。",
    },
    "sitesearch.ui.count": {"en": "{n} documents", "zh": "共 {n} 份文件"},
    "sitesearch.ui.count_upper": {
        "en": "Up to {n} documents (checked as you scroll)",
        "zh": "最多 {n} 份文件（逐页核对）",
    },
    "sitesearch.ui.more": {"en": "More results", "zh": "更多结果"},
    "sitesearch.ui.suggest": {"en": "Did you mean:", "zh": "您是不是要找："},
    "sitesearch.ui.need_term": {
        "en": "Type a word to look for. Put a phrase in \"quotes\"; put - before a word to exclude it.",
        "zh": "请输入要查找的词。用 \"引号\" 查找整句；在词前加 - 排除该词。",
    },
    "sitesearch.ui.load_failed": {
        "en": "The search files could not be read. Open the site from its folder with all files unzipped.",
        "zh": "无法读取搜索文件。请先完整解压，再从网站文件夹中打开。",
    },
    "sitesearch.ui.close": {"en": "Close", "zh": "关闭"},
}
