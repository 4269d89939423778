"""samplegen: committed samples are fresh, documents carry their facts, cases cover the rules."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest
from stdnum.cn import ric, uscc

from pipeline.ingest.zips import member_name
from samplegen import fmt
from samplegen.build import build_files, write_batch
from samplegen.case_base import ART6_RULES, FUNCTION_RULES, MATERIAL_IDS
from samplegen.cases import all_cases
from samplegen.ids import USCC_PREFIX

REPO = Path(__file__).resolve().parents[1]
COMMITTED = REPO / "sample_submissions"
CASES = all_cases()
OUTCOMES = {"pass", "fail", "relaxed", "needs_review", "no_evidence"}
STATUSES = {"present", "partial", "missing", "unreadable"}


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("samples") / "sample_submissions"
    write_batch(CASES, out)
    return out


def _tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _files(generated: Path, case) -> dict[str, bytes]:
    if case.as_zip:
        with zipfile.ZipFile(generated / f"{case.applicant_id}.zip") as zf:
            return {member_name(i): zf.read(i) for i in zf.infolist() if not i.is_dir()}
    return _tree(generated / case.applicant_id)


def _pdf_text(data: bytes) -> str:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "".join((page.extract_text() or "") for page in pdf.pages).replace("\n", "")


def _docx_text(data: bytes) -> str:
    document = docx.Document(io.BytesIO(data))
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _content(name: str, data: bytes) -> object:
    """What a file says, independent of library versions that change container bytes."""
    suffix = Path(name).suffix.lower()
    if suffix == ".pdf":
        return _pdf_text(data)
    if suffix == ".docx":
        return _docx_text(data)
    if suffix == ".xlsx":
        wb = openpyxl.load_workbook(io.BytesIO(data))
        return [[c.value for c in row] for ws in wb.worksheets for row in ws.iter_rows()]
    if suffix == ".zip":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return {(i.filename, i.flag_bits & 0x800): _content(i.filename, zf.read(i)) for i in zf.infolist()}
    return data


def test_committed_samples_are_fresh(generated: Path) -> None:
    fresh, committed = _tree(generated), _tree(COMMITTED) if COMMITTED.exists() else {}
    stale = sorted(
        k
        for k in fresh.keys() | committed.keys()
        if k not in fresh or k not in committed or _content(k, fresh[k]) != _content(k, committed[k])
    )
    assert not stale, (
        f"sample_submissions/ is stale ({len(stale)} files differ, e.g. {stale[:3]}): run `python -m samplegen`"
    )


def test_generation_is_deterministic() -> None:
    case = CASES[0]
    assert build_files(case) == build_files(case)


def test_layout_one_child_per_application(generated: Path) -> None:
    children = sorted(p.name for p in generated.iterdir())
    expected = sorted(c.applicant_id + (".zip" if c.as_zip else "") for c in CASES)
    assert children == expected
    assert len({c.applicant_id for c in CASES}) == len(CASES)


def test_zip_member_names_are_flagged_utf8_or_windows_gbk(generated: Path) -> None:
    zipped = [c for c in CASES if c.as_zip]
    assert {c.zip_names for c in zipped} == {"utf-8", "gbk"}
    for case in zipped:
        with zipfile.ZipFile(generated / f"{case.applicant_id}.zip") as zf:
            infos = zf.infolist()
            flagged = {bool(i.flag_bits & 0x800) for i in infos if not member_name(i).isascii()}
            assert flagged == {case.zip_names == "utf-8"}
            names = {member_name(i) for i in infos}
            assert "申报材料/" in names and any(n.startswith("申报材料/") and n.endswith(".docx") for n in names)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.applicant_id)
def test_case_expectations_are_well_formed(case) -> None:
    exp = case.expected
    assert set(exp.materials) == set(MATERIAL_IDS) and set(exp.materials.values()) <= STATUSES
    assert set(exp.resource_parts) == {"equipment_list", "staff_list", "client_list"}
    known = {*ART6_RULES, *FUNCTION_RULES.values(), "art7_any"}
    assert set(exp.rules) <= known and set(exp.rules.values()) <= OUTCOMES
    f = case.facts
    assert uscc.is_valid(f.uscc) and f.uscc.startswith(USCC_PREFIX[f.unit_nature] + "64")
    if "staff_list" in case.files.values():
        assert exp.fields["staff_list.count"] == len(f.staff)


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.applicant_id)
def test_documents_carry_the_facts(generated: Path, case) -> None:
    files = _files(generated, case)
    assert set(files) == set(case.files)
    kinds = {kind: path for path, kind in case.files.items()}
    f, exp = case.facts, case.expected
    if case.merged or "report" not in kinds:  # merged PDF and legacy formats: see the e2e test
        if case.merged:
            merged = _pdf_text(files[next(iter(case.merged))]).replace(" ", "")
            assert f.uscc in merged and f.audit.firm in merged and "房屋租赁合同" in merged
        return
    report = _docx_text(files[kinds["report"]])
    for text in (f.unit_name, f.uscc, f.platform_name, fmt.pct(f.satisfaction_rate, case.style.pct)):
        assert text in report
    assert "☑" + {"enterprise": "企业", "public_institution": "事业单位", "social_organization": "社会团体",
                  "private_non_enterprise": "民办非企业单位"}[f.unit_nature] in report
    licence = _pdf_text(files[kinds["licence"]]).replace(" ", "")
    assert f.uscc in licence and f.unit_name in licence
    assert ("负责人" in licence) == (f.branch_of is not None)
    audit_path = kinds.get("audit") or kinds.get("audit_with_service")
    if audit_path:
        text = _pdf_text(files[audit_path])
        figure = fmt.amount(f.audit.total_assets, f.audit.in_wan)
        assert f"资产总计{figure}" in text.replace(" ", "")
        assert f.audit.firm in text
        if f.audit.in_wan:
            assert "单位：万元" in text
    if "staff_list" in kinds:
        ws = openpyxl.load_workbook(io.BytesIO(files[kinds["staff_list"]])).active
        rows = list(ws.iter_rows(min_row=4, values_only=True))
        assert ws["A1"].value == "主要管理人员和专业技术人员名单"
        assert len(rows) == exp.fields["staff_list.count"]
        assert all(ric.calc_check_digit(r[3]) == r[3][-1] for r in rows)
    if "client_list" in kinds:
        ws = openpyxl.load_workbook(io.BytesIO(files[kinds["client_list"]])).active
        ratings = [r[5] for r in ws.iter_rows(min_row=4, values_only=True)]
        assert len(ratings) == exp.fields["client_list.count"]
        assert sum(r in ("非常满意", "满意") for r in ratings) == exp.fields["client_list.satisfied_count"]
    if "recommendation" in kinds:
        assert "推荐单位意见" in _docx_text(files[kinds["recommendation"]])


def test_case_coverage() -> None:
    decisions = {c.expected.decision for c in CASES}
    assert decisions == {"passed", "needs_review", "ineligible", "incomplete"}
    relaxed = {(c.facts.unit_nature, c.facts.county, r) for c in CASES for r, o in c.expected.rules.items()
               if o == "relaxed"}
    assert any(n in ("public_institution", "social_organization") and r == "art6_1_total_assets"
               for n, _, r in relaxed)
    assert any(county == "西吉县" and r == "art6_5_service_staff" for _, county, r in relaxed)
    passing = {r for c in CASES for r, o in c.expected.rules.items() if r.startswith("art7_") and r != "art7_any"
               and o == "pass"}
    assert len(passing) >= 3
    assert any(c.as_zip for c in CASES)
    assert any(c.expected.materials["resource_lists"] == "partial" for c in CASES)
    assert any(c.expected.materials["recommendation_form"] == "missing" for c in CASES)
    assert any(c.facts.branch_of and c.expected.rules.get("art6_1_legal_entity") == "fail" for c in CASES)
    assert any(c.expected.rules.get("art6_1_total_assets") == "needs_review" for c in CASES)
    opinions = {c.facts.audit.opinion for c in CASES if c.facts.audit}
    assert {"standard_unqualified", "unqualified_with_emphasis", "qualified"} <= opinions
    for c in CASES:
        if c.expected.decision == "passed":
            assert all(c.expected.rules[r] == "pass" for r in ART6_RULES)
            assert set(c.expected.materials.values()) == {"present"}
