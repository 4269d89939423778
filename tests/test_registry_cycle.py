"""One yearly cycle end to end through the CLI, on generated sample batches, against SQLite and
PostgreSQL: pre-screen, record the round, expert workbooks out and back, 评审汇总.xlsx,
公示 from it, certification, revocation, assessment; the next year's run flags what the
registry knows (repeat application, revoked unit, duplicate, cross-year figures); list,
show and the Art. 15 public list."""

from __future__ import annotations

import json
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import openpyxl
import pytest
from docx import Document

from pipeline.cli import main
from tests.conftest import REPO, SHARED
from tests.cycle_batches import CUJINHUI, DUPLICATE, HELANSHAN, JINFENG, QIHANG, ZHILIAN, write_round
from tests.scoring_support import even_marks, expert_list, fill, sheets_of

EXPERTS = ["张敏", "李卫东", "王晓燕", "赵刚", "马丽"]


@pytest.fixture(scope="module")
def rounds(tmp_path_factory):
    """The three rounds pre-screened (no registry yet): year → output folder; plus the cache."""
    base = tmp_path_factory.mktemp("cycle")
    cache = base / "cache"
    outs = {}
    for year in (2023, 2025, 2026):
        batch = write_round(year, base / f"batch{year}")
        outs[year] = base / f"out{year}"
        _ok(["run", str(batch), "--out", str(outs[year]), "--as-of", f"{year}-04-30", "--no-pdf", "--jobs", "2",
             "--cache-dir", str(cache)])
    return {"base": base, "cache": cache, **outs}


def _ok(argv: list[str], code: int = 0) -> None:
    assert main(argv) == code, argv


def _results(out: Path) -> dict[str, dict]:
    lines = (out / "results.jsonl").read_text(encoding="utf-8").splitlines()
    return {r["applicant_id"]: r for r in map(json.loads, lines)}


def _score_round(out: Path, tmp: Path, reg: str) -> Path:
    """Five experts score the 2025 round; 贺兰山 fails its site inspection."""
    _ok(["scores", str(out), "--experts", str(expert_list(tmp / "专家名单.xlsx", EXPERTS))])
    folder = out / "评分表"
    wanted = {ZHILIAN: 82, QIHANG: 78, CUJINHUI: 90, HELANSHAN: 85}
    for n, name in enumerate(EXPERTS):
        book = folder / f"评分表-{name}.xlsx"
        assert set(sheets_of(book)) == set(wanted)
        fill(book, {a: even_marks(total + n - 2) for a, total in wanted.items()})
    inspections = openpyxl.load_workbook(folder / "实地考察.xlsx")
    sheet = inspections.active
    for row in sheet.iter_rows(min_row=2):
        row[3].value = "不通过" if row[0].value == HELANSHAN else "通过"
        row[4].value = "2025-08-15"
        row[5].value = "场地与申报不符" if row[0].value == HELANSHAN else ""
    inspections.save(folder / "实地考察.xlsx")
    paths = [str(p) for p in sorted(folder.glob("评分表-*.xlsx"))]
    _ok(["scores", str(out), "--apply", *paths, "--inspections", str(folder / "实地考察.xlsx"),
         "--round", "2025", "--registry", reg])
    return out / "评审汇总.xlsx"


