"""The review loop on sample_submissions/: the sheet path, re-runs keeping resolutions, stale ones.

Every needs_review sample is brought to a final decision through 复核清单.xlsx (the web path
is in test_review_web.py); a 补正 upload (a source file changed) makes its resolutions stale.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import jsonschema
import openpyxl
import pytest

from pipeline.models import ApplicationResult, Decision, ReviewState
from pipeline.review.items import ItemState, open_items, review_items
from pipeline.review.sheet import SheetError, export_sheet, import_sheet
from pipeline.review.store import current_resolutions, store_path
from pipeline.review.wording import wording
from pipeline.schema import SCHEMA_FILE
from samplegen import AS_OF
from tests.conftest import REPO, SHARED

SAMPLES = REPO / "sample_submissions"
NEEDS_REVIEW = {"固原-宁夏六盘电子商务服务有限公司", "石嘴山-石嘴山市中小企业服务中心", "银川-宁夏创新汇科技服务有限公司"}
INNOVATION = "银川-宁夏创新汇科技服务有限公司"


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=REPO, capture_output=True, text=True,
                          timeout=600)


def run(input_path: Path, out: Path, cache: Path) -> subprocess.CompletedProcess:
    proc = cli("run", str(input_path), "--out", str(out), "--as-of", AS_OF, "--jobs", "2", "--no-pdf",
               "--cache-dir", str(cache))
    assert proc.returncode == 0, proc.stderr
    return proc


def results(out: Path) -> dict[str, ApplicationResult]:
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return {r.applicant_id: r for r in map(ApplicationResult.model_validate_json, lines)}


def answer_for(labels: list[str]) -> str:
    """What the test's clerk concludes: accept relaxations, confirm values, trust the audit report,
    find a doubtful rule not met, confirm missing materials, set unplaced files aside."""
    for wanted in ("同意放宽，转专家评审", "确认（数值无误）", "以资产总计（审计）为准", "不符合", "确认缺失（发补正通知）",
                   "不属于申报材料"):
        if wanted in labels:
            return wanted
    return labels[0]


@pytest.fixture
def out(review_base: Path, tmp_path: Path) -> Path:
    """A fresh copy of the samples' output (its last-run parameters still name the samples and the cache)."""
    copy = tmp_path / "out"
    shutil.copytree(review_base, copy, symlinks=True)
    return copy


def test_the_needs_review_samples_have_open_items(review_base: Path) -> None:
    found = results(review_base)
    assert {i for i, r in found.items() if r.decision == Decision.needs_review} == NEEDS_REVIEW
    keys = {i: [item.key for item in open_items(found[i])] for i in NEEDS_REVIEW}
    assert keys[INNOVATION] == ["rule:art6_1_total_assets", "inconsistency:total_assets|audit.total_assets"]
    assert keys["固原-宁夏六盘电子商务服务有限公司"] == ["rule:art6_5_service_staff"]
    assert keys["石嘴山-石嘴山市中小企业服务中心"] == ["field:premises_area", "rule:art6_1_total_assets"]
    passed = [i for i, r in found.items() if r.decision == Decision.passed]
    assert passed and all(not open_items(found[i]) for i in passed)  # nothing to settle where nothing is in doubt
    assert not store_path(review_base).exists()  # a run creates no store; only a person's first conclusion does


def _fill(sheet: Path, target: Path, pick=answer_for, who: str = "李四", only: set[str] | None = None) -> int:
    book = openpyxl.load_workbook(sheet)
    ws = book[wording().sheet.title]
    options = book[wording().sheet.options_title]
    col = {name: i + 1 for i, name in enumerate(wording().sheet.columns)}
    validations = {str(v.sqref): v.formula1 for v in ws.data_validations.dataValidation}
    filled = 0
    for row in range(3, ws.max_row + 1):
        applicant = ws.cell(row, col["applicant"]).value
        cell = ws.cell(row, col["conclusion"])
        formula = validations[cell.coordinate]  # every row has its drop-down list …
        letter = formula.split("!$")[1].split("$")[0]
        labels = [c.value for c in options[letter] if c.value]  # … of the item's own conclusions
        assert labels
        if only is not None and applicant not in only:
            continue
        cell.value = pick(labels)
        ws.cell(row, col["who"]).value = who
        filled += 1
    book.save(target)
    return filled


