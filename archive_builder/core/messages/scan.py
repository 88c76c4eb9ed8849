"""Messages the scanner gives clerks about their files."""

MESSAGES = {
    "scan.not_in_category_folder": {
        "en": "the file is not inside a department and category folder.",
        "zh": "文件没有放在“单位/类别”文件夹中。",
    },
    "scan.not_in_category_folder.hint": {
        "en": "Move it to content/<department>/<category>/, e.g. content/县财政局/保障机制/.",
        "zh": "请移到 content/单位/类别/ 下，例如 content/县财政局/保障机制/。",
    },
    "scan.unknown_department_folder": {
        "en": "'{folder}' is not a known department, so nothing in this folder was read.",
        "zh": "“{folder}”不是已登记的单位，此文件夹中的文件都没有读取。",
    },
    "scan.unknown_department_folder.hint": {
        "en": "Rename the folder to a department name, alias or id (closest: {suggestions}), or add the department to site_config/archive.yml.",
        "zh": "请把文件夹改名为单位全称、简称或编号（最接近的：{suggestions}），或在 site_config/archive.yml 中登记该单位。",
    },
    "scan.unknown_category_folder": {
        "en": "'{folder}' is not one of the six archive categories, so nothing in this folder was read.",
        "zh": "“{folder}”不是六类档案之一，此文件夹中的文件都没有读取。",
    },
    "scan.unknown_category_folder.hint": {
        "en": "Rename the folder to a category (closest: {suggestions}).",
        "zh": "请把文件夹改名为档案类别（最接近的：{suggestions}）。",
    },
    "scan.unsupported_type": {
        "en": "files of type .{ext} are not supported; the file was skipped.",
        "zh": "不支持 .{ext} 类型的文件，已跳过。",
    },
    "scan.unsupported_type.hint": {
        "en": "Save it as PDF, Word (.docx), Excel (.xlsx), CSV, text, Markdown or an image (JPG, PNG, TIF).",
        "zh": "请另存为 PDF、Word（.docx）、Excel（.xlsx）、CSV、文本、Markdown 或图片（JPG、PNG、TIF）。",
    },
    "scan.data_not_table": {
        "en": "content/data/ holds tables only; this .{ext} file was skipped.",
        "zh": "content/data/ 只放数据表，这个 .{ext} 文件已跳过。",
    },
    "scan.data_not_table.hint": {
        "en": "Put tables here as CSV or Excel; file documents under content/<department>/<category>/.",
        "zh": "数据表请存为 CSV 或 Excel；其他材料请放到 content/单位/类别/ 下。",
    },
    "scan.zero_bytes": {
        "en": "the file is empty (0 bytes).",
        "zh": "文件是空的（0 字节）。",
    },
    "scan.zero_bytes.hint": {
        "en": "Copy the file again from its source; the copy was probably interrupted.",
        "zh": "请从原处重新复制该文件，可能是复制中断了。",
    },
    "scan.unreadable": {
        "en": "the file cannot be read ({detail}).",
        "zh": "无法读取文件（{detail}）。",
    },
    "scan.unreadable.hint": {
        "en": "Check that the file is not open in another program and that you may read it.",
        "zh": "请确认文件没有被其他程序占用，并且有读取权限。",
    },
    "scan.undecodable": {
        "en": "the text is not in an encoding the tool can read (UTF-8, GBK, GB18030, Big5).",
        "zh": "文本编码无法识别（支持 UTF-8、GBK、GB18030、Big5）。",
    },
    "scan.undecodable.hint": {
        "en": "Open it in Notepad and save it again as UTF-8, or check it is really a text file.",
        "zh": "请用记事本打开后另存为 UTF-8，或确认它确实是文本文件。",
    },
    "scan.bad_frontmatter": {
        "en": "the metadata block at the top (between the --- lines) is not valid YAML near line {line}; the file was skipped.",
        "zh": "文件开头的元数据（两行 --- 之间）在第 {line} 行附近格式有误，已跳过该文件。",
    },
    "scan.bad_frontmatter.hint": {
        "en": "Write one 'key: value' per line with a space after the colon, e.g. 'title: 2016年教育经费报告'.",
        "zh": "每行写一项“键: 值”，冒号后加空格，例如“标题: 2016年教育经费报告”。",
    },
    "scan.frontmatter_not_mapping": {
        "en": "the metadata block at the top is not a list of 'key: value' lines; the file was skipped.",
        "zh": "文件开头的元数据不是“键: 值”格式，已跳过该文件。",
    },
    "scan.frontmatter_not_mapping.hint": {
        "en": "Write one 'key: value' per line between the --- lines.",
        "zh": "请在两行 --- 之间每行写一项“键: 值”。",
    },
    "scan.bad_meta_file": {
        "en": "this folder-defaults file is not valid YAML near line {line}; its defaults were not applied.",
        "zh": "该文件夹默认信息文件在第 {line} 行附近格式有误，其中的默认值没有生效。",
    },
    "scan.bad_meta_file.hint": {
        "en": "Write one 'key: value' per line, e.g. 'department: 县财政局'.",
        "zh": "每行写一项“键: 值”，例如“单位: 县财政局”。",
    },
    "scan.bad_sidecar": {
        "en": "this metadata file is not valid YAML near line {line}.",
        "zh": "该元数据文件在第 {line} 行附近格式有误。",
    },
    "scan.bad_sidecar.hint": {
        "en": "Write one 'key: value' per line, e.g. 'year: 2016'.",
        "zh": "每行写一项“键: 值”，例如“年度: 2016”。",
    },
    "scan.skipped_for_sidecar": {
        "en": "skipped because its metadata file {sidecar} cannot be read.",
        "zh": "由于其元数据文件 {sidecar} 无法读取，已跳过。",
    },
    "scan.skipped_for_sidecar.hint": {
        "en": "Fix {sidecar} (see its own message), then scan again.",
        "zh": "请先修正 {sidecar}（见其提示），再重新检查。",
    },
    "scan.no_year": {
        "en": "no year found for this file (not in its metadata, folder, file name, date or 文号).",
        "zh": "找不到该文件的年度（元数据、文件夹、文件名、日期和文号中都没有）。",
    },
    "scan.no_year.hint": {
        "en": "Put it in a year folder (e.g. 2016/), start its name with the year (2016-…), or add 'year: 2016' to its metadata.",
        "zh": "请放进年度文件夹（如 2016/），或让文件名以年份开头（2016-…），或在元数据中写“年度: 2016”。",
    },
    "scan.bad_year": {
        "en": "the year '{value}' (from {source}) cannot be read; the file was skipped.",
        "zh": "年度“{value}”（来自 {source}）无法识别，已跳过该文件。",
    },
    "scan.bad_year.hint": {
        "en": "Write a year like 2016, a school year like 2015-2016, or a list like [2015, 2016].",
        "zh": "请写成 2016、学年 2015-2016，或列表 [2015, 2016]。",
    },
    "scan.year_conflict": {
        "en": "the year folder says {folder} but {source} says {value}; {value} is used.",
        "zh": "年度文件夹是 {folder}，但 {source} 写的是 {value}；以 {value} 为准。",
    },
    "scan.year_conflict.hint": {
        "en": "Move the file to the right year folder or correct the year in its metadata.",
        "zh": "请把文件移到正确的年度文件夹，或改正元数据中的年度。",
    },
    "scan.folder_conflict": {
        "en": "the folder says {key} '{folder}' but {source} says '{value}'; '{value}' is used.",
        "zh": "文件夹表明{key}为“{folder}”，但 {source} 写的是“{value}”；以“{value}”为准。",
    },
    "scan.folder_conflict.hint": {
        "en": "Move the file to the matching folder or correct its metadata.",
        "zh": "请把文件移到相应的文件夹，或改正元数据。",
    },
    "scan.meta_department_unknown": {
        "en": "the department '{value}' in the metadata is not known; the folder's '{folder}' is used.",
        "zh": "元数据中的单位“{value}”未登记；按文件夹的“{folder}”处理。",
    },
    "scan.meta_department_unknown.hint": {
        "en": "Use a department name, alias or id from the registry, or remove the line.",
        "zh": "请使用已登记的单位全称、简称或编号，或删去这一行。",
    },
    "scan.meta_category_unknown": {
        "en": "the category '{value}' in the metadata is not known; the folder's '{folder}' is used.",
        "zh": "元数据中的类别“{value}”不是六类档案之一；按文件夹的“{folder}”处理。",
    },
    "scan.meta_category_unknown.hint": {
        "en": "Use one of 发展规划, 保障机制, 学校标准化建设, 教师队伍建设, 规范办学行为, 教育教学水平.",
        "zh": "请使用：发展规划、保障机制、学校标准化建设、教师队伍建设、规范办学行为、教育教学水平。",
    },
    "scan.bad_classification": {
        "en": "the classification '{value}' is not one of 公开, 内部, 秘密, 机密, 绝密; the file is withheld until it is fixed.",
        "zh": "密级“{value}”不是 公开、内部、秘密、机密、绝密 之一；改正前该文件不会公开。",
    },
    "scan.bad_classification.hint": {
        "en": "Write the classification exactly, e.g. '密级: 内部'.",
        "zh": "请准确填写密级，例如“密级: 内部”。",
    },
    "scan.bad_date": {
        "en": "the date '{value}' cannot be read and is ignored.",
        "zh": "日期“{value}”无法识别，已忽略。",
    },
    "scan.bad_date.hint": {
        "en": "Write it as 2017-02-27 or 2017年2月27日.",
        "zh": "请写成 2017-02-27 或 2017年2月27日。",
    },
    "scan.bad_retention": {
        "en": "the retention period '{value}' is not 永久, 30年 or 10年 and is ignored.",
        "zh": "保管期限“{value}”不是 永久、30年 或 10年，已忽略。",
    },
    "scan.bad_retention.hint": {
        "en": "Write 永久, 30年 or 10年.",
        "zh": "请填写 永久、30年 或 10年。",
    },
    "scan.bad_pages": {
        "en": "the page count '{value}' is not a positive number and is ignored.",
        "zh": "页数“{value}”不是正整数，已忽略。",
    },
    "scan.bad_pages.hint": {
        "en": "Write a number such as 'pages: 12'.",
        "zh": "请填写数字，例如“页数: 12”。",
    },
    "scan.bad_list": {
        "en": "'{key}' should be a word or a list of words; it is ignored.",
        "zh": "“{key}”应为一个词或词的列表，已忽略。",
    },
    "scan.bad_list.hint": {
        "en": "Write it like '{key}: [a, b]'.",
        "zh": "请写成“{key}: [甲, 乙]”。",
    },
    "scan.unknown_key": {
        "en": "the metadata key '{key}' (in {source}) is not known and is kept only as extra information.",
        "zh": "元数据中的“{key}”（在 {source} 中）不是已知项，仅作为附加信息保留。",
    },
    "scan.unknown_key.hint": {
        "en": "Known keys: title/标题, department/单位, author/责任者, category/类别, year/年度, date/日期, doc_no/文号, school/学校, checklist/清单, classification/密级, retention/保管期限, tags/标签, pages/页数.",
        "zh": "可用的键：标题、单位、责任者、类别、年度、日期、文号、学校、清单、密级、保管期限、标签、页数（也可用英文）。",
    },
    "scan.broken_pdf": {
        "en": "the PDF cannot be opened ({detail}).",
        "zh": "PDF 文件无法打开（{detail}）。",
    },
    "scan.broken_pdf.hint": {
        "en": "Open it in a PDF reader; if it fails there too, export or scan it again.",
        "zh": "请用 PDF 阅读器打开试试；若同样打不开，请重新导出或扫描。",
    },
    "scan.encrypted_pdf": {
        "en": "the PDF is protected by a password.",
        "zh": "PDF 文件设置了密码。",
    },
    "scan.encrypted_pdf.hint": {
        "en": "Save a copy without the password (print to PDF) and file that instead.",
        "zh": "请另存一份无密码的副本（如“打印为 PDF”）后归档。",
    },
    "scan.broken_docx": {
        "en": "the Word file cannot be opened ({detail}).",
        "zh": "Word 文件无法打开（{detail}）。",
    },
    "scan.broken_docx.hint": {
        "en": "Open it in Word or WPS and save it again as .docx.",
        "zh": "请用 Word 或 WPS 打开后重新另存为 .docx。",
    },
    "scan.broken_xlsx": {
        "en": "the Excel file cannot be opened ({detail}).",
        "zh": "Excel 文件无法打开（{detail}）。",
    },
    "scan.broken_xlsx.hint": {
        "en": "Open it in Excel or WPS and save it again as .xlsx.",
        "zh": "请用 Excel 或 WPS 打开后重新另存为 .xlsx。",
    },
    "scan.broken_xls": {
        "en": "the Excel 97-2003 file cannot be opened ({detail}).",
        "zh": "Excel 97-2003 文件无法打开（{detail}）。",
    },
    "scan.broken_xls.hint": {
        "en": "Open it in Excel or WPS and save it as .xlsx.",
        "zh": "请用 Excel 或 WPS 打开后另存为 .xlsx。",
    },
    "scan.broken_doc": {
        "en": "the Word 97-2003 file cannot be opened ({detail}).",
        "zh": "Word 97-2003 文件无法打开（{detail}）。",
    },
    "scan.broken_doc.hint": {
        "en": "Open it in Word or WPS and save it as .docx.",
        "zh": "请用 Word 或 WPS 打开后另存为 .docx。",
    },
    "scan.doc_is_docx": {
        "en": "the file is named .doc but is really a .docx.",
        "zh": "文件扩展名是 .doc，但实际是 .docx 格式。",
    },
    "scan.doc_is_docx.hint": {
        "en": "Rename it to end in .docx.",
        "zh": "请把扩展名改为 .docx。",
    },
    "scan.broken_image": {
        "en": "the image cannot be read ({detail}).",
        "zh": "图片无法读取（{detail}）。",
    },
    "scan.broken_image.hint": {
        "en": "Check the extension matches the picture format, or save the picture again.",
        "zh": "请确认扩展名与图片格式一致，或重新保存图片。",
    },
    "scan.symlink_outside": {
        "en": "this link points outside content/ ({target}) and was refused.",
        "zh": "该快捷链接指向 content/ 以外（{target}），已拒绝读取。",
    },
    "scan.symlink_outside.hint": {
        "en": "Copy the real file into the archive instead of linking to it.",
        "zh": "请把实际文件复制进档案，而不是使用链接。",
    },
    "scan.symlink_folder": {
        "en": "this folder is a link to another folder inside content/ and was skipped so nothing is counted twice.",
        "zh": "该文件夹是指向 content/ 内另一文件夹的链接，为避免重复已跳过。",
    },
    "scan.symlink_folder.hint": {
        "en": "Remove the link; the files are read from their real folder.",
        "zh": "请删除该链接，文件会从其实际所在文件夹读取。",
    },
    "scan.bad_name_encoding": {
        "en": "the name is not valid UTF-8 (shown here as read in GBK) and was skipped.",
        "zh": "文件名编码不是 UTF-8（此处按 GBK 显示），已跳过。",
    },
    "scan.bad_name_encoding.hint": {
        "en": "Rename the file or folder; zips made on Chinese Windows keep GBK names — unpack them with a tool that converts names.",
        "zh": "请重命名该文件或文件夹；中文 Windows 打包的 zip 使用 GBK 文件名，请用能转换文件名的工具解压。",
    },
    "scan.duplicate": {
        "en": "the same file is also filed as {others}.",
        "zh": "同一文件还归档在：{others}。",
    },
    "scan.duplicate.hint": {
        "en": "Keep one copy and name the other places in its 'checklist' metadata instead.",
        "zh": "请只保留一份，其他用途可在其“清单”元数据中注明。",
    },
}

