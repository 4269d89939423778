"""Wall-clock guards for reading one file.

SIGALRM interrupts Python code between bytecodes (and pdfium returns to Python after
every page), so a pathological file cannot hold a worker for ever. Signals only work
in a process's main thread; elsewhere the guards are not enforced.

These are guards against a hung reader or engine, never the thing that decides what is
read: work limits (file size, OCR page count, table work) decide that, so the same batch
reads the same pages on an idle and on a loaded machine. The file's guard is paused
while the OCR engine works on a page (`engine_guard`): OCR time grows with the load,
and a 24-page scanned bundle was cut after 12, 8, 13 or 20 pages by a per-file clock.
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


def _enforced(seconds: float) -> bool:
    return seconds > 0 and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    if not _enforced(seconds):
        yield
        return
    previous = signal.signal(signal.SIGALRM, _on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def engine_guard(seconds: float) -> Iterator[None]:
    """One OCR engine call under its own alarm (ReadTimeout when it hangs), with the
    enclosing file guard paused meanwhile and resumed with the time it had left."""
    if not _enforced(seconds):
        yield
        return
    remaining, _ = signal.setitimer(signal.ITIMER_REAL, 0)  # pause the file's guard
    fired = False

    def on_alarm(signum, frame):
        nonlocal fired
        fired = True
        raise ReadTimeout

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    except ReadTimeout:
        raise
    except Exception as exc:
        # the engine catches what interrupts it and re-raises its own error (rapidocr
        # turned the alarm into ResizeImgError): once the alarm fired, the call hung
        if fired:
            raise ReadTimeout from exc
        raise
    else:
        if fired:  # the engine swallowed the alarm and carried on: still a hung call
            raise ReadTimeout
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
        if remaining > 0:
            signal.setitimer(signal.ITIMER_REAL, remaining)
