"""Messages about withheld documents, masked personal data and site verification."""

MESSAGES = {
    # --- classification and personal data (used by scan, check and the site) -------------------
    "privacy.withheld_classified": {
        "en": "classified document ({level}): it is withheld from the site, the search index, the zip and report snippets.",
        "zh": "涉密文件（{level}）：不上网，不进入网站、检索索引、压缩包和报告摘录。",
    },
    "privacy.withheld_classified.hint": {
        "en": "Nothing to do if the mark is right. If the document is not classified, correct 'classification' in its metadata or remove the mark from its first lines.",
        "zh": "密级标注正确则无需处理。如文件并不涉密，请更正其著录信息中的“classification”，或删去首部的密级标志。",
    },
    "privacy.withheld_internal": {
        "en": "internal document (内部): it is left out of the site unless the build is run with --include-internal.",
        "zh": "内部文件：除非构建时加 --include-internal，否则不进入网站。",
    },
    "privacy.withheld_internal.hint": {
        "en": "Build with --include-internal if internal documents may be shown to the inspectors.",
        "zh": "如内部文件可以提供给检查组查阅，请在构建时加 --include-internal。",
    },
    "privacy.personal_data": {
        "en": "holds personal data, masked in every output: {ids} ID numbers, {phones} mobile numbers, {banks} bank card numbers.",
        "zh": "含有个人信息，所有输出中均已遮盖：身份证号 {ids} 个，手机号 {phones} 个，银行卡号 {banks} 个。",
    },
    "privacy.personal_data.hint": {
        "en": "Nothing to do: the original in content/ is kept as it is, and only masked numbers are shown.",
        "zh": "无需处理：content/ 中的原件保持不变，对外只显示遮盖后的号码。",
    },
    "privacy.kind.id": {"en": "ID number", "zh": "身份证号"},
    "privacy.kind.phone": {"en": "mobile number", "zh": "手机号"},
    "privacy.kind.bank": {"en": "bank card number", "zh": "银行卡号"},
    # --- archive-builder verify ------------------------------------------------------------------
    "verify.intact": {
        "en": "Intact: all {count} files match the manifest (built {built_at} by archive-builder {version}).",
        "zh": "完好：全部 {count} 个文件与清单一致（由 archive-builder {version} 于 {built_at} 生成）。",
    },
    "verify.changed": {
        "en": "Changed since the build: {added} added, {removed} removed, {altered} altered.",
        "zh": "生成后已有改动：新增 {added} 个，缺少 {removed} 个，被改动 {altered} 个。",
    },
    "verify.added": {"en": "added: {path}", "zh": "新增：{path}"},
    "verify.removed": {"en": "removed: {path}", "zh": "缺少：{path}"},
    "verify.altered": {"en": "altered: {path}", "zh": "被改动：{path}"},
    "verify.no_manifest": {
        "en": "{path} has no manifest.json, so it cannot be verified. Give the folder or zip that 'archive-builder build' made (it writes manifest.json into the site).",
        "zh": "{path} 中没有 manifest.json，无法校验。请指定 “archive-builder build” 生成的网站文件夹或压缩包（其中含有 manifest.json）。",
    },
    "verify.bad_manifest": {
        "en": "The manifest {path} cannot be read ({reason}). Build the site again to get a new one.",
        "zh": "无法读取校验清单 {path}（{reason}）。请重新构建网站以生成新的清单。",
    },
    "verify.bad_zip": {
        "en": "The zip {path} cannot be read ({reason}). It may be damaged; copy it again from the original.",
        "zh": "无法读取压缩包 {path}（{reason}），文件可能已损坏，请从原件重新复制。",
    },
    "verify.not_site": {
        "en": "{path} is neither a site folder nor a .zip file.",
        "zh": "{path} 既不是网站文件夹，也不是 .zip 压缩包。",
    },
    "verify.missing": {
        "en": "{path} does not exist.",
        "zh": "{path} 不存在。",
    },
}