MESSAGES.update({
    "scan.summary": {
        "en": "{documents} documents, {tables} data tables; {errors} errors, {warnings} warnings.",
        "zh": "共 {documents} 份材料、{tables} 个数据表；错误 {errors} 个，警告 {warnings} 个。",
    },
})

MESSAGES.update({
    "scan.outside_assessment_years": {
        "en": "the file is for {years}, outside the assessment years {first}–{last}.",
        "zh": "该材料的年度为 {years}，不在评估年度 {first}—{last} 之内。",
    },
    "scan.outside_assessment_years.hint": {
        "en": "Check the year; evidence from before {first} counts only if the checklist asks for it.",
        "zh": "请核对年度；{first} 年以前的材料只有清单要求时才计入。",
    },
    "scan.date_outside_assessment": {
        "en": "the date {date} is outside the assessment years {first}–{last}.",
        "zh": "日期 {date} 不在评估年度 {first}—{last} 之内。",
    },
    "scan.date_outside_assessment.hint": {
        "en": "Check the date in the metadata against the document itself.",
        "zh": "请对照原件核对元数据中的日期。",
    },
    "scan.years_disagree": {
        "en": "the years disagree: {claims}.",
        "zh": "年度不一致：{claims}。",
    },
    "scan.years_disagree.hint": {
        "en": "Make the file name, the 'year' metadata and the 文号 agree, or correct the one that is wrong.",
        "zh": "请使文件名、元数据“年度”和文号中的年份一致，或改正错误的一处。",
    },
    "scan.pages_mismatch": {
        "en": "the metadata says {stated} pages but the file has {counted}.",
        "zh": "元数据写明 {stated} 页，但文件实际有 {counted} 页。",
    },
    "scan.pages_mismatch.hint": {
        "en": "Correct 'pages' (页数) in the metadata, or check that the whole document was scanned.",
        "zh": "请改正元数据中的“页数”，或检查原件是否扫描完整。",
    },
})

MESSAGES.update({
    "scan.withheld": {
        "en": "withheld: {path} ({reason}) — counted as evidence, never published in the site, index or zip.",
        "zh": "不公开：{path}（{reason}）——计入佐证材料，但不会出现在网站、检索和压缩包中。",
    },
    "scan.internal": {
        "en": "internal: {path} — published only with --include-internal.",
        "zh": "内部：{path}——只有使用 --include-internal 时才公开。",
    },
    "scan.personal_numbers": {
        "en": "personal data: {path} holds {count} ID, phone or bank card numbers; they are masked in every output.",
        "zh": "个人信息：{path} 含 {count} 个身份证号、手机号或银行卡号，所有输出中均已遮盖。",
    },
    "scan.needs_ocr": {
        "en": "needs OCR: {path} has no text layer and was not recognised; it is held for review (run without --no-ocr).",
        "zh": "需要文字识别：{path} 没有文字层且未经识别，暂不公开（请不带 --no-ocr 运行）。",
    },
})