def test_the_sheet_brings_every_needs_review_sample_to_a_final_decision(out: Path, tmp_path: Path) -> None:
    proc = cli("review", str(out))
    assert proc.returncode == 0, proc.stderr
    sheet = out / wording().sheet_file
    assert "待复核事项" in proc.stdout and sheet.is_file()
    filled = _fill(sheet, tmp_path / "填好的复核清单.xlsx", only=NEEDS_REVIEW)
    assert filled == 5

    proc = cli("review", str(out), "--apply", str(tmp_path / "填好的复核清单.xlsx"))
    assert proc.returncode == 0, proc.stderr
    assert "已导入 5 条核实意见" in proc.stdout
    assert "银川-宁夏创新汇科技服务有限公司：需人工复核 → 不符合条件" in proc.stdout
    assert "固原-宁夏六盘电子商务服务有限公司：需人工复核 → 通过初审" in proc.stdout
    after = results(out)
    assert {i: after[i].decision for i in NEEDS_REVIEW} == {
        INNOVATION: Decision.ineligible,  # the audit report's 96.2万元 is below the threshold
        "固原-宁夏六盘电子商务服务有限公司": Decision.passed,  # relaxation accepted, on to the experts
        "石嘴山-石嘴山市中小企业服务中心": Decision.passed,
    }
    for applicant in NEEDS_REVIEW:
        assert open_items(after[applicant]) == []
        assert all(r.state == ReviewState.applied for r in after[applicant].review)
    innovation = after[INNOVATION]
    assert innovation.fields["total_assets"].value == 962345.2
    assert innovation.fields["total_assets"].verified.who == "李四"
    assert [r.outcome.value for r in innovation.rules if r.id == "art6_1_total_assets"] == ["fail"]

    # What people see: the dossier and the overview say who verified what.
    dossier = (out / "applicants" / INNOVATION / "dossier.html").read_text(encoding="utf-8")
    assert "人工核实（李四，" in dossier and "更正为96.23万元" in dossier
    relaxed = docx.Document(str(out / "applicants" / "固原-宁夏六盘电子商务服务有限公司" / "dossier.docx"))
    cells = [c.text for t in relaxed.tables for r in t.rows for c in r.cells]
    assert any("人工核实（李四，" in c and "同意适用放宽条款" in c for c in cells)
    summary = openpyxl.load_workbook(out / "summary.xlsx")["申报汇总"]
    header = [c.value for c in summary[1]]
    rows = {r[0]: r for r in summary.iter_rows(min_row=2, values_only=True)}
    assert all(rows[i][header.index("待复核数")] == 0 for i in NEEDS_REVIEW)
    assert rows["吴忠-宁夏塞上企业管理咨询有限公司"][header.index("待复核数")] > 0  # still open elsewhere

    # The output still keeps the contract and the schema.
    check = subprocess.run([sys.executable, str(SHARED / "tools" / "check_contract.py"), str(out)],
                           capture_output=True, text=True)
    assert check.returncode == 0, check.stdout
    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    for line in (out / "results.jsonl").read_text(encoding="utf-8").splitlines():
        jsonschema.validate(json.loads(line), schema)

    # A re-run keeps the resolutions; the same sheet again adds nothing.
    proc = cli("run", str(SAMPLES), "--out", str(out), "--as-of", AS_OF, "--no-pdf",
               "--cache-dir", str(json.loads((out / ".nx-prescreen-run.json").read_text())["cache_dir"]))
    assert proc.returncode == 0 and "采用了 5 条核实意见" in proc.stderr
    assert {i: results(out)[i].decision for i in NEEDS_REVIEW} == {i: after[i].decision for i in NEEDS_REVIEW}
    again = import_sheet(out, tmp_path / "填好的复核清单.xlsx")
    assert (again.recorded, again.same) == (0, 5)
    assert sum(len(v) for v in current_resolutions(out).values()) == 5


