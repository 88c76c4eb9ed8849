"""Messages of the built site (page labels) and of the build and serve commands."""

from archive_builder.core.messages.check import STATUS_WORDS

MESSAGES = {
    # --- navigation and page titles ---------------------------------------------------------
    "site.nav.home": {"en": "Home", "zh": "首页"},
    "site.nav.categories": {"en": "Categories", "zh": "类别"},
    "site.nav.departments": {"en": "Departments", "zh": "部门"},
    "site.nav.years": {"en": "Years", "zh": "年度"},
    "site.nav.schools": {"en": "Schools", "zh": "学校"},
    "site.nav.items": {"en": "Checklist", "zh": "检查清单"},
    "site.nav.problems": {"en": "Problems", "zh": "问题文件"},
    "site.nav.data": {"en": "Data tables", "zh": "数据表"},
    "site.nav.overview": {"en": "Overview", "zh": "总览"},
    "site.year_title": {"en": "{year}", "zh": "{year}年"},
    "site.page_of": {"en": "page {page} of {pages}", "zh": "第 {page} 页，共 {pages} 页"},
    "site.listing.items": {"en": "Checklist items", "zh": "检查清单条目"},
    "site.listing.documents": {"en": "Documents filed", "zh": "已归档材料"},
    "site.previous": {"en": "previous page", "zh": "上一页"},
    "site.next": {"en": "next page", "zh": "下一页"},
    # --- home page ---------------------------------------------------------------------------
    "site.home.dashboard": {"en": "Completeness", "zh": "完成情况"},
    "site.home.overall": {
        "en": "{share} of the required evidence is filed ({filled} of {total} slots); {complete} items complete, {partial} partial, {missing} missing.",
        "zh": "必备材料已归档 {share}（{filled}/{total} 项次）；清单条目完整 {complete} 项、部分缺失 {partial} 项、缺失 {missing} 项。",
    },
    "site.home.no_check": {
        "en": "No checklists yet: add checklist files under checklists/ to see what is missing.",
        "zh": "尚无检查清单：在 checklists/ 中加入清单文件后，这里会显示缺少哪些材料。",
    },
    "site.home.matrix": {"en": "Department × category", "zh": "部门 × 类别"},
    "site.home.gaps": {"en": "Gaps", "zh": "缺口"},
    "site.home.no_gaps": {"en": "No gaps: every checklist item is complete.", "zh": "没有缺口：所有清单条目均已完整。"},
    "site.home.counts": {
        "en": "{documents} documents in {departments} departments; {problems} files with problems; {withheld} withheld (classified).",
        "zh": "共 {documents} 份文件，涉及 {departments} 个部门；{problems} 个文件有问题；{withheld} 份涉密文件未上网。",
    },
    "site.home.howto": {"en": "How to use this site", "zh": "使用说明"},
    "site.home.howto_text": {
        "en": "Browse by the tabs at the top: category, department, year, school and checklist item. Each document page shows its metadata, its text and a link to the original file. The search box finds Chinese words and phrases in every document's text. The site works without a network, also opened from a zip.",
        "zh": "通过页面顶部的标签按类别、部门、年度、学校和检查清单条目浏览。每份文件的页面显示其著录信息、正文，以及原件的链接。搜索框可检索所有文件正文中的中文词语和短语。本网站无需联网，解压后直接打开即可使用。",
    },
    "site.home.legend": {
        "en": "Colours: green complete, amber partial, red missing, grey no checklist item.",
        "zh": "颜色：绿色为完整，黄色为部分缺失，红色为缺失，灰色为无清单条目。",
    },
    # --- statuses -----------------------------------------------------------------------------
    # the words of the one vocabulary (catalogue/check.py STATUS_WORDS)
    **{f"site.status.{key}": words for key, words in STATUS_WORDS.items()},
    "site.status.none": {"en": "no items", "zh": "无条目"},
    # --- document listings and document pages ---------------------------------------------------
    "site.col.title": {"en": "Title", "zh": "题名"},
    "site.col.doc_no": {"en": "Document no.", "zh": "文号"},
    "site.col.author": {"en": "Author", "zh": "责任者"},
    "site.col.date": {"en": "Date", "zh": "日期"},
    "site.col.department": {"en": "Department", "zh": "部门"},
    "site.col.category": {"en": "Category", "zh": "类别"},
    "site.col.years": {"en": "Years", "zh": "年度"},
    "site.col.school": {"en": "School", "zh": "学校"},
    "site.col.retention": {"en": "Retention", "zh": "保管期限"},
    "site.col.pages": {"en": "Pages", "zh": "页数"},
    "site.col.checksum": {"en": "SHA-256", "zh": "校验值 (SHA-256)"},
    "site.col.archive_no": {"en": "Archive no.", "zh": "档号"},
    "site.col.classification": {"en": "Classification", "zh": "密级"},
    "site.col.source": {"en": "Source file", "zh": "来源文件"},
    "site.col.items": {"en": "Checklist items", "zh": "对应清单条目"},
    "site.col.status": {"en": "Status", "zh": "状态"},
    "site.col.filled": {"en": "Filled", "zh": "已归档"},
    "site.col.item": {"en": "Item", "zh": "条目"},
    "site.col.missing": {"en": "Missing", "zh": "缺少"},
    "site.col.path": {"en": "File", "zh": "文件"},
    "site.col.problem": {"en": "Problem", "zh": "问题"},
    "site.col.hint": {"en": "How to fix", "zh": "处理办法"},
    "site.col.severity": {"en": "Severity", "zh": "级别"},
    "site.col.documents": {"en": "Documents", "zh": "文件数"},
    "site.col.level": {"en": "Level", "zh": "学段"},
    "site.col.township": {"en": "Township", "zh": "乡镇"},
    "site.original_kept": {
        "en": "The original file holds personal numbers and is not published; its text is shown below with them masked.",
        "zh": "原件含有个人号码，未上网发布；下方显示的文字已遮蔽这些号码。",
    },
    "site.original_active": {
        "en": "The original file holds scripts or actions that would run when it is opened, so it is not attached; "
              "its text is shown below.",
        "zh": "原件含有打开时会运行的脚本或动作，因此未附原件；下方显示其文字。",
    },
    "site.body": {"en": "Content", "zh": "正文"},
    "site.extracted": {"en": "Text of the file", "zh": "文件文字"},
    "site.truncated": {
        "en": "The text is shortened here; the original file has all of it.",
        "zh": "此处仅显示部分文字，完整内容请查看原件。",
    },
    "site.rows_truncated": {
        "en": "Showing the first {shown} of {total} rows; the original file has all of them.",
        "zh": "仅显示前 {shown} 行（共 {total} 行），完整内容请查看原件。",
    },
    "site.no_text": {
        "en": "No text could be read from this file (a scan without OCR?). Open the original.",
        "zh": "未能从此文件读取文字（可能是未识别的扫描件），请打开原件查看。",
    },
    "site.no_preview": {"en": "This file type cannot be shown in the browser; open the original.", "zh": "浏览器无法直接显示此类文件，请打开原件。"},
    "site.no_documents": {"en": "No documents.", "zh": "暂无文件。"},
    "site.third_party_intro": {
        "en": ("Third-party code in this site, with its version and licence. Everything else in the site was "
               "written by archive-builder from the archive's own files; nothing is loaded from the network."),
        "zh": ("本站包含的第三方代码及其版本和许可证如下。其余内容均由 archive-builder 根据档案文件生成，"
               "不从网络加载任何内容。"),
    },
    "site.sheet": {"en": "Sheet {name}", "zh": "工作表 {name}"},
    "site.masked": {"en": "{count} personal numbers are masked on this page.", "zh": "本页已遮蔽 {count} 处个人号码。"},
    # --- checklist item pages -------------------------------------------------------------------
    "site.item.basis": {"en": "Basis", "zh": "依据"},
    "site.item.slots": {"en": "{filled} of {total} slots filled", "zh": "已归档 {filled}/{total} 项次"},
    "site.item.evidence": {"en": "Evidence", "zh": "佐证材料"},
    "site.item.no_evidence": {"en": "No evidence filed yet.", "zh": "尚未归档佐证材料。"},
    "site.item.withheld.classified": {"en": "(classified document, not published)", "zh": "（涉密文件，未上网）"},
    "site.item.withheld.internal": {"en": "(internal document, not published)", "zh": "（内部文件，未上网）"},
    "site.item.withheld.held": {"en": "(document held for review, not published)", "zh": "（待复核文件，未上网）"},
    "site.item.missing_years": {"en": "Missing years", "zh": "缺少年度"},
    "site.item.missing_schools": {"en": "Missing schools", "zh": "缺少学校"},
    "site.item.severity.required": {"en": "required", "zh": "必备"},
    "site.item.severity.recommended": {"en": "recommended", "zh": "建议"},
    # --- problems page ------------------------------------------------------------------------------
    "site.problems.intro": {
        "en": "These files were skipped or need attention. Fix them in content/ and build again.",
        "zh": "以下文件被跳过或需要处理。请在 content/ 中修正后重新生成网站。",
    },
    "site.problems.none": {"en": "No problems found.", "zh": "未发现问题。"},
    "site.problems.unread_file": {"en": "{folder}: 1 file to be reviewed", "zh": "{folder}：1 个文件待复核"},
    "site.problems.unread_file_top": {"en": "1 file to be reviewed", "zh": "1 个文件待复核"},
    "site.withheld_file.classified": {"en": "(classified file {ref})", "zh": "（涉密文件 {ref}）"},
    "site.withheld_file.internal": {"en": "(internal file {ref})", "zh": "（内部文件 {ref}）"},
    # --- problems raised while rendering --------------------------------------------------------------
    "render.convert_failed": {
        "en": "the file could not be shown on the site ({detail}); the original is still linked.",
        "zh": "文件无法在网站中显示（{detail}），原件仍可下载。",
    },
    "render.convert_failed.hint": {
        "en": "Open the file and save it again (as DOCX, XLSX or PDF), then build again.",
        "zh": "请打开该文件重新保存（DOCX、XLSX 或 PDF 格式），然后重新生成网站。",
    },
    "render.withheld": {
        "en": "withheld from the site: {reason}.",
        "zh": "未发布到网站：{reason}。",
    },
    "render.withheld.hint": {
        "en": "Nothing to do if the document is classified; otherwise correct its classification metadata.",
        "zh": "如确属涉密文件，无需处理；否则请更正其密级信息。",
    },
    "render.reason.secret": {"en": "classified {level}", "zh": "密级为{level}"},
    "render.reason.mark": {"en": "its text carries the mark {mark}", "zh": "正文带有密级标志 {mark}"},
    "render.reason.internal": {
        "en": "internal document (build with --include-internal to publish it)",
        "zh": "内部文件（加 --include-internal 才发布）",
    },
    # --- build and serve commands ---------------------------------------------------------------------
    "build.stage.scan": {"en": "Scanning content/", "zh": "扫描 content/"},
    "build.stage.check": {"en": "Checking completeness", "zh": "核对完成情况"},
    "build.stage.render": {"en": "Writing pages", "zh": "生成页面"},
    "build.stage.site": {"en": "Building the site", "zh": "构建网站"},
    "build.stage.search": {"en": "Indexing for search", "zh": "建立搜索索引"},
    "build.stage.zip": {"en": "Writing the zip", "zh": "打包 zip"},
    "build.summary": {
        "en": "Built {output}: {documents} documents, {pages} pages, {problems} problems, {withheld} withheld, in {seconds:.1f} s.",
        "zh": "已生成 {output}：{documents} 份文件，{pages} 个页面，{problems} 个问题，{withheld} 份未发布，用时 {seconds:.1f} 秒。",
    },
    "build.zip_written": {"en": "Zip written: {zip}", "zh": "已写入 zip：{zip}"},
    "build.strict_failed": {
        "en": "--strict: {count} problems found; the site was not built (the previous one is unchanged). Fix them or build without --strict.",
        "zh": "--strict：发现 {count} 个问题，未生成网站（原网站保持不变）。请修正问题，或去掉 --strict 再生成。",
    },
    "build.mkdocs_failed": {
        "en": "The site could not be built: {detail}. The previous site is unchanged.",
        "zh": "网站生成失败：{detail}。原网站保持不变。",
    },
    "build.body_missing": {
        "en": "The site could not be built: the body {key} of the page {page} is missing from the build cache. Build again; the previous site is unchanged.",
        "zh": "网站生成失败：页面 {page} 的正文 {key} 不在生成缓存中。请重新生成；原网站保持不变。",
    },
    "build.placeholder_missing": {
        "en": "The site could not be built: the page {page} as the site generator wrote it does not hold the body placeholders of its Markdown page (does the generator's configuration drop HTML comments?). The previous site is unchanged.",
        "zh": "网站生成失败：网站生成器写出的页面 {page} 与其 Markdown 页面的正文占位标记不一致（生成器的配置是否删除了 HTML 注释？）。原网站保持不变。",
    },
    "build.bad_mkdocs_yml": {
        "en": "{file}: cannot read it ({detail}). Fix the file or remove it to use the defaults.",
        "zh": "{file}：无法读取（{detail}）。请修正该文件，或删除它以使用默认设置。",
    },
    "build.output_inside_content": {
        "en": "The output folder {output} is inside content/; choose another folder (content/ holds the clerks' files only).",
        "zh": "输出文件夹 {output} 位于 content/ 中，请另选文件夹（content/ 只存放归档文件）。",
    },
    "build.output_holds_archive": {
        "en": "The output folder {output} is the archive folder or holds it: the site would replace the archive. Choose another folder for --output, e.g. site/.",
        "zh": "输出文件夹 {output} 是档案文件夹本身或包含档案文件夹，生成网站会替换整个档案。请为 --output 另选文件夹，例如 site/。",
    },
    "build.output_not_a_site": {
        "en": "The output folder {output} holds files that are not a site built by archive-builder (it has no manifest.json); a build would delete them. Choose a new or empty folder for --output.",
        "zh": "输出文件夹 {output} 中已有文件，且不是 archive-builder 生成的网站（没有 manifest.json），生成网站会删除它们。请为 --output 指定一个新的或空的文件夹。",
    },
    "build.file_inside_archive": {
        "en": "{output} is one of the archive's own files or lies in content/, checklists/ or site_config/: writing there would overwrite it. Write the file elsewhere, e.g. in a reports/ folder beside content/.",
        "zh": "{output} 是档案本身的文件，或位于 content/、checklists/、site_config/ 中，写入会覆盖原有文件。请写到其他位置，例如与 content/ 并列的 reports/ 文件夹。",
    },
    "serve.url": {"en": "Serving {site} at {url} (Ctrl+C to stop)", "zh": "正在 {url} 预览 {site}（按 Ctrl+C 停止）"},
    "serve.watching": {"en": "Watching content/ for changes.", "zh": "正在监视 content/ 的变化。"},
    "serve.rebuilt": {"en": "Rebuilt after a change: {summary}", "zh": "检测到变化，已重新生成：{summary}"},
    "serve.rebuild_failed": {"en": "Rebuild failed: {detail}", "zh": "重新生成失败：{detail}"},
    "serve.building": {"en": "No site yet; building it first.", "zh": "尚未生成网站，先生成。"},
}

