"""Text PDFs that bound applications need besides the usual documents: the three lists
and the 推荐表 as PDF pages, a bundle's cover and 目录, a 不动产权证书, a 场地使用证明,
a service agreement, staff credentials and an honour certificate.

Titles and list headers can be varied (the material catalogue in
samplegen/material_catalogue.yaml gives other wordings), so the classifier is tested
on what documents are, not on the one wording we write by default.
"""

from __future__ import annotations

from datetime import date

from samplegen import fmt
from samplegen.model import FUNCTION_NAMES, Facts
from samplegen.pdf_base import CENTER, PLAIN, RIGHT, gap, kv_table, para, render, ruled_table, title
from samplegen.recommend_docx import BUREAUS

STAFF_HEADER = ["序号", "姓名", "性别", "学历", "职称", "岗位"]
CLIENT_HEADER = ["序号", "企业名称", "服务内容", "服务协议编号", "满意度评价"]
EQUIP_HEADER = ["序号", "设备名称", "规格型号", "数量", "购置时间"]


def build_staff_pdf(f: Facts, head: str = "主要管理人员和专业技术人员名单", header: list[str] | None = None) -> bytes:
    rows = [header or STAFF_HEADER]
    rows += [[str(i), p.name, "女" if p.female else "男", p.education, p.title, p.post] for i, p in enumerate(f.staff, 1)]
    story = [title(head), para(f"填报单位：{f.unit_name}", PLAIN), gap(2), ruled_table(rows, [12, 26, 14, 28, 38, 40])]
    return render(story, head, f.unit_name)


def build_client_pdf(f: Facts, head: str = "签订服务协议的中小企业名单及服务满意度评价",
                     header: list[str] | None = None, repeat_header: bool = True) -> bytes:
    """The client list; many forms print its header on the first page only (repeat_header=False)."""
    rows = [header or CLIENT_HEADER]
    rows += [[str(i), c[0], c[2], c[3], c[4]] for i, c in enumerate(f.clients, 1)]
    story = [title(head), para(f"填报单位：{f.unit_name}", PLAIN), gap(2), ruled_table(rows, [12, 62, 36, 32, 24], repeat_header=repeat_header)]
    return render(story, head, f.unit_name)


def build_equipment_pdf(f: Facts, head: str = "主要服务设施、软件及仪器设备清单", header: list[str] | None = None) -> bytes:
    rows = [header or EQUIP_HEADER]
    rows += [[str(i), e[0], e[1], str(e[2]), e[3]] for i, e in enumerate(f.equipment, 1)]
    story = [title(head), para(f"填报单位：{f.unit_name}", PLAIN), gap(2), ruled_table(rows, [12, 56, 44, 18, 30])]
    return render(story, head, f.unit_name)


def build_recommendation_pdf(f: Facts, score: int = 86) -> bytes:
    bureau = BUREAUS.get(f.city, f.recommending_unit)
    pairs = [
        ("平台名称", f.platform_name),
        ("申报单位", f.unit_name),
        ("统一社会信用代码", f.uscc),
        ("主要服务功能", "、".join(FUNCTION_NAMES[k] for k in f.functions)),
        ("测评情况", f"经实地核查和综合测评，该平台测评得分{score}分。"),
        ("推荐单位意见", f"经审核，{f.unit_name}申报材料齐全，情况属实，同意推荐。{bureau}（盖章）"),
    ]
    story = [para("附件1", PLAIN), title("自治区中小企业公共服务示范平台推荐表"), para(f"推荐单位（盖章）：{bureau}", CENTER),
             gap(3), kv_table(pairs)]
    return render(story, "推荐表", bureau)


def build_cover(f: Facts) -> bytes:
    story = [gap(60), title("自治区中小企业公共服务示范平台"), title("申报材料"), gap(30),
             para(f"申报单位：{f.unit_name}", CENTER), para(f"平台名称：{f.platform_name}", CENTER),
             para("二〇二六年三月", CENTER)]
    return render(story, "申报材料", f.unit_name)


def build_toc(entries: list[tuple[str, int, int]], head: str = "目　录") -> bytes:
    """A 目录 page: one line per entry, "title …… first-last"."""
    story = [title(head), gap(4)]
    for n, (name, first, last) in enumerate(entries, 1):
        pages = f"{first}-{last}" if last > first else f"{first}"
        story.append(para(f"{n}、{name}……………………{pages}", PLAIN))
    return render(story, "目录")


def build_property_certificate(f: Facts) -> list[tuple[str, str]]:
    """The rows of a 不动产权证书 for the premises (drawn as an image by samplegen.scans)."""
    return [
        ("权利人", f.lessor),
        ("共有情况", "单独所有"),
        ("坐落", f.address),
        ("不动产单元号", "640106 003012 GB00021 F00010023"),
        ("权利类型", "国有建设用地使用权/房屋所有权"),
        ("权利性质", "出让/市场化商品房"),
        ("用途", "商务金融用地/办公"),
        ("面积", f"共有宗地面积3820.5㎡/房屋建筑面积{f.premises_area:g}㎡"),
        ("使用期限", "2010年05月01日起2050年04月30日止"),
    ]


def build_premises_certificate(f: Facts) -> bytes:
    """A 场地使用证明: the owner certifies the unit uses the premises free of charge."""
    story = [
        title("场地使用证明"),
        gap(6),
        para(
            f"兹证明{f.unit_name}在{f.address}办公，使用面积{f.premises_area:g}平方米，该场地由我单位无偿提供，"
            f"使用期限自{fmt.cn_date(f.lease_start)}起五年。"
        ),
        para("特此证明。"),
        gap(16),
        para(f"{f.lessor}（盖章）", RIGHT),
        para(fmt.cn_date(date(f.lease_start.year, 1, 5)), RIGHT),
    ]
    return render(story, "场地使用证明", f.lessor)


def build_service_agreement(f: Facts, client: str) -> bytes:
    story = [
        title("服务协议书"),
        para(f"委托方（甲方）：{client}", PLAIN),
        para(f"服务方（乙方）：{f.unit_name}", PLAIN),
        gap(3),
        para("一、服务内容：乙方为甲方提供政策咨询、管理诊断和融资对接服务。"),
        para("二、服务期限：自2025年3月1日起至2026年2月28日止。"),
        para("三、服务费用：乙方对甲方提供的公益性服务不收取费用。"),
        para("四、甲乙双方的权利和义务按本协议约定执行，未尽事宜另行协商。"),
        gap(12),
        para("甲方（盖章）：　　　　　　　乙方（盖章）：", PLAIN),
    ]
    return render(story, "服务协议", f.unit_name)
