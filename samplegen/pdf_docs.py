"""Text PDFs: licences and certificates, lease, declaration, qualifications, service evidence."""

from __future__ import annotations

from datetime import date

from samplegen import fmt, narrative
from samplegen.model import Facts
from samplegen.pdf_base import CENTER, PLAIN, RIGHT, gap, heading, kv_table, para, render, title

REGISTRARS = {
    "银川市": "银川市市场监督管理局",
    "石嘴山市": "石嘴山市市场监督管理局",
    "吴忠市": "吴忠市市场监督管理局",
    "固原市": "固原市市场监督管理局",
    "中卫市": "中卫市市场监督管理局",
}


def _capital(yuan: float) -> str:
    return f"人民币{fmt.wan(yuan):g}万元整"


def build_licence(f: Facts) -> bytes:
    """营业执照 (副本), 分公司营业执照, 事业单位法人证书, 社会团体 / 民办非企业单位登记证书 by the facts."""
    nature = f.unit_nature
    est = fmt.cn_date(f.established_date)
    if nature == "public_institution":
        head, pairs = (
            "事业单位法人证书",
            [
                ("统一社会信用代码", f.uscc),
                ("名　　称", f.unit_name),
                ("宗旨和业务范围", f.business_scope),
                ("住　　所", f.address),
                ("法定代表人", f.legal_representative),
                ("开办资金", f"￥{fmt.wan(f.registered_capital):g}万元"),
                ("经费来源", "财政补助"),
                ("举办单位", f.sponsor or ""),
                ("有效期", f"自{est}至2028年12月31日"),
            ],
        )
        org = f"{f.city}事业单位登记管理局"
    elif nature in ("social_organization", "private_non_enterprise"):
        head = "社会团体法人登记证书" if nature == "social_organization" else "民办非企业单位登记证书"
        pairs = [
            ("统一社会信用代码", f.uscc),
            ("名　　称", f.unit_name),
            ("住　　所", f.address),
            ("业务范围", f.business_scope),
            ("法定代表人", f.legal_representative),
            ("活动资金" if nature == "social_organization" else "开办资金", _capital(f.registered_capital)),
            ("业务主管单位", f.sponsor or ""),
            ("成立日期", est),
            ("有效期限", f"{est}至2029年6月30日"),
        ]
        org = "宁夏回族自治区民政厅" if f.city == "银川市" else f"{f.city}民政局"
    elif f.branch_of:
        head, pairs = (
            "营业执照",
            [
                ("统一社会信用代码", f.uscc),
                ("名　　称", f.unit_name),
                ("类　　型", "有限责任公司分公司（自然人投资或控股）"),
                ("负 责 人", f.legal_representative),
                ("经营范围", f.business_scope),
                ("成立日期", est),
                ("营业场所", f.address),
                ("隶属企业", f.branch_of),
            ],
        )
        org = REGISTRARS[f.city]
    else:
        head, pairs = (
            "营业执照",
            [
                ("统一社会信用代码", f.uscc),
                ("名　　称", f.unit_name),
                ("类　　型", "有限责任公司（自然人投资或控股）"),
                ("法定代表人", f.legal_representative),
                ("经营范围", f.business_scope),
                ("注册资本", _capital(f.registered_capital)),
                ("成立日期", est),
                ("营业期限", f"{est}至长期"),
                ("住　　所", f.address),
            ],
        )
        org = REGISTRARS[f.city]
    story = [
        title(head),
        para("（副　本）" if head == "营业执照" else "", CENTER),
        gap(4),
        kv_table(pairs, (38, 122)),
        gap(12),
        para(f"登记机关：{org}（盖章）", RIGHT),
        para(fmt.cn_date(date(2024, 6, 18)), RIGHT),
        gap(6),
        para("国家企业信用信息公示系统网址：http://www.gsxt.gov.cn", CENTER),
    ]
    return render(story, head, org)


def build_lease(f: Facts) -> bytes:
    """房屋租赁合同 for the service premises."""
    end = date(f.lease_start.year + f.lease_years, f.lease_start.month, f.lease_start.day)
    clauses = [
        f"第一条　出租方将位于{f.address}的房屋出租给承租方使用，租赁面积{f.premises_area:g}平方米，"
        "用途为办公及服务场所。",
        f"第二条　租赁期限自{fmt.cn_date(f.lease_start)}起至{fmt.cn_date(end)}止，共{f.lease_years}年。",
        f"第三条　月租金为人民币{f.monthly_rent:,.2f}元，按季度支付，承租方应于每季度首月10日前支付当季租金。",
        "第四条　租赁期间，房屋及附属设施的维修由出租方负责，水、电、物业等费用由承租方承担。",
        "第五条　租赁期满，承租方需继续租用的，应提前三个月书面通知出租方，同等条件下承租方享有优先承租权。",
        "第六条　本合同一式两份，双方各执一份，自双方签字盖章之日起生效。",
    ]
    story = [
        title("房屋租赁合同"),
        para(f"出租方（甲方）：{f.lessor}", PLAIN),
        para(f"承租方（乙方）：{f.unit_name}", PLAIN),
        gap(3),
        para(
            "根据《中华人民共和国民法典》及有关规定，甲乙双方在平等、自愿、协商一致的基础上，就房屋租赁事宜订立本合同。"
        ),
    ]
    story += [para(c) for c in clauses]
    story += [
        gap(12),
        para(f"甲方（盖章）：{f.lessor}　　　　乙方（盖章）：{f.unit_name}", PLAIN),
        para(f"签订日期：{fmt.cn_date(date(f.lease_start.year - 1, 12, 20))}", PLAIN),
    ]
    return render(story, "房屋租赁合同", f.lessor)


