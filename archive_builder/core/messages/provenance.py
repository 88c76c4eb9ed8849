"""Messages of the zip handed to the inspectors (how to open it) and of the site's provenance
(the manifest's fingerprint, the bureau's signature, ``keygen``)."""

MESSAGES = {
    # --- a page opened without its files, and the zip's note ---------------------------------------
    "site.unzip.title": {
        "en": "Extract the whole zip first, then open the site",
        "zh": "请先完整解压，再打开网站",
    },
    "site.unzip.text": {
        "en": ("This page was opened straight from the zip: the site's styles, search and other pages are "
               "still inside the zip, so it cannot be shown properly. Close this page, right-click the zip, "
               "choose “Extract All…”, then open index.html in the extracted folder."),
        "zh": ("这个页面是在压缩包里直接打开的，网站的样式、搜索和其他页面都还在压缩包里，所以显示不完整。"
               "请关闭本页，在压缩包上点右键，选择“全部解压缩…”（或“解压到当前文件夹”），"
               "然后打开解压出来的文件夹里的 index.html。"),
    },
    "site.not_found.title": {"en": "Page not found", "zh": "找不到这个页面"},
    "site.not_found.text": {
        "en": "This page is not in the site. Start again from the home page or the tabs at the top; the search box finds any document by its words.",
        "zh": "网站中没有这个页面。请从首页或顶部的标签重新查找；要找某份文件，可以用全文搜索框按文字查找。",
    },
    "site.not_found.home": {"en": "Back to the home page", "zh": "返回首页"},
    "site.zip_open_help": {
        "en": """How to open this archive site

1. Extract the whole zip first: right-click it and choose "Extract All…".
   Do not double-click the page inside the zip: only that one file is taken out and the page cannot work.
2. Open the extracted folder "{folder}" and double-click index.html; it opens in the browser
   (Chrome, Edge, Firefox or another).
3. The site needs no network and no installation. The extracted folder can be copied to a USB stick
   or another computer and opened there the same way.
""",
        "zh": """迎检档案网站打开方法

1. 先把整个压缩包解压：在压缩包上点右键，选择“全部解压缩…”（或“解压到当前文件夹”）。
   不要在压缩包里直接双击网页，那样只会取出这一个文件，网页无法正常显示。
2. 打开解压出来的“{folder}”文件夹，双击 index.html，用浏览器（Chrome、Edge、Firefox、360 浏览器等）打开。
3. 网站不需要联网，也不需要安装任何软件。解压后的文件夹可以复制到U盘或其他电脑上，照样打开使用。
""",
    },
}

