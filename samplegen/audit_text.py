"""Wording of audit opinions (the five types of the domain reference) per unit nature."""

from __future__ import annotations

from samplegen.model import Facts

STANDARDS = {
    "enterprise": "企业会计准则",
    "public_institution": "政府会计准则制度",
    "social_organization": "民间非营利组织会计制度",
    "private_non_enterprise": "民间非营利组织会计制度",
}
ADDRESSEE = {
    "enterprise": "全体股东",
    "public_institution": "",
    "social_organization": "理事会",
    "private_non_enterprise": "理事会",
}
OPINION_TITLES = {
    "standard_unqualified": "审计意见",
    "unqualified_with_emphasis": "审计意见",
    "qualified": "保留意见",
    "adverse": "否定意见",
    "disclaimer": "无法表示意见",
}


def statement_names(nature: str) -> tuple[str, str]:
    """(balance sheet title, income statement title) for the unit's accounting standard."""
    if nature == "enterprise":
        return "资产负债表", "利润表"
    if nature == "public_institution":
        return "资产负债表", "收入费用表"
    return "资产负债表", "业务活动表"


def opinion_paragraphs(f: Facts, year: int, opinion: str) -> list[tuple[str, list[str]]]:
    """(section heading, paragraphs) of the audit report body for ``opinion``."""
    unit = f.unit_name
    std = STANDARDS[f.unit_nature]
    income = statement_names(f.unit_nature)[1]
    scope = (
        f"我们审计了{unit}（以下简称“贵单位”）财务报表，包括{year}年12月31日的资产负债表，"
        f"{year}年度的{income}、现金流量表以及相关财务报表附注。"
    )
    fair = (
        f"后附的财务报表在所有重大方面按照{std}的规定编制，公允反映了贵单位{year}年12月31日的财务状况"
        f"以及{year}年度的经营成果和现金流量。"
    )
    basis = (
        "我们按照中国注册会计师审计准则的规定执行了审计工作。审计报告的“注册会计师对财务报表审计的责任”部分"
        "进一步阐述了我们在这些准则下的责任。按照中国注册会计师职业道德守则，我们独立于贵单位，并履行了职业道德方面的"
        "其他责任。我们相信，我们获取的审计证据是充分、适当的，为发表审计意见提供了基础。"
    )
    title = OPINION_TITLES[opinion]
    if opinion in ("standard_unqualified", "unqualified_with_emphasis"):
        out = [("一、审计意见", [scope, "我们认为，" + fair]), ("二、形成审计意见的基础", [basis])]
        if opinion == "unqualified_with_emphasis":
            out.append(
                (
                    "三、强调事项",
                    [
                        f"我们提醒财务报表使用者关注，如财务报表附注五所述，贵单位{year}年末应收政府补助款项金额较大，"
                        "其回收时间存在不确定性。本段内容不影响已发表的审计意见。"
                    ],
                )
            )
        return out
    if opinion == "qualified":
        return [
            ("一、保留意见", [scope, "我们认为，除“形成保留意见的基础”部分所述事项可能产生的影响外，" + fair]),
            (
                "二、形成保留意见的基础",
                [
                    f"贵单位{year}年12月31日资产负债表中列示的其他应收款余额较大，我们无法就该款项的可收回性获取充分、适当的"
                    "审计证据，因此无法确定是否有必要对该金额作出调整。",
                    basis.replace("发表审计意见", "发表保留意见"),
                ],
            ),
        ]
    if opinion == "adverse":
        return [
            (
                "一、否定意见",
                [
                    scope,
                    f"我们认为，由于“形成否定意见的基础”部分所述事项的重要性，后附的财务报表没有在所有重大方面"
                    f"按照{std}的规定编制，未能公允反映贵单位{year}年12月31日的财务状况以及{year}年度的经营成果。",
                ],
            ),
            (
                "二、形成否定意见的基础",
                ["贵单位未对长期挂账的应收款项计提坏账准备，亦未确认相关负债，该事项对财务报表影响重大且具有广泛性。"],
            ),
        ]
    return (
        [
            (
                "一、无法表示意见",
                [
                    f"我们接受委托，审计{unit}财务报表。我们不对后附的贵单位财务报表发表审计意见。"
                    "由于“形成无法表示意见的基础”部分所述事项的重要性，我们无法获取充分、适当的审计证据以作为"
                    "对财务报表发表审计意见的基础。"
                ],
            ),
            ("二、形成无法表示意见的基础", ["贵单位未能提供完整的会计账簿和原始凭证，我们无法实施必要的审计程序。"]),
        ]
        if opinion == "disclaimer"
        else [(title, [scope])]
    )
