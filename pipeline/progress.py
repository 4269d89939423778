"""Progress of a batch on stderr: a live bar on a terminal, plain lines otherwise."""

from __future__ import annotations

import sys
import time

from .models import ApplicationResult
from .render.config import labels


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class Progress:
    def __init__(self, total: int, stream=None):
        self.total = total
        self.count = 0
        self.started = time.monotonic()
        self.stream = stream or sys.stderr
        self.live = hasattr(self.stream, "isatty") and self.stream.isatty()

    def done(self, result: ApplicationResult) -> None:
        self.count += 1
        elapsed = time.monotonic() - self.started
        verdict = labels().of("decision", result.decision)
        if not self.live:
            print(f"[{self.count}/{self.total}] {result.applicant_id}：{verdict}", file=self.stream, flush=True)
            return
        eta = elapsed / self.count * (self.total - self.count)
        width = 24
        filled = round(width * self.count / max(self.total, 1))
        bar = "█" * filled + "░" * (width - filled)
        line = (
            f"\r{bar} {self.count}/{self.total} 已用 {_clock(elapsed)} 预计剩余 {_clock(eta)}"
            f"  最近完成：{result.applicant_id[:24]}（{verdict}）"
        )
        print(line.ljust(100), end="", file=self.stream, flush=True)

    def finish(self) -> None:
        if self.live and self.count:
            print(file=self.stream, flush=True)