def test_a_corrected_value_is_typed_and_marked(out: Path, tmp_path: Path) -> None:
    export_sheet(out)
    book = openpyxl.load_workbook(out / wording().sheet_file)
    ws = book[wording().sheet.title]
    col = {name: i + 1 for i, name in enumerate(wording().sheet.columns)}
    for row in range(3, ws.max_row + 1):
        if ws.cell(row, col["key"]).value == "field:premises_area":
            ws.cell(row, col["conclusion"]).value = "更正为（在“更正值”中填写）"
            ws.cell(row, col["corrected"]).value = "650平方米"
            ws.cell(row, col["note"]).value = "见租赁合同“租赁面积”条款"
            ws.cell(row, col["who"]).value = "王五"
    book.save(tmp_path / "f.xlsx")
    assert import_sheet(out, tmp_path / "f.xlsx").recorded == 1
    proc = cli("run", str(SAMPLES), "--out", str(out), "--as-of", AS_OF, "--no-pdf",
               "--cache-dir", str(json.loads((out / ".nx-prescreen-run.json").read_text())["cache_dir"]))
    assert proc.returncode == 0, proc.stderr
    centre = results(out)["石嘴山-石嘴山市中小企业服务中心"]
    fv = centre.fields["premises_area"]
    assert fv.value == 650.0 and fv.source.extractor == "review" and fv.review == []
    assert fv.candidates and fv.candidates[0].value == 620.0  # what the pipeline read stays visible
    dossier = (out / "applicants" / "石嘴山-石嘴山市中小企业服务中心" / "dossier.html").read_text(encoding="utf-8")
    assert "人工核实（王五，" in dossier and "更正为650㎡（原提取值620㎡）" in dossier
    # Exported again with the settled items, the row carries the conclusion as typed: unchanged, it adds nothing.
    path, count, _ = export_sheet(out, tmp_path / "all.xlsx", include_resolved=True)
    assert count > len(open_items(results(out)["石嘴山-石嘴山市中小企业服务中心"]))  # open ones of every application too
    row = next(r for r in openpyxl.load_workbook(path)[wording().sheet.title].iter_rows(min_row=3, values_only=True)
               if r[13] == "field:premises_area")
    assert row[9:13] == ("更正为（在“更正值”中填写）", "650", "见租赁合同“租赁面积”条款", "王五")
    again = import_sheet(out, path)
    assert (again.recorded, again.same) == (0, 1)
    explain = cli("explain", str(out), "premises_area", "--applicant", "石嘴山-石嘴山市中小企业服务中心")
    assert explain.returncode == 0
    assert "人工复核：" in explain.stdout and "王五：更正为650㎡" in explain.stdout


def test_bad_rows_are_each_reported_and_nothing_is_written(out: Path, tmp_path: Path) -> None:
    export_sheet(out)
    book = openpyxl.load_workbook(out / wording().sheet_file)
    ws = book[wording().sheet.title]
    col = {name: i + 1 for i, name in enumerate(wording().sheet.columns)}
    rows = {ws.cell(r, col["key"]).value + "@" + ws.cell(r, 1).value: r for r in range(3, ws.max_row + 1)}
    date_row = rows["field:premises_area@石嘴山-石嘴山市中小企业服务中心"]
    rule_row = rows["rule:art6_5_service_staff@固原-宁夏六盘电子商务服务有限公司"]
    good_row = rows["rule:art6_1_total_assets@石嘴山-石嘴山市中小企业服务中心"]

    def fill(row: int, conclusion="", value="", note="", who="李四") -> None:
        for name, text in (("conclusion", conclusion), ("corrected", value), ("note", note), ("who", who)):
            ws.cell(row, col[name]).value = text or None

    fill(good_row, "同意放宽，转专家评审")  # a good row: not written either, since others are bad
    fill(date_row, "更正为（在“更正值”中填写）", "大约六百")
    fill(rule_row, "随便", who="")
    extra = ws.max_row + 1
    for c in range(1, len(col) + 1):  # a copy of a row whose hidden item id was edited
        ws.cell(extra, c).value = ws.cell(good_row, c).value
    ws.cell(extra, col["key"]).value = "rule:no_such_rule"
    ws.cell(extra + 1, 1).value = "银川-不存在的申报"
    ws.cell(extra + 1, col["key"]).value = "rule:art6_1_total_assets"
    fill(extra + 1, "符合")
    for c in range(1, len(col) + 1):
        ws.cell(extra + 2, c).value = ws.cell(good_row, c).value
    fill(extra + 2, "不予放宽")  # the same item twice with different conclusions
    ws.cell(extra + 3, 1).value = "石嘴山-石嘴山市中小企业服务中心"
    fill(extra + 3, "", note="只写了说明")
    for c in range(1, len(col) + 1):
        ws.cell(extra + 4, c).value = ws.cell(good_row, c).value
    ws.cell(extra + 4, col["digests"]).value = "{坏了"
    book.save(tmp_path / "bad.xlsx")

    with pytest.raises(SheetError) as caught:
        import_sheet(out, tmp_path / "bad.xlsx")
    message = str(caught.value)
    assert "未导入任何核实意见" in message
    assert f"第 {date_row} 行：更正值“大约六百”不是有效的面积" in message
    assert f"第 {rule_row} 行：请填写核实人" in message
    assert f"第 {extra} 行：无法识别的复核事项" in message
    assert f"第 {extra + 1} 行：申报编号“银川-不存在的申报”不在本输出文件夹的预审结果中" in message
    assert f"第 {extra + 2} 行：与第 {good_row} 行是同一事项，但结论不同" in message
    assert f"第 {extra + 3} 行：填写了更正值或说明，但没有选择结论" in message
    assert f"第 {extra + 4} 行：隐藏列“来源指纹”已损坏" in message
    assert len(caught.value.rows) == 7
    assert not store_path(out).exists() or current_resolutions(out) == {}

    proc = cli("review", str(out), "--apply", str(tmp_path / "bad.xlsx"))
    assert proc.returncode == 1 and f"第 {date_row} 行" in proc.stderr
    not_a_sheet = tmp_path / "not.xlsx"
    not_a_sheet.write_bytes(b"PK\x03\x04 broken")
    proc = cli("review", str(out), "--apply", str(not_a_sheet))
    assert proc.returncode == 1 and "无法读取复核清单" in proc.stderr


