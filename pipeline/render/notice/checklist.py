"""The 补正材料通知 (completeness checklist): every deficiency at once (行政许可法第三十二条)."""

from __future__ import annotations

from datetime import date

import chinese_calendar

from ...models import ApplicationResult, ListPart, MaterialEntry, MaterialStatus, MaterialType
from ...privacy.mask import mask_personal as mask
from ...reference import MaterialSpec, material_catalog
from ..common.config import labels, settings
from ..common.formatting import fmt_day
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


def deadline_text(issued: date) -> str:
    """The supplement deadline: N working days from the issue date (statutory holidays and
    make-up working days per chinesecalendar); outside its years the period alone is stated."""
    days = settings().supplement_working_days
    try:
        due = chinese_calendar.find_workday(days, issued)
    except NotImplementedError:
        return (
            f"请于本通知印发之日起{days}个工作日内（截止日期：＿＿＿＿年＿＿月＿＿日），"
            "将补正材料一次性报送所在市工业和信息化局（宁东基地管委会）；逾期未补正的，视为放弃申报。"
        )
    return (
        f"请于{fmt_day(due)}前（本通知印发之日起{days}个工作日内），将补正材料一次性报送所在市工业和信息化局"
        "（宁东基地管委会）；逾期未补正的，视为放弃申报。"
    )


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
        lines.append("已收到的文件：" + "、".join(mask(for_people(f)) for f in files) + "。")
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
        "files": "、".join(mask(for_people(f)) for f in files) if files else "无",
        "deficient": status != MaterialStatus.present or bool(problems),
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
    out, n = {}, 0
    for key_title, shown in present:
        key, title = key_title.split("|")
        if shown:
            n += 1
            out[key] = f"{cn_index(n)}、{title}"
        else:
            out[key] = ""
    return out


def checklist_context(result: ApplicationResult) -> dict:
    """Everything the checklist template needs; strings are plain (the renderer escapes)."""
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
    complete = not deficient
    to_do = bool(deficient or inconsistencies or other)
    if not to_do:
        intro = "经审查，你单位报送的自治区中小企业公共服务示范平台申报材料齐全，无需补正。"
    elif complete and not other:
        intro = (
            "经审查，你单位报送的自治区中小企业公共服务示范平台申报材料齐全，无需补正材料；"
            "但申报材料中存在前后不一致的情况，需要你单位作出说明。"
        )
    else:
        intro = (
            "经审查，你单位报送的自治区中小企业公共服务示范平台申报材料尚不齐全或不符合要求。"
            "根据《中华人民共和国行政许可法》第三十二条的规定，现将需要补正的全部内容一次性告知如下："
        )
    sections = _sections(
        ("sec_overview|申报材料核对情况", True),
        ("sec_deficient|需要补正的材料", bool(deficient)),
        ("sec_explain|需要说明的情况", bool(inconsistencies)),
        ("sec_other|其他问题", bool(other)),
        ("sec_deadline|补正期限及要求", to_do),
    )
    return {
        "title": cfg.checklist_title if to_do else cfg.checklist_title_complete,
        "addressee": unit_name(result),
        "applicant_id": result.applicant_id,
        "intro": intro,
        "complete": complete,
        "items": items,
        "deficient": deficient,
        "other_problems": other,
        "inconsistencies": [mask(x) for x in inconsistencies],
        "explain_text": "申报材料中存在以下前后不一致的情况，请核实并作出书面说明（加盖公章），必要时提交更正后的材料：",
        "deadline": deadline_text(issued) if to_do else "",
        "requirements": cfg.supplement_requirements,
        **sections,
        "department": cfg.department,
        "office": cfg.office,
        "contact": cfg.contact,
        "cc": _copy_to(result) if to_do else "",
        "date": fmt_day(issued),
    }