def test_yearly_cycle(rounds, registry_location, tmp_path, capsys):
    reg = registry_location
    # 2023: one unit certified; its title runs to 2026-10-19
    _ok(["registry", "record", str(rounds[2023]), "--round", "2023", "--registry", reg])
    _ok(["registry", "certify", "--round", "2023", "--ids", JINFENG, "--date", "2023-10-20", "--registry", reg])
    # 2025: recorded, scored, the proposed list published, certified
    _ok(["registry", "record", str(rounds[2025]), "--round", "2025", "--registry", reg])
    _ok(["registry", "record", str(rounds[2025]), "--round", "2025", "--registry", reg], code=1)  # twice: refused
    summary = _score_round(rounds[2025], tmp_path, reg)
    ranking = list(openpyxl.load_workbook(summary)["评审汇总"].iter_rows(values_only=True))
    header, rows = ranking[0], [r for r in ranking[1:] if r and r[1]]
    by_id = {r[1]: dict(zip(header, r, strict=False)) for r in rows}
    assert [r[1] for r in rows][:4] == [CUJINHUI, HELANSHAN, ZHILIAN, QIHANG]  # by score
    assert by_id[CUJINHUI]["得分"] == 90 and by_id[CUJINHUI]["有效评分数"] == 5  # trimmed mean of 88…92
    assert by_id[HELANSHAN]["实地考察"] == "不通过" and by_id[HELANSHAN]["建议列入拟认定名单"] == "否"
    proposed = [r[1] for r in rows if by_id[r[1]]["建议列入拟认定名单"] == "是"]
    assert proposed == [CUJINHUI, ZHILIAN, QIHANG]
    notice = tmp_path / "公示.docx"
    _ok(["notice", str(rounds[2025]), "--start", "2025-09-29", "--from", str(summary), "--out", str(notice)])
    text = "\n".join(c.text for t in Document(str(notice)).tables for row in t.rows for c in row.cells)
    assert "宁夏中小企业投融资服务平台" in text and "贺兰山" not in text
    _ok(["registry", "certify", "--round", "2025", "--ids", *proposed, "--date", "2025-10-20", "--registry", reg])
    _ok(["registry", "certify", "--round", "2025", "--ids", ZHILIAN, "--date", "2025-10-21", "--registry", reg], code=1)
    _ok(["registry", "revoke", QIHANG, "--date", "2025-12-01", "--reason", "虚报服务业绩", "--registry", reg])
    grades = tmp_path / "考核结果.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["统一社会信用代码", "考核等级", "说明"])
    book.active.append(["51640106TJQJR6MW49", "优秀", "服务绩效突出"])
    book.active.append(["91640106DNQHT1QF4E", "合格", ""])
    book.save(grades)
    capsys.readouterr()
    _ok(["registry", "assess", "--year", "2025", "--file", str(grades), "--registry", reg])
    assert "优先推荐申报国家" in capsys.readouterr().out
    _ok(["registry", "assess", "--year", "2025", "--set", f"{ZHILIAN}=良好", "--registry", reg], code=1)

    # 2026: the run flags what the registry knows
    out = tmp_path / "out2026"
    batch = rounds["base"] / "batch2026"
    _ok(["run", str(batch), "--out", str(out), "--as-of", "2026-04-30", "--no-pdf", "--jobs", "2",
         "--cache-dir", str(rounds["cache"]), "--registry", reg])
    results = _results(out)
    flags = {a: sorted(f["id"] for f in r["registry_checks"]) for a, r in results.items()}
    assert flags == {
        ZHILIAN: ["repeat_application"],
        QIHANG: ["revoked"],
        CUJINHUI: ["duplicate_in_batch", "repeat_application"],
        DUPLICATE: ["duplicate_in_batch", "repeat_application"],
        HELANSHAN: [],
        JINFENG: [],  # expires 2026: may apply again
    }
    cross = [i for r in results.values() for i in r["inconsistencies"] if i.get("article")]
    assert len(cross) == 1  # only 贺兰山's 2024 figure differs (78 in 2025, 70 now)
    assert cross[0]["fields"] == ["smes_served_prior_year", "registry.2025.smes_served_last_year"]
    assert cross[0]["values"] == [70, 78] and cross[0]["article"] == "第六条第（二）项"
    assert HELANSHAN in cross[0]["note"]
    plain = _results(rounds[2026])  # the same batch without a registry: all passed
    for applicant_id, result in results.items():
        flagged = flags[applicant_id] or applicant_id == HELANSHAN
        assert plain[applicant_id]["decision"] == "passed"
        assert result["decision"] == ("needs_review" if flagged else "passed"), applicant_id
    revoked = next(f for f in results[QIHANG]["registry_checks"])
    assert revoked["article"] == "第十七条" and "虚报服务业绩" in revoked["note"]
    dup = next(f for f in results[CUJINHUI]["registry_checks"] if f["id"] == "duplicate_in_batch")
    assert dup["related"] == [DUPLICATE] and dup["article"] == "第十四条"
    # shown where the secretariat and the applicant look
    app_dir = out / "applicants" / ZHILIAN
    assert "重复申报（第十七条）" in (app_dir / "dossier.html").read_text(encoding="utf-8")
    checklist = "\n".join(p.text for p in Document(str(app_dir / "checklist.docx")).paragraphs)
    assert "重复申报（第十七条）" in checklist and "2028-10-19" in checklist
    dossier = (out / "applicants" / HELANSHAN / "dossier.html").read_text(encoding="utf-8")
    assert "2025年度上一年度申报填报的上年度服务中小企业数量" in dossier
    sheet = openpyxl.load_workbook(out / "summary.xlsx").worksheets[0]
    assert any("已被撤销称号" in str(c.value) for row in sheet.iter_rows() for c in row)
    contract = subprocess.run([sys.executable, str(SHARED / "tools" / "check_contract.py"), str(out)],
                              capture_output=True, text=True)
    assert contract.returncode == 0, contract.stdout
    # a re-run with the same registry reuses what it can and gives the same lines
    before = (out / "results.jsonl").read_text(encoding="utf-8")
    _ok(["run", str(batch), "--out", str(out), "--as-of", "2026-04-30", "--no-pdf", "--jobs", "2",
         "--cache-dir", str(rounds["cache"]), "--registry", reg])
    assert (out / "results.jsonl").read_text(encoding="utf-8") == before

    # list, show, export
    capsys.readouterr()
    _ok(["registry", "list", "--on", "2026-05-01", "--registry", reg])
    listing = capsys.readouterr().out
    assert "2023年度｜2023-10-20至2026-10-19｜本年到期可再次申报" in listing
    assert "宁夏启航中小企业服务平台" in listing and "已撤销" in listing
    assert "优先推荐申报国家" in listing
    _ok(["registry", "list", "--on", "2026-10-20", "--registry", reg])
    assert "2023-10-20至2026-10-19｜已过期" in capsys.readouterr().out
    _ok(["registry", "show", "51640106TJQJR6MW49", "--on", "2026-05-01", "--registry", reg])
    shown = capsys.readouterr().out
    assert "专家 张敏" in shown and "实地考察：通过" in shown and "2025 年度考核：优秀 服务绩效突出" in shown
    _ok(["registry", "show", "不存在的单位", "--registry", reg], code=1)
    public = tmp_path / "public"
    _ok(["registry", "export", "--out", str(public), "--on", "2026-05-01", "--registry", reg])
    table = list(openpyxl.load_workbook(public / "示范平台名单.xlsx").active.iter_rows(values_only=True))
    assert table[0] == ("序号", "平台名称", "运营单位", "所在市", "服务功能", "认定日期", "有效期至")
    listed = {row[2] for row in table[1:]}
    assert listed == {"宁夏中小企业发展促进会", "宁夏智联科技服务有限公司", "宁夏金凤科创服务有限公司"}  # not revoked
    flat = json.dumps(table, ensure_ascii=False)
    assert "51640106TJQJR6MW49" not in flat and "1399" not in flat  # no credit code, no phone
    page = (public / "示范平台名单.html").read_text(encoding="utf-8")
    cells = _cells(page)
    assert "宁夏智联科技服务有限公司" in cells and "2028-10-19" in cells and "http" not in page.split("<body>")[1]


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.cells: list[str] = []
        self._in = False

    def handle_starttag(self, tag, attrs):
        self._in = tag == "td"

    def handle_data(self, data):
        if self._in:
            self.cells.append(data)

    def handle_endtag(self, tag):
        self._in = False


def _cells(page: str) -> list[str]:
    parser = _Cells()
    parser.feed(page)
    return parser.cells


def test_record_refuses_a_round_of_another_year(rounds, tmp_path):
    reg = str(tmp_path / "r.sqlite")
    _ok(["registry", "record", str(rounds[2025]), "--round", "2026", "--registry", reg], code=1)
    _ok(["registry", "certify", "--round", "2025", "--ids", ZHILIAN, "--date", "2025-10-20", "--registry", reg], code=1)


def test_default_registry_under_the_user_data_folder(rounds, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    _ok(["registry", "record", str(rounds[2023]), "--round", "2023"])
    assert (tmp_path / "data" / "nx-prescreen" / "registry.sqlite").is_file()


def test_cli_help_is_chinese():
    for argv in (["registry", "--help"], ["registry", "certify", "--help"], ["scores", "--help"]):
        done = subprocess.run([sys.executable, "-m", "pipeline", *argv], capture_output=True, text=True, cwd=REPO)
        assert done.returncode == 0 and "显示帮助信息并退出" in done.stdout and "show this help" not in done.stdout
