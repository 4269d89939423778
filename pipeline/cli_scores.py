"""`scores …`: expert workbooks out (--experts) and back (--apply), a thin shell over pipeline.scoring."""

from __future__ import annotations

import sys
from pathlib import Path

from .cli_registry import add_location

WORKBOOK_DIR = "评分表"


def add_scores(sub) -> None:
    scores = sub.add_parser(
        "scores",
        help="专家评分：生成每位专家的评分工作簿，或收回评分表并汇总排名（第十二条）",
        description="scores OUT --experts 专家名单.xlsx：在 OUT/评分表/ 下为每位专家生成一个评分工作簿（每个申报一张工作表，"
        "含利益冲突声明）和实地考察表；scores OUT --apply 评分表/*.xlsx [--inspections 实地考察.xlsx]：核对评分"
        "（得分范围、漏评、申请回避、未知的专家或申报），汇总并写出 OUT/评审汇总.xlsx（含排名和建议的拟认定名单）。"
        "核对发现问题时仍写出汇总表（问题列在“校验问题”工作表），退出码为 3。",
        add_help=False,
    )
    scores.add_argument("-h", "--help", action="help", help="显示帮助信息并退出")
    scores.add_argument("out", metavar="OUT", type=Path, help="run 命令的输出文件夹（含 results.jsonl）")
    mode = scores.add_mutually_exclusive_group(required=True)
    mode.add_argument("--experts", type=Path, metavar="XLSX", help="专家名单：姓名、工作单位、评审申报（申报编号，留空为全部）")
    mode.add_argument("--apply", nargs="+", type=Path, metavar="XLSX", help="专家交回的评分工作簿")
    scores.add_argument("--inspections", type=Path, metavar="XLSX", help="实地考察结果表（通过/不通过、说明）")
    scores.add_argument(
        "--round", type=int, metavar="YEAR", help="同时把评分和实地考察结果登记到认定库的该年度（须已用 registry record 登记）"
    )
    add_location(scores)


def scores_command(args) -> int:
    from .registry.db import RegistryError
    from .render.notice.public_notice import NoticeError, load_results
    from .scoring.sheets import ScoringError

    folder = args.out if args.out.is_dir() else args.out.parent
    try:
        results = load_results(args.out)
        if not results:
            raise ScoringError(f"{args.out} 中没有预审结果")
        if args.experts:
            return _send(results, args, folder)
        return _collect(results, args, folder)
    except (ScoringError, NoticeError, RegistryError, OSError) as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


def _send(results, args, folder: Path) -> int:
    from .scoring.experts import read_experts
    from .scoring.workbook import INSPECTION_FILE, write_workbooks

    target = folder / WORKBOOK_DIR
    assignment = write_workbooks(results, read_experts(args.experts), target)
    for expert, ids in assignment.experts.items():
        print(f"{expert}：{len(ids)} 个申报，{target / assignment.files[expert]}")
    print(f"实地考察表：{target / INSPECTION_FILE}")
    return 0


def _collect(results, args, folder: Path) -> int:
    from .scoring.aggregate import rank
    from .scoring.readback import load_assignment, read_back, read_inspections
    from .scoring.summary import SUMMARY_FILE, write_summary

    review = read_back(args.apply, load_assignment(folder / WORKBOOK_DIR), results)
    if args.inspections:
        review.inspections = read_inspections(args.inspections, {r.applicant_id for r in results}, review.problems)
    rows = rank(review, results)
    write_summary(rows, review, folder / SUMMARY_FILE)
    if args.round is not None:
        _record(review, args)
    for p in review.problems:
        print(f"问题：{p.file} {p.expert} {p.applicant_id}：{p.text}".replace("  ", " "), file=sys.stderr)
    proposed = sum(r.proposed for r in rows)
    print(f"已汇总 {len(rows)} 个申报的评分，建议列入拟认定名单 {proposed} 个：{folder / SUMMARY_FILE}")
    return 3 if review.problems else 0


def _record(review, args) -> None:
    from .cli_registry import open_registry
    from .registry.api import InspectionRecord, ScoreRecord

    records = [
        ScoreRecord(applicant_id=s.applicant_id, expert=s.expert, conflict=s.conflict, total=s.total, items=s.items)
        for s in review.sheets
        if s.valid or s.conflict
    ]
    visits = [
        InspectionRecord(applicant_id=v.applicant_id, passed=v.passed, inspected_on=v.inspected_on, note=v.note)
        for v in review.inspections.values()
    ]
    with open_registry(args) as reg:
        reg.record_review(args.round, records, visits)
    print(f"评分和实地考察结果已登记到认定库（{args.round} 年度）。")
