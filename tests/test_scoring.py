"""Expert workbooks: what goes out (criteria, locked cells, validation, declaration) and what
comes back (missing scores, out of range, a conflicted expert, unknown expert or applicant,
a file that is no workbook), aggregated into 评审汇总.xlsx."""

from __future__ import annotations

import shutil
from pathlib import Path

import openpyxl
import pytest

from pipeline.cli import main
from pipeline.render.common.config import Aggregation, scoring
from pipeline.scoring.aggregate import aggregate
from pipeline.scoring.layout import FIRST_ROW, META_SHEET, SCORE_COL, declaration_row, total_row
from tests.cycle_batches import CUJINHUI, HELANSHAN, QIHANG, ZHILIAN, write_round
from tests.scoring_support import CONFLICT, even_marks, expert_list, fill, sheets_of

EXPERTS = ["甲专家", "乙专家", "丙专家", "丁专家", "戊专家", "己专家"]


@pytest.fixture(scope="module")
def screened(tmp_path_factory):
    base = tmp_path_factory.mktemp("scoring")
    batch = write_round(2025, base / "batch")
    out = base / "out"
    assert main(["run", str(batch), "--out", str(out), "--as-of", "2025-04-30", "--no-pdf", "--jobs", "2",
                 "--cache-dir", str(base / "cache")]) == 0
    return out


@pytest.fixture
def sent(screened, tmp_path):
    out = tmp_path / "out"
    shutil.copytree(screened, out)
    experts = expert_list(tmp_path / "专家名单.xlsx", EXPERTS, {"己专家": [ZHILIAN, QIHANG]})
    assert main(["scores", str(out), "--experts", str(experts)]) == 0
    return out


def test_workbook_layout(sent):
    cfg = scoring()
    book = openpyxl.load_workbook(sent / "评分表" / "评分表-甲专家.xlsx")
    assert book.sheetnames[0] == "说明" and book[META_SHEET].sheet_state == "veryHidden"
    assert len([s for s in book.sheetnames if s.startswith("申报")]) == 4
    sheet = book["申报01"]
    assert sheet.protection.sheet
    items = [sheet.cell(row=FIRST_ROW + n, column=3).value for n in range(len(cfg.criteria))]
    assert items == [c.item for c in cfg.criteria]
    assert sum(sheet.cell(row=FIRST_ROW + n, column=5).value for n in range(len(cfg.criteria))) == 100
    score = sheet.cell(row=FIRST_ROW, column=SCORE_COL)
    assert score.protection.locked is False and sheet.cell(row=FIRST_ROW, column=3).protection.locked is True
    total = sheet.cell(row=total_row(cfg), column=SCORE_COL).value
    assert total.startswith("=SUMPRODUCT(") and sheet.cell(row=total_row(cfg), column=SCORE_COL).protection.locked
    ranges = {str(dv.sqref): dv for dv in sheet.data_validations.dataValidation}
    first = ranges[score.coordinate]
    assert first.type == "decimal" and first.formula1 == "0" and float(first.formula2) == cfg.criteria[0].max_score
    answer = sheet.cell(row=declaration_row(cfg), column=2)
    assert answer.protection.locked is False
    assert any(answer.coordinate in str(dv.sqref) and dv.type == "list" for dv in ranges.values())
    assert cfg.declaration == sheet.cell(row=declaration_row(cfg) - 1, column=2).value
    # the expert list's phone numbers do not travel into the workbooks
    for path in (sent / "评分表").glob("*.xlsx"):
        cells = [c.value for s in openpyxl.load_workbook(path).worksheets for r in s.iter_rows() for c in r]
        assert not any("13995112233" in str(v) for v in cells)
    assert set(sheets_of(sent / "评分表" / "评分表-己专家.xlsx")) == {ZHILIAN, QIHANG}


def _marks(total: float) -> dict[str, list]:
    return {a: even_marks(total) for a in (ZHILIAN, QIHANG, CUJINHUI, HELANSHAN)}


