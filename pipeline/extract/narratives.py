"""Narrative sections of the application report (the parts the experts judge)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from ..models import Location, Narrative, ReadDocument, Source
from . import matching as mt
from . import patterns as p
from .config import labels

EXTRACTOR = "narrative"


@dataclass
class _Line:
    text: str
    loc: Location
    style: str | None


@cache
def _matcher() -> mt.Matcher:
    return mt.Matcher({key: spec.headings for key, spec in labels().narratives.items()})


def _lines(doc: ReadDocument) -> list[_Line]:
    out = []
    for block in doc.blocks:
        if block.loc.page is not None:  # a PDF page: its lines are the units
            out.extend(_Line(t.strip(), block.loc, None) for t in block.text.split("\n") if t.strip())
        else:
            out.append(_Line(block.text.strip(), block.loc, block.style))
    return out


def _heading_level(line: _Line) -> tuple[str | None, str]:
    """(kind of heading, title without numbering); kind None when the line is body text."""
    kind, title = p.heading_kind(line.text)
    style = (line.style or "").lower()
    if style.startswith(("heading", "title", "标题")):
        return kind or style, title
    if kind and len(p.norm(title)) <= labels().narrative_max_heading_chars:
        return kind, title
    return None, line.text


def _section_key(title: str) -> tuple[str, str, float] | None:
    key = p.norm(title)
    if not key or len(key) > labels().narrative_max_heading_chars:
        return None
    m = _matcher().match(key)
    if m is None or (m.confidence < 1 and len(key) - len(p.norm(m.synonym)) > 10):
        return None
    return m.key, m.synonym, m.confidence


def _dominant(starts: list[tuple[int, str, str | None, str]]) -> list[tuple[int, str, str | None, str]]:
    """Where a section is named at two heading levels, the level naming most sections wins:
    "（一）服务能力建设" inside 平台建设和运营情况 must not start the 服务能力 section."""
    kinds = {kind for _, _, kind, _ in starts if kind}
    if not kinds:
        return starts
    best = max(kinds, key=lambda k: len({key for _, key, kind, _ in starts if kind == k}))
    main_keys = {key for _, key, kind, _ in starts if kind == best}
    return [s for s in starts if s[2] == best or s[1] not in main_keys]


def extract_narratives(doc: ReadDocument) -> list[Narrative]:
    lines = _lines(doc)
    starts: list[tuple[int, str, str | None, str]] = []
    for i, line in enumerate(lines):
        kind, title = _heading_level(line)
        found = _section_key(title)
        if found and (kind or found[2] == 1):  # an unnumbered plain line must be the exact title
            starts.append((i, found[0], kind, title))
    starts = _dominant(starts)
    out: dict[str, Narrative] = {}
    limit = labels().narrative_max_chars
    for n, (i, key, kind, title) in enumerate(starts):
        end = starts[n + 1][0] if n + 1 < len(starts) else len(lines)
        body: list[str] = []
        for line in lines[i + 1:end]:
            other_kind, _ = _heading_level(line)
            if kind and other_kind == kind and not _section_key(line.text):
                break  # a sibling heading that is not a narrative (e.g. 附件清单)
            body.append(line.text)
        text = "\n".join(body).strip()
        if not text or (key in out and len(out[key].text) >= len(text)):
            continue
        source = Source.at(doc.file, lines[i].loc, lines[i].text, EXTRACTOR)
        out[key] = Narrative(key=key, title=title.strip() or labels().narratives[key].title,
                             text=text[:limit], source=source)
    order = list(labels().narratives)
    return sorted(out.values(), key=lambda nar: order.index(nar.key))
