"""Realistic ApplicationResult objects for the render tests (and a check that they are valid)."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline.models import (
    ApplicationResult,
    Decision,
    FieldValue,
    FileReport,
    Inconsistency,
    ListPart,
    ListTable,
    MaterialEntry,
    MaterialStatus,
    MaterialType,
    Narrative,
    Outcome,
    ParameterUse,
    RuleResult,
    Source,
)

AS_OF = date(2026, 4, 30)
REPORT = "申请报告.pdf"
AUDIT = "财务/2025年度审计报告.pdf"
ID_NUMBER = "640104199001011234"
PHONE = "13912345678"
SCRIPT = "<script>alert(1)</script>"

M, S = MaterialType, MaterialStatus
FILES = {
    M.application_report: [REPORT],
    M.legal_entity_certificate: ["营业执照副本.jpg"],
    M.audit_reports: [AUDIT],
    M.premises_proof: ["租赁合同.pdf"],
    M.resource_lists: ["设备清单.xlsx", "人员名单.xlsx", "服务企业名单.xlsx"],
    M.service_evidence: ["年度工作总结.docx"],
    M.qualifications: ["ICP备案截图.png"],
    M.authenticity_declaration: ["真实性声明.pdf"],
    M.recommendation_form: ["推荐表.pdf"],
}


def _param(name: str, value: object, ref: str) -> ParameterUse:
    return ParameterUse(name=name, value=value, reference=ref, effective_from=date(2026, 3, 1))


def _materials(**overrides: MaterialEntry) -> dict[MaterialType, MaterialEntry]:
    out = {
        m: MaterialEntry(
            status=S.present,
            files=files,
            parts={p: S.present for p in ListPart} if m == M.resource_lists else None,
        )
        for m, files in FILES.items()
    }
    out.update({M(k): v for k, v in overrides.items()})
    return out


def _fields(unit: str, city: str, county: str, nature: str, excerpt_extra: str = "") -> dict[str, FieldValue]:
    def fv(value: object, file: str = REPORT, page: int | None = 2, excerpt: str = "", **kw) -> FieldValue:
        return FieldValue(value=value, source=Source(file=file, page=page, excerpt=excerpt), **kw)

    return {
        "unit_name": fv(unit, excerpt=f"申报单位名称 {unit}{excerpt_extra}"),
        "platform_name": fv("宁夏中小企业综合服务平台", excerpt="平台名称 宁夏中小企业综合服务平台"),
        "unit_nature": fv(nature, excerpt="单位性质 企业"),
        "city": fv(city, excerpt=f"所在地 {city}{county}"),
        "county": fv(county, excerpt=f"所在地 {city}{county}"),
        "established_date": fv("2018-05-10", excerpt="成立时间 2018年5月10日"),
        "total_assets": fv(1500000.0, excerpt="资产总额（万元） 150"),
        "audit.total_assets": fv(1523400.5, file=AUDIT, page=5, excerpt="资产总计 1,523,400.50"),
        "satisfaction_rate": fv(0.85, excerpt="用户满意度 85%"),
        "functions_claimed": fv(["information", "training"], excerpt="申报功能 ☑信息服务 ☑培训服务"),
        "audit.opinion": fv("standard_unqualified", file=AUDIT, page=1, excerpt="标准无保留意见"),
        "contact_phone": fv(PHONE, page=1, excerpt=f"联系电话 {PHONE}"),
        "service_staff": fv(
            12, excerpt="从事中小企业服务人员数 12", review=["申请报告填报12人，人员名单仅列9人"], confidence=0.8
        ),
    }


def _rules(relaxed: bool = False) -> list[RuleResult]:
    assets = _param("art6_1.min_total_assets", 1000000.0, "第六条第（一）项“资产总额不低于100万元”")
    rules = [
        RuleResult(
            id="art6_1_total_assets",
            article="第六条第（一）项",
            title="资产总额不低于100万元",
            outcome=Outcome.pass_,
            observed=1523400.5,
            threshold=1000000.0,
            evidence=[Source(file=AUDIT, page=5, excerpt="资产总计 1,523,400.50")],
            note="审计报告期末资产总计达到标准。",
            parameters=[assets],
        ),
        RuleResult(
            id="art6_2_satisfaction",
            article="第六条第（二）项",
            title="用户满意度",
            outcome=Outcome.pass_,
            observed=0.85,
            threshold=0.8,
            evidence=[Source(file=REPORT, page=2, excerpt="用户满意度 85%")],
            parameters=[_param("art6_2.min_satisfaction", 0.8, "第六条第（二）项“用户满意度在80%以上”")],
        ),
    ]
    if relaxed:
        rules.append(
            RuleResult(
                id="art6_5_service_staff",
                article="第六条第（五）项",
                title="从事中小企业服务人员数",
                outcome=Outcome.relaxed,
                observed=8,
                threshold=10,
                note="服务人员8人，低于10人。",
                relaxation="第六条第二款：山区市县的平台，上述（一）、（二）和（五）的条件可适当放宽（西吉县属山区县）。",
                parameters=[_param("art6_5.min_service_staff", 10, "第六条第（五）项“不少于10人”")],
            )
        )
    return rules


def passed_result() -> ApplicationResult:
    return ApplicationResult(
        applicant_id="银川-宁夏某某科技有限公司",
        as_of=AS_OF,
        ruleset="ningxia-2026-draft@2026-03-01",
        materials=_materials(),
        fields=_fields("宁夏某某科技有限公司", "银川市", "金凤区", "enterprise"),
        rules=_rules(),
        decision=Decision.passed,
        narratives=[
            Narrative(
                key="features",
                title="特色和示范作用（第八条）",
                text="平台坚持线上线下结合。\n建成中小企业服务云平台，服务企业600余家。",
                source=Source(file=REPORT, page=7, excerpt="特色和示范作用"),
            )
        ],
        lists=[
            ListTable(
                part=ListPart.staff_list,
                file="人员名单.xlsx",
                columns=["姓名", "学历", "职称", "身份证号"],
                rows=[["张三", "本科", "中级", "640104********1234"]],
            )
        ],
        files=[
            FileReport(file=REPORT, kind="pdf", material=M.application_report, reason="内容关键词：示范平台申请报告")
        ],
    )


def incomplete_result() -> ApplicationResult:
    materials = _materials(
        legal_entity_certificate=MaterialEntry(status=S.missing),
        audit_reports=MaterialEntry(status=S.unreadable, files=[AUDIT], notes=["文件已加密，无法打开"]),
        resource_lists=MaterialEntry(
            status=S.partial,
            files=["人员名单.xlsx"],
            parts={ListPart.equipment_list: S.missing, ListPart.staff_list: S.present, ListPart.client_list: S.missing},
        ),
    )
    return ApplicationResult(
        applicant_id="石嘴山-宁夏材料不全服务中心",
        as_of=AS_OF,
        ruleset="ningxia-2026-draft@2026-03-01",
        materials=materials,
        fields=_fields("石嘴山市某某服务中心", "石嘴山市", "大武口区", "enterprise"),
        rules=_rules(),
        inconsistencies=[
            Inconsistency(
                fields=["total_assets", "audit.total_assets"],
                values=[1500000.0, 900000.0],
                note="申请报告与审计报告的资产总额相差超过5%",
            )
        ],
        decision=Decision.incomplete,
        problems=[f"{AUDIT}：PDF已加密，需要密码", "扫描件003.pdf：无法识别属于哪项材料"],
    )


def relaxed_result() -> ApplicationResult:
    return ApplicationResult(
        applicant_id="固原-西吉县创业服务中心",
        as_of=AS_OF,
        ruleset="ningxia-2026-draft@2026-03-01",
        materials=_materials(),
        fields=_fields("西吉县创业服务中心", "固原市", "西吉县", "public_institution"),
        rules=_rules(relaxed=True),
        decision=Decision.needs_review,
    )


def hostile_result() -> ApplicationResult:
    extra = f"，负责人身份证{ID_NUMBER}，手机{PHONE}"
    return ApplicationResult(
        applicant_id="吴忠-恶意名称",
        as_of=AS_OF,
        ruleset="ningxia-2026-draft@2026-03-01",
        materials=_materials(
            recommendation_form=MaterialEntry(status=S.missing, notes=["推荐表<未盖章> & 无签字\n第二行"])
        ),
        fields={
            **_fields(SCRIPT, "吴忠市", "利通区", "social_organization", excerpt_extra=extra),
            "address": FieldValue(value="<b>地址</b> & 电话 0951-6038381", review=["<i>需核实</i> & 地址"]),
        },
        rules=_rules(),
        decision=Decision.incomplete,
        narratives=[
            Narrative(
                key="plan",
                title="发展规划",
                text=f"联系人手机{PHONE}<img src=x onerror=alert(2)>",
                source=Source(file=REPORT, page=9, excerpt="发展规划"),
            )
        ],
        problems=[f"负责人身份证 {ID_NUMBER} 校验位错误"],
    )


ALL = [passed_result, incomplete_result, relaxed_result, hostile_result]


@pytest.mark.parametrize("factory", ALL)
def test_samples_round_trip_through_json(factory) -> None:
    result = factory()
    assert ApplicationResult.model_validate_json(result.to_json_line()) == result