def test_round_trip_with_bad_workbooks(sent, tmp_path, capsys):
    folder = sent / "评分表"
    for n, name in enumerate(["甲专家", "乙专家", "丙专家", "丁专家"]):
        fill(folder / f"评分表-{name}.xlsx", _marks(70 + 4 * n))  # 70, 74, 78, 82
    # 戊: declares a conflict for 促进会, forgets one item of 启航, gives 贺兰山 an impossible score
    bad = _marks(90)
    bad[CUJINHUI] = CONFLICT
    bad[QIHANG] = [*even_marks(90)[:-1], None]
    bad[HELANSHAN] = [99, *even_marks(90)[1:]]
    fill(folder / "评分表-戊专家.xlsx", bad)
    # 己 (two applications) is not returned; a workbook of someone not on the list; a file that is no workbook
    stranger = fill(folder / "评分表-甲专家.xlsx", _marks(60), save_as=tmp_path / "冒名.xlsx")
    book = openpyxl.load_workbook(stranger)
    book[META_SHEET]["B2"] = "庚专家"
    book.save(stranger)
    broken = tmp_path / "损坏.xlsx"
    broken.write_bytes(b"PK\x03\x04 not really a workbook")
    paths = [*sorted(folder.glob("评分表-[甲乙丙丁戊]专家.xlsx")), stranger, broken]
    capsys.readouterr()
    assert main(["scores", str(sent), "--apply", *map(str, paths)]) == 3  # problems found, summary written
    err = capsys.readouterr().err
    summary = openpyxl.load_workbook(sent / "评审汇总.xlsx")
    problems = [r for r in summary["校验问题"].iter_rows(min_row=2, values_only=True)]
    texts = "\n".join(f"{r[1]}|{r[2]}|{r[3]}" for r in problems)
    assert "戊专家|银川-宁夏启航企业服务有限公司|申报02：缺少得分：特色和示范作用" in texts
    assert "戊专家|银川-宁夏贺兰山信息咨询有限公司|申报04：得分超出范围或无效：管理制度与服务流程（99 分，应在 0 至 15 之间）" in texts
    assert "庚专家" in texts and "不在本轮评审的专家名单中" in texts
    assert any(r[0] == "损坏.xlsx" and "不是有效的 Excel 工作簿" in r[3] for r in problems)
    assert "己专家" in texts and "未交回" in texts
    assert "缺少得分" in err
    rows = {r[1]: r for r in summary["评审汇总"].iter_rows(min_row=2, values_only=True) if r and r[1]}
    header = next(summary["评审汇总"].iter_rows(max_row=1, values_only=True))
    col = {h: i for i, h in enumerate(header)}
    # 智联: five valid totals 70, 74, 78, 82, 90 → trimmed mean of 74, 78, 82
    assert rows[ZHILIAN][col["有效评分数"]] == 5 and rows[ZHILIAN][col["得分"]] == 78
    assert rows[ZHILIAN][col["汇总方法"]].startswith("去掉1个最高分")
    # 促进会: 戊 excluded for the conflict → four totals, plain mean
    assert rows[CUJINHUI][col["回避专家"]] == "戊专家" and rows[CUJINHUI][col["有效评分数"]] == 4
    assert rows[CUJINHUI][col["得分"]] == 76 and rows[CUJINHUI][col["汇总方法"]] == "平均分"
    # 启航 and 贺兰山: 戊's bad sheets are not counted
    assert rows[QIHANG][col["有效评分数"]] == 4 and rows[HELANSHAN][col["有效评分数"]] == 4
    details = list(summary["评分明细"].iter_rows(min_row=2, values_only=True))
    assert sum(1 for d in details if d[1] == "戊专家" and d[-1] == "否") == 3
    assert not any(d[1] == "庚专家" for d in details)


def test_unfilled_declaration_and_changed_labels_are_refused(sent):
    folder = sent / "评分表"
    path = fill(folder / "评分表-甲专家.xlsx", _marks(80))
    book = openpyxl.load_workbook(path)
    titles = sheets_of(path)
    book[titles[ZHILIAN]].cell(row=declaration_row(scoring()), column=2).value = None
    book[titles[QIHANG]].cell(row=FIRST_ROW, column=3, value="别的项目")
    book.save(path)
    assert main(["scores", str(sent), "--apply", str(path)]) == 3
    problems = "\n".join(str(r[3]) for r in openpyxl.load_workbook(sent / "评审汇总.xlsx")["校验问题"].iter_rows(
        min_row=2, values_only=True))
    assert "未选择利益冲突声明" in problems and "评审项目被改动" in problems


def test_expert_list_errors(screened, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(screened, out)
    twice = expert_list(tmp_path / "重名.xlsx", ["甲专家", "甲专家"])
    assert main(["scores", str(out), "--experts", str(twice)]) == 1
    unknown = expert_list(tmp_path / "未知.xlsx", ["甲专家"], {"甲专家": ["不存在的申报"]})
    assert main(["scores", str(out), "--experts", str(unknown)]) == 1
    err = capsys.readouterr().err
    assert "出现了两次" in err and "不存在的申报" in err
    assert main(["scores", str(out), "--apply", str(twice)]) == 1  # nothing sent yet: no assignment
    assert "scores OUT --experts" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("totals", "score", "trimmed"),
    [([80, 90], 85, False), ([60, 70, 80, 90], 75, False), ([50, 70, 80, 90, 100], 80, True),
     ([10, 80, 80, 80, 80, 100], 80, True), ([], None, False)],
)
def test_aggregation(totals, score, trimmed):
    method = Aggregation(method="trimmed_mean", trim_when_at_least=5, trim_each_side=1, reference="")
    value, name = aggregate(totals, method)
    assert value == score and ("去掉" in name) == trimmed
    plain = Aggregation(method="mean", reference="")
    if totals:
        assert aggregate(totals, plain)[0] == round(sum(totals) / len(totals), 2)


def test_notice_from_summary_without_proposals(sent, tmp_path, capsys):
    summary = tmp_path / "评审汇总.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["名次", "申报编号", "建议列入拟认定名单"])
    book.active.append([1, ZHILIAN, "否"])
    book.save(summary)
    assert main(["notice", str(sent), "--start", "2025-09-29", "--from", str(summary)]) == 1
    assert "没有“建议列入拟认定名单”为“是”" in capsys.readouterr().err
    book.active.append([2, QIHANG, "是"])
    book.save(summary)
    assert main(["notice", str(sent), "--start", "2025-09-29", "--from", str(summary), "--out",
                 str(tmp_path / "公示.docx")]) == 0
    assert Path(tmp_path / "公示.docx").is_file()
