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