MESSAGES.update({
    "site.needs_ocr": {
        "en": "This is a scan without a text layer: its text below was read by text recognition (OCR) and may contain misreadings.",
        "zh": "这是没有文字层的扫描件：下方文字由文字识别（OCR）得出，可能有个别识别错误。",
    },
    "site.nav.indicators": {"en": "Balance indicators", "zh": "均衡指标"},
    "site.nav.catalogue": {"en": "Catalogue", "zh": "归档文件目录"},
    "build.stage.indicators": {"en": "Computing balance indicators", "zh": "计算均衡指标"},
})

MESSAGES.update({
    "build.indicators_failed": {
        "en": "the balance indicators could not be computed: {detail}",
        "zh": "无法计算均衡指标：{detail}",
    },
    "build.indicators_failed.hint": {
        "en": "Run 'archive-builder indicators' to see which table or cell is wrong.",
        "zh": "请运行“archive-builder indicators”查看哪个表格或单元格有误。",
    },
})

MESSAGES.update({"site.chart": {"en": "chart", "zh": "图表"}})


MESSAGES.update({
    "site.item.figure": {"en": "Figure", "zh": "指标值"},
    "site.item.approved_by": {"en": "approved by", "zh": "批准人"},
})


# --- data tables by their Chinese names -----------------------------------------------------------------
MESSAGES.update({
    "site.table.school_stats": {"en": "School statistics", "zh": "学校办学条件统计表"},
    "site.table.classes": {"en": "Classes and class sizes", "zh": "班级与班额统计表"},
    "site.table.teacher_exchange": {"en": "Teacher exchange", "zh": "校长教师交流轮岗统计表"},
    "site.table.consolidation": {"en": "Consolidation rates", "zh": "巩固率统计表"},
    "site.table.satisfaction": {"en": "Public satisfaction survey", "zh": "群众满意度调查统计表"},
    "site.table.schools": {"en": "School registry", "zh": "学校名册"},
})

# --- an original's link names the file (over file:// browsers save it under its ASCII copy's name) --------
MESSAGES.update({
    "site.original_file": {"en": "Open the original: {name} ({size})", "zh": "打开原件：{name}（{size}）"},
})
