"""Resource limits that keep a hostile or broken package from exhausting the machine."""

from __future__ import annotations

from ..models.common import Model


class IngestLimits(Model):
    max_file_bytes: int = 200 * 1024 * 1024  # one file (or zip member) at most
    max_total_bytes: int = 2 * 1024 * 1024 * 1024  # one application's extracted bytes
    max_ratio: float = 200.0  # uncompressed / compressed size of a zip member
    max_files: int = 2000  # files in one application
    max_depth: int = 12  # folder depth inside one application
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
