"""Messages of faults the build survives: another build running, a full disk, damaged caches, odd files in a site."""

MESSAGES = {
    "build.locked": {
        "en": "Another build of this archive is running (process {pid}; lock {lock}). Wait until it has "
              "finished, then build again; the site is being replaced by that build.",
        "zh": "本档案的另一次生成正在进行（进程 {pid}，锁文件 {lock}）。请等它完成后再生成；网站正由那次生成更新。",
    },
    "build.disk_full": {
        "en": "The disk is full: {path} could not be written. The build stopped and the previous site is "
              "unchanged. Free some space (or build with --output on another disk), then build again.",
        "zh": "磁盘已满：无法写入 {path}。本次生成已停止，原网站保持不变。请清理磁盘空间（或用 --output 指定其他磁盘）后重新生成。",
    },
    "build.zip_disk_full": {
        "en": "The disk is full: the zip {path} could not be written. The site was built; no zip was written. "
              "Free some space, then build again with --zip.",
        "zh": "磁盘已满：无法写入压缩包 {path}。网站已生成，但未生成压缩包。请清理磁盘空间后带 --zip 重新生成。",
    },
    "build.site_restored": {
        "en": "notice: {site} was missing after a build that was stopped midway; the previous site was put back.",
        "zh": "提示：上次生成中途被中断，{site} 缺失；已恢复原网站。",
    },
    "cache.discarded": {
        "en": "notice: the build cache was damaged or left unfinished ({path}); it was discarded and is made "
              "again in this build.",
        "zh": "提示：生成缓存已损坏或未写完（{path}），已丢弃，本次生成时重新建立。",
    },
    "cache.entry_discarded": {
        "en": "notice: the cache file {path} was damaged; it was discarded and is made again.",
        "zh": "提示：缓存文件 {path} 已损坏，已丢弃并重新建立。",
    },
    "verify.unreadable": {
        "en": "cannot be read: {path} ({reason})", "zh": "无法读取：{path}（{reason}）",
    },
    "verify.link": {
        "en": "a link, not a file (not followed): {path} -> {target}",
        "zh": "是链接而非文件（未跟随）：{path} -> {target}",
    },
    "verify.not_regular": {
        "en": "not a regular file: {path}", "zh": "不是普通文件：{path}",
    },
    "verify.problems": {
        "en": "{count} entries of the site could not be checked (links, unreadable or special files); "
              "a built site holds only ordinary files. Copy the site again from the original.",
        "zh": "网站中有 {count} 项无法校验（链接、无法读取或特殊文件）；生成的网站只含普通文件。请从原件重新复制网站。",
    },
}
