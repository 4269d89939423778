"""Filesystem-safe folder names for applicant ids (Chinese characters kept)."""

from __future__ import annotations

import hashlib
import re
import unicodedata

MAX_CHARS = 80
MAX_BYTES = 180  # UTF-8 bytes; well under the usual 255-byte limit, room for a suffix

_UNSAFE = re.compile(r'[\x00-\x1f\x7f<>:"/\\|?*]')
_RESERVED = re.compile(r"^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$", re.IGNORECASE)


def app_dirname(applicant_id: str) -> str:
    """A folder name for `applicant_id` that is safe on Linux, macOS and Windows.

    Keeps Chinese characters; replaces path separators, control characters and the
    characters Windows reserves with "_"; strips dots and spaces at both ends; avoids
    Windows device names (CON, NUL, COM1 …); caps the length. Never empty.
    """
    name = unicodedata.normalize("NFC", applicant_id)
    name = _UNSAFE.sub("_", name)
    name = "".join("_" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp") else ch for ch in name)
    name = name.strip(" .\u3000")
    if _RESERVED.match(name):
        name = "_" + name
    name = name[:MAX_CHARS]
    while len(name.encode("utf-8")) > MAX_BYTES:
        name = name[:-1]
    name = name.rstrip(" .\u3000")
    return name or "_"


def unique_dirnames(ids: list[str]) -> dict[str, str]:
    """Map each id to a distinct folder name, also distinct when compared case-insensitively.

    The first id keeps the plain name; a later one that collides gets a short stable
    suffix derived from the id itself ("名称~1a2b3c"), so names do not depend on the
    other applications in the batch beyond that.
    """
    result: dict[str, str] = {}
    taken: set[str] = set()
    for applicant_id in ids:
        if applicant_id in result:
            continue
        name = app_dirname(applicant_id)
        if name.casefold() in taken:
            digest = hashlib.sha1(applicant_id.encode("utf-8")).hexdigest()
            base, n = f"{name}~{digest[:6]}", 1
            name = base
            while name.casefold() in taken:
                n += 1
                name = f"{base}-{n}"
        taken.add(name.casefold())
        result[applicant_id] = name
    return result
