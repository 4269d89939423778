"""The city bureau's 推荐表 (附件1) as .docx."""

from __future__ import annotations

from samplegen.docx_util import centered, new_document, table, to_bytes
from samplegen.model import FUNCTION_NAMES, Facts

BUREAUS = {
    "银川市": "银川市工业和信息化局", "石嘴山市": "石嘴山市工业和信息化局", "吴忠市": "吴忠市工业和信息化局",
    "固原市": "固原市工业和信息化局", "中卫市": "中卫市工业和信息化局",
}


def build_recommendation(f: Facts, score: int = 86, sign_date: str = "2026年3月25日") -> bytes:
    """附件1 推荐表: applicant data, 测评 results, 推荐单位意见 and the 市工信局 stamp line."""
    bureau = BUREAUS.get(f.city, f.recommending_unit)
    doc = new_document("示范平台推荐表", bureau)
    centered(doc, "附件1", 11)
    centered(doc, "自治区中小企业公共服务示范平台推荐表", 18, bold=True)
    centered(doc, f"推荐单位（盖章）：{bureau}", 12)
    funcs = "、".join(FUNCTION_NAMES[k] for k in f.functions)
    rows = [
        ["平台名称", f.platform_name],
        ["申报单位", f.unit_name],
        ["统一社会信用代码", f.uscc],
        ["所在地", f"{f.city}{f.county}"],
        ["主要服务功能", funcs],
        ["测评情况", f"经实地核查和综合测评，该平台测评得分{score}分（满分100分），其中服务能力{score // 3}分，"
                  f"服务业绩{score // 3 + 2}分，管理制度及示范作用{score - 2 * (score // 3) - 2}分。"],
        ["推荐单位意见", f"经审核，{f.unit_name}申报材料齐全，情况属实，符合《宁夏回族自治区中小企业公共服务示范平台"
                    f"认定管理办法》规定的条件，同意推荐。\n\n{bureau}（盖章）\n{sign_date}"],
        ["联系人及电话", "王　磊　0951-6038381"],
    ]
    table(doc, rows)
    doc.add_paragraph()
    doc.add_paragraph(f"市工信局（盖章）：{bureau}　　　　　　日期：{sign_date}")
    return to_bytes(doc)
