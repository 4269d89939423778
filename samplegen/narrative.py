"""Narrative paragraphs of the 附件2 report and of the 年度工作总结, built from the facts."""

from __future__ import annotations

from samplegen import fmt
from samplegen.model import FUNCTION_NAMES, Facts


def _functions(f: Facts) -> str:
    return "、".join(FUNCTION_NAMES[k] for k in f.functions) or "综合服务"


def sections(f: Facts, last_year: int) -> list[list[str]]:
    """Paragraphs for the six narrative sections, in template order."""
    funcs = _functions(f)
    est = fmt.cn_date(f.established_date)
    return [
        [
            f"{f.unit_name}成立于{est}，位于{f.city}{f.county}，{f.platform_name}由我单位建设和运营，"
            f"以服务{f.city}及周边地区中小企业为宗旨，重点提供{funcs}。",
            f"平台现有服务场所{f.premises_area:g}平方米，设有综合服务大厅、培训教室、洽谈室和线上服务中心，"
            f"配备必要的办公设备、服务器和专业软件，线上服务系统与线下服务窗口联动运行。",
            f"平台坚持“政府引导、市场运作、公益为主”的运营模式，已与{f.aggregated_agencies}家专业服务机构签订合作协议，"
            "形成了资源共享、优势互补的服务网络。",
        ],
        [
            f"平台现有从事中小企业服务人员{f.service_staff}人，其中大专及以上学历{f.staff_college_or_above}人，"
            f"中级及以上职称{f.staff_mid_title_or_above}人，形成了结构合理、专业互补的服务团队。",
            "平台建立了专家库和服务资源库，聘请高校、科研院所和行业协会的专家担任服务顾问，"
            "能够为企业提供政策解读、管理提升、技术对接等多层次服务。",
        ],
        [
            f"{last_year}年，平台共服务中小企业{f.smes_served_last_year}家（{last_year - 1}年为"
            f"{f.smes_served_prior_year}家），用户满意度达到{fmt.pct(f.satisfaction_rate, 'pct')}。",
            f"平台全年提供公益性或低收费服务占总服务量的{fmt.pct(f.public_benefit_share, 'pct')}，"
            f"上年度实现服务收入{fmt.money(f.service_income, 'wan_suffix')}。",
            "平台积极承办各级工信部门组织的政策宣贯、银企对接、管理诊断等活动，服务企业覆盖制造业、"
            "现代服务业、农产品加工等多个行业。",
        ],
        [
            f"平台立足{f.city}产业特点，在{funcs}等方面形成了特色，探索出“线上平台+线下窗口+专家团队”的服务模式。",
            "平台通过典型案例宣传和经验交流，带动了区域内其他服务机构提升服务水平，示范带动作用明显。",
        ],
        [
            f"今后三年，平台将进一步完善服务功能，力争年服务中小企业数量年均增长10%以上，"
            f"{last_year + 1}年计划服务中小企业{int(f.smes_served_last_year * 1.1)}家以上。",
            "平台将加强服务队伍建设，引进专业人才，推进服务标准化和信息化建设，争创国家级中小企业公共服务示范平台。",
        ],
        [
            "平台制定了《服务管理办法》《服务质量保证制度》《财务管理制度》《服务收费管理办法》等管理制度，"
            "服务流程规范、公开透明。",
            "对小型微型企业实行收费优惠，政策咨询、信息发布等基础服务免费提供，专业服务按不高于市场价的70%收取费用。",
        ],
    ]


def work_summary(f: Facts, last_year: int) -> list[str]:
    """Paragraphs of the 年度工作总结 used as service evidence."""
    ind = f.indicator_values
    lines = [
        f"{last_year}年，{f.platform_name}在各级工信部门的指导下，围绕中小企业需求开展{_functions(f)}，"
        f"全年服务中小企业{f.smes_served_last_year}家。",
    ]
    if "info_activities" in ind:
        lines.append(f"全年组织开展政策宣讲、信息发布等服务活动{ind['info_activities']}次，"
                     f"线下服务企业{ind.get('info_offline_smes', 0)}家。")
    if "tech_activities" in ind:
        lines.append(f"开展技术洽谈、检验检测、技术推广等服务活动{ind['tech_activities']}次。")
    if "entrepreneurship_activities" in ind:
        lines.append(f"举办创业项目洽谈、推介活动{ind['entrepreneurship_activities']}次。")
    if "training_person_times" in ind:
        lines.append(f"举办各类培训班，累计培训{ind['training_person_times']}人次。")
    if "financing_activities" in ind:
        lines.append(f"组织银企对接、投融资推介活动{ind['financing_activities']}次，帮助企业融资"
                     f"{fmt.money(float(ind.get('financing_amount', 0)), 'wan_suffix')}。")
    if "consulting_activities" in ind:
        lines.append(f"开展公益性管理诊断咨询活动{ind['consulting_activities']}次。")
    if "market_enterprise_times" in ind:
        lines.append(f"组织企业参加展览展会、产品推介，服务企业{ind['market_enterprise_times']}家次。")
    lines.append(f"{last_year + 1}年，平台将继续完善服务体系，扩大服务覆盖面，提升服务质量。")
    return lines
