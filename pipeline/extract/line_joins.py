"""Lines of a text layer or an OCR'd page put back together before they are read.

OCR (and some PDF writers) break a table's wrapped cells into lines of their own: a label's
second line under it ("上年度服务中小企" over "业数量(2025年)"), a text value's tail, a check-box
answer over two lines, its label on the second, an option's name broken between them. These
joins are by shape only (labels, figures, options as concepts.py and values.py read them).
"""

from __future__ import annotations

from ..reference import field_catalog
from . import matching as mt
from . import patterns as p
from .concepts import PAIR, concepts, function_in, interpret
from .config import labels
from .typed import value_like
from .values import options_in


def join_wrapped(lines: list[str]) -> list[str]:
    """OCR lines of a table whose cells wrap: the second lines of the cells come as a line of their
    own. "上年度服务中小企 86 前年度服务中小企 72" over "业数量(2025年) 业数量(2024年)": as many
    short word pieces as the line above has labels, no figure among them, complete those labels;
    "注册地址 宁夏银川市金凤区宁安大街" over "490号智慧产业园A座6层": one piece under a label and
    its text completes the text."""
    out: list[str] = []
    for line in lines:
        joined = _completed(out[-1], line) if out else None
        if joined is not None:
            out[-1] = joined
        else:
            out.append(line)
    return out


def _completed(above: str, line: str) -> str | None:
    tokens, pieces = above.split(), line.split()
    if not tokens or not pieces or ":" in line or "：" in line or p.heading_kind(line.strip())[0]:
        return None
    if any(not p.has_cjk(t) or interpret(t) or mt.has_checkbox(t) or function_in(t) for t in pieces):
        return None  # a line of its own: a label, an option, a function's row
    vocab = concepts()
    if len(tokens) == 2 and len(pieces) == 1 and len(p.norm(pieces[0])) <= vocab.wrap_value_piece_max \
            and not value_like(tokens[1]):
        reading = interpret(tokens[0])
        if reading is not None and not reading.target.startswith(PAIR) \
                and field_catalog().fields[reading.target].type == "text":
            return f"{tokens[0]} {tokens[1]}{pieces[0]}"  # a text value wrapped in its cell
    if any(len(p.norm(t)) > vocab.wrap_label_piece_max or value_like(p.strip_years(t)) for t in pieces):
        return None
    labels = [n for n, t in enumerate(tokens) if not value_like(t)]
    if not labels or not all(n + 1 < len(tokens) and value_like(tokens[n + 1]) for n in labels):
        return None  # not a row of "label figure" pairs
    if len(labels) != len(pieces):
        labels = [n for n in labels if _unfinished(tokens[n])]  # "其中中级及以上职 9 集聚服务机构数 6" over "称"
    if len(labels) != len(pieces):
        return None
    for n, piece in zip(labels, pieces, strict=True):
        tokens[n] += piece
    return " ".join(tokens)


def _unfinished(label: str) -> bool:
    """A label cut by its cell's edge: it names no field surely, or a bracket stays open."""
    reading = interpret(label)
    return reading is None or reading.score < 1 or label.count("(") + label.count("（") > label.count(")") + label.count("）")


def join_option_lines(lines: list[str]) -> list[str]:
    """A check-box answer wrapped over lines ("申报功能：□信息服务 ☑技术服务 …" then "□融资服务
    ☑咨询服务 □市场服务") as one line: a line of boxed options with no label of its own continues
    the line above it (else the wrapped options were read as a second, conflicting answer, or lost)."""
    out: list[str] = []
    for line in lines:
        if out and (glued := _glued(out[-1], line)):
            out[-1], line = glued
        if out and _continues_options(out[-1], line):
            out[-1] = out[-1].rstrip() + " " + line.strip()
        elif out and _label_below_options(out[-1], line):
            # OCR of a two-line cell: its label, centred, sits on the second line
            # ("□信息服务 …□融资服" over "申报功能 务 □咨询服务"); "融资服" + "务" join unspaced
            label, _, rest = line.strip().partition(" ")
            out[-1] = f"{label} {out[-1].strip()}{rest.strip()}"
        else:
            out.append(line)
    return out


def _glued(before: str, line: str) -> tuple[str, str] | None:
    """"…□融资服" over "务 □咨询服务": the first characters of a line that finish the option the
    line above broke off go back to it (one or two characters, before the line's first box)."""
    if not (mt.has_checkbox(before) and mt.has_checkbox(line)):
        return None
    stripped = line.strip()
    marks = labels().checkbox
    cut = next((n for n, ch in enumerate(stripped) if ch in marks.checked + marks.unchecked + marks.unclear), 0)
    head = stripped[:cut].strip()
    if not 0 < len(head) <= 2 or not p.has_cjk(head):
        return None
    last = before.split()[-1] if before.split() else ""
    whole = options_in(last + head).get("functions", (0, 0.0))[1]
    if whole < 0.99 or options_in(head).get("functions", (0, 0.0))[1] >= 0.99:
        return None  # "融资服" + "务", "☑培训" + "服务": an option whole with them, and they no option alone
    return before.rstrip() + head, stripped[cut:]


def _label_below_options(before: str, line: str) -> bool:
    """A line of boxed options with no label, then a line opening with a label whose rest holds
    boxed options too."""
    label, _, rest = line.strip().partition(" ")
    if ":" in before or "：" in before or not (mt.has_checkbox(before) and mt.has_checkbox(rest)):
        return False
    if not any(count >= 2 and share >= 0.75 for count, share in options_in(before).values()):
        return False
    return interpret(label) is not None and not options_in(label).get("functions", (0, 0.0))[0]


def _continues_options(before: str, line: str) -> bool:
    """Two or more boxed options of one answer, nothing else, after a line with boxes that
    names options of the same answer (functions after functions, never after 单位性质)."""
    if ":" in line or "：" in line or not (mt.has_checkbox(before) and mt.has_checkbox(line)):
        return False
    here, above = options_in(line), options_in(before)
    return any(count >= 2 and share >= 0.75 and above.get(name, (0, 0.0))[0] >= 1
               for name, (count, share) in here.items())