def build_declaration(f: Facts, sign_date: str = "2026年3月15日") -> bytes:
    """申报材料真实性声明 (加盖公章)."""
    story = [
        title("申报材料真实性声明"),
        gap(4),
        para("自治区工业和信息化厅：", PLAIN),
        para(
            f"我单位申报{f.platform_name}为自治区中小企业公共服务示范平台，现郑重声明：所提交的申报材料全部内容"
            "真实、准确、完整，不存在虚假记载、误导性陈述或重大遗漏。如有不实，我单位愿意承担相应的法律责任，"
            "并接受取消申报资格、撤销认定等处理。"
        ),
        para("特此声明。"),
        gap(16),
        para(f"申报单位（加盖公章）：{f.unit_name}", RIGHT),
        para(f"法定代表人（签字）：{f.legal_representative}", RIGHT),
        para(sign_date, RIGHT),
    ]
    return render(story, "申报材料真实性声明", f.unit_name)


def build_icp(f: Facts, domain: str = "nxsme-service.cn") -> bytes:
    """ICP备案 certificate text (as printed from the MIIT filing system)."""
    pairs = [
        ("主办单位名称", f.unit_name),
        ("主办单位性质", "企业" if f.unit_nature == "enterprise" else "事业单位"),
        ("ICP备案号", "宁ICP备2022000318号"),
        ("网站名称", f.platform_name),
        ("网站首页网址", f"www.{domain}"),
        ("网站域名", domain),
        ("审核通过日期", "2022-05-16"),
    ]
    story = [
        title("ICP备案信息"),
        para("工业和信息化部政务服务平台　ICP/IP地址/域名信息备案管理系统", CENTER),
        gap(4),
        kv_table(pairs),
        gap(8),
        para("发证机关：宁夏回族自治区通信管理局", RIGHT),
    ]
    return render(story, "ICP备案证明", f.unit_name)


def build_training_filing(f: Facts) -> bytes:
    """培训机构备案证明 (the training qualification of Article 7(4))."""
    story = [
        title("职业技能培训机构备案证明"),
        para("宁人社培备字〔2023〕第0157号", RIGHT),
        gap(4),
        para(
            f"{f.unit_name}（统一社会信用代码：{f.uscc}）申请的经营管理、市场营销、创业培训等培训项目，"
            "经审核，符合职业技能培训机构备案条件，准予备案。"
        ),
        kv_table(
            [
                ("机构名称", f.unit_name),
                ("培训地址", f.address),
                ("备案培训项目", "企业经营管理、市场营销、创业培训"),
                ("备案有效期", "2023年7月1日至2026年6月30日"),
            ]
        ),
        gap(10),
        para("发证机关：宁夏回族自治区人力资源和社会保障厅（盖章）", RIGHT),
        para("2023年6月26日", RIGHT),
    ]
    return render(story, "培训机构备案证明", f.unit_name)


def build_evidence(f: Facts, last_year: int = 2025) -> bytes:
    """活动通知 (two notices) followed by the 年度工作总结."""
    notices = [
        (f"关于举办{last_year}年中小企业政策宣讲会的通知", f"{last_year}年4月18日", "平台一楼报告厅"),
        (f"关于开展{last_year}年“专精特新”企业服务对接活动的通知", f"{last_year}年9月12日", f"{f.city}会展中心"),
    ]
    story: list = []
    for head, when, where in notices:
        story += [
            title("活动通知"),
            heading(head),
            para("各有关企业：", PLAIN),
            para(
                f"为帮助中小企业用好用足各项政策，{f.platform_name}定于{when}在{where}举办本次活动，"
                "请各企业安排相关负责人参会，并于活动前3日报名。"
            ),
            para(f"联系人：{f.contact_person}", PLAIN),
            gap(6),
            para(f.unit_name, RIGHT),
            gap(12),
        ]
    story += [title(f"{f.platform_name}{last_year}年度工作总结")]
    story += [para(p) for p in narrative.work_summary(f, last_year)]
    story += [gap(8), para(f.unit_name, RIGHT), para(f"{last_year + 1}年1月10日", RIGHT)]
    return render(story, "活动通知及工作总结", f.unit_name)
