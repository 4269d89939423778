"""The CLI end to end on sample_submissions/: contract, schema, and every case's truth."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import docx
import jsonschema
import openpyxl
import pytest

from pipeline.schema import SCHEMA_FILE, schema_text
from samplegen import AS_OF
from samplegen.cases import all_cases
from tests.conftest import REPO, SHARED

CASES = all_cases()


@pytest.fixture(scope="module")
def batch_out(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("batch") / "out"
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pipeline",
            "run",
            "sample_submissions",
            "--out",
            str(out),
            "--as-of",
            AS_OF,
            "--jobs",
            "2",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr
    assert "完成：共处理" in proc.stderr
    return out


@pytest.fixture(scope="module")
def results(batch_out: Path) -> dict[str, dict]:
    lines = (batch_out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["applicant_id"]: r for r in map(json.loads, lines)}


def test_output_passes_the_shared_contract_check(batch_out: Path):
    proc = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "check_contract.py"), str(batch_out)],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout
    assert f"{len(CASES)} applications checked, 0 contract problems" in proc.stdout


def test_committed_schema_is_current():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run: python -m pipeline.schema"


def test_every_result_line_validates_against_the_schema(results: dict[str, dict]):
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    for result in results.values():
        jsonschema.validate(result, schema)


def test_one_result_per_application_with_exact_ids(results: dict[str, dict]):
    assert set(results) == {case.applicant_id for case in CASES}
    assert all(r["as_of"] == AS_OF for r in results.values())


def _close(got, want) -> bool:
    if isinstance(want, float) and isinstance(got, int | float):
        return abs(got - want) <= max(0.011, abs(want) * 1e-6)
    if isinstance(want, list):
        return sorted(got or []) == sorted(want)
    return got == want


@pytest.mark.parametrize("case", CASES, ids=[f"case{i:02d}" for i in range(1, len(CASES) + 1)])
def test_case_matches_its_ground_truth(case, results: dict[str, dict]):
    result, expected = results[case.applicant_id], case.expected
    assert result["decision"] == expected.decision
    for material, status in expected.materials.items():
        assert result["materials"][material]["status"] == status, material
    for material, files in expected.material_files.items():
        assert sorted(result["materials"][material]["files"]) == files, material
    assert result["materials"]["resource_lists"]["parts"] == expected.resource_parts
    for field, want in expected.fields.items():
        got = (result["fields"].get(field) or {}).get("value")
        assert _close(got, want), f"{field}: got {got!r}, want {want!r}"
        assert result["fields"][field]["source"]["file"], field
    outcomes = {rule["id"]: rule["outcome"] for rule in result["rules"]}
    for rule, outcome in expected.rules.items():
        assert outcomes.get(rule) == outcome, rule
    found = {tuple(sorted(i["fields"])) for i in result["inconsistencies"]}
    for pair in expected.inconsistencies:
        assert tuple(sorted(pair)) in found


def test_documents_open_and_name_the_unit(batch_out: Path, results: dict[str, dict]):
    wb = openpyxl.load_workbook(batch_out / "summary.xlsx")
    first_column = {row[0].value for row in wb.worksheets[0].iter_rows(min_row=2)}
    assert {case.applicant_id for case in CASES} <= first_column
    html = (batch_out / "index.html").read_text(encoding="utf-8")
    for app_dir in (batch_out / "applicants").iterdir():
        checklist = "\n".join(p.text for p in docx.Document(str(app_dir / "checklist.docx")).paragraphs)
        dossier = docx.Document(str(app_dir / "dossier.docx"))
        dossier_text = "\n".join(p.text for p in dossier.paragraphs)
        assert "补正" in checklist or "无需补正" in checklist
        assert "专家评审材料" in dossier_text
        assert f"applicants/{app_dir.name}" in html or app_dir.name in html


def test_source_files_are_kept_for_the_dossier_links(batch_out: Path, results: dict[str, dict]):
    case = next(c for c in CASES if c.as_zip)
    app_dir = next(d for d in (batch_out / "applicants").iterdir() if d.name.startswith(case.applicant_id[:6]))
    kept = {p.relative_to(app_dir / "files").as_posix() for p in (app_dir / "files").rglob("*") if p.is_file()}
    assert set(case.files) <= kept


def test_source_copies_carry_no_personal_data(batch_out: Path):
    import re

    for sheet_file in (batch_out / "applicants").rglob("files/**/*.xlsx"):
        wb = openpyxl.load_workbook(sheet_file)
        values = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value]
        assert not [v for v in values if re.fullmatch(r"\d{17}[\dXx]", v)], sheet_file
    staff = next((batch_out / "applicants").rglob("files/人员名单.xlsx"))
    ids = [c.value for c in openpyxl.load_workbook(staff).active["D"] if c.value and "*" in str(c.value)]
    assert ids, "the staff list copy keeps its rows, with ID numbers masked"
    legacy = list((batch_out / "applicants").rglob("files/人员名单.已打码.xlsx"))  # the old .xls, converted
    assert legacy and not legacy[0].with_name("人员名单.xls").exists()
    assert not list((batch_out / "applicants").rglob("*.已隐去个人信息.txt")), "every sample file has a copy"


def test_every_source_link_of_every_dossier_opens_a_file(batch_out: Path):
    """Files with personal data are linked to their masked copy (the samples' old .doc and .xls)."""
    from html.parser import HTMLParser
    from urllib.parse import unquote

    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.hrefs: list[str] = []

        def handle_starttag(self, tag, attrs):
            self.hrefs += [v for k, v in attrs if k == "href" and v and v.startswith("files/")]

    checked, redacted = 0, 0
    for dossier in (batch_out / "applicants").rglob("dossier.html"):
        links = Links()
        links.feed(dossier.read_text("utf-8"))
        for href in links.hrefs:
            target = dossier.parent / unquote(href.split("#", 1)[0])
            assert target.is_file(), f"{dossier.parent.name}: {href}"
            checked += 1
            redacted += ".%E5%B7%B2%E6%89%93%E7%A0%81." in href  # .已打码.
    assert checked and redacted, "the samples include files with personal data whose links open their copies"