MESSAGES.update({
    # --- the fingerprint and the signature at build time ---------------------------------------------
    "build.fingerprint": {
        "en": "Manifest fingerprint (SHA-256 of manifest.json): {fingerprint}. Record it apart from the site; 'archive-builder verify --fingerprint' checks against it.",
        "zh": "网站清单指纹（manifest.json 的 SHA-256）：{fingerprint}。请另行记录保存；用“archive-builder verify --fingerprint”核对。",
    },
    "build.fingerprint_written": {"en": "Fingerprint written: {path}", "zh": "指纹已写入：{path}"},
    "build.signed": {
        "en": "Manifest signed (manifest.sig) with the key {key}.",
        "zh": "已用密钥 {key} 给清单签名（manifest.sig）。",
    },
    "build.bad_sign_key": {
        "en": "{path}: not an Ed25519 private key in PEM ({reason}); nothing was built. Make one with 'archive-builder keygen'.",
        "zh": "{path}：不是 PEM 格式的 Ed25519 私钥（{reason}），未生成网站。请用“archive-builder keygen”生成密钥。",
    },
    "build.sign_key_passphrase": {
        "en": "{path} is protected by a passphrase (or the passphrase given is for a key without one): set {env} to it; nothing was built.",
        "zh": "{path} 设有口令（或给出了口令但该密钥没有口令）：请把环境变量 {env} 设为该口令；未生成网站。",
    },
    "provenance.fingerprint_note": {
        "en": ("The line above is the fingerprint (SHA-256) of manifest.json, the list of every file of the site in {zip},\n"
               "built {built_at}. Keep this file apart from the zip. To check the zip:\n"
               "archive-builder verify {zip} --fingerprint <this file>"),
        "zh": ("上一行是 {zip} 中网站清单 manifest.json 的指纹（SHA-256），清单记录了网站的每个文件，生成于 {built_at}。\n"
               "请把本文件与压缩包分开保存。核对压缩包：\n"
               "archive-builder verify {zip} --fingerprint <本文件>"),
    },
    # --- verify --fingerprint / --public-key ---------------------------------------------------------
    "verify.files_match_only": {
        "en": "Not intact: all {count} files match the manifest inside the site (built {built_at} by archive-builder {version}), but that manifest is not the trusted one:",
        "zh": "未通过：全部 {count} 个文件与网站自带的清单一致（由 archive-builder {version} 于 {built_at} 生成），但这份清单本身未通过核验：",
    },
    "verify.fingerprint_ok": {
        "en": "The manifest is the recorded one: fingerprint {fingerprint}.",
        "zh": "清单正是记录的那一份：指纹 {fingerprint}。",
    },
    "verify.fingerprint_differs": {
        "en": "The manifest is not the recorded one: its fingerprint is {fingerprint}, the recorded one {expected}. The site was changed after the build, or it is another build.",
        "zh": "清单不是记录的那一份：其指纹为 {fingerprint}，记录的指纹为 {expected}。网站在生成后被改动过，或者这是另一次生成的网站。",
    },
    "verify.signature_valid": {
        "en": "Signature valid: the manifest was signed with the key {key}.",
        "zh": "签名有效：清单由密钥 {key} 签名。",
    },
    "verify.signature_invalid": {
        "en": "Signature not valid for the key {key} (the signature names the key {signed_with}): the manifest was changed after signing, or signed with another key.",
        "zh": "签名对密钥 {key} 无效（签名文件标明的密钥为 {signed_with}）：清单在签名后被改动过，或者是用别的密钥签的名。",
    },
    "verify.signature_missing": {
        "en": "No signature: the site has no manifest.sig (built without --sign-key, or the signature was removed).",
        "zh": "没有签名：网站中没有 manifest.sig（生成时未加 --sign-key，或签名被删除）。",
    },
    "verify.bad_fingerprint": {
        "en": "--fingerprint {value}: neither a SHA-256 fingerprint (64 hexadecimal digits) nor a file that holds one.",
        "zh": "--fingerprint {value}：既不是 SHA-256 指纹（64 位十六进制数字），也不是含有指纹的文件。",
    },
    "verify.bad_public_key": {
        "en": "{path}: not an Ed25519 public key in PEM ({reason}). Give the public key 'archive-builder keygen' wrote.",
        "zh": "{path}：不是 PEM 格式的 Ed25519 公钥（{reason}）。请给出“archive-builder keygen”生成的公钥。",
    },
    # --- keygen ------------------------------------------------------------------------------------------
    "keygen.written": {
        "en": "Key {key} made. Private key: {private} (keep it off the archive, the site and the zip). Public key: {public} (give it to whoever checks the sites).",
        "zh": "已生成密钥 {key}。私钥：{private}（不要放进档案、网站或压缩包）。公钥：{public}（交给核验网站的人）。",
    },
    "keygen.exists": {
        "en": "{path} exists; a key is never overwritten. Choose another name or move the file away first.",
        "zh": "{path} 已存在；密钥不会被覆盖。请换个文件名，或先把该文件移走。",
    },
    "keygen.passphrase": {"en": "Passphrase for the private key", "zh": "私钥的口令"},
    # --- help ----------------------------------------------------------------------------------------------
    "help.build.sign_key": {
        "en": "Sign the manifest with this Ed25519 private key (from 'archive-builder keygen').",
        "zh": "用这个 Ed25519 私钥给网站清单签名（私钥由“archive-builder keygen”生成）。",
    },
    "help.verify.fingerprint": {
        "en": "The manifest fingerprint recorded at build time, or the .fingerprint.txt file holding it.",
        "zh": "生成网站时记下的清单指纹，或含有指纹的 .fingerprint.txt 文件。",
    },
    "help.verify.public_key": {
        "en": "The bureau's Ed25519 public key: the manifest's signature (manifest.sig) must be valid.",
        "zh": "教育局的 Ed25519 公钥：清单的签名（manifest.sig）必须有效。",
    },
    "help.keygen": {
        "en": (
            "Make a key pair with which the bureau signs the sites it builds (build --sign-key).\n"
            "\n"
            "PRIVATE_KEY is the new private key file; keep it off the archive, the site and the zip. The\n"
            "public key goes to whoever checks a site (verify --public-key). Existing files are never\n"
            "overwritten. A passphrase-protected key is read at build time from ARCHIVE_BUILDER_KEY_PASSPHRASE.\n"
            "\n"
            "\b\n"
            "Example:\n"
            "  archive-builder keygen 教育局签名.pem --public 教育局公钥.pem\n"
            "  archive-builder build --zip 迎检档案.zip --sign-key 教育局签名.pem\n"
            "  archive-builder verify 迎检档案.zip --public-key 教育局公钥.pem"
        ),
        "zh": (
            "生成一对密钥，供教育局给自己生成的网站签名（build --sign-key）。\n"
            "\n"
            "PRIVATE_KEY 是新私钥的文件名；私钥不要放进档案、网站或压缩包。公钥交给核验网站的人"
            "（verify --public-key）。已有的文件不会被覆盖。设了口令的私钥，生成网站时从环境变量 "
            "ARCHIVE_BUILDER_KEY_PASSPHRASE 读取口令。\n"
            "\n"
            "\b\n"
            "示例：\n"
            "  archive-builder keygen 教育局签名.pem --public 教育局公钥.pem\n"
            "  archive-builder build --zip 迎检档案.zip --sign-key 教育局签名.pem\n"
            "  archive-builder verify 迎检档案.zip --public-key 教育局公钥.pem"
        ),
    },
    "help.keygen.public_key": {
        "en": "Where to write the public key (default: the private key's name with .pub.pem).",
        "zh": "公钥写到哪个文件（不填时为私钥文件名加 .pub.pem）。",
    },
    "help.keygen.passphrase": {
        "en": "Protect the private key with a passphrase (asked twice).",
        "zh": "给私钥设口令保护（需输入两次）。",
    },
})
