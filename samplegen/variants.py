"""Deliberately varied applications for the accuracy harness (benchmarks/accuracy.py).

Each variant takes one of the sample cases' facts and writes some of its documents the
way other applicants and audit firms do (samplegen.variant_docs): other label wordings,
2 or 4 columns, 元 / 万元 / 大写 amounts, 0.85 / 85% / 百分之八十五, other date
notations, split tables, figures only in prose, the 附件2 as a text PDF, statements in
万元 split over pages with a 行次 column, list files with title rows, two-level headers,
subtotals or as .docx tables. The ground truth follows from the facts and the notation.
The committed samples (samplegen.cases*) are not touched.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from samplegen import variant_docs as vd
from samplegen import variant_lists as vl
from samplegen.build import BUILDERS
from samplegen.case_base import audit_fields, report_fields
from samplegen.cases import all_cases
from samplegen.model import Case, Style

Builder = Callable[[Case], bytes]


@dataclass
class Variant:
    case: Case
    builders: dict[str, Builder] = field(default_factory=dict)  # path → builder overriding the kind's

    def files(self) -> dict[str, bytes]:
        return {path: self.builders.get(path, BUILDERS.get(kind))(self.case) for path, kind in self.case.files.items()}


@dataclass
class Spec:
    """One variant: base sample (index in all_cases), what changes, and how."""

    base: int
    tag: str
    style: Style
    note: vd.Notation = field(default_factory=vd.Notation)
    report: str = "docx"  # docx | pdf
    audit_other_firm: bool = False
    audit_in_wan: bool | None = None
    lists: bool = False


SPECS = (
    Spec(
        0,
        "两栏第三套标签元小数",
        Style(columns=2, labels="third", money="yuan", pct="fraction"),
        vd.Notation(date="iso"),
    ),
    Spec(0, "文字版PDF申请报告", Style(money="wan_suffix", pct="pct_fw_decimal"), report="pdf"),
    Spec(
        2,
        "大写金额百分之续表",
        Style(columns=2, money="wan_suffix"),
        vd.Notation(
            capital_keys=("registered_capital", "total_assets"),
            cn_percent=True,
            split_at=9,
            date="dot",
            spaced_counts=True,
        ),
    ),
    Spec(
        10,
        "正文叙述数据",
        Style(labels="alt", money="wan_plain", pct="pct"),
        vd.Notation(prose_keys=("total_assets", "service_staff", "satisfaction_rate"), date="slash"),
    ),
    Spec(11, "他所审计万元分页", Style(money="yuan", pct="pct"), audit_other_firm=True, audit_in_wan=True),
    Spec(0, "他所审计与名单变体", Style(labels="third", money="wan_plain"), audit_other_firm=True, lists=True),
    Spec(1, "PDF两栏替代标签", Style(columns=2, labels="alt", money="yuan", pct="pct"), report="pdf"),
    Spec(
        5,
        "未通过第三套标签",
        Style(columns=2, labels="third", money="wan_suffix", pct="pct_fw_decimal"),
        vd.Notation(split_at=12, spaced_counts=True),
    ),
    Spec(
        7,
        "PDF正文万元审计",
        Style(columns=4, labels="standard", money="wan_plain", pct="fraction"),
        vd.Notation(prose_keys=("total_assets",)),
        report="pdf",
        audit_other_firm=True,
        audit_in_wan=True,
    ),
    Spec(
        12,
        "大写百分之四栏",
        Style(columns=4, labels="third", money="yuan", pct="pct"),
        vd.Notation(capital_keys=("registered_capital", "revenue"), cn_percent=True, date="iso"),
        lists=True,
    ),
    Spec(
        6,
        "第四套标签万字简写",
        Style(columns=4, labels="fourth", money="wan_suffix", pct="pct"),
        vd.Notation(short_wan=True, date="cn0", spaced_counts=True),
    ),
    Spec(8, "第四套两栏PDF", Style(columns=2, labels="fourth", money="yuan", pct="fraction"), report="pdf", lists=True),
    Spec(
        9,
        "正文叙述营业收入",
        Style(labels="third", money="wan_plain"),
        vd.Notation(prose_keys=("revenue", "aggregated_agencies", "public_benefit_share")),
        audit_other_firm=True,
    ),
)


def _expected_fields(case: Case, spec: Spec) -> dict[str, object]:
    fields = dict(case.expected.fields)
    kinds = set(case.files.values())
    if "report" in kinds:
        fields.update(report_fields(case.facts, spec.style))
        for key in spec.note.capital_keys:
            fields[key] = round(getattr(case.facts, key), 2)
        if spec.note.cn_percent:
            fields["satisfaction_rate"] = case.facts.satisfaction_rate
            fields["public_benefit_share"] = case.facts.public_benefit_share
        if "total_assets" in spec.note.prose_keys:
            fields["total_assets"] = round(round(case.facts.total_assets / 10000, 2) * 10000, 2)
    if case.facts.audit is not None and kinds & {"audit", "audit_with_service"}:
        fields.update(audit_fields(case.facts.audit))
    return fields


def _variant(base: Case, n: int, spec: Spec) -> Variant:
    facts = base.facts
    if spec.audit_in_wan is not None and facts.audit is not None:
        facts = facts.model_copy(update={"audit": facts.audit.model_copy(update={"in_wan": spec.audit_in_wan})})
    files = dict(base.files)
    builders: dict[str, Builder] = {}
    for path, kind in base.files.items():
        if kind == "report":
            if spec.report == "pdf":
                files.pop(path)
                path = str(Path(path).with_suffix(".pdf"))
                files[path] = kind
                builders[path] = lambda c: vd.build_report_pdf(c.facts, c.style, spec.note)
            else:
                builders[path] = lambda c: vd.build_report_docx(c.facts, c.style, spec.note)
        elif kind in ("audit", "audit_with_service") and spec.audit_other_firm:
            builders[path] = lambda c: vd.build_audit_other_firm(c.facts)
        elif spec.lists and kind == "client_list":
            builders[path] = lambda c: vl.build_client_xlsx(c.facts)
        elif spec.lists and kind == "equipment_list":
            builders[path] = lambda c: vl.build_equipment_xlsx(c.facts)
        elif spec.lists and kind == "staff_list":
            files.pop(path)
            path = str(Path(path).with_suffix(".docx"))
            files[path] = kind
            builders[path] = lambda c: vl.build_staff_docx(c.facts)
    applicant_id = f"变体{n:02d}-{spec.tag}-{base.applicant_id.split('-', 1)[-1]}"
    case = base.model_copy(
        update={
            "applicant_id": applicant_id,
            "facts": facts,
            "style": spec.style,
            "files": files,
            "as_zip": False,
            "summary": f"variant of {base.applicant_id}",
        }
    )
    expected = case.expected.model_copy(update={"fields": _expected_fields(case, spec)})
    return Variant(case.model_copy(update={"expected": expected}), builders)


def all_variants() -> list[Variant]:
    """Every varied application, in a stable order."""
    cases = all_cases()
    return [_variant(cases[spec.base], n, spec) for n, spec in enumerate(SPECS, start=1)]


def write_variant(variant: Variant, batch_dir: Path) -> Path:
    target = batch_dir / variant.case.applicant_id
    for rel, data in variant.files().items():
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    return target
