"""The 补正材料通知 (completeness checklist): every deficiency at once (行政许可法第三十二条)."""

from __future__ import annotations

from datetime import date

import chinese_calendar

from ..models import ApplicationResult, ListPart, MaterialEntry, MaterialStatus, MaterialType
from ..reference import material_catalog
from .common import cn_index, inconsistency_texts, issue_date, material_order, problems_by_file, unit_name
from .config import labels, settings
from .formatting import fmt_day
from .masking import mask_personal as mask

READABLE_COPY = "请重新提交可正常打开、内容清晰的文件（PDF、Word、Excel或清晰的图片），不要加密或设置打开密码。"


def deadline_text(issued: date) -> str:
    days = settings().supplement_working_days
    text = f"请于收到本通知之日起{days}个工作日内"
    try:
        due = chinese_calendar.find_workday(days, issued)
        text += f"（即{fmt_day(due)}前）"
    except NotImplementedError:
        pass  # the holiday calendar does not cover that year: state the period only
    return text + "，将补正材料按上述要求一次性报送所在市工信局（宁东基地管委会），逾期未补正的视为放弃申报。"


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


def _item(material: MaterialType, entry: MaterialEntry | None, problems: list[str]) -> dict:
    spec = material_catalog().spec(material)
    status = entry.status if entry else MaterialStatus.missing
    files = list(entry.files) if entry else []
    lines: list[str] = []
    if status == MaterialStatus.missing:
        lines.append("未在申报材料中发现该项材料。")
    elif status == MaterialStatus.unreadable:
        lines.append("以下文件无法读取：" + "、".join(files) + "。" if files else "该项材料的文件无法读取。")
    elif status == MaterialStatus.partial and entry:
        lines.append("该项材料不完整，缺少以下部分：")
        lines.extend(_part_lines(entry))
    if entry:
        lines.extend(mask(n) for n in entry.notes)
    lines.extend(mask(p) for p in problems)
    if status != MaterialStatus.present:
        if status == MaterialStatus.unreadable:
            lines.append(READABLE_COPY)
        lines.append("应补正：" + spec.supply)
    return {
        "code": material.value,
        "name": spec.name,
        "article": spec.article,
        "status": labels().of("material_status", status),
        "status_code": status.value,
        "files": "、".join(files) if files else "无",
        "deficient": status != MaterialStatus.present,
        "lines": lines,
    }


def checklist_context(result: ApplicationResult) -> dict:
    """Everything the checklist template needs; strings are plain (the renderer escapes)."""
    by_material, general = problems_by_file(result)
    items = [_item(m, result.materials.get(m), by_material.get(m, [])) for m in material_order()]
    deficient = [i for i in items if i["deficient"]]
    for n, item in enumerate(deficient, 1):
        item["heading"] = f"{cn_index(n)}、{item['name']}（{item['article']}）：{item['status']}"
    unassigned = [
        f"{f.file}：{f.problem or '无法读取'}"
        for f in result.files
        if not f.readable and f.material is None and not any(f.file in p for p in result.problems)
    ]
    inconsistencies = inconsistency_texts(result)
    issued = issue_date(result.as_of)
    cfg = settings()
    complete = not deficient
    if complete and not inconsistencies:
        intro = "经审查，你单位报送的申报材料齐全，无需补正。"
    elif complete:
        intro = "经审查，你单位报送的申报材料齐全，无需补正材料；但申报材料中存在前后不一致的情况，需要你单位作出说明。"
    else:
        intro = (
            "经审查，你单位报送的自治区中小企业公共服务示范平台申报材料尚不齐全或不符合要求。"
            "根据《中华人民共和国行政许可法》第三十二条的规定，现将需要补正的全部内容一次性告知如下："
        )
    return {
        "title": cfg.checklist_title if (deficient or inconsistencies) else cfg.checklist_title_complete,
        "addressee": unit_name(result),
        "applicant_id": result.applicant_id,
        "intro": intro,
        "complete": complete,
        "items": items,
        "deficient": deficient,
        "other_problems": [mask(p) for p in general + unassigned],
        "inconsistencies": [mask(x) for x in inconsistencies],
        "explain_text": "申报材料中存在以下前后不一致的情况，请核实并作出书面说明，必要时提交更正后的材料：",
        "deadline": deadline_text(issued) if (deficient or inconsistencies or general) else "",
        "department": cfg.department,
        "office": cfg.office,
        "contact": cfg.contact,
        "date": fmt_day(issued),
    }
