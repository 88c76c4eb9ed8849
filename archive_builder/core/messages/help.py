"""Command-line help: each command's description and each option's help, in both languages.

Keys are ``help.<command>`` and ``help.<command>.<parameter>`` (the Python parameter name);
the English text is the command's own docstring or ``help=`` (a test keeps them equal), and
``archive_builder.commands.clihelp`` shows the Chinese text when the language is Chinese.
"""

MESSAGES = {
    # Parts of every help page that click itself writes.
    "help.heading.usage": {"en": "Usage:", "zh": "用法："},
    "help.heading.options": {"en": "Options", "zh": "选项"},
    "help.heading.commands": {"en": "Commands", "zh": "命令"},
    "help.metavar.options": {"en": "[OPTIONS]", "zh": "[选项]"},
    "help.metavar.command": {"en": "COMMAND [ARGS]...", "zh": "命令 [参数]..."},
    "help.note.default": {"en": "default: {value}", "zh": "默认：{value}"},
    "help.note.required": {"en": "required", "zh": "必填"},
    "help.note.envvar": {"en": "env var: {name}", "zh": "环境变量：{name}"},
    "help.help_option": {"en": "Show this message and exit.", "zh": "显示本帮助并退出。"},
    # archive-builder
    "help.archive-builder": {
        "en": (
            "Build a complete, checked, searchable inspection archive.\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder --root demo-county scan\n"
            "  archive-builder check --format junit --output gaps.xml\n"
            "  archive-builder build --zip archive.zip"
        ),
        "zh": (
            "建立一套完整、经过核对、可以检索的督导评估迎检档案。\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder --root demo-county scan\n"
            "  archive-builder check --format junit --output gaps.xml\n"
            "  archive-builder build --zip archive.zip"
        ),
    },
    "help.archive-builder.version": {
        "en": "Show the version and exit.",
        "zh": "显示版本号并退出。",
    },
    "help.archive-builder.root": {
        "en": "The archive project folder (it holds content/ and checklists/).",
        "zh": "档案项目所在的文件夹（里面有 content/ 和 checklists/）。",
    },
    "help.archive-builder.lang": {
        "en": "Language of messages (default: ARCHIVE_BUILDER_LANG, then the locale).",
        "zh": "提示信息的语言：zh 为中文，en 为英文（不填时按 ARCHIVE_BUILDER_LANG 设置，再按系统语言）。",
    },
    # init
    "help.init": {
        "en": (
            "Create a ready archive project in DIRECTORY.\n"
            "\n"
            "It makes a folder for every department and category, copies the shipped checklists,\n"
            "adds a school registry template, the archive's configuration, a Chinese guide for clerks\n"
            "(使用说明.md) and CI examples. An existing archive is never overwritten.\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder init 测试县档案 --county 测试县\n"
            "  archive-builder --root 测试县档案 --lang zh check"
        ),
        "zh": (
            "在文件夹 DIRECTORY 中新建一套可以直接使用的档案项目。\n"
            "\n"
            "会为每个单位、每个类别建好文件夹，复制自带的检查清单，"
            "并放入学校名册模板、档案配置、给档案员的中文使用说明（使用说明.md）和持续集成（CI）示例。"
            "已有的档案绝不会被覆盖。\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder init 测试县档案 --county 测试县\n"
            "  archive-builder --root 测试县档案 --lang zh check"
        ),
    },
    "help.init.county": {
        "en": "The county's name, e.g. 示范县.",
        "zh": "县的名称，例如 示范县。",
    },
    "help.init.years": {
        "en": "Assessment years.",
        "zh": "评估年度。",
    },
    # scan
    "help.scan": {
        "en": (
            "List every document under content/ and every problem with a file.\n"
            "\n"
            "Scans without a text layer are read by text recognition (OCR) unless --no-ocr. A file whose text\n"
            "cannot be read is held for review: listed here with the fix, never published.\n"
            "\n"
            "Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict).\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder scan\n"
            "  archive-builder --root 示范县档案 scan --json > inventory.json"
        ),
        "zh": (
            "列出 content/ 文件夹里的每一份材料，以及每个有问题的文件。\n"
            "\n"
            "没有文字层的扫描件会做文字识别（OCR），加 --no-ocr 则跳过。读不出文字的文件列为“待审核”：在此列出处理办法，绝不发布。\n"
            "\n"
            "结束状态码：0 表示没有错误（可以有警告）；1 表示有错误（加 --strict 时有警告也算）。\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder scan\n"
            "  archive-builder --root 示范县档案 scan --json > inventory.json"
        ),
    },
    "help.scan.as_json": {
        "en": "Print the inventory as JSON.",
        "zh": "以 JSON 格式输出材料清单。",
    },
    "help.scan.strict": {
        "en": "Treat warnings as errors.",
        "zh": "把警告也当作错误。",
    },
    # check
    "help.check": {
        "en": (
            "Check the evidence, the targets and the files: what is missing, not met or unreadable, and whose job it is.\n"
            "\n"
            "Three kinds of result, each for what it is: evidence (documents filed per item, year and\n"
            "school: complete, partial, missing, waived), targets (figures of the statistics: met, not met,\n"
            "no data; years before a target is due are trend) and file problems (unreadable, held for\n"
            "review, unknown folder, no year ...).\n"
            "\n"
            "\b\n"
            "Exit status (the lowest that applies):\n"
            "  0  nothing named by --fail-on holds\n"
            "  1  a checklist, targets file or the configuration is invalid\n"
            "  2  a wrong option\n"
            "  3  missing:  a required item has no evidence at all\n"
            "  4  partial:  a required item lacks evidence for some years or schools\n"
            "  5  targets:  a target due in a judged year is not met or has no data\n"
            "  6  problems: a file could not be taken in (unreadable, unknown folder, no year, broken metadata)\n"
            "  7  held:     a file is held for review (its text could not vouch for it)\n"
            "  8  assessment: the assessment falls short of its pass mark\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder check\n"
            "  archive-builder check --department 财政局 --year 2016\n"
            "  archive-builder check --format junit --output gaps.xml --fail-on problems\n"
            "  archive-builder check --format xlsx --output 台账.xlsx --fail-on never"
        ),
        "zh": (
            "按年度、按学校逐项核对检查清单、指标目标和文件：缺什么、哪项未达标、哪些文件读不了。\n"
            "\n"
            "三类结果分开报告：佐证材料（每个条目按年度、学校归档的文件：完整、部分缺失、缺失、已豁免），\n"
            "指标目标（统计表算出的数值：达标、未达标、无数据；目标适用之前的年度仅作趋势），\n"
            "文件问题（无法读取、待人工审核、文件夹无法识别、缺少年度等）。\n"
            "\n"
            "\b\n"
            "结束状态码（取适用的最小值）：\n"
            "  0  --fail-on 所列情况都没有出现\n"
            "  1  检查清单、指标目标文件或配置写错\n"
            "  2  选项写错\n"
            "  3  missing：必备条目完全没有材料\n"
            "  4  partial：必备条目缺少部分年度或学校的材料\n"
            "  5  targets：评判年度的指标目标未达标或无数据\n"
            "  6  problems：有文件未能收录（无法读取、文件夹无法识别、缺少年度等）\n"
            "  7  held：有文件待人工审核\n"
            "  8  assessment：评估认定未达到通过标准\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder check\n"
            "  archive-builder check --department 财政局 --year 2016\n"
            "  archive-builder check --format junit --output gaps.xml --fail-on problems\n"
            "  archive-builder check --format xlsx --output 台账.xlsx --fail-on never"
        ),
    },
    "help.check.department": {
        "en": "Only this department's items (name, alias or id).",
        "zh": "只看这个单位的条目（填全称、简称或编号）。",
    },
    "help.check.category": {
        "en": "Only this category's items (name, alias or id).",
        "zh": "只看这个类别的条目（填名称、简称或编号）。",
    },
    "help.check.year": {
        "en": "Only this year's evidence and figures.",
        "zh": "只看这一年度的材料和指标数值。",
    },
    "help.check.fmt": {
        "en": "Report format.",
        "zh": "报告的格式。",
    },
    "help.check.output": {
        "en": "Write the report to FILE.",
        "zh": "把报告保存到文件 FILE。",
    },
    "help.check.fail_on": {
        "en": "What makes the check fail (repeat or separate by commas): missing (exit 3), partial (4), "
              "targets (5), problems (6), held (7), assessment (8), never. Default: missing,targets.",
        "zh": "哪些情况使检查失败（可重复使用本选项，或用逗号分隔）：missing（状态码 3）、partial（4）、"
              "targets（5）、problems（6）、held（7）、assessment（8）、never（从不失败）。默认：missing,targets。",
    },
    # build
    "help.build": {
        "en": (
            "Build the offline site: dashboard, pages per category, department, year, school and item.\n"
            "\n"
            "Files with problems are skipped and listed on the site's problems page; with --strict the\n"
            "build fails instead and the previous site stays as it was. Classified documents are never\n"
            "published, nor are files whose text could not be read (held for review; scans are read by OCR\n"
            "unless --no-ocr).\n"
            "\n"
            "The build prints the manifest's fingerprint and, with --zip, writes it beside the zip; with\n"
            "--sign-key the bureau's key signs the manifest. 'archive-builder verify' checks both.\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder build\n"
            "  archive-builder build --zip 迎检档案.zip\n"
            "  archive-builder build --zip 迎检档案.zip --sign-key 教育局签名.pem\n"
            "  archive-builder --root demo-county build --output /tmp/site --strict"
        ),
        "zh": (
            "生成可离线浏览的档案网站：总览页，以及按类别、单位、年度、学校和清单条目分的页面。\n"
            "\n"
            "有问题的文件会被跳过，并列在网站的“问题”页上；加 --strict 时改为停止生成，原来的网站保持不变。"
            "涉密材料一律不会发布，读不出文字的文件也不发布（列为待审核；扫描件会做文字识别，加 --no-ocr 则跳过）。\n"
            "\n"
            "生成时会显示网站清单的指纹，加 --zip 时还把指纹写在 zip 旁边；加 --sign-key 时用教育局自己的密钥"
            "给清单签名。“archive-builder verify”可以核对这两项。\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder build\n"
            "  archive-builder build --zip 迎检档案.zip\n"
            "  archive-builder build --zip 迎检档案.zip --sign-key 教育局签名.pem\n"
            "  archive-builder --root demo-county build --output /tmp/site --strict"
        ),
    },
    "help.build.output": {
        "en": "Folder of the built site (default: site/ in the archive).",
        "zh": "生成的网站放在哪个文件夹（不填时为档案文件夹里的 site/）。",
    },
    "help.build.zip_path": {
        "en": "Also write the site as a zip file for inspectors' laptops.",
        "zh": "另外把网站打包成一个 zip 文件，方便拷到检查组的电脑上。",
    },
    "help.build.strict": {
        "en": "Fail on any problem instead of listing it on the problems page.",
        "zh": "只要有问题就停止，而不是把问题列在“问题”页上。",
    },
    "help.build.include_internal": {
        "en": "Publish documents classified 内部 (internal) too.",
        "zh": "把标为“内部”的材料也发布出来。",
    },
    # serve
    "help.serve": {
        "en": (
            "Preview the site at http://127.0.0.1:PORT/ (builds it first if there is none).\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder serve\n"
            "  archive-builder serve --port 8080 --watch"
        ),
        "zh": (
            "在本机浏览器中预览档案网站，地址为 http://127.0.0.1:PORT/（还没有网站时先生成）。\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder serve\n"
            "  archive-builder serve --port 8080 --watch"
        ),
    },
    "help.serve.port": {
        "en": "Port on localhost.",
        "zh": "本机使用的端口号。",
    },
    "help.serve.watch": {
        "en": "Rebuild when files under content/ are added, changed or removed.",
        "zh": "content/ 里的文件有增加、修改或删除时，自动重新生成网站。",
    },
    # index
    "help.index": {
        "en": (
            "Extract the text of every document and bring the search index up to date.\n"
            "\n"
            "Only new and changed files are read and indexed; removed files leave the index.\n"
            "Documents classified 秘密/机密/绝密, and those held for review, are never indexed.\n"
            "Scans without a text layer are read by text recognition (OCR) unless --no-ocr.\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder index\n"
            "  archive-builder index --rebuild --include-internal"
        ),
        "zh": (
            "读取每份材料的文字内容，并更新全文检索索引。\n"
            "\n"
            "只读取新增和改动过的文件；已删除的文件会从索引中去掉。标为秘密、机密、绝密的材料和待审核的文件一律不进索引。\n"
            "没有文字层的扫描件会做文字识别（OCR），加 --no-ocr 则跳过。\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder index\n"
            "  archive-builder index --rebuild --include-internal"
        ),
    },
    "help.index.rebuild": {
        "en": "Throw the index away and build it again from every file.",
        "zh": "丢掉原有索引，把所有文件重新读一遍建立索引。",
    },
    "help.index.include_internal": {
        "en": "Also index documents classified 内部 (internal).",
        "zh": "把标为“内部”的材料也放进索引。",
    },
    "help.index.no_ocr": {
        "en": "Do not run text recognition on scans without text (they are held back).",
        "zh": "不对没有文字层的扫描件做文字识别（这些文件暂不公开）。",
    },
    "help.scan.no_ocr": {
        "en": "Do not run text recognition on scans without text (they are held back).",
        "zh": "不对没有文字层的扫描件做文字识别（这些文件暂不公开）。",
    },
    "help.build.no_ocr": {
        "en": "Do not run text recognition on scans without text (they are held back).",
        "zh": "不对没有文字层的扫描件做文字识别（这些文件暂不公开）。",
    },
    "help.index.as_json": {
        "en": "Print the counters as JSON.",
        "zh": "以 JSON 格式输出统计数字。",
    },
    # search
    "help.search": {
        "en": (
            "Find documents by the words in them, best matches first.\n"
            "\n"
            'Several words must all appear, each as written; use "quoted phrases" for text with\n'
            "spaces, -word or NOT word to exclude, or a 文号 in any brackets such as 襄政办发[2017]13号.\n"
            "The index is built on first use; run 'archive-builder index' after adding files.\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder search 教师交流\n"
            '  archive-builder search "教师 轮岗" --department 教科局 --year 2016\n'
            "  archive-builder search 襄政办发〔2017〕13号 --json"
        ),
        "zh": (
            "按材料里的文字查找材料，最相关的排在前面。\n"
            "\n"
            "输入多个词时，材料必须按原样包含全部这些词；含空格的词组请加引号，词前加 - 或 NOT 表示排除；"
            "也可以直接输入文号，括号写法不限，例如 襄政办发[2017]13号。"
            "第一次查找时会自动建立索引；新增文件后请运行“archive-builder index”。\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder search 教师交流\n"
            '  archive-builder search "教师 轮岗" --department 教科局 --year 2016\n'
            "  archive-builder search 襄政办发〔2017〕13号 --json"
        ),
    },
    "help.search.department": {
        "en": "Only this department (name, alias or id).",
        "zh": "只查这个单位的材料（填全称、简称或编号）。",
    },
    "help.search.category": {
        "en": "Only this category (name, alias or id).",
        "zh": "只查这个类别的材料（填名称、简称或编号）。",
    },
    "help.search.year": {
        "en": "Only documents of this year, e.g. 2016.",
        "zh": "只查这一年度的材料，例如 2016。",
    },
    "help.search.school": {
        "en": "Only documents about this school (name or code).",
        "zh": "只查与这所学校有关的材料（填校名或学校代码）。",
    },
    "help.search.file_type": {
        "en": "Only this file type, e.g. pdf, docx, xlsx, md.",
        "zh": "只查这种文件类型，例如 pdf、docx、xlsx、md。",
    },
    "help.search.limit": {
        "en": "Show at most this many results.",
        "zh": "最多显示多少条结果。",
    },
    "help.search.as_json": {
        "en": "Print the results as JSON.",
        "zh": "以 JSON 格式输出查找结果。",
    },
    # indicators
    "help.indicators": {
        "en": (
            "Compute the inter-school difference coefficients (差异系数) and the other targets.\n"
            "\n"
            "Reads the statistics tables in content/data/ (school_stats, classes, teacher_exchange,\n"
            "consolidation, satisfaction) and shows, per year and school level, each indicator's\n"
            "student-weighted CV, the composite against its threshold, the schools that widen the gap\n"
            "most, class sizes, teacher exchange, consolidation, satisfaction and small schools.\n"
            "\n"
            "A school missing from a year, a row that contradicts the school registry, a missing column or\n"
            "an empty cell is a problem naming file, row and fix; the figures it touches are shown but not\n"
            "judged. --json gives every figure at full precision.\n"
            "\n"
            "Exit status: 0 figures computed, 1 a table has errors or there is nothing to compute.\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder indicators\n"
            "  archive-builder indicators --year 2016 --profile quality-2017\n"
            "  archive-builder indicators --json > indicators.json\n"
            "  archive-builder indicators --output 差异系数.xlsx"
        ),
        "zh": (
            "计算校际差异系数和其他各项指标。\n"
            "\n"
            "读取 content/data/ 中的统计表（school_stats、classes、teacher_exchange、consolidation、satisfaction），"
            "按年度和学段显示：每项指标按学生数加权的差异系数、综合差异系数与达标线的比较、"
            "最拉大差距的学校、班额、教师交流轮岗、学校布局调整、满意度和小规模学校。\n"
            "\n"
            "某年缺少某所学校、某行与学校名册不符、缺列或空格，都会作为问题列出（写明文件、行和处理办法）；"
            "受影响的数字照常显示但不作评判。--json 输出全部数字的完整精度。\n"
            "\n"
            "结束状态码：0 表示已算出结果；1 表示统计表有错误，或者没有可计算的数据。\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder indicators\n"
            "  archive-builder indicators --year 2016 --profile quality-2017\n"
            "  archive-builder indicators --json > indicators.json\n"
            "  archive-builder indicators --output 差异系数.xlsx"
        ),
    },
    "help.indicators.year": {
        "en": "Only this year (default: every year in the tables).",
        "zh": "只算这一年度（不填时计算统计表中的所有年度）。",
    },
    "help.indicators.profile": {
        "en": (
            "Indicator profile: basic-2012 or quality-2017 (default: indicator_profile in archive.yml)."
        ),
        "zh": "指标标准：basic-2012（基本均衡）或 quality-2017（优质均衡）（不填时按 archive.yml 中的 indicator_profile）。",
    },
    "help.indicators.as_json": {
        "en": "Print every section as JSON.",
        "zh": "以 JSON 格式输出全部结果。",
    },
    "help.indicators.output": {
        "en": "Also write the figures to this Excel workbook (.xlsx, Chinese headers).",
        "zh": "另外把结果保存为 Excel 工作簿（.xlsx，中文表头）。",
    },
    # catalogue
    "help.catalogue": {
        "en": (
            "Write the 归档文件目录 and record every document's 档号.\n"
            "\n"
            "Each document gets a stable code 全宗号-门类代码·年度-保管期限-机构代码-件号; the assignment is\n"
            "kept in archive_numbers.csv at the archive root, so adding documents never renumbers earlier ones.\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder catalogue --format xlsx --output 归档文件目录.xlsx\n"
            "  archive-builder catalogue --format csv --output catalogue.csv"
        ),
        "zh": (
            "生成归档文件目录，并为每份材料登记档号。\n"
            "\n"
            "每份材料会得到一个固定不变的档号：全宗号-门类代码·年度-保管期限-机构代码-件号。"
            "编号记录在档案文件夹里的 archive_numbers.csv 中，所以新增材料不会改动已有材料的档号。\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder catalogue --format xlsx --output 归档文件目录.xlsx\n"
            "  archive-builder catalogue --format csv --output catalogue.csv"
        ),
    },
    "help.catalogue.fmt": {
        "en": "Output format.",
        "zh": "输出的格式。",
    },
    "help.catalogue.output": {
        "en": "Write to this file (required for xlsx; default for others: print).",
        "zh": "保存到这个文件（xlsx 格式必须填写；其他格式不填时直接显示在屏幕上）。",
    },
    "help.catalogue.no_record": {
        "en": "Do not update archive_numbers.csv (numbers are then provisional).",
        "zh": "不更新 archive_numbers.csv（这样得到的档号只是临时的）。",
    },
    # verify
    "help.verify": {
        "en": (
            "Check a built site folder or its zip against the manifest written at build time.\n"
            "\n"
            "SITE is the site folder or the zip (default: site/ in the archive folder).\n"
            "Exit status: 0 intact, 1 any file added, removed or altered (or no manifest).\n"
            "\n"
            "A site whose pages and manifest were both edited still matches itself: give the fingerprint\n"
            "recorded at build time (--fingerprint) or the bureau's public key (--public-key), and the\n"
            "manifest must be that one (exit status 1 otherwise).\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder verify site\n"
            "  archive-builder verify 示范县督导评估档案.zip\n"
            "  archive-builder verify 迎检档案.zip --fingerprint 迎检档案.fingerprint.txt\n"
            "  archive-builder verify 迎检档案.zip --public-key 教育局公钥.pem"
        ),
        "zh": (
            "检查生成好的网站文件夹或它的 zip 包有没有被改动（对照生成网站时记下的文件清单）。\n"
            "\n"
            "SITE 是网站文件夹或 zip 包（不填时为档案文件夹里的 site/）。结束状态码：0 表示完好无损；"
            "1 表示有文件被增加、删除或修改（或者找不到文件清单）。\n"
            "\n"
            "如果网页和清单被一起改过，网站仍与自己的清单一致：请给出生成时记下的指纹（--fingerprint）"
            "或教育局的公钥（--public-key），清单必须正是那一份，否则结束状态码为 1。\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder verify site\n"
            "  archive-builder verify 示范县督导评估档案.zip\n"
            "  archive-builder verify 迎检档案.zip --fingerprint 迎检档案.fingerprint.txt\n"
            "  archive-builder verify 迎检档案.zip --public-key 教育局公钥.pem"
        ),
    },
    "help.verify.as_json": {
        "en": "Print the differences as JSON.",
        "zh": "以 JSON 格式输出差异。",
    },
    # status
    "help.status": {
        "en": (
            "Show each department what it has filed, what is missing and which files have problems.\n"
            "\n"
            "The counts are those of 'archive-builder check --department' (one computation for both).\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder --lang zh status --department 县财政局\n"
            "  archive-builder status"
        ),
        "zh": (
            "按单位显示：已经归档了哪些材料，还缺哪些，哪些文件有问题。\n"
            "\n"
            "各项数字与“archive-builder check --department”相同（两者用同一次计算）。\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder --lang zh status --department 县财政局\n"
            "  archive-builder status"
        ),
    },
    "help.status.department": {
        "en": "Only this department (name, alias or id).",
        "zh": "只看这个单位（填全称、简称或编号）。",
    },
}
