"""Resource limits that keep a hostile or broken package from exhausting the machine.

A limit decides what is READ, never what was submitted: a file past a limit is still
listed by its path (as not read, with the limit), so its material is never reported
missing because of it. Depth is limited generously (real archives reach a few dozen
levels); the totals of files and bytes are what keep a package bounded.
"""

from __future__ import annotations

from ..models.common import Model


class IngestLimits(Model):
    max_file_bytes: int = 200 * 1024 * 1024  # one file (or zip member) at most
    max_total_bytes: int = 2 * 1024 * 1024 * 1024  # one application's extracted bytes
    max_ratio: float = 200.0  # uncompressed / compressed size of a zip member
    max_files: int = 2000  # files in one application that are read
    max_listed: int = 20000  # files past max_files still listed (as not read) up to this many
    max_depth: int = 64  # folder depth inside one application that is read
    max_list_depth: int = 256  # deeper folders are listed (as not read) down to this depth
    max_zip_depth: int = 3  # zips inside zips are opened this many levels deep


DEFAULT_LIMITS = IngestLimits()

# Files that operating systems and editors leave behind; never application material.
JUNK_NAMES = {"thumbs.db", ".ds_store", "desktop.ini"}
JUNK_PREFIXES = ("~$", "._", ".~")
JUNK_DIRS = {"__macosx", ".git", ".svn"}


def is_junk(rel_path: str) -> bool:
    parts = rel_path.split("/")
    if any(p.lower() in JUNK_DIRS for p in parts[:-1]):
        return True
    name = parts[-1]
    return name.lower() in JUNK_NAMES or name.startswith(JUNK_PREFIXES)
