"""Importing a library without one of its optional dependencies.

Some libraries import a heavy optional module at import time for a feature the pipeline
never uses (jieba: pkg_resources to find its own files; openpyxl: numpy to write numpy
numbers). Kept out while the library loads, such a module costs a worker nothing, and it
stays importable for everything imported later.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def without(module: str) -> Iterator[None]:
    """Inside the block `import <module>` fails (unless it is loaded already)."""
    if module in sys.modules:
        yield
        return
    sys.modules[module] = None  # type: ignore[assignment]  # makes the import raise ImportError
    try:
        yield
    finally:
        del sys.modules[module]
