"""Messy but legitimate applications, as real offices send them: a zip made on
Chinese Windows (GBK names, no UTF-8 flag), legacy .doc/.xls files, and everything
bound into one merged PDF."""

from __future__ import annotations

from datetime import date

from samplegen.build import BUILDERS
from samplegen.case_base import DEFAULT_FILES, all_pass, make_case, make_facts
from samplegen.case_common import ZIP_LAYOUT, audit_for, base_facts
from samplegen.legacy import page_counts
from samplegen.model import Case


def _facts(key: str, unit: str, platform: str, county: str, code: str, **kw):
    values = base_facts(
        unit_name=unit,
        platform_name=platform,
        city="银川市",
        county=county,
        address=f"宁夏银川市{county}创新路{len(unit) * 7}号",
        recommending_unit="银川市工业和信息化局",
        total_assets=2_468_000.0,
        revenue=3_150_400.0,
        service_income=1_420_800.0,
        service_expense=1_096_300.0,
        smes_served_last_year=78,
        smes_served_prior_year=70,
        satisfaction_rate=0.9,
        aggregated_agencies=4,
        established_date=date(2017, 9, 12),
        functions={"consulting": {"consulting_activities": 5}, "market": {"market_enterprise_times": 96}},
        **kw,
    )
    values["audit"] = audit_for(values, 1, f"宁华审字〔2026〕第0{len(unit)}8号", 1_315_200.0, 241_800.0)
    return make_facts(key, "enterprise", code, (14, 11, 7), **values)


def _c13() -> Case:
    facts = _facts("c13", "宁夏启航企业服务有限公司", "宁夏启航中小企业服务平台", "兴庆区", "640104")
    case = make_case(
        "银川-宁夏启航企业服务有限公司",
        "zip from Chinese Windows: GBK member names without the UTF-8 flag, sub-folders",
        facts,
        "passed",
        all_pass({"consulting": "pass", "market": "pass"}),
        files=ZIP_LAYOUT,
        as_zip=True,
    )
    return case.model_copy(update={"zip_names": "gbk"})


def _c14() -> Case:
    facts = _facts("c14", "宁夏贺兰山信息咨询有限公司", "贺兰山中小企业信息服务平台", "西夏区", "640105")
    files = dict(DEFAULT_FILES)
    del files["申请报告.docx"], files["人员名单.xlsx"]
    files |= {"申请报告.doc": "report_doc", "人员名单.xls": "staff_list_xls"}
    return make_case(
        "银川-宁夏贺兰山信息咨询有限公司",
        "legacy formats: the report as Word 97 .doc, the staff list as Excel 97 .xls",
        facts,
        "passed",
        all_pass({"consulting": "pass", "market": "pass"}),
        files=files,
    )


MERGED = "申报材料合订本.pdf"
MERGED_PARTS = ["licence", "audit", "special_audit", "lease", "evidence", "icp", "declaration"]


def _c15() -> Case:
    facts = _facts("c15", "宁夏金凤科创服务有限公司", "金凤科创服务平台", "金凤区", "640106")
    separate = {f"{kind}.pdf": kind for kind in MERGED_PARTS}
    modern = {k: v for k, v in DEFAULT_FILES.items() if not k.endswith(".pdf")}
    case = make_case(
        "银川-宁夏金凤科创服务有限公司",
        "one merged PDF binds licence, audits, lease, evidence, ICP filing and declaration",
        facts,
        "passed",
        all_pass({"consulting": "pass", "market": "pass"}),
        files=modern | separate,
    )
    # The expectations were derived from separate files; now bind them into one PDF.
    provisional = case.model_copy(update={"files": modern | {MERGED: "merged"}, "merged": {MERGED: MERGED_PARTS}})
    counts = page_counts([BUILDERS[kind](provisional) for kind in MERGED_PARTS])
    # Adjacent parts of one material (audit + special audit) form one page range.
    material_of = {kind: next(m for m, fs in case.expected.material_files.items() if f"{kind}.pdf" in fs)
                   for kind in MERGED_PARTS}
    spans: list[list] = []  # [material, first, last]
    first = 1
    for kind, count in zip(MERGED_PARTS, counts, strict=True):
        if spans and spans[-1][0] == material_of[kind]:
            spans[-1][2] += count
        else:
            spans.append([material_of[kind], first, first + count - 1])
        first += count
    files_by_material: dict[str, list[str]] = {}
    for material, a, b in spans:
        files_by_material.setdefault(material, []).append(f"{MERGED}#p{a}" if a == b else f"{MERGED}#p{a}-{b}")
    for path in modern:
        material = next(m for m, fs in case.expected.material_files.items() if path in fs)
        files_by_material.setdefault(material, []).append(path)
    expected = case.expected.model_copy(update={"material_files": {m: sorted(v) for m, v in files_by_material.items()}})
    return provisional.model_copy(update={"expected": expected})


FACTORIES = {13: _c13, 14: _c14, 15: _c15}
