"""Messages of the publication policy: why a document is not published, and what a person can do."""

MESSAGES = {
    "policy.classified_meta": {"en": "classified {level}", "zh": "密级为{level}"},
    "policy.classified_meta.hint": {
        "en": "Nothing to do: classified documents are counted as evidence but never published.",
        "zh": "无需处理：涉密文件计入佐证材料，但不公开。",
    },
    "policy.classified_mark": {
        "en": "its first page carries the mark {level}", "zh": "首页带有密级标志“{level}”",
    },
    "policy.classified_mark.hint": {
        "en": "Nothing to do if the document is classified. If the mark is a misreading, a person checks the "
              "paper copy and writes '密级: 公开' in the document's sidecar (<file name>.yml).",
        "zh": "如确属涉密文件，无需处理。如系误识别，请由专人核对纸质原件后，在该文件的说明文件（<文件名>.yml）中写上“密级: 公开”。",
    },
    "policy.internal": {"en": "internal (内部)", "zh": "内部文件"},
    "policy.internal.hint": {
        "en": "Published only when the site is built with --include-internal.",
        "zh": "只有使用 --include-internal 生成网站时才公开。",
    },
    "policy.held_unreadable": {
        "en": "held for review: its text cannot be read ({problem}), so nobody has checked it for a 密级 mark "
              "or personal data",
        "zh": "待人工审核：无法读取其文字（{problem}），尚未检查密级标志和个人信息",
    },
    "policy.held_unreadable.hint": {
        "en": "Save it again as PDF or DOCX; or a person reads the paper copy and writes '密级: 公开' (or its real "
              "level) in its sidecar <file name>.yml.",
        "zh": "请重新另存为 PDF 或 DOCX；或由专人核对原件后，在说明文件 <文件名>.yml 中写上“密级: 公开”（或实际密级）。",
    },
    "policy.held_unreviewed": {
        "en": "held for review: its text has not been read yet",
        "zh": "待人工审核：尚未读取其文字",
    },
    "policy.held_unreviewed.hint": {
        "en": "Run the command again without --no-ocr.", "zh": "请不带 --no-ocr 重新运行命令。",
    },
    "policy.held_no_text": {
        "en": "held for review: no text could be read from this scan (OCR was not run or found nothing)",
        "zh": "待人工审核：未能从该扫描件中识别出文字（未运行文字识别或未识别出内容）",
    },
    "policy.held_no_text.hint": {
        "en": "Run without --no-ocr, or scan the page again more clearly; or a person looks at it and writes "
              "'密级: 公开' in its sidecar <file name>.yml.",
        "zh": "请不带 --no-ocr 重新运行，或重新清晰扫描；也可由专人查看后，在说明文件 <文件名>.yml 中写上“密级: 公开”。",
    },
    "policy.held_low_confidence": {
        "en": "held for review: the text recognition is unsure about the top of the first page (confidence "
              "{confidence}), where a 密级 mark would be",
        "zh": "待人工审核：首页顶部（密级标志所在位置）的文字识别把握不足（置信度 {confidence}）",
    },
    "policy.held_low_confidence.hint": {
        "en": "Scan the page again (flat, 300 dpi, no shadow); or a person looks at it and writes '密级: 公开' "
              "(or its real level) in its sidecar <file name>.yml.",
        "zh": "请重新扫描（平整、300 dpi、无阴影）；或由专人查看原件后，在说明文件 <文件名>.yml 中写上“密级: 公开”（或实际密级）。",
    },
    "policy.status.published": {"en": "published", "zh": "公开"},
    "policy.status.internal": {"en": "internal", "zh": "内部"},
    "policy.status.classified": {"en": "classified", "zh": "涉密"},
    "policy.status.held": {"en": "held for review", "zh": "待审核"},
    "scan.broken_ofd": {
        "en": "the OFD file cannot be opened ({detail}).", "zh": "OFD 文件无法打开（{detail}）。",
    },
    "scan.broken_ofd.hint": {
        "en": "Open it in an OFD reader (数科, 福昕) and export it again, or export it as PDF.",
        "zh": "请用 OFD 阅读器（数科、福昕等）打开后重新导出，或导出为 PDF。",
    },
    "scan.too_large": {
        "en": "the file is over the reading budget ({detail}); it may be damaged or built to exhaust memory.",
        "zh": "文件超出读取限度（{detail}），可能已损坏或为恶意构造。",
    },
    "scan.too_large.hint": {
        "en": "Open it in its program and save it again; split very large files.",
        "zh": "请用相应软件打开后重新保存；过大的文件请拆分。",
    },
    "scan.reader_missing": {
        "en": "the program that reads this kind of file is not installed ({detail}).",
        "zh": "未安装读取此类文件的程序（{detail}）。",
    },
    "scan.reader_missing.hint": {
        "en": "Install it with the README's command (apt-get install …), then run again.",
        "zh": "请按 README 中的命令安装（apt-get install …）后重新运行。",
    },
    "scan.near_sidecar": {
        "en": "a metadata file {sidecar} lies beside this file but is not named {expected}; it may carry the "
              "document's 密级, so the document is held back.",
        "zh": "旁边有元数据文件 {sidecar}，但其名称不是 {expected}；其中可能写有密级，因此该文件暂不公开。",
    },
    "scan.near_sidecar.hint": {
        "en": "Rename {sidecar} to {expected}.", "zh": "请把 {sidecar} 改名为 {expected}。",
    },
    "scan.unclear_classification_key": {
        "en": "the metadata key '{key}' in {source} looks like 密级 but is not a key the tool knows; the document "
              "is held back rather than published on a guess.",
        "zh": "{source} 中的键“{key}”像是密级，但不是本工具认识的写法；为免误公开，该文件暂不公开。",
    },
    "scan.unclear_classification_key.hint": {
        "en": "Write it as '密级: 公开' (or 内部, 秘密, 机密, 绝密).",
        "zh": "请写成“密级: 公开”（或 内部、秘密、机密、绝密）。",
    },
    "scan.secrecy_term_implies_secret": {
        "en": "the metadata gives a 保密期限 ({term}) but no secret 密级; it is treated as 秘密 and not published.",
        "zh": "元数据写有保密期限（{term}），但密级不是涉密等级；按“秘密”处理，不予公开。",
    },
    "scan.secrecy_term_implies_secret.hint": {
        "en": "Write its real 密级 (秘密, 机密 or 绝密), or remove the 保密期限 if the document is not classified.",
        "zh": "请写明实际密级（秘密、机密或绝密）；如不涉密，请删去保密期限。",
    },
    "reader.ocr_missing": {
        "en": "text recognition (OCR) is not installed ({detail}).", "zh": "未安装文字识别（OCR）程序（{detail}）。",
    },
    "reader.ocr_missing.hint": {
        "en": "Install it with: python -m pip install rapidocr-onnxruntime, then run again.",
        "zh": "请运行 python -m pip install rapidocr-onnxruntime 安装后重新运行。",
    },
    "reader.ocr_failed": {
        "en": "text recognition (OCR) failed on this file ({detail}).", "zh": "该文件的文字识别（OCR）失败（{detail}）。",
    },
    "reader.ocr_failed.hint": {
        "en": "Scan the page again, or save it as a PDF with a text layer.",
        "zh": "请重新扫描，或另存为带文字层的 PDF。",
    },
    "reader.legacy_missing": {
        "en": "the program that reads .doc and .wps files is not installed ({detail}).",
        "zh": "未安装读取 .doc 和 .wps 文件的程序（{detail}）。",
    },
    "reader.legacy_missing.hint": {
        "en": "Install it with: sudo apt-get install antiword catdoc, or save the file as .docx.",
        "zh": "请运行 sudo apt-get install antiword catdoc 安装，或把文件另存为 .docx。",
    },
}
