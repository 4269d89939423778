"""Progress of a batch on stderr: a live bar on a terminal, plain lines otherwise.

Worker processes report the file they start reading through a queue (set up by
`init_worker`); the main process shows it on the bar while it waits for results.
"""

from __future__ import annotations

import contextlib
import queue as queue_module
import sys
import time
from collections.abc import Callable

from .models import Decision
from .render.common.config import labels

_queue = None
_callback: Callable[[str, str], None] | None = None


def init_worker(queue) -> None:
    """Pool initializer: where this worker reports the file it is reading."""
    global _queue
    _queue = queue


def report_file(applicant_id: str, file: str) -> None:
    if _callback is not None:
        _callback(applicant_id, file)
    elif _queue is not None:
        with contextlib.suppress(queue_module.Full, OSError, ValueError):  # progress is best effort
            _queue.put_nowait((applicant_id, file))


def _clock(seconds: float) -> str:
    seconds = int(seconds)
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


class Progress:
    def __init__(self, total: int, stream=None):
        self.total = total
        self.count = 0
        self.reading = ""
        self.started = time.monotonic()
        self.stream = stream or sys.stderr
        self.live = hasattr(self.stream, "isatty") and self.stream.isatty()

    def reading_file(self, applicant_id: str, file: str) -> None:
        """A worker started reading `file` of `applicant_id` (shown on the live bar)."""
        self.reading = f"{applicant_id[:16]}/{file[-24:]}"
        if self.live:
            self._draw()

    def done(self, applicant_id: str, decision: Decision) -> None:
        self.count += 1
        verdict = labels().of("decision", decision)
        if not self.live:
            print(f"[{self.count}/{self.total}] {applicant_id}：{verdict}", file=self.stream, flush=True)
            return
        self._draw()

    def _draw(self) -> None:
        elapsed = time.monotonic() - self.started
        eta = f"预计剩余 {_clock(elapsed / self.count * (self.total - self.count))}" if self.count else "预计剩余 --:--"
        width = 24
        filled = round(width * self.count / max(self.total, 1))
        bar = "█" * filled + "░" * (width - filled)
        line = f"\r{bar} {self.count}/{self.total} 已用 {_clock(elapsed)} {eta}  正在读取：{self.reading}"
        print(line.ljust(110), end="", file=self.stream, flush=True)

    def finish(self) -> None:
        if self.live and self.count:
            print(file=self.stream, flush=True)
