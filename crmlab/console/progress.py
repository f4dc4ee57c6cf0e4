"""评分进度条：终端里一行（用 \\r 刷新），重定向到文件时每位学生一行。

A plain-text progress display for the grading engine's ``Progress`` callbacks:
on a terminal one line redrawn with ``\\r``; otherwise (a log file, a CI run)
one line per finished student.
"""
from __future__ import annotations

import sys

from .common import display_width, format_seconds

STATUS_ZH = {"graded": "已评分", "skipped": "未变化，跳过", "failed": "评分失败", "running": "评分中",
             "started": "开始评分", "died": "已评分（内核中途停止）", "hard-timeout": "已评分（单元格超时）",
             "timeout": "已评分（单元格超时）", "notebook-timeout": "已评分（整本超时）",
             "no-kernel": "无法启动内核", None: ""}


class ProgressBar:
    def __init__(self, out=None, width: int = 24, tty: bool | None = None):
        self.out = out or sys.stdout
        self.width = width
        self.tty = self.out.isatty() if tty is None else tty
        self._last_len = 0
        self._open = False

    def line(self, p) -> str:
        total = max(p.total, 1)
        filled = int(self.width * min(p.done, total) / total)
        bar = "█" * filled + "░" * (self.width - filled)
        who = f"{p.student} {STATUS_ZH.get(p.status, p.status or '')}".strip() if p.student else ""
        eta = "" if p.eta_seconds is None or p.done >= p.total else f"  预计还需 {format_seconds(p.eta_seconds)}"
        return f"[{bar}] {p.done}/{p.total}  {who}{eta}"

    def __call__(self, p) -> None:
        text = self.line(p)
        if self.tty:
            pad = max(0, self._last_len - display_width(text))
            self.out.write("\r" + text + " " * pad)
            self._last_len = display_width(text)
            self._open = True
            if p.done >= p.total:
                self.close()
        elif p.student:
            self.out.write(text + "\n")
        self.out.flush()

    def close(self) -> None:
        if self._open:
            self.out.write("\n")
            self.out.flush()
            self._open = False