def test_a_supplement_upload_makes_the_resolutions_stale(tmp_path: Path) -> None:
    batch = tmp_path / "batch"
    shutil.copytree(SAMPLES / INNOVATION, batch / INNOVATION)
    out, cache = tmp_path / "out", tmp_path / "cache"
    run(batch, out, cache)
    export_sheet(out)
    _fill(out / wording().sheet_file, tmp_path / "f.xlsx")
    imported = import_sheet(out, tmp_path / "f.xlsx")
    assert (imported.recorded, imported.stale) == (2, 0)
    run(batch, out, cache)
    assert results(out)[INNOVATION].decision == Decision.ineligible

    # 补正: the applicant sends a new 申请报告 (one figure changed), the item's source file.
    report = batch / INNOVATION / "申请报告.docx"
    document = docx.Document(str(report))
    document.add_paragraph("（补正后重新提交）")
    document.save(str(report))
    proc = run(batch, out, cache)
    assert "2 条核实意见所依据的来源文件已更换" in proc.stderr
    result = results(out)[INNOVATION]
    assert [(r.item, r.state, r.changed) for r in result.review] == [
        ("total_assets|audit.total_assets", ReviewState.stale, ["申请报告.docx"]),
        ("art6_1_total_assets", ReviewState.stale, ["申请报告.docx"]),
    ]
    assert result.decision == Decision.needs_review  # not applied silently: the doubt is back
    assert result.fields["total_assets"].value == 1050000.0
    items = [i for i in review_items(result) if i.state == ItemState.open]
    assert len(items) == 2 and all(i.stale and "已失效" in i.mark and "申请报告.docx" in i.mark for i in items)
    dossier = (out / "applicants" / INNOVATION / "dossier.html").read_text(encoding="utf-8")
    assert "人工核实（李四，" not in dossier
    export_sheet(out)
    book = openpyxl.load_workbook(out / wording().sheet_file)
    current = [r[8] for r in book[wording().sheet.title].iter_rows(min_row=3, values_only=True)]
    assert len(current) == 2 and all("已失效" in c for c in current)
    # A conclusion on the new file applies again.
    _fill(out / wording().sheet_file, tmp_path / "g.xlsx")
    assert import_sheet(out, tmp_path / "g.xlsx").recorded == 2
    run(batch, out, cache)
    assert results(out)[INNOVATION].decision == Decision.ineligible


def test_review_and_serve_help_is_chinese() -> None:
    for command, words in (("review", ("复核清单", "--apply", "核实人")), ("serve", ("127.0.0.1", "--port", "复核网页"))):
        proc = cli(command, "--help")
        assert proc.returncode == 0
        assert all(word in proc.stdout for word in words)
    proc = cli("serve", "no-such-folder", "--port", "99999")
    assert proc.returncode == 2 and "端口应为" in proc.stderr
    proc = cli("review", "no-such-folder")
    assert proc.returncode == 1 and "找不到 results.jsonl" in proc.stderr
