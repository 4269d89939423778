"""The 补正材料通知 (completeness checklist) as a 公文 (GB/T 9704-2012): every deficiency at once.

Two kinds: 补正材料通知 when a material is missing, unreadable or incomplete (or another problem
needs the applicant to act), with a deadline; 审查情况告知 when nothing is missing, never with a
deadline or a forfeiture warning. The legal basis is a setting (settings.legal_basis): the
certification is no administrative licence, so 《行政许可法》 is not cited; the one-time notice
is the department's practice under the 办法. Every sentence comes from wording_zh.yaml (notice:).
"""

from __future__ import annotations

from datetime import date

import chinese_calendar

from ...models import ApplicationResult, ListPart, MaterialEntry, MaterialStatus, MaterialType
from ...privacy.mask import mask_personal as mask
from ...reference import MaterialSpec, material_catalog
from ..common.config import labels, settings
from ..common.formatting import fmt_day, keep_together
from ..common.texts import (
    cn_index,
    issue_date,
    material_inconsistency_texts,
    material_order,
    problems_by_file,
    registry_texts,
    unit_name,
)
from ..common.wording import for_people
from ..common.wording import wording as people_wording


def deadline_text(issued: date, explain_only: bool = False) -> str:
    """The deadline: N working days from the issue date (statutory holidays and make-up working
    days per chinesecalendar); outside its years the period alone is stated (no blank to fill).
    `explain_only`: the 审查情况告知 asking for a written explanation — a time, never a forfeiture."""
    days = settings().supplement_working_days
    texts = people_wording().notice
    key = "explain_deadline" if explain_only else "deadline"
    try:
        due = chinese_calendar.find_workday(days, issued)
    except NotImplementedError:
        return texts[f"{key}_open"].format(days=days)
    return texts[key].format(date=fmt_day(due), days=days)


def _part_lines(entry: MaterialEntry) -> list[str]:
    if not entry.parts:
        return []
    catalog = material_catalog()
    lines = []
    for part in ListPart:
        status = entry.parts.get(part, MaterialStatus.missing)
        if status != MaterialStatus.present:
            lines.append(f"{catalog.part_name(part)}：{labels().of('material_status', status)}。")
    return lines


def _supply_unreadable(spec: MaterialSpec, entry: MaterialEntry | None) -> str:
    """A readable copy of THIS material; for files a limit kept from being read, what to do instead."""
    wording = material_catalog().wording
    if entry is not None and entry.not_read and len(entry.not_read) >= len(entry.files):
        return wording.not_read_supply
    return wording.readable_copy.format(name=spec.name)


def _item(material: MaterialType, entry: MaterialEntry | None, problems: list[str]) -> dict:
    """One Article 11 item: what was found, what is wrong with it and what to supply."""
    spec = material_catalog().spec(material)
    wording = material_catalog().wording
    status = entry.status if entry else MaterialStatus.missing
    files = list(entry.files) if entry else []
    lines: list[str] = []
    if files:
        lines.append(people_wording().notice["received"].format(files="、".join(mask(for_people(f)) for f in files)))
    if status == MaterialStatus.missing:
        lines.append("存在的问题：未在申报材料中发现该项材料。")
    elif status == MaterialStatus.unreadable and not files:
        lines.append("存在的问题：" + wording.elsewhere_problem)
    elif status == MaterialStatus.unreadable and entry and entry.not_read and len(entry.not_read) >= len(files):
        lines.append("存在的问题：" + wording.not_read_problem)
    elif status == MaterialStatus.unreadable:
        lines.append("存在的问题：上述文件无法读取。")
    elif status == MaterialStatus.partial and entry and entry.parts:
        lines.append("存在的问题：该项材料不完整，缺少以下部分：")
        lines.extend(_part_lines(entry))
    elif status == MaterialStatus.partial:
        lines.append("存在的问题：该项材料不完整。")
    notes = [mask(n) for n in (entry.notes if entry else [])] + [mask(p) for p in problems]
    lines.extend(f"原因：{n}" if status == MaterialStatus.unreadable else f"说明：{n}" for n in notes)
    if status == MaterialStatus.unreadable:
        lines.append("应补正：" + _supply_unreadable(spec, entry))
    elif status == MaterialStatus.partial and spec.requires is not None and not entry.parts:
        lines.append("应补正：" + spec.requires.supply)
    elif status == MaterialStatus.partial and entry and entry.parts:
        catalog = material_catalog()
        gaps = [
            catalog.part_name(p)
            for p in ListPart
            if entry.parts.get(p, MaterialStatus.missing) != MaterialStatus.present
        ]
        lines.append("应补正：请补充提交" + "；".join(gaps) + "（已收到的部分无需重复提交）。")
    elif status != MaterialStatus.present and spec.sent_by:  # the city bureau's, not the applicant's
        lines.append("说明：" + spec.supply)
    elif status != MaterialStatus.present:
        lines.append("应补正：" + spec.supply)
    elif problems:
        lines.append("应补正：请核实上述问题，必要时重新提交该项材料。")
    return {
        "code": material.value,
        "name": spec.name,
        "article": spec.article,
        "status": labels().of("material_status", status),
        "status_code": status.value,
        "files": "、".join(mask(for_people(f)) for f in files) if files else people_wording().notice["none_received"],
        "deficient": status != MaterialStatus.present or bool(problems),
        "form": spec.form if status in (MaterialStatus.missing, MaterialStatus.unreadable) else None,
        "lines": lines,
    }


