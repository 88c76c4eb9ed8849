"""Messages shared by every command."""

MESSAGES = {
    "severity.error": {"en": "error", "zh": "错误"},
    "severity.warning": {"en": "warning", "zh": "警告"},
    "present.fix": {"en": "fix", "zh": "处理办法"},
}
