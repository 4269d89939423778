"""render_batch: summary.xlsx and index.html read back and checked."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest

from pipeline.render import render_application, render_batch, unique_dirnames
from tests.test_render_documents import parse
from tests.test_render_samples import ALL, ID_NUMBER, SCRIPT


@pytest.fixture(scope="module")
def out(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("batch")
    results = [factory() for factory in ALL]
    names = unique_dirnames([r.applicant_id for r in results])
    for result in results:
        render_application(result, root / "applicants" / names[result.applicant_id])
    render_batch(results, root, names, ["说明.txt", "汇总表.xls"], [f"批次问题：{ID_NUMBER}"])
    return root


def test_summary_workbook_layout(out: Path) -> None:
    wb = openpyxl.load_workbook(out / "summary.xlsx")
    assert wb.sheetnames == ["申报汇总", "材料缺失明细", "规则核验明细"]
    for ws in wb.worksheets:
        assert ws.freeze_panes == "B2"
        assert ws.auto_filter.ref and ws.auto_filter.ref.startswith("A1:")
    ws = wb["申报汇总"]
    header = [c.value for c in ws[1]]
    assert header[:14] == [
        "申报编号", "申报单位", "平台名称", "所在市", "所在县（区）", "单位性质",
        "初审结论", "缺失材料", "未通过规则", "放宽规则", "需复核事项", "不一致", "待复核数", "待人工复核事项",
    ]  # fmt: skip
    assert ws.max_row == 1 + len(ALL)
    assert ws.column_dimensions["A"].width >= 20


def test_summary_prints_landscape_fit_to_width_with_header_on_every_page(out: Path) -> None:
    for ws in openpyxl.load_workbook(out / "summary.xlsx").worksheets:
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth in (None, 1) and ws.page_setup.fitToHeight == 0  # 1 is the default
        assert ws.print_title_rows == "$1:$1"


def test_summary_rows_links_and_colours(out: Path) -> None:
    ws = openpyxl.load_workbook(out / "summary.xlsx")["申报汇总"]
    rows = {row[0].value: row for row in ws.iter_rows(min_row=2)}
    incomplete = rows["石嘴山-宁夏材料不全服务中心"]
    assert incomplete[6].value == "材料不全"
    assert "法人证书或营业执照副本（复印件）（缺失）" in incomplete[7].value
    # One short line per group: the names, not the notes (those are in the dossier).
    assert incomplete[11].value == "材料间不一致：资产总额与资产总计（审计）"
    assert incomplete[0].hyperlink.target == "applicants/石嘴山-宁夏材料不全服务中心/dossier.html"
    assert incomplete[14].hyperlink.target.endswith("/dossier.html")
    assert incomplete[15].hyperlink.target.endswith("/dossier.docx")
    assert incomplete[17].hyperlink.target.endswith("/checklist.docx")
    made = (out / "applicants/石嘴山-宁夏材料不全服务中心/dossier.pdf").exists()
    assert (incomplete[16].hyperlink is not None) == made  # a link to a PDF copy only when there is one
    assert incomplete[12].value == 5  # open items: one field, one inconsistency, three materials
    assert "材料间不一致：资产总额与资产总计（审计）" in incomplete[13].value
    assert incomplete[6].fill.fgColor.rgb.endswith("F8CBAD")
    relaxed = rows["固原-西吉县创业服务中心"]
    assert relaxed[6].value == "需人工复核"
    assert "从事中小企业服务人员数" in relaxed[9].value
    assert rows["吴忠-恶意名称"][1].value == SCRIPT  # plain text in a cell, not markup


def test_summary_detail_sheets(out: Path) -> None:
    wb = openpyxl.load_workbook(out / "summary.xlsx")
    materials = list(wb["材料缺失明细"].iter_rows(min_row=2, values_only=True))
    assert {(r[0], r[4]) for r in materials} >= {
        ("石嘴山-宁夏材料不全服务中心", "缺失"),
        ("石嘴山-宁夏材料不全服务中心", "无法读取"),
        ("石嘴山-宁夏材料不全服务中心", "部分缺失"),
        ("吴忠-恶意名称", "缺失"),
    }
    assert all(r[7] for r in materials)  # what to supply
    rules = list(wb["规则核验明细"].iter_rows(min_row=2, values_only=True))
    assert len(rules) == 2 + 2 + 3 + 2
    assert ("固原-西吉县创业服务中心", "从事中小企业服务人员数", "未达标（适用放宽条款）") in {
        (r[0], r[2], r[6]) for r in rules
    }


def test_index_html(out: Path) -> None:
    path = out / "index.html"
    html = path.read_text(encoding="utf-8")
    tags = parse(path)
    scripts = [attrs for tag, attrs in tags.tags if tag == "script"]
    assert len(scripts) == 1 and "src" not in scripts[0]  # only the inline sort/filter script
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "http://" not in html and "https://" not in html
    assert not [a for tag, a in tags.tags if tag == "link"]
    hrefs = {attrs.get("href") for tag, attrs in tags.tags if tag == "a"}
    for applicant in ("银川-宁夏某某科技有限公司", "吴忠-恶意名称"):
        base = "applicants/" + quote(applicant) + "/"
        assert {base + "dossier.html", base + "dossier.docx", base + "checklist.docx"} <= hrefs
    for text in ("通过初审", "材料不全", "需人工复核", "银川市", "固原市", "说明.txt", "汇总表.xls"):
        assert text in html
    assert ID_NUMBER not in html
    assert "批次问题" in html


def test_missing_dirname_does_not_break_the_batch(tmp_path: Path) -> None:
    results = [factory() for factory in ALL[:2]]
    render_batch(results, tmp_path, {}, [], [])
    assert (tmp_path / "summary.xlsx").exists() and (tmp_path / "index.html").exists()


def test_empty_batch(tmp_path: Path) -> None:
    render_batch([], tmp_path, {}, [], [])
    assert openpyxl.load_workbook(tmp_path / "summary.xlsx")["申报汇总"].max_row == 1


def test_summary_cells_wrap_and_outcomes_are_coloured(out: Path) -> None:
    wb = openpyxl.load_workbook(out / "summary.xlsx")
    for ws in wb.worksheets:
        assert all(c.font.b and c.fill.fgColor.rgb.endswith("D9E1F2") for c in ws[1])
        assert all(c.alignment.wrap_text for row in ws.iter_rows(min_row=2) for c in row)
    colours = {"通过": "1E7B34"}
    outcomes = [c for c in wb["规则核验明细"]["G"][1:] if c.value]
    assert outcomes and all(c.font.b for c in outcomes)
    assert {c.font.color.rgb[-6:] for c in outcomes if c.value == "通过"} == {colours["通过"]}
    assert len({c.font.color.rgb for c in outcomes}) > 1  # each outcome its own colour


def test_summary_links_survive_odd_folder_names(tmp_path: Path) -> None:
    from urllib.parse import unquote

    result = ALL[0]()
    odd = "银川 #1 50%公司"
    render_application(result, tmp_path / "applicants" / odd)
    render_batch([result], tmp_path, {result.applicant_id: odd}, [], [], pdf=False)
    row = next(openpyxl.load_workbook(tmp_path / "summary.xlsx")["申报汇总"].iter_rows(min_row=2))
    targets = [unquote(row[c].hyperlink.target) for c in (0, 14, 15, 17)]
    names = ("dossier.html", "dossier.html", "dossier.docx", "checklist.docx")
    assert targets == [f"applicants/{odd}/{name}" for name in names]
    assert all((tmp_path / t).is_file() for t in targets)


def test_city_falls_back_to_the_folder_name_prefix() -> None:
    from pipeline.render.overview.batch import folder_city

    assert folder_city("银川市-某公司") == "银川市"
    assert folder_city("石嘴山-石嘴山市惠农区工业企业服务有限公司") == "石嘴山市"
    assert folder_city("某公司") == "" and folder_city("北京-某公司") == ""