def _copy_to(result: ApplicationResult) -> str:
    """抄送: the recommending bureau as the application names it, else the city's 工信局."""
    recommending = result.value("recommending_unit")
    if recommending:
        return mask(str(recommending))
    city = result.value("city")
    return f"{city}工业和信息化局" if city else ""


def _sections(*present: tuple[str, bool]) -> dict[str, str]:
    """Number the notice's level-1 headings (一、二、…) over the sections actually shown."""
    titles = people_wording().notice["sections"]
    out, n = {}, 0
    for key, shown in present:
        if shown:
            n += 1
            out[f"sec_{key}"] = f"{cn_index(n)}、{titles[key]}"
        else:
            out[f"sec_{key}"] = ""
    return out


def notice_number(result: ApplicationResult) -> str:
    """The 文号: the one the batch gave this application (results.jsonl), else the first of the
    register (an application rendered on its own)."""
    if result.notice_number:
        return result.notice_number
    cfg = settings()
    return cfg.notice_number(issue_date(result.as_of).year, cfg.notice_number_start)


def checklist_context(result: ApplicationResult) -> dict:
    """Everything the checklist template needs; strings are plain (the renderer escapes)."""
    texts = people_wording().notice
    by_material, general = problems_by_file(result)
    items = [_item(m, result.materials.get(m), by_material.get(m, [])) for m in material_order()]
    deficient = [i for i in items if i["deficient"]]
    for n, item in enumerate(deficient, 1):
        item["heading"] = f"（{cn_index(n)}）{item['name']}（{item['article']}）：{item['status']}"
    unassigned = [
        f"{f.file}：{f.problem or '无法读取'}"
        for f in result.files
        if not f.readable and f.material is None and not any(f.file in p for p in result.problems)
    ]
    inconsistencies = material_inconsistency_texts(result)
    other = [mask(p) for p in general + unassigned + registry_texts(result)]
    issued = issue_date(result.as_of)
    cfg = settings()
    # 补正材料通知 when the applicant must supply or correct something; else 审查情况告知.
    supplement = bool(deficient or other)
    kind = "supplement" if supplement else "status"
    if supplement:
        intro = texts["intro"]["supplement"].format(basis=cfg.legal_basis)
    elif inconsistencies:
        intro = texts["intro"]["status_explain"]
    else:
        intro = texts["intro"]["status"]
    sections = _sections(
        ("overview", True),
        ("deficient", bool(deficient)),
        ("explain", bool(inconsistencies)),
        ("other", bool(other)),
        ("deadline", supplement),
        ("explain_deadline", not supplement and bool(inconsistencies)),
    )
    if supplement:
        deadline = deadline_text(issued)
    elif inconsistencies:
        deadline = deadline_text(issued, explain_only=True)
    else:
        deadline = ""
    forms = list(dict.fromkeys(i["form"] for i in deficient if i["form"]))
    attachments = [f"{n}．{form}" if len(forms) > 1 else form for n, form in enumerate(forms, 1)]
    return _unbroken({
        "kind": kind,
        "issuer_mark": cfg.issuer_mark,
        "doc_number": notice_number(result),
        "title": texts["title"][kind],
        "addressee": unit_name(result),
        "intro": intro,
        "complete": not deficient,
        "items": items,
        "deficient": deficient,
        "other_problems": other,
        "inconsistencies": [mask(x) for x in inconsistencies],
        "explain_text": texts["explain_text"],
        "closing": texts["closing"][kind],
        "deadline": deadline,
        "requirements": cfg.supplement_requirements if supplement else "",
        **sections,
        "sec_deadline": sections["sec_deadline"] or sections["sec_explain_deadline"],
        "attachment_label": texts["attachments"] if attachments else "",
        "attachment_first": attachments[0] if attachments else "",
        "attachment_rest": attachments[1:],
        "department": cfg.department,
        "office": cfg.office,
        "note": texts["note"].format(contact=cfg.contact),
        "cc": texts["cc"].format(cc=_copy_to(result)) if _copy_to(result) else "",
        "printing_office": cfg.printing_office,
        "printed": texts["printed"].format(date=fmt_day(issued)),
        "date": fmt_day(issued),
    })


def _unbroken(context: dict) -> dict:
    """The notice's own sentences (deadline, date, 附注, 版记) with dates and phone numbers kept on
    one line; what the applicant's files say (names, notes) is left as it is, so it can be
    copied and searched."""
    return {k: keep_together(v) if k in _SENTENCES else v for k, v in context.items()}


_SENTENCES = {"intro", "deadline", "requirements", "note", "date", "printed", "doc_number"}
