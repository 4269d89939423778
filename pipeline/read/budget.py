"""A wall-clock budget for reading one file.

SIGALRM interrupts Python code between bytecodes (and pdfium returns to Python after
every page), so a pathological file cannot hold a worker for ever. Signals only work
in a process's main thread; elsewhere the budget is not enforced.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager


class ReadTimeout(Exception):
    pass


def _on_alarm(signum, frame):
    raise ReadTimeout


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    if seconds <= 0 or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
