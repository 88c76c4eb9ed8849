"""Messages of ``archive-builder init``."""

MESSAGES = {
    "init.exists": {
        "en": "{root} is not empty or already holds an archive; nothing was changed. Choose a new folder.",
        "zh": "{root} 不是空文件夹或已经是档案项目，未做任何改动。请换一个新文件夹。",
    },
    "init.bad_years": {
        "en": "'{value}' is not a year range; write it like 2014-2017.",
        "zh": "“{value}”不是年份范围，请写成 2014-2017。",
    },
    "init.done": {
        "en": "Created the archive in {root}: {folders} department/category folders and {files} files.",
        "zh": "已在 {root} 创建档案项目：{folders} 个“单位/类别”文件夹，{files} 个文件。",
    },
    "init.next": {
        "en": "Next: read {root}/使用说明.md, put files under {root}/content/, then run 'archive-builder --root {root} check'.",
        "zh": "下一步：阅读 {root}/使用说明.md，把材料放进 {root}/content/，然后运行“archive-builder --root {root} check”。",
    },
}
